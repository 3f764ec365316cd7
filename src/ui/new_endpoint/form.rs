//! The "new endpoint" form's data and its checks: pure (no egui), so every
//! rule is tested without a window. The drawing is in the parent module.

use crate::net::{EndpointKind, EndpointSpec, OptValue, OptionRequest, ReplyMode, SockOpt, parse_host_port};
use crate::t;

/// Options offered before bind/connect (the rest can be changed live).
const PRE_OPTIONS: [SockOpt; 9] = [
    SockOpt::ReuseAddr,
    SockOpt::ReusePort,
    SockOpt::V6Only,
    SockOpt::NoDelay,
    SockOpt::KeepAlive,
    SockOpt::RcvBuf,
    SockOpt::SndBuf,
    SockOpt::Linger,
    SockOpt::Broadcast,
];

#[derive(Clone, Debug)]
pub struct OptionField {
    pub opt: SockOpt,
    pub enabled: bool,
    pub value: String,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub kind: EndpointKind,
    pub name: String,
    pub host: String,
    pub port: String,
    /// Unix kinds: the socket path. UDP: unused.
    pub path: String,
    /// UDP / Unix datagram: an optional default peer to connect() to.
    pub peer: String,
    pub reply: ReplyMode,
    pub options: Vec<OptionField>,
    /// Streams: keep a connection open after the peer's FIN (a teaching switch).
    pub keep_half_open: bool,
}

/// Which field a problem belongs to, so it is shown right there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Host,
    Port,
    Path,
    Peer,
    Option(SockOpt),
}

impl Form {
    /// A client form aimed at a running server: what a student wants next.
    pub fn client_of(kind: EndpointKind, default_name: String, server: &crate::net::Addr) -> Form {
        let mut f = Form::new(kind, default_name);
        match server {
            crate::net::Addr::Inet(a) => {
                let ip = if a.ip().is_unspecified() { "127.0.0.1".to_string() } else { a.ip().to_string() };
                f.host = ip;
                f.port = a.port().to_string();
            }
            crate::net::Addr::Unix(p) => f.path = p.clone(),
            crate::net::Addr::Unnamed => {}
        }
        f
    }

    pub fn new(kind: EndpointKind, default_name: String) -> Form {
        let port = match kind {
            EndpointKind::TcpServer | EndpointKind::TcpClient => "9000",
            _ => "9001",
        };
        let options = PRE_OPTIONS
            .iter()
            .map(|&opt| OptionField { opt, enabled: false, value: opt.default_value().to_string() })
            .map(|mut f| {
                if let OptValue::Bool(_) = f.opt.default_value() {
                    f.value = "on".into();
                }
                if let OptValue::Linger(Some(s)) = f.opt.default_value() {
                    f.value = s.to_string();
                }
                f
            })
            .collect();
        Form {
            kind,
            name: default_name,
            host: "127.0.0.1".into(),
            port: port.into(),
            path: std::env::temp_dir().join("socklab.sock").display().to_string(),
            peer: String::new(),
            reply: if kind.is_server() { ReplyMode::Echo } else { ReplyMode::None },
            options,
            keep_half_open: false,
        }
    }

    pub fn ipv6(&self) -> bool {
        self.host.trim().contains(':')
    }

    /// The address string the engine expects: host:port, or a path.
    fn address(&self) -> String {
        if self.kind.is_unix() {
            self.path.trim().to_string()
        } else if self.ipv6() {
            format!("[{}]:{}", self.host.trim().trim_start_matches('[').trim_end_matches(']'), self.port.trim())
        } else {
            format!("{}:{}", self.host.trim(), self.port.trim())
        }
    }

    /// The spec to open, or every problem with the field it belongs to.
    pub fn validate(&self) -> Result<EndpointSpec, Vec<(Field, String)>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push((Field::Name, t!("form-error-name")));
        }
        if self.kind.is_unix() {
            if self.path.trim().is_empty() && self.kind != EndpointKind::UnixDatagram {
                errors.push((Field::Path, t!("form-error-path-empty")));
            } else if self.path.len() > 100 {
                errors.push((Field::Path, t!("form-error-path-long")));
            }
        } else {
            let host = self.host.trim();
            if host.is_empty() {
                errors.push((Field::Host, t!("form-error-host-empty")));
            } else if host.contains(char::is_whitespace) {
                errors.push((Field::Host, t!("form-error-host-spaces", host = host)));
            }
            if let Err(e) = crate::net::Addr::parse_port_str(&self.port) {
                errors.push((Field::Port, e));
            } else if self.kind == EndpointKind::TcpClient && self.port.trim() == "0" {
                errors.push((Field::Port, t!("form-error-client-port-zero")));
            }
        }
        let peer = self.peer.trim();
        if self.kind == EndpointKind::Udp
            && !peer.is_empty()
            && let Err(e) = parse_host_port(peer)
        {
            errors.push((Field::Peer, e));
        }
        let mut options = Vec::new();
        for f in self.options.iter().filter(|f| f.enabled) {
            if let Some(why) = f.opt.not_applicable(self.kind.class(), self.ipv6()) {
                errors.push((Field::Option(f.opt), t!("form-error-not-applicable", why = why)));
                continue;
            }
            match f.opt.parse_value(&f.value) {
                Ok(value) => options.push(OptionRequest { opt: f.opt, value }),
                Err(e) => errors.push((Field::Option(f.opt), e)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut spec = EndpointSpec::new(self.kind, self.address()).with_reply(self.reply);
        spec.options = options;
        spec.keep_half_open = self.keep_half_open && !self.kind.is_datagram();
        if !peer.is_empty() {
            spec.peer = Some(peer.to_string());
        }
        Ok(spec)
    }

    /// True when a server would be reachable from other machines.
    pub fn binds_all_interfaces(&self) -> bool {
        !self.kind.is_unix()
            && self.kind != EndpointKind::TcpClient
            && matches!(self.host.trim().trim_start_matches('[').trim_end_matches(']'), "0.0.0.0" | "::")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_ports_and_hosts_are_flagged_at_their_field() {
        let mut f = Form::new(EndpointKind::TcpServer, "s".into());
        assert!(f.validate().is_ok());
        f.port = "70000".into();
        let errs = f.validate().unwrap_err();
        assert!(errs.iter().any(|(field, m)| *field == Field::Port && m.contains("out of range")));
        f.port = "abc".into();
        assert!(f.validate().unwrap_err().iter().any(|(field, m)| *field == Field::Port && m.contains("not a number")));
        f.port = "9000".into();
        f.host = "".into();
        assert!(f.validate().unwrap_err().iter().any(|(field, _)| *field == Field::Host));
    }

    #[test]
    fn ipv6_hosts_get_brackets_and_all_interfaces_is_flagged() {
        let mut f = Form::new(EndpointKind::TcpServer, "s".into());
        f.host = "::".into();
        assert!(f.binds_all_interfaces());
        assert_eq!(f.validate().unwrap().address, "[::]:9000");
    }

    fn errors(f: &Form) -> Vec<(Field, String)> {
        f.validate().err().unwrap_or_default()
    }

    #[test]
    fn a_valid_form_gives_the_spec_with_its_options_and_peer() {
        let mut f = Form::new(EndpointKind::Udp, "  dns  ".into());
        f.port = " 5353 ".into();
        f.peer = "127.0.0.1:53".into();
        f.options.iter_mut().filter(|o| o.opt == SockOpt::RcvBuf).for_each(|o| {
            o.enabled = true;
            o.value = "65536".into();
        });
        let spec = f.validate().unwrap();
        assert_eq!(spec.kind, EndpointKind::Udp);
        assert_eq!(spec.address, "127.0.0.1:5353");
        assert_eq!(spec.peer.as_deref(), Some("127.0.0.1:53"));
        assert_eq!(spec.options, [OptionRequest { opt: SockOpt::RcvBuf, value: OptValue::Int(65536) }]);
        assert_eq!(spec.reply, ReplyMode::None);
    }

    #[test]
    fn every_problem_is_reported_at_its_own_field_at_once() {
        let mut f = Form::new(EndpointKind::Udp, " ".into());
        f.host = "my host".into();
        f.port = "-1".into();
        f.peer = "nowhere".into();
        let fields: Vec<Field> = errors(&f).into_iter().map(|(field, _)| field).collect();
        assert_eq!(fields, [Field::Name, Field::Host, Field::Port, Field::Peer]);
        assert!(errors(&f)[1].1.contains("'my host' contains spaces"));
        assert!(errors(&f)[3].1.contains("no port"));
    }

    #[test]
    fn a_client_needs_a_real_port_and_a_server_may_use_zero() {
        let mut f = Form::new(EndpointKind::TcpClient, "c".into());
        f.port = "0".into();
        assert!(errors(&f).iter().any(|(field, m)| *field == Field::Port && m.contains("not 0")));
        f.kind = EndpointKind::TcpServer;
        assert!(f.validate().is_ok());
    }

    #[test]
    fn unix_paths_are_checked_and_the_host_is_ignored() {
        let mut f = Form::new(EndpointKind::UnixServer, "u".into());
        f.host = String::new();
        f.path = "  ".into();
        assert_eq!(errors(&f), [(Field::Path, "the socket path is empty".to_string())]);
        f.path = format!("/tmp/{}", "x".repeat(120));
        assert!(errors(&f)[0].1.contains("shorter than 108 bytes"));
        f.path = "/tmp/lab.sock".into();
        assert_eq!(f.validate().unwrap().address, "/tmp/lab.sock");
        f.kind = EndpointKind::UnixDatagram;
        f.path = String::new();
        assert!(f.validate().is_ok(), "an unbound datagram socket needs no path");
    }

    #[test]
    fn options_that_do_not_apply_or_do_not_parse_are_refused() {
        let mut f = Form::new(EndpointKind::Udp, "u".into());
        for o in f.options.iter_mut() {
            match o.opt {
                SockOpt::NoDelay => o.enabled = true,
                SockOpt::SndBuf => {
                    o.enabled = true;
                    o.value = "lots".into();
                }
                _ => {}
            }
        }
        let errs = errors(&f);
        assert!(errs.contains(&(
            Field::Option(SockOpt::NoDelay),
            "does not apply: a TCP option: it has no meaning on this socket".into()
        )));
        assert!(
            errs.iter().any(
                |(field, m)| *field == Field::Option(SockOpt::SndBuf) && m.contains("'lots' is not a whole number")
            )
        );
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn keeping_half_open_connections_is_off_by_default_and_only_for_streams() {
        let mut f = Form::new(EndpointKind::TcpServer, "s".into());
        assert!(!f.validate().unwrap().keep_half_open, "off by default: closed like netcat");
        f.keep_half_open = true;
        assert!(f.validate().unwrap().keep_half_open);
        f.kind = EndpointKind::Udp;
        assert!(!f.validate().unwrap().keep_half_open, "a datagram socket has no FIN");
    }

    #[test]
    fn a_client_form_aims_at_the_server_and_never_at_all_interfaces() {
        let server = crate::net::Addr::Inet("0.0.0.0:4242".parse().unwrap());
        let f = Form::client_of(EndpointKind::TcpClient, "c".into(), &server);
        assert_eq!((f.host.as_str(), f.port.as_str()), ("127.0.0.1", "4242"));
        assert!(!f.binds_all_interfaces(), "a client binds nothing");
        let unix = crate::net::Addr::Unix("/tmp/s.sock".into());
        assert_eq!(Form::client_of(EndpointKind::UnixClient, "c".into(), &unix).path, "/tmp/s.sock");
    }
}
