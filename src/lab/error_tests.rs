//! A broken lab file's errors, run in the pseudo-locale: every word a person
//! reads comes out of the catalogs (accented), except the file's own words
//! and names a person types (field names, errno names, calls, paths).

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::cli::pseudo_tests::{stray_words, words_of};
use crate::i18n::{self, Lang};

fn lab_text(steps: &str) -> String {
    format!(
        "(\n    version: 1,\n    id: \"t\",\n    title: \"T\",\n    summary: \"S\",\n    workspace: \"ws/echo.ron\",\n    steps: [\n{steps}\n    ],\n)\n"
    )
}

fn step(id: &str, check: &str) -> String {
    format!("        (id: \"{id}\", text: \"Do.\", hint: \"How.\", check: {check}),")
}

/// What a lab file can get wrong, one case each, beside a working workspace.
fn broken_labs() -> Vec<Vec<u8>> {
    let one = |check: &str| lab_text(&step("a", check));
    let texts = [
        lab_text(&step("a", "Listening")).replace("id: \"t\"", "id: \"Bad\""),
        lab_text(&step("a", "Listening")).replace("title: \"T\"", "title: \"\""),
        lab_text(&step("a", "Listening")).replace("ws/echo.ron", "/abs/echo.ron"),
        lab_text(&step("a", "Listening")).replace("ws/echo.ron", "ws/none.ron"),
        lab_text(&step("a", "Listening")).replace("version: 1", "version: 7"),
        lab_text(""),
        lab_text(&step("Bad", "Listening")),
        lab_text(&[step("a", "Listening"), step("a", "Listening")].join("\n")),
        lab_text(&step("a", "Listening")).replace("\"Do.\"", "\" \""),
        one("Connections(0)"),
        one(&format!("Received(by: Client, contains: \"{}\")", "x".repeat(5000))),
        one("Failed(call: \" \", errno: \"EADDRINUSE\")"),
        one("Failed(call: \"bind\", errno: \"EINUSE\")"),
        one("Restarted(within_secs: 0)"),
        one("JsonFile(field: \"\", file: \"data.bin\")"),
        one("JsonFile(field: \"data\", file: \"/abs/data.bin\")"),
        one("JsonFile(field: \"data\", file: \"missing.bin\")"),
    ];
    let mut bytes: Vec<Vec<u8>> = texts.into_iter().map(String::into_bytes).collect();
    bytes.push(b"(version: 1, id: \"t\xff\")".to_vec());
    bytes
}

#[test]
fn a_broken_lab_file_s_errors_come_from_the_catalogs() {
    i18n::isolate_thread();
    i18n::set_language(Lang::Pseudo);
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("ws")).expect("mkdir");
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/workspaces/tcp_echo.ron");
    fs::copy(assets, dir.path().join("ws/echo.ron")).expect("copy");
    fs::write(dir.path().join("data.bin"), b"hello").expect("write");

    let mut allowed = HashSet::new();
    words_of(&dir.path().display().to_string(), &mut allowed);
    // The file's own names (its fields, a check's values) and what a person types.
    let typed = "ron lab ws echo none nope huge dev zero abs data bin missing id title summary workspace steps text hint check call \
                 errno contains within_secs field workspaces tcp_echo bind EADDRINUSE EINUSE Bad a t open stat \
                 read ENOENT EISDIR UTF 0xff";
    words_of(typed, &mut allowed);
    let path = dir.path().join("lab.ron");
    let mut errors: Vec<String> = Vec::new();
    for bytes in broken_labs() {
        fs::write(&path, &bytes).expect("write");
        errors.push(super::load(&path).expect_err(&String::from_utf8_lossy(&bytes)).to_string());
    }
    // Not a lab file at all: missing, a folder, too large.
    errors.push(super::load(dir.path().join("nope.ron")).expect_err("missing").to_string());
    errors.push(super::load(dir.path()).expect_err("a folder").to_string());
    let huge = dir.path().join("huge.ron");
    fs::File::create(&huge).and_then(|f| f.set_len((1 << 20) + 1)).expect("sparse file");
    errors.push(super::load(&huge).expect_err("too large").to_string());
    errors.push(super::load("/dev/zero").expect_err("a device").to_string());

    for why in &errors {
        assert!(why.contains('⟦'), "no catalog text: {why}");
        let stray = stray_words(why, &allowed);
        assert!(stray.is_empty(), "written outside the catalogs: {stray:?}\n{why}");
    }
}

#[test]
fn a_lab_error_reads_in_chinese_too() {
    i18n::isolate_thread();
    i18n::set_language(Lang::ZhCn);
    let err = super::parse(&lab_text(&step("a", "Connections(0)")), Path::new("lab.ron")).expect_err("refused");
    assert_eq!(err.to_string(), "无法加载实验 lab.ron：第 1 步（'a'）：check：数量必须在 1 到 64 之间，而不是 0");
}
