//! Work that may block (file dialogs, reading and writing files) runs on its
//! own thread; the result comes back as a [`TaskResult`] the UI applies.
//! Dialogs sit behind a trait so tests can answer them without a desktop.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crossbeam_channel::{Receiver, Sender, bounded};

use super::dialogs::{Answer, Dialogs};
use crate::model::{ExportFormat, Message, export_conversation};
use crate::net::EndpointId;
use crate::settings::Settings;
use crate::ui::file_picker::{FileRequest, Listing};
use crate::util::write_atomic;
use crate::workspace::{self, Workspace};

/// What a background task reports.
#[derive(Debug)]
pub enum TaskResult {
    FilePicked {
        endpoint: EndpointId,
        path: PathBuf,
    },
    Opened {
        path: PathBuf,
        workspace: Box<Workspace>,
    },
    Saved {
        path: PathBuf,
        workspace: Box<Workspace>,
        /// The document's revision when the save began: what the file now holds.
        revision: u64,
    },
    Exported {
        path: PathBuf,
    },
    CaptureChosen {
        endpoint: EndpointId,
        path: PathBuf,
    },
    /// A settings save ended: `outcome` is a note to show (a file kept aside) or what failed.
    SettingsSaved {
        settings: Box<Settings>,
        outcome: Result<Option<crate::i18n::Message>, crate::i18n::Message>,
    },
    /// A lab file loaded, with its workspace.
    LabOpened {
        lab: Box<crate::lab::Lab>,
    },
    /// The shipped labs, for the Labs menu.
    LabsFound(Vec<super::LabEntry>),
    /// Something failed; the message names the file and what went wrong.
    Failed {
        message: super::NoticeText,
    },
    /// No file dialog could be shown: socklab's own picker takes over.
    NoDialog {
        request: FileRequest,
        reason: String,
        /// The file name the dialog would have suggested (saves).
        suggested: String,
    },
    /// A folder for the in-app picker, or why it could not be read.
    Listed {
        dir: PathBuf,
        listing: Result<Listing, String>,
    },
}

/// Runs tasks off the UI thread and hands their results back.
pub struct Tasks {
    pub dialogs: Arc<dyn Dialogs>,
    tx: Sender<TaskResult>,
    rx: Receiver<TaskResult>,
    ctx: egui::Context,
    /// Settings writes one at a time, holding the newest generation written:
    /// an older save that comes late is skipped instead of undoing a newer one.
    settings_gate: Arc<Mutex<u64>>,
}

impl Tasks {
    pub fn new(dialogs: Arc<dyn Dialogs>, ctx: egui::Context) -> Tasks {
        let (tx, rx) = bounded(16);
        Tasks { dialogs, tx, rx, ctx, settings_gate: Arc::new(Mutex::new(0)) }
    }

    pub fn try_recv(&self) -> Option<TaskResult> {
        self.rx.try_recv().ok()
    }

    pub(super) fn spawn(&self, job: impl FnOnce(&dyn Dialogs) -> Option<TaskResult> + Send + 'static) {
        let (dialogs, tx, ctx) = (self.dialogs.clone(), self.tx.clone(), self.ctx.clone());
        std::thread::spawn(move || {
            if let Some(result) = job(dialogs.as_ref()) {
                // Bounded: a burst of results waits here, never piles up in memory.
                let _ = tx.send(result);
                ctx.request_repaint();
            }
        });
    }

    /// Asks for a workspace file (unless `path` is given), then loads it.
    pub fn open_workspace(&self, path: Option<PathBuf>) {
        self.spawn(move |d| {
            let path = match path {
                Some(p) => p,
                None => match asked(d.open_workspace(), FileRequest::OpenWorkspace, "") {
                    Ok(path) => path,
                    Err(instead) => return instead,
                },
            };
            Some(match workspace::load(&path) {
                Ok(ws) => TaskResult::Opened { path, workspace: Box::new(ws) },
                Err(e) => TaskResult::Failed { message: super::NoticeText::Error(std::sync::Arc::new(e)) },
            })
        });
    }

    /// Loads a lab file and its workspace.
    pub fn open_lab(&self, path: PathBuf) {
        self.spawn(move |_| {
            Some(match crate::lab::load(&path) {
                Ok(lab) => TaskResult::LabOpened { lab: Box::new(lab) },
                Err(e) => TaskResult::Failed { message: super::NoticeText::Error(std::sync::Arc::new(e)) },
            })
        });
    }

    /// Looks for the shipped labs (the Labs menu lists them).
    pub fn find_labs(&self) {
        self.spawn(|_| {
            let found = super::labs::shipped_dir().map(|dir| super::labs::find(&dir)).unwrap_or_default();
            Some(TaskResult::LabsFound(found))
        });
    }

    /// Saves to `path`, or asks where first. `revision` is the document's, handed back when saved.
    pub fn save_workspace(&self, path: Option<PathBuf>, ws: Workspace, suggested: String, revision: u64) {
        self.spawn(move |d| {
            let path = match path {
                Some(p) => p,
                None => match asked(d.save_workspace(&suggested), FileRequest::SaveWorkspace, &suggested) {
                    Ok(path) => path,
                    Err(instead) => return instead,
                },
            };
            Some(match workspace::save(&path, &ws) {
                Ok(()) => TaskResult::Saved { path, workspace: Box::new(ws), revision },
                Err(e) => TaskResult::Failed { message: super::NoticeText::Error(std::sync::Arc::new(e)) },
            })
        });
    }

    pub fn pick_file(&self, endpoint: EndpointId) {
        self.spawn(move |d| {
            let path = match asked(d.pick_file(), FileRequest::SendFile { endpoint }, "") {
                Ok(path) => path,
                Err(instead) => return instead,
            };
            Some(TaskResult::FilePicked { endpoint, path })
        });
    }

    pub fn choose_capture(&self, endpoint: EndpointId, suggested: String) {
        self.spawn(move |d| {
            let answer = d.save_file(&crate::t!("picker-title-record"), &suggested, "txt");
            let path = match asked(answer, FileRequest::Record { endpoint }, &suggested) {
                Ok(path) => path,
                Err(instead) => return instead,
            };
            Some(TaskResult::CaptureChosen { endpoint, path })
        });
    }

    /// Asks where (unless `path` is given), then formats the messages (hex of
    /// every byte: megabytes) and writes them atomically.
    pub fn export(
        &self,
        (endpoint, messages): (EndpointId, Vec<Message>),
        format: ExportFormat,
        suggested: String,
        path: Option<PathBuf>,
    ) {
        self.spawn(move |d| {
            let path = match path {
                Some(p) => p,
                None => {
                    let answer = d.save_file(&crate::t!("picker-title-export"), &suggested, format.extension());
                    match asked(answer, FileRequest::Export { endpoint, format }, &suggested) {
                        Ok(path) => path,
                        Err(instead) => return instead,
                    }
                }
            };
            Some(write_export(path, &messages, format))
        });
    }

    /// Reads a folder for the in-app picker.
    pub fn list_folder(&self, dir: PathBuf) {
        self.spawn(move |_| {
            let listing = super::folder::list(&dir);
            Some(TaskResult::Listed { dir, listing })
        });
    }

    /// Writes the settings on a background thread, unless a newer generation was written meanwhile.
    pub fn save_settings(&self, path: PathBuf, settings: Settings, generation: u64) {
        let gate = self.settings_gate.clone();
        self.spawn(move |_| {
            let outcome = save_settings_gated(&gate, &path, &settings, generation);
            Some(TaskResult::SettingsSaved { settings: Box::new(settings), outcome })
        });
    }

    /// The last save, on this thread, when the app closes: it wins over any save still running.
    pub fn save_settings_now(
        &self,
        path: &Path,
        settings: &Settings,
    ) -> Result<Option<crate::i18n::Message>, crate::i18n::Message> {
        save_settings_gated(&self.settings_gate, path, settings, u64::MAX)
    }
}

/// A dialog's path, or the task's result when there is none: nothing when
/// cancelled, the in-app picker when no dialog could be shown.
pub(super) fn asked(answer: Answer, request: FileRequest, suggested: &str) -> Result<PathBuf, Option<TaskResult>> {
    match answer {
        Ok(Some(path)) => Ok(path),
        Ok(None) => Err(None),
        Err(no) => Err(Some(TaskResult::NoDialog { request, reason: no.0, suggested: suggested.to_string() })),
    }
}

fn save_settings_gated(
    gate: &Mutex<u64>,
    path: &Path,
    settings: &Settings,
    generation: u64,
) -> Result<Option<crate::i18n::Message>, crate::i18n::Message> {
    // A poisoned lock only means another save panicked; the number it guards is still right.
    let mut newest = gate.lock().unwrap_or_else(|e| e.into_inner());
    if *newest > generation {
        return Ok(None);
    }
    let result = settings.save(path).map_err(|e| settings_error(path, e));
    *newest = generation;
    result
}

/// Where, the call and its errno, and what to do: shown once, as the save is not retried until a setting changes.
fn settings_error(path: &Path, error: crate::i18n::Message) -> crate::i18n::Message {
    crate::msg!("notice-settings-not-saved", path = path.display().to_string(), error = error)
}

/// Formats the messages (hex of every byte: megabytes, so on a task's thread) and writes them atomically.
fn write_export(path: PathBuf, messages: &[Message], format: ExportFormat) -> TaskResult {
    let bytes = export_conversation(messages.iter(), format);
    match write_atomic(&path, &bytes) {
        Ok(()) => TaskResult::Exported { path },
        Err(e) => {
            let error = crate::net::NetError::from_file(&e).message();
            let message = crate::msg!("notice-cannot-write", path = path.display().to_string(), error = error);
            TaskResult::Failed { message: message.into() }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::model::Direction;

    fn messages() -> Vec<Message> {
        let m = |seq, data: &[u8]| Message {
            seq,
            time: SystemTime::now(),
            dir: Direction::In,
            conn: 0,
            peer: None,
            data: data.to_vec(),
        };
        vec![m(0, b"hello"), m(1, b"bye")]
    }

    #[test]
    fn an_export_goes_through_the_atomic_writer() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("kept.csv");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        match write_export(link.clone(), &messages(), ExportFormat::Csv) {
            TaskResult::Exported { path } => assert_eq!(path, link),
            other => panic!("{other:?}"),
        }
        let text = std::fs::read_to_string(&real).unwrap();
        assert!(text.starts_with("time,direction,") && text.lines().count() == 3, "{text}");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    #[test]
    fn an_export_that_cannot_be_written_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("out.txt");
        match write_export(path, &messages(), ExportFormat::Text) {
            TaskResult::Failed { message: super::super::NoticeText::Message(m) } => {
                assert!(m.text().contains("missing/out.txt"), "{m:?}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_older_settings_save_never_lands_after_a_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        let gate = Mutex::new(0);
        let newer = Settings { zoom: 2.0, ..Settings::default() };
        let older = Settings { zoom: 1.5, ..Settings::default() };
        save_settings_gated(&gate, &path, &newer, 2).unwrap();
        save_settings_gated(&gate, &path, &older, 1).unwrap();
        assert_eq!(Settings::load(&path).settings.zoom, 2.0);
    }

    #[test]
    fn a_settings_save_that_fails_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "").unwrap();
        let path = blocker.join("settings.ron");
        let err = save_settings_gated(&Mutex::new(0), &path, &Settings::default(), 1).unwrap_err().text();
        assert!(err.contains("not-a-folder/settings.ron"), "{err}");
        assert!(err.contains("mkdir(") && err.contains("EEXIST (File exists)"), "the call and its errno: {err}");
        assert!(err.contains("move it out of the way"), "what to do: {err}");
        assert!(err.contains("tries again when a setting changes"), "{err}");
    }
}
