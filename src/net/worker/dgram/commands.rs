//! What the datagram worker does with each command.

use std::path::PathBuf;

use super::{Dest, DgramFile, SEND_QUEUE, Sock, Worker};
use crate::msg;
use crate::net::addr::{Addr, parse_host_port};
use crate::net::behaviour::Behaviour;
use crate::net::chunk::Chunk;
use crate::net::command::{Command, Target};
use crate::net::errors::NetError;
use crate::net::event::EventKind;
use crate::net::frame::FrameSpec;
use crate::net::reply::ReplyMode;
use crate::net::rules::Rule;
use crate::net::worker::file::FileSend;
use crate::net::worker::setup::{OptTarget, resolve, set_option, snapshot};

impl Worker {
    pub(super) fn command(&mut self, cmd: Command) {
        let result = match cmd {
            Command::Open { .. } => Ok(()),
            Command::Send { target, data, .. } => self.dest(&target).and_then(|d| {
                if self.queue.len() >= SEND_QUEUE {
                    return Err(NetError::said("sendto", msg!("net-send-queue-full")));
                }
                self.queue.push_back((Chunk::from(data), d));
                Ok(())
            }),
            Command::SendFile { target, path, .. } => self.dest(&target).and_then(|dest| {
                self.file = Some(DgramFile { file: FileSend::open(&path)?, dest });
                Ok(())
            }),
            Command::SetOption { opt, value, .. } => {
                let at = OptTarget { class: self.class, ipv6: self.is_ipv6(), bound: true, conn: None };
                if let Some(s) = self.sock.as_ref() {
                    set_option(s.sock_ref(), opt, &value, at, &mut self.ctx.out);
                }
                Ok(())
            }
            Command::ReadOptions { .. } => {
                if let Some(s) = self.sock.as_ref() {
                    let reports = snapshot(s.sock_ref(), self.class, self.is_ipv6());
                    self.ctx.out.push(EventKind::Options { conn: None, reports });
                }
                Ok(())
            }
            Command::SetReply { reply, .. } => {
                let (frame, rules) = (self.ctx.spec.frame.clone(), self.ctx.spec.rules.clone());
                self.set_behaviour(reply, frame, rules)
            }
            Command::SetFraming { frame, .. } => {
                let (reply, rules) = (self.ctx.spec.reply, self.ctx.spec.rules.clone());
                self.set_behaviour(reply, frame, rules)
            }
            Command::SetRules { rules, .. } => {
                let (reply, frame) = (self.ctx.spec.reply, self.ctx.spec.frame.clone());
                self.set_behaviour(reply, frame, rules)
            }
            Command::RunSequence { sequence, since_connect, .. } => {
                if self.sock.as_ref().and_then(Sock::peer).is_none() {
                    Err(NetError::said("sequence", msg!("net-dgram-no-peer-for-sequence")))
                } else {
                    self.proto.start_sequence(&sequence, since_connect).map(|outputs| self.sequence_outputs(outputs))
                }
            }
            Command::StopSequence { .. } => {
                let outputs = self.proto.stop_sequence();
                self.sequence_outputs(outputs);
                Ok(())
            }
            Command::ShutdownWrite { .. } | Command::Disconnect { .. } => {
                Err(NetError::said("shutdown", msg!("net-dgram-no-connection-to-shut")))
            }
            Command::Close { .. } => {
                self.done = true;
                Ok(())
            }
            Command::Capture { path, .. } => {
                self.ctx.out.set_capture(path);
                Ok(())
            }
            Command::WatchTcp { .. } => {
                Err(NetError::said("getsockopt(TCP_INFO)", crate::net::kernel::text::not_tcp()))
            }
            Command::UnwatchTcp { .. } => Ok(()),
        };
        if let Err(error) = result {
            self.ctx.out.push(EventKind::Error { conn: None, error });
        }
    }

    /// New rules (or reply mode), checked first: a bad one is refused with
    /// the reason and the old ones go on.
    fn set_behaviour(&mut self, reply: ReplyMode, frame: FrameSpec, rules: Vec<Rule>) -> Result<(), NetError> {
        let built = Behaviour::new(self.ctx.spec.kind, reply, &frame, &rules)
            .map_err(|e| NetError::usage("rules", e.to_string()))?;
        self.behaviour = built;
        (self.ctx.spec.reply, self.ctx.spec.frame, self.ctx.spec.rules) = (reply, frame, rules);
        Ok(())
    }

    fn is_ipv6(&self) -> bool {
        matches!(self.sock.as_ref().map(Sock::local), Some(Addr::Inet(a)) if a.is_ipv6())
    }

    fn dest(&mut self, target: &Target) -> Result<Dest, NetError> {
        let connected = self.sock.as_ref().and_then(Sock::peer).is_some();
        match target {
            Target::Peer if connected => Ok(Dest::Connected),
            Target::Peer => Err(NetError::said("send", msg!("net-dgram-not-connected"))),
            Target::To(addr) => match self.sock.as_ref() {
                Some(Sock::Unix(_)) => Ok(Dest::Path(PathBuf::from(addr))),
                _ => {
                    parse_host_port(addr).map_err(|m| NetError::usage("sendto", m))?;
                    let v6 = self.is_ipv6();
                    let found = resolve(addr, &mut self.ctx.out).unwrap_or_default();
                    found.into_iter().find(|a| a.is_ipv6() == v6).map(Dest::Inet).ok_or_else(|| {
                        NetError::said(format!("sendto({addr})"), msg!("net-dgram-no-address-of-family"))
                    })
                }
            },
            Target::Conn(_) | Target::All => Err(NetError::said("send", msg!("net-dgram-no-connections"))),
        }
    }
}
