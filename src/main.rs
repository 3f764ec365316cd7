use clap::Parser;

fn main() {
    let cli = socklab::cli::Cli::parse();
    let code = match cli.command {
        Some(_) => socklab::cli::run(cli),
        None => {
            eprintln!("socklab: the desktop app is not built yet; try `socklab serve --help`");
            2
        }
    };
    std::process::exit(code);
}
