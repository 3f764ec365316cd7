//! Guided labs in the app: finding the shipped ones for the Labs menu, and
//! what opening, skipping and starting over do. The [`LabRun`] lives in the
//! app and is fed every event the app drains.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::SocklabApp;
use crate::lab::{self, Lab, LabRun};
use crate::ui::dock::{DockState, DockTab};

/// A lab the Labs menu offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabEntry {
    pub path: PathBuf,
    /// The lab's title as its file writes it, or its file name when it does
    /// not load (opening it says why).
    pub title: String,
    /// The title's message id, to show it in the language of the moment.
    pub title_key: Option<lab::FtlKey>,
}

impl LabEntry {
    /// The title in the current language (the file's own when the catalogs do not know it).
    pub fn shown_title(&self) -> String {
        match &self.title_key {
            Some(key) => lab::localized(key, &self.title),
            None => self.title.clone(),
        }
    }
}

/// The shipped labs: `assets/labs` beside the program or a few folders above
/// it (a build tree), else the source tree's.
pub fn shipped_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok();
    let near = exe.iter().flat_map(|e| e.ancestors().skip(1).take(4)).map(|d| d.join("assets").join("labs"));
    let source = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/labs"));
    near.chain(std::iter::once(source)).find(|d| d.is_dir())
}

/// Every `*.ron` in `dir`, by file name. Reads files: a task's work.
pub fn find(dir: &Path) -> Vec<LabEntry> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> =
        read.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "ron")).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let (title, title_key) = match lab::load(&path) {
                Ok(lab) => (lab.title.clone(), Some(lab.title_key())),
                Err(_) => (path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), None),
            };
            LabEntry { path, title, title_key }
        })
        .collect()
}

impl SocklabApp {
    /// The lab being followed (for tests and the panel).
    pub fn lab_run(&self) -> Option<&LabRun> {
        self.lab.as_ref()
    }

    /// The labs the Labs menu offers; None until they have been looked for.
    pub fn labs_found(&self) -> Option<&[LabEntry]> {
        self.labs_found.as_deref()
    }

    /// Opens a lab file as the Labs menu does (asking first about unsaved changes).
    pub fn open_lab(&mut self, path: PathBuf) {
        self.apply(crate::ui::Action::OpenLab(path));
    }

    /// Opens the lab's workspace the way any workspace opens (the exposure
    /// question included), then starts following its steps.
    pub(super) fn lab_opened(&mut self, lab: Lab) {
        self.replace_workspace(lab.workspace.clone(), Some(lab.workspace_path.clone()));
        self.lab = Some(LabRun::new(Arc::new(lab)));
        // Where the lab has no room at the side, the dock opens on its tab.
        self.dock = DockState { tab: Some(DockTab::Lab), open: None };
    }

    pub(super) fn lab_skip(&mut self) {
        if let Some(run) = self.lab.as_mut() {
            run.skip(SystemTime::now());
        }
    }

    pub(super) fn lab_restart(&mut self) {
        if let Some(run) = self.lab.as_mut() {
            run.restart(SystemTime::now());
        }
    }
}
