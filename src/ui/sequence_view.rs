//! The centre's "Sequence" tab: the selected connection as a ladder, this
//! socket's lane on the left, its peer's on the right, time flowing down.
//! Presenter controls freeze the drawing (events are still recorded), step
//! back and forward one event, replay the last seconds at 0.25×, 0.5× or
//! 1×, and go live again; "Export SVG…" writes what
//! the model holds. The diagram is rebuilt only when the model changed, and
//! only the rows in view are drawn (see sequence_rows.rs).

use std::time::Instant;

use egui::RichText;

use super::{Action, Selection, style};
use crate::model::sequence::{Diagram, Flow, FlowKey, Speed, Step, Timeline, text};
use crate::model::{EndpointState, Model};
use crate::t;

/// The tab's name, as the centre's tab strip shows it.
pub fn tab_sequence() -> String {
    format!("⇅ {}", t!("code-tab-sequence"))
}

pub fn pause() -> String {
    t!("sequence-pause")
}

pub fn live() -> String {
    format!("● {}", t!("sequence-live"))
}

pub fn step_back() -> String {
    format!("◀ {}", t!("sequence-step-back"))
}

pub fn step_forward() -> String {
    format!("{} ▶", t!("sequence-step-forward"))
}

pub fn replay() -> String {
    format!("⟲ {}", t!("sequence-replay"))
}

pub fn presenter() -> String {
    format!("⛶ {}", t!("sequence-presenter"))
}

pub fn pop_out() -> String {
    format!("{} ↗", t!("sequence-pop-out"))
}

pub fn export_svg() -> String {
    t!("sequence-export-svg")
}

pub fn no_connection() -> String {
    t!("sequence-no-connection")
}

/// How far back a replay starts.
pub const REPLAY_LAST: std::time::Duration = std::time::Duration::from_secs(10);

/// The shortest time between two rebuilds of the diagram.
const REBUILD_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// "9 arrows · 12 of 14 events": what is drawn, for the presenter (and tests).
pub fn drawn_line(arrows: usize, visible: usize, total: usize) -> String {
    t!("sequence-drawn", arrows = arrows, visible = visible, total = total)
}

/// The presenter's state and the diagram last built.
#[derive(Default)]
pub struct SequenceView {
    pub timeline: Timeline,
    /// The speed the next replay runs at (half by default: slow enough to follow).
    pub speed: Option<Speed>,
    /// The connection picked in the list (a server's), when none is selected.
    picked: Option<FlowKey>,
    cached: Option<Cached>,
}

struct Cached {
    key: FlowKey,
    revision: u64,
    built: Instant,
    diagram: Diagram,
    rows: super::sequence_rows::Rows,
}

impl SequenceView {
    /// The diagram of `key`, rebuilt when the model has new rows, at most
    /// every [`REBUILD_EVERY`] (a flood adds rows every frame); a different
    /// connection starts live.
    fn diagram(&mut self, model: &Model, key: &FlowKey, ctx: &egui::Context) -> Option<&Cached> {
        let revision = model.sequence.revision();
        let fresh = match self.cached.as_ref().filter(|c| &c.key == key) {
            Some(c) if c.revision == revision => true,
            Some(c) if c.built.elapsed() < REBUILD_EVERY => {
                ctx.request_repaint_after(REBUILD_EVERY.saturating_sub(c.built.elapsed()));
                true
            }
            _ => false,
        };
        if !fresh {
            if self.cached.as_ref().is_some_and(|c| &c.key != key) {
                self.timeline = Timeline::Live;
            }
            self.cached = model.sequence.diagram(key).map(|diagram| Cached {
                key: key.clone(),
                revision,
                built: Instant::now(),
                rows: super::sequence_rows::Rows::new(&diagram),
                diagram,
            });
        }
        self.cached.as_ref()
    }
}

/// `standalone`: drawn in the presenter layout or a window of its own, so
/// without the buttons that lead there.
pub fn show(
    ui: &mut egui::Ui,
    model: &Model,
    ep: &EndpointState,
    sel: Selection,
    view: &mut SequenceView,
    standalone: bool,
    actions: &mut Vec<Action>,
) {
    actions.push(Action::TcpShown(ep.id));
    let flows = model.sequence.flows_of(ep.id);
    let selected = sel.conn.map(|c| FlowKey::stream(ep.id, c)).filter(|k| flows.iter().any(|f| &f.key == k));
    let picked = view.picked.clone().filter(|k| flows.iter().any(|f| &f.key == k));
    let Some(key) = selected.clone().or(picked).or_else(|| flows.last().map(|f| f.key.clone())) else {
        ui.add(egui::Label::new(RichText::new(no_connection()).weak()).wrap());
        return;
    };
    let now = Instant::now();
    let mut timeline = view.timeline.clone();
    let speed = view.speed.unwrap_or(Speed::Half);
    let Some(cached) = view.diagram(model, &key, ui.ctx()) else { return };
    let steps = &cached.diagram.steps;
    let visible = timeline.visible(steps, now);
    let arrows = cached.diagram.visible_arrows(visible).count();
    let mut new_pick = None;
    let mut new_speed = None;
    style::toolbar(ui, |ui| {
        if selected.is_none() && flows.len() > 1 {
            new_pick = connection_picker(ui, &key, &flows);
        }
        new_speed = presenter_buttons(ui, &mut timeline, steps, speed, now);
        if !standalone && ui.button(presenter()).on_hover_text(t!("sequence-presenter.hint")).clicked() {
            actions.push(Action::Presenter(true));
        }
        if !standalone && ui.button(pop_out()).on_hover_text(t!("sequence-pop-out.hint")).clicked() {
            actions.push(Action::PopOutSequence(ep.id));
        }
        if ui.button(export_svg()).on_hover_text(t!("sequence-export-svg.hint")).clicked() {
            actions.push(Action::ExportLadder(ep.id));
        }
    });
    let mut status = drawn_line(arrows, visible, steps.len());
    match &timeline {
        Timeline::Paused { .. } => status = format!("{status} · {}", t!("sequence-paused")),
        Timeline::Replay { speed, .. } => {
            status = format!("{status} · {}", t!("sequence-replaying", speed = speed.label()));
        }
        Timeline::Live => {}
    }
    ui.add(egui::Label::new(RichText::new(status).small().weak()).wrap());
    let d = &cached.diagram;
    ui.add(egui::Label::new(RichText::new(text::title(d)).strong()).truncate());
    if d.dropped > 0 {
        ui.add(egui::Label::new(RichText::new(text::dropped_note(d.dropped)).weak()).wrap());
    }
    super::sequence_rows::show(ui, d, &cached.rows, visible, timeline.is_live());
    if let Some(c) = view.cached.as_ref() {
        // A replay that has drawn its last step stops there, paused.
        timeline.tick(&c.diagram.steps, now);
    }
    if matches!(timeline, Timeline::Replay { .. }) {
        ui.ctx().request_repaint();
    }
    view.timeline = timeline;
    view.speed = new_speed.or(view.speed);
    if new_pick.is_some() {
        view.picked = new_pick;
    }
}

/// The list of a server's connections; the one chosen, if it changed.
fn connection_picker(ui: &mut egui::Ui, key: &FlowKey, flows: &[&Flow]) -> Option<FlowKey> {
    let mut choice = key.clone();
    egui::ComboBox::from_label(t!("sequence-connection")).selected_text(flow_name(key)).show_ui(ui, |ui| {
        for f in flows {
            ui.selectable_value(&mut choice, f.key.clone(), flow_name(&f.key));
        }
    });
    (&choice != key).then_some(choice)
}

/// Pause, Live, Step back, Step forward, Replay and its speeds, applied to
/// `timeline`; returns the speed picked, if one was.
fn presenter_buttons(
    ui: &mut egui::Ui,
    timeline: &mut Timeline,
    steps: &[Step],
    speed: Speed,
    now: Instant,
) -> Option<Speed> {
    let visible = timeline.visible(steps, now);
    let live = timeline.is_live();
    if ui.add(egui::Button::selectable(!live, pause())).on_hover_text(t!("sequence-pause.hint")).clicked() && live {
        timeline.pause(steps, now);
    }
    if ui.add(egui::Button::selectable(live, self::live())).on_hover_text(t!("sequence-live.hint")).clicked() {
        timeline.resume();
    }
    if ui
        .add_enabled(visible > 0, egui::Button::new(step_back()))
        .on_hover_text(t!("sequence-step-back.hint"))
        .clicked()
    {
        timeline.step_back(steps, now);
    }
    let more = visible < steps.len();
    if ui.add_enabled(more, egui::Button::new(step_forward())).on_hover_text(t!("sequence-step-forward.hint")).clicked()
    {
        timeline.step_forward(steps, now);
    }
    if ui
        .add_enabled(!steps.is_empty(), egui::Button::new(replay()))
        .on_hover_text(t!("sequence-replay.hint"))
        .clicked()
    {
        // A diagram younger than the replay's reach starts at its first step, not in silence.
        let span = match (steps.first(), steps.last()) {
            (Some(a), Some(b)) => b.time.duration_since(a.time).unwrap_or_default(),
            _ => REPLAY_LAST,
        };
        timeline.replay(steps, REPLAY_LAST.min(span), speed, now);
    }
    let mut picked = None;
    for choice in Speed::ALL {
        if ui
            .add(egui::Button::selectable(speed == choice, choice.label()))
            .on_hover_text(t!("sequence-speed-hint"))
            .clicked()
        {
            picked = Some(choice);
        }
    }
    picked
}

/// "#3" for a server's connection, the peer's address for a datagram flow.
fn flow_name(key: &FlowKey) -> String {
    match &key.remote {
        Some(addr) => addr.to_string(),
        None => format!("#{}", key.conn),
    }
}
