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
