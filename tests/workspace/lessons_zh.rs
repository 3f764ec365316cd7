//! The shipped lessons in Chinese: each has its translation, step for step,
//! with the same code between backquotes and the same addresses, ports and
//! option names as the English.

use socklab::i18n::Lang;
use socklab::workspace;

use crate::helpers::lessons_dir;
use crate::support::translation::{code, kept};

#[test]
fn every_shipped_lesson_has_its_chinese_step_for_step_with_the_same_code() {
    let mut files: Vec<_> = std::fs::read_dir(lessons_dir())
        .expect("the lessons folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 11, "{files:?}");
    let mut problems = Vec::new();
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ws = workspace::load(path).unwrap_or_else(|e| panic!("{e}"));
        let (en, zh) = (ws.lesson.page_in(Lang::En), ws.lesson.page_in(Lang::ZhCn));
        if !ws.lesson.translations.contains_key("zh-CN") {
            problems.push(format!("{name}: no zh-CN translation"));
            continue;
        }
        assert_eq!(en.steps.len(), zh.steps.len(), "{name}: the loader checks the number of steps");
        let pairs = [("title", en.title, zh.title), ("teaches", en.teaches, zh.teaches)]
            .into_iter()
            .chain(en.steps.iter().zip(zh.steps).map(|(e, z)| ("a step", e.as_str(), z.as_str())));
        for (part, e, z) in pairs {
            if !z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                problems.push(format!("{name}: {part} is not in Chinese: {z}"));
            }
            if code(e) != code(z) {
                problems.push(format!("{name}: {part}: the code differs: {:?} / {:?}", code(e), code(z)));
            }
            let (want, have) = (kept(e), kept(z));
            if !want.is_subset(&have) {
                problems.push(format!("{name}: {part} lacks {:?}", want.difference(&have).collect::<Vec<_>>()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
