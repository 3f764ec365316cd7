//! Wires the engine, the model and the panels. The UI thread never touches a
//! socket: it sends commands and draws what events have put in the model.
//! Panels, menus, shortcuts and questions push [`Action`]s; `apply` (in
//! apply.rs) is the one place they change anything.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::i18n::Lang;
use crate::model::Model;
use crate::net::{Command, ConnId, EndpointId, EndpointSpec, Engine, Event, EventKind, Events, NetError};
use crate::settings::{self, Settings};
use crate::ui::composer::Composer;
use crate::ui::conversation::ConversationView;
use crate::ui::event_log::LogView;
use crate::ui::file_picker::FilePicker;
use crate::ui::inspector::InspectorView;
use crate::ui::new_endpoint::Form;
use crate::ui::{self, Action, Selection};

mod apply;
mod dialogs;
mod document;
mod exposure;
mod folder;
mod frame;
mod labs;
mod ladder_export;
mod lesson;
mod menus;
mod picker;
mod presenter;
mod prompts;
mod sequence_windows;
mod settings_sync;
mod tasks;
mod tcp_watch;
mod workspace_ops;

pub use dialogs::{Answer, Dialogs, NativeDialogs, NoDialog};
pub use document::Document;
use exposure::HeldStart;
pub use frame::try_again;
pub use labs::LabEntry;
pub use presenter::leave as presenter_leave;
use settings_sync::SettingsSync;
pub use tasks::TaskResult;
use tasks::Tasks;
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
    /// The language to start in; None: the one picked in the settings, else the system's.
    pub language: Option<Lang>,
    /// A lab to open at start (its workspace with it).
    pub lab: Option<PathBuf>,
}

impl AppOptions {
    pub fn persistent(workspace: Option<PathBuf>) -> AppOptions {
        AppOptions { settings_path: settings::default_path(), dialogs: None, workspace, language: None, lab: None }
    }
}

/// What the last frames cost, for the status bar and the benchmarks.
#[derive(Clone, Copy, Debug, Default)]
pub struct FrameStats {
    pub events_last_frame: usize,
    pub drain_time: Duration,
    pub backlog: usize,
}

/// A message shown in the banner under the menu until dismissed.
#[derive(Clone, Debug)]
pub struct Notice {
    text: NoticeText,
    pub is_error: bool,
}

impl Notice {
    /// The text in the language of the moment: a switch repaints the banner.
    pub fn text(&self) -> String {
        match &self.text {
            NoticeText::Message(m) => m.text(),
            NoticeText::Error(e) => e.to_string(),
        }
    }
}

/// What a notice says, kept so that it is formatted when shown.
#[derive(Clone, Debug)]
pub enum NoticeText {
    Message(crate::i18n::Message),
    /// An error whose `Display` formats from the catalogs (a workspace's or a lab's).
    Error(std::sync::Arc<dyn std::error::Error + Send + Sync>),
}

impl From<crate::i18n::Message> for NoticeText {
    fn from(m: crate::i18n::Message) -> NoticeText {
        NoticeText::Message(m)
    }
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
    /// The bottom dock's tab and whether it is open.
    dock: ui::dock::DockState,
    /// Endpoints in their own window, with that window's connection choice.
    popped: BTreeMap<EndpointId, Option<ConnId>>,
    pub settings: Settings,
    /// Where settings are saved; None in tests, or when the file could not be moved aside.
    settings_path: Option<PathBuf>,
    settings_sync: SettingsSync,
    pub stats: FrameStats,
    tasks: Tasks,
    ctx: egui::Context,
    document: Document,
    /// A question about unsaved changes, waiting for its answer.
    pending: Option<Pending>,
    /// An opened workspace's auto-start endpoints, waiting for the answer about exposure.
    held: Option<HeldStart>,
    /// The outcome of the last file operation.
    notice: Option<Notice>,
    /// The centre shows the workspace's lesson (when it has one).
    show_lesson: bool,
    /// socklab's own file picker, when no desktop dialog could be shown.
    picker: Option<FilePicker>,
    allow_close: bool,
    title: String,
    /// Workspace clients waiting for its servers to listen.
    deferred: Vec<(EndpointId, EndpointSpec)>,
    /// The centre's tab for the selected endpoint: conversation, code or sequence.
    centre_tab: ui::code::CentreTab,
    code_view: ui::code::CodeView,
    /// The lab being followed, fed every event drained.
    lab: Option<crate::lab::LabRun>,
    /// The shipped labs, once a task has looked for them.
    labs_found: Option<Vec<LabEntry>>,
    /// Which endpoints the engine watches the kernel's TCP state of.
    tcp_watch: tcp_watch::TcpWatch,
    /// The sequence tab's presenter state and cached diagram.
    sequence_view: ui::sequence_view::SequenceView,
    /// Only the TCP state, the sequence diagram and the conversation are shown.
    presenter: bool,
    /// Sequence diagrams in their own windows.
    sequence_windows: sequence_windows::SequenceWindows,
}

impl SocklabApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> SocklabApp {
        let ctx = cc.egui_ctx.clone();
        ui::fonts::install(&ctx);
        ui::style::apply(&ctx);
        let loaded = options.settings_path.as_deref().map(Settings::load);
        let (settings, warning, can_save) = match loaded {
            Some(l) => (l.settings, l.warning, l.can_save),
            None => (Settings::default(), None, true),
        };
        ctx.set_theme(if settings.dark { egui::Theme::Dark } else { egui::Theme::Light });
        crate::i18n::set_language(options.language.unwrap_or_else(|| settings.language()));
        ctx.set_zoom_factor(settings.zoom.clamp(0.5, 3.0));
        let (engine, events) = Engine::new(Arc::new(Repaint(ctx.clone())));
        let dialogs = options.dialogs.clone().unwrap_or_else(|| Arc::new(NativeDialogs));
        let tasks = Tasks::new(dialogs, ctx.clone());
        if let Some(path) = options.workspace.clone() {
            tasks.open_workspace(Some(path));
        }
        if let Some(path) = options.lab.clone() {
            tasks.open_lab(path);
        }
        tasks.find_labs();
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
            dock: ui::dock::DockState::default(),
            popped: BTreeMap::new(),
            settings_sync: SettingsSync::new(settings.clone()),
            settings,
            settings_path: options.settings_path.filter(|_| can_save),
            stats: FrameStats::default(),
            tasks,
            ctx,
            document: Document::default(),
            pending: None,
            held: None,
            notice: warning.map(|text| Notice { text: text.into(), is_error: true }),
            show_lesson: false,
            picker: None,
            allow_close: false,
            title: String::new(),
            deferred: Vec::new(),
            centre_tab: ui::code::CentreTab::default(),
            code_view: ui::code::CodeView::default(),
            lab: None,
            labs_found: None,
            tcp_watch: tcp_watch::TcpWatch::default(),
            sequence_view: ui::sequence_view::SequenceView::default(),
            presenter: false,
            sequence_windows: Default::default(),
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
                if let Some(run) = self.lab.as_mut() {
                    run.observe(&ev);
                }
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

    /// Does what a button's `Action::Engine` does (tests).
    pub fn engine_command(&mut self, cmd: Command) {
        self.send(cmd);
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

    fn set_notice(&mut self, text: impl Into<NoticeText>, is_error: bool) {
        self.notice = Some(Notice { text: text.into(), is_error });
    }

    /// The banner's current message, if any (for tests).
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Saves the settings on a background task when they changed (and a failed save only after the next change).
    fn save_settings_if_changed(&mut self, ctx: &egui::Context) {
        self.settings.zoom = ctx.zoom_factor();
        let Some(path) = &self.settings_path else { return };
        if let Some((generation, settings)) = self.settings_sync.due(&self.settings) {
            self.tasks.save_settings(path.clone(), settings, generation);
        }
    }

    /// Opens an endpoint as if the user had filled in the form (tests, workspaces).
    pub fn open_endpoint(&mut self, ctx: &egui::Context, name: &str, spec: EndpointSpec) -> EndpointId {
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
        menus::shortcuts(&ctx, &mut actions);
        let title = format!("socklab — {}", self.document.title());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.panels(ui, &mut actions);
        self.popped_windows(&ctx, &mut actions);
        self.sequence_windows(&ctx, &mut actions);
        self.prompts(&ctx, &mut actions);
        for a in actions {
            self.apply(a);
        }
        self.sync_tcp_watch();
        self.save_settings_if_changed(&ctx);
    }

    fn on_exit(&mut self) {
        if let Some(path) = &self.settings_path
            && self.settings_sync.unsaved(&self.settings)
            && let Err(e) = self.tasks.save_settings_now(path, &self.settings)
        {
            // The window is gone: the terminal is the only place left to say it.
            eprintln!("socklab: {}", e.text());
        }
    }
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
