//! The workspace side of the app: open and save through background tasks,
//! the unsaved-changes guard, holding an opened workspace's endpoints until
//! the exposure question is answered, and what a task reports back.

use std::path::PathBuf;

use super::document::Document;
use super::exposure::{Exposed, HeldStart, loopback_address};
use super::tasks::TaskResult;
use super::{Notice, SocklabApp};
use crate::model::Status;
use crate::net::{BindScope, Command, EndpointId, EndpointKind};
use crate::ui::{ExposedAnswer, Selection, UnsavedAnswer};
use crate::workspace::{CURRENT_VERSION, Layout, Workspace, WorkspaceEndpoint};

/// Something that would lose unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(Option<PathBuf>),
    OpenLab(PathBuf),
    Quit,
}

impl SocklabApp {
    /// The workspace as it stands now: the endpoints listed and the saved messages.
    pub fn current_workspace(&self) -> Workspace {
        let endpoints: Vec<WorkspaceEndpoint> = self
            .model
            .endpoints
            .values()
            .map(|e| WorkspaceEndpoint { name: e.name.clone(), spec: e.spec.clone(), autostart: e.autostart })
            .collect();
        let selected = self.selection.and_then(|s| self.model.endpoints.keys().position(|&id| id == s.endpoint));
        Workspace {
            version: CURRENT_VERSION,
            endpoints,
            messages: self.document.messages().to_vec(),
            layout: Layout { show_inspector: self.settings.show_inspector, show_log: self.settings.show_log, selected },
            lesson: self.document.lesson().cloned().unwrap_or_default(),
        }
    }

    /// Unsaved changes: endpoints or saved messages changed since the file was saved or loaded (layout does not count).
    pub fn is_dirty(&self) -> bool {
        self.document.is_dirty()
    }

    pub fn workspace_title(&self) -> String {
        self.document.title()
    }

    /// Closes everything open and lists this workspace's endpoints. Its
    /// auto-start ones start, unless one would be reachable from the network:
    /// then they wait for the answer to that question.
    pub(super) fn replace_workspace(&mut self, ws: Workspace, path: Option<PathBuf>) {
        for (&id, ep) in &self.model.endpoints {
            if !ep.stopped {
                let _ = self.engine.send(Command::Close { id, abort: false });
            }
        }
        self.model.endpoints.clear();
        self.composers.clear();
        self.views.clear();
        self.popped.clear();
        self.selection = None;
        self.settings.show_inspector = ws.layout.show_inspector;
        self.settings.show_log = ws.layout.show_log;
        self.deferred.clear();
        self.held = None;
        // Another workspace ends the lab (opening a lab sets its run after this).
        self.lab = None;
        let exposed = ws.exposed_endpoints();
        let mut held = HeldStart::default();
        for entry in &ws.endpoints {
            let id = self.engine.next_id();
            self.model.add_idle_endpoint(id, entry.name.clone(), entry.spec.clone());
            if !entry.autostart {
                continue;
            }
            held.autostart.push(id);
            if let Some(scope) = BindScope::of(&entry.spec.address)
                && exposed.iter().any(|e| std::ptr::eq(*e, entry))
            {
                held.exposed.push(Exposed { id, name: entry.name.clone(), address: entry.spec.address.clone(), scope });
            }
        }
        if let Some(i) = ws.layout.selected {
            self.selection = self.model.endpoints.keys().nth(i).map(|&id| Selection { endpoint: id, conn: None });
        }
        if let Some(p) = &path {
            self.settings.add_recent(p.clone());
            self.settings.last_workspace = Some(p.clone());
        }
        // A lesson opens on its text; a plain workspace on what it had selected.
        self.show_lesson = !ws.lesson.is_empty();
        self.document = Document::opened(path, ws.messages, ws.lesson);
        if held.exposed.is_empty() {
            held.autostart.iter().for_each(|&id| self.start_listed(id));
        } else {
            self.held = Some(held);
        }
    }

    /// Starts a listed (idle) auto-start endpoint under its id. Clients wait
    /// until this workspace's servers are up, or they would race them.
    fn start_listed(&mut self, id: EndpointId) {
        let Some(ep) = self.model.endpoints.get(&id) else { return };
        let (name, spec) = (ep.name.clone(), ep.spec.clone());
        self.model.add_endpoint(id, name, spec.clone());
        if matches!(spec.kind, EndpointKind::TcpClient | EndpointKind::UnixClient) {
            self.deferred.push((id, spec));
        } else {
            self.send(Command::Open { id, spec });
        }
    }

    /// The answer to "these endpoints would be reachable from the network".
    pub(super) fn answer_exposure(&mut self, answer: ExposedAnswer) {
        let Some(held) = self.held.take() else { return };
        let exposed: Vec<EndpointId> = held.exposed.iter().map(|e| e.id).collect();
        if answer == ExposedAnswer::Loopback {
            for &id in &exposed {
                if let Some(ep) = self.model.endpoints.get_mut(&id)
                    && let Some(address) = loopback_address(&ep.spec.address)
                {
                    ep.spec.address = address;
                }
            }
            self.document.changed();
        }
        for id in held.autostart {
            if answer == ExposedAnswer::DontStart && exposed.contains(&id) {
                // Listed idle; still an auto-start endpoint in the file.
                if let Some(ep) = self.model.endpoints.get_mut(&id) {
                    ep.autostart = true;
                }
                continue;
            }
            self.start_listed(id);
        }
    }

    /// Starts the deferred clients once no server of the workspace is still starting.
    pub(super) fn start_deferred(&mut self) {
        if self.deferred.is_empty() {
            return;
        }
        let starting = self.model.endpoints.values().any(|e| e.is_server() && e.status == Status::Starting);
        if !starting {
            for (id, spec) in std::mem::take(&mut self.deferred) {
                self.send(Command::Open { id, spec });
            }
        }
    }

    /// Runs `what` now, or asks first when it would lose unsaved changes.
    pub(super) fn guard(&mut self, what: Pending) {
        if self.document.is_dirty() {
            self.pending = Some(what);
        } else {
            self.proceed(what);
        }
    }

    fn proceed(&mut self, what: Pending) {
        match what {
            Pending::New => self.replace_workspace(Workspace::default(), None),
            Pending::Open(path) => self.tasks.open_workspace(path),
            Pending::OpenLab(path) => self.tasks.open_lab(path),
            Pending::Quit => {
                self.allow_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn answer_unsaved(&mut self, answer: UnsavedAnswer) {
        match answer {
            // The question stays until the save lands (then the action goes on) or fails.
            UnsavedAnswer::Save => self.save(false),
            UnsavedAnswer::Discard => {
                if let Some(pending) = self.pending.take() {
                    self.proceed(pending);
                }
            }
            UnsavedAnswer::Cancel => self.pending = None,
        }
    }

    pub(super) fn save(&mut self, ask_where: bool) {
        let path = if ask_where { None } else { self.document.path().map(|p| p.to_path_buf()) };
        let suggested = self.document.file_name().unwrap_or_else(|| "lesson.ron".into());
        self.tasks.save_workspace(path, self.current_workspace(), suggested, self.document.revision());
    }

    pub(super) fn handle_task(&mut self, result: TaskResult) {
        match result {
            TaskResult::FilePicked { endpoint, path } => {
                self.composers.entry(endpoint).or_default().file_path = path.display().to_string();
            }
            TaskResult::Opened { path, workspace } => {
                self.set_notice(crate::msg!("notice-opened", path = path.display().to_string()), false);
                self.replace_workspace(*workspace, Some(path));
            }
            TaskResult::Saved { path, revision, .. } => {
                self.set_notice(crate::msg!("notice-saved", path = path.display().to_string()), false);
                self.settings.add_recent(path.clone());
                self.settings.last_workspace = Some(path.clone());
                self.document.saved(path, revision);
                // "Save" in the unsaved-changes question: now the action can go on.
                if let Some(p) = self.pending.take() {
                    self.proceed(p);
                }
            }
            TaskResult::Exported { path } => {
                self.set_notice(crate::msg!("notice-exported", path = path.display().to_string()), false)
            }
            TaskResult::CaptureChosen { endpoint, path } => {
                self.send(Command::Capture { id: endpoint, path: Some(path) });
            }
            TaskResult::SettingsSaved { settings, outcome } => {
                self.settings_sync.done(*settings, outcome.is_ok());
                match outcome {
                    Ok(Some(note)) => self.set_notice(note, false),
                    Ok(None) => {}
                    // Shown once: the same settings are not tried again until one changes.
                    Err(message) => self.notice = Some(Notice { text: message.into(), is_error: true }),
                }
            }
            // The workspace that was open stays open and unchanged.
            TaskResult::Failed { message } => self.set_notice(message, true),
            TaskResult::NoDialog { request, reason, suggested } => self.open_picker(request, reason, &suggested),
            TaskResult::Listed { dir, listing } => self.listed(dir, listing),
            TaskResult::LabOpened { lab } => {
                self.set_notice(crate::msg!("notice-opened-lab", path = lab.path.display().to_string()), false);
                self.lab_opened(*lab);
            }
            TaskResult::LabsFound(found) => self.labs_found = Some(found),
        }
    }
}
