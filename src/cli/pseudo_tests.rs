//! The command line's own text, run in the pseudo-locale: every word a
//! person reads must come out of the catalogs accented (`⟦Ŝţåårţ …⟧`), so any
//! word with a plain ASCII letter the pseudo-locale would have accented was
//! written outside them — unless it is a name a person types: a command, a
//! flag, a placeholder, a value, an option name, or the examples' code.

use std::collections::HashSet;

use clap::{Command, CommandFactory};

use super::args::Cli;
use super::help::command;
use super::parse::parse;
use crate::i18n::{self, Lang};
use crate::net::SockOpt;

/// The letters the pseudo-locale leaves as they are (see `catalog::accent`).
const KEPT: &str = "mqvxBFMQVX";

/// Words of `text` that are English written outside the catalogs. The
/// template language's variables (`${peer}`) are code, as typed.
pub(crate) fn stray_words(text: &str, allowed: &HashSet<String>) -> Vec<String> {
    let mut code_free = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        code_free.push_str(&rest[..start]);
        rest = rest[start..].find('}').map_or("", |end| &rest[start + end + 1..]);
    }
    code_free.push_str(rest);
    let mut stray: Vec<String> = code_free
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic() && !KEPT.contains(c)))
        .filter(|w| !allowed.contains(*w))
        .map(str::to_string)
        .collect();
    stray.dedup();
    stray
}

fn words_of(text: &str, into: &mut HashSet<String>) {
    into.extend(text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map(str::to_string));
}

/// What a person types: command names, flags, placeholders, values and
/// defaults, the option table's names, and the examples.
fn typed_names(cmd: &Command, into: &mut HashSet<String>) {
    words_of(cmd.get_name(), into);
    for a in cmd.get_arguments() {
        words_of(a.get_long().unwrap_or_default(), into);
        a.get_short().into_iter().for_each(|c| words_of(&c.to_string(), into));
        a.get_value_names().into_iter().flatten().for_each(|v| words_of(v, into));
        words_of(&a.get_id().to_string().to_uppercase(), into);
        a.get_possible_values().iter().for_each(|v| words_of(v.get_name(), into));
        a.get_default_values().iter().for_each(|v| words_of(&v.to_string_lossy(), into));
    }
    for s in cmd.get_subcommands() {
        typed_names(s, into);
    }
}

fn allowed() -> HashSet<String> {
    let mut allowed = HashSet::new();
    typed_names(&command(), &mut allowed);
    for o in SockOpt::ALL {
        words_of(o.name(), &mut allowed);
        words_of(o.c_name(), &mut allowed);
    }
    for e in crate::net::Encoding::ALL {
        words_of(e.name(), &mut allowed);
    }
    words_of(super::help::EXAMPLES, &mut allowed);
    // clap's usage placeholders, like <PROTO>.
    words_of("OPTIONS COMMAND", &mut allowed);
    allowed
}

/// What socklab prints for these arguments, and its exit code.
fn printed(args: &[&str]) -> (String, i32) {
    match parse(std::iter::once("socklab").chain(args.iter().copied())) {
        Ok(cli) => (format!("parsed: {cli:?}"), 0),
        Err(stop) => (stop.text.to_string(), stop.code),
    }
}

fn in_pseudo() {
    i18n::isolate_thread();
    i18n::set_language(Lang::Pseudo);
}

#[test]
fn the_checker_finds_clap_s_english_headings() {
    in_pseudo();
    let help = Cli::command().find_subcommand_mut("serve").map(|s| s.render_help().to_string()).unwrap_or_default();
    let stray = stray_words(&help, &allowed());
    for word in ["Usage", "Arguments", "Options", "Print"] {
        assert!(stray.iter().any(|w| w == word), "{word} not found in {stray:?}");
    }
}

#[test]
fn every_help_text_comes_from_the_catalogs() {
    in_pseudo();
    let mut paths: Vec<Vec<&str>> = vec![vec![]];
    let cmd = command();
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    paths.extend(names.iter().map(|n| vec![n.as_str()]));
    let allowed = allowed();
    for path in &paths {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = path.iter().copied().chain([flag]).collect();
            let (text, code) = printed(&args);
            assert_eq!(code, 0, "{args:?}: {text}");
            assert!(text.contains('⟦'), "{args:?} printed no catalog text: {text}");
            let stray = stray_words(&text, &allowed);
            assert!(stray.is_empty(), "{args:?}: written outside the catalogs: {stray:?}\n{text}");
        }
        let args: Vec<&str> = ["help"].into_iter().chain(path.iter().copied()).collect();
        let (text, _) = printed(&args);
        assert!(stray_words(&text, &allowed).is_empty(), "{args:?}: {text}");
    }
}

#[test]
fn usage_errors_come_from_the_catalogs_and_exit_2() {
    in_pseudo();
    let bad: &[&[&str]] = &[
        &["serve", "--bogus"],
        &["serve", "tcp"],
        &["serve"],
        &["serve", "bogus", "1"],
        &["serve", "tcp", "1:1", "--repl", "echo"],
        &["serve", "tcp", "1:1", "--reply", "ech"],
        &["serve", "tcp", "1:1", "--reply"],
        &["--reply", "echo"],
        &["serve", "tcp", "1:1", "--json", "--json"],
        &["serve", "tcp", "1:1", "extra"],
        &["serve", "tcp", "1:1", "--backlog", "x"],
        &["serve", "tcp", "1:1", "--tcp-info", "5"],
        &["serve", "tcp", "1:1", "--frame-limit", "10"],
        &["connect", "tcp", "1:1", "--timeout", "x"],
        &["connect", "tcp", "1:1", "--wait", "99999999999"],
        &["code", "w.ron", "--lang", "go"],
        &["serve", "tcp", "1:1", "--frame", "bogus"],
        &["serve", "tcp", "1:1", "--frame", "line", "--frame-limit", "x"],
        &["serve", "tcp", "1:1", "--frame", "line", "--oversize", "bogus"],
        &["serve", "tcp", "1:1", "--set", "bogus=1"],
        &["serve", "tcp", "1:1", "--set", "nodelay=x"],
        &["serve", "tcp", "1:1", "--encoding", "bogus"],
        &["serve", "tcp", "1:1", "--rule", "bogus => x"],
        &["serve", "tcp", "1:1", "--greet", "${bogus}"],
        &["help", "bogus"],
    ];
    let mut allowed = allowed();
    words_of("bogus repl ech extra x w ron go", &mut allowed);
    for args in bad {
        let (text, code) = printed(args);
        assert_eq!(code, 2, "{args:?}: {text}");
        let stray = stray_words(&text, &allowed);
        assert!(stray.is_empty(), "{args:?}: written outside the catalogs: {stray:?}\n{text}");
    }
}

#[test]
fn code_s_refusals_come_from_the_catalogs() {
    use crate::net::{EndpointKind, EndpointSpec, ReplyMode};
    use crate::workspace::{Workspace, WorkspaceEndpoint};
    in_pseudo();
    let endpoint = |name: &str, spec: EndpointSpec| WorkspaceEndpoint { name: name.into(), spec, autostart: false };
    let chat = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_reply(ReplyMode::Chat);
    let cases = [
        (Vec::new(), None),
        (vec![endpoint("alpha", chat.clone()), endpoint("beta", chat.clone())], None),
        (vec![endpoint("alpha", chat.clone())], Some("gamma")),
        (vec![endpoint("alpha", chat)], None),
        (vec![endpoint("alpha", EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:99999"))], None),
        (vec![endpoint("alpha", EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_peer("nowhere"))], None),
        (vec![endpoint("alpha", EndpointSpec::new(EndpointKind::UnixDatagram, ""))], None),
    ];
    let mut allowed = allowed();
    words_of("alpha beta gamma nowhere lab ron address peer", &mut allowed);
    for (endpoints, name) in cases {
        let ws = Workspace { endpoints, ..Workspace::default() };
        let why = super::code::program(&ws, std::path::Path::new("lab.ron"), crate::codegen::Lang::Python, name)
            .expect_err("each case is refused");
        let stray = stray_words(&why, &allowed);
        assert!(stray.is_empty(), "written outside the catalogs: {stray:?}\n{why}");
    }
}

#[test]
fn sequence_steps_and_results_come_from_the_catalogs() {
    use std::time::Duration;

    use crate::net::rules::Matcher;
    use crate::net::sequence::{Failure, Repeat, Sequence, Step, StepReport, StepResult, Summary};
    in_pseudo();
    let steps = vec![
        Step::Send { payload: "hello".into(), format: crate::net::PayloadFormat::Text },
        Step::Send { payload: "0a0b".into(), format: crate::net::PayloadFormat::Hex },
        Step::Wait { ms: 100 },
        Step::Expect { when: Matcher::Exact("PONG".into()), timeout_ms: 5000 },
    ];
    let seq = Sequence { name: "ping".into(), steps, repeat: Repeat::Times(3), stop_on_failure: true };
    let results = [
        StepResult::Sent { len: 5 },
        StepResult::Waited,
        StepResult::Passed { line: b"PONG".to_vec(), passed_over: 0 },
        StepResult::Passed { line: b"PONG".to_vec(), passed_over: 2 },
        StepResult::Failed(Failure::Timeout { passed_over: 0 }),
        StepResult::Failed(Failure::Timeout { passed_over: 3 }),
        StepResult::Failed(Failure::Closed),
    ];
    let mut lines = Vec::new();
    for (n, step) in seq.steps.iter().enumerate() {
        for result in &results {
            let report = StepReport { round: 1, step: n, result: result.clone(), took: Duration::from_millis(3) };
            lines.push(super::messages::sequence_step(0, &seq, &step.to_string(), &report));
        }
    }
    for summary in [
        Summary { rounds: 1, passed: 1, failed: 0, stopped: false, dropped: 0 },
        Summary { rounds: 3, passed: 2, failed: 1, stopped: true, dropped: 7 },
    ] {
        lines.push(super::messages::sequence_done(0, &seq, &summary));
        lines.push(summary.to_string());
    }
    lines.push(super::messages::sequence_not_run(0, &seq, true));
    let mut allowed = allowed();
    words_of("hello 0a0b hex exact PONG ping", &mut allowed);
    for line in lines {
        let stray = stray_words(&line, &allowed);
        assert!(stray.is_empty(), "written outside the catalogs: {stray:?}\n{line}");
    }
}

#[test]
fn a_workspace_s_refusals_come_from_the_catalogs() {
    in_pseudo();
    let endpoint =
        |spec: &str| format!("(version: 1, endpoints: [(name: \"alpha\", spec: ({spec}), autostart: true)])");
    let bad = [
        endpoint("kind: UnixServer, address: \"\""),
        endpoint("kind: Udp, address: \"127.0.0.1:0\", reply: Chat"),
        endpoint("kind: TcpClient, address: \"127.0.0.1:9\", connect_timeout: (secs: 0, nanos: 0)"),
        endpoint("kind: TcpServer, address: \"127.0.0.1:0\", options: [(opt: RcvBuf, value: Int(3000000000))]"),
        endpoint("kind: TcpServer, address: \"127.0.0.1:99999\""),
    ];
    let mut allowed = allowed();
    words_of("alpha lab ron address connect_timeout secs nanos rcvbuf SO_RCVBUF", &mut allowed);
    for text in bad {
        let why = crate::workspace::parse(&text, std::path::Path::new("lab.ron")).expect_err(&text).to_string();
        let stray = stray_words(&why, &allowed);
        assert!(stray.is_empty(), "written outside the catalogs: {stray:?}\n{why}");
    }
}
