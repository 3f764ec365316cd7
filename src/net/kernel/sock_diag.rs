//! The kernel's socket diagnostics (NETLINK_SOCK_DIAG, what `ss` uses): TCP
//! sockets by 4-tuple or by port, whoever owns them. It sees a connection
//! after its last fd is gone (TIME_WAIT) and sockets of other programs.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use netlink_packet_core::{NLM_F_DUMP, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload};
use netlink_packet_sock_diag::SockDiagMessage;
use netlink_packet_sock_diag::constants::{AF_INET, AF_INET6, IPPROTO_TCP};
use netlink_packet_sock_diag::inet::{ExtensionFlags, InetRequest, InetResponse, SocketId, StateFlags, nlas::Nla};
use netlink_sys::{Socket, SocketAddr as NlAddr, protocols::NETLINK_SOCK_DIAG};

use super::info::linux::from_bytes;
use super::{KernelSocket, PortSide, TcpState};
use crate::msg;
use crate::net::errors::NetError;

/// A kernel answer takes microseconds; this only guards against a kernel that never answers.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(2);
/// Room for one netlink datagram of a dump (the kernel fills about 16 KiB a time).
const RECV_BUF: usize = 64 * 1024;
/// `INET_DIAG_NOCOOKIE`: look a socket up by its addresses alone.
const NO_COOKIE: [u8; 8] = [0xff; 8];

/// One netlink socket for sock_diag queries, reused across them.
pub struct SockDiag {
    sock: Socket,
    seq: u32,
    buf: Vec<u8>,
}

impl SockDiag {
    /// Opens the netlink socket (no privileges needed).
    pub fn open() -> Result<SockDiag, NetError> {
        let call = "socket(AF_NETLINK, NETLINK_SOCK_DIAG)";
        let mut sock = Socket::new(NETLINK_SOCK_DIAG).map_err(|e| NetError::from_io(call, &e))?;
        sock.bind_auto().map_err(|e| NetError::from_io("bind(AF_NETLINK)", &e))?;
        sock.connect(&NlAddr::new(0, 0)).map_err(|e| NetError::from_io("connect(AF_NETLINK)", &e))?;
        socket2::SockRef::from(&sock)
            .set_read_timeout(Some(ANSWER_TIMEOUT))
            .map_err(|e| NetError::from_io("setsockopt(SO_RCVTIMEO)", &e))?;
        Ok(SockDiag { sock, seq: 0, buf: Vec::with_capacity(RECV_BUF) })
    }

    /// The TCP socket with exactly this local and remote address, in any
    /// state (TIME_WAIT included); None once the kernel has forgotten it.
    pub fn find(&mut self, local: SocketAddr, remote: SocketAddr) -> Result<Option<KernelSocket>, NetError> {
        let mut id = if local.is_ipv4() { SocketId::new_v4() } else { SocketId::new_v6() };
        id.source_port = local.port();
        id.source_address = local.ip();
        id.destination_port = remote.port();
        id.destination_address = unmap_like(remote.ip(), &local.ip());
        id.cookie = NO_COOKIE;
        let family = if local.is_ipv4() { AF_INET } else { AF_INET6 };
        let found = self.query(request(family, id), NLM_F_REQUEST, &format!("sock_diag({local} → {remote})"))?;
        // Without a connection the kernel's lookup falls back to a listener on the local port.
        Ok(found.into_iter().find(|s| s.remote.port() == remote.port() && s.local.port() == local.port()))
    }

    /// Every TCP socket (IPv4 and IPv6, any state, any owner) with this port on the given side.
    pub fn by_port(&mut self, port: u16, side: PortSide) -> Result<Vec<KernelSocket>, NetError> {
        let mut all = Vec::new();
        for (family, id) in [(AF_INET, SocketId::new_v4()), (AF_INET6, SocketId::new_v6())] {
            let call = format!("sock_diag(port {port})");
            all.extend(self.query(request(family, id), NLM_F_REQUEST | NLM_F_DUMP, &call)?);
        }
        all.retain(|s| side.matches(s, port));
        Ok(all)
    }

    /// Sends one request and collects the sockets of its answer.
    fn query(&mut self, req: InetRequest, flags: u16, call: &str) -> Result<Vec<KernelSocket>, NetError> {
        self.seq = self.seq.wrapping_add(1);
        let mut header = NetlinkHeader::default();
        header.flags = flags;
        header.sequence_number = self.seq;
        let mut packet = NetlinkMessage::new(header, SockDiagMessage::InetRequest(req).into());
        packet.finalize();
        let mut out = vec![0; packet.buffer_len()];
        packet.serialize(&mut out);
        self.sock.send(&out, 0).map_err(|e| NetError::from_io(call, &e))?;
        let mut found = Vec::new();
        let dump = flags & NLM_F_DUMP == NLM_F_DUMP;
        loop {
            self.buf.clear();
            self.sock.recv(&mut self.buf, 0).map_err(|e| NetError::from_io(call, &e))?;
            if self.take_messages(&mut found, call, dump)? {
                return Ok(found);
            }
        }
    }

    /// Decodes one netlink datagram; true when the answer is complete: a dump
    /// ends with NLMSG_DONE, a single lookup with its one answer or an error.
    /// Messages of an earlier request (one that timed out) are skipped.
    fn take_messages(&self, found: &mut Vec<KernelSocket>, call: &str, dump: bool) -> Result<bool, NetError> {
        let mut off = 0;
        while off < self.buf.len() {
            let msg = NetlinkMessage::<SockDiagMessage>::deserialize(&self.buf[off..])
                .map_err(|e| NetError::said(call, msg!("kernel-undecodable-answer", error = e.to_string())))?;
            let len = msg.header.length as usize;
            let ours = msg.header.sequence_number == self.seq;
            match msg.payload {
                _ if !ours => {}
                NetlinkPayload::Done(_) => return Ok(true),
                NetlinkPayload::Error(e) => match e.code {
                    None => return Ok(true),
                    // A single lookup of a tuple the kernel does not know.
                    Some(c) if c.get().abs() == libc::ENOENT => return Ok(true),
                    Some(_) => return Err(NetError::from_io(call, &io::Error::from(e))),
                },
                NetlinkPayload::InnerMessage(SockDiagMessage::InetResponse(r)) => {
                    found.extend(convert(&r));
                    if !dump {
                        return Ok(true);
                    }
                }
                _ => {}
            }
            if len == 0 {
                break;
            }
            off += (len + 3) & !3;
        }
        Ok(false)
    }
}

fn request(family: u8, socket_id: SocketId) -> InetRequest {
    InetRequest {
        family,
        protocol: IPPROTO_TCP,
        extensions: ExtensionFlags::INFO,
        states: StateFlags::all(),
        socket_id,
    }
}

/// A lookup's two addresses must be of one family: an IPv4 peer of a
/// dual-stack socket is written as ::ffff:a.b.c.d.
fn unmap_like(ip: IpAddr, like: &IpAddr) -> IpAddr {
    match (ip, like) {
        (IpAddr::V4(v4), IpAddr::V6(_)) => IpAddr::V6(v4.to_ipv6_mapped()),
        (IpAddr::V6(v6), IpAddr::V4(_)) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        _ => ip,
    }
}

fn convert(r: &InetResponse) -> Option<KernelSocket> {
    let h = &r.header;
    let state = TcpState::from_kernel(h.state)?;
    let id = &h.socket_id;
    let info = r.nlas.iter().find_map(|nla| match nla {
        Nla::TcpInfo(bytes) => from_bytes(bytes, h.recv_queue, h.send_queue).ok(),
        _ => None,
    });
    Some(KernelSocket {
        state,
        local: SocketAddr::new(id.source_address, id.source_port),
        remote: SocketAddr::new(id.destination_address, id.destination_port),
        recv_q: h.recv_queue,
        send_q: h.send_queue,
        uid: h.uid,
        inode: h.inode,
        info,
    })
}

impl PortSide {
    fn matches(self, s: &KernelSocket, port: u16) -> bool {
        match self {
            PortSide::Local => s.local.port() == port,
            PortSide::Remote => s.remote.port() == port,
            PortSide::Either => s.local.port() == port || s.remote.port() == port,
        }
    }
}
