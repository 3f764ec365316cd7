//! What the kernel knows about TCP connections that no socket call returns:
//! the state (LISTEN … TIME_WAIT), round-trip time, congestion window and
//! queues (`tcp_info`), and connections found by address or port through the
//! kernel's socket diagnostics (`SockDiag`), including those socklab no
//! longer holds (TIME_WAIT) or never owned (a student's own client).
//!
//! Linux only; elsewhere every call fails with [`text::not_available`] and
//! [`AVAILABLE`] is false, so callers can say so and carry on.

mod follow;
mod info;
mod state;
pub mod text;

#[cfg(target_os = "linux")]
mod sock_diag;
#[cfg(not(target_os = "linux"))]
mod unsupported;

use std::net::SocketAddr;
use std::os::fd::AsFd;

use serde::Serialize;

pub use follow::{FOLLOW_EVERY, FOLLOW_LIMIT, Follower, Lookup, StateChange, StateWatch};
pub use info::{INFINITE_SSTHRESH, TcpInfo};
#[cfg(target_os = "linux")]
pub use sock_diag::SockDiag;
pub use state::{Cause, TRANSITIONS, TcpState};
#[cfg(not(target_os = "linux"))]
pub use unsupported::SockDiag;

use crate::net::errors::NetError;

/// This OS has TCP_INFO and sock_diag.
pub const AVAILABLE: bool = cfg!(target_os = "linux");

/// TCP_INFO and the queues of one TCP socket (a std, mio or socket2 one).
/// Fails with ENOPROTOOPT or EOPNOTSUPP for a socket that is not TCP.
pub fn tcp_info(sock: &impl AsFd) -> Result<TcpInfo, NetError> {
    #[cfg(target_os = "linux")]
    {
        info::linux::read(sock)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = sock;
        Err(unsupported::error("getsockopt(TCP_INFO)"))
    }
}

/// One TCP socket as sock_diag reports it, whoever owns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KernelSocket {
    pub state: TcpState,
    pub local: SocketAddr,
    /// The peer; `0.0.0.0:0` or `[::]:0` for a listening socket.
    pub remote: SocketAddr,
    /// Bytes received and not read yet; a listener's accept queue.
    pub recv_q: u32,
    /// Bytes not acknowledged yet; a listener's backlog.
    pub send_q: u32,
    /// The owner's user id (0 for TIME_WAIT, which has no owner any more).
    pub uid: u32,
    /// The socket's inode, as in /proc/PID/fd (0 for TIME_WAIT).
    pub inode: u32,
    /// The full TCP_INFO, for sockets that still have one (not TIME_WAIT).
    pub info: Option<TcpInfo>,
}

/// Which port of a socket a port query looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortSide {
    /// Sockets bound to this port: a server and its connections.
    Local,
    /// Sockets connected to this port: the clients of a server there.
    Remote,
    Either,
}
