//! From the process's arguments to [`Cli`], and clap's usage errors in the
//! language of LANG. clap writes its errors in English from its own
//! templates; each kind is rebuilt here from the facts
//! clap keeps with it (the argument, the value, the values it takes, the
//! suggestion, the usage line) into catalog messages (`cli-error-*`), laid
//! out as clap lays them out. Kinds with nothing a person typed wrong (an I/O
//! error writing the help, clap's own formatting error) keep clap's text.

use std::error::Error as _;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, Error, FromArgMatches};

use super::args::Cli;
use super::help::command;
use crate::t;

/// Why the arguments do not make a command to run: help or the version was
/// asked for (exit 0), or they are wrong (exit 2). [`Stop::print`] says it.
#[derive(Debug)]
pub struct Stop {
    pub text: StyledStr,
    pub to_stdout: bool,
    pub code: i32,
}

impl Stop {
    /// Prints the text where it belongs (styled on a terminal) and returns the exit code.
    pub fn print(&self) -> i32 {
        // Styled as clap styles it, on a terminal and unless NO_COLOR is set.
        let plain = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let styled = |terminal: bool| match terminal && !plain {
            true => self.text.ansi().to_string(),
            false => self.text.to_string(),
        };
        // A closed pipe (`--help | head`) is not worth reporting.
        let _ = if self.to_stdout {
            std::io::stdout().lock().write_all(styled(std::io::stdout().is_terminal()).as_bytes())
        } else {
            std::io::stderr().lock().write_all(styled(std::io::stderr().is_terminal()).as_bytes())
        };
        self.code
    }
}

/// The command line, parsed in the current language.
pub fn parse<I, T>(args: I) -> Result<Cli, Stop>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(args).map_err(|e| stop(&e, &cmd))?;
    if let Some(("help", help)) = matches.subcommand() {
        let path = help.get_many::<String>("command").into_iter().flatten().cloned().collect();
        return Err(help_of(path));
    }
    Cli::from_arg_matches(&matches).map_err(|e| stop(&e, &cmd))
}

/// `socklab help serve` is `socklab serve --help`; a name that is no command
/// is refused as clap refuses one.
fn help_of(path: Vec<String>) -> Stop {
    let mut cmd = command();
    cmd.build();
    let mut argv = vec![cmd.get_name().to_string()];
    let mut at = &cmd;
    for name in path {
        let Some(sub) = at.find_subcommand(&name) else {
            let mut err = Error::new(ErrorKind::InvalidSubcommand).with_cmd(at);
            err.insert(ContextKind::InvalidSubcommand, ContextValue::String(name));
            err.insert(ContextKind::Usage, ContextValue::StyledStr(at.clone().render_usage()));
            return stop(&err, at);
        };
        argv.push(name);
        at = sub;
    }
    argv.push("--help".to_string());
    match command().try_get_matches_from(argv) {
        Err(e) => stop(&e, &cmd),
        Ok(_) => Stop { text: cmd.render_help(), to_stdout: true, code: 0 },
    }
}

fn stop(err: &Error, cmd: &Command) -> Stop {
    match render(err, cmd) {
        Some(text) => Stop { text: StyledStr::from(text), to_stdout: false, code: 2 },
        None => Stop { text: err.render(), to_stdout: !err.use_stderr(), code: err.exit_code() },
    }
}

/// The error as the command line prints it, or None for a kind that keeps
/// clap's own rendering (help and version texts are ours already).
fn render(err: &Error, cmd: &Command) -> Option<String> {
    let (message, tips) = message(err, cmd)?;
    let mut out = t!("cli-error", message = message);
    out.push('\n');
    for tip in tips {
        out.push_str(&format!("\n  {}\n", t!("cli-error-tip", tip = tip)));
    }
    if let Some(usage) = usage(err) {
        out.push_str(&format!("\n{}{usage}\n", super::help::usage_heading()));
    }
    out.push_str(&format!("\n{}\n", t!("cli-error-try-help", help = "--help")));
    Some(out)
}

/// The sentence, and the tips under it.
fn message(err: &Error, cmd: &Command) -> Option<(String, Vec<String>)> {
    let arg = text(err, ContextKind::InvalidArg);
    let value = text(err, ContextKind::InvalidValue);
    Some(match err.kind() {
        ErrorKind::UnknownArgument => {
            (t!("cli-error-unknown-argument", arg = arg.as_str()), unknown_tips(err, cmd, &arg))
        }
        ErrorKind::InvalidValue if value.is_empty() => (t!("cli-error-value-required", arg = arg), Vec::new()),
        ErrorKind::InvalidValue => {
            let mut tips = Vec::new();
            if let Some(similar) = err.get(ContextKind::SuggestedValue) {
                tips.push(t!("cli-error-similar-value", value = similar.to_string()));
            }
            let values = list(err, ContextKind::ValidValue);
            let message = t!("cli-error-invalid-value", value = value, arg = arg);
            (format!("{message}\n  {}", t!("cli-error-possible-values", values = values)), tips)
        }
        ErrorKind::ValueValidation => {
            let problem = err.source().map(ToString::to_string).unwrap_or_default();
            (t!("cli-error-value-validation", value = value, arg = arg, problem = problem), Vec::new())
        }
        ErrorKind::InvalidSubcommand => {
            let command = text(err, ContextKind::InvalidSubcommand);
            let similar = list(err, ContextKind::SuggestedSubcommand);
            let tips =
                if similar.is_empty() { Vec::new() } else { vec![t!("cli-error-similar-command", command = similar)] };
            (t!("cli-error-unknown-command", command = command), tips)
        }
        ErrorKind::MissingRequiredArgument => {
            (t!("cli-error-missing-required", args = list(err, ContextKind::InvalidArg)), Vec::new())
        }
        ErrorKind::MissingSubcommand => {
            let command = text(err, ContextKind::InvalidSubcommand);
            (
                t!("cli-error-missing-command", command = command, commands = list(err, ContextKind::ValidSubcommand)),
                Vec::new(),
            )
        }
        ErrorKind::ArgumentConflict => {
            let others = list(err, ContextKind::PriorArg);
            if others == arg || others.is_empty() {
                (t!("cli-error-used-twice", arg = arg), Vec::new())
            } else {
                (t!("cli-error-conflict", arg = arg, others = others), Vec::new())
            }
        }
        ErrorKind::TooManyValues => (t!("cli-error-too-many-values", value = value, arg = arg), Vec::new()),
        ErrorKind::TooFewValues => {
            let (min, actual) = (text(err, ContextKind::MinValues), text(err, ContextKind::ActualNumValues));
            (t!("cli-error-too-few-values", arg = arg, min = min, actual = actual), Vec::new())
        }
        ErrorKind::WrongNumberOfValues => {
            let (expected, actual) =
                (text(err, ContextKind::ExpectedNumValues), text(err, ContextKind::ActualNumValues));
            (t!("cli-error-wrong-number-of-values", arg = arg, expected = expected, actual = actual), Vec::new())
        }
        ErrorKind::NoEquals => (t!("cli-error-no-equals", arg = arg), Vec::new()),
        ErrorKind::InvalidUtf8 => (t!("cli-error-invalid-utf8"), Vec::new()),
        _ => return None,
    })
}

/// What clap would suggest for an argument it does not know, in our words.
fn unknown_tips(err: &Error, cmd: &Command, arg: &str) -> Vec<String> {
    if let Some(similar) = err.get(ContextKind::SuggestedArg) {
        return vec![t!("cli-error-similar-argument", arg = similar.to_string())];
    }
    if cmd.find_subcommand(arg).is_some() {
        return vec![t!("cli-error-remove-dashes", command = arg)];
    }
    let long = arg.strip_prefix("--").map(|a| a.split('=').next().unwrap_or(a));
    let owner =
        cmd.get_subcommands().find(|s| s.get_arguments().any(|a| a.get_long().is_some() && a.get_long() == long));
    if let Some(sub) = owner {
        return vec![t!("cli-error-argument-of-command", command = sub.get_name(), arg = arg)];
    }
    if err.get(ContextKind::Suggested).is_some() && arg.starts_with('-') {
        return vec![t!("cli-error-pass-as-value", arg = arg)];
    }
    Vec::new()
}

/// clap's usage line for the command that failed, without its English title.
fn usage(err: &Error) -> Option<String> {
    let usage = match err.get(ContextKind::Usage)? {
        ContextValue::StyledStr(s) => s.to_string(),
        other => other.to_string(),
    };
    let usage = usage.trim();
    Some(usage.strip_prefix("Usage:").map_or(usage, str::trim_start).to_string())
}

fn text(err: &Error, kind: ContextKind) -> String {
    err.get(kind).map(ToString::to_string).unwrap_or_default()
}

/// A list of names (values, arguments), quoted as a person types them.
fn list(err: &Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::Strings(all)) => all.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
