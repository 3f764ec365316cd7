//! Receiving datagrams in batches: on Linux one recvmmsg() takes up to
//! [`BATCH`] datagrams with their sources and the kernel's drop counter
//! (SO_RXQ_OVFL: how many datagrams it discarded because this socket's
//! queue was full). The batch's buffers are allocated once per socket; each
//! slot is big enough for any datagram, but the kernel only touches the
//! pages a datagram fills, so small datagrams cost little memory.

use std::net::SocketAddr;

/// Datagrams one call takes at most.
pub(crate) const BATCH: usize = 32;
/// Each slot holds a datagram of up to this size whole.
pub(crate) const SLOT: usize = 65536;

/// One received datagram: its bytes, source and the kernel's drop count.
pub(crate) struct Datagram<'a> {
    pub data: &'a [u8],
    /// None for a source of an unknown family.
    pub from: Option<SocketAddr>,
    /// Linux attaches the running count once it is above zero.
    pub kernel_dropped: Option<u32>,
}

#[cfg(target_os = "linux")]
mod imp {
    use std::io;
    use std::mem::{size_of, zeroed};
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
    use std::os::fd::AsRawFd;

    use super::{BATCH, Datagram, SLOT};

    /// Room for one SO_RXQ_OVFL control message (and alignment to spare).
    type Control = [u64; 8];

    pub fn enable(sock: &impl AsRawFd) -> io::Result<()> {
        let on: libc::c_int = 1;
        // SAFETY: a valid fd and a pointer to an int of the size we pass.
        let r = unsafe {
            libc::setsockopt(
                sock.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RXQ_OVFL,
                (&on as *const libc::c_int).cast(),
                size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
        if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
    }

    pub struct RecvBatch {
        bufs: Vec<u8>,
        names: Vec<libc::sockaddr_storage>,
        controls: Vec<Control>,
        iovs: Vec<libc::iovec>,
        msgs: Vec<libc::mmsghdr>,
    }

    // SAFETY: the raw pointers in iovs and msgs point into this struct's own
    // Vecs and are rewritten before every call; nothing else shares them.
    unsafe impl Send for RecvBatch {}

    impl RecvBatch {
        pub fn new() -> RecvBatch {
            // SAFETY: all-zero is a valid sockaddr_storage, iovec and mmsghdr.
            let (names, iovs, msgs) = unsafe {
                (vec![zeroed::<libc::sockaddr_storage>(); BATCH], vec![zeroed(); BATCH], vec![zeroed(); BATCH])
            };
            // Zeroed memory from the allocator: pages are only backed once written.
            RecvBatch { bufs: vec![0; BATCH * SLOT], names, controls: vec![[0; 8]; BATCH], iovs, msgs }
        }

        /// One recvmmsg(): how many datagrams it took (at least one), or the error.
        pub fn recv(&mut self, sock: &impl AsRawFd) -> io::Result<usize> {
            for i in 0..BATCH {
                self.iovs[i] = libc::iovec { iov_base: self.bufs[i * SLOT..].as_mut_ptr().cast(), iov_len: SLOT };
                let hdr = &mut self.msgs[i].msg_hdr;
                hdr.msg_name = (&mut self.names[i] as *mut libc::sockaddr_storage).cast();
                hdr.msg_namelen = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                hdr.msg_iov = &mut self.iovs[i];
                hdr.msg_iovlen = 1;
                hdr.msg_control = self.controls[i].as_mut_ptr().cast();
                hdr.msg_controllen = size_of::<Control>() as _;
                hdr.msg_flags = 0;
                self.msgs[i].msg_len = 0;
            }
            // SAFETY: every header points at buffers of this batch, of the lengths given with them.
            let n = unsafe {
                libc::recvmmsg(
                    sock.as_raw_fd(),
                    self.msgs.as_mut_ptr(),
                    BATCH as libc::c_uint,
                    libc::MSG_DONTWAIT,
                    std::ptr::null_mut(),
                )
            };
            if n < 0 { Err(io::Error::last_os_error()) } else { Ok(n as usize) }
        }

        /// The first slot, for a plain recvfrom() (Unix datagram sockets).
        pub fn first_slot(&mut self) -> &mut [u8] {
            &mut self.bufs[..SLOT]
        }

        /// The `i`th datagram of the last call.
        pub fn get(&self, i: usize) -> Datagram<'_> {
            let len = (self.msgs[i].msg_len as usize).min(SLOT);
            let hdr = &self.msgs[i].msg_hdr;
            Datagram {
                data: &self.bufs[i * SLOT..i * SLOT + len],
                from: source(&self.names[i]),
                kernel_dropped: drop_count(hdr),
            }
        }
    }

    fn drop_count(hdr: &libc::msghdr) -> Option<u32> {
        let mut drops = None;
        // SAFETY: the kernel filled in msg_control/msg_controllen; the CMSG
        // macros walk it within those bounds.
        unsafe {
            let mut cmsg = libc::CMSG_FIRSTHDR(hdr);
            while !cmsg.is_null() {
                if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SO_RXQ_OVFL {
                    drops = Some(std::ptr::read_unaligned(libc::CMSG_DATA(cmsg) as *const u32));
                }
                cmsg = libc::CMSG_NXTHDR(hdr, cmsg);
            }
        }
        drops
    }

    fn source(name: &libc::sockaddr_storage) -> Option<SocketAddr> {
        match name.ss_family as libc::c_int {
            libc::AF_INET => {
                // SAFETY: the family says the storage holds a sockaddr_in.
                let a = unsafe { &*(name as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
                let ip = Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr));
                Some(SocketAddr::V4(SocketAddrV4::new(ip, u16::from_be(a.sin_port))))
            }
            libc::AF_INET6 => {
                // SAFETY: the family says the storage holds a sockaddr_in6.
                let a = unsafe { &*(name as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
                let ip = Ipv6Addr::from(a.sin6_addr.s6_addr);
                let port = u16::from_be(a.sin6_port);
                Some(SocketAddr::V6(SocketAddrV6::new(ip, port, a.sin6_flowinfo, a.sin6_scope_id)))
            }
            _ => None,
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use std::io;
    use std::net::SocketAddr;

    use super::{Datagram, SLOT};

    pub fn enable(_sock: &impl std::os::fd::AsRawFd) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "SO_RXQ_OVFL is Linux-only"))
    }

    /// Without recvmmsg: one recvfrom() per call.
    pub struct RecvBatch {
        buf: Vec<u8>,
        last: (usize, Option<SocketAddr>),
    }

    impl RecvBatch {
        pub fn new() -> RecvBatch {
            RecvBatch { buf: vec![0; SLOT], last: (0, None) }
        }

        pub fn recv(&mut self, sock: &mio::net::UdpSocket) -> io::Result<usize> {
            let (n, from) = sock.recv_from(&mut self.buf)?;
            self.last = (n, Some(from));
            Ok(1)
        }

        pub fn first_slot(&mut self) -> &mut [u8] {
            &mut self.buf
        }

        pub fn get(&self, _i: usize) -> Datagram<'_> {
            Datagram { data: &self.buf[..self.last.0], from: self.last.1, kernel_dropped: None }
        }
    }
}

pub(crate) use imp::{RecvBatch, enable};

/// The kernel's running drop count for this UDP socket, read now: Linux lists
/// every UDP socket in /proc/net/udp (udp6 for IPv6) by inode, with `drops`
/// last. None where there is no such table or the socket is not in it.
pub(crate) fn kernel_drops(sock: &mio::net::UdpSocket) -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::MetadataExt;
        let inode = std::fs::metadata(format!("/proc/self/fd/{}", sock.as_raw_fd())).ok()?.ino();
        let table = if sock.local_addr().ok()?.is_ipv6() { "/proc/net/udp6" } else { "/proc/net/udp" };
        drops_of(&std::fs::read_to_string(table).ok()?, inode)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = sock;
        None
    }
}

/// The `drops` column of the row whose `inode` column (the tenth) is `inode`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn drops_of(table: &str, inode: u64) -> Option<u64> {
    table.lines().skip(1).find_map(|row| {
        let mut fields = row.split_whitespace();
        let this = fields.nth(9)?.parse::<u64>().ok()?;
        if this != inode {
            return None;
        }
        fields.last()?.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_are_found_by_inode() {
        let table = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n\
  412: 0100007F:2329 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 40123 2 0000000000000000 0\n\
  978: 0100007F:A1B2 00000000:0000 07 00000000:00034000 00:00000000 00000000     0        0 40777 2 0000000000000000 41097\n";
        assert_eq!(drops_of(table, 40777), Some(41097));
        assert_eq!(drops_of(table, 40123), Some(0));
        assert_eq!(drops_of(table, 1), None);
        assert_eq!(drops_of("header only\n", 40777), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_real_socket_is_in_the_table() {
        let sock = mio::net::UdpSocket::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        assert_eq!(kernel_drops(&sock), Some(0));
    }
}
