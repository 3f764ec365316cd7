//! Work that may block (file dialogs, reading and writing files) runs on its
//! own thread; the result comes back as a [`TaskResult`] the UI applies.
//! Dialogs sit behind a trait so tests can answer them without a desktop.

use std::path::PathBuf;
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender, bounded};

use crate::model::{ExportFormat, Message, export_conversation};
use crate::net::EndpointId;
use crate::workspace::{self, Workspace};

/// The file dialogs the app needs. Called on a background thread.
pub trait Dialogs: Send + Sync {
    fn open_workspace(&self) -> Option<PathBuf>;
    fn save_workspace(&self, suggested_name: &str) -> Option<PathBuf>;
    fn pick_file(&self) -> Option<PathBuf>;
    /// Where to write an export or a capture (`extension` without the dot).
    fn save_file(&self, title: &str, suggested_name: &str, extension: &str) -> Option<PathBuf>;
}

/// rfd's native dialogs (xdg portal on Linux). A missing portal only makes
/// the dialog return nothing, on its own thread: the window never freezes.
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn open_workspace(&self) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title("Open workspace").add_filter("socklab workspace", &["ron"]).pick_file()
    }
    fn save_workspace(&self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save workspace")
            .add_filter("socklab workspace", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
    }
    fn pick_file(&self) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title("Send a file").pick_file()
    }
    fn save_file(&self, title: &str, suggested_name: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(extension, &[extension])
            .set_file_name(suggested_name)
            .save_file()
    }
}

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
    },
    Exported {
        path: PathBuf,
    },
    CaptureChosen {
        endpoint: EndpointId,
        path: PathBuf,
    },
    /// Something failed; the message names the file and what went wrong.
    Failed {
        message: String,
    },
}

/// Runs tasks off the UI thread and hands their results back.
pub struct Tasks {
    pub dialogs: Arc<dyn Dialogs>,
    tx: Sender<TaskResult>,
    rx: Receiver<TaskResult>,
    ctx: egui::Context,
}

impl Tasks {
    pub fn new(dialogs: Arc<dyn Dialogs>, ctx: egui::Context) -> Tasks {
        let (tx, rx) = bounded(16);
        Tasks { dialogs, tx, rx, ctx }
    }

    pub fn try_recv(&self) -> Option<TaskResult> {
        self.rx.try_recv().ok()
    }

    fn spawn(&self, job: impl FnOnce(&dyn Dialogs) -> Option<TaskResult> + Send + 'static) {
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
            let path = path.or_else(|| d.open_workspace())?;
            Some(match workspace::load(&path) {
                Ok(ws) => TaskResult::Opened { path, workspace: Box::new(ws) },
                Err(e) => TaskResult::Failed { message: e.to_string() },
            })
        });
    }

    /// Saves to `path`, or asks where first.
    pub fn save_workspace(&self, path: Option<PathBuf>, ws: Workspace, suggested: String) {
        self.spawn(move |d| {
            let path = path.or_else(|| d.save_workspace(&suggested))?;
            Some(match workspace::save(&path, &ws) {
                Ok(()) => TaskResult::Saved { path, workspace: Box::new(ws) },
                Err(e) => TaskResult::Failed { message: e.to_string() },
            })
        });
    }

    pub fn pick_file(&self, endpoint: EndpointId) {
        self.spawn(move |d| d.pick_file().map(|path| TaskResult::FilePicked { endpoint, path }));
    }

    pub fn choose_capture(&self, endpoint: EndpointId, suggested: String) {
        self.spawn(move |d| {
            d.save_file("Record traffic to", &suggested, "txt").map(|path| TaskResult::CaptureChosen { endpoint, path })
        });
    }

    /// Asks where, then formats the messages (hex of every byte: megabytes) and writes them atomically.
    pub fn export(&self, messages: Vec<Message>, format: ExportFormat, suggested: String) {
        self.spawn(move |d| {
            let path = d.save_file("Export conversation", &suggested, format.extension())?;
            let bytes = export_conversation(messages.iter(), format);
            Some(match crate::settings::write_atomic(&path, &bytes) {
                Ok(()) => TaskResult::Exported { path },
                Err(e) => TaskResult::Failed { message: format!("cannot write {}: {e}", path.display()) },
            })
        });
    }
}
