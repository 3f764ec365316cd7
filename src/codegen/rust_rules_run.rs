//! Where the rules run in a Rust program: the framer, a server's client
//! thread, a client's receive loop, a datagram loop; and the helper
//! functions the program's code calls, added once each.

use crate::net::frame::{Framing, Oversize, PrefixWidth};

use super::literal::bytes_literal;
use super::plan::{Family, Plan};
use super::render::{Renderer, Vars};
use super::rules::{Group, RulesPlan};
use super::rust_rules::{GroupFn, Sink, group_fns};
use super::rust_rules_tpl as tpl;
use super::rust_tpl;

/// A server's `serve_client` with its rules: the definitions, and whether
/// it needs the list of clients (a rule relays).
pub(super) struct ServerRules {
    pub defs: Vec<String>,
    pub shared: bool,
}

fn types(p: &Plan) -> (&'static str, &'static str) {
    if p.family == Family::Unix { ("UnixStream", "UnixDatagram") } else { ("TcpStream", "UdpSocket") }
}

/// The pieces of a stream's receive loop: the framer, the greeting, the
/// dispatch of what arrived; `defs` gets the framer and the rule functions.
fn stream_loop(
    plan: &RulesPlan,
    p: &Plan,
    r: &Renderer<'_>,
    constants: &mut Vec<String>,
    vars: &mut Vars,
) -> (Vec<String>, Vec<&'static str>) {
    let sink = Sink::of(p);
    let server = sink == Sink::Server;
    let framed = plan.framed();
    let too_long = framed && !matches!(plan.frame.framing, Framing::Fixed(_));
    let mut wanted = vec![Group::Greet, Group::Answer];
    if too_long {
        wanted.push(Group::Oversize);
    }
    let mut defs = framer(plan, r, constants);
    let fns = group_fns(plan, sink, types(p), r, constants, &wanted);
    let find = |g: Group| fns.iter().find(|(group, _)| *group == g).map(|(_, f)| f);
    let mut uses: Vec<&'static str> = Vec::new();
    for (_, f) in &fns {
        uses.extend(f.uses.iter().copied());
        defs.push(f.code.clone());
    }
    let answer = find(Group::Answer);
    let assigns = framed || answer.is_some();
    let done = if assigns { "let mut done" } else { "let done" };
    vars.set(
        "greet",
        match find(Group::Greet) {
            Some(g) => format!("{done} = {};", g.call("greet", sink, "", "")),
            None => format!("{done} = false;"),
        },
    );
    vars.set("framer_new", if framed { "let mut framer = Framer::new();" } else { "" });
    vars.set("running", if too_long { "!done && !framer.closed" } else { "!done" });
    let print = |what: &str| format!("println!(\"{{peer}}: b\\\"{{}}\\\"\", {what}.escape_ascii());");
    let mut lines = Vec::new();
    if !framed {
        if server {
            lines.push(print("buf[..n]"));
        }
        if let Some(a) = answer {
            lines.push(format!("done = {};", a.call("answer", sink, "&buf[..n]", "&buf[..n]")));
        }
    } else {
        lines.push("@@ code-rules-frames".into());
        lines.push("for piece in framer.push(&buf[..n]) {".into());
        lines.push("    done = match piece {".into());
        lines.extend(message_arm(answer, sink, server, &print));
        if too_long {
            let over = find(Group::Oversize).map_or("false".into(), |o| o.call("oversize", sink, "", ""));
            lines.push(format!("        Framed::TooLong => {over},"));
        }
        lines.push("    };".into());
        lines.push("    if done {".into());
        lines.push("        break;".into());
        lines.push("    }".into());
        lines.push("}".into());
    }
    vars.set("dispatch", r.render(&lines.join("\n"), &Vars::new()));
    uses.sort_unstable();
    uses.dedup();
    (defs, uses)
}

/// The match arm for a whole message: printed (servers), then answered.
fn message_arm(answer: Option<&GroupFn>, sink: Sink, server: bool, print: &dyn Fn(&str) -> String) -> Vec<String> {
    let takes = |n: &str| answer.is_some_and(|a| a.uses.contains(n));
    // A field bound to no name at all would be "never read" (a warning).
    let frame = if server || takes("frame") { "frame" } else { "_frame" };
    let body = if takes("body") { "body" } else { "_body" };
    let pattern = format!("Framed::Message({frame}, {body})");
    let result = answer.map_or("false".to_string(), |a| a.call("answer", sink, "&frame", "&body"));
    let pad = "        ";
    if server {
        return vec![
            format!("{pad}{pattern} => {{"),
            format!("{pad}    {}", print("frame")),
            format!("{pad}    {result}"),
            format!("{pad}}}"),
        ];
    }
    let one = format!("{pad}{pattern} => {result},");
    // Indented three more levels in the program.
    if one.len() + 12 <= 100 {
        return vec![one];
    }
    vec![format!("{pad}{pattern} => {{"), format!("{pad}    {result}"), format!("{pad}}}")]
}

/// A stream server's client thread running the rules.
pub(super) fn server(
    plan: &RulesPlan,
    p: &Plan,
    r: &Renderer<'_>,
    constants: &mut Vec<String>,
    vars: &mut Vars,
) -> ServerRules {
    let (mut defs, uses) = stream_loop(plan, p, r, constants, vars);
    let shared = uses.contains(&"clients");
    let stream = types(p).0;
    let params = if shared {
        format!("mut conn: {stream}, peer: &str, clients: &Clients, id: u64")
    } else {
        format!("mut conn: {stream}, peer: &str")
    };
    vars.set("params", params);
    vars.set("call", if shared { "serve_client(conn, &peer, &clients, id)" } else { "serve_client(conn, &peer)" });
    defs.insert(0, r.render(tpl::SERVE_CLIENT, vars));
    ServerRules { defs, shared }
}

/// A stream client running the rules on what arrives.
pub(super) fn client(
    plan: &RulesPlan,
    p: &Plan,
    r: &Renderer<'_>,
    constants: &mut Vec<String>,
    vars: &mut Vars,
) -> Vec<String> {
    let (defs, _) = stream_loop(plan, p, r, constants, vars);
    let peer = if p.family == Family::Unix { "show(&conn.peer_addr()?)" } else { "conn.peer_addr()?.to_string()" };
    vars.set("peer_of", peer);
    let mut out = vec![r.render(tpl::STREAM_CLIENT, vars), r.render(rust_tpl::SEND_LINES, vars)];
    out.extend(defs);
    out
}

/// A datagram socket's loop running the rules on each datagram.
pub(super) fn datagram_loop(
    plan: &RulesPlan,
    p: &Plan,
    r: &Renderer<'_>,
    constants: &mut Vec<String>,
    vars: &mut Vars,
) -> (String, Vec<String>) {
    let sink = Sink::of(p);
    let fns = group_fns(plan, sink, types(p), r, constants, &[Group::Answer]);
    let mut answer = Vec::new();
    let mut defs = Vec::new();
    if let Some((_, f)) = fns.first() {
        if sink == Sink::UnixDgram && f.uses.contains("to") {
            answer.push(r.render(tpl::DGRAM_UNNAMED, vars));
        }
        answer.push(r.render("@@ code-rules-datagram", vars));
        answer.push(format!("{};\n", f.call("answer", sink, "&buf[..n]", "&buf[..n]")));
        defs.push(f.code.clone());
    }
    vars.set("answer", answer.concat());
    vars.set("from_text", if sink == Sink::UnixDgram { "show(&from)" } else { "from.to_string()" });
    vars.set("reply", r.render(tpl::DGRAM_RULES, vars));
    (r.render(super::rust_dgram_tpl::DGRAM_LOOP, vars), defs)
}

/// The helper functions the program calls, each once, in a fixed order
/// (a helper may call another: repeated until nothing new is called).
pub(super) fn helpers(body: &str, r: &Renderer<'_>, rules: Option<&RulesPlan>) -> Vec<String> {
    let table: [(&str, &str); 21] = [
        ("relay(", rust_tpl::RELAY),
        ("lock(", rust_tpl::LOCK),
        ("find(", tpl::FIND),
        ("strip_line_end(", tpl::STRIP_LINE_END),
        ("line_end(", tpl::LINE_END),
        ("hex_match(", tpl::HEX_MATCH),
        ("compile(", tpl::COMPILE),
        ("group(", tpl::GROUP),
        ("fired(", tpl::FIRED),
        ("time_text(", tpl::TIME_TEXT),
        ("daytime(", rust_tpl::DAYTIME_FN),
        ("utc_date(", rust_tpl::UTC_DATE),
        ("since_epoch(", tpl::SINCE_EPOCH),
        ("http_page(", rust_tpl::HTTP_PAGE),
        ("random_u32(", tpl::RANDOM_U32),
        ("random_bytes(", tpl::RANDOM),
        ("crc16(", tpl::CRC16_MODBUS),
        ("crc16_ccitt(", tpl::CRC16_CCITT),
        ("crc32(", tpl::CRC32),
        ("sum8(", tpl::SUM8),
        ("xor8(", tpl::XOR8),
    ];
    let mut vars = Vars::new();
    vars.set("count", rules.map_or(0, |r| r.rules.len()).to_string());
    let mut added = vec![false; table.len()];
    let mut out: Vec<String> = Vec::new();
    let mut scanned = code_without_literals(body);
    loop {
        let mut grew = false;
        for (i, (call, template)) in table.iter().enumerate() {
            let defined = scanned.contains(&format!("fn {call}"));
            if !added[i] && !defined && super::uses_word(&scanned, call) {
                added[i] = true;
                grew = true;
                let def = r.render(template, &vars);
                scanned.push_str(&code_without_literals(&def));
                out.push(def);
            }
        }
        if !grew {
            return out;
        }
    }
}

/// Code with comments dropped and the insides of string literals blanked,
/// so a word in a reply's text never pulls a helper in.
pub(super) fn code_without_literals(code: &str) -> String {
    let code = super::code_only(code, "//");
    let mut out = String::with_capacity(code.len());
    let (mut inside, mut escaped) = (false, false);
    for c in code.chars() {
        match (inside, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => {
                inside = false;
                out.push(c);
            }
            (true, false, _) => {}
            (false, _, '"') => {
                inside = true;
                out.push(c);
            }
            (false, _, _) => out.push(c),
        }
    }
    out
}

/// The framer (none for raw framing): its definition and constants.
fn framer(plan: &RulesPlan, r: &Renderer<'_>, constants: &mut Vec<String>) -> Vec<String> {
    let f = &plan.frame;
    let mut vars = Vars::new();
    let too_long = !matches!(f.framing, Framing::Raw | Framing::Fixed(_));
    vars.set("too_long", if too_long { r.render(tpl::TOO_LONG, &Vars::new()) } else { String::new() });
    let mut defs = vec![r.render(tpl::FRAMED, &vars)];
    match &f.framing {
        Framing::Raw => return Vec::new(),
        Framing::Line | Framing::Delimiter(_) => {
            let (delim, body) = match &f.framing {
                Framing::Delimiter(d) => (d.clone(), "frame[..frame.len() - DELIMITER.len()].to_vec()"),
                _ => (b"\n".to_vec(), "strip_line_end(&frame).to_vec()"),
            };
            constants.push(format!("const DELIMITER: &[u8] = {};", bytes_literal(&delim)));
            let over = match f.oversize {
                Oversize::Resync => tpl::OVERSIZE_DELIMITED_RESYNC,
                Oversize::Close => tpl::OVERSIZE_CLOSE,
                Oversize::Split => tpl::OVERSIZE_DELIMITED_SPLIT,
            };
            vars.set("body", body).set("oversize", r.render(over, &Vars::new()));
            defs.push(r.render(tpl::FRAMER_DELIMITED, &vars));
        }
        Framing::Fixed(n) => {
            // Never too long: no MAX_FRAME.
            constants.push(format!("const FRAME_SIZE: usize = {n};"));
            defs.push(r.render(tpl::FRAMER_FIXED, &vars));
            return defs;
        }
        Framing::LengthPrefix { width, big_endian, counts_header } => {
            constants.push(format!("const HEADER: usize = {};", width.bytes()));
            let uint = match width {
                PrefixWidth::One => "u8",
                PrefixWidth::Two => "u16",
                PrefixWidth::Four => "u32",
            };
            let order = if *big_endian || *width == PrefixWidth::One { "be" } else { "le" };
            let total = if *counts_header { "let total = length;" } else { "let total = length + HEADER;" };
            let over = match f.oversize {
                Oversize::Resync => tpl::OVERSIZE_LENGTH_RESYNC,
                Oversize::Close => tpl::OVERSIZE_CLOSE,
                Oversize::Split => tpl::OVERSIZE_LENGTH_SPLIT,
            };
            vars.set("uint", uint).set("order", order).set("total", total);
            vars.set("impossible", if *counts_header { "length < HEADER || " } else { "" });
            vars.set("oversize", r.render(over, &Vars::new()));
            defs.push(r.render(tpl::FRAMER_LENGTH, &vars));
        }
    }
    constants.push(format!("const MAX_FRAME: usize = {};", f.limit));
    defs
}
