//! OS errors turned into something a student can act on: the call that
//! failed, the errno's name, and a plain-language cause with a likely fix.

use std::fmt;
use std::io;

use serde::{Deserialize, Serialize};

/// An error as an event carries it (an `io::Error` is not `Clone`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetError {
    /// The call that failed, as a tutorial would write it: `bind(127.0.0.1:9000)`.
    pub call: String,
    /// The errno name (`EADDRINUSE`), when the OS gave one.
    pub errno: Option<String>,
    /// The OS's own message, or ours when the error is not from the OS.
    pub message: String,
    /// One sentence: the likely cause and what to do about it.
    pub hint: String,
}

impl NetError {
    pub fn from_io(call: impl Into<String>, err: &io::Error) -> NetError {
        let call = call.into();
        let code = err.raw_os_error();
        let errno = code.and_then(errno_name).map(str::to_string);
        let hint = match code {
            Some(c) => explain_errno(c, &call).to_string(),
            None if err.kind() == io::ErrorKind::TimedOut => explain_errno(libc::ETIMEDOUT, &call).into(),
            None if call.starts_with("getaddrinfo") => {
                "The host name could not be resolved: check its spelling, or use an IP address such as 127.0.0.1."
                    .into()
            }
            None => String::new(),
        };
        let errno = errno.or_else(|| (err.kind() == io::ErrorKind::TimedOut).then(|| "ETIMEDOUT".into()));
        let message = strip_os_error_suffix(&err.to_string());
        NetError { call, errno, message, hint }
    }

    /// An error the engine itself raises (bad state, refused option, …).
    pub fn usage(call: impl Into<String>, message: impl Into<String>) -> NetError {
        NetError { call: call.into(), errno: None, message: message.into(), hint: String::new() }
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: ", self.call)?;
        match &self.errno {
            Some(e) => write!(f, "{e} ({})", self.message)?,
            None => write!(f, "{}", self.message)?,
        }
        if !self.hint.is_empty() {
            write!(f, ". {}", self.hint)?;
        }
        Ok(())
    }
}

/// Rust appends " (os error 98)"; the errno name says it better.
fn strip_os_error_suffix(s: &str) -> String {
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// The symbolic name of an errno value, for the errors sockets produce.
pub fn errno_name(code: i32) -> Option<&'static str> {
    use libc::*;
    Some(match code {
        EADDRINUSE => "EADDRINUSE",
        EADDRNOTAVAIL => "EADDRNOTAVAIL",
        ECONNREFUSED => "ECONNREFUSED",
        EACCES => "EACCES",
        EPERM => "EPERM",
        ETIMEDOUT => "ETIMEDOUT",
        ECONNRESET => "ECONNRESET",
        ECONNABORTED => "ECONNABORTED",
        EPIPE => "EPIPE",
        EMFILE => "EMFILE",
        ENFILE => "ENFILE",
        ENOBUFS => "ENOBUFS",
        ENOMEM => "ENOMEM",
        EHOSTUNREACH => "EHOSTUNREACH",
        ENETUNREACH => "ENETUNREACH",
        ENETDOWN => "ENETDOWN",
        EINVAL => "EINVAL",
        ENOENT => "ENOENT",
        ENOTCONN => "ENOTCONN",
        EISCONN => "EISCONN",
        EAFNOSUPPORT => "EAFNOSUPPORT",
        EPROTONOSUPPORT => "EPROTONOSUPPORT",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOPROTOOPT => "ENOPROTOOPT",
        EMSGSIZE => "EMSGSIZE",
        EDESTADDRREQ => "EDESTADDRREQ",
        EINPROGRESS => "EINPROGRESS",
        EALREADY => "EALREADY",
        ENOTSOCK => "ENOTSOCK",
        EBADF => "EBADF",
        EINTR => "EINTR",
        EAGAIN => "EAGAIN",
        ENOTDIR => "ENOTDIR",
        EROFS => "EROFS",
        ENAMETOOLONG => "ENAMETOOLONG",
        _ => return None,
    })
}

/// One sentence on why this errno happens and what usually fixes it.
/// `call` lets the same errno read right for bind, connect or send.
pub fn explain_errno(code: i32, call: &str) -> &'static str {
    use libc::*;
    let is = |name: &str| call.starts_with(name);
    match code {
        EADDRINUSE if is("connect") => {
            "No free local port was left for this connection: close some connections or widen the ephemeral port range."
        }
        EADDRINUSE => {
            "Another socket is already bound to this address and port: stop the other server or pick another port (0 lets the OS choose). If only old connections in TIME_WAIT hold it (ss -tan shows them), SO_REUSEADDR before bind lets a new server in; Linux requires the old server to have set it too."
        }
        EADDRNOTAVAIL => {
            "This machine has no interface with that IP address: bind 127.0.0.1 (this machine only), 0.0.0.0 (every interface), or one of the machine's own addresses."
        }
        ECONNREFUSED if is("recv") || is("send") => {
            "Nothing is listening on that port: an earlier datagram was answered with ICMP port unreachable, which this connected socket reports on its next call. Start the server first, or check the port number."
        }
        ECONNREFUSED => {
            "Nothing is listening on that address and port (the peer answered with RST): start the server first, or check the port number."
        }
        EACCES if is("bind") => {
            "Ports below 1024 need administrator rights on most systems: use a port from 1024 to 65535."
        }
        EACCES if is("sendto") || is("send") => {
            "Sending to a broadcast address needs SO_BROADCAST on the socket: turn it on, then send again."
        }
        EACCES | EPERM => {
            "The OS refused the operation for lack of permission (a firewall rule or a privileged port/option)."
        }
        ETIMEDOUT if is("connect") => {
            "No answer came before the timeout: the host may be down, unreachable, or a firewall drops the packets silently."
        }
        ETIMEDOUT => "The peer stopped answering (keepalive or retransmissions timed out): the connection is dead.",
        ECONNRESET => {
            "The peer aborted the connection (it sent RST): it closed with unread data, crashed, or used SO_LINGER 0."
        }
        ECONNABORTED => "The connection was aborted before it could be accepted or used.",
        EPIPE => {
            "The connection is closed for writing (the peer closed it, or we shut down our sending side), so this data cannot be sent."
        }
        EMFILE => "This process has too many open files and sockets: close some, or raise the limit (ulimit -n).",
        ENFILE => "The whole system has too many open files: close some programs or raise the system limit.",
        ENOBUFS | ENOMEM => "The OS ran out of buffer memory for sockets: send less at once or close idle sockets.",
        EHOSTUNREACH => "There is no route to that host: check the address and that the machine is on the network.",
        ENETUNREACH | ENETDOWN => {
            "The network is unreachable from this machine: check the address and the network connection."
        }
        EINVAL if is("setsockopt") => {
            "The OS rejected this value or this option at this point in the socket's life (some options only work before bind or connect)."
        }
        EINVAL if is("bind") => "This socket is already bound, or the address does not suit this socket type.",
        EINVAL => "The OS rejected an argument of this call as invalid for this socket.",
        ENOENT => "No such file: for a Unix socket, start the server that creates this path first.",
        ENOTCONN => "The socket is not connected: connect() first, or give a destination address.",
        EISCONN => "The socket is already connected.",
        EAFNOSUPPORT => "This address family is not supported here (e.g. IPv6 is disabled on this machine).",
        EPROTONOSUPPORT => "This protocol is not supported for this socket type.",
        EOPNOTSUPP => "This socket type does not support the operation (e.g. listen() on a datagram socket).",
        ENOPROTOOPT => "This socket option does not exist for this protocol (e.g. TCP_NODELAY on a UDP socket).",
        EMSGSIZE => {
            "The datagram is larger than the socket can send in one piece (UDP's limit is 65,507 bytes over IPv4): send less."
        }
        EDESTADDRREQ => "No destination: this socket is not connected, so give an address to send to.",
        EROFS | ENOTDIR | ENAMETOOLONG => {
            "The Unix socket path cannot be created here: pick a writable directory and a shorter path."
        }
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_explains_addr_in_use() {
        let err = io::Error::from_raw_os_error(libc::EADDRINUSE);
        let e = NetError::from_io("bind(127.0.0.1:9000)", &err);
        assert_eq!(e.errno.as_deref(), Some("EADDRINUSE"));
        assert!(e.hint.contains("SO_REUSEADDR"));
        let text = e.to_string();
        assert!(text.starts_with("bind(127.0.0.1:9000) failed: EADDRINUSE (Address already in use)"), "{text}");
        assert!(!text.contains("os error"));
    }

    #[test]
    fn connect_refused_reads_right() {
        let e = NetError::from_io("connect(127.0.0.1:1)", &io::Error::from_raw_os_error(libc::ECONNREFUSED));
        assert!(e.hint.contains("Nothing is listening"));
    }
}
