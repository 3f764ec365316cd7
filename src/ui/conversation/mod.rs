//! The conversation: each send and recv as a bubble (sent on the right,
//! received on the left), as text, hex or both; chunks as they arrived or
//! joined into lines. What the bubbles hold is kept by [`bubbles`]; this file
//! draws them, laying out only the visible ones, so thousands of messages
//! cost the frame nothing.

mod body;
mod bubbles;
mod framed;

use std::collections::{HashMap, HashSet};

use egui::{Align, Layout, RichText, TextStyle, UiBuilder};

use super::{Action, Selection, style};
use crate::model::{Direction, EndpointState};
use crate::t;
use body::body_galley;
pub use bubbles::ViewMode;
use bubbles::{Bubble, BubbleCache, BubbleStyle, Shape, full_text, hexdump_chars};
use framed::FramedCache;

fn frame_counts_text(frames: u64, errors: u64, resyncs: u64, skipped: u64) -> String {
    t!(
        "conversation-frame-counts",
        frames = frames,
        errors = errors,
        resyncs = resyncs,
        skipped = style::bytes(skipped)
    )
}

#[derive(Clone, Debug)]
pub struct ConversationView {
    pub mode: ViewMode,
    /// true: one bubble per send()/recv(); false: joined into lines.
    pub chunks: bool,
    pub filter: String,
    /// true: the framed messages ("Messages"), whatever `chunks` says.
    pub framed: bool,
    /// The Messages view checks each frame's trailing checksum against this.
    pub check: Option<crate::net::checksum::Checksum>,
    jump_to_end: bool,
    /// Last frame's scroll position was at the newest message.
    at_end: bool,
    cache: BubbleCache,
    framed_cache: FramedCache,
    heights: Heights,
    /// Bubbles opened with "show all" (by their first message).
    expanded: HashSet<u64>,
}

impl Default for ConversationView {
    fn default() -> Self {
        ConversationView {
            mode: ViewMode::Text,
            chunks: true,
            filter: String::new(),
            framed: false,
            check: None,
            jump_to_end: false,
            at_end: true,
            cache: BubbleCache::default(),
            framed_cache: FramedCache::default(),
            heights: Heights::default(),
            expanded: HashSet::new(),
        }
    }
}

/// Bubble heights measured when drawn, for one width; others are estimated
/// from their lines, so a flood costs no text layout for bubbles out of view.
#[derive(Clone, Debug, Default)]
struct Heights {
    width: f32,
    /// Measured in the Messages view (its bubbles are numbered apart).
    framed: bool,
    measured: HashMap<u64, f32>,
}

/// Space around and between bubbles.
const PAD: f32 = 8.0;
const GAP: f32 = 6.0;
/// Share of the width a bubble may take.
const BUBBLE_SHARE: f32 = 0.85;
/// Rows a long message shows until "show all" is clicked.
pub const FOLD_ROWS: usize = 12;

/// How wide the text of a bubble may be, and how many monospace characters fit.
struct Metrics {
    text_width: f32,
    columns: usize,
    row_h: f32,
    head_h: f32,
    button_h: f32,
}

impl Metrics {
    fn new(ui: &egui::Ui, width: f32) -> Metrics {
        let font = TextStyle::Monospace.resolve(ui.style());
        let char_w = ui.fonts_mut(|f| f.glyph_width(&font, '0')).max(1.0);
        let text_width = (width * BUBBLE_SHARE - 2.0 * PAD).max(60.0);
        Metrics {
            text_width,
            columns: ((text_width / char_w) as usize).max(8),
            row_h: ui.text_style_height(&TextStyle::Monospace),
            head_h: ui.spacing().interact_size.y.max(ui.text_style_height(&TextStyle::Small)),
            button_h: ui.spacing().interact_size.y,
        }
    }

    /// The widest hexdump row that fits.
    fn hex_row(&self) -> usize {
        [16, 8, 4].into_iter().find(|&w| hexdump_chars(w) <= self.columns).unwrap_or(4)
    }

    /// A bubble's height before it is drawn: its lines wrapped at `columns`.
    fn estimate(&self, b: &Bubble, expanded: bool) -> f32 {
        let rows: usize = b.lines.iter().map(|l| l.chars().count().div_ceil(self.columns).max(1)).sum();
        let (rows, folded) = if expanded { (rows, rows > FOLD_ROWS) } else { (rows.min(FOLD_ROWS), rows > FOLD_ROWS) };
        let button = if folded { self.button_h } else { 0.0 };
        self.head_h + 4.0 + rows as f32 * self.row_h + button + 2.0 * PAD + GAP
    }
}

impl ConversationView {
    fn bubbles(&self) -> &std::collections::VecDeque<Bubble> {
        if self.framed { self.framed_cache.bubbles() } else { self.cache.bubbles() }
    }
}

/// Frame errors and resyncs, counted whatever the view still keeps.
fn frame_counts(ui: &mut egui::Ui, ep: &EndpointState) {
    let f = &ep.framed;
    if f.errors == 0 && f.resyncs == 0 {
        return;
    }
    let text = frame_counts_text(f.frames, f.errors, f.resyncs, f.skipped_bytes);
    ui.add(egui::Label::new(RichText::new(text).small().color(style::warn_color(ui))).wrap());
}

/// Draws the toolbar and the bubbles for the selected endpoint (and connection).
pub fn show(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    sel: Selection,
    view: &mut ConversationView,
    actions: &mut Vec<Action>,
) {
    toolbar(ui, ep, view, actions);
    if ep.conversation.dropped > 0 {
        ui.label(
            RichText::new(t!(
                "conversation-dropped",
                count = ep.conversation.dropped,
                size = style::bytes(ep.conversation.dropped_bytes)
            ))
            .small()
            .color(style::warn_color(ui)),
        );
    }
    ui.separator();
    // Measured outside the scroll area: inside, the width would follow last
    // frame's content and never shrink when the window does.
    let width = (ui.available_width() - ui.spacing().scroll.bar_width - 4.0).max(100.0);
    let metrics = Metrics::new(ui, width);
    let shape = Shape {
        mode: view.mode,
        chunks: view.chunks,
        filter: &view.filter,
        conn: sel.conn,
        hex_row: metrics.hex_row(),
        encoding: ep.spec.encoding,
    };
    if view.framed {
        view.framed_cache.update(ep, shape, view.check);
        frame_counts(ui, ep);
    } else {
        view.cache.update(ep, shape);
    }
    // Sends alone, with nothing framed yet, would read as a one-sided talk.
    let nothing_framed = view.framed && ep.framed.frames == 0 && ep.framed.errors == 0;
    if view.bubbles().is_empty() || nothing_framed {
        ui.add_space(20.0);
        let hint = if view.framed { framed::empty_hint(ep) } else { empty_hint(ep) };
        ui.add(egui::Label::new(RichText::new(hint).weak()).wrap());
        return;
    }
    scrolled_bubbles(ui, ep, sel, view, &metrics, width);
}

fn toolbar(ui: &mut egui::Ui, ep: &EndpointState, view: &mut ConversationView, actions: &mut Vec<Action>) {
    style::toolbar(ui, |ui| {
        ui.label(t!("conversation-view"));
        ui.selectable_value(&mut view.mode, ViewMode::Text, t!("conversation-text"));
        ui.selectable_value(&mut view.mode, ViewMode::Hex, t!("conversation-hex"));
        ui.selectable_value(&mut view.mode, ViewMode::Both, t!("conversation-both"));
        ui.separator();
        let each = !view.framed && view.chunks;
        if ui
            .selectable_label(each, t!("conversation-each-recv"))
            .on_hover_text(t!("conversation-each-recv.hint"))
            .clicked()
        {
            (view.chunks, view.framed) = (true, false);
        }
        let joined = !view.framed && !view.chunks;
        if ui
            .selectable_label(joined, t!("conversation-joined"))
            .on_hover_text(t!("conversation-joined.hint"))
            .clicked()
        {
            (view.chunks, view.framed) = (false, false);
        }
        // A datagram is already one message.
        if !ep.spec.kind.is_datagram()
            && ui
                .selectable_label(view.framed, t!("conversation-messages"))
                .on_hover_text(t!("conversation-messages.hint"))
                .clicked()
        {
            view.framed = true;
        }
        if view.framed {
            check_picker(ui, ep, view);
        }
        ui.separator();
        ui.add(
            egui::TextEdit::singleline(&mut view.filter)
                .hint_text(format!("🔍 {}", t!("conversation-search")))
                .desired_width(120.0),
        );
        if !view.filter.is_empty() && ui.small_button("✖").on_hover_text(t!("conversation-clear-search")).clicked() {
            view.filter.clear();
        }
        ui.menu_button(t!("conversation-export"), |ui| {
            ui.label(RichText::new(t!("conversation-export-what")).weak());
            for format in crate::model::ExportFormat::ALL {
                if ui.button(export_name(format)).clicked() {
                    actions.push(Action::Export { endpoint: ep.id, format });
                    ui.close();
                }
            }
        });
        if !view.at_end && ui.button(RichText::new(format!("⬇ {}", t!("conversation-jump"))).strong()).clicked() {
            view.jump_to_end = true;
        }
    });
}

/// The trailing checksum the Messages view checks each frame against, or none.
fn check_picker(ui: &mut egui::Ui, ep: &EndpointState, view: &mut ConversationView) {
    // Label and box together, so a narrow toolbar wraps them as one.
    ui.horizontal(|ui| {
        let words = [t!("conversation-check"), t!("conversation-check-none"), t!("conversation-check.hint")];
        style::checksum_combo(ui, ("conversation-check", ep.id), &mut view.check, words);
    });
}

/// The bubbles in a scroll area that follows new messages; only visible ones are drawn.
fn scrolled_bubbles(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    sel: Selection,
    view: &mut ConversationView,
    metrics: &Metrics,
    width: f32,
) {
    if view.heights.width != width || view.heights.framed != view.framed {
        view.heights = Heights { width, framed: view.framed, measured: HashMap::new() };
    }
    let bubbles = if view.framed { view.framed_cache.bubbles() } else { view.cache.bubbles() };
    if view.heights.measured.len() > 2 * bubbles.len() + 64 {
        let first = bubbles.front().map_or(0, |b| b.seqs.0);
        view.heights.measured.retain(|&seq, _| seq >= first);
    }
    let heights: Vec<f32> = bubbles
        .iter()
        .map(|b| match view.heights.measured.get(&b.seqs.0) {
            Some(&h) => h,
            None => metrics.estimate(b, view.expanded.contains(&b.seqs.0)),
        })
        .collect();
    let total: f32 = heights.iter().sum();
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]).stick_to_bottom(true);
    if std::mem::take(&mut view.jump_to_end) {
        scroll = scroll.vertical_scroll_offset(total);
    }
    let mut copy: Option<String> = None;
    let mut toggled: Option<u64> = None;
    let mut measured: Vec<(u64, f32)> = Vec::new();
    let output = scroll.show_viewport(ui, |ui, viewport| {
        ui.set_height(total);
        ui.set_max_width(width);
        let origin = ui.min_rect().min;
        let mut y = 0.0;
        for (b, h) in bubbles.iter().zip(&heights) {
            if y + h >= viewport.min.y && y <= viewport.max.y {
                let rect = egui::Rect::from_min_size(origin + egui::vec2(0.0, y), egui::vec2(width, h - GAP));
                let expanded = view.expanded.contains(&b.seqs.0);
                let drawn = ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
                    bubble(ui, b, width, metrics.text_width, expanded)
                });
                let done = drawn.inner;
                if done.copy {
                    copy = Some(if view.framed {
                        framed::full_text(ep, b.seqs.0)
                    } else {
                        full_text(ep, b.seqs, sel.conn)
                    });
                }
                if done.toggle {
                    toggled = Some(b.seqs.0);
                }
                measured.push((b.seqs.0, drawn.response.rect.height() + GAP));
            }
            y += h;
        }
    });
    for (seq, h) in measured {
        if view.heights.measured.insert(seq, h).is_none_or(|old| (old - h).abs() > 0.5) {
            ui.ctx().request_repaint();
        }
    }
    if let Some(seq) = toggled {
        if !view.expanded.remove(&seq) {
            view.expanded.insert(seq);
        }
        view.heights.measured.remove(&seq);
    }
    if let Some(text) = copy {
        ui.ctx().copy_text(text);
    }
    view.at_end = output.state.clamped_offset().y + output.inner_rect.height() >= output.content_size.y - 2.0;
}

/// What was clicked in a bubble.
#[derive(Default)]
struct BubbleClicks {
    copy: bool,
    toggle: bool,
}

/// Draws one bubble: its header with Copy, its whole text wrapped, and "show all" when folded.
fn bubble(ui: &mut egui::Ui, b: &Bubble, width: f32, text_width: f32, expanded: bool) -> BubbleClicks {
    let dark = ui.visuals().dark_mode;
    let (fill, layout) = match (b.dir, dark) {
        _ if b.style == BubbleStyle::Note => {
            let warn = style::warn_color(ui).gamma_multiply(0.25);
            (warn, Layout::left_to_right(Align::Min))
        }
        (Direction::In, true) => (egui::Color32::from_rgb(48, 52, 60), Layout::left_to_right(Align::Min)),
        (Direction::In, false) => (egui::Color32::from_rgb(232, 234, 238), Layout::left_to_right(Align::Min)),
        (Direction::Out, true) => (egui::Color32::from_rgb(28, 70, 120), Layout::right_to_left(Align::Min)),
        (Direction::Out, false) => (egui::Color32::from_rgb(205, 225, 250), Layout::right_to_left(Align::Min)),
    };
    let mut clicks = BubbleClicks::default();
    ui.with_layout(layout, |ui| {
        egui::Frame::new().fill(fill).corner_radius(8.0).inner_margin(PAD).show(ui, |ui| {
            ui.set_max_width(width * BUBBLE_SHARE);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                ui.horizontal(|ui| {
                    if ui.small_button(t!("conversation-copy")).on_hover_text(t!("conversation-copy.hint")).clicked() {
                        clicks.copy = true;
                    }
                    ui.add(egui::Label::new(RichText::new(&b.header).small().weak()).truncate());
                });
                ui.add_space(4.0);
                let galley = body_galley(ui, b, text_width, expanded);
                let folded = galley.elided;
                ui.add(egui::Label::new(galley).show_tooltip_when_elided(false));
                if folded || expanded {
                    let rows: usize = b.lines.len();
                    let label = if expanded {
                        format!("▴ {}", t!("conversation-show-less"))
                    } else {
                        format!("▾ {}", t!("conversation-show-all", rows = rows))
                    };
                    if ui.small_button(label).clicked() {
                        clicks.toggle = true;
                    }
                }
            });
        });
    });
    clicks
}

/// An export format's name in the Export menu.
fn export_name(format: crate::model::ExportFormat) -> String {
    match format {
        crate::model::ExportFormat::Text => t!("conversation-export-text"),
        crate::model::ExportFormat::Csv => t!("conversation-export-csv"),
        crate::model::ExportFormat::JsonLines => t!("conversation-export-json-lines"),
    }
}

fn empty_hint(ep: &EndpointState) -> String {
    if ep.status == crate::model::Status::Error {
        return t!("conversation-empty-error");
    }
    match (ep.is_server(), ep.spec.kind.is_datagram()) {
        (true, _) => {
            let address = ep.local.as_ref().map(|a| a.to_string()).unwrap_or_else(|| ep.spec.address.clone());
            t!("conversation-empty-server", address = address)
        }
        (false, true) => t!("conversation-empty-datagram"),
        (false, false) => t!("conversation-empty-client"),
    }
}
