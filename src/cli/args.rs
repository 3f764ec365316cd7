//! Arguments, parsed by clap. The option list in `--help` comes from the
//! engine's own option table, so it cannot drift from what `--set` accepts.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use super::code::LangArg;
use crate::net::{OptValue, ReplyMode, SockOpt, parse_option_setting};

#[derive(Parser, Debug)]
#[command(
    name = "socklab",
    version,
    about = "A socket playground: servers, clients, options and the syscall timeline.\nWith no command it opens the desktop app.",
    after_help = after_help()
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// Open the desktop app on this workspace file.
    #[arg(long, value_name = "FILE", global = false)]
    pub workspace: Option<PathBuf>,
    /// A workspace file to open in the desktop app (same as --workspace).
    #[arg(value_name = "FILE.ron")]
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Sub {
    /// Start a server. Received bytes go to stdout; stdin is sent to every client
    /// (UDP: to the last peer heard from). Runs until Ctrl+C.
    Serve {
        proto: Proto,
        /// host:port to bind (127.0.0.1 is this machine only; 0.0.0.0 every interface), or a path for unix.
        address: String,
        /// What the server does with what it receives.
        #[arg(long, value_enum, default_value = "none")]
        reply: ReplyArg,
        #[command(flatten)]
        common: Common,
        /// listen() backlog.
        #[arg(long, default_value_t = 128)]
        backlog: i32,
    },
    /// Connect to a server. Stdin is sent, received bytes go to stdout. Ends when
    /// the peer closes, or (after stdin ends and we half-close) when it closes too.
    Connect {
        proto: Proto,
        /// host:port to connect to, or a path for unix.
        address: String,
        #[command(flatten)]
        common: Common,
        /// connect() timeout in seconds.
        #[arg(long, default_value_t = 10.0, value_name = "SECS")]
        timeout: f64,
        /// Datagram sockets: after stdin ends, stop once nothing arrived for this long.
        #[arg(long, default_value_t = 1000, value_name = "MS")]
        wait: u64,
        /// unix-dgram: the path to bind for replies (default: a temporary path).
        #[arg(long, value_name = "PATH")]
        bind: Option<String>,
    },
    /// Run a workspace file headless: start its auto-start endpoints, print events.
    Run {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Print the program that does what a workspace endpoint does, in Python or Rust.
    Code {
        file: PathBuf,
        #[arg(long, value_enum)]
        lang: LangArg,
        /// The endpoint to show (its name), when the workspace has several.
        #[arg(long, value_name = "NAME")]
        endpoint: Option<String>,
    },
}

#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Set a socket option before bind/connect: NAME=VALUE, e.g. nodelay=1, rcvbuf=65536, linger=0. Repeatable.
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_set)]
    pub set: Vec<(SockOpt, OptValue)>,
    /// One JSON object per engine event on stdout, instead of raw bytes.
    #[arg(long)]
    pub json: bool,
    /// Print each step (socket, bind, accept, …) on stderr.
    #[arg(short, long)]
    pub verbose: bool,
}

fn parse_set(s: &str) -> Result<(SockOpt, OptValue), String> {
    parse_option_setting(s)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Proto {
    Tcp,
    Udp,
    /// Unix stream socket.
    Unix,
    /// Unix datagram socket.
    UnixDgram,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReplyArg {
    None,
    Echo,
    Chat,
    Daytime,
    Http,
}

impl From<ReplyArg> for ReplyMode {
    fn from(r: ReplyArg) -> ReplyMode {
        match r {
            ReplyArg::None => ReplyMode::None,
            ReplyArg::Echo => ReplyMode::Echo,
            ReplyArg::Chat => ReplyMode::Chat,
            ReplyArg::Daytime => ReplyMode::Daytime,
            ReplyArg::Http => ReplyMode::Http,
        }
    }
}

fn after_help() -> String {
    let mut s = String::from("Socket options for --set (NAME=VALUE):\n");
    for o in SockOpt::ALL.iter().filter(|o| o.phase() != crate::net::Phase::ReadOnly) {
        s.push_str(&format!("  {:<11} {:<18} {}\n", o.name(), o.c_name(), o.doc()));
    }
    s.push_str(
        "\nExamples:\n  socklab serve tcp 127.0.0.1:9000 --reply echo\n  socklab connect tcp 127.0.0.1:9000 --set nodelay=1\n  socklab serve udp 127.0.0.1:9001 --reply echo --json\n  printf 'GET / HTTP/1.0\\r\\n\\r\\n' | socklab connect tcp 127.0.0.1:8080",
    );
    s
}
