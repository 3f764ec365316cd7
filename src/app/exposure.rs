//! Safe by default: a workspace opened in the app whose auto-start endpoints
//! would listen beyond this machine is held until the person answers. This
//! file holds what the question shows and the loopback rewrite (pure).

use crate::net::{BindScope, EndpointId, parse_host_port};
use crate::t;

/// One endpoint of the question: what it is called, where it would bind, who could reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exposed {
    pub id: EndpointId,
    pub name: String,
    pub address: String,
    pub scope: BindScope,
}

impl Exposed {
    /// `echo — 0.0.0.0:9000: every interface, reachable from the network`
    pub fn line(&self) -> String {
        t!("exposure-line", name = self.name.as_str(), address = self.address.as_str(), scope = describe(self.scope))
    }
}

/// Auto-start endpoints held until the question is answered.
#[derive(Clone, Debug, Default)]
pub struct HeldStart {
    /// Every auto-start endpoint of the workspace, in file order.
    pub autostart: Vec<EndpointId>,
    /// Those that would be reachable from the network.
    pub exposed: Vec<Exposed>,
}

/// Who can reach a socket bound with this scope, as the question says it.
pub fn describe(scope: BindScope) -> String {
    match scope {
        BindScope::AllInterfaces => t!("exposure-scope-all"),
        BindScope::Interface => t!("exposure-scope-interface"),
        BindScope::Loopback => t!("exposure-scope-loopback"),
    }
}

/// The same port on the loopback address of the host's family: `0.0.0.0:9000`
/// → `127.0.0.1:9000`, `[::]:9000` → `[::1]:9000`. A host name becomes
/// 127.0.0.1. None when the address does not parse.
pub fn loopback_address(address: &str) -> Option<String> {
    let (host, port) = parse_host_port(address).ok()?;
    Some(match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(_)) => format!("[::1]:{port}"),
        _ => format!("127.0.0.1:{port}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_to_the_loopback_of_the_family_and_keeps_the_port() {
        assert_eq!(loopback_address("0.0.0.0:9000").as_deref(), Some("127.0.0.1:9000"));
        assert_eq!(loopback_address("192.168.1.4:0").as_deref(), Some("127.0.0.1:0"));
        assert_eq!(loopback_address("[::]:9000").as_deref(), Some("[::1]:9000"));
        assert_eq!(loopback_address("[fe80::1]:53").as_deref(), Some("[::1]:53"));
        assert_eq!(loopback_address("myhost:8080").as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(loopback_address("nonsense"), None);
        for a in ["0.0.0.0:1", "[::]:2", "10.0.0.1:3"] {
            let rewritten = loopback_address(a).unwrap();
            assert_eq!(BindScope::of(&rewritten), Some(BindScope::Loopback), "{a} -> {rewritten}");
        }
    }

    #[test]
    fn says_who_could_connect() {
        let e = Exposed { id: 1, name: "echo".into(), address: "0.0.0.0:9000".into(), scope: BindScope::AllInterfaces };
        assert_eq!(e.line(), "echo — 0.0.0.0:9000: every interface, reachable from the network");
    }
}
