//! "Show as code": the program that does what one endpoint does, in Python
//! (the tutorials' own `socket` module) or in Rust (std + socket2), with a
//! comment on each call for a student. Pure: no I/O, no egui.
//!
//! The pieces: [`plan`] decides once what the program must do (family,
//! addresses, which options are set and why not the others); `python` and
//! `rust` fill their templates; `options` maps each socket option to a line
//! of each language; `text` holds every comment, keyed by id, in English and
//! (`text_zh`) Chinese.

/// The Python function that answers an HTTP request with socklab's page: the
/// reply mode's program and the rules' `http` preset both use it.
macro_rules! http_page_fn {
    () => {
        r#"
def http_page(head):
    @@ code-http-answer
    if head is None:
        status, kind = "431 Request Header Fields Too Large", "text/plain"
        body = "request head too large\n"
    else:
        first = head.split(b"\r", 1)[0].decode("utf-8", "replace")
        safe = "".join(c for c in first if c not in "<>&")
        status, kind = "200 OK", "text/html; charset=utf-8"
        body = (
            "<!doctype html>\n"
            '<html><head><meta charset="utf-8"><title>socklab</title></head>\n'
            "<body><h1>Hello from socklab</h1>\n"
            f"<p>You sent: <code>{safe}</code></p></body></html>\n"
        )
    body = body.encode()
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\nServer: socklab\r\n\r\n"
    )
    return head.encode() + body
"#
    };
}

mod literal;
mod options;
mod plan;
mod python;
mod python_rules;
mod python_rules_tpl;
mod python_tpl;
mod render;
mod rules;
mod rust;
mod rust_dgram_tpl;
mod rust_rules;
mod rust_rules_run;
mod rust_rules_tpl;
mod rust_tpl;
pub mod text;
mod text_zh;

use thiserror::Error;

use crate::net::EndpointSpec;

use plan::Plan;
use render::Vars;

/// The language of the generated program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    Rust,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Python, Lang::Rust];

    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Rust => "rust",
        }
    }
}

/// Why no program can be written for an endpoint.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CodegenError {
    #[error("{}", crate::t!("codegen-error-address", field = *field, problem = message.as_str()))]
    Address { field: &'static str, message: String },
    #[error("{}", crate::t!("codegen-error-reply", reply = *reply, kind = *kind))]
    Reply { reply: &'static str, kind: &'static str },
    #[error("{}", crate::t!("codegen-error-no-path", kind = *kind))]
    NoPath { kind: &'static str },
}

/// The program for endpoint `name`, in `lang`.
pub fn generate(name: &str, spec: &EndpointSpec, lang: Lang) -> Result<String, CodegenError> {
    let plan = Plan::new(spec)?;
    let mut header = Vars::new();
    header
        .set("name", literal::py_str(name))
        // In the language of the program's comments (see text.rs).
        .set("kind", crate::i18n::text_in(text::words(), spec.kind.label_id(), None))
        .set("address", plan.address_text().to_string())
        .set("reply", spec.reply.name())
        .set("replydoc", crate::i18n::text_in(text::words(), spec.reply.describe_id(), None))
        .set("dependency", rust::dependency(&plan));
    match &plan.rules {
        Some(rules) => header
            .set("header_note", "code-header-rules")
            .set("framing", rules.frame.framing.to_string())
            .set("rules", rules.rules.len().to_string()),
        None => header.set("header_note", "code-header"),
    };
    if let Some(peer) = &plan.peer {
        header.set("peer", peer.clone());
    }
    Ok(match lang {
        Lang::Python => {
            header.set("peer_line", peer_line(&plan, &header, "# ", 79));
            python::program(&plan, &header)
        }
        Lang::Rust => {
            header.set("peer_line", peer_line(&plan, &header, "// ", 100));
            rust::program(&plan, &header)
        }
    })
}

/// The `[dependencies]` lines a generated Rust program needs, one a line.
pub fn rust_dependency(spec: &EndpointSpec) -> Result<String, CodegenError> {
    Ok(rust::dependency(&Plan::new(spec)?))
}

fn peer_line(plan: &Plan, header: &Vars, comment: &'static str, width: usize) -> String {
    if plan.peer.is_none() {
        return String::new();
    }
    let style = render::Style { comment, patient_open: "", width };
    render::Renderer { style: &style, patient: false }.comment("", "code-header-peer", header).join("\n")
}

/// The lines of a program that are not whole-line comments: what decides
/// its imports and helpers, so a word in a comment (in any language) never
/// pulls one in.
pub(crate) fn code_only(program: &str, comment: &str) -> String {
    program.lines().filter(|l| !l.trim_start().starts_with(comment)).collect::<Vec<_>>().join("\n")
}

/// True when `word` occurs in `text` not as the tail of a longer name or path
/// (`socket.` but not `xsocket.`, `SocketAddr` but not `net::SocketAddr`).
pub(crate) fn uses_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{EndpointKind, OptValue, Phase, ReplyMode, SockOpt};

    fn every_option(spec: EndpointSpec) -> EndpointSpec {
        SockOpt::ALL.into_iter().fold(spec, |s, o| {
            let value = if o.phase() == Phase::ReadOnly { OptValue::Text(String::new()) } else { o.default_value() };
            s.with_option(o, value)
        })
    }

    /// Each kind, reply mode, peer or not, address family, with and without options.
    fn variants() -> Vec<EndpointSpec> {
        let mut out = Vec::new();
        for kind in EndpointKind::ALL {
            let addresses: &[&str] =
                if kind.is_unix() { &["/tmp/s.sock"] } else { &["127.0.0.1:9000", "[::1]:9000", "localhost:9000"] };
            for &reply in kind.reply_modes() {
                for address in addresses {
                    for peer in [None, Some(if kind.is_unix() { "/tmp/p.sock" } else { "127.0.0.1:1" })] {
                        if peer.is_some() && !kind.is_datagram() {
                            continue;
                        }
                        let mut spec = EndpointSpec::new(kind, *address).with_reply(reply);
                        spec.peer = peer.map(String::from);
                        out.push(every_option(spec.clone()));
                        out.push(spec);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_program_is_whole() {
        for spec in variants() {
            for lang in Lang::ALL {
                let code = generate("x", &spec, lang).unwrap_or_else(|e| panic!("{spec:?}: {e}"));
                for mark in ["{{", "{ $", "missing note", "«", "»", "@@"] {
                    assert!(!code.contains(mark), "{mark} left in the {} program of {spec:?}:\n{code}", lang.name());
                }
            }
        }
    }

    /// A note no template or generator names is dead text a translator would
    /// still translate.
    #[test]
    fn every_note_is_used() {
        let sources = [
            include_str!("mod.rs"),
            include_str!("options.rs"),
            include_str!("python.rs"),
            include_str!("python_tpl.rs"),
            include_str!("python_rules.rs"),
            include_str!("python_rules_tpl.rs"),
            include_str!("rules.rs"),
            include_str!("rust.rs"),
            include_str!("rust_tpl.rs"),
            include_str!("rust_dgram_tpl.rs"),
            include_str!("rust_rules.rs"),
            include_str!("rust_rules_run.rs"),
            include_str!("rust_rules_tpl.rs"),
            include_str!("plan.rs"),
        ];
        for (id, _) in text::NOTES {
            let by_option = id.strip_prefix("code-opt-").is_some_and(|n| SockOpt::from_name(n).is_some());
            let named = sources.iter().any(|s| {
                [format!("\"{id}\""), format!("@@ {id}\n"), format!("\"@@ {id}\"")].iter().any(|w| s.contains(w))
            });
            assert!(by_option || named, "note {id} is never used");
        }
    }

    #[test]
    fn text_from_a_file_stays_inside_its_literal_and_comment() {
        let name = "two\nlines \"quoted\" \\ \u{2028}";
        let path = "/tmp/a \"b\" \\c\nd.sock";
        let spec = EndpointSpec::new(EndpointKind::UnixServer, path).with_reply(ReplyMode::Echo);
        let py = generate(name, &spec, Lang::Python).expect("python");
        assert!(py.contains(r#"ADDRESS = "/tmp/a \"b\" \\c\nd.sock""#), "{py}");
        let rs = generate(name, &spec, Lang::Rust).expect("rust");
        assert!(rs.contains(r#"const ADDRESS: &str = "/tmp/a \"b\" \\c\nd.sock";"#), "{rs}");
        for (code, comment) in [(&py, "#"), (&rs, "//")] {
            let header: Vec<&str> = code.lines().take_while(|l| !l.is_empty()).collect();
            assert!(header.iter().all(|l| l.starts_with(comment)), "{header:?}");
            assert!(header.concat().contains(r#""two\nlines \"quoted\" \\ \u2028""#), "{header:?}");
        }
    }

    #[test]
    fn options_that_cannot_apply_are_left_out_with_the_reason() {
        let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0")
            .with_option(SockOpt::NoDelay, OptValue::Bool(true))
            .with_option(SockOpt::SoType, OptValue::Text(String::new()))
            .with_option(SockOpt::JoinMulticast, OptValue::Group("ff02::1".parse().expect("ipv6")));
        let py = generate("u", &spec, Lang::Python).expect("python");
        assert!(
            py.contains("# TCP_NODELAY is not set here (a TCP option") && !py.contains("socket.TCP_NODELAY"),
            "{py}"
        );
        assert!(py.contains("# SO_TYPE is read-only") && !py.contains("socket.SO_TYPE"), "{py}");
        assert!(py.contains("# IP_ADD_MEMBERSHIP ff02::1 is not set") && !py.contains("IPV6_JOIN_GROUP,"), "{py}");
        let rs = generate("u", &spec, Lang::Rust).expect("rust");
        assert!(!rs.contains("set_tcp_nodelay") && !rs.contains("join_multicast"), "{rs}");
    }

    #[test]
    fn rules_are_written_out_in_python_and_in_rust() {
        for kind in EndpointKind::ALL {
            let address = if kind.is_unix() { "/tmp/r.sock" } else { "127.0.0.1:9000" };
            let rule = if kind.is_server() { "any => relay:${line}${eol}" } else { "connect => reply:hi${crc16}" };
            let mut spec = EndpointSpec::new(kind, address).with_rule(rule.parse().expect("rule")).with_rule(
                "regex:^(a)?b$ => reply:${1} ${seq} ${time} ${random} ${peer}\\n => close".parse().expect("rule"),
            );
            spec.peer = kind.is_datagram().then(|| address.to_string());
            // A pattern from a file stays inside its comment and literal.
            let odd = crate::net::rules::Matcher::Regex("x\nos.system('boom')\u{2028}".into());
            spec.rules.insert(0, crate::net::rules::Rule::new(odd, vec![]));
            let py = generate("r", &spec, Lang::Python).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            for mark in ["{{", "{ $", "missing note", "@@"] {
                assert!(!py.contains(mark), "{mark} left in the program of {kind:?}:\n{py}");
            }
            assert!(py.contains("def answer("), "{kind:?}:\n{py}");
            assert!(!py.lines().any(|l| l.trim_start().starts_with("os.system")), "{kind:?}:\n{py}");
            assert!(py.contains("# 1. regex:x\\u{a}os.system('boom')\\u{2028} => ignore"), "{kind:?}:\n{py}");
            let rs = generate("r", &spec, Lang::Rust).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            for mark in ["{{", "{ $", "missing note", "@@", "«"] {
                assert!(!rs.contains(mark), "{mark} left in the Rust program of {kind:?}:\n{rs}");
            }
            assert!(rs.contains("fn answer(") && rs.contains("regex = \"1\""), "{kind:?}:\n{rs}");
            assert!(!rs.lines().any(|l| l.trim_start().starts_with("os.system")), "{kind:?}:\n{rs}");
            assert!(rs.contains("// 1. regex:x\\u{a}os.system('boom')\\u{2028} => ignore"), "{kind:?}:\n{rs}");
        }
    }

    #[test]
    fn endpoints_that_cannot_work_are_refused() {
        let bad = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:99999");
        assert!(
            matches!(generate("b", &bad, Lang::Python), Err(CodegenError::Address { field: "address", message }) if message.contains("out of range"))
        );
        let peer = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_peer("nowhere");
        assert!(matches!(generate("p", &peer, Lang::Rust), Err(CodegenError::Address { field: "peer", .. })));
        let chat = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_reply(ReplyMode::Chat);
        assert!(matches!(generate("c", &chat, Lang::Python), Err(CodegenError::Reply { .. })));
        let mute = EndpointSpec::new(EndpointKind::UnixDatagram, "");
        assert!(matches!(generate("m", &mute, Lang::Python), Err(CodegenError::NoPath { .. })));
    }
}
