//! The generated programs in Chinese: comments follow the language (the
//! GUI's, LANG for `socklab code`), the code is the same and still runs.

use std::process::Command;

use socklab::codegen::{self, Lang};
use socklab::i18n;
use socklab::net::{EndpointKind, EndpointSpec, ReplyMode};

use super::helpers::{Program, lessons_dir};
use crate::support::{Proc, python_exe};

/// This test thread speaks Chinese; the others keep English.
fn in_chinese() {
    i18n::isolate_thread();
    i18n::set_language(i18n::Lang::ZhCn);
}

/// Columns a terminal gives the line: a Chinese character takes two.
fn columns(line: &str) -> usize {
    line.chars().map(|c| if c >= '\u{1100}' && !c.is_ascii() && c != '…' { 2 } else { 1 }).sum()
}

/// Only the comments differ from the English program: the code is the same
/// (the Rust one is built and run in English by `rust_build`).
fn same_code_as_in_english(name: &str, spec: &EndpointSpec, lang: Lang, chinese: &str) {
    i18n::set_language(i18n::Lang::En);
    let english = codegen::generate(name, spec, lang).expect("generate in English");
    i18n::set_language(i18n::Lang::ZhCn);
    let code = |p: &str| -> Vec<String> {
        p.lines()
            .filter(|l| !(l.trim_start().starts_with('#') || l.trim_start().starts_with("//")))
            .map(String::from)
            .collect()
    };
    assert_eq!(code(chinese), code(&english), "{name} ({}): the code differs from the English", lang.name());
}

#[test]
fn chinese_programs_compile_and_keep_lines_short() {
    in_chinese();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    let variants: Vec<_> = super::rust_build::variants().into_iter().chain(super::rules::variants()).collect();
    for (i, (name, spec)) in variants.iter().enumerate() {
        let py = codegen::generate(name, spec, Lang::Python).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(py.contains("# 由 socklab 生成"), "{name}: comments in Chinese\n{py}");
        for line in py.lines() {
            assert!(line.chars().count() <= 88, "{name}: a line over 88 characters:\n{line}");
            let comment = line.trim_start().starts_with('#');
            assert!(!comment || columns(line) <= 88, "{name}: a comment over 88 columns:\n{line}");
        }
        let file = dir.path().join(format!("p{i}.py"));
        std::fs::write(&file, &py).expect("write");
        files.push(file);
        same_code_as_in_english(name, spec, Lang::Python, &py);
        if let Ok(rs) = codegen::generate(name, spec, Lang::Rust) {
            same_code_as_in_english(name, spec, Lang::Rust, &rs);
            assert!(rs.contains("// 由 socklab 生成"), "{name}: comments in Chinese\n{rs}");
            for line in rs.lines().filter(|l| l.trim_start().starts_with("//")) {
                assert!(columns(line) <= 100, "{name}: a comment over 100 columns:\n{line}");
            }
        }
    }
    let script = "import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)\n";
    let mut cmd = Command::new(python_exe());
    cmd.arg("-c").arg(script).args(&files);
    let (code, _, err) = Proc::spawn("py_compile", &mut cmd, false).finish();
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_chinese_echo_server_runs_like_the_english_one() {
    in_chinese();
    let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0").with_reply(ReplyMode::Echo);
    let mut p = Program::start("回显", &spec);
    for phrase in ["# 监听 listen() 让它成为服务器", "# 接受连接 accept()", "TCP 服务器"] {
        assert!(p.code.contains(phrase), "{phrase} missing:\n{}", p.code);
    }
    super::checks::check_server(&mut p, &spec);
}

#[test]
fn socklab_code_follows_lang() {
    let file = lessons_dir().join("tcp_echo.ron").display().to_string();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_socklab"));
    cmd.args(["code", &file, "--lang", "python"]).env("LC_ALL", "zh_CN.UTF-8").env("LANG", "zh_CN.UTF-8");
    let (status, out, err) = Proc::spawn("socklab code in Chinese", &mut cmd, false).finish();
    assert_eq!(status, 0, "{err}");
    let ws = socklab::workspace::load(&file).expect("lesson");
    in_chinese();
    let ep = &ws.endpoints[0];
    assert_eq!(String::from_utf8_lossy(&out), codegen::generate(&ep.name, &ep.spec, Lang::Python).expect("generate"));
    assert!(String::from_utf8_lossy(&out).contains("# 监听 listen()"));
}
