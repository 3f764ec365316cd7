//! Every kind of generated program, with and without options: the Rust ones
//! compile (warnings denied) in a throwaway crate built offline from the
//! registry cache, are as rustfmt formats them, and the servers of the
//! lessons' reply modes run and pass the same checks as the Python ones; the
//! Python ones compile.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use socklab::codegen::{self, Lang};
use socklab::net::{EndpointKind, EndpointSpec, OptValue, Phase, ReplyMode, SockOpt};

use super::checks;
use super::helpers::Program;
use crate::support::{Proc, python_exe};

/// Each kind × each of its reply modes × with or without a peer × plain or
/// with every option, plus IPv6 and an unbound Unix datagram sender.
pub fn variants() -> Vec<(String, EndpointSpec)> {
    let mut out = Vec::new();
    for kind in EndpointKind::ALL {
        for &reply in kind.reply_modes() {
            let peers: &[bool] = if kind.is_datagram() { &[false, true] } else { &[false] };
            for &peer in peers {
                for options in [false, true] {
                    let address = match (kind.is_unix(), options) {
                        (true, _) => "/tmp/socklab-code.sock",
                        (false, false) => "127.0.0.1:9000",
                        (false, true) => "localhost:9000",
                    };
                    let mut spec = EndpointSpec::new(kind, address).with_reply(reply);
                    if peer {
                        spec.peer = Some(if kind.is_unix() { "/tmp/peer.sock" } else { "127.0.0.1:9001" }.into());
                    }
                    if options {
                        spec = every_option(spec);
                    }
                    let name = format!("{kind:?} {} peer={peer} options={options}", reply.name());
                    out.push((name, spec));
                }
            }
        }
    }
    let v6 = every_option(EndpointSpec::new(EndpointKind::Udp, "[::1]:9000"))
        .with_option(SockOpt::JoinMulticast, OptValue::Group("ff02::1:3".parse().expect("ipv6")));
    out.push(("udp v6".into(), v6));
    out.push(("tcp v6".into(), every_option(EndpointSpec::new(EndpointKind::TcpClient, "[::1]:9000"))));
    out.push(("unbound".into(), EndpointSpec::new(EndpointKind::UnixDatagram, "").with_peer("/tmp/peer.sock")));
    // Names and paths come from a file: they must stay inside their comment and literal.
    let odd = EndpointSpec::new(EndpointKind::UnixServer, "/tmp/a \"b\" \\c\n.sock").with_reply(ReplyMode::Chat);
    out.push(("two\nlines \"quoted\" \\".into(), odd));
    out
}

/// Servers on port 0 that the test runs, as the lessons' Python ones are run.
fn runnable() -> Vec<(String, EndpointSpec)> {
    let tcp = |reply| EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(reply);
    vec![
        ("echo".into(), tcp(ReplyMode::Echo)),
        (
            "echo with options".into(),
            tcp(ReplyMode::Echo)
                .with_option(SockOpt::ReuseAddr, OptValue::Bool(true))
                .with_option(SockOpt::NoDelay, OptValue::Bool(true))
                .with_option(SockOpt::RcvBuf, OptValue::Int(65536))
                .with_option(SockOpt::ReadTimeout, OptValue::Millis(Some(100))),
        ),
        ("chat".into(), tcp(ReplyMode::Chat)),
        ("daytime".into(), tcp(ReplyMode::Daytime)),
        ("http".into(), tcp(ReplyMode::Http)),
        ("udp echo".into(), EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0").with_reply(ReplyMode::Echo)),
    ]
}

fn every_option(spec: EndpointSpec) -> EndpointSpec {
    SockOpt::ALL
        .into_iter()
        .filter(|o| o.phase() != Phase::ReadOnly)
        .fold(spec, |s, o| s.with_option(o, o.default_value()))
        .with_option(SockOpt::Linger, OptValue::Linger(None))
        .with_option(SockOpt::WriteTimeout, OptValue::Millis(None))
}

/// Writes `text` unless the file already holds it, so cargo's cache stays warm.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// One package of the throwaway workspace: each program a module, all
/// reachable from main, warnings denied.
fn write_package(root: &Path, package: &str, dependency: &str, programs: &[String]) -> Vec<PathBuf> {
    let dir = root.join(package);
    let toml = format!(
        "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\n{dependency}\n"
    );
    write_if_changed(&dir.join("Cargo.toml"), &toml);
    let mut main = String::from("#![deny(warnings)]\n\n");
    let mut files = Vec::new();
    for (i, program) in programs.iter().enumerate() {
        main.push_str(&format!("mod p{i};\n"));
        let file = dir.join(format!("src/p{i}.rs"));
        write_if_changed(&file, &program.replacen("\nfn main() {", "\npub fn main() {", 1));
        files.push(file);
    }
    // `plain N` runs program N.
    let list: Vec<String> = (0..programs.len()).map(|i| format!("p{i}::main")).collect();
    main.push_str(&format!(
        "\nfn main() {{\n    let programs: &[fn()] = &[{}];\n    let which = std::env::args().nth(1).and_then(|a| a.parse::<usize>().ok());\n    if let Some(program) = which.and_then(|i| programs.get(i)) {{\n        program();\n    }}\n}}\n",
        list.join(", ")
    ));
    write_if_changed(&dir.join("src/main.rs"), &main);
    files
}

#[test]
fn generated_rust_builds_runs_and_is_rustfmt_clean() {
    let cargo = option_env!("CARGO").unwrap_or("cargo");
    if Command::new(cargo).arg("--version").output().is_err() {
        eprintln!("skipped: cargo is not installed, so the generated Rust cannot be built here");
        return;
    }
    // socket2's plain build and its "all" feature (SO_REUSEPORT) are built apart,
    // so a program claiming socket2 = "0.6" really builds with just that.
    let runs = runnable();
    let mut plain: Vec<String> =
        runs.iter().map(|(name, spec)| codegen::generate(name, spec, Lang::Rust).expect("generate")).collect();
    let mut all = Vec::new();
    for (name, spec) in variants() {
        let program = codegen::generate(&name, &spec, Lang::Rust).unwrap_or_else(|e| panic!("{name}: {e}"));
        let dependency = codegen::rust_dependency(&spec).expect("dependency");
        assert!(program.contains(dependency), "{name}: the header names its dependency\n{program}");
        if dependency.contains("\"all\"") { all.push(program) } else { plain.push(program) }
    }
    assert!(!plain.is_empty() && !all.is_empty());
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("codegen-crates");
    write_if_changed(&root.join("Cargo.toml"), "[workspace]\nmembers = [\"plain\", \"all\"]\nresolver = \"3\"\n");
    // rustfmt's defaults, as in a new crate (not this project's rustfmt.toml further up).
    write_if_changed(&root.join("rustfmt.toml"), "# rustfmt's defaults\n");
    let mut files = write_package(&root, "plain", "socket2 = \"0.6\"", &plain);
    files.extend(write_package(&root, "all", "socket2 = { version = \"0.6\", features = [\"all\"] }", &all));
    for package in ["plain", "all"] {
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--offline", "--quiet", "-p", package])
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env_remove("RUSTFLAGS");
        let mut p = Proc::spawn(&format!("cargo build -p {package}"), &mut cmd, false);
        // The first build compiles socket2 and libc: minutes on a busy machine, not hours.
        p.wait_exit_within(Duration::from_secs(900)).unwrap_or_else(|| panic!("cargo build -p {package} hangs"));
        let (code, _, err) = p.finish();
        assert_eq!(code, 0, "the generated Rust ({package}) does not build:\n{err}");
    }
    // The servers of the lessons' reply modes, run: they do what the Python ones do.
    let binary = root.join("target/debug/plain");
    for (i, (name, spec)) in runs.iter().enumerate() {
        let mut cmd = Command::new(&binary);
        cmd.arg(i.to_string());
        let mut p = Program::run(&format!("generated Rust {name:?}"), &mut cmd, plain[i].clone());
        checks::check_server(&mut p, spec);
    }
    if Command::new("rustfmt").arg("--version").output().is_ok_and(|o| o.status.success()) {
        let out =
            Command::new("rustfmt").args(["--check", "--edition", "2024"]).args(&files).output().expect("rustfmt");
        assert!(out.status.success(), "not as rustfmt writes it:\n{}", String::from_utf8_lossy(&out.stdout));
    } else {
        eprintln!("rustfmt is not installed: the format check is skipped");
    }
}

#[test]
fn generated_python_compiles_and_keeps_lines_short() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for (i, (name, spec)) in variants().into_iter().chain(super::rules::variants()).enumerate() {
        let program = codegen::generate(&name, &spec, Lang::Python).unwrap_or_else(|e| panic!("{name}: {e}"));
        for line in program.lines() {
            assert!(line.chars().count() <= 88, "{name}: a line over 88 characters:\n{line}");
        }
        let file = dir.path().join(format!("p{i}.py"));
        std::fs::write(&file, program).expect("write");
        files.push(file);
    }
    let script = "import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)\n";
    let mut cmd = Command::new(python_exe());
    cmd.arg("-c").arg(script).args(&files);
    let (code, _, err) = Proc::spawn("py_compile", &mut cmd, false).finish();
    assert_eq!(code, 0, "{err}");
}
