use clap::FromArgMatches;

fn main() {
    // The command line follows the locale every run, --help and argument errors
    // included; the window may have a language picked in its settings.
    socklab::i18n::set_language(socklab::i18n::locale::from_env());
    let matches = socklab::cli::command().get_matches();
    let cli = socklab::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let code = match cli.command {
        Some(_) => socklab::cli::run(cli),
        None => match socklab::app::run(cli.workspace.or(cli.file)) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("socklab: could not open the window: {e}");
                eprintln!("socklab: (no display? the command line works without one: socklab --help)");
                1
            }
        },
    };
    std::process::exit(code);
}
