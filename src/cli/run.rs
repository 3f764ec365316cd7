//! From parsed arguments to a running endpoint: what the user typed is
//! checked here, before anything is opened (bad input exits 2 and nothing
//! is bound), then `serve`, `connect` or `run` takes over.

use crate::net::{EndpointKind, EndpointSpec, OptionRequest, parse_host_port};

use super::args::{Cli, Common, Proto, Sub};
use super::out::say;
use super::temp_socket::TempSocket;
use super::watch::check_ladder_path;
use super::{Exit, messages};

pub fn run(cli: Cli) -> i32 {
    let exit = match cli.command {
        Some(Sub::Serve { proto, address, reply, common, protocol, backlog }) => {
            let kind = match proto {
                Proto::Tcp => EndpointKind::TcpServer,
                Proto::Udp => EndpointKind::Udp,
                Proto::Unix => EndpointKind::UnixServer,
                Proto::UnixDgram => EndpointKind::UnixDatagram,
            };
            let checked = check_address(proto, &address)
                .and_then(|()| check_options(kind, &address, &common))
                .and_then(|()| check_extras(proto, &common));
            match checked {
                Err(msg) => usage(&msg),
                Ok(()) => {
                    let mut spec = with_options(EndpointSpec::new(kind, address), &common).with_reply(reply.into());
                    spec.backlog = backlog;
                    if !kind.reply_modes().contains(&spec.reply) {
                        usage(&messages::reply_not_for(spec.reply.name(), kind.label()))
                    } else {
                        match protocol.apply(spec) {
                            Ok(spec) => super::serve::serve(spec, &common),
                            Err(msg) => usage(&msg),
                        }
                    }
                }
            }
        }
        Some(Sub::Connect { proto, address, common, protocol, timeout, wait, bind }) => {
            let checked = check_address(proto, &address)
                .and_then(|()| check_options(client_kind(proto), &address, &common))
                .and_then(|()| check_extras(proto, &common))
                .and_then(|()| client_spec(proto, &address, bind))
                .and_then(|(spec, temp)| Ok((protocol.apply(spec)?, temp)));
            match checked {
                Err(msg) => usage(&msg),
                Ok((spec, temp)) => {
                    let mut spec = with_options(spec, &common);
                    spec.connect_timeout = timeout;
                    // Like netcat, `connect` keeps sending stdin to a peer that
                    // half-closed, and closes itself once stdin has ended.
                    spec.keep_half_open = true;
                    let exit = super::connect::connect(spec, &common, std::time::Duration::from_millis(wait));
                    // The reply socket's directory goes now, whatever happened.
                    drop(temp);
                    exit
                }
            }
        }
        Some(Sub::Run { file, json, ladder, encoding }) => match ladder.as_deref().map(check_ladder_path) {
            Some(Err(msg)) => usage(&msg),
            _ => super::workspace_run::run_workspace(&file, json, ladder, encoding),
        },
        Some(Sub::Code { file, lang, endpoint }) => super::code::run_code(&file, lang.into(), endpoint.as_deref()),
        None => usage(&messages::nothing_to_run()),
    };
    super::out::flush_stdout();
    exit.code()
}

fn usage(msg: &str) -> Exit {
    say(msg);
    Exit::Usage
}

/// The address as typed: host:port for IP, a non-empty path for Unix
/// (an empty one would silently become an abstract autobind address).
fn check_address(proto: Proto, address: &str) -> Result<(), String> {
    match proto {
        Proto::Tcp | Proto::Udp => parse_host_port(address).map(drop),
        Proto::Unix | Proto::UnixDgram if address.is_empty() => Err(messages::empty_unix_path(proto.name())),
        Proto::Unix | Proto::UnixDgram => Ok(()),
    }
}

/// Options that have no meaning on this kind of socket (TCP_NODELAY on UDP)
/// are bad input: refused before anything is opened.
fn check_options(kind: EndpointKind, address: &str, common: &Common) -> Result<(), String> {
    let ipv6 = parse_host_port(address).is_ok_and(|(host, _)| host.contains(':'));
    for (opt, _) in &common.set {
        if let Some(why) = opt.not_applicable(kind.class(), ipv6) {
            return Err(messages::option_not_for(opt.name(), opt.c_name(), kind.label(), why));
        }
    }
    Ok(())
}

/// `--tcp-info` is for TCP only; `--ladder` needs a directory to write into.
fn check_extras(proto: Proto, common: &Common) -> Result<(), String> {
    if common.tcp_info.is_some() && proto != Proto::Tcp {
        return Err(messages::tcp_info_not_tcp(proto.name()));
    }
    common.ladder.as_deref().map_or(Ok(()), check_ladder_path)
}

fn client_kind(proto: Proto) -> EndpointKind {
    match proto {
        Proto::Tcp => EndpointKind::TcpClient,
        Proto::Udp => EndpointKind::Udp,
        Proto::Unix => EndpointKind::UnixClient,
        Proto::UnixDgram => EndpointKind::UnixDatagram,
    }
}

fn with_options(mut spec: EndpointSpec, common: &Common) -> EndpointSpec {
    spec.options = common.set.iter().map(|(opt, value)| OptionRequest { opt: *opt, value: value.clone() }).collect();
    spec.encoding = common.encoding.unwrap_or_default();
    spec
}

/// The client's spec, and for `unix-dgram` without `--bind` the temporary
/// reply socket it binds (removed when it is dropped).
fn client_spec(
    proto: Proto,
    address: &str,
    bind: Option<String>,
) -> Result<(EndpointSpec, Option<TempSocket>), String> {
    Ok(match proto {
        Proto::Tcp => (EndpointSpec::new(EndpointKind::TcpClient, address), None),
        Proto::Unix => (EndpointSpec::new(EndpointKind::UnixClient, address), None),
        // No bind address: the socket connect()s and the kernel picks the
        // source address that reaches the peer (shown when it is bound).
        Proto::Udp => (EndpointSpec::new(EndpointKind::Udp, "").with_peer(address), None),
        Proto::UnixDgram => {
            let (path, temp) = match bind {
                Some(p) if p.is_empty() => return Err(messages::empty_bind_path()),
                Some(p) => (p, None),
                None => {
                    let t = TempSocket::create().map_err(|e| messages::no_temp_dir(&std::env::temp_dir(), &e))?;
                    (t.path_string(), Some(t))
                }
            };
            (EndpointSpec::new(EndpointKind::UnixDatagram, path).with_peer(address), temp)
        }
    })
}
