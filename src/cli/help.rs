//! `--help` in the language of LANG. clap's derive fixes the texts at compile
//! time, so the command is walked at run time and each text replaced by its
//! catalog entry: `cli-<command>-about` and `cli-<command>-<argument>`
//! (`cli-serve-reply`), with `socklab` for the top level. The headings clap
//! writes itself (Usage, Options) stay as clap has them.

use clap::{Command, CommandFactory};

use super::args::Cli;
use crate::i18n;
use crate::net::{Phase, SockOpt};
use crate::t;

/// The command line's definition, its help in the current language.
pub fn command() -> Command {
    let about = format!("{}\n{}", t!("cli-socklab-about"), t!("cli-socklab-about-window"));
    localise(Cli::command(), "socklab").about(about).after_help(after_help())
}

fn localise(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = catalog(&format!("cli-{path}-about")) {
        cmd = cmd.about(about).long_about(clap::builder::Resettable::Reset);
    }
    for (id, text) in arguments(&cmd, path) {
        if let Some(help) = catalog(&text) {
            cmd = cmd.mut_arg(id, |a| a.help(help).long_help(clap::builder::Resettable::Reset));
        }
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(&name, |s| localise(s, &name));
    }
    cmd
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
    s.push_str(
        "\n  socklab serve tcp 127.0.0.1:9000 --reply echo\n  socklab connect tcp 127.0.0.1:9000 --set nodelay=1\n  socklab serve udp 127.0.0.1:9001 --reply echo --json\n  printf 'GET / HTTP/1.0\\r\\n\\r\\n' | socklab connect tcp 127.0.0.1:8080",
    );
    s
}

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
