//! The command line speaks the locale's language: LANG=zh_CN.UTF-8 gives
//! Chinese refusals, errno hints and --help; LC_ALL=C gives English.

use std::process::Command;

use super::socklab_with;
use super::support::closed_port;

/// Runs socklab to the end in `locale` (as LANG, with LC_ALL unset).
fn run_in(locale: &str, args: &[&str]) -> (i32, String, String) {
    let mut p = socklab_with(args, false, |cmd: &mut Command| {
        cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", locale);
    });
    let (code, out, err) = p.finish();
    (code, String::from_utf8_lossy(&out).into_owned(), err)
}

#[test]
fn a_bad_port_is_refused_in_chinese_under_a_chinese_locale() {
    let (code, _, err) = run_in("zh_CN.UTF-8", &["serve", "tcp", "127.0.0.1:99999"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("端口 99999 超出范围：端口号从 0 到 65535"), "{err}");
    let (code, _, err) = run_in("C", &["serve", "tcp", "127.0.0.1:99999"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("port 99999 is out of range: ports go from 0 to 65535"), "{err}");
}

#[test]
fn a_refused_connection_is_explained_in_chinese() {
    let address = format!("127.0.0.1:{}", closed_port());
    let (code, _, err) = run_in("zh_CN.UTF-8", &["connect", "tcp", &address]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("connect({address}) 失败：ECONNREFUSED（连接被拒绝）")), "{err}");
    assert!(err.contains("没有程序在监听 (listen)"), "{err}");
}

#[test]
fn help_is_in_the_locales_language() {
    let (code, out, err) = run_in("zh_CN.UTF-8", &["serve", "--help"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("启动一个服务器") && out.contains("--reply"), "{out}");
    let (_, out, _) = run_in("zh_CN.UTF-8", &["--help"]);
    assert!(out.contains("--set 可用的套接字选项") && out.contains("关闭 Nagle 算法"), "the option table: {out}");
    let (_, out, _) = run_in("C", &["serve", "--help"]);
    assert!(out.contains("Start a server.") && !out.contains("启动"), "{out}");
}

#[test]
fn clap_s_own_words_follow_the_locale_and_bad_arguments_still_exit_2() {
    let (code, _, err) = run_in("zh_CN.UTF-8", &["serve", "--bogus"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("错误：不认识的参数 '--bogus'") && err.contains("用法：socklab serve"), "{err}");
    assert!(!err.contains("Usage") && !err.contains("error:"), "{err}");
    let (code, out, err) = run_in("zh_CN.UTF-8", &["help", "serve"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("选项：") && out.contains("[默认：none]") && !out.contains("Options"), "{out}");
    let (code, _, err) = run_in("C", &["serve", "tcp"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("error: the following required arguments were not provided: <ADDRESS>"), "{err}");
    assert!(err.contains("Usage: socklab serve <PROTO> <ADDRESS>"), "{err}");
}
