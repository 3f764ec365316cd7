//! A lesson's own text, carried in its workspace: a title, what it teaches,
//! and the steps to try. The app shows it in the centre when the file opens.
//! Every string is data in the file, written in English, with translations
//! beside it by language tag (`translations: { "zh-CN": (title: …, teaches:
//! …, steps: […]) }`); the page shows the current language's, else the
//! English. A file from someone else is checked like the rest of it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::safe_text::is_hidden;
use crate::i18n::{self, Lang};
use crate::t;

/// The longest title shown: a heading, not a paragraph.
pub const MAX_TITLE_CHARS: usize = 120;
/// The longest "what it teaches" text.
pub const MAX_TEACHES_CHARS: usize = 4_000;
/// The most steps a lesson lists, and the longest one.
pub const MAX_STEPS: usize = 30;
pub const MAX_STEP_CHARS: usize = 1_000;

/// Empty (the default) in a workspace that is not a lesson; such a file
/// does not write the field at all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub title: String,
    /// What it teaches: plain text, paragraphs separated by a blank line.
    #[serde(default)]
    pub teaches: String,
    /// Steps to try, in order. Text between backquotes is shown as code.
    #[serde(default)]
    pub steps: Vec<String>,
    /// The same lesson in other languages, by tag ("zh-CN"): every step
    /// translated, in the same order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, LessonText>,
}

/// A lesson's text in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonText {
    pub title: String,
    #[serde(default)]
    pub teaches: String,
    #[serde(default)]
    pub steps: Vec<String>,
}

/// What the lesson page shows: one language's text, borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonPage<'a> {
    pub title: &'a str,
    pub teaches: &'a str,
    pub steps: &'a [String],
}

impl Lesson {
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.teaches.is_empty() && self.steps.is_empty() && self.translations.is_empty()
    }

    /// The text in the current language, or the English when the file has no translation for it.
    pub fn page(&self) -> LessonPage<'_> {
        self.page_in(i18n::language())
    }

    pub fn page_in(&self, lang: Lang) -> LessonPage<'_> {
        match self.translations.get(lang.tag()) {
            Some(t) => LessonPage { title: &t.title, teaches: &t.teaches, steps: &t.steps },
            None => LessonPage { title: &self.title, teaches: &self.teaches, steps: &self.steps },
        }
    }

    /// What cannot be shown as written, with the part it is in and the fix.
    pub(super) fn check(&self) -> Result<(), String> {
        if self.is_empty() {
            return Ok(());
        }
        if self.title.trim().is_empty() {
            return Err(t!("lesson-check-no-title"));
        }
        check_page("", self.page_in(Lang::En))?;
        for (tag, text) in &self.translations {
            let Some(lang) = Lang::from_tag(tag).filter(|l| *l != Lang::En) else {
                let tags: Vec<&str> = Lang::CHOICES.iter().filter(|l| **l != Lang::En).map(|l| l.tag()).collect();
                return Err(t!("lesson-check-translation-tag", tag = tag.as_str(), tags = tags.join(", ")));
            };
            let page = self.page_in(lang);
            if page.title.trim().is_empty() {
                return Err(t!("lesson-check-translation-no-title", tag = tag.as_str()));
            }
            if page.steps.len() != self.steps.len() {
                let (count, want) = (text.steps.len().to_string(), self.steps.len().to_string());
                return Err(t!("lesson-check-translation-steps", tag = tag.as_str(), count = count, want = want));
            }
            check_page(&format!("{tag}: "), page)?;
        }
        Ok(())
    }
}

/// One language's text; `prefix` names the translation in what is refused.
fn check_page(prefix: &str, page: LessonPage<'_>) -> Result<(), String> {
    check_text(&format!("{prefix}title"), page.title, MAX_TITLE_CHARS, false)?;
    check_text(&format!("{prefix}teaches"), page.teaches, MAX_TEACHES_CHARS, true)?;
    if page.steps.len() > MAX_STEPS {
        let (count, max) = (page.steps.len().to_string(), MAX_STEPS.to_string());
        return Err(t!("lesson-check-too-many-steps", count = count, max = max));
    }
    for (i, step) in page.steps.iter().enumerate() {
        let part = format!("{prefix}{}", t!("lesson-check-step", number = (i + 1).to_string()));
        if step.trim().is_empty() {
            return Err(t!("lesson-check-empty-step", part = part));
        }
        check_text(&part, step, MAX_STEP_CHARS, true)?;
    }
    Ok(())
}

/// Length in characters, and no character that would act instead of show
/// (terminal controls, bidirectional overrides); `\n` only where lines may break.
fn check_text(part: &str, text: &str, max: usize, lines: bool) -> Result<(), String> {
    let count = text.chars().count();
    if count > max {
        return Err(t!("lesson-check-too-long", part = part, count = count.to_string(), max = max.to_string()));
    }
    let bad = text.chars().enumerate().find(|&(_, c)| is_hidden(c) && !(lines && c == '\n'));
    if let Some((at, c)) = bad {
        let (at, code) = ((at + 1).to_string(), format!("{:04X}", c as u32));
        return Err(match lines {
            true => t!("lesson-check-hidden-lines", part = part, at = at, code = code),
            false => t!("lesson-check-hidden", part = part, at = at, code = code),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(title: &str, teaches: &str, steps: &[&str]) -> Lesson {
        Lesson {
            title: title.into(),
            teaches: teaches.into(),
            steps: steps.iter().map(|s| s.to_string()).collect(),
            translations: BTreeMap::new(),
        }
    }

    fn translated(mut l: Lesson, tag: &str, title: &str, steps: &[&str]) -> Lesson {
        let steps = steps.iter().map(|s| s.to_string()).collect();
        l.translations.insert(tag.into(), LessonText { title: title.into(), teaches: String::new(), steps });
        l
    }

    #[test]
    fn the_page_is_in_the_language_asked_for_else_in_english() {
        let l = translated(lesson("Echo", "Bytes", &["Start it"]), "zh-CN", "回显", &["启动它"]);
        assert_eq!(l.page_in(Lang::ZhCn).title, "回显");
        assert_eq!(l.page_in(Lang::ZhCn).steps, ["启动它"]);
        assert_eq!(l.page_in(Lang::En).title, "Echo");
        assert_eq!(l.page_in(Lang::Pseudo).title, "Echo");
        assert_eq!(lesson("Echo", "", &[]).page_in(Lang::ZhCn).title, "Echo", "no translation: English");
    }

    #[test]
    fn a_translation_needs_a_known_language_a_title_and_every_step() {
        let ok = translated(lesson("Echo", "", &["a", "b"]), "zh-CN", "回显", &["一", "二"]);
        assert_eq!(ok.check(), Ok(()));
        let e = translated(lesson("Echo", "", &["a", "b"]), "zh-CN", "回显", &["一"]).check().unwrap_err();
        assert_eq!(
            e,
            "translations: \"zh-CN\" has 1 steps and the lesson has 2: translate each step, in the same order"
        );
        let e = translated(lesson("Echo", "", &[]), "fr", "Écho", &[]).check().unwrap_err();
        assert_eq!(e, "translations: \"fr\" is not a language socklab speaks: use zh-CN");
        let e = translated(lesson("Echo", "", &[]), "zh-CN", " ", &[]).check().unwrap_err();
        assert!(e.starts_with("translations: \"zh-CN\": the title is empty"), "{e}");
        let e = translated(lesson("Echo", "", &["a"]), "zh-CN", "回显", &["\u{202e}"]).check().unwrap_err();
        assert!(e.starts_with("zh-CN: step 1: character 1 is U+202E"), "{e}");
    }

    #[test]
    fn a_plain_lesson_or_none_at_all_passes() {
        assert_eq!(Lesson::default().check(), Ok(()));
        assert_eq!(lesson("Echo", "Two lines\nof text.", &["Start it", "Type `hi`"]).check(), Ok(()));
    }

    #[test]
    fn what_cannot_be_shown_is_refused_with_its_place_and_fix() {
        let e = lesson("  ", "taught", &[]).check().unwrap_err();
        assert!(e.starts_with("title: it is empty: a lesson needs a title"), "{e}");
        let e = lesson("Echo", "", &["ok", " "]).check().unwrap_err();
        assert_eq!(e, "step 2: it is empty: remove it or say what to try");
        let e = lesson("Echo\n", "", &[]).check().unwrap_err();
        assert_eq!(
            e,
            "title: character 5 is U+000A, a control or direction character that is not shown as text: remove it"
        );
        let e = lesson("Echo", "a\u{202e}b", &[]).check().unwrap_err();
        assert!(e.starts_with("teaches: character 2 is U+202E") && e.ends_with("(a line break is written \\n)"), "{e}");
        let e = lesson(&"t".repeat(MAX_TITLE_CHARS + 1), "", &[]).check().unwrap_err();
        assert_eq!(e, format!("title: {} characters, and at most {MAX_TITLE_CHARS} are shown", MAX_TITLE_CHARS + 1));
        let many = vec!["x"; MAX_STEPS + 1];
        let e = lesson("Echo", "", &many).check().unwrap_err();
        assert_eq!(e, format!("steps: {} of them, and a lesson lists at most {MAX_STEPS}", MAX_STEPS + 1));
    }

    #[test]
    fn a_problem_is_told_in_the_language_of_the_moment() {
        crate::i18n::isolate_thread();
        crate::i18n::set_language(crate::i18n::Lang::ZhCn);
        let e = lesson("Echo", "", &["ok", " "]).check().unwrap_err();
        assert_eq!(e, "第 2 步：是空的：删掉它，或者写上要试什么");
    }
}
