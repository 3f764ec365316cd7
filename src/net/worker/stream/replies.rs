//! The reply modes on a stream server: echo, chat, daytime and http, as the
//! tutorial servers behave.

use std::time::SystemTime;

use super::conn::{Conn, OUT_PAUSE};
use super::{ListenSock, Worker};
use crate::net::chunk::Chunk;
use crate::net::event::{ConnId, EventKind};
use crate::net::reply::{self, ReplyMode};

impl<L: ListenSock> Worker<L> {
    /// A new connection: daytime answers at once and closes.
    pub(super) fn on_accept(&mut self, c: &mut Conn<L::Stream>) {
        if self.reply == ReplyMode::Daytime {
            let _ = c.queue(reply::daytime_line(SystemTime::now()).into_bytes());
            c.close_when_flushed = true;
        }
    }

    /// Whether this connection's reads should go on: not while its peer (or,
    /// in chat, any client) is slow to take what we send back.
    pub(super) fn may_read(&self, c: &Conn<L::Stream>) -> bool {
        match self.reply {
            ReplyMode::Echo => c.queued() < OUT_PAUSE,
            ReplyMode::Chat => self.conns.values().all(|o| o.queued() < OUT_PAUSE),
            _ => true,
        }
    }

    pub(super) fn on_data(&mut self, id: ConnId, data: Chunk) {
        let reply_data = match self.reply {
            ReplyMode::Echo | ReplyMode::Chat | ReplyMode::Http if self.is_server() => Some(data.to_vec()),
            _ => None,
        };
        self.ctx.out.push(EventKind::Received { conn: id, from: None, data });
        let Some(data) = reply_data else { return };
        match self.reply {
            ReplyMode::Echo => self.queue_to(id, data),
            ReplyMode::Chat => {
                let Some(c) = self.conns.get_mut(&id) else { return };
                c.reply_buf.extend_from_slice(&data);
                let prefix = format!("{}: ", c.peer);
                for line in reply::take_chat_lines(&mut c.reply_buf) {
                    let mut msg = prefix.clone().into_bytes();
                    msg.extend_from_slice(&line);
                    let others: Vec<ConnId> = self.conns.keys().copied().filter(|&o| o != id).collect();
                    for o in others {
                        self.queue_to(o, msg.clone());
                    }
                }
            }
            ReplyMode::Http => {
                let Some(c) = self.conns.get_mut(&id) else { return };
                if c.replied {
                    return;
                }
                c.reply_buf.extend_from_slice(&data);
                let answer = match reply::http_head_end(&c.reply_buf) {
                    Some(end) => Some(reply::http_response(Some(&c.reply_buf[..end]))),
                    None if c.reply_buf.len() > reply::MAX_HTTP_HEAD => Some(reply::http_response(None)),
                    None => None,
                };
                if let Some(answer) = answer {
                    c.replied = true;
                    c.reply_buf = Vec::new();
                    c.close_when_flushed = true;
                    self.queue_to(id, answer);
                }
            }
            _ => {}
        }
    }
}
