fn main() {
    // The command line follows the locale every run, --help and argument errors
    // included; the window may have a language picked in its settings.
    socklab::i18n::set_language(socklab::i18n::locale::from_env());
    let cli = match socklab::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(stop) => std::process::exit(stop.print()),
    };
    let code = match cli.command {
        Some(_) => socklab::cli::run(cli),
        None => match socklab::app::run(cli.workspace.or(cli.file)) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("socklab: {}", socklab::t!("app-window-failed", error = e.to_string()));
                eprintln!("socklab: {}", socklab::t!("app-window-no-display"));
                1
            }
        },
    };
    std::process::exit(code);
}
