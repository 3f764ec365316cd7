//! The open workspace as a document: its file, its saved messages, and
//! whether it has unsaved changes. Every action that changes the workspace
//! bumps a revision; the document is clean when the revision is the one last
//! saved or loaded. Nothing is rebuilt or compared per frame.

use std::path::{Path, PathBuf};

use crate::workspace::{Lesson, SavedMessage};

#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The file it was loaded from or saved to; None: untitled.
    path: Option<PathBuf>,
    messages: Vec<SavedMessage>,
    /// The lesson's text, kept as loaded and saved with the rest.
    lesson: Lesson,
    /// Bumped by every change to what the file would hold (endpoints listed, saved messages).
    revision: u64,
    /// The revision the file holds: the saved state.
    saved_revision: u64,
}

impl Document {
    /// A document as loaded from `path` (None: a new, empty one): clean.
    pub fn opened(path: Option<PathBuf>, messages: Vec<SavedMessage>, lesson: Lesson) -> Document {
        Document { path, messages, lesson, revision: 0, saved_revision: 0 }
    }

    /// The open workspace's lesson, if it is one.
    pub fn lesson(&self) -> Option<&Lesson> {
        Some(&self.lesson).filter(|l| !l.is_empty())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn file_name(&self) -> Option<String> {
        self.path.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned())
    }

    /// The file name (or "untitled"), with a • when there are unsaved changes.
    pub fn title(&self) -> String {
        let name = self.file_name().unwrap_or_else(|| crate::t!("document-untitled"));
        if self.is_dirty() { format!("{name} •") } else { name }
    }

    pub fn messages(&self) -> &[SavedMessage] {
        &self.messages
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Something the file holds changed (an endpoint added, removed, re-addressed …).
    pub fn changed(&mut self) {
        self.revision += 1;
    }

    pub fn add_message(&mut self, m: SavedMessage) {
        self.messages.push(m);
        self.changed();
    }

    /// Removes the i-th saved message; an index that is gone changes nothing.
    pub fn remove_message(&mut self, i: usize) {
        if i < self.messages.len() {
            self.messages.remove(i);
            self.changed();
        }
    }

    /// The file at `path` now holds the workspace as it was at `revision`
    /// (changes made while the save ran keep the document dirty).
    pub fn saved(&mut self, path: PathBuf, revision: u64) {
        self.path = Some(path);
        self.saved_revision = revision;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_or_opened_document_is_clean_and_titled_by_its_file() {
        let d = Document::default();
        assert!(!d.is_dirty());
        assert_eq!(d.title(), "untitled");
        let d = Document::opened(
            Some("/lessons/echo.ron".into()),
            vec![SavedMessage::new("hi", "hello")],
            Lesson::default(),
        );
        assert!(!d.is_dirty());
        assert_eq!(d.title(), "echo.ron");
        assert_eq!(d.messages().len(), 1);
    }

    #[test]
    fn changes_make_it_dirty_and_a_save_of_that_revision_makes_it_clean() {
        let mut d = Document::opened(None, Vec::new(), Lesson::default());
        d.add_message(SavedMessage::new("a", "x"));
        assert!(d.is_dirty());
        assert_eq!(d.title(), "untitled •");
        d.changed();
        let r = d.revision();
        d.saved("/tmp/w.ron".into(), r);
        assert!(!d.is_dirty());
        assert_eq!(d.title(), "w.ron");
        assert_eq!(d.path(), Some(Path::new("/tmp/w.ron")));
    }

    #[test]
    fn a_change_made_while_saving_stays_unsaved() {
        let mut d = Document::default();
        d.changed();
        let at_save = d.revision();
        d.add_message(SavedMessage::new("late", "x"));
        d.saved("/tmp/w.ron".into(), at_save);
        assert!(d.is_dirty(), "the file holds the older revision");
    }

    #[test]
    fn removing_a_message_that_is_gone_changes_nothing() {
        let mut d = Document::opened(None, vec![SavedMessage::new("a", "x")], Lesson::default());
        d.remove_message(5);
        assert!(!d.is_dirty());
        d.remove_message(0);
        assert!(d.is_dirty() && d.messages().is_empty());
    }
}
