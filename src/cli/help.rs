//! `--help` in the language of LANG. clap's derive fixes the texts at compile
//! time, so the command is walked at run time and each text replaced by its
//! catalog entry: `cli-<command>-about` and `cli-<command>-<argument>`
//! (`cli-serve-reply`), with `socklab` for the top level. clap's own words go
//! too: the headings come from a template of ours, `-h`/`-V` and the `help`
//! command are ours, and defaults and possible values are written into the
//! argument's help (`cli-help-*`).

use clap::builder::Resettable;
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::args::Cli;
use crate::i18n;
use crate::net::{Phase, SockOpt};
use crate::t;

/// The command line's definition, its help in the current language.
pub fn command() -> Command {
    let about = format!("{}\n{}", t!("cli-socklab-about"), t!("cli-socklab-about-window"));
    // Our own `help` command and `-V`: clap's have English help.
    let help = Command::new("help").arg(Arg::new("command").value_name("COMMAND").num_args(..));
    let cmd =
        Cli::command().disable_help_subcommand(true).subcommand(help).disable_version_flag(true).arg(
            Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t!("cli-help-version")),
        );
    localise(cmd, "socklab").about(about).after_help(after_help())
}

fn localise(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = catalog(&format!("cli-{path}-about")) {
        cmd = cmd.about(about).long_about(Resettable::Reset);
    }
    for (id, text) in arguments(&cmd, path) {
        let help = catalog(&text);
        cmd = cmd.mut_arg(id, |a| with_values(a, help));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(&name, |s| localise(s, &name));
    }
    // Each argument's help on its own line under its name: the helps are
    // sentences, and beside the names they would run far past a terminal's width.
    let cmd = cmd
        .next_line_help(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(t!("cli-help-help")));
    let template = template(&cmd);
    cmd.help_template(template)
}

/// The argument's help from the catalog, with its default and possible
/// values written after it in the language (clap would write them in English).
fn with_values(arg: Arg, help: Option<String>) -> Arg {
    let mut text = help.or_else(|| arg.get_help().map(ToString::to_string)).unwrap_or_default();
    if !arg.get_action().takes_values() {
        return arg.help(text).long_help(Resettable::Reset);
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let values: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if !defaults.is_empty() {
        text.push(' ');
        text.push_str(&t!("cli-help-default", value = defaults.join(" ")));
    }
    if !values.is_empty() {
        text.push(' ');
        text.push_str(&t!("cli-help-possible-values", values = values.join(", ")));
    }
    arg.help(text).long_help(Resettable::Reset).hide_default_value(true).hide_possible_values(true)
}

/// "Usage: " before a usage line; a full-width colon (用法：) needs no space.
pub(super) fn usage_heading() -> String {
    let heading = t!("cli-help-usage");
    if heading.ends_with(':') { format!("{heading} ") } else { heading }
}

/// clap's layout with our headings: usage, then commands, arguments and
/// options, each only when the command has some.
fn template(cmd: &Command) -> String {
    let header = cmd.get_styles().get_header();
    let heading = |text: String| format!("{header}{text}{header:#}");
    let mut t = format!("{{about-with-newline}}\n{}{{usage}}", heading(usage_heading()));
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        t.push_str(&format!("\n\n{}\n{{subcommands}}", heading(t!("cli-help-commands"))));
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        t.push_str(&format!("\n\n{}\n{{positionals}}", heading(t!("cli-help-arguments"))));
    }
    if cmd.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        t.push_str(&format!("\n\n{}\n{{options}}", heading(t!("cli-help-options-heading"))));
    }
    t.push_str("{after-help}");
    t
}

/// Each argument's clap id, with the catalog id of its help.
fn arguments(cmd: &Command, path: &str) -> Vec<(String, String)> {
    cmd.get_arguments().map(|a| (a.get_id().to_string(), format!("cli-{path}-{}", a.get_id()))).collect()
}

fn catalog(id: &str) -> Option<String> {
    i18n::has(id).then(|| i18n::text(id, None))
}

/// The options `--set` takes, from the engine's table, and a few examples.
fn after_help() -> String {
    let mut s = t!("cli-help-options");
    s.push('\n');
    for o in SockOpt::ALL.iter().filter(|o| o.phase() != Phase::ReadOnly) {
        s.push_str(&format!("  {:<11} {:<18} {}\n", o.name(), o.c_name(), o.doc()));
    }
    s.push('\n');
    s.push_str(&t!("cli-help-examples"));
    s.push_str(EXAMPLES);
    s
}

/// Command lines, the same in every language.
pub(super) const EXAMPLES: &str = "\n  socklab serve tcp 127.0.0.1:9000 --reply echo\n  socklab connect tcp 127.0.0.1:9000 --set nodelay=1\n  socklab serve udp 127.0.0.1:9001 --reply echo --json\n  printf 'GET / HTTP/1.0\\r\\n\\r\\n' | socklab connect tcp 127.0.0.1:8080";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, MISSING};

    /// Every (command, argument) of the command line, with clap's English.
    fn every(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
        out.push((format!("cli-{path}-about"), about));
        for a in cmd.get_arguments() {
            let help = a.get_help().map(ToString::to_string).unwrap_or_default();
            out.push((format!("cli-{path}-{}", a.get_id()), help));
        }
        for s in cmd.get_subcommands() {
            every(s, s.get_name(), out);
        }
    }

    #[test]
    fn every_argument_has_its_help_in_both_catalogs() {
        let mut all = Vec::new();
        every(&Cli::command(), "socklab", &mut all);
        let missing: Vec<String> = all
            .iter()
            .filter(|(id, _)| {
                [Lang::En, Lang::ZhCn].into_iter().any(|l| i18n::text_in(l, id, None).starts_with(MISSING.0))
            })
            .map(|(id, en)| format!("{id} = {en}"))
            .collect();
        assert!(missing.is_empty(), "not in the catalogs:\n{}", missing.join("\n"));
    }

    #[test]
    fn help_follows_the_language() {
        i18n::isolate_thread();
        i18n::set_language(Lang::ZhCn);
        let zh = command().find_subcommand_mut("serve").map(|s| s.render_help().to_string()).unwrap_or_default();
        i18n::set_language(Lang::En);
        let en = command().find_subcommand_mut("serve").map(|s| s.render_help().to_string()).unwrap_or_default();
        assert!(zh.contains("启动一个服务器") && zh.contains("--reply"), "{zh}");
        assert!(en.contains("What the server does with what it receives"), "{en}");
    }
}
