//! When no desktop file dialog opens: socklab's own picker, opened where the
//! workspace (or the working folder) is, and what its answer does: the same
//! as the dialog's would have.

use std::path::PathBuf;

use super::SocklabApp;
use crate::model::ExportFormat;
use crate::net::{Command, EndpointId};
use crate::ui::file_picker::{FilePicker, FileRequest, Listing, Shown};

impl SocklabApp {
    /// The in-app picker is open (for tests).
    pub fn picker_open(&self) -> bool {
        self.picker.is_some()
    }

    pub(super) fn open_picker(&mut self, request: FileRequest, reason: String, suggested: &str) {
        let base = self
            .document
            .path()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| p.to_path_buf())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        self.tasks.list_folder(base.clone());
        self.picker = Some(FilePicker::new(request, reason, base, suggested));
    }

    /// A folder read for the picker; a late answer for a folder left since is dropped.
    pub(super) fn listed(&mut self, dir: PathBuf, listing: Result<Listing, String>) {
        if let Some(p) = self.picker.as_mut()
            && p.dir == dir
        {
            p.shown = match listing {
                Ok(l) => Shown::Ready(l),
                Err(why) => Shown::Failed(why),
            };
        }
    }

    /// Does with the picked path what the dialog's answer would have done.
    pub(super) fn file_chosen(&mut self, request: FileRequest, path: PathBuf) {
        self.picker = None;
        match request {
            FileRequest::OpenWorkspace => self.tasks.open_workspace(Some(path)),
            FileRequest::SaveWorkspace => {
                let suggested = self.document.file_name().unwrap_or_default();
                self.tasks.save_workspace(Some(path), self.current_workspace(), suggested, self.document.revision());
            }
            FileRequest::SendFile { endpoint } => {
                self.composers.entry(endpoint).or_default().file_path = path.display().to_string();
            }
            FileRequest::Export { endpoint, format } => self.export(endpoint, format, Some(path)),
            FileRequest::Record { endpoint } => self.send(Command::Capture { id: endpoint, path: Some(path) }),
            FileRequest::ExportLadder { endpoint } => self.export_ladder(endpoint, Some(path)),
        }
    }

    /// Exports an endpoint's conversation, asking where unless `path` is given.
    pub(super) fn export(&mut self, endpoint: EndpointId, format: ExportFormat, path: Option<PathBuf>) {
        if let Some(ep) = self.model.endpoints.get(&endpoint) {
            // A copy of the bounded history (a memcpy); formatting happens on the task's thread.
            let messages = ep.conversation.iter().cloned().collect();
            let name = ep.name.replace(|c: char| !c.is_alphanumeric(), "_");
            self.tasks.export((endpoint, messages), format, format!("{name}.{}", format.extension()), path);
        }
    }
}
