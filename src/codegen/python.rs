//! The Python program: the tutorials' own `socket` module, one thread per
//! client, the reply mode's loop.

use crate::net::{EndpointKind, ReplyMode, parse_host_port};

use super::literal::py_str;
use super::options::{self, Target};
use super::plan::{Family, Plan};
use super::python_rules;
use super::python_tpl as tpl;
use super::render::{Renderer, Style, Vars};

const STYLE: Style = Style { comment: "# ", patient_open: "patient(lambda: ", width: 79 };

pub(super) fn program(plan: &Plan, header: &Vars) -> String {
    let r = Renderer { style: &STYLE, patient: plan.patient };
    let mut parts = vec![r.render(tpl::HEADER, header)];
    let mut defs = vec![r.render(tpl::SHOW, &Vars::new())];
    let mut constants = address_constants(plan);
    let mut vars = socket_vars(plan, &r);
    if let Some(rules) = &plan.rules {
        defs.extend(python_rules::rule_defs(rules, plan, &r, &mut constants));
    }
    match (plan.kind, &plan.rules) {
        (EndpointKind::TcpServer | EndpointKind::UnixServer, Some(rules)) => {
            rules_server(plan, rules, &r, &mut vars, &mut constants, &mut defs)
        }
        (EndpointKind::TcpServer | EndpointKind::UnixServer, None) => {
            stream_server(plan, &r, &mut vars, &mut constants, &mut defs)
        }
        (EndpointKind::TcpClient | EndpointKind::UnixClient, rules) => {
            vars.set("timeout", seconds(plan));
            vars.set("connect_note", if plan.family == Family::Unix { "code-connect-unix" } else { "code-connect" });
            match rules {
                Some(rules) => defs.push(python_rules::stream_def(rules, plan, &r, &mut vars)),
                None => defs.extend([r.render(tpl::SEND_LINES, &vars), r.render(tpl::STREAM_CLIENT, &vars)]),
            }
        }
        (EndpointKind::Udp | EndpointKind::UnixDatagram, _) => datagram(plan, &r, &mut vars, &mut constants, &mut defs),
    }
    if defs.iter().any(|d| super::uses_word(&super::code_only(d, "#"), "patient(")) {
        defs.insert(1, r.render(tpl::PATIENT, &Vars::new()));
    }
    let reads_stdin =
        plan.client_like() || (plan.kind.is_server() && plan.reply == ReplyMode::None && plan.rules.is_none());
    defs.push(r.render(if reads_stdin { tpl::FOOTER_EXIT_NOW } else { tpl::FOOTER }, &Vars::new()));
    let constants = constants.join("\n");
    let body = format!("{}\n\n\n{}", constants.trim_end(), defs.join("\n\n")).trim_start().to_string();
    parts.push(imports(&body));
    parts.push(body);
    super::render::wrap_comments(&parts.join("\n"), &STYLE)
}

/// The `import` lines the body needs, and only those.
fn imports(body: &str) -> String {
    let body = &super::code_only(body, "#");
    let mut lines = Vec::new();
    for module in ["datetime", "os", "random", "re", "socket", "struct", "sys", "threading", "time", "zlib"] {
        if super::uses_word(body, &format!("{module}.")) {
            lines.push(format!("import {module}"));
        }
    }
    lines.join("\n") + "\n"
}

fn seconds(plan: &Plan) -> String {
    let s = plan.connect_timeout.as_secs_f64();
    if s.fract() == 0.0 { format!("{s:.1}") } else { format!("{s}") }
}

fn address_constants(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    match (&plan.inet, plan.family) {
        (Some(hp), Family::Named) => out.push(format!("HOST, PORT = {}, {}", py_str(&hp.host), hp.port)),
        (Some(hp), _) => out.push(format!("ADDRESS = ({}, {})", py_str(&hp.host), hp.port)),
        (None, _) if !plan.path.is_empty() => out.push(format!("ADDRESS = {}", py_str(&plan.path))),
        (None, _) => {}
    }
    match (&plan.peer, plan.family) {
        (Some(peer), Family::Unix) => out.push(format!("PEER = {}", py_str(peer))),
        (Some(peer), _) => {
            if let Ok((host, port)) = parse_host_port(peer) {
                out.push(format!("PEER = ({}, {port})", py_str(&host)));
            }
        }
        (None, _) => {}
    }
    out
}

/// The values every socket-opening template uses.
fn socket_vars(plan: &Plan, r: &Renderer<'_>) -> Vars {
    let stream = !plan.kind.is_datagram();
    let s = if plan.kind.is_server() { "server" } else { "sock" };
    let socktype = if stream { "SOCK_STREAM" } else { "SOCK_DGRAM" };
    let mut vars = Vars::new();
    vars.set("s", s).set("socktype", socktype).set("backlog", plan.backlog.to_string());
    let (family, address) = match plan.family {
        Family::V4 => ("socket.AF_INET", "ADDRESS"),
        Family::V6 => ("socket.AF_INET6", "ADDRESS"),
        Family::Unix => ("socket.AF_UNIX", "ADDRESS"),
        Family::Named => ("family", "address"),
    };
    vars.set("family", family).set("address", address);
    let resolve = if plan.family == Family::Named { r.render(tpl::RESOLVE, &vars) } else { String::new() };
    let socket_note = match (plan.family == Family::Unix, stream) {
        (false, true) => "code-socket-tcp",
        (false, false) => "code-socket-udp",
        (true, true) => "code-socket-unix-stream",
        (true, false) => "code-socket-unix-dgram",
    };
    vars.set("resolve", resolve).set("socket_note", socket_note);
    vars.set("options", options::block(plan, Target::Python, r, s));
    let open = r.render(tpl::OPEN, &vars);
    vars.set("open", open);
    vars
}

fn stream_server(plan: &Plan, r: &Renderer<'_>, vars: &mut Vars, constants: &mut Vec<String>, defs: &mut Vec<String>) {
    let shared = matches!(plan.reply, ReplyMode::Chat | ReplyMode::None);
    let close_note = match plan.reply {
        ReplyMode::Echo => "code-echo-eof",
        ReplyMode::None => "code-none-eof",
        _ => "code-close",
    };
    let mut end = Vars::new();
    end.set("forget", if shared { r.render(tpl::FORGET, &Vars::new()) } else { String::new() });
    end.set("close_note", close_note);
    vars.set("end", r.render(tpl::CLIENT_END, &end));
    let mode = match plan.reply {
        ReplyMode::Echo => tpl::ECHO,
        ReplyMode::Chat => {
            constants.push("MAX_LINE = 65536".into());
            tpl::CHAT
        }
        ReplyMode::Daytime => tpl::DAYTIME,
        ReplyMode::Http => {
            constants.push("MAX_HEAD = 16 * 1024".into());
            tpl::HTTP
        }
        ReplyMode::None => tpl::MANUAL,
    };
    share_clients(shared, r, vars, constants);
    vars.set("maxline", "65536").set("maxhead", "16384");
    defs.push(r.render(mode, vars));
    let before = if plan.reply == ReplyMode::None { r.render(tpl::MANUAL_STDIN, vars) } else { String::new() };
    vars.set("before_loop", before);
    let unix = plan.family == Family::Unix;
    vars.set("cleanup", if unix { r.render(tpl::CLEANUP, vars) } else { String::new() });
    vars.set("bind_note", if unix { "code-bind-unix" } else { "code-bind-server" });
    defs.push(r.render(tpl::STREAM_SERVER_MAIN, vars));
}

/// With `shared`, the list of connected clients (and its lock) that a chat or a
/// relay sends to, and each client thread registers itself in it.
fn share_clients(shared: bool, r: &Renderer<'_>, vars: &mut Vars, constants: &mut Vec<String>) {
    if shared {
        constants.push(String::new());
        constants.push(r.render(tpl::CLIENTS, &Vars::new()));
        vars.set("register", r.render(tpl::REGISTER, &Vars::new()));
    } else {
        vars.set("register", "");
    }
}

/// A stream server whose client threads run the rules (relays need the list of clients).
fn rules_server(
    plan: &Plan,
    rules: &super::rules::RulesPlan,
    r: &Renderer<'_>,
    vars: &mut Vars,
    constants: &mut Vec<String>,
    defs: &mut Vec<String>,
) {
    let shared = rules.uses.relay;
    let mut end = Vars::new();
    end.set("forget", if shared { r.render(tpl::FORGET, &Vars::new()) } else { String::new() });
    end.set("close_note", "code-close");
    vars.set("end", r.render(tpl::CLIENT_END, &end));
    share_clients(shared, r, vars, constants);
    defs.push(python_rules::stream_def(rules, plan, r, vars));
    vars.set("before_loop", "");
    let unix = plan.family == Family::Unix;
    vars.set("cleanup", if unix { r.render(tpl::CLEANUP, vars) } else { String::new() });
    vars.set("bind_note", if unix { "code-bind-unix" } else { "code-bind-server" });
    defs.push(r.render(tpl::STREAM_SERVER_MAIN, vars));
}

fn datagram(plan: &Plan, r: &Renderer<'_>, vars: &mut Vars, constants: &mut Vec<String>, defs: &mut Vec<String>) {
    let unix = plan.family == Family::Unix;
    let bound = !unix || !plan.path.is_empty();
    let client_like = plan.client_like();
    vars.set("err", if client_like { ", file=sys.stderr" } else { "" });
    vars.set(
        "status_note",
        if client_like { r.comment("", "code-status-stderr", vars).join("\n") } else { String::new() },
    );
    vars.set("bind_note", if unix { "code-bind-unix-dgram" } else { "code-bind-udp" });
    vars.set("bind", if bound { r.render(tpl::DGRAM_BIND, vars) } else { String::new() });
    vars.set("connect", if plan.peer.is_some() { r.render(tpl::DGRAM_CONNECT, vars) } else { String::new() });
    vars.set("cleanup", if unix && bound { r.render(tpl::CLEANUP, vars) } else { String::new() });
    let connected_udp = plan.kind == EndpointKind::Udp && plan.peer.is_some();
    let the_loop = if client_like {
        defs.push(r.render(tpl::DGRAM_SEND_LINES, vars));
        if bound {
            constants.push("WAIT_AFTER_INPUT = 1.0".into());
            let refused = if connected_udp { r.render(tpl::DGRAM_CLIENT_REFUSED, vars) } else { String::new() };
            vars.set("refused", refused).set("wait", "1");
            r.render(tpl::DGRAM_CLIENT_LOOP, vars)
        } else {
            r.render(tpl::DGRAM_SEND_ONLY, vars)
        }
    } else if plan.rules.is_some() {
        let the_loop = python_rules::datagram_loop(plan, r, vars);
        vars.set("reply", "");
        the_loop
    } else {
        let reply = if plan.reply == ReplyMode::Echo {
            let unnamed = if unix { r.render(tpl::DGRAM_UNNAMED, vars) } else { String::new() };
            vars.set("unnamed", unnamed);
            r.render(tpl::DGRAM_ECHO, vars)
        } else {
            r.render(tpl::DGRAM_PRINT, vars)
        };
        vars.set("reply", reply);
        r.render(if connected_udp { tpl::DGRAM_LOOP_REFUSED } else { tpl::DGRAM_LOOP }, vars)
    };
    vars.set("loop", the_loop);
    defs.push(r.render(tpl::DGRAM_MAIN, vars));
}
