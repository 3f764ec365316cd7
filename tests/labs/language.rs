//! The labs in Chinese: the English catalog is the lab files' own texts
//! (generated, so the two cannot drift), every text has its Chinese, and what
//! a student types or searches for (a command, an address, an option's name)
//! is the same in both.

use std::fs;

use socklab::i18n::{Lang, text_in};
use socklab::lab;

use crate::driver::labs_dir;
use crate::support::translation::kept;

/// What `labs.en.ftl` starts with, before [`lab::to_ftl`] of every lab.
const HEADER: &str = "\
### The labs' texts in English, generated from assets/labs/*.ron: do not edit.
### After changing a lab file, regenerate it with
###     SOCKLAB_WRITE_LAB_FTL=1 cargo test --test labs english_lab_catalog
### and bring labs.zh-CN.ftl up to date with the same ids.
";

#[test]
fn the_english_lab_catalog_is_exactly_the_lab_files_texts() {
    let labs = lab::load_dir(labs_dir()).unwrap_or_else(|e| panic!("{e}"));
    let want = format!("{HEADER}{}", lab::to_ftl(&labs));
    let path = labs_dir().join("../i18n/labs.en.ftl");
    if std::env::var_os("SOCKLAB_WRITE_LAB_FTL").is_some() {
        fs::write(&path, &want).expect("write labs.en.ftl");
    }
    let have = fs::read_to_string(&path).expect("read labs.en.ftl");
    assert!(have == want, "labs.en.ftl is not the lab files' texts: regenerate it (see its header)");
}

#[test]
fn every_lab_text_has_its_chinese_with_the_same_commands_addresses_and_names() {
    let labs = lab::load_dir(labs_dir()).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for lab in &labs {
        for (key, english) in lab.texts() {
            let id = key.to_string();
            let zh = text_in(Lang::ZhCn, &id, None);
            if zh == english || !zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                problems.push(format!("{id}: not translated: {zh}"));
            }
            let (want, have) = (kept(english), kept(&zh));
            if !want.is_subset(&have) {
                problems.push(format!("{id}: the Chinese lacks {:?}", want.difference(&have).collect::<Vec<_>>()));
            }
        }
    }
    for (key, _) in lab::CHECKER_TEXTS {
        let zh = text_in(Lang::ZhCn, key, None);
        if zh == text_in(Lang::En, key, None) {
            problems.push(format!("{key}: not translated: {zh}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_lab_shows_its_texts_in_the_current_language_and_its_own_words_when_edited() {
    socklab::i18n::isolate_thread();
    let labs = lab::load_dir(labs_dir()).unwrap_or_else(|e| panic!("{e}"));
    let mut echo = labs.into_iter().find(|l| l.id == "tcp-echo").expect("tcp-echo");
    socklab::i18n::set_language(Lang::ZhCn);
    assert_eq!(echo.title_text(), text_in(Lang::ZhCn, "lab-tcp-echo", None));
    assert_ne!(echo.title_text(), echo.title);
    let step = echo.steps[0].clone();
    assert!(echo.step_text(&step).contains("127.0.0.1:9000"), "{}", echo.step_text(&step));
    // A lab file changed since the catalog was made speaks for itself.
    echo.title = "My own echo lab".into();
    assert_eq!(echo.title_text(), "My own echo lab");
    socklab::i18n::set_language(Lang::En);
    assert_eq!(echo.hint_text(&step), step.hint);
}
