//! The Rust program: std's socket types, socket2 for socket() and the
//! options (the calls the engine itself makes), a thread per client.

use crate::net::{EndpointKind, ReplyMode};

use super::options::{self, Target};
use super::plan::{Family, Plan};
use super::render::{Renderer, Style, Vars};
use super::rust_dgram_tpl as dtpl;
use super::rust_rules_run as rules;
use super::rust_tpl as tpl;

const STYLE: Style = Style { comment: "// ", patient_open: "patient(|| ", width: 100 };

/// The Cargo.toml lines the program needs, one a line: SO_REUSEPORT and the
/// conversions into std's Unix socket types are behind socket2's "all"
/// feature; rules with a regex use the regex crate (the one socklab uses).
pub(super) fn dependency(plan: &Plan) -> String {
    let socket2 = if plan.uses_reuseport() || plan.family == Family::Unix {
        "socket2 = { version = \"0.6\", features = [\"all\"] }"
    } else {
        "socket2 = \"0.6\""
    };
    match &plan.rules {
        Some(rules) if rules.uses.regex => format!("{socket2}\nregex = \"1\""),
        _ => socket2.to_string(),
    }
}

pub(super) fn program(plan: &Plan, header: &Vars) -> String {
    let r = Renderer { style: &STYLE, patient: plan.patient };
    let mut header = r.render(tpl::HEADER, &header_vars(plan, header));
    let mut constants = Vec::new();
    let unix = plan.family == Family::Unix;
    if let Some(hp) = &plan.inet {
        constants.push(format!("const ADDRESS: &str = {:?};", hp.text));
    } else if !plan.path.is_empty() {
        constants.push(format!("const ADDRESS: &str = {:?};", plan.path));
    }
    if let Some(peer) = &plan.peer {
        constants.push(format!("const PEER: &str = {peer:?};"));
    }
    let mut vars = socket_vars(plan, &r);
    let mut defs = vec![r.render(tpl::MAIN, &Vars::new())];
    match plan.kind {
        EndpointKind::TcpServer | EndpointKind::UnixServer => {
            stream_server(plan, &r, &mut vars, &mut constants, &mut defs)
        }
        EndpointKind::TcpClient | EndpointKind::UnixClient => {
            client_vars(plan, &mut vars);
            match &plan.rules {
                Some(rules) => defs.extend(rules::client(rules, plan, &r, &mut constants, &mut vars)),
                None => {
                    defs.push(r.render(tpl::STREAM_CLIENT, &vars));
                    defs.push(r.render(tpl::SEND_LINES, &vars));
                }
            }
        }
        EndpointKind::Udp | EndpointKind::UnixDatagram => datagram(plan, &r, &mut vars, &mut constants, &mut defs),
    }
    if !unix {
        defs.push(r.render(tpl::RESOLVE, &Vars::new()));
    }
    let body_so_far = format!("{}\n{}", constants.join("\n"), defs.join("\n"));
    defs.extend(rules::helpers(&body_so_far, &r, plan.rules.as_ref()));
    let body_so_far = super::code_only(&defs.join("\n"), "//");
    if unix && super::uses_word(&body_so_far, "show(") {
        defs.push(r.render(tpl::SHOW, &Vars::new()));
    }
    if super::uses_word(&body_so_far, "patient(") {
        defs.push(r.render(tpl::PATIENT, &Vars::new()));
    }
    let body = format!("{}\n\n{}", constants.join("\n").trim(), defs.join("\n"));
    header.push('\n');
    header.push_str(&imports(&body));
    super::render::wrap_comments(&format!("{header}\n{}", body.trim_start()), &STYLE)
}

/// The header's values, with each `[dependencies]` line as a comment line.
fn header_vars(plan: &Plan, header: &Vars) -> Vars {
    let lines = dependency(plan);
    let mut vars = header.clone();
    let note = if lines.contains('\n') { "code-generated-rs-lines" } else { "code-generated-rs" };
    vars.set("generated_note", note);
    vars.set("dependency", lines.lines().map(|l| format!("//     {l}\n")).collect::<String>());
    vars
}

/// How a stream client connects and says so.
fn client_vars(plan: &Plan, vars: &mut Vars) {
    let unix = plan.family == Family::Unix;
    let (connect, connected) = if unix {
        ("socket.connect(&SockAddr::unix(ADDRESS)?)?;".to_string(), "eprintln!(\"connected to {ADDRESS}\");")
    } else {
        let ms = plan.connect_timeout.as_millis();
        (
            format!("socket.connect_timeout(&address.into(), Duration::from_millis({ms}))?;"),
            "eprintln!(\"connected to {}\", stream.peer_addr()?);",
        )
    };
    vars.set("connect", connect).set("print_connected", connected);
    vars.set("connect_note", if unix { "code-connect-unix" } else { "code-connect" });
    vars.set("timeout", format!("{}", plan.connect_timeout.as_secs_f64()));
}

fn socket_vars(plan: &Plan, r: &Renderer<'_>) -> Vars {
    let stream = !plan.kind.is_datagram();
    let unix = plan.family == Family::Unix;
    let mut vars = Vars::new();
    vars.set("socktype", if stream { "STREAM" } else { "DGRAM" });
    vars.set("proto", if stream { "TCP" } else { "UDP" });
    vars.set("backlog", plan.backlog.to_string());
    vars.set("Stream", if unix { "UnixStream" } else { "TcpStream" });
    vars.set("Listener", if unix { "UnixListener" } else { "TcpListener" });
    vars.set("Dgram", if unix { "UnixDatagram" } else { "UdpSocket" });
    vars.set("sockaddr", if unix { "SockAddr::unix(ADDRESS)?" } else { "address.into()" });
    vars.set(
        "socket_note",
        match (unix, stream) {
            (false, true) => "code-socket-tcp",
            (false, false) => "code-socket-udp",
            (true, true) => "code-socket-unix-stream",
            (true, false) => "code-socket-unix-dgram",
        },
    );
    vars.set("options", options::block(plan, Target::Rust, r, "socket"));
    let open = r.render(if unix { tpl::OPEN_UNIX } else { tpl::OPEN_INET }, &vars);
    vars.set("open", open);
    vars
}

fn stream_server(plan: &Plan, r: &Renderer<'_>, vars: &mut Vars, constants: &mut Vec<String>, defs: &mut Vec<String>) {
    let unix = plan.family == Family::Unix;
    let shared = matches!(plan.reply, ReplyMode::Chat | ReplyMode::None);
    vars.set("bind_note", if unix { "code-bind-unix" } else { "code-bind-server" });
    vars.set(
        "print_listening",
        if unix {
            "println!(\"listening on {ADDRESS}\");"
        } else {
            "println!(\"listening on {}\", listener.local_addr()?);"
        },
    );
    vars.set("peer_text", if unix { "show(&peer)" } else { "peer.to_string()" });
    vars.set("maxline", "65536").set("maxhead", "16384");
    let (shared, mode) = match &plan.rules {
        Some(rules) => {
            let served = rules::server(rules, plan, r, constants, vars);
            (served.shared, served.defs)
        }
        None => (shared, vec![reply_mode(plan, r, vars, constants)]),
    };
    share_clients(plan, shared, r, vars, constants);
    defs.push(r.render(tpl::STREAM_SERVER_RUN, vars));
    defs.extend(mode);
}

/// The client thread of a reply mode.
fn reply_mode(plan: &Plan, r: &Renderer<'_>, vars: &mut Vars, constants: &mut Vec<String>) -> String {
    let mode = match plan.reply {
        ReplyMode::Echo => tpl::ECHO,
        ReplyMode::Chat => {
            constants.push("const MAX_LINE: usize = 65536;".into());
            tpl::CHAT
        }
        ReplyMode::Daytime => tpl::DAYTIME,
        ReplyMode::Http => {
            constants.push("const MAX_HEAD: usize = 16 * 1024;".into());
            tpl::HTTP
        }
        ReplyMode::None => tpl::MANUAL,
    };
    let call = match plan.reply {
        ReplyMode::Chat => "serve_client(conn, id, &peer, &clients)",
        ReplyMode::None => "serve_client(conn, &peer)",
        _ => "serve_client(conn)",
    };
    vars.set("call", call);
    r.render(mode, vars)
}

/// With `shared`, the list of clients that a chat, a relay or stdin sends
/// to, each client registered in it as it connects.
fn share_clients(plan: &Plan, shared: bool, r: &Renderer<'_>, vars: &mut Vars, constants: &mut Vec<String>) {
    let unix = plan.family == Family::Unix;
    if shared {
        constants.push(String::new());
        constants.push(format!("type ClientList = Vec<(u64, {})>;", if unix { "UnixStream" } else { "TcpStream" }));
        constants.push("type Clients = Arc<Mutex<ClientList>>;".into());
        let mut before = r.render(tpl::CLIENTS, vars);
        if plan.reply == ReplyMode::None && plan.rules.is_none() {
            before.push_str(&r.render(tpl::MANUAL_STDIN, vars));
        }
        let register = r.render(tpl::REGISTER, vars);
        vars.set("before_loop", before).set("register", register);
        vars.set("spawn", r.render(tpl::SPAWN_SHARED, vars));
    } else {
        let spawn = r.render(tpl::SPAWN, vars);
        vars.set("before_loop", "").set("register", "").set("spawn", spawn);
    }
}

fn datagram(plan: &Plan, r: &Renderer<'_>, vars: &mut Vars, constants: &mut Vec<String>, defs: &mut Vec<String>) {
    let unix = plan.family == Family::Unix;
    let bound = !unix || !plan.path.is_empty();
    let client_like = plan.client_like();
    let print = if client_like { "eprintln" } else { "println" };
    let mut bind = Vec::new();
    let mut bound_line = String::new();
    if bound {
        let note = if unix { "code-bind-unix-dgram" } else { "code-bind-udp" };
        bind.extend(r.comment("", note, vars));
        bind.push(format!("socket.bind(&{})?;", if unix { "SockAddr::unix(ADDRESS)?" } else { "address.into()" }));
        if client_like {
            bound_line = r.comment("", "code-status-stderr", vars).join("\n") + "\n";
        }
        bound_line += &if unix {
            format!("{print}!(\"bound to {{ADDRESS}}\");")
        } else {
            format!("{print}!(\"bound to {{}}\", sock.local_addr()?);")
        };
    }
    vars.set("bind", bind.join("\n")).set("print_bound", bound_line);
    vars.set("connect", if plan.peer.is_some() { r.render(dtpl::DGRAM_CONNECT, vars) } else { String::new() });
    let connected_udp = plan.kind == EndpointKind::Udp && plan.peer.is_some();
    let mut after = Vec::new();
    let the_loop = if client_like {
        if bound {
            constants.push("const WAIT_AFTER_INPUT: Duration = Duration::from_secs(1);".into());
            let refused = if connected_udp { r.render(dtpl::DGRAM_CLIENT_REFUSED, vars) } else { String::new() };
            vars.set("refused", refused).set("wait", "1");
            r.render(dtpl::DGRAM_CLIENT_LOOP, vars)
        } else {
            r.render(dtpl::DGRAM_SEND_ONLY, vars)
        }
    } else if let Some(rules) = &plan.rules {
        let (the_loop, rule_defs) = rules::datagram_loop(rules, plan, r, constants, vars);
        after = rule_defs;
        the_loop
    } else {
        let reply = match (plan.reply, unix) {
            (ReplyMode::Echo, false) => r.render(dtpl::UDP_ECHO, vars),
            (ReplyMode::Echo, true) => r.render(dtpl::UNIX_ECHO, vars),
            _ => {
                vars.set("from_text", if unix { "show(&from)" } else { "from" });
                r.render(dtpl::DGRAM_PRINT, vars)
            }
        };
        vars.set("reply", reply);
        r.render(if connected_udp { dtpl::DGRAM_LOOP_REFUSED } else { dtpl::DGRAM_LOOP }, vars)
    };
    vars.set("loop", the_loop);
    defs.push(r.render(dtpl::DGRAM_RUN, vars));
    defs.extend(after);
    if client_like {
        defs.push(r.render(dtpl::DGRAM_SEND_LINES, vars));
    }
}

/// `use` lines for what the body names, sorted as rustfmt sorts them.
fn imports(body: &str) -> String {
    let body = &rules::code_without_literals(body);
    let word = |w: &str| super::uses_word(body, w);
    let method = |m: &str| body.contains(m);
    let mut std_uses: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut group = |path: &'static str, items: Vec<(&'static str, bool)>| {
        let names: Vec<&str> = items.into_iter().filter(|(_, used)| *used).map(|(n, _)| n).collect();
        if !names.is_empty() {
            std_uses.push((path, names));
        }
    };
    group(
        "std::io",
        vec![
            ("self", word("io::")),
            ("BufRead", method(".read_until(")),
            ("Read", method(".read(") || method(".read_exact(")),
            ("Write", method(".write_all(") || method(".flush()")),
        ],
    );
    group(
        "std::net",
        vec![
            ("Ipv4Addr", word("Ipv4Addr")),
            ("Ipv6Addr", word("Ipv6Addr")),
            ("Shutdown", word("Shutdown::")),
            ("SocketAddr", word("SocketAddr")),
            ("TcpListener", word("TcpListener")),
            ("TcpStream", word("TcpStream")),
            ("ToSocketAddrs", method(".to_socket_addrs(")),
            ("UdpSocket", word("UdpSocket")),
        ],
    );
    group(
        "std::os::unix::net",
        vec![
            ("UnixDatagram", word("UnixDatagram")),
            ("UnixListener", word("UnixListener")),
            ("UnixStream", word("UnixStream")),
        ],
    );
    group("std::fs", vec![("File", word("File::"))]);
    group("std::path", vec![("Path", word("Path"))]);
    group(
        "std::sync::atomic",
        vec![("AtomicBool", word("AtomicBool")), ("AtomicU64", word("AtomicU64")), ("Ordering", word("Ordering::"))],
    );
    group(
        "std::sync",
        vec![
            ("Arc", word("Arc")),
            ("LazyLock", word("LazyLock")),
            ("Mutex", word("Mutex")),
            ("MutexGuard", word("MutexGuard")),
            ("PoisonError", word("PoisonError")),
        ],
    );
    group("std::thread", vec![("self", word("thread::"))]);
    group(
        "std::time",
        vec![("Duration", word("Duration")), ("SystemTime", word("SystemTime")), ("UNIX_EPOCH", word("UNIX_EPOCH"))],
    );
    let socket2: Vec<&str> = ["Domain", "Protocol", "SockAddr", "Socket", "TcpKeepalive", "Type"]
        .into_iter()
        .filter(|n| word(&format!("{n}::")))
        .collect();
    let line = |path: &str, names: &[&str]| match names {
        ["self"] => format!("use {path};"),
        [one] => format!("use {path}::{one};"),
        _ if path.len() + names.join(", ").len() + 9 > STYLE.width => {
            format!("use {path}::{{\n    {},\n}};", names.join(", "))
        }
        _ => format!("use {path}::{{{}}};", names.join(", ")),
    };
    let mut out: Vec<String> = std_uses.iter().map(|(p, n)| line(p, n)).collect();
    // rustfmt's order: by the text of the path, `{` after the letters.
    out.sort();
    out.push(String::new());
    let regex: Vec<&str> = ["Captures", "Regex"].into_iter().filter(|n| word(n)).collect();
    if !regex.is_empty() {
        out.push(line("regex::bytes", &regex));
    }
    out.push(line("socket2", &socket2));
    out.join("\n") + "\n"
}
