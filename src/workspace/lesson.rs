//! A lesson's own text, carried in its workspace: a title, what it teaches,
//! and the steps to try. The app shows it in the centre when the file opens.
//! Every string is data in the file (later keyed into the translations), and
//! a file from someone else is checked like the rest of it.

use serde::{Deserialize, Serialize};

use super::safe_text::is_hidden;
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
}

impl Lesson {
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.teaches.is_empty() && self.steps.is_empty()
    }

    /// What cannot be shown as written, with the part it is in and the fix.
    pub(super) fn check(&self) -> Result<(), String> {
        if self.is_empty() {
            return Ok(());
        }
        if self.title.trim().is_empty() {
            return Err(t!("lesson-check-no-title"));
        }
        check_text("title", &self.title, MAX_TITLE_CHARS, false)?;
        check_text("teaches", &self.teaches, MAX_TEACHES_CHARS, true)?;
        if self.steps.len() > MAX_STEPS {
            let (count, max) = (self.steps.len().to_string(), MAX_STEPS.to_string());
            return Err(t!("lesson-check-too-many-steps", count = count, max = max));
        }
        for (i, step) in self.steps.iter().enumerate() {
            let part = t!("lesson-check-step", number = (i + 1).to_string());
            if step.trim().is_empty() {
                return Err(t!("lesson-check-empty-step", part = part));
            }
            check_text(&part, step, MAX_STEP_CHARS, true)?;
        }
        Ok(())
    }
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
        Lesson { title: title.into(), teaches: teaches.into(), steps: steps.iter().map(|s| s.to_string()).collect() }
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
