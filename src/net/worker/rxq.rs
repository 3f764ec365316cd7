//! recvfrom() that also reads the kernel's drop counter (Linux SO_RXQ_OVFL):
//! how many datagrams the kernel discarded because this socket's queue was full.

use std::io;
use std::net::SocketAddr;

#[cfg(target_os = "linux")]
mod imp {
    use std::io;
    use std::mem::{size_of, zeroed};
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
    use std::os::fd::{AsRawFd, RawFd};

    pub fn enable(sock: &impl AsRawFd) -> io::Result<()> {
        let fd: RawFd = sock.as_raw_fd();
        let on: libc::c_int = 1;
        // SAFETY: a valid fd and a pointer to an int of the size we pass.
        let r = unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_RXQ_OVFL,
                &on as *const _ as *const libc::c_void,
                size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
        if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
    }

    /// One datagram, its source, and the kernel's running drop count when it
    /// sent one (Linux only attaches it once the count is above zero).
    pub fn recv_from(sock: &impl AsRawFd, buf: &mut [u8]) -> io::Result<(usize, SocketAddr, Option<u32>)> {
        // SAFETY: every pointer handed to recvmsg points into a live local
        // buffer of the length given with it; the kernel fills them in.
        unsafe {
            let mut name: libc::sockaddr_storage = zeroed();
            let mut iov = libc::iovec { iov_base: buf.as_mut_ptr().cast(), iov_len: buf.len() };
            let mut control = [0u64; 8];
            let mut msg: libc::msghdr = zeroed();
            msg.msg_name = (&mut name as *mut libc::sockaddr_storage).cast();
            msg.msg_namelen = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            msg.msg_iov = &mut iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control.as_mut_ptr().cast();
            msg.msg_controllen = size_of::<[u64; 8]>() as _;
            let n = libc::recvmsg(sock.as_raw_fd(), &mut msg, 0);
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            let mut drops = None;
            let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
            while !cmsg.is_null() {
                if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SO_RXQ_OVFL {
                    drops = Some(std::ptr::read_unaligned(libc::CMSG_DATA(cmsg) as *const u32));
                }
                cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
            }
            let from = match name.ss_family as libc::c_int {
                libc::AF_INET => {
                    let a = &*(&name as *const _ as *const libc::sockaddr_in);
                    SocketAddr::V4(SocketAddrV4::new(
                        Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr)),
                        u16::from_be(a.sin_port),
                    ))
                }
                libc::AF_INET6 => {
                    let a = &*(&name as *const _ as *const libc::sockaddr_in6);
                    SocketAddr::V6(SocketAddrV6::new(
                        Ipv6Addr::from(a.sin6_addr.s6_addr),
                        u16::from_be(a.sin6_port),
                        a.sin6_flowinfo,
                        a.sin6_scope_id,
                    ))
                }
                _ => return Err(io::Error::new(io::ErrorKind::InvalidData, "datagram from an unknown address family")),
            };
            Ok((n as usize, from, drops))
        }
    }
}

#[cfg(target_os = "linux")]
pub(crate) use imp::enable;

#[cfg(not(target_os = "linux"))]
pub(crate) fn enable(_sock: &impl std::os::fd::AsRawFd) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "SO_RXQ_OVFL is Linux-only"))
}

pub(crate) fn recv_from(sock: &mio::net::UdpSocket, buf: &mut [u8]) -> io::Result<(usize, SocketAddr, Option<u32>)> {
    #[cfg(target_os = "linux")]
    {
        imp::recv_from(sock, buf)
    }
    #[cfg(not(target_os = "linux"))]
    {
        sock.recv_from(buf).map(|(n, a)| (n, a, None))
    }
}
