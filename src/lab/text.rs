//! Every text a lab shows, keyed for the Fluent catalogs.
//!
//! A lab's own texts (title, summary, each step's instruction and hint) are
//! written in English in its RON file; their message ids come from the lab's
//! and the step's `id`:
//!
//! ```text
//! lab-tcp-echo = A TCP echo server                 (title)
//!     .summary = …
//! lab-tcp-echo-listen = Start the echo server …    (a step's instruction)
//!     .hint = …
//! ```
//!
//! What the checker says (what a step waits for, how far it got) is below, in
//! Fluent syntax, with `{ $name }` placeholders.
//!
//! The RON files stay the English source. `assets/i18n/labs.en.ftl` is
//! [`to_ftl`] of them (a test keeps the two equal) and `labs.zh-CN.ftl` its
//! translation. A lab text is taken from the catalogs only while the English
//! catalog says exactly what the file says: a lab someone wrote, or one
//! edited since, shows its own words rather than another lab's translation.

use super::{Lab, Step};
use crate::i18n::{self, FluentArgs, Lang};

/// A Fluent message id, and the attribute when the text is one (`.hint`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FtlKey {
    pub id: String,
    pub attr: Option<&'static str>,
}

impl std::fmt::Display for FtlKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.attr {
            Some(a) => write!(f, "{}.{a}", self.id),
            None => f.write_str(&self.id),
        }
    }
}

impl Lab {
    pub fn title_key(&self) -> FtlKey {
        FtlKey { id: format!("lab-{}", self.id), attr: None }
    }

    pub fn summary_key(&self) -> FtlKey {
        FtlKey { id: format!("lab-{}", self.id), attr: Some("summary") }
    }

    /// The key of a step's instruction.
    pub fn step_key(&self, step: &Step) -> FtlKey {
        FtlKey { id: format!("lab-{}-{}", self.id, step.id), attr: None }
    }

    pub fn hint_key(&self, step: &Step) -> FtlKey {
        FtlKey { id: format!("lab-{}-{}", self.id, step.id), attr: Some("hint") }
    }

    /// The title in the current language.
    pub fn title_text(&self) -> String {
        localized(&self.title_key(), &self.title)
    }

    pub fn summary_text(&self) -> String {
        localized(&self.summary_key(), &self.summary)
    }

    /// A step's instruction in the current language.
    pub fn step_text(&self, step: &Step) -> String {
        localized(&self.step_key(step), &step.text)
    }

    pub fn hint_text(&self, step: &Step) -> String {
        localized(&self.hint_key(step), &step.hint)
    }

    /// Every text of the lab with its key, in the order a catalog lists them.
    pub fn texts(&self) -> Vec<(FtlKey, &str)> {
        let mut out = vec![(self.title_key(), self.title.as_str()), (self.summary_key(), self.summary.as_str())];
        for step in &self.steps {
            out.push((self.step_key(step), step.text.as_str()));
            out.push((self.hint_key(step), step.hint.as_str()));
        }
        out
    }
}

/// `english` in the current language when the catalogs know it as `key`
/// (the English catalog says exactly `english`); else `english` itself.
pub fn localized(key: &FtlKey, english: &str) -> String {
    let id = key.to_string();
    if i18n::text_in(Lang::En, &id, None) == english { i18n::text(&id, None) } else { english.to_string() }
}

/// The labs' texts as Fluent source: `assets/i18n/labs.en.ftl` after its header.
pub fn to_ftl(labs: &[Lab]) -> String {
    let mut out = String::new();
    for lab in labs {
        out.push_str(&format!("\n## Lab: {}\n", lab.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
        for (key, text) in lab.texts() {
            let value = ftl_value(text);
            match key.attr {
                None => out.push_str(&format!("{} ={value}\n", key.id)),
                Some(a) => out.push_str(&format!("    .{a} ={value}\n")),
            }
        }
    }
    for (key, template) in CHECKER_TEXTS {
        out.push_str(&format!("{key} = {template}\n"));
    }
    out
}

/// A text as a Fluent value: braces escaped as string literals, every line
/// indented (a continuation line must not start with `[`, `*` or `.`, so
/// those get a literal too).
fn ftl_value(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let escaped = line.replace('{', "\u{0}").replace('}', "{\"}\"}").replace('\u{0}', "{\"{\"}");
        let escaped = match escaped.chars().next() {
            Some(c @ ('[' | '*' | '.')) => format!("{{\"{c}\"}}{}", &escaped[1..]),
            _ => escaped,
        };
        out.push_str("\n        ");
        out.push_str(&escaped);
    }
    out
}

/// The checker's texts, in Fluent syntax: the key, then the English.
pub const CHECKER_TEXTS: [(&str, &str); 21] = [
    ("lab-role-server", "the server"),
    ("lab-role-client", "the client"),
    ("lab-role-datagram", "the datagram socket"),
    ("lab-role-any", "an endpoint"),
    ("lab-check-listening", "a server is listening"),
    ("lab-check-datagram-bound", "a datagram socket is bound"),
    ("lab-check-client-connected", "a client started in socklab is connected"),
    ("lab-check-connections", "one server has { $count } connections open at once"),
    ("lab-check-received", "{ $who } receives “{ $text }”"),
    ("lab-check-received-any", "{ $who } receives data"),
    ("lab-check-distinct-peers", "one endpoint hears from { $count } different peers"),
    ("lab-check-peer-closed", "{ $who } sees recv() return 0: the peer sent FIN"),
    ("lab-check-active-close", "{ $who } closes a connection first (that side waits in TIME_WAIT)"),
    ("lab-check-send-split", "one send() arrives as two or more recv()"),
    ("lab-check-sends-coalesced", "several send() calls arrive in one recv()"),
    ("lab-check-failed", "{ $call }() fails with { $errno }"),
    ("lab-check-option-is", "{ $option } reads back as { $value }"),
    (
        "lab-check-restarted",
        "a server listens again on the same port within { $secs } s of closing with a connection in TIME_WAIT",
    ),
    ("lab-check-kernel-drop", "the kernel drops datagrams for a full receive buffer (SO_RXQ_OVFL)"),
    ("lab-check-json-file", "a JSON message arrives whose “{ $field }” is the base64 of { $file }"),
    ("lab-progress-count", "{ $now } of { $count }"),
];

/// One of the checker's texts: a key of [`CHECKER_TEXTS`] and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckText {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument: shown as it is, a number, or another text to look up first
/// (a role's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(u64),
    Key(&'static str),
}

/// A progress line (e.g. "2 of 3"): the same type as every checker text.
pub type Progress = CheckText;

impl CheckText {
    pub fn new(key: &'static str) -> CheckText {
        CheckText { key, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: Arg) -> CheckText {
        self.args.push((name, value));
        self
    }

    /// The text in the current language, placeholders filled in.
    pub fn text(&self) -> String {
        self.text_in(i18n::language())
    }

    /// The English text, as [`CHECKER_TEXTS`] writes it.
    pub fn english(&self) -> String {
        self.text_in(Lang::En)
    }

    pub fn text_in(&self, lang: Lang) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Text(t) => args.set(*name, t.as_str()),
                Arg::Number(n) => args.set(*name, *n),
                Arg::Key(k) => args.set(*name, i18n::text_in(lang, k, None)),
            }
        }
        i18n::text_in(lang, self.key, Some(&args))
    }
}
