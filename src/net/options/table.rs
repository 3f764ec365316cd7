//! The option table: every socket option socklab exposes, what C calls it,
//! when it may be set, what it does in one sentence, which sockets it applies
//! to, and which values the kernel's type for it can hold. Applying and
//! reading options is `apply.rs`; this file does no I/O.

use std::net::{IpAddr, Ipv4Addr};
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::value::OptValue;
use crate::net::lasting::lasting;
use crate::t;

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
}

/// Largest value a C `int` option holds: beyond it the kernel would see a
/// wrapped number (SO_LINGER 4294967296 would become "on, 0 s").
const INT_MAX: u64 = i32::MAX as u64;

/// SO_ERROR's value when the socket has no pending error.
pub const NO_ERROR: &str = "0";

impl SockOpt {
    /// `value` as a person reads it, in the current language. The value
    /// itself (and its `Display`, which `--json` prints) is the same in every
    /// language: SO_ERROR's "0" is worded here, when shown.
    pub fn shown(self, value: &OptValue) -> String {
        match self.shown_arg(value) {
            crate::i18n::Arg::Message(m) => m.text(),
            _ => value.to_string(),
        }
    }

    /// [`shown`](Self::shown) as a message argument, for text kept in
    /// history (the event log) and worded again after a language switch.
    pub fn shown_arg(self, value: &OptValue) -> crate::i18n::Arg {
        match value {
            OptValue::Text(t) if self == SockOpt::SoError && t == NO_ERROR => crate::msg!("option-no-error").into(),
            other => other.to_string().into(),
        }
    }

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
        let i = |name, c_name, kind, phase| Info { name, c_name, kind, phase };
        match self {
            SockOpt::ReuseAddr => i("reuseaddr", "SO_REUSEADDR", Bool, BeforeBind),
            SockOpt::ReusePort => i("reuseport", "SO_REUSEPORT", Bool, BeforeBind),
            SockOpt::V6Only => i("v6only", "IPV6_V6ONLY", Bool, BeforeBind),
            SockOpt::NoDelay => i("nodelay", "TCP_NODELAY", Bool, Anytime),
            SockOpt::KeepAlive => i("keepalive", "SO_KEEPALIVE", Bool, Anytime),
            SockOpt::KeepIdle => i("keepidle", "TCP_KEEPIDLE", Int, Anytime),
            SockOpt::KeepInterval => i("keepintvl", "TCP_KEEPINTVL", Int, Anytime),
            SockOpt::SndBuf => i("sndbuf", "SO_SNDBUF", Int, Anytime),
            SockOpt::RcvBuf => i("rcvbuf", "SO_RCVBUF", Int, Anytime),
            SockOpt::Linger => i("linger", "SO_LINGER", Linger, Anytime),
            SockOpt::Ttl => i("ttl", "IP_TTL", Int, Anytime),
            SockOpt::Broadcast => i("broadcast", "SO_BROADCAST", Bool, Anytime),
            SockOpt::MulticastTtl => i("mcast_ttl", "IP_MULTICAST_TTL", Int, Anytime),
            SockOpt::MulticastLoop => i("mcast_loop", "IP_MULTICAST_LOOP", Bool, Anytime),
            SockOpt::JoinMulticast => i("join", "IP_ADD_MEMBERSHIP", Group, Anytime),
            SockOpt::LeaveMulticast => i("leave", "IP_DROP_MEMBERSHIP", Group, Anytime),
            SockOpt::ReadTimeout => i("rcvtimeo", "SO_RCVTIMEO", Millis, Anytime),
            SockOpt::WriteTimeout => i("sndtimeo", "SO_SNDTIMEO", Millis, Anytime),
            SockOpt::SoType => i("type", "SO_TYPE", Word, ReadOnly),
            SockOpt::SoError => i("error", "SO_ERROR", Word, ReadOnly),
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

    /// What the option does, in one sentence: the catalogs' `option-<name>`.
    pub fn doc(self) -> String {
        crate::i18n::text(&self.doc_id(), None)
    }

    fn doc_id(self) -> String {
        format!("option-{}", self.name())
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

    /// Why this option does not apply to a socket of this class, if it does
    /// not, in the current language.
    pub fn not_applicable(self, class: SocketClass, ipv6: bool) -> Option<&'static str> {
        use SocketClass::*;
        let inet = matches!(class, Tcp | Udp);
        let id = match self {
            SockOpt::ReuseAddr | SockOpt::ReusePort | SockOpt::Ttl if !inet => "option-na-ip",
            SockOpt::V6Only if !inet || !ipv6 => "option-na-v6only",
            SockOpt::NoDelay | SockOpt::KeepAlive | SockOpt::KeepIdle | SockOpt::KeepInterval | SockOpt::Linger
                if class != Tcp =>
            {
                "option-na-tcp"
            }
            SockOpt::Broadcast if class != Udp || ipv6 => "option-na-broadcast",
            SockOpt::MulticastTtl | SockOpt::MulticastLoop | SockOpt::JoinMulticast | SockOpt::LeaveMulticast
                if class != Udp =>
            {
                "option-na-multicast"
            }
            _ => return None,
        };
        Some(lasting(id))
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
                Kind::Word => self.read_only(),
                _ => t!("option-wrong-kind", name = self.name(), value = format!("{value:?}"), c_name = self.c_name()),
            });
        }
        match value {
            OptValue::Int(n) | OptValue::Millis(Some(n)) | OptValue::Linger(Some(n)) => self.check_range(*n),
            OptValue::Group(ip) if !ip.is_multicast() => {
                Err(t!("option-not-multicast", name = self.name(), value = ip.to_string()))
            }
            _ => Ok(()),
        }
    }

    fn check_range(self, n: u64) -> Result<(), String> {
        match self.range() {
            Some(r) if !r.contains(&n) => Err(t!(
                "option-out-of-range",
                name = self.name(),
                value = n.to_string(),
                c_name = self.c_name(),
                min = r.start().to_string(),
                max = r.end().to_string()
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
            _ => Err(t!("option-not-on-off", name = self.name(), value = s)),
        };
        let as_int = || {
            let n = s.parse::<u64>().map_err(|_| match s.parse::<i128>() {
                Ok(_) => t!("option-too-large", name = self.name(), value = s),
                Err(_) => t!("option-not-whole-number", name = self.name(), value = s),
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
            Kind::Group => s
                .parse::<IpAddr>()
                .ok()
                .filter(IpAddr::is_multicast)
                .map(OptValue::Group)
                .ok_or_else(|| t!("option-not-multicast", name = self.name(), value = s)),
            Kind::Word => Err(self.read_only()),
        }
    }

    fn read_only(self) -> String {
        t!("option-read-only", name = self.name(), c_name = self.c_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, has};

    #[test]
    fn every_option_has_its_doc_in_the_catalogs() {
        let missing: Vec<String> = SockOpt::ALL.iter().map(|o| o.doc_id()).filter(|id| !has(id)).collect();
        assert!(missing.is_empty(), "not in the catalogs: {missing:?}");
        let reasons =
            ["option-na-ip", "option-na-v6only", "option-na-tcp", "option-na-broadcast", "option-na-multicast"];
        assert!(reasons.iter().all(|id| has(id)));
    }

    #[test]
    fn a_reason_is_in_the_language_it_is_asked_in() {
        crate::i18n::isolate_thread();
        let en = SockOpt::NoDelay.not_applicable(SocketClass::Udp, false);
        crate::i18n::set_language(Lang::ZhCn);
        let zh = SockOpt::NoDelay.not_applicable(SocketClass::Udp, false);
        assert_eq!(en, Some("a TCP option: it has no meaning on this socket"));
        assert!(zh.is_some_and(|z| z.contains("TCP 选项")), "{zh:?}");
        assert!(SockOpt::NoDelay.doc().contains("Nagle"));
    }
}
