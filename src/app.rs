//! Wires the engine, the model and the panels. The UI thread never touches a
//! socket: it sends commands and draws what events have put in the model.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use egui::{CentralPanel, Panel, RichText};

use crate::model::Model;
use crate::net::{Command, ConnId, EndpointId, EndpointKind, Engine, Event, EventKind, Events, NetError};
use crate::settings::{self, Settings};
use crate::ui::composer::Composer;
use crate::ui::conversation::ConversationView;
use crate::ui::event_log::LogView;
use crate::ui::inspector::InspectorView;
use crate::ui::new_endpoint::Form;
use crate::ui::{self, Action, Selection};
use crate::workspace::{SavedMessage, Workspace};

mod tasks;
mod workspace_ops;

use tasks::Tasks;
pub use tasks::{Dialogs, NativeDialogs, TaskResult};
use workspace_ops::Pending;

/// Time per frame spent applying events; the rest waits for the next frame
/// (and the engine's backpressure holds the peers back meanwhile).
pub const DRAIN_BUDGET: Duration = Duration::from_millis(8);

struct Repaint(egui::Context);

impl crate::net::Waker for Repaint {
    fn wake(&self) {
        self.0.request_repaint();
    }
}

/// How the app is started. Tests pass no settings file (nothing on disk is
/// touched) and their own dialogs.
#[derive(Clone, Default)]
pub struct AppOptions {
    pub settings_path: Option<PathBuf>,
    /// None: the native dialogs.
    pub dialogs: Option<Arc<dyn Dialogs>>,
    /// A workspace to open at start.
    pub workspace: Option<PathBuf>,
}

impl AppOptions {
    pub fn persistent(workspace: Option<PathBuf>) -> AppOptions {
        AppOptions { settings_path: settings::default_path(), dialogs: None, workspace }
    }
}

/// What the last frames cost, for the status bar and the benchmarks.
#[derive(Clone, Copy, Debug, Default)]
pub struct FrameStats {
    pub events_last_frame: usize,
    pub drain_time: Duration,
    pub backlog: usize,
}

pub struct SocklabApp {
    engine: Engine,
    events: Events,
    pub model: Model,
    pub selection: Option<Selection>,
    form: Option<Form>,
    composers: HashMap<EndpointId, Composer>,
    views: HashMap<EndpointId, ConversationView>,
    inspector: InspectorView,
    log_view: LogView,
    /// Endpoints in their own window, with that window's connection choice.
    popped: BTreeMap<EndpointId, Option<ConnId>>,
    pub settings: Settings,
    saved_settings: Settings,
    options: AppOptions,
    pub stats: FrameStats,
    tasks: Tasks,
    created: u32,
    ctx: egui::Context,
    /// The workspace file, its content when last saved or loaded, and its saved messages.
    workspace_path: Option<PathBuf>,
    saved: Workspace,
    messages: Vec<SavedMessage>,
    pending: Option<Pending>,
    /// The outcome of the last file operation: (text, is an error).
    notice: Option<(String, bool)>,
    allow_close: bool,
    title: String,
    /// Workspace clients waiting for its servers to listen.
    deferred: Vec<(EndpointId, crate::net::EndpointSpec)>,
}

impl SocklabApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> SocklabApp {
        let ctx = cc.egui_ctx.clone();
        ui::fonts::install(&ctx);
        ui::style::apply(&ctx);
        let settings = options.settings_path.as_deref().map(Settings::load).unwrap_or_default();
        ctx.set_theme(if settings.dark { egui::Theme::Dark } else { egui::Theme::Light });
        ctx.set_zoom_factor(settings.zoom.clamp(0.5, 3.0));
        let (engine, events) = Engine::new(Arc::new(Repaint(ctx.clone())));
        let dialogs = options.dialogs.clone().unwrap_or_else(|| Arc::new(NativeDialogs));
        let tasks = Tasks::new(dialogs, ctx.clone());
        if let Some(path) = options.workspace.clone() {
            tasks.open_workspace(Some(path));
        }
        SocklabApp {
            engine,
            events,
            model: Model::new(settings.limits),
            selection: None,
            form: None,
            composers: HashMap::new(),
            views: HashMap::new(),
            inspector: InspectorView::default(),
            log_view: LogView::default(),
            popped: BTreeMap::new(),
            saved_settings: settings.clone(),
            settings,
            options,
            stats: FrameStats::default(),
            tasks,
            created: 0,
            ctx,
            workspace_path: None,
            saved: Workspace::default(),
            messages: Vec::new(),
            pending: None,
            notice: None,
            allow_close: false,
            title: String::new(),
            deferred: Vec::new(),
        }
    }

    /// Applies engine events for at most [`DRAIN_BUDGET`].
    fn drain(&mut self, ctx: &egui::Context) {
        let start = Instant::now();
        let mut n = 0;
        'outer: loop {
            // Look at the clock every 64 events: cheap, and still within budget.
            for _ in 0..64 {
                let Some(ev) = self.events.try_recv() else { break 'outer };
                self.model.apply(ev);
                n += 1;
            }
            if start.elapsed() >= DRAIN_BUDGET {
                break;
            }
        }
        let backlog = self.events.len();
        self.stats = FrameStats { events_last_frame: n, drain_time: start.elapsed(), backlog };
        if backlog > 0 {
            ctx.request_repaint();
        }
    }

    fn repeat_sends(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        let mut sends = Vec::new();
        for (id, c) in self.composers.iter_mut() {
            let Some(ep) = self.model.endpoints.get(id) else { continue };
            let sel = match self.selection {
                Some(s) if s.endpoint == *id => s,
                _ => Selection { endpoint: *id, conn: None },
            };
            let (cmd, next) = c.due_repeat(ep, sel, now);
            sends.extend(cmd);
            if let Some(next) = next {
                ctx.request_repaint_after(next);
            }
        }
        for cmd in sends {
            self.send(cmd);
        }
    }

    fn send(&mut self, cmd: Command) {
        let id = cmd.endpoint();
        if let Err(e) = self.engine.send(cmd) {
            self.local_error(id, NetError::usage("command", e.to_string()));
        }
    }

    /// An error found on this side (not by a worker), shown like any other.
    fn local_error(&mut self, id: EndpointId, error: NetError) {
        self.model.apply(Event { time: SystemTime::now(), endpoint: id, kind: EventKind::Error { conn: None, error } });
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

    fn default_name(&mut self, kind: EndpointKind) -> String {
        self.created += 1;
        format!("{} {}", kind.label(), self.created)
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Open { name, spec } => {
                let id = self.engine.next_id();
                self.model.add_endpoint(id, name, spec.clone());
                self.selection = Some(Selection { endpoint: id, conn: None });
                self.send(Command::Open { id, spec });
            }
            Action::Engine(cmd) => self.send(cmd),
            Action::Select(sel) => {
                let unread = self.model.endpoints.get(&sel.endpoint).is_some_and(|e| {
                    e.is_server() && sel.conn.is_some() && !e.options.contains_key(&sel.conn) && !e.stopped
                });
                if unread {
                    self.send(Command::ReadOptions { id: sel.endpoint, conn: sel.conn });
                }
                self.selection = Some(sel);
            }
            Action::ShowForm(kind) => {
                let name = self.default_name(kind);
                self.form = Some(match (kind, self.latest_server(kind)) {
                    (EndpointKind::TcpClient | EndpointKind::UnixClient, Some(addr)) => {
                        Form::client_of(kind, name, &addr)
                    }
                    _ => Form::new(kind, name),
                });
            }
            Action::PopOut(id) => {
                self.popped.insert(id, None);
            }
            Action::PopIn(id) => {
                self.popped.remove(&id);
            }
            Action::Forget(id) => {
                self.model.endpoints.remove(&id);
                self.composers.remove(&id);
                self.views.remove(&id);
                self.popped.remove(&id);
                if self.selection.is_some_and(|s| s.endpoint == id) {
                    self.selection = None;
                }
            }
            Action::PickFile { endpoint } => self.tasks.pick_file(endpoint),
            Action::Start(id) => {
                // A fresh worker (and id) for a listed endpoint that is not running.
                if let Some(old) = self.model.endpoints.remove(&id) {
                    let new_id = self.engine.next_id();
                    self.model.add_endpoint(new_id, old.name, old.spec.clone());
                    if let Some(ep) = self.model.endpoints.get_mut(&new_id) {
                        ep.autostart = old.autostart;
                    }
                    self.selection = Some(Selection { endpoint: new_id, conn: None });
                    self.send(Command::Open { id: new_id, spec: old.spec });
                }
            }
            Action::Record { endpoint, on } => match on {
                true => {
                    let name = self.model.name_of(endpoint).replace(|c: char| !c.is_alphanumeric(), "_");
                    self.tasks.choose_capture(endpoint, format!("{name}-capture.txt"));
                }
                false => self.send(Command::Capture { id: endpoint, path: None }),
            },
            Action::Export { endpoint, format } => {
                if let Some(ep) = self.model.endpoints.get(&endpoint) {
                    // A copy of the bounded history (a memcpy); formatting happens on the task's thread.
                    let messages = ep.conversation.iter().cloned().collect();
                    let name = ep.name.replace(|c: char| !c.is_alphanumeric(), "_");
                    self.tasks.export(messages, format, format!("{name}.{}", format.extension()));
                }
            }
            Action::SaveMessage(m) => self.messages.push(m),
            Action::OpenWorkspace(path) => self.guard(Pending::Open(Some(path))),
            Action::RemoveMessage(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
            }
            Action::SendFile { endpoint, target, path } => self.send(Command::SendFile { id: endpoint, target, path }),
        }
    }

    fn menu(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            self.file_menu(ui);
            ui.menu_button("Endpoints", |ui| {
                for kind in EndpointKind::ALL {
                    if ui.button(format!("New {}…", kind.label())).clicked() {
                        actions.push(Action::ShowForm(kind));
                        ui.close();
                    }
                }
            });
            ui.menu_button("View", |ui| {
                if ui.checkbox(&mut self.settings.dark, "Dark theme").changed() {
                    let theme = if self.settings.dark { egui::Theme::Dark } else { egui::Theme::Light };
                    ui.ctx().set_theme(theme);
                }
                ui.checkbox(&mut self.settings.show_log, "Event log");
                ui.checkbox(&mut self.settings.show_inspector, "Inspector");
                ui.separator();
                let zoom = ui.ctx().zoom_factor();
                ui.label(format!("Zoom {:.0}%  (Ctrl + / Ctrl − / Ctrl 0)", zoom * 100.0));
                ui.horizontal(|ui| {
                    if ui.button("−").clicked() {
                        ui.ctx().set_zoom_factor((zoom - 0.1).max(0.5));
                    }
                    if ui.button("100%").clicked() {
                        ui.ctx().set_zoom_factor(1.0);
                    }
                    if ui.button("+").clicked() {
                        ui.ctx().set_zoom_factor((zoom + 0.1).min(3.0));
                    }
                });
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let theme = if self.settings.dark { "☀ Light" } else { "🌙 Dark" };
                if ui.button(theme).clicked() {
                    self.settings.dark = !self.settings.dark;
                    let theme = if self.settings.dark { egui::Theme::Dark } else { egui::Theme::Light };
                    ui.ctx().set_theme(theme);
                }
                ui.label(RichText::new(format!("zoom {:.0}%", ui.ctx().zoom_factor() * 100.0)).weak());
                ui.label(RichText::new(format!("workspace: {}", self.workspace_title())).strong());
            });
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let s = self.stats;
            let frame = match s.events_last_frame {
                0 => "idle".to_string(),
                n => format!("{n} events in {:.1} ms", s.drain_time.as_secs_f64() * 1000.0),
            };
            ui.label(
                RichText::new(format!(
                    "{} endpoints · {} events applied · last frame: {frame} · waiting: {}",
                    self.model.endpoints.len(),
                    self.model.events_applied,
                    s.backlog
                ))
                .small()
                .weak(),
            );
        });
    }

    /// Conversation and composer of one endpoint: the centre, or a popped-out window.
    fn endpoint_view(&mut self, ui: &mut egui::Ui, sel: Selection, actions: &mut Vec<Action>) {
        let Some(ep) = self.model.endpoints.get(&sel.endpoint) else {
            ui.label("This endpoint was removed.");
            return;
        };
        let composer = self.composers.entry(sel.endpoint).or_default();
        Panel::bottom(("composer", sel.endpoint)).resizable(false).show(ui, |ui| {
            ui.add_space(4.0);
            ui::composer::show(ui, ep, sel, composer, &self.messages, actions);
            ui.add_space(2.0);
        });
        let heading = match sel.conn {
            Some(c) => format!("{} — connection #{c}", ep.name),
            None if ep.is_server() => format!("{} — all clients", ep.name),
            None => ep.name.clone(),
        };
        ui.horizontal(|ui| {
            ui.heading(heading);
            ui::style::badge(ui, ep.status);
        });
        let view = self.views.entry(sel.endpoint).or_default();
        ui::conversation::show(ui, ep, sel, view, actions);
    }

    fn popped_windows(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let popped: Vec<(EndpointId, Option<ConnId>)> = self.popped.iter().map(|(k, v)| (*k, *v)).collect();
        for (id, conn) in popped {
            let title = format!("socklab — {}", self.model.name_of(id));
            let builder = egui::ViewportBuilder::default().with_title(title).with_inner_size([720.0, 560.0]);
            ctx.show_viewport_immediate(egui::ViewportId::from_hash_of(("endpoint-window", id)), builder, |ui, _| {
                CentralPanel::default().show(ui, |ui| {
                    self.endpoint_view(ui, Selection { endpoint: id, conn }, actions);
                });
                if ui.ctx().input(|i| i.viewport().close_requested()) {
                    actions.push(Action::PopIn(id));
                }
            });
        }
    }

    fn save_settings_if_changed(&mut self, ctx: &egui::Context) {
        self.settings.zoom = ctx.zoom_factor();
        if self.settings == self.saved_settings {
            return;
        }
        if let Some(path) = &self.options.settings_path {
            // Small file, rare writes (only on a change): fine on this thread.
            if self.settings.save(path).is_ok() {
                self.saved_settings = self.settings.clone();
            }
        } else {
            self.saved_settings = self.settings.clone();
        }
    }

    /// Opens an endpoint as if the user had filled in the form (tests, workspaces).
    pub fn open_endpoint(&mut self, ctx: &egui::Context, name: &str, spec: crate::net::EndpointSpec) -> EndpointId {
        self.apply(Action::Open { name: name.to_string(), spec });
        ctx.request_repaint();
        self.selection.map(|s| s.endpoint).unwrap_or_default()
    }
}

impl eframe::App for SocklabApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain(ctx);
        while let Some(result) = self.tasks.try_recv() {
            self.handle_task(result);
        }
        self.start_deferred();
        self.repeat_sends(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        self.shortcuts(&ctx);
        let title = format!("socklab — {}", self.workspace_title());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        Panel::top("menu").show(ui, |ui| self.menu(ui, &mut actions));
        if let Some((text, is_error)) = self.notice.clone() {
            Panel::top("notice").show(ui, |ui| {
                ui.horizontal(|ui| {
                    let color = if is_error { ui::style::error_color(ui) } else { ui.visuals().text_color() };
                    ui.label(RichText::new(if is_error { format!("⚠ {text}") } else { text }).color(color));
                    if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                        self.notice = None;
                    }
                });
            });
        }
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.settings.show_log {
            Panel::bottom("log").resizable(true).default_size(190.0).min_size(90.0).show(ui, |ui| {
                ui::event_log::show(ui, &self.model, &mut self.log_view);
            });
        }
        // Side panels take at most a share of the window: the conversation always keeps room.
        let width = ui.available_width();
        Panel::left("endpoints").resizable(true).default_size(300.0).min_size(200.0).max_size(width * 0.28).show(
            ui,
            |ui| {
                ui::endpoints::show(ui, &self.model, self.selection, &mut actions);
            },
        );
        let selected = self.selection.filter(|s| self.model.endpoints.contains_key(&s.endpoint));
        if let (Some(sel), true) = (selected, self.settings.show_inspector) {
            let max = (width * 0.34).max(240.0);
            Panel::right("inspector").resizable(true).default_size(380.0).min_size(240.0).max_size(max).show(
                ui,
                |ui| {
                    if let Some(ep) = self.model.endpoints.get(&sel.endpoint) {
                        ui::inspector::show(ui, ep, sel, &mut self.inspector, &mut actions);
                    }
                },
            );
        }
        CentralPanel::default().show(ui, |ui| match selected {
            Some(sel) => self.endpoint_view(ui, sel, &mut actions),
            None => welcome(ui, self.settings.last_workspace.as_deref(), &mut actions),
        });
        if let Some(form) = self.form.as_mut()
            && !ui::new_endpoint::show(&ctx, form, &mut actions)
        {
            self.form = None;
        }
        self.popped_windows(&ctx, &mut actions);
        self.prompts(&ctx);
        for a in actions {
            self.apply(a);
        }
        self.save_settings_if_changed(&ctx);
    }

    fn on_exit(&mut self) {
        if let Some(path) = &self.options.settings_path {
            let _ = self.settings.save(path);
        }
    }
}

fn welcome(ui: &mut egui::Ui, last: Option<&std::path::Path>, actions: &mut Vec<Action>) {
    ui.add_space(30.0);
    ui.vertical_centered(|ui| {
        ui.heading("Welcome to socklab");
        ui.add_space(8.0);
        ui.label("1. Start a server: the ▶ button on the left starts an echo server on 127.0.0.1:9999.");
        ui.label("2. Connect a client: \"+ TCP client\", host 127.0.0.1, port 9999.");
        ui.label("3. Type a message and press Enter: watch it arrive, and every step in the event log below.");
        ui.add_space(8.0);
        ui.label(RichText::new("Pop an endpoint out (↗) to chat between two windows side by side.").weak());
        if let Some(path) = last {
            ui.add_space(12.0);
            if ui.button(format!("Reopen the last workspace: {}", path.display())).clicked() {
                actions.push(Action::OpenWorkspace(path.to_path_buf()));
            }
        }
    });
}

/// Opens the desktop app, on a workspace file if one is given.
pub fn run(workspace: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("socklab")
            .with_app_id("socklab")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "socklab",
        options,
        Box::new(|cc| Ok(Box::new(SocklabApp::new(cc, AppOptions::persistent(workspace.clone()))))),
    )
}
