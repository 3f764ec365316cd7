//! Setting and reading options on a real socket, through socket2. Values are
//! checked against the option table first, so nothing wraps on its way to C.

use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use socket2::{SockRef, TcpKeepalive};

use super::table::{NO_ERROR, SockOpt};
use super::value::OptValue;

impl SockOpt {
    /// Sets the option on a socket. `ipv6` picks the IPv6 variant where there is one.
    pub fn set(self, sock: &SockRef<'_>, value: &OptValue, ipv6: bool) -> io::Result<()> {
        self.check(value).map_err(|msg| io::Error::new(io::ErrorKind::InvalidInput, msg))?;
        let bad =
            || io::Error::new(io::ErrorKind::InvalidInput, crate::t!("option-wrong-value", c_name = self.c_name()));
        let int = |v: &OptValue| match v {
            OptValue::Int(n) => u32::try_from(*n).map_err(|_| bad()),
            _ => Err(bad()),
        };
        let boolean = |v: &OptValue| match v {
            OptValue::Bool(b) => Ok(*b),
            _ => Err(bad()),
        };
        let millis = |v: &OptValue| match v {
            OptValue::Millis(ms) => Ok(ms.map(Duration::from_millis)),
            _ => Err(bad()),
        };
        match self {
            SockOpt::ReuseAddr => sock.set_reuse_address(boolean(value)?),
            SockOpt::ReusePort => set_reuse_port(sock, boolean(value)?),
            SockOpt::V6Only => sock.set_only_v6(boolean(value)?),
            SockOpt::NoDelay => sock.set_tcp_nodelay(boolean(value)?),
            SockOpt::KeepAlive => sock.set_keepalive(boolean(value)?),
            SockOpt::KeepIdle => {
                sock.set_tcp_keepalive(&TcpKeepalive::new().with_time(Duration::from_secs(int(value)?.into())))
            }
            SockOpt::KeepInterval => keepalive_interval(sock, int(value)?),
            SockOpt::SndBuf => sock.set_send_buffer_size(int(value)? as usize),
            SockOpt::RcvBuf => sock.set_recv_buffer_size(int(value)? as usize),
            SockOpt::Linger => match value {
                OptValue::Linger(l) => sock.set_linger(l.map(Duration::from_secs)),
                _ => Err(bad()),
            },
            SockOpt::Ttl if ipv6 => sock.set_unicast_hops_v6(int(value)?),
            SockOpt::Ttl => sock.set_ttl_v4(int(value)?),
            SockOpt::Broadcast => sock.set_broadcast(boolean(value)?),
            SockOpt::MulticastTtl if ipv6 => sock.set_multicast_hops_v6(int(value)?),
            SockOpt::MulticastTtl => sock.set_multicast_ttl_v4(int(value)?),
            SockOpt::MulticastLoop if ipv6 => sock.set_multicast_loop_v6(boolean(value)?),
            SockOpt::MulticastLoop => sock.set_multicast_loop_v4(boolean(value)?),
            SockOpt::JoinMulticast | SockOpt::LeaveMulticast => {
                let join = self == SockOpt::JoinMulticast;
                match value {
                    OptValue::Group(IpAddr::V4(g)) if join => sock.join_multicast_v4(g, &Ipv4Addr::UNSPECIFIED),
                    OptValue::Group(IpAddr::V4(g)) => sock.leave_multicast_v4(g, &Ipv4Addr::UNSPECIFIED),
                    OptValue::Group(IpAddr::V6(g)) if join => sock.join_multicast_v6(g, 0),
                    OptValue::Group(IpAddr::V6(g)) => sock.leave_multicast_v6(g, 0),
                    _ => Err(bad()),
                }
            }
            SockOpt::ReadTimeout => sock.set_read_timeout(millis(value)?),
            SockOpt::WriteTimeout => sock.set_write_timeout(millis(value)?),
            SockOpt::SoType | SockOpt::SoError => Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                crate::t!("option-read-only-c", c_name = self.c_name()),
            )),
        }
    }

    /// Reads the option back from the kernel. Join/leave have nothing to read:
    /// their effective value is the group, once the call succeeded.
    pub fn get(self, sock: &SockRef<'_>, ipv6: bool) -> io::Result<OptValue> {
        let ms = |d: Option<Duration>| OptValue::Millis(d.map(|d| d.as_millis() as u64));
        Ok(match self {
            SockOpt::ReuseAddr => OptValue::Bool(sock.reuse_address()?),
            SockOpt::ReusePort => OptValue::Bool(reuse_port(sock)?),
            SockOpt::V6Only => OptValue::Bool(sock.only_v6()?),
            SockOpt::NoDelay => OptValue::Bool(sock.tcp_nodelay()?),
            SockOpt::KeepAlive => OptValue::Bool(sock.keepalive()?),
            SockOpt::KeepIdle => OptValue::Int(keepalive_time(sock)?),
            SockOpt::KeepInterval => OptValue::Int(keepalive_interval_get(sock)?),
            SockOpt::SndBuf => OptValue::Int(sock.send_buffer_size()? as u64),
            SockOpt::RcvBuf => OptValue::Int(sock.recv_buffer_size()? as u64),
            SockOpt::Linger => OptValue::Linger(sock.linger()?.map(|d| d.as_secs())),
            SockOpt::Ttl if ipv6 => OptValue::Int(sock.unicast_hops_v6()?.into()),
            SockOpt::Ttl => OptValue::Int(sock.ttl_v4()?.into()),
            SockOpt::Broadcast => OptValue::Bool(sock.broadcast()?),
            SockOpt::MulticastTtl if ipv6 => OptValue::Int(sock.multicast_hops_v6()?.into()),
            SockOpt::MulticastTtl => OptValue::Int(sock.multicast_ttl_v4()?.into()),
            SockOpt::MulticastLoop if ipv6 => OptValue::Bool(sock.multicast_loop_v6()?),
            SockOpt::MulticastLoop => OptValue::Bool(sock.multicast_loop_v4()?),
            SockOpt::JoinMulticast | SockOpt::LeaveMulticast => {
                return Err(io::Error::new(io::ErrorKind::Unsupported, crate::t!("option-membership-unreadable")));
            }
            SockOpt::ReadTimeout => ms(sock.read_timeout()?),
            SockOpt::WriteTimeout => ms(sock.write_timeout()?),
            SockOpt::SoType => OptValue::Text(type_name(sock.r#type()?).into()),
            // Language-neutral, as `--json` carries it: "0" or the errno's name
            // (its number when it has none); `OptValue::shown` words it for a person.
            SockOpt::SoError => OptValue::Text(match sock.take_error()? {
                None => NO_ERROR.to_string(),
                Some(e) => match e.raw_os_error() {
                    Some(code) => crate::net::errors::errno_name(code).map_or_else(|| code.to_string(), str::to_string),
                    None => e.kind().to_string(),
                },
            }),
        })
    }
}

fn type_name(t: socket2::Type) -> &'static str {
    if t == socket2::Type::STREAM {
        "SOCK_STREAM"
    } else if t == socket2::Type::DGRAM {
        "SOCK_DGRAM"
    } else {
        "other"
    }
}

#[cfg(unix)]
fn set_reuse_port(sock: &SockRef<'_>, on: bool) -> io::Result<()> {
    sock.set_reuse_port(on)
}
#[cfg(unix)]
fn reuse_port(sock: &SockRef<'_>) -> io::Result<bool> {
    sock.reuse_port()
}
#[cfg(not(unix))]
fn set_reuse_port(_: &SockRef<'_>, _: bool) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, crate::t!("option-no-reuseport")))
}
#[cfg(not(unix))]
fn reuse_port(_: &SockRef<'_>) -> io::Result<bool> {
    Err(io::Error::new(io::ErrorKind::Unsupported, crate::t!("option-no-reuseport")))
}

fn keepalive_interval(sock: &SockRef<'_>, secs: u32) -> io::Result<()> {
    sock.set_tcp_keepalive(&TcpKeepalive::new().with_interval(Duration::from_secs(secs.into())))
}

fn keepalive_time(sock: &SockRef<'_>) -> io::Result<u64> {
    sock.tcp_keepalive_time().map(|d| d.as_secs())
}

fn keepalive_interval_get(sock: &SockRef<'_>) -> io::Result<u64> {
    sock.tcp_keepalive_interval().map(|d| d.as_secs())
}
