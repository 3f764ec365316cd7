//! The conversation: each send and recv as a bubble (sent on the right,
//! received on the left), as text, hex or both; chunks as they arrived or
//! joined into lines. What the bubbles hold is kept by [`bubbles`]; this file
//! draws them, laying out only the visible ones, so thousands of messages
//! cost the frame nothing.

mod bubbles;

use egui::{Align, Layout, RichText, TextStyle, UiBuilder};

use super::{Action, Selection, style};
use crate::model::{Direction, EndpointState};
pub use bubbles::ViewMode;
use bubbles::{Bubble, BubbleCache, Shape, full_text};

#[derive(Clone, Debug)]
pub struct ConversationView {
    pub mode: ViewMode,
    /// true: one bubble per send()/recv(); false: joined into lines.
    pub chunks: bool,
    pub filter: String,
    jump_to_end: bool,
    cache: BubbleCache,
}

impl Default for ConversationView {
    fn default() -> Self {
        ConversationView {
            mode: ViewMode::Text,
            chunks: true,
            filter: String::new(),
            jump_to_end: false,
            cache: BubbleCache::default(),
        }
    }
}

/// Space around and between bubbles.
const PAD: f32 = 8.0;
const GAP: f32 = 6.0;

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
            RichText::new(format!(
                "{} older messages ({}) are no longer shown; the counters still include them. Record to a file to keep everything.",
                ep.conversation.dropped,
                style::bytes(ep.conversation.dropped_bytes)
            ))
            .small()
            .color(style::warn_color(ui)),
        );
    }
    ui.separator();
    let shape = Shape { mode: view.mode, chunks: view.chunks, filter: &view.filter, conn: sel.conn };
    view.cache.update(ep, shape);
    if view.cache.bubbles().is_empty() {
        ui.add_space(20.0);
        ui.label(RichText::new(empty_hint(ep)).weak());
        return;
    }
    scrolled_bubbles(ui, ep, sel, view);
}

fn toolbar(ui: &mut egui::Ui, ep: &EndpointState, view: &mut ConversationView, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("View:");
        ui.selectable_value(&mut view.mode, ViewMode::Text, "Text");
        ui.selectable_value(&mut view.mode, ViewMode::Hex, "Hex");
        ui.selectable_value(&mut view.mode, ViewMode::Both, "Both");
        ui.separator();
        ui.selectable_value(&mut view.chunks, true, "Each recv()")
            .on_hover_text("One bubble per send()/recv() call: TCP's stream boundaries as they really were");
        ui.selectable_value(&mut view.chunks, false, "Joined lines")
            .on_hover_text("Chunks from the same side joined until a newline");
        ui.separator();
        ui.add(egui::TextEdit::singleline(&mut view.filter).hint_text("🔍 search").desired_width(140.0));
        if !view.filter.is_empty() && ui.small_button("✖").on_hover_text("Clear the search").clicked() {
            view.filter.clear();
        }
        ui.menu_button("Export…", |ui| {
            ui.label(RichText::new("The messages this view keeps:").weak());
            for format in crate::model::ExportFormat::ALL {
                if ui.button(format.label()).clicked() {
                    actions.push(Action::Export { endpoint: ep.id, format });
                    ui.close();
                }
            }
        });
    });
}

/// The bubbles in a scroll area that follows new messages; only visible ones are drawn.
fn scrolled_bubbles(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection, view: &mut ConversationView) {
    let row_h = ui.text_style_height(&TextStyle::Monospace);
    let head_h = ui.text_style_height(&TextStyle::Small);
    let bubbles = view.cache.bubbles();
    let heights: Vec<f32> =
        bubbles.iter().map(|b| head_h + 4.0 + b.lines.len() as f32 * row_h + 2.0 * PAD + GAP).collect();
    let total: f32 = heights.iter().sum();
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]).stick_to_bottom(true);
    if std::mem::take(&mut view.jump_to_end) {
        scroll = scroll.vertical_scroll_offset(total);
    }
    let mut copy: Option<String> = None;
    // Measured outside the scroll area: inside, the width would follow last
    // frame's content and never shrink when the window does.
    let width = (ui.available_width() - ui.spacing().scroll.bar_width - 4.0).max(100.0);
    let output = scroll.show_viewport(ui, |ui, viewport| {
        ui.set_height(total);
        ui.set_max_width(width);
        let origin = ui.min_rect().min;
        let mut y = 0.0;
        for (b, h) in bubbles.iter().zip(&heights) {
            if y + h >= viewport.min.y && y <= viewport.max.y {
                let rect = egui::Rect::from_min_size(origin + egui::vec2(0.0, y), egui::vec2(width, h - GAP));
                ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
                    if bubble(ui, b, width) {
                        copy = Some(full_text(ep, b.seqs, sel.conn));
                    }
                });
            }
            y += h;
        }
    });
    if let Some(text) = copy {
        ui.ctx().copy_text(text);
    }
    let at_end = output.state.clamped_offset().y + output.inner_rect.height() >= output.content_size.y - 2.0;
    if !at_end {
        let pos = output.inner_rect.right_bottom() - egui::vec2(170.0, 40.0);
        egui::Area::new(ui.scope_id().with("jump")).fixed_pos(pos).order(egui::Order::Foreground).show(
            ui.ctx(),
            |ui| {
                if ui.button(RichText::new("⬇ Jump to latest").strong()).clicked() {
                    view.jump_to_end = true;
                }
            },
        );
    }
}

/// Draws one bubble; returns true when its Copy button was clicked.
fn bubble(ui: &mut egui::Ui, b: &Bubble, width: f32) -> bool {
    let dark = ui.visuals().dark_mode;
    let (fill, layout) = match (b.dir, dark) {
        (Direction::In, true) => (egui::Color32::from_rgb(48, 52, 60), Layout::left_to_right(Align::Min)),
        (Direction::In, false) => (egui::Color32::from_rgb(232, 234, 238), Layout::left_to_right(Align::Min)),
        (Direction::Out, true) => (egui::Color32::from_rgb(28, 70, 120), Layout::right_to_left(Align::Min)),
        (Direction::Out, false) => (egui::Color32::from_rgb(205, 225, 250), Layout::right_to_left(Align::Min)),
    };
    let mut copied = false;
    ui.with_layout(layout, |ui| {
        egui::Frame::new().fill(fill).corner_radius(8.0).inner_margin(PAD).show(ui, |ui| {
            ui.set_max_width(width * 0.8);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                ui.horizontal(|ui| {
                    if ui.small_button("Copy").on_hover_text("Copy the whole message").clicked() {
                        copied = true;
                    }
                    ui.add(egui::Label::new(RichText::new(&b.header).small().weak()).truncate());
                });
                ui.add_space(4.0);
                for line in &b.lines {
                    ui.add(egui::Label::new(RichText::new(line).monospace()).wrap_mode(egui::TextWrapMode::Truncate));
                }
            });
        });
    });
    copied
}

fn empty_hint(ep: &EndpointState) -> String {
    match (ep.is_server(), ep.spec.kind.is_datagram()) {
        (true, _) => format!(
            "No messages yet. Connect a client to {} (the \"+ TCP client\" button, or `socklab connect tcp ADDRESS`), then type below.",
            ep.local.as_ref().map(|a| a.to_string()).unwrap_or_else(|| ep.spec.address.clone())
        ),
        (false, true) => "No datagrams yet. Send one below, or send to this socket's address from another.".into(),
        (false, false) => "No messages yet. Type below and press Enter to send.".into(),
    }
}
