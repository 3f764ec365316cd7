//! Every kind of generated program, with and without options, with and
//! without rules: the Rust ones compile (warnings denied) in a throwaway
//! workspace built offline from the registry cache, are as rustfmt formats
//! them, and the servers of the lessons (reply modes and rules), the rules'
//! cases, a UDP socket and a client with rules run and pass the same checks
//! as the Python ones; the Python ones compile.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use socklab::codegen::{self, Lang};
use socklab::net::{EndpointKind, EndpointSpec, OptValue, Phase, ReplyMode, SockOpt};
use socklab::workspace;

use super::helpers::{Program, lesson_files, port0};
use super::{checks, rules};
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

/// How a program that the test runs is checked.
enum Check {
    /// As the Python one of its kind and reply mode (or rules) is.
    Server,
    /// Rules: the same conversation gets the same bytes back as from the engine.
    Answers(Vec<Vec<u8>>),
    /// Rules on a UDP socket answer each sender.
    Udp,
    /// A relay rule: what one client sends reaches the others.
    Chat,
    /// A client with rules, connecting to this listener (bound before the build).
    Client(TcpListener),
}

/// The programs the test runs: the lessons' reply modes, every lesson's
/// endpoints (the Hello-name rules among them), and the rules' cases.
fn runnable_all() -> Vec<(String, EndpointSpec, Check)> {
    let mut out: Vec<_> = runnable().into_iter().map(|(name, spec)| (name, spec, Check::Server)).collect();
    for file in lesson_files() {
        let ws = workspace::load(&file).unwrap_or_else(|e| panic!("{e}"));
        for ep in ws.endpoints {
            let spec = EndpointSpec { address: port0(&ep.spec.address), ..ep.spec };
            out.push((format!("lesson {}: {}", file.display(), ep.name), spec, Check::Server));
        }
    }
    for (name, spec, inputs) in rules::cases() {
        out.push((name.to_string(), spec, Check::Answers(inputs)));
    }
    out.push(("udp rules".into(), rules::udp_spec(), Check::Udp));
    out.push(("chat rules".into(), rules::chat_spec(), Check::Chat));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("local addr").port();
    out.push(("client rules".into(), rules::client_spec(port), Check::Client(listener)));
    out
}

/// Regex rules whose patterns rustfmt lays out in each of its ways (one
/// line, the call on the next, a block, the pattern on a line of its own),
/// a long hex pattern, a long reply and a long exact match. Not
/// for the Python check: its lines may not pass 88 columns.
fn long_patterns() -> Vec<(String, EndpointSpec)> {
    let rules = [
        "regex:^(a)( that goes on)? and on and on until the line is long$ => reply:${1}",
        "regex:^(a)( that goes on)? and on and on until the line is long, longer than a line can be$ => reply:${1}",
        "regex:^(a)( that goes on)? and on and on until the line is long, far longer than any line can be$ => reply:x",
        // Long patterns and replies of the other kinds.
        "hex:01 02 03 04 ?? 06 07 => reply:a reply longer than one literal on a line can hold, \\x00\\xff\\t with escapes too, and more",
        "exact:an exact message long enough that its test cannot fit on the line of its if => reply:${peer}",
        "prefix:a prefix long enough that its test cannot fit on the line of its if at all => reply:b",
        "contains:a text so long that even its constant cannot fit on one line with its name, nor on the next => reply:c",
    ];
    let spec = rules.iter().fold(EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:9000"), |s, r| {
        s.with_rule(r.parse().unwrap_or_else(|e| panic!("{r}: {e}")))
    });
    vec![("long patterns".into(), spec)]
}

/// The package of the throwaway workspace that holds a program needing `dependency`.
fn package_of(dependency: &str) -> &'static str {
    match (dependency.contains("\"all\""), dependency.contains("regex")) {
        (false, false) => "plain",
        (true, false) => "all",
        (false, true) => "plain_regex",
        (true, true) => "all_regex",
    }
}

const PACKAGES: [&str; 4] = ["plain", "all", "plain_regex", "all_regex"];

#[test]
fn generated_rust_builds_runs_and_is_rustfmt_clean() {
    let cargo = option_env!("CARGO").unwrap_or("cargo");
    if Command::new(cargo).arg("--version").output().is_err() {
        eprintln!("skipped: cargo is not installed, so the generated Rust cannot be built here");
        return;
    }
    // Each package builds exactly the dependencies its programs claim (socket2's
    // plain build or its "all" feature, with or without regex), so a program
    // claiming socket2 = "0.6" really builds with just that.
    let runs = runnable_all();
    let all_variants = variants().into_iter().chain(rules::variants()).chain(long_patterns());
    let named = runs.iter().map(|(name, spec, _)| (name.clone(), spec.clone())).chain(all_variants);
    let mut packages: Vec<(Vec<String>, String)> = PACKAGES.iter().map(|_| (Vec::new(), String::new())).collect();
    // Where each program is: (package, index in it).
    let mut at = Vec::new();
    for (name, spec) in named {
        let program = codegen::generate(&name, &spec, Lang::Rust).unwrap_or_else(|e| panic!("{name}: {e}"));
        let dependency = codegen::rust_dependency(&spec).expect("dependency");
        for line in dependency.lines() {
            assert!(program.contains(&format!("//     {line}\n")), "{name}: the header names {line}\n{program}");
        }
        let k = PACKAGES.iter().position(|p| *p == package_of(&dependency)).expect("a package");
        at.push((k, packages[k].0.len()));
        packages[k].0.push(program);
        packages[k].1 = dependency;
    }
    assert!(packages.iter().all(|(programs, _)| !programs.is_empty()), "every package has programs");
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("codegen-crates");
    let members: Vec<String> = PACKAGES.iter().map(|p| format!("\"{p}\"")).collect();
    let workspace = format!("[workspace]\nmembers = [{}]\nresolver = \"3\"\n", members.join(", "));
    write_if_changed(&root.join("Cargo.toml"), &workspace);
    // rustfmt's defaults, as in a new crate (not this project's rustfmt.toml further up).
    write_if_changed(&root.join("rustfmt.toml"), "# rustfmt's defaults\n");
    let mut files = Vec::new();
    for (package, (programs, dependency)) in PACKAGES.iter().zip(&packages) {
        files.extend(write_package(&root, package, dependency, programs));
    }
    for package in PACKAGES {
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--offline", "--quiet", "-p", package])
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env_remove("RUSTFLAGS");
        let mut p = Proc::spawn(&format!("cargo build -p {package}"), &mut cmd, false);
        // The first build compiles socket2, libc and regex: minutes on a busy machine, not hours.
        p.wait_exit_within(Duration::from_secs(900)).unwrap_or_else(|| panic!("cargo build -p {package} hangs"));
        let (code, _, err) = p.finish();
        assert_eq!(code, 0, "the generated Rust ({package}) does not build:\n{err}");
    }
    if Command::new("rustfmt").arg("--version").output().is_ok_and(|o| o.status.success()) {
        let out =
            Command::new("rustfmt").args(["--check", "--edition", "2024"]).args(&files).output().expect("rustfmt");
        assert!(out.status.success(), "not as rustfmt writes it:\n{}", String::from_utf8_lossy(&out.stdout));
    } else {
        eprintln!("rustfmt is not installed: the format check is skipped");
    }
    // Run: they do what the Python ones do.
    for ((name, spec, check), (k, i)) in runs.into_iter().zip(at) {
        eprintln!("running the generated Rust {name:?}");
        let mut cmd = Command::new(root.join("target/debug").join(PACKAGES[k]));
        cmd.arg(i.to_string());
        let mut p = Program::run(&format!("generated Rust {name:?}"), &mut cmd, packages[k].0[i].clone());
        match check {
            Check::Server => checks::check_server(&mut p, &spec),
            Check::Answers(inputs) => {
                let addr = p.address("listening on ");
                let inputs: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
                rules::check_same_answers(&mut p, addr, &spec, &inputs);
            }
            Check::Udp => rules::check_udp_answers(&mut p),
            Check::Chat => {
                let addr = p.address("listening on ");
                checks::chat(&mut p, addr);
            }
            Check::Client(listener) => client_answers(&mut p, &listener),
        }
    }
}

/// The client's conversation of `rules::a_generated_python_client_answers_with_its_rules`,
/// with this test as its server.
fn client_answers(p: &mut Program, listener: &TcpListener) {
    let (mut c, _) = listener.accept().expect("accept");
    c.set_read_timeout(Some(crate::support::WAIT)).expect("timeout");
    let mut lines = BufReader::new(c.try_clone().expect("clone"));
    let mut line = String::new();
    lines.read_line(&mut line).unwrap_or_else(|e| panic!("{e}\n{}", p.proc.context()));
    assert_eq!(line, "HELLO\n", "the connect rule");
    c.write_all(b"ALL\nPING 1\n").expect("send");
    line.clear();
    lines.read_line(&mut line).unwrap_or_else(|e| panic!("{e}\n{}", p.proc.context()));
    assert_eq!(line, "PONG 1\n", "the regex rule with its capture and line end");
    drop((c, lines));
    assert_eq!(p.proc.line(), "ALL", "what arrives is printed");
    assert_eq!(p.proc.line(), "PING 1", "what arrives is printed");
    p.proc.close_stdin();
    assert_eq!(p.exit_code(), 0, "{}", p.proc.context());
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
