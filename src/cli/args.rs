//! Arguments, parsed by clap. The option list in `--help` comes from the
//! engine's own option table, so it cannot drift from what `--set` accepts.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use super::code::LangArg;
use super::proto_args::ProtoArgs;
use crate::net::{Encoding, OptValue, ReplyMode, SockOpt, parse_option_setting};
use crate::workspace::MAX_CONNECT_TIMEOUT;

use super::messages;

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
        /// host:port to bind (127.0.0.1 is this machine only; 0.0.0.0 every interface), or a path for unix
        /// (@name: an abstract socket, Linux only).
        address: String,
        /// What the server does with what it receives.
        #[arg(long, value_enum, default_value = "none")]
        reply: ReplyArg,
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        protocol: ProtoArgs,
        /// listen() backlog.
        #[arg(long, default_value_t = 128, value_parser = parse_backlog)]
        backlog: i32,
    },
    /// Connect to a server. Stdin is sent, received bytes go to stdout. When stdin
    /// ends we half-close (FIN) and read until the peer closes too; a peer that
    /// closes first may still read, so stdin is sent until it ends.
    Connect {
        proto: Proto,
        /// host:port to connect to, or a path for unix.
        address: String,
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        protocol: ProtoArgs,
        /// connect() timeout in seconds (fractions allowed; at most a day).
        #[arg(long, default_value = "10", value_name = "SECS", value_parser = parse_timeout, allow_negative_numbers = true)]
        timeout: Duration,
        /// Datagram sockets: after stdin ends, stop once nothing arrived for this long (at most a day).
        #[arg(long, default_value_t = 1000, value_name = "MS", value_parser = parse_wait_ms)]
        wait: u64,
        /// unix-dgram: the path to bind for replies (default: a temporary path).
        #[arg(long, value_name = "PATH")]
        bind: Option<String>,
    },
    /// Run a workspace file headless: start its auto-start endpoints, print events. When they have send
    /// sequences, run those and end: exit 0 if every expectation passed, 3 if one failed.
    Run {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Write the sequence diagram of every connection as SVG to this file when the run ends.
        #[arg(long, value_name = "FILE.svg")]
        ladder: Option<PathBuf>,
        /// Use this text encoding for every endpoint (instead of each one's own), and decode what
        /// they receive with it on stdout (see serve --help).
        #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
        encoding: Option<Encoding>,
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
    /// The peer's text encoding: stdin (UTF-8) is sent in it, line by line, and received bytes are
    /// decoded from it to UTF-8 (bytes that are not text in it as \xHH): utf-8, gbk, gb18030, big5,
    /// shift_jis, latin-1. Without it bytes pass through untouched.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<Encoding>,
    /// One JSON object per engine event on stdout, instead of raw bytes.
    #[arg(long)]
    pub json: bool,
    /// Print each step (socket, bind, accept, …) on stderr; for TCP, each
    /// state change the kernel reports too (ESTABLISHED, FIN_WAIT2, TIME_WAIT …).
    #[arg(short, long)]
    pub verbose: bool,
    /// TCP: report the kernel's TCP_INFO (state, rtt, cwnd, queues …) every MS
    /// milliseconds (10 or more) and at every state change: `tcp_info` events
    /// with --json, otherwise a line each on stderr.
    #[arg(long = "tcp-info", value_name = "MS", value_parser = parse_tcp_info_ms)]
    pub tcp_info: Option<u64>,
    /// Write the sequence diagram (handshake, data, FIN, TIME_WAIT …) as SVG to
    /// this file when the command ends.
    #[arg(long, value_name = "FILE.svg")]
    pub ladder: Option<PathBuf>,
}

fn parse_set(s: &str) -> Result<(SockOpt, OptValue), String> {
    parse_option_setting(s)
}

/// `--wait`'s limit in milliseconds: a day, like `--timeout`.
const MAX_WAIT_MS: u64 = 24 * 60 * 60 * 1000;

fn parse_wait_ms(s: &str) -> Result<u64, String> {
    parse_in_range(s, 0, MAX_WAIT_MS)
}

fn parse_tcp_info_ms(s: &str) -> Result<u64, String> {
    parse_in_range(s, 10, MAX_WAIT_MS)
}

fn parse_backlog(s: &str) -> Result<i32, String> {
    let n = parse_in_range(s, i64::from(i32::MIN), i64::from(i32::MAX))?;
    i32::try_from(n).map_err(|_| messages::number_out_of_range(s, i32::MIN, i32::MAX))
}

/// A whole number from `min` to `max`, or why not in the language (clap's own
/// parsers would say it in English).
fn parse_in_range<T>(s: &str, min: T, max: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let n: T = s.trim().parse().map_err(|_| messages::not_a_whole_number(s))?;
    if n < min || n > max {
        return Err(messages::number_out_of_range(s, min, max));
    }
    Ok(n)
}

/// Seconds as a person writes them ("2", "0.5"); NaN, infinities, zero,
/// negative values and more than a day are refused with the reason.
fn parse_timeout(s: &str) -> Result<Duration, String> {
    let secs: f64 = s.trim().parse().map_err(|_| messages::timeout_not_a_number(s))?;
    let max = MAX_CONNECT_TIMEOUT.as_secs_f64();
    if !secs.is_finite() || secs < 0.001 || secs > max {
        return Err(messages::timeout_out_of_range(s, max));
    }
    Duration::try_from_secs_f64(secs).map_err(|_| messages::timeout_out_of_range(s, max))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Proto {
    Tcp,
    Udp,
    // Unix stream and datagram sockets (what each is, is said in the catalogs).
    Unix,
    UnixDgram,
}

impl Proto {
    /// As typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Unix => "unix",
            Proto::UnixDgram => "unix-dgram",
        }
    }
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

/// The clap parser of `--encoding`: an unknown name lists the known ones (exit 2).
fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse::<Encoding>().map_err(|e| e.message())
}
