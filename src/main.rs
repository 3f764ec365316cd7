use clap::Parser;

fn main() {
    let cli = socklab::cli::Cli::parse();
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
