//! The Python program of an endpoint with rules or framing of its own: a
//! framer class for its framing, and the rules as functions that answer a
//! message, a new connection and a refused frame.

use crate::net::checksum::ByteOrder;
use crate::net::frame::{Framing, Oversize, PrefixWidth};

use super::literal::{bytes_literal, literal_pieces, py_str};
use super::plan::{Family, Plan};
use super::python_rules_tpl as tpl;
use super::python_tpl;
use super::render::{Renderer, Vars};
use super::rules::{Do, Group, Part, RulePlan, RulesPlan, When};

/// The longest reply written on its send line; a longer one is built in
/// `out` first, a line at a time, so every line stays within 88 characters.
const INLINE_ROOM: usize = 56;

/// Where the rules send: a server's connection (which may relay to the
/// server's other clients), a client's connection, or a datagram's sender.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    Server,
    Client,
    Datagram,
}

impl Sink {
    fn send(self, expr: &str) -> String {
        match self {
            Sink::Server | Sink::Client => format!("conn.sendall({expr})"),
            Sink::Datagram => format!("sock.sendto({expr}, addr)"),
        }
    }

    fn params(self) -> &'static str {
        match self {
            Sink::Server | Sink::Client => "conn, peer",
            Sink::Datagram => "sock, addr, peer",
        }
    }
}

/// Constants, helper definitions and the rule functions; `defs` gets the
/// functions, `constants` the values they use.
pub(super) fn rule_defs(plan: &RulesPlan, p: &Plan, r: &Renderer<'_>, constants: &mut Vec<String>) -> Vec<String> {
    let sink = match p.kind {
        k if k.is_datagram() => Sink::Datagram,
        k if k.is_server() => Sink::Server,
        _ => Sink::Client,
    };
    let mut defs = Vec::new();
    framing(plan, r, constants, &mut defs);
    let u = &plan.uses;
    if plan.answers() || u.vars.contains("line") || u.vars.contains("eol") {
        defs.push(r.render(tpl::LINE_HELPERS, &Vars::new()));
    }
    if u.hex {
        defs.push(r.render(tpl::HEX_MATCH, &Vars::new()));
    }
    if u.counts {
        constants.push(format!("fired_counts = [0] * {}", plan.rules.len()));
        constants.push("fired_lock = threading.Lock()".into());
        defs.push(r.render(tpl::FIRED, &Vars::new()));
    }
    let helper = |name: &str, t: &str, defs: &mut Vec<String>| {
        if u.vars.contains(name) {
            defs.push(r.render(t, &Vars::new()));
        }
    };
    helper("time", tpl::TIME_TEXT, &mut defs);
    helper("daytime", tpl::DAYTIME_FN, &mut defs);
    helper("http", tpl::HTTP_PAGE, &mut defs);
    for (name, t) in [
        ("crc16", tpl::CRC16_MODBUS),
        ("crc16-ccitt", tpl::CRC16_CCITT),
        ("crc32", tpl::CRC32),
        ("sum8", tpl::SUM8),
        ("xor8", tpl::XOR8),
    ] {
        if u.checksums.contains(name) {
            defs.push(r.render(t, &Vars::new()));
        }
    }
    if u.relay && sink == Sink::Server {
        defs.push(r.render(tpl::RELAY, &Vars::new()));
    }
    for (i, rule) in plan.rules.iter().enumerate() {
        match &rule.when {
            When::Regex(src) => constants.push(format!("RULE_{} = re.compile({}.encode())", i + 1, py_str(src))),
            When::Hex { bytes, open_end } => {
                let pairs: Vec<String> = bytes.iter().map(|(v, m)| format!("(0x{v:02x}, 0x{m:02x})")).collect();
                constants.push(format!("RULE_{} = ({},)", i + 1, pairs.join(", ")));
                constants.push(format!("RULE_{}_OPEN = {}", i + 1, if *open_end { "True" } else { "False" }));
            }
            _ => {}
        }
    }
    for group in Group::ALL {
        let picked = plan.group(group);
        if picked.is_empty() {
            continue;
        }
        let message = group == Group::Answer;
        let args = if message { format!("{}, frame, body", sink.params()) } else { sink.params().to_string() };
        let mut lines = vec![format!("def {}({args}):", group.name())];
        lines.extend(r.comment("    ", group.note(), &Vars::new()));
        if message {
            lines.push("    line = strip_line_end(body)".into());
            if u.vars.contains("eol") {
                lines.push("    eol = line_end(frame, body)".into());
            }
        }
        let mut reachable = true;
        for (i, rule) in picked {
            if !reachable {
                break;
            }
            reachable = rule_code(i, rule, sink, r, &mut lines);
        }
        if reachable {
            lines.push("    return False".into());
        }
        defs.push(lines.join("\n") + "\n");
    }
    defs
}

/// One rule as code; false when nothing after it can run (it always fires and stops).
fn rule_code(i: usize, rule: &RulePlan, sink: Sink, r: &Renderer<'_>, lines: &mut Vec<String>) -> bool {
    lines.push(format!("    # {}. {}", i + 1, rule.text));
    let test = match &rule.when {
        When::Exact(t) => Some(format!("line == {}", bytes_literal(t))),
        When::Prefix(t) => Some(format!("line.startswith({})", bytes_literal(t))),
        When::Contains(t) => Some(format!("{} in line", bytes_literal(t))),
        When::Regex(_) => Some(format!("m := RULE_{}.search(line)", i + 1)),
        When::Hex { .. } => Some(format!("hex_match(body, RULE_{0}, RULE_{0}_OPEN)", i + 1)),
        When::Any | When::Connect | When::Oversize => None,
    };
    let pad = if test.is_some() { "        " } else { "    " };
    if let Some(t) = &test {
        lines.push(format!("    if {t}:"));
    }
    if rule.counts {
        lines.push(format!("{pad}n = fired({i})"));
    }
    let (mut closes, mut statements) = (false, usize::from(rule.counts));
    for step in &rule.steps {
        match step {
            // As the engine does: a client or a datagram socket has no other
            // clients, so relaying sends nothing.
            Do::Relay(_) if sink != Sink::Server => lines.extend(r.comment(pad, "code-relay-alone", &Vars::new())),
            Do::Reply(parts) | Do::Relay(parts) => {
                let (build, expr) = render_parts(parts, Group::of(&rule.when) == Group::Answer);
                lines.extend(build.iter().map(|l| format!("{pad}{l}")));
                let send = match step {
                    Do::Relay(_) => format!("relay({expr}, conn)"),
                    _ => sink.send(&expr),
                };
                lines.push(format!("{pad}{send}"));
                statements += 1;
            }
            Do::Wait(ms) => {
                lines.push(format!("{pad}time.sleep({})", *ms as f64 / 1000.0));
                statements += 1;
            }
            Do::Close => closes = true,
        }
    }
    if closes {
        lines.push(format!("{pad}return True"));
    } else if rule.stop {
        lines.push(format!("{pad}return False"));
    } else if statements == 0 && test.is_some() {
        lines.push(format!("{pad}pass"));
    }
    test.is_some() || !(rule.stop || closes)
}

/// The statements that build a reply, and the expression that is it
/// (`message`: in `answer()`, where the message is `frame`).
fn render_parts(parts: &[Part], message: bool) -> (Vec<String>, String) {
    let mut lines = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for part in parts {
        match part {
            Part::Bytes(b) => run.extend(literal_pieces(b, INLINE_ROOM - 3)),
            Part::Capture(n) => run.push(format!("(m.group({n}) or b\"\")")),
            Part::Var(v) => run.push(var(v, message)),
            Part::RandomBytes(n) => run.push(format!("os.urandom({n})")),
            Part::Checksum(sum, order) => {
                add_to_out(&mut run, &mut lines);
                if lines.is_empty() {
                    lines.push("out = b\"\"".into());
                }
                let order = if *order == ByteOrder::Big { "big" } else { "little" };
                let func = sum.name().replace('-', "_");
                lines.push(format!("out += {func}(out).to_bytes({}, \"{order}\")", sum.width()));
            }
        }
    }
    if lines.is_empty() && join(&run).len() <= INLINE_ROOM {
        return (lines, join(&run));
    }
    add_to_out(&mut run, &mut lines);
    (lines, "out".into())
}

/// Appends the expressions to `out`, as few on each line as fit.
fn add_to_out(run: &mut Vec<String>, lines: &mut Vec<String>) {
    let mut line: Vec<String> = Vec::new();
    for expr in run.drain(..) {
        if !line.is_empty() && join(&line).len() + 3 + expr.len() > INLINE_ROOM {
            let op = if lines.is_empty() { "=" } else { "+=" };
            lines.push(format!("out {op} {}", join(&line)));
            line.clear();
        }
        line.push(expr);
    }
    if !line.is_empty() {
        let op = if lines.is_empty() { "=" } else { "+=" };
        lines.push(format!("out {op} {}", join(&line)));
    }
}

fn join(run: &[String]) -> String {
    if run.is_empty() { "b\"\"".into() } else { run.join(" + ") }
}

fn var(name: &str, message: bool) -> String {
    match name {
        "line" => "line",
        "msg" => "frame",
        "body" => "body",
        "eol" => "eol",
        "len" => "str(len(frame)).encode()",
        "seq" => "str(n).encode()",
        "time" => "time_text().encode()",
        "time:unix" => "str(int(time.time())).encode()",
        "time:ms" => "str(time.time_ns() // 1000000).encode()",
        "random" => "str(random.getrandbits(32)).encode()",
        "peer" => "peer.encode()",
        "daytime" => "daytime().rstrip(\"\\r\\n\").encode()",
        "http" if message => "http_page(frame)",
        _ => "http_page(None)",
    }
    .into()
}

/// The framer class and its constants (none for raw framing).
fn framing(plan: &RulesPlan, r: &Renderer<'_>, constants: &mut Vec<String>, defs: &mut Vec<String>) {
    let f = &plan.frame;
    let mut vars = Vars::new();
    match &f.framing {
        Framing::Raw => return,
        Framing::Line | Framing::Delimiter(_) => {
            let (delim, body) = match &f.framing {
                Framing::Delimiter(d) => (d.clone(), "frame[: -len(DELIMITER)]"),
                _ => (b"\n".to_vec(), "strip_line_end(frame)"),
            };
            constants.push(format!("DELIMITER = {}", bytes_literal(&delim)));
            let over = match f.oversize {
                Oversize::Resync => tpl::OVERSIZE_DELIMITED_RESYNC,
                Oversize::Close => tpl::OVERSIZE_CLOSE,
                Oversize::Split => tpl::OVERSIZE_DELIMITED_SPLIT,
            };
            vars.set("body", body).set("oversize", r.render(over, &Vars::new()));
            defs.push(r.render(tpl::FRAMER_DELIMITED, &vars));
        }
        Framing::Fixed(n) => {
            constants.push(format!("FRAME_SIZE = {n}"));
            defs.push(r.render(tpl::FRAMER_FIXED, &vars));
        }
        Framing::LengthPrefix { width, big_endian, counts_header } => {
            constants.push(format!("HEADER = {}", width.bytes()));
            let order = if *big_endian || *width == PrefixWidth::One { "big" } else { "little" };
            let total = if *counts_header { "total = length" } else { "total = length + HEADER" };
            let over = match f.oversize {
                Oversize::Resync => tpl::OVERSIZE_LENGTH_RESYNC,
                Oversize::Close => tpl::OVERSIZE_CLOSE,
                Oversize::Split => tpl::OVERSIZE_LENGTH_SPLIT,
            };
            vars.set("order", order).set("total", total);
            vars.set("impossible", if *counts_header { "length < HEADER or " } else { "" });
            vars.set("oversize", r.render(over, &Vars::new()));
            defs.push(r.render(tpl::FRAMER_LENGTH, &vars));
        }
    }
    constants.push(format!("MAX_FRAME = {}", f.limit));
}

/// How a loop hands each recv() to the rules: through the framer, or as it
/// came. It sets `done` when a rule closes the connection.
fn dispatch(plan: &RulesPlan, print: bool) -> String {
    let answer = plan.answers();
    if !plan.framed() {
        // Each recv() is the message: a server prints it as it prints frames.
        let handle = if answer { "done = answer(conn, peer, data, data)" } else { "pass" };
        return match print {
            true => format!("print(f\"{{peer}}: {{data!r}}\", flush=True)\n{handle}"),
            false => handle.into(),
        };
    }
    let mut lines = vec!["@@ code-rules-frames".to_string(), "for frame, body in framer.push(data):".into()];
    lines.push("    if frame is None:".into());
    lines.push(if plan.uses.oversize { "        done = oversize(conn, peer)" } else { "        continue" }.into());
    lines.push("    else:".into());
    if print {
        lines.push("        print(f\"{peer}: {frame!r}\", flush=True)".into());
    }
    lines.push(if answer { "        done = answer(conn, peer, frame, body)" } else { "        done = False" }.into());
    lines.push("    if done:".into());
    lines.push("        break".into());
    lines.join("\n")
}

/// The loop's pieces for a stream: the framer, the greeting, the dispatch.
fn stream_vars(plan: &RulesPlan, vars: &mut Vars, r: &Renderer<'_>, print: bool) {
    let framed = plan.framed();
    vars.set("framer_new", if framed { "framer = Framer()" } else { "" });
    vars.set("running", if framed { "not done and not framer.closed" } else { "not done" });
    vars.set("greet", if plan.uses.connect { "done = greet(conn, peer)" } else { "done = False" });
    vars.set("dispatch", r.render(&dispatch(plan, print), &Vars::new()));
}

/// The rules program's client thread (a server) or main (a client).
pub(super) fn stream_def(plan: &RulesPlan, p: &Plan, r: &Renderer<'_>, vars: &mut Vars) -> String {
    let server = p.kind.is_server();
    stream_vars(plan, vars, r, server);
    if server {
        return r.render(tpl::SERVE_CLIENT, vars);
    }
    // Joined as the program joins its definitions.
    [r.render(python_tpl::SEND_LINES, vars), r.render(tpl::STREAM_CLIENT_RULES, vars)].join("\n\n")
}

/// The datagram loop that runs the rules.
pub(super) fn datagram_loop(p: &Plan, r: &Renderer<'_>, vars: &mut Vars) -> String {
    let unix = p.family == Family::Unix;
    vars.set("unnamed", if unix { r.render(python_tpl::DGRAM_UNNAMED, vars) } else { String::new() });
    r.render(tpl::DGRAM_RULES_LOOP, vars)
}
