//! The option table: every socket option socklab exposes, what C calls it,
//! when it may be set, what it does in one sentence, which sockets it applies
//! to, and which values the kernel's type for it can hold. Applying and
//! reading options is `apply.rs`; this file does no I/O.

use std::net::{IpAddr, Ipv4Addr};
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::value::OptValue;

/// The four kinds of socket, which decide which options apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SocketClass {
    Tcp,
    Udp,
    UnixStream,
    UnixDgram,
}

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
pub(super) enum Kind {
    Bool,
    Int,
    Millis,
    Linger,
    Group,
    Word,
}

struct Info {
    name: &'static str,
    c_name: &'static str,
    kind: Kind,
    phase: Phase,
    doc: &'static str,
}

/// Largest value a C `int` option holds: beyond it the kernel would see a
/// wrapped number (SO_LINGER 4294967296 would become "on, 0 s").
const INT_MAX: u64 = i32::MAX as u64;

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

    pub(super) fn kind(self) -> Kind {
        self.info().kind
    }

    /// The values the kernel's type for this option holds (and the kernel
    /// accepts), for numeric options: what `parse_value` and `check` enforce.
    pub fn range(self) -> Option<RangeInclusive<u64>> {
        Some(match self {
            // TCP_KEEPIDLE / TCP_KEEPINTVL: 1..=MAX_TCP_KEEPIDLE (32767 s) in Linux.
            SockOpt::KeepIdle | SockOpt::KeepInterval => 1..=32_767,
            // An int the kernel doubles and caps at net.core.[rw]mem_max.
            SockOpt::SndBuf | SockOpt::RcvBuf => 0..=INT_MAX,
            SockOpt::Linger => 0..=INT_MAX,
            // IP_TTL takes 1..255 (IPV6_UNICAST_HOPS 0..255): one byte in the header.
            SockOpt::Ttl => 1..=255,
            SockOpt::MulticastTtl => 0..=255,
            // A timeval: seconds in a long, so any u64 of milliseconds fits; keep it sane (a year).
            SockOpt::ReadTimeout | SockOpt::WriteTimeout => 0..=365 * 24 * 3600 * 1000,
            _ => return None,
        })
    }

    /// Checks a value that did not come through `parse_value` (a workspace
    /// file, an API caller): the right kind for this option, and in range.
    pub fn check(self, value: &OptValue) -> Result<(), String> {
        let kind_ok = matches!(
            (self.kind(), value),
            (Kind::Bool, OptValue::Bool(_))
                | (Kind::Int, OptValue::Int(_))
                | (Kind::Millis, OptValue::Millis(_))
                | (Kind::Linger, OptValue::Linger(_))
                | (Kind::Group, OptValue::Group(_))
        );
        if !kind_ok {
            return Err(match self.kind() {
                Kind::Word => format!("{} ({}) is read-only", self.name(), self.c_name()),
                _ => format!("{}: {value:?} is not the kind of value {} takes", self.name(), self.c_name()),
            });
        }
        match value {
            OptValue::Int(n) | OptValue::Millis(Some(n)) | OptValue::Linger(Some(n)) => self.check_range(*n),
            OptValue::Group(ip) if !ip.is_multicast() => {
                Err(format!("{}: '{ip}' is not a multicast address (224.0.0.0/4 or ff00::/8)", self.name()))
            }
            _ => Ok(()),
        }
    }

    fn check_range(self, n: u64) -> Result<(), String> {
        match self.range() {
            Some(r) if !r.contains(&n) => Err(format!(
                "{}: {n} is out of range: {} takes {} to {}",
                self.name(),
                self.c_name(),
                r.start(),
                r.end()
            )),
            _ => Ok(()),
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
        let as_int = || {
            let n = s.parse::<u64>().map_err(|_| match s.parse::<i128>() {
                Ok(_) => format!("{}: {s} is out of range", self.name()),
                Err(_) => format!("{}: '{s}' is not a whole number", self.name()),
            })?;
            self.check_range(n).map(|()| n)
        };
        match self.info().kind {
            Kind::Bool => as_bool().map(OptValue::Bool),
            Kind::Int => as_int().map(OptValue::Int),
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
}
