//! The rules of a Rust program, from the same [`RulesPlan`] as the Python
//! one: functions that answer a message, a new connection and a refused
//! frame (the framer and the loops that call them are in `rust_rules_run`).
//! Each function takes only the values its rules use (the crate is built
//! with warnings denied), so the generator records what it names.

use std::collections::BTreeSet;

use crate::net::checksum::ByteOrder;

use super::literal::{bytes_literal, literal_pieces};
use super::plan::{Family, Plan};
use super::render::{Renderer, Vars};
use super::rules::{Do, Group, Part, RulePlan, RulesPlan, When};

/// The longest literal written in one piece, so every line stays within 100 columns.
const INLINE_ROOM: usize = 56;

/// Where the rules send: a connection (of a server, which may relay to the
/// others, or of a client), or a datagram's sender.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Sink {
    Server,
    Client,
    Udp,
    UnixDgram,
}

impl Sink {
    pub fn of(p: &Plan) -> Sink {
        match (p.kind.is_datagram(), p.kind.is_server(), p.family == Family::Unix) {
            (true, _, false) => Sink::Udp,
            (true, _, true) => Sink::UnixDgram,
            (false, true, _) => Sink::Server,
            (false, false, _) => Sink::Client,
        }
    }

    fn datagram(self) -> bool {
        matches!(self, Sink::Udp | Sink::UnixDgram)
    }

    fn send(self, expr: &str) -> String {
        if self.datagram() { format!("sock.send_to({expr}, to)?;") } else { format!("conn.write_all({expr})?;") }
    }
}

/// A rule function's parameters in order: (name, declaration, argument at the call).
fn params(sink: Sink, stream: &str, dgram: &str) -> Vec<(&'static str, String, &'static str)> {
    let mut out = Vec::new();
    match sink {
        Sink::Udp | Sink::UnixDgram => {
            out.push(("sock", format!("sock: &{dgram}"), "&sock"));
            let to = if sink == Sink::Udp { "to: SocketAddr" } else { "to: &Path" };
            out.push(("to", to.to_string(), if sink == Sink::Udp { "from" } else { "path" }));
            out.push(("peer", "peer: &str".into(), "&peer"));
        }
        Sink::Server | Sink::Client => {
            out.push(("conn", format!("conn: &mut {stream}"), "&mut conn"));
            out.push(("peer", "peer: &str".into(), if sink == Sink::Server { "peer" } else { "&peer" }));
            out.push(("clients", "clients: &Clients".into(), "clients"));
            out.push(("id", "id: u64".into(), "id"));
        }
    }
    out.push(("frame", "frame: &[u8]".into(), "&frame"));
    out.push(("body", "body: &[u8]".into(), "&body"));
    out
}

/// One rule function, and the names of the parameters it uses.
pub(super) struct GroupFn {
    pub code: String,
    pub uses: BTreeSet<&'static str>,
}

impl GroupFn {
    /// The call, with the arguments it takes (`frame`/`body` as given).
    pub fn call(&self, name: &str, sink: Sink, frame: &str, body: &str) -> String {
        let args: Vec<String> = params(sink, "", "")
            .into_iter()
            .filter(|(n, _, _)| self.uses.contains(n))
            .map(|(n, _, arg)| match n {
                "frame" => frame.to_string(),
                "body" => body.to_string(),
                _ => arg.to_string(),
            })
            .collect();
        format!("{name}({})?", args.join(", "))
    }
}

/// The rule functions of the groups `wanted`, with the constants their
/// rules need (regexes, hex patterns).
pub(super) fn group_fns(
    plan: &RulesPlan,
    sink: Sink,
    types: (&str, &str),
    r: &Renderer<'_>,
    constants: &mut Vec<String>,
    wanted: &[Group],
) -> Vec<(Group, GroupFn)> {
    let mut out = Vec::new();
    for &group in wanted {
        let picked = plan.group(group);
        if picked.is_empty() {
            continue;
        }
        let mut w = Writer { sink, group, lines: Vec::new(), uses: BTreeSet::new(), constants };
        let mut reachable = true;
        for (i, rule) in picked {
            if !reachable {
                break;
            }
            reachable = w.rule(i, rule);
        }
        if reachable {
            w.lines.push("    Ok(false)".into());
        }
        let Writer { lines, mut uses, .. } = w;
        let mut head = Vec::new();
        if uses.contains("line") {
            head.push("    let line = strip_line_end(body);".to_string());
            uses.insert("body");
        }
        if uses.contains("eol") {
            head.push("    let eol = line_end(frame, body);".to_string());
            uses.extend(["frame", "body"]);
        }
        let decls: Vec<String> = params(sink, types.0, types.1)
            .into_iter()
            .filter(|(n, _, _)| uses.contains(n))
            .map(|(_, d, _)| d)
            .collect();
        let one_line = format!("fn {}({}) -> io::Result<bool> {{", group.name(), decls.join(", "));
        let signature = if one_line.len() <= 100 {
            one_line
        } else {
            let list: String = decls.iter().map(|d| format!("    {d},\n")).collect();
            format!("fn {}(\n{list}) -> io::Result<bool> {{", group.name())
        };
        let mut code = vec![signature];
        code.extend(r.comment("    ", group.note(), &Vars::new()));
        code.extend(head);
        code.extend(lines);
        code.push("}".into());
        out.push((group, GroupFn { code: code.join("\n") + "\n", uses }));
    }
    out
}

/// Writes the rules of one function, noting what they name.
struct Writer<'a> {
    sink: Sink,
    group: Group,
    lines: Vec<String>,
    uses: BTreeSet<&'static str>,
    constants: &'a mut Vec<String>,
}

impl Writer<'_> {
    /// One rule as code; false when nothing after it can run (it always fires and stops).
    fn rule(&mut self, i: usize, rule: &RulePlan) -> bool {
        self.lines.push(format!("    // {}. {}", i + 1, rule.text));
        let test = self.test(i, rule);
        let pad = if test.is_some() { "        " } else { "    " };
        let start = self.lines.len();
        if rule.counts {
            self.lines.push(format!("{pad}let n = fired({i});"));
        }
        let mut closes = false;
        for step in &rule.steps {
            match step {
                Do::Reply(parts) => {
                    let send = self.send(parts, pad, None);
                    self.lines.extend(send);
                }
                Do::Relay(parts) if self.sink == Sink::Server => {
                    self.uses.extend(["clients", "id"]);
                    let send = self.send(parts, pad, Some("relay(clients, id, {})"));
                    self.lines.extend(send);
                }
                Do::Relay(_) => {
                    let note = self.note(pad, "code-relay-alone");
                    self.lines.extend(note);
                }
                Do::Wait(ms) => self.lines.push(format!("{pad}thread::sleep(Duration::from_millis({ms}));")),
                Do::Close => closes = true,
            }
        }
        // A rule that always fires and stops ends the function: its result is the last expression.
        let (open, close) = if test.is_some() { ("return ", ";") } else { ("", "") };
        if closes {
            self.lines.push(format!("{pad}{open}Ok(true){close}"));
        } else if rule.stop {
            self.lines.push(format!("{pad}{open}Ok(false){close}"));
        }
        if let Some(t) = &test {
            if self.lines.len() == start {
                // Neither answers nor stops: nothing to do when it matches.
                return true;
            }
            self.lines.insert(start, format!("    if {t} {{"));
            self.lines.push("    }".into());
        }
        test.is_some() || !(rule.stop || closes)
    }

    /// The condition of a rule's `if` (none: it always fires), with the
    /// constants it names.
    fn test(&mut self, i: usize, rule: &RulePlan) -> Option<String> {
        let captures = rule.steps.iter().any(|s| match s {
            Do::Reply(parts) | Do::Relay(parts) => parts.iter().any(|p| matches!(p, Part::Capture(_))),
            _ => false,
        });
        // A text too long for the `if` line becomes a constant.
        let mut text = |t: &[u8]| {
            let literal = bytes_literal(t);
            if literal.len() <= 60 {
                return literal;
            }
            let name = format!("const RULE_{}: &[u8] =", i + 1);
            let layout = if name.len() + literal.len() + 2 <= 100 || literal.len() + 5 > 100 { " " } else { "\n    " };
            self.constants.push(format!("{name}{layout}{literal};"));
            format!("RULE_{}", i + 1)
        };
        let test = match &rule.when {
            When::Exact(t) => Some(format!("line == {}", text(t))),
            When::Prefix(t) => Some(format!("line.starts_with({})", text(t))),
            When::Contains(t) if t.is_empty() => None,
            When::Contains(t) => Some(format!("find(line, {}).is_some()", text(t))),
            When::Regex(src) => {
                self.constants.push(regex_static(i + 1, src));
                Some(if captures {
                    format!("let Some(m) = RULE_{}.captures(line)", i + 1)
                } else {
                    format!("RULE_{}.is_match(line)", i + 1)
                })
            }
            When::Hex { bytes, open_end } => {
                let pairs: Vec<String> = bytes.iter().map(|(v, m)| format!("(0x{v:02x}, 0x{m:02x})")).collect();
                let array = format!("[{}]", pairs.join(", "));
                let one = format!("const RULE_{}: &[(u8, u8)] = &{array};", i + 1);
                // rustfmt's array_width: an array over 60 columns goes one element a line.
                self.constants.push(if array.len() <= 60 && one.len() <= 100 {
                    one
                } else {
                    let list: String = pairs.iter().map(|p| format!("    {p},\n")).collect();
                    format!("const RULE_{}: &[(u8, u8)] = &[\n{list}];", i + 1)
                });
                self.constants.push(format!("const RULE_{}_OPEN: bool = {open_end};", i + 1));
                self.uses.insert("body");
                Some(format!("hex_match(body, RULE_{0}, RULE_{0}_OPEN)", i + 1))
            }
            When::Any | When::Connect | When::Oversize => None,
        };
        if matches!(rule.when, When::Exact(_) | When::Prefix(_) | When::Contains(_) | When::Regex(_)) && test.is_some()
        {
            self.uses.insert("line");
        }
        test
    }

    fn note(&self, pad: &str, id: &str) -> Vec<String> {
        let style = super::render::Style { comment: "// ", patient_open: "", width: 100 };
        super::render::Renderer { style: &style, patient: false }.comment(pad, id, &Vars::new())
    }

    /// The statements that send a reply (`relay` wraps the expression when relaying).
    fn send(&mut self, parts: &[Part], pad: &str, relay: Option<&str>) -> Vec<String> {
        match (relay, self.sink.datagram()) {
            (Some(_), _) => {}
            (None, true) => self.uses.extend(["sock", "to"]),
            (None, false) => _ = self.uses.insert("conn"),
        }
        let sink = self.sink;
        let send = |expr: &str| match relay {
            Some(call) => format!("{};", call.replace("{}", expr)),
            None => sink.send(expr),
        };
        if let [Part::Bytes(b)] = parts
            && literal_pieces(b, INLINE_ROOM).len() == 1
        {
            return vec![format!("{pad}{}", send(&bytes_literal(b)))];
        }
        let simple: Option<String> = match parts {
            [Part::Checksum(..)] | [Part::Bytes(_)] => None,
            [part] => Some(self.expr(part)),
            _ => None,
        };
        if let Some(expr) = simple {
            let line = format!("{pad}{}", send(&expr));
            if line.len() <= 100 {
                return vec![line];
            }
        }
        let mut lines = vec![format!("{pad}let mut out = Vec::new();")];
        for part in parts {
            match part {
                Part::Bytes(b) => lines
                    .extend(literal_pieces(b, INLINE_ROOM).iter().map(|l| format!("{pad}out.extend_from_slice({l});"))),
                Part::Checksum(sum, order) => {
                    let func = sum.name().replace('-', "_");
                    let to = if *order == ByteOrder::Big { "to_be_bytes" } else { "to_le_bytes" };
                    lines.push(format!("{pad}out.extend_from_slice(&{func}(&out).{to}());"));
                }
                other => {
                    let expr = self.expr(other);
                    lines.push(format!("{pad}out.extend_from_slice({expr});"));
                }
            }
        }
        lines.push(format!("{pad}{}", send("&out")));
        lines
    }

    /// A part as an expression that is (or derefs to) the bytes.
    fn expr(&mut self, part: &Part) -> String {
        match part {
            Part::Bytes(b) => bytes_literal(b),
            Part::Capture(n) => format!("group(&m, {n})"),
            Part::RandomBytes(n) => format!("&random_bytes({n})?"),
            Part::Checksum(..) => String::new(),
            Part::Var(v) => {
                let (expr, uses): (&str, &[&'static str]) = match *v {
                    "line" => ("line", &["line"]),
                    "msg" => ("frame", &["frame"]),
                    "body" => ("body", &["body"]),
                    "eol" => ("eol", &["eol"]),
                    "len" => ("frame.len().to_string().as_bytes()", &["frame"]),
                    "seq" => ("n.to_string().as_bytes()", &[]),
                    "time" => ("time_text().as_bytes()", &[]),
                    "time:unix" => ("since_epoch().as_secs().to_string().as_bytes()", &[]),
                    "time:ms" => ("since_epoch().as_millis().to_string().as_bytes()", &[]),
                    "random" => ("random_u32()?.to_string().as_bytes()", &[]),
                    "peer" => ("peer.as_bytes()", &["peer"]),
                    "daytime" => ("daytime().trim_end().as_bytes()", &[]),
                    "http" if self.group == Group::Answer => ("&http_page(Some(frame))", &["frame"]),
                    _ => ("&http_page(None)", &[]),
                };
                self.uses.extend(uses);
                expr.to_string()
            }
        }
    }
}

/// A rule's compiled pattern, laid out as rustfmt lays it out for its length.
fn regex_static(n: usize, src: &str) -> String {
    let name = format!("static RULE_{n}: LazyLock<Regex> =");
    let call = format!("LazyLock::new(|| compile({src:?}));");
    if name.len() + 1 + call.len() <= 100 {
        format!("{name} {call}")
    } else if 4 + call.len() <= 100 {
        format!("{name}\n    {call}")
    } else if format!("    compile({src:?})").len() <= 100 {
        format!("{name} LazyLock::new(|| {{\n    compile({src:?})\n}});")
    } else {
        format!("{name} LazyLock::new(|| {{\n    compile(\n        {src:?},\n    )\n}});")
    }
}
