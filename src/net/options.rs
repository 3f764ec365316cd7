//! Every socket option socklab exposes: what it is called in C, when it may be
//! set, what it does in one sentence, and how to set and read it with socket2.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use socket2::{SockRef, TcpKeepalive};

use super::spec::SocketClass;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SockOpt {
    ReuseAddr,
    ReusePort,
    KeepAlive,
    KeepIdle,
    KeepInterval,
    NoDelay,
    SndBuf,
    RcvBuf,
    Linger,
    Ttl,
    Broadcast,
    V6Only,
    MulticastTtl,
    MulticastLoop,
    JoinMulticast,
    LeaveMulticast,
    ReadTimeout,
    WriteTimeout,
    SoType,
    SoError,
}

/// When in a socket's life an option may be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Anytime,
    /// Only has an effect (or is only accepted) before bind().
    BeforeBind,
    ReadOnly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Bool,
    Int,
    Millis,
    Linger,
    Group,
    Word,
}

/// An option's value, as asked for or as read back from the kernel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptValue {
    Bool(bool),
    Int(u64),
    /// A duration in milliseconds; `None` is off / no timeout.
    Millis(Option<u64>),
    /// SO_LINGER: `None` is off, `Some(secs)` is on with that timeout.
    Linger(Option<u64>),
    Group(IpAddr),
    /// Read-only values the kernel reports as words (SOCK_STREAM, an error).
    Text(String),
}

impl fmt::Display for OptValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptValue::Bool(b) => write!(f, "{}", if *b { "on" } else { "off" }),
            OptValue::Int(n) => write!(f, "{n}"),
            OptValue::Millis(None) | OptValue::Linger(None) => write!(f, "off"),
            OptValue::Millis(Some(ms)) => write!(f, "{ms} ms"),
            OptValue::Linger(Some(s)) => write!(f, "on, {s} s"),
            OptValue::Group(ip) => write!(f, "{ip}"),
            OptValue::Text(t) => write!(f, "{t}"),
        }
    }
}

struct Info {
    name: &'static str,
    c_name: &'static str,
    kind: Kind,
    phase: Phase,
    doc: &'static str,
}

impl SockOpt {
    pub const ALL: [SockOpt; 20] = [
        SockOpt::ReuseAddr,
        SockOpt::ReusePort,
        SockOpt::V6Only,
        SockOpt::NoDelay,
        SockOpt::KeepAlive,
        SockOpt::KeepIdle,
        SockOpt::KeepInterval,
        SockOpt::SndBuf,
        SockOpt::RcvBuf,
        SockOpt::Linger,
        SockOpt::Ttl,
        SockOpt::Broadcast,
        SockOpt::MulticastTtl,
        SockOpt::MulticastLoop,
        SockOpt::JoinMulticast,
        SockOpt::LeaveMulticast,
        SockOpt::ReadTimeout,
        SockOpt::WriteTimeout,
        SockOpt::SoType,
        SockOpt::SoError,
    ];

    fn info(self) -> Info {
        use Kind::*;
        use Phase::*;
        let i = |name, c_name, kind, phase, doc| Info { name, c_name, kind, phase, doc };
        match self {
            SockOpt::ReuseAddr => i(
                "reuseaddr",
                "SO_REUSEADDR",
                Bool,
                BeforeBind,
                "Lets a server bind a port that still has old connections in TIME_WAIT, so it can restart at once.",
            ),
            SockOpt::ReusePort => i(
                "reuseport",
                "SO_REUSEPORT",
                Bool,
                BeforeBind,
                "Lets several sockets bind the same port; the kernel spreads connections or datagrams among them.",
            ),
            SockOpt::V6Only => i(
                "v6only",
                "IPV6_V6ONLY",
                Bool,
                BeforeBind,
                "On an IPv6 socket, refuse IPv4 peers; off means [::] also accepts IPv4 as ::ffff:a.b.c.d.",
            ),
            SockOpt::NoDelay => i(
                "nodelay",
                "TCP_NODELAY",
                Bool,
                Anytime,
                "Turns off Nagle's algorithm: small writes go out at once instead of waiting to be combined.",
            ),
            SockOpt::KeepAlive => i(
                "keepalive",
                "SO_KEEPALIVE",
                Bool,
                Anytime,
                "Sends probes on an idle connection so a vanished peer is noticed instead of waiting forever.",
            ),
            SockOpt::KeepIdle => i(
                "keepidle",
                "TCP_KEEPIDLE",
                Int,
                Anytime,
                "Seconds a connection must be idle before the first keepalive probe is sent.",
            ),
            SockOpt::KeepInterval => i(
                "keepintvl",
                "TCP_KEEPINTVL",
                Int,
                Anytime,
                "Seconds between keepalive probes when the peer does not answer.",
            ),
            SockOpt::SndBuf => i(
                "sndbuf",
                "SO_SNDBUF",
                Int,
                Anytime,
                "Size of the kernel's send buffer; Linux doubles the value asked for to leave room for bookkeeping.",
            ),
            SockOpt::RcvBuf => i(
                "rcvbuf",
                "SO_RCVBUF",
                Int,
                Anytime,
                "Size of the kernel's receive buffer (and so the TCP window); Linux doubles the value asked for.",
            ),
            SockOpt::Linger => i(
                "linger",
                "SO_LINGER",
                Linger,
                Anytime,
                "What close() does with unsent data: off waits in the background; on with 0 s aborts with RST.",
            ),
            SockOpt::Ttl => i(
                "ttl",
                "IP_TTL",
                Int,
                Anytime,
                "How many routers a packet may cross before it is dropped (the hop limit on IPv6).",
            ),
            SockOpt::Broadcast => i(
                "broadcast",
                "SO_BROADCAST",
                Bool,
                Anytime,
                "Allows sending datagrams to a broadcast address such as 255.255.255.255.",
            ),
            SockOpt::MulticastTtl => i(
                "mcast_ttl",
                "IP_MULTICAST_TTL",
                Int,
                Anytime,
                "How far multicast datagrams travel: 1 keeps them on the local network.",
            ),
            SockOpt::MulticastLoop => i(
                "mcast_loop",
                "IP_MULTICAST_LOOP",
                Bool,
                Anytime,
                "Whether multicast datagrams we send are also delivered back to this machine.",
            ),
            SockOpt::JoinMulticast => i(
                "join",
                "IP_ADD_MEMBERSHIP",
                Group,
                Anytime,
                "Joins a multicast group, so datagrams sent to that group arrive at this socket.",
            ),
            SockOpt::LeaveMulticast => {
                i("leave", "IP_DROP_MEMBERSHIP", Group, Anytime, "Leaves a multicast group joined earlier.")
            }
            SockOpt::ReadTimeout => i(
                "rcvtimeo",
                "SO_RCVTIMEO",
                Millis,
                Anytime,
                "How long a blocking recv() waits before failing with EAGAIN (socklab's own sockets never block).",
            ),
            SockOpt::WriteTimeout => i(
                "sndtimeo",
                "SO_SNDTIMEO",
                Millis,
                Anytime,
                "How long a blocking send() waits for buffer space (socklab's own sockets never block).",
            ),
            SockOpt::SoType => i(
                "type",
                "SO_TYPE",
                Word,
                ReadOnly,
                "The socket's type: SOCK_STREAM (TCP, a byte stream) or SOCK_DGRAM (UDP, separate datagrams).",
            ),
            SockOpt::SoError => {
                i("error", "SO_ERROR", Word, ReadOnly, "The pending error on the socket, if any; reading it clears it.")
            }
        }
    }

    /// The short name used by `--set` and workspace files.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The C constant, as the man pages write it.
    pub fn c_name(self) -> &'static str {
        self.info().c_name
    }

    pub fn doc(self) -> &'static str {
        self.info().doc
    }

    pub fn phase(self) -> Phase {
        self.info().phase
    }

    pub fn from_name(name: &str) -> Option<SockOpt> {
        let n = name.trim().to_ascii_lowercase();
        SockOpt::ALL.into_iter().find(|o| o.name() == n || o.c_name().eq_ignore_ascii_case(&n))
    }

    /// The value a form should start from for this option.
    pub fn default_value(self) -> OptValue {
        match self.info().kind {
            Kind::Bool => OptValue::Bool(true),
            Kind::Int => OptValue::Int(match self {
                SockOpt::SndBuf | SockOpt::RcvBuf => 65536,
                SockOpt::Ttl => 64,
                SockOpt::MulticastTtl => 1,
                _ => 60,
            }),
            Kind::Millis => OptValue::Millis(Some(1000)),
            Kind::Linger => OptValue::Linger(Some(0)),
            Kind::Group => OptValue::Group(IpAddr::V4(Ipv4Addr::new(239, 1, 2, 3))),
            Kind::Word => OptValue::Text(String::new()),
        }
    }

    /// Why this option does not apply to a socket of this class, if it does not.
    pub fn not_applicable(self, class: SocketClass, ipv6: bool) -> Option<&'static str> {
        use SocketClass::*;
        let inet = matches!(class, Tcp | Udp);
        match self {
            SockOpt::ReuseAddr | SockOpt::ReusePort | SockOpt::Ttl if !inet => {
                Some("only IP sockets have ports and hops")
            }
            SockOpt::V6Only if !inet || !ipv6 => Some("only IPv6 sockets have IPV6_V6ONLY"),
            SockOpt::NoDelay | SockOpt::KeepAlive | SockOpt::KeepIdle | SockOpt::KeepInterval | SockOpt::Linger
                if class != Tcp =>
            {
                Some("a TCP option: it has no meaning on this socket")
            }
            SockOpt::Broadcast if class != Udp || ipv6 => Some("broadcast exists only for UDP over IPv4"),
            SockOpt::MulticastTtl | SockOpt::MulticastLoop | SockOpt::JoinMulticast | SockOpt::LeaveMulticast
                if class != Udp =>
            {
                Some("multicast is only for UDP sockets")
            }
            _ => None,
        }
    }

    /// Parse a value for this option from what a person typed.
    pub fn parse_value(self, s: &str) -> Result<OptValue, String> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        let as_bool = || match lower.as_str() {
            "1" | "on" | "true" | "yes" => Ok(true),
            "0" | "off" | "false" | "no" => Ok(false),
            _ => Err(format!("{}: '{s}' is not on/off (use 1 or 0)", self.name())),
        };
        let as_int = || s.parse::<u64>().map_err(|_| format!("{}: '{s}' is not a whole number", self.name()));
        match self.info().kind {
            Kind::Bool => as_bool().map(OptValue::Bool),
            Kind::Int => {
                let n = as_int()?;
                if n > i32::MAX as u64 {
                    return Err(format!("{}: {n} is too large", self.name()));
                }
                Ok(OptValue::Int(n))
            }
            Kind::Millis if lower == "off" => Ok(OptValue::Millis(None)),
            Kind::Millis => as_int().map(|ms| OptValue::Millis((ms > 0).then_some(ms))),
            Kind::Linger if lower == "off" => Ok(OptValue::Linger(None)),
            Kind::Linger => as_int().map(|secs| OptValue::Linger(Some(secs))),
            Kind::Group => {
                s.parse::<IpAddr>().ok().filter(IpAddr::is_multicast).map(OptValue::Group).ok_or_else(|| {
                    format!("{}: '{s}' is not a multicast address (224.0.0.0/4 or ff00::/8)", self.name())
                })
            }
            Kind::Word => Err(format!("{} ({}) is read-only", self.name(), self.c_name())),
        }
    }

    /// Sets the option on a socket. `ipv6` picks the IPv6 variant where there is one.
    pub fn set(self, sock: &SockRef<'_>, value: &OptValue, ipv6: bool) -> io::Result<()> {
        let bad = || io::Error::new(io::ErrorKind::InvalidInput, format!("wrong kind of value for {}", self.c_name()));
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
            SockOpt::SoType | SockOpt::SoError => {
                Err(io::Error::new(io::ErrorKind::PermissionDenied, format!("{} is read-only", self.c_name())))
            }
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
                return Err(io::Error::new(io::ErrorKind::Unsupported, "membership cannot be read back"));
            }
            SockOpt::ReadTimeout => ms(sock.read_timeout()?),
            SockOpt::WriteTimeout => ms(sock.write_timeout()?),
            SockOpt::SoType => OptValue::Text(type_name(sock.r#type()?).into()),
            SockOpt::SoError => OptValue::Text(match sock.take_error()? {
                None => "0 (no error)".into(),
                Some(e) => e.raw_os_error().and_then(super::errno_name).unwrap_or("error").to_string(),
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
    Err(io::Error::new(io::ErrorKind::Unsupported, "SO_REUSEPORT does not exist on this OS"))
}
#[cfg(not(unix))]
fn reuse_port(_: &SockRef<'_>) -> io::Result<bool> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "SO_REUSEPORT does not exist on this OS"))
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

/// Parses `NAME=VALUE` as given to `--set` (`rcvbuf=65536`, `linger=0`, `join=239.1.2.3`).
pub fn parse_option_setting(s: &str) -> Result<(SockOpt, OptValue), String> {
    let (name, value) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}': write NAME=VALUE, e.g. nodelay=1 (see --help for the names)"))?;
    let opt = SockOpt::from_name(name).ok_or_else(|| {
        let names: Vec<_> = SockOpt::ALL.iter().filter(|o| o.phase() != Phase::ReadOnly).map(|o| o.name()).collect();
        format!("unknown option '{name}': one of {}", names.join(", "))
    })?;
    Ok((opt, opt.parse_value(value)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_settings() {
        assert_eq!(parse_option_setting("nodelay=1").unwrap(), (SockOpt::NoDelay, OptValue::Bool(true)));
        assert_eq!(parse_option_setting("SO_RCVBUF=4096").unwrap(), (SockOpt::RcvBuf, OptValue::Int(4096)));
        assert_eq!(parse_option_setting("linger=off").unwrap(), (SockOpt::Linger, OptValue::Linger(None)));
        assert!(parse_option_setting("nodelay=maybe").unwrap_err().contains("on/off"));
        assert!(parse_option_setting("bogus=1").unwrap_err().contains("unknown option"));
        assert!(parse_option_setting("join=10.0.0.1").unwrap_err().contains("multicast"));
        assert!(parse_option_setting("type=1").unwrap_err().contains("read-only"));
    }
}
