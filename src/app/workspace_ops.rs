//! The workspace side of the app: File menu, open/save through background
//! tasks, the unsaved-changes prompt, and what a task reports back.

use std::path::PathBuf;

use egui::RichText;

use super::SocklabApp;
use super::tasks::TaskResult;
use crate::model::Status;
use crate::net::{Command, EndpointKind};
use crate::workspace::{CURRENT_VERSION, Layout, Workspace, WorkspaceEndpoint};

/// Something that would lose unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(Option<PathBuf>),
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
            messages: self.messages.clone(),
            layout: Layout { show_inspector: self.settings.show_inspector, show_log: self.settings.show_log, selected },
        }
    }

    /// Unsaved changes: endpoints or saved messages differ from the file (layout does not count).
    pub fn is_dirty(&self) -> bool {
        let now = self.current_workspace();
        now.endpoints != self.saved.endpoints || now.messages != self.saved.messages
    }

    fn file_name(&self) -> Option<String> {
        self.workspace_path.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().to_string())
    }

    pub fn workspace_title(&self) -> String {
        let name = self.file_name().unwrap_or_else(|| "untitled".into());
        if self.is_dirty() { format!("{name} •") } else { name }
    }

    /// Closes everything open and shows this workspace, starting its autostart endpoints.
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
        for entry in &ws.endpoints {
            let id = self.engine.next_id();
            if !entry.autostart {
                self.model.add_idle_endpoint(id, entry.name.clone(), entry.spec.clone());
                continue;
            }
            self.model.add_endpoint(id, entry.name.clone(), entry.spec.clone());
            // Clients wait until this workspace's servers are up, or they would race them.
            if matches!(entry.spec.kind, EndpointKind::TcpClient | EndpointKind::UnixClient) {
                self.deferred.push((id, entry.spec.clone()));
            } else {
                self.send(Command::Open { id, spec: entry.spec.clone() });
            }
        }
        if let Some(i) = ws.layout.selected {
            self.selection =
                self.model.endpoints.keys().nth(i).map(|&id| crate::ui::Selection { endpoint: id, conn: None });
        }
        self.messages = ws.messages.clone();
        self.saved = ws;
        if let Some(p) = &path {
            self.settings.add_recent(p.clone());
            self.settings.last_workspace = Some(p.clone());
        }
        self.workspace_path = path;
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
        if self.is_dirty() {
            self.pending = Some(what);
        } else {
            self.proceed(what);
        }
    }

    fn proceed(&mut self, what: Pending) {
        match what {
            Pending::New => self.replace_workspace(Workspace::default(), None),
            Pending::Open(path) => self.tasks.open_workspace(path),
            Pending::Quit => {
                self.allow_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn save(&mut self, save_as: bool) {
        let path = if save_as { None } else { self.workspace_path.clone() };
        let suggested = self.file_name().unwrap_or_else(|| "lesson.ron".into());
        self.tasks.save_workspace(path, self.current_workspace(), suggested);
    }

    pub(super) fn handle_task(&mut self, result: TaskResult) {
        match result {
            TaskResult::FilePicked { endpoint, path } => {
                self.composers.entry(endpoint).or_default().file_path = path.display().to_string();
            }
            TaskResult::Opened { path, workspace } => {
                self.notice = Some((format!("Opened {}", path.display()), false));
                self.replace_workspace(*workspace, Some(path));
            }
            TaskResult::Saved { path, workspace } => {
                self.notice = Some((format!("Saved {}", path.display()), false));
                self.saved = *workspace;
                self.settings.add_recent(path.clone());
                self.settings.last_workspace = Some(path.clone());
                self.workspace_path = Some(path);
                // "Save" in the unsaved-changes question: now the action can go on.
                if let Some(p) = self.pending.take() {
                    self.proceed(p);
                }
            }
            TaskResult::Exported { path } => self.notice = Some((format!("Exported to {}", path.display()), false)),
            TaskResult::CaptureChosen { endpoint, path } => {
                self.send(Command::Capture { id: endpoint, path: Some(path) });
            }
            // The workspace that was open stays open and unchanged.
            TaskResult::Failed { message } => self.notice = Some((message, true)),
        }
    }

    /// Ctrl+S saves, Ctrl+Shift+S saves as, Ctrl+O opens, Ctrl+N starts afresh.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let (save_as, save, open, new) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::S)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)),
            )
        });
        if save_as || save {
            self.save(save_as);
        }
        if open {
            self.guard(Pending::Open(None));
        }
        if new {
            self.guard(Pending::New);
        }
    }

    pub(super) fn file_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("File", |ui| {
            if ui.button("New workspace          Ctrl+N").clicked() {
                self.guard(Pending::New);
                ui.close();
            }
            if ui.button("Open…                  Ctrl+O").clicked() {
                self.guard(Pending::Open(None));
                ui.close();
            }
            if ui.button("Save                   Ctrl+S").clicked() {
                self.save(false);
                ui.close();
            }
            if ui.button("Save as…         Ctrl+Shift+S").clicked() {
                self.save(true);
                ui.close();
            }
            ui.separator();
            ui.label(RichText::new("Recent").weak());
            if self.settings.recent.is_empty() {
                ui.label(RichText::new("(none yet)").weak());
            }
            for path in self.settings.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    self.guard(Pending::Open(Some(path)));
                    ui.close();
                }
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                self.guard(Pending::Quit);
                ui.close();
            }
        });
    }

    /// The "unsaved changes" question, and the notice banner of the last file operation.
    pub(super) fn prompts(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
        let Some(pending) = self.pending.clone() else { return };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!("{} has changes that are not saved.", self.workspace_title()));
            ui.label(match &pending {
                Pending::New => "Save them before starting a new workspace?",
                Pending::Open(_) => "Save them before opening another workspace?",
                Pending::Quit => "Save them before quitting?",
            });
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Save").strong()).clicked() {
                    answer = Some("save");
                }
                if ui.button("Don't save").clicked() {
                    answer = Some("discard");
                }
                if ui.button("Cancel").clicked() {
                    answer = Some("cancel");
                }
            });
        });
        match answer {
            // The question stays until the save lands (then the action goes on) or fails.
            Some("save") => self.save(false),
            Some("discard") => {
                self.pending = None;
                self.proceed(pending);
            }
            Some(_) => self.pending = None,
            None => {}
        }
    }
}
