//! What the stream worker does with each command: sends, files, options,
//! half-close, disconnect, close, capture, framing, rules and sequences.

use std::collections::BTreeMap;
use std::path::Path;

use socket2::SockRef;

use super::conn::Conn;
use super::{ListenSock, Worker};
use crate::msg;
use crate::net::addr::Addr;
use crate::net::behaviour::Behaviour;
use crate::net::command::{Command, Target};
use crate::net::errors::NetError;
use crate::net::event::{ConnId, EventKind};
use crate::net::frame::FrameSpec;
use crate::net::reply::ReplyMode;
use crate::net::rules::Rule;
use crate::net::worker::file::FileSend;
use crate::net::worker::setup::{OptTarget, set_option, snapshot};

impl<L: ListenSock> Worker<L> {
    pub(super) fn command(&mut self, cmd: Command) {
        match cmd {
            Command::Open { .. } => {}
            Command::Send { target, data, .. } => match self.targets(&target) {
                Ok(ids) => {
                    for id in ids {
                        self.queue_to(id, data.clone());
                    }
                }
                Err(error) => self.ctx.out.push(EventKind::Error { conn: None, error }),
            },
            Command::SendFile { target, path, .. } => match self.targets(&target) {
                Ok(ids) => {
                    for id in ids {
                        self.start_file(id, &path);
                    }
                }
                Err(error) => self.ctx.out.push(EventKind::Error { conn: None, error }),
            },
            Command::SetOption { conn, opt, value, .. } => {
                let at = OptTarget { class: self.class, ipv6: self.is_ipv6(conn), bound: true, conn };
                if let Some(sock) = Self::sock_ref(&self.listener, &self.conns, conn) {
                    set_option(sock, opt, &value, at, &mut self.ctx.out);
                } else {
                    self.no_such_conn("setsockopt", conn);
                }
            }
            Command::ReadOptions { conn, .. } => {
                let ipv6 = self.is_ipv6(conn);
                if let Some(sock) = Self::sock_ref(&self.listener, &self.conns, conn) {
                    let reports = snapshot(sock, self.class, ipv6);
                    self.ctx.out.push(EventKind::Options { conn, reports });
                } else {
                    self.no_such_conn("getsockopt", conn);
                }
            }
            Command::SetReply { reply, .. } => {
                let (frame, rules) = (self.ctx.spec.frame.clone(), self.ctx.spec.rules.clone());
                self.set_behaviour(reply, frame, rules);
            }
            Command::SetFraming { frame, .. } => {
                let (reply, rules) = (self.ctx.spec.reply, self.ctx.spec.rules.clone());
                self.set_behaviour(reply, frame, rules);
            }
            Command::SetRules { rules, .. } => {
                let (reply, frame) = (self.ctx.spec.reply, self.ctx.spec.frame.clone());
                self.set_behaviour(reply, frame, rules);
            }
            Command::RunSequence { conn, sequence, since_connect, .. } => {
                let id = conn.unwrap_or(0);
                match self.conns.get_mut(&id).map(|c| c.proto.start_sequence(&sequence, since_connect)) {
                    Some(Ok(outputs)) => self.sequence_outputs(id, outputs),
                    Some(Err(error)) => self.ctx.out.push(EventKind::Error { conn: Some(id), error }),
                    None => self.no_conn_for("sequence", conn),
                }
            }
            Command::StopSequence { conn, .. } => {
                let id = conn.unwrap_or(0);
                match self.conns.get_mut(&id).map(|c| c.proto.stop_sequence()) {
                    Some(outputs) => self.sequence_outputs(id, outputs),
                    None => self.no_conn_for("sequence", conn),
                }
            }
            Command::ShutdownWrite { conn, .. } => {
                let id = conn.unwrap_or(0);
                match self.conns.get_mut(&id) {
                    Some(c) => {
                        c.shutdown_requested = true;
                        let _ = c.flush(&mut self.ctx.out);
                        self.tcp_sample_now(id);
                    }
                    None => self.no_such_conn("shutdown", Some(id)),
                }
            }
            Command::Disconnect { conn, abort, .. } => {
                if abort || self.conns.get(&conn).is_some_and(|c| c.flushed()) {
                    self.close_conn(conn, abort);
                } else if let Some(c) = self.conns.get_mut(&conn) {
                    c.close_when_flushed = true;
                } else {
                    self.no_such_conn("close", Some(conn));
                }
            }
            Command::Close { abort, .. } => self.close_all(abort),
            Command::Capture { path, .. } => self.ctx.out.set_capture(path),
            Command::WatchTcp { interval, .. } => self.watch_tcp(interval),
            Command::UnwatchTcp { .. } => self.unwatch_tcp(),
        }
    }

    /// New framing or rules (or reply mode), checked first: a bad one is
    /// refused with the reason and what ran before goes on. A framing that
    /// changes applies to every connection from its next recv() on.
    fn set_behaviour(&mut self, reply: ReplyMode, frame: FrameSpec, rules: Vec<Rule>) {
        let built = match Behaviour::new(self.ctx.spec.kind, reply, &frame, &rules) {
            Ok(b) => b,
            Err(e) => {
                let error = NetError::usage("rules", e.to_string());
                return self.ctx.out.push(EventKind::Error { conn: None, error });
            }
        };
        let reframe = built.frame != self.behaviour.frame;
        self.behaviour = built;
        (self.ctx.spec.reply, self.ctx.spec.frame, self.ctx.spec.rules) = (reply, frame, rules);
        if reframe {
            let ids: Vec<ConnId> = self.conns.keys().copied().collect();
            for id in ids {
                self.unfinished_frame(id);
                if let Some(c) = self.conns.get_mut(&id) {
                    c.proto.reframe(&self.behaviour.frame);
                }
            }
        }
    }

    fn no_conn_for(&mut self, call: &str, conn: Option<ConnId>) {
        let msg = match conn {
            Some(c) => msg!("net-conn-closed", conn = c.to_string()),
            None if self.is_server() => msg!("net-sequence-pick-conn"),
            None => msg!("net-client-not-connected"),
        };
        self.ctx.out.push(EventKind::Error { conn, error: NetError::said(call, msg) });
    }

    fn start_file(&mut self, id: ConnId, path: &Path) {
        match (FileSend::open(path), self.conns.get_mut(&id)) {
            (Ok(f), Some(c)) => c.file = Some(f),
            (Err(error), _) => self.ctx.out.push(EventKind::Error { conn: Some(id), error }),
            (Ok(_), None) => {}
        }
    }

    /// A command about a socket that is gone, refused by the call it would have made.
    fn no_such_conn(&mut self, call: &str, conn: Option<ConnId>) {
        let msg = match conn {
            Some(c) => msg!("net-conn-closed", conn = c.to_string()),
            None => msg!("net-no-socket-open"),
        };
        self.ctx.out.push(EventKind::Error { conn, error: NetError::said(call, msg) });
    }

    /// The socket a command means: the listener, the client's one connection, or one of a server's.
    fn sock_ref<'a>(
        listener: &'a Option<L>,
        conns: &'a BTreeMap<ConnId, Conn<L::Stream>>,
        conn: Option<ConnId>,
    ) -> Option<SockRef<'a>> {
        match conn {
            None if listener.is_some() => listener.as_ref().map(SockRef::from),
            None => conns.get(&0).map(|c| SockRef::from(&c.sock)),
            Some(id) => conns.get(&id).map(|c| SockRef::from(&c.sock)),
        }
    }

    fn is_ipv6(&self, conn: Option<ConnId>) -> bool {
        let local = match conn {
            None if self.is_server() => {
                self.listener.as_ref().and_then(|l| SockRef::from(l).local_addr().ok()).and_then(|a| a.as_socket())
            }
            _ => match self.conns.get(&conn.unwrap_or(0)).map(|c| &c.local) {
                Some(Addr::Inet(a)) => Some(*a),
                _ => None,
            },
        };
        local.is_some_and(|a| a.is_ipv6())
    }

    fn targets(&self, target: &Target) -> Result<Vec<ConnId>, NetError> {
        let none = |msg| Err(NetError::said("send", msg));
        match target {
            Target::Peer if !self.is_server() => Ok(self.conns.keys().copied().collect()),
            Target::Peer => none(msg!("net-server-no-single-peer")),
            Target::Conn(c) if self.conns.contains_key(c) => Ok(vec![*c]),
            Target::Conn(c) => none(msg!("net-conn-closed", conn = c.to_string())),
            Target::All if self.conns.is_empty() => none(msg!("net-no-client")),
            Target::All => Ok(self.conns.keys().copied().collect()),
            Target::To(_) => none(msg!("net-stream-no-address")),
        }
    }
}
