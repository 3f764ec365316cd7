//! The one place where actions change the app: what panels, menus, shortcuts
//! and questions pushed during the frame is applied here, in order, at its end.

use super::{Pending, SocklabApp};
use crate::net::frame::FrameSpec;
use crate::net::rules::Rule;
use crate::net::{Command, EndpointId, EndpointKind, EndpointSpec};
use crate::ui::new_endpoint::Form;
use crate::ui::{Action, Selection};

impl SocklabApp {
    pub(super) fn apply(&mut self, action: Action) {
        match action {
            Action::Open { name, spec } => self.open(name, spec),
            Action::Engine(cmd) => self.send(cmd),
            Action::TcpShown(id) => self.tcp_watch.shown(id),
            Action::ExportLadder(endpoint) => self.export_ladder(endpoint, None),
            Action::Presenter(on) => self.presenter = on,
            Action::PopOutSequence(id) => {
                self.sequence_windows.entry(id).or_default();
            }
            Action::CloseSequenceWindow(id) => {
                self.sequence_windows.remove(&id);
            }
            Action::SetBehaviour { endpoint, frame, rules } => self.set_behaviour(endpoint, frame, rules),
            Action::SetEncoding { endpoint, encoding } => {
                if let Some(ep) = self.model.endpoints.get_mut(&endpoint)
                    && ep.spec.encoding != encoding
                {
                    ep.spec.encoding = encoding;
                    self.document.changed();
                }
            }
            Action::Select(sel) => self.select(sel),
            Action::ShowForm(kind) => self.show_form(kind),
            Action::CloseForm => self.form = None,
            Action::PopOut(id) => {
                self.popped.insert(id, None);
            }
            Action::PopIn(id) => {
                self.popped.remove(&id);
            }
            Action::Forget(id) => {
                if self.model.endpoints.remove(&id).is_some() {
                    self.document.changed();
                }
                self.forget_views(id);
                self.model.sequence.forget_endpoint(id);
                if self.selection.is_some_and(|s| s.endpoint == id) {
                    self.selection = None;
                }
            }
            Action::Start(id) => self.start_again(id),
            Action::StartOn { endpoint, address } => {
                if let Some(ep) = self.model.endpoints.get_mut(&endpoint) {
                    ep.spec.address = address;
                    self.document.changed();
                }
                self.start_again(endpoint);
            }
            Action::PickFile { endpoint } => self.tasks.pick_file(endpoint),
            Action::SendFile { endpoint, target, path } => self.send(Command::SendFile { id: endpoint, target, path }),
            Action::Record { endpoint, on: true } => {
                let name = self.model.name_of(endpoint).replace(|c: char| !c.is_alphanumeric(), "_");
                self.tasks.choose_capture(endpoint, format!("{name}-capture.txt"));
            }
            Action::Record { endpoint, on: false } => self.send(Command::Capture { id: endpoint, path: None }),
            Action::Export { endpoint, format } => self.export(endpoint, format, None),
            Action::SaveMessage(m) => self.document.add_message(m),
            Action::RemoveMessage(i) => self.document.remove_message(i),
            Action::ShowLesson(on) => self.show_lesson = on,
            Action::ListFolder(dir) => self.tasks.list_folder(dir),
            Action::FileChosen { request, path } => self.file_chosen(request, path),
            Action::ClosePicker => self.picker = None,
            Action::OpenLab(path) => self.guard(Pending::OpenLab(path)),
            Action::LabSkip => self.lab_skip(),
            Action::LabRestart => self.lab_restart(),
            Action::CloseLab => self.lab = None,
            Action::NewWorkspace => self.guard(Pending::New),
            Action::OpenWorkspace(path) => self.guard(Pending::Open(path)),
            Action::SaveWorkspace { ask_where } => self.save(ask_where),
            Action::Quit => self.guard(Pending::Quit),
            Action::Unsaved(answer) => self.answer_unsaved(answer),
            Action::Exposed(answer) => self.answer_exposure(answer),
            Action::DismissNotice => self.notice = None,
            Action::SetDark(dark) => {
                self.settings.dark = dark;
                self.ctx.set_theme(if dark { egui::Theme::Dark } else { egui::Theme::Light });
            }
            Action::SetLanguage(lang) => {
                self.settings.language = Some(lang.tag().to_string());
                crate::i18n::set_language(lang);
                self.model.log.reword();
                // This frame may have drawn part of the window already.
                self.ctx.request_repaint();
            }
            Action::ShowLog(on) => self.settings.show_log = on,
            Action::ShowInspector(on) => self.settings.show_inspector = on,
            Action::Zoom(factor) => self.ctx.set_zoom_factor(factor),
        }
    }

    fn open(&mut self, name: String, spec: EndpointSpec) {
        let id = self.engine.next_id();
        self.model.add_endpoint(id, name, spec.clone());
        self.document.changed();
        self.selection = Some(Selection { endpoint: id, conn: None });
        self.show_lesson = false;
        self.send(Command::Open { id, spec });
    }

    /// Framing and rules from the inspector: into the spec (saved with the
    /// workspace), and to the worker when it runs.
    fn set_behaviour(&mut self, id: EndpointId, frame: FrameSpec, rules: Vec<Rule>) {
        let Some(ep) = self.model.endpoints.get_mut(&id) else { return };
        ep.set_behaviour(frame.clone(), rules.clone());
        let running = ep.status.is_open() && !ep.stopped;
        self.document.changed();
        if running {
            self.send(Command::SetFraming { id, frame });
            self.send(Command::SetRules { id, rules });
        }
    }

    fn select(&mut self, sel: Selection) {
        let unread =
            self.model.endpoints.get(&sel.endpoint).is_some_and(|e| {
                e.is_server() && sel.conn.is_some() && !e.options.contains_key(&sel.conn) && !e.stopped
            });
        if unread {
            self.send(Command::ReadOptions { id: sel.endpoint, conn: sel.conn });
        }
        self.selection = Some(sel);
        self.show_lesson = false;
    }

    fn show_form(&mut self, kind: EndpointKind) {
        let name = self.next_name(kind);
        self.form = Some(match (kind, self.latest_server(kind)) {
            (EndpointKind::TcpClient | EndpointKind::UnixClient, Some(addr)) => Form::client_of(kind, name, &addr),
            _ => Form::new(kind, name),
        });
    }

    /// "TCP client 3": numbered after the endpoints of this kind listed now, skipping names taken.
    fn next_name(&self, kind: EndpointKind) -> String {
        let taken = |name: &str| self.model.endpoints.values().any(|e| e.name == name);
        let listed = self.model.endpoints.values().filter(|e| e.spec.kind == kind).count();
        (listed + 1..)
            .map(|n| format!("{} {n}", crate::ui::style::kind_name(kind)))
            .find(|name| !taken(name))
            .unwrap_or_else(|| crate::ui::style::kind_name(kind))
    }

    /// The address of the newest listening server a client of this kind could connect to.
    fn latest_server(&self, client: EndpointKind) -> Option<crate::net::Addr> {
        let server =
            if client == EndpointKind::UnixClient { EndpointKind::UnixServer } else { EndpointKind::TcpServer };
        self.model
            .endpoints
            .values()
            .rev()
            .find(|e| e.spec.kind == server && e.status == crate::model::Status::Listening)
            .and_then(|e| e.local.clone())
    }

    /// A fresh worker (and id) for a listed endpoint that is not running. What
    /// the old id had (its window, view and composer) goes with it.
    fn start_again(&mut self, id: EndpointId) {
        let Some(old) = self.model.endpoints.remove(&id) else { return };
        // It moves to the end of the list: the file's order changes unless it was last already.
        let was_last = self.model.endpoints.keys().next_back().is_none_or(|&last| last < id);
        if !was_last {
            self.document.changed();
        }
        self.forget_views(id);
        let new_id = self.engine.next_id();
        self.model.add_endpoint(new_id, old.name, old.spec.clone());
        if let Some(ep) = self.model.endpoints.get_mut(&new_id) {
            ep.autostart = old.autostart;
        }
        self.selection = Some(Selection { endpoint: new_id, conn: None });
        self.show_lesson = false;
        self.send(Command::Open { id: new_id, spec: old.spec });
    }

    /// Drops an endpoint's pop-out window, conversation view and composer.
    fn forget_views(&mut self, id: EndpointId) {
        self.composers.remove(&id);
        self.views.remove(&id);
        self.popped.remove(&id);
    }
}
