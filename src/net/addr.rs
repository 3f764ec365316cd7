//! Addresses as the engine reports them: IP socket addresses or Unix paths.

use std::fmt;
use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

use crate::t;

/// A local or peer address, as `getsockname()`/`getpeername()` return it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Addr {
    Inet(SocketAddr),
    Unix(String),
    /// An unnamed Unix socket (a client that never called bind).
    Unnamed,
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Addr::Inet(a) => write!(f, "{a}"),
            Addr::Unix(p) => write!(f, "{p}"),
            Addr::Unnamed => write!(f, "(unnamed)"),
        }
    }
}

impl From<SocketAddr> for Addr {
    fn from(a: SocketAddr) -> Self {
        Addr::Inet(a)
    }
}

impl Addr {
    /// A Unix address as a person writes it: the path, or `@name` for an abstract one.
    pub fn from_unix(a: &std::os::unix::net::SocketAddr) -> Addr {
        if let Some(p) = a.as_pathname() {
            return Addr::Unix(p.display().to_string());
        }
        #[cfg(target_os = "linux")]
        {
            use std::os::linux::net::SocketAddrExt;
            if let Some(name) = a.as_abstract_name() {
                return Addr::Unix(format!("@{}", String::from_utf8_lossy(name)));
            }
        }
        Addr::Unnamed
    }

    /// A port typed into a form, checked to be 0..=65535.
    pub fn parse_port_str(p: &str) -> Result<u16, String> {
        parse_port(p)
    }

    /// True for 0.0.0.0 and ::, which accept traffic from every interface.
    pub fn is_unspecified(&self) -> bool {
        matches!(self, Addr::Inet(a) if a.ip().is_unspecified())
    }
}

/// Who can reach a socket bound to an address: what a person must be told
/// before a server listens beyond this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindScope {
    /// 127.0.0.0/8, ::1, `localhost`: this machine only.
    Loopback,
    /// 0.0.0.0 or ::: every interface, so every network this machine is on.
    AllInterfaces,
    /// One interface's address (or a host name that resolves to one).
    Interface,
}

impl BindScope {
    /// The scope of a `host:port` to bind; None when it does not parse.
    pub fn of(address: &str) -> Option<BindScope> {
        let (host, _) = parse_host_port(address).ok()?;
        Some(match host.parse::<std::net::IpAddr>() {
            Ok(ip) if ip.is_loopback() => BindScope::Loopback,
            Ok(ip) if ip.is_unspecified() => BindScope::AllInterfaces,
            Ok(_) => BindScope::Interface,
            Err(_) if host.eq_ignore_ascii_case("localhost") => BindScope::Loopback,
            Err(_) => BindScope::Interface,
        })
    }

    pub fn is_loopback(self) -> bool {
        self == BindScope::Loopback
    }
}

/// Splits "host:port", "[v6]:port" or "v6addr" + port into host and port,
/// with an exact message when it cannot. Ports are checked to fit 0..=65535.
pub fn parse_host_port(input: &str) -> Result<(String, u16), String> {
    let s = input.trim();
    if s.is_empty() {
        return Err(t!("addr-empty"));
    }
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, p) = rest.split_once(']').ok_or_else(|| t!("addr-no-closing-bracket", input = s))?;
        let p = p.strip_prefix(':').ok_or_else(|| t!("addr-port-after-bracket", input = s, host = h))?;
        (h.to_string(), p)
    } else {
        match s.rsplit_once(':') {
            Some((h, _)) if h.contains(':') => {
                return Err(t!("addr-ipv6-brackets", input = s));
            }
            Some((h, p)) => (h.to_string(), p),
            // A bare number is a port without its host, not a host without its port.
            None if s.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(t!("addr-port-only", input = s));
            }
            None => return Err(t!("addr-no-port", input = s)),
        }
    };
    if host.is_empty() {
        return Err(t!("addr-no-host", input = s));
    }
    Ok((host, parse_port(port)?))
}

/// A port number with a message that says what is wrong with it.
pub fn parse_port(p: &str) -> Result<u16, String> {
    let p = p.trim();
    if p.is_empty() {
        return Err(t!("addr-port-empty"));
    }
    if !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(t!("addr-port-not-number", input = p));
    }
    match p.parse::<u32>() {
        Ok(n) if n <= 65535 => Ok(n as u16),
        _ => Err(t!("addr-port-out-of-range", input = p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_addresses() {
        assert_eq!(parse_host_port("127.0.0.1:9000").unwrap(), ("127.0.0.1".into(), 9000));
        assert_eq!(parse_host_port("[::1]:0").unwrap(), ("::1".into(), 0));
        assert_eq!(parse_host_port("localhost:80").unwrap(), ("localhost".into(), 80));
        assert!(parse_host_port("127.0.0.1:99999").unwrap_err().contains("out of range"));
        assert!(parse_host_port("127.0.0.1:abc").unwrap_err().contains("not a number"));
        assert!(parse_host_port("127.0.0.1").unwrap_err().contains("no port"));
        let bare_port = parse_host_port("9000").unwrap_err();
        assert!(bare_port.contains("e.g. 127.0.0.1:9000") && !bare_port.contains("9000:9000"), "{bare_port}");
        assert!(parse_host_port("::1:80").unwrap_err().contains("brackets"));
        assert!(parse_host_port(":80").unwrap_err().contains("no host"));
        assert!(parse_host_port("").unwrap_err().contains("empty"));
    }

    #[test]
    fn tells_who_can_reach_a_bind_address() {
        assert_eq!(BindScope::of("127.0.0.1:9000"), Some(BindScope::Loopback));
        assert_eq!(BindScope::of("127.8.9.1:9000"), Some(BindScope::Loopback));
        assert_eq!(BindScope::of("[::1]:9000"), Some(BindScope::Loopback));
        assert_eq!(BindScope::of("localhost:9000"), Some(BindScope::Loopback));
        assert_eq!(BindScope::of("0.0.0.0:9000"), Some(BindScope::AllInterfaces));
        assert_eq!(BindScope::of("[::]:9000"), Some(BindScope::AllInterfaces));
        assert_eq!(BindScope::of("192.168.1.4:9000"), Some(BindScope::Interface));
        assert_eq!(BindScope::of("myhost:9000"), Some(BindScope::Interface));
        assert_eq!(BindScope::of("nonsense"), None);
    }
}
