//! The conversation: each send and recv as a bubble (sent on the right,
//! received on the left), as text, hex or both; chunks as they arrived or
//! joined into lines. Only the visible bubbles are laid out, so thousands of
//! messages cost the frame nothing.

use egui::{Align, Layout, RichText, TextStyle, UiBuilder};

use super::{Selection, style};
use crate::model::{Direction, EndpointState, Message};
use crate::net::{Addr, ConnId, hex_string};

/// Lines a bubble shows before it says how much more there is.
const MAX_BUBBLE_LINES: usize = 12;
/// Characters a line shows before it is cut.
const MAX_LINE_CHARS: usize = 160;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewMode {
    Text,
    Hex,
    Both,
}

#[derive(Clone, Debug)]
pub struct ConversationView {
    pub mode: ViewMode,
    /// true: one bubble per send()/recv(); false: joined into lines.
    pub chunks: bool,
    pub filter: String,
    jump_to_end: bool,
    cache: Option<Cache>,
}

impl Default for ConversationView {
    fn default() -> Self {
        ConversationView { mode: ViewMode::Text, chunks: true, filter: String::new(), jump_to_end: false, cache: None }
    }
}

/// A bubble ready to draw: its lines are fixed, so its height is known.
#[derive(Clone, Debug)]
struct Bubble {
    dir: Direction,
    header: String,
    lines: Vec<String>,
    /// The first and last message it shows, to rebuild its text on Copy.
    seqs: (u64, u64),
}

#[derive(Clone, Debug)]
struct Cache {
    key: (ViewMode, bool, String, Option<ConnId>),
    /// The conversation's revision the bubbles are up to.
    revision: u64,
    /// Joined lines: where the last group starts while it may still take the
    /// next chunk (its line has not ended), shown or filtered out.
    open_from: Option<u64>,
    bubbles: std::collections::VecDeque<Bubble>,
}

fn visible_text(bytes: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(bytes).ok()?;
    Some(s.replace('\r', "\\r").replace('\t', "\\t"))
}

/// A classic hexdump row: offset, 16 bytes, and their printable characters.
fn hexdump_row(i: usize, row: &[u8]) -> String {
    let ascii: String = row.iter().map(|&b| if (0x20..0x7f).contains(&b) { b as char } else { '.' }).collect();
    format!("{:06x}  {:<47}  |{ascii}|", i * 16, hex_string(row))
}

fn clip(l: &str) -> String {
    if l.len() > MAX_LINE_CHARS && l.chars().count() > MAX_LINE_CHARS {
        l.chars().take(MAX_LINE_CHARS).collect::<String>() + "…"
    } else {
        l.to_string()
    }
}

/// The lines a bubble shows: only the first MAX_BUBBLE_LINES are formatted, the rest counted.
fn body_lines(data: &[u8], mode: ViewMode) -> Vec<String> {
    if data.is_empty() {
        return vec!["(empty)".into()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut total = 0usize;
    let hex = |lines: &mut Vec<String>, total: &mut usize| {
        let room = MAX_BUBBLE_LINES.saturating_sub(lines.len());
        lines.extend(data.chunks(16).take(room).enumerate().map(|(i, r)| hexdump_row(i, r)));
        *total += data.len().div_ceil(16);
    };
    let text = |lines: &mut Vec<String>, total: &mut usize| match std::str::from_utf8(data) {
        Ok(s) => {
            let s = s.strip_suffix('\n').unwrap_or(s);
            let room = MAX_BUBBLE_LINES.saturating_sub(lines.len());
            for l in s.split('\n').take(room) {
                lines.push(clip(&l.replace('\r', "\\r").replace('\t', "\\t")));
            }
            *total += s.bytes().filter(|&b| b == b'\n').count() + 1;
        }
        Err(_) => {
            if lines.len() < MAX_BUBBLE_LINES {
                lines.push("(not UTF-8: shown as hex)".to_string());
            }
            *total += 1;
            hex(lines, total);
        }
    };
    match mode {
        ViewMode::Text => text(&mut lines, &mut total),
        ViewMode::Hex => hex(&mut lines, &mut total),
        ViewMode::Both => {
            text(&mut lines, &mut total);
            hex(&mut lines, &mut total);
        }
    }
    if total > MAX_BUBBLE_LINES {
        lines.push(format!("… {} more lines (Copy takes them all)", total - MAX_BUBBLE_LINES));
    }
    lines
}

fn header(m: &Message, bytes: usize, parts: usize, server: bool) -> String {
    let arrow = if m.dir == Direction::In { "⬅ recv" } else { "send ➡" };
    let peer = match (&m.peer, m.dir) {
        (Some(Addr::Unnamed) | None, _) => String::new(),
        (Some(p), Direction::In) => format!(" from {p}"),
        (Some(p), Direction::Out) => format!(" to {p}"),
    };
    let conn = if server { format!(" #{}", m.conn) } else { String::new() };
    let parts = if parts > 1 { format!(" · {parts} chunks") } else { String::new() };
    format!("{}  {arrow}{conn}{peer} · {bytes} bytes{parts}", style::clock(m.time))
}

/// The whole text of the messages a bubble shows, for Copy.
fn full_text(ep: &EndpointState, seqs: (u64, u64), conn: Option<ConnId>) -> String {
    let mut data = Vec::new();
    for m in ep.conversation.since(seqs.0).take_while(|m| m.seq <= seqs.1).filter(|m| conn.is_none_or(|c| m.conn == c))
    {
        data.extend_from_slice(&m.data);
    }
    match std::str::from_utf8(&data) {
        Ok(s) => s.to_string(),
        Err(_) => hex_string(&data),
    }
}

/// Bubbles for the messages from seq `from` on, and where the last group starts if it is still open.
fn build(ep: &EndpointState, view: &ConversationView, conn: Option<ConnId>, from: u64) -> (Vec<Bubble>, Option<u64>) {
    use std::borrow::Cow;
    let server = ep.is_server();
    let mut groups: Vec<(&Message, Cow<'_, [u8]>, usize, u64)> = Vec::new();
    for m in ep.conversation.since(from).filter(|m| conn.is_none_or(|c| m.conn == c)) {
        if !view.chunks {
            // Join a chunk to the previous one from the same side until a line ends.
            if let Some((first, data, parts, last)) = groups.last_mut()
                && first.dir == m.dir
                && first.conn == m.conn
                && data.last() != Some(&b'\n')
            {
                data.to_mut().extend_from_slice(&m.data);
                *parts += 1;
                *last = m.seq;
                continue;
            }
        }
        groups.push((m, Cow::Borrowed(&m.data[..]), 1, m.seq));
    }
    let open_from = match groups.last() {
        Some((first, data, ..)) if !view.chunks && data.last() != Some(&b'\n') => Some(first.seq),
        _ => None,
    };
    let needle = view.filter.to_lowercase();
    let bubbles = groups
        .into_iter()
        .filter_map(|(m, data, parts, last)| {
            if !needle.is_empty() {
                let full = match visible_text(&data) {
                    Some(_) => String::from_utf8_lossy(&data).to_string(),
                    None => hex_string(&data),
                };
                if !full.to_lowercase().contains(&needle) && !hex_string(&data).contains(&needle) {
                    return None;
                }
            }
            Some(Bubble {
                dir: m.dir,
                header: header(m, data.len(), parts, server),
                lines: body_lines(&data, view.mode),
                seqs: (m.seq, last),
            })
        })
        .collect();
    (bubbles, open_from)
}

/// Brings the cache up to the conversation: new messages appended, dropped ones removed.
fn update(cache: &mut Option<Cache>, ep: &EndpointState, view: &ConversationView, conn: Option<ConnId>) {
    let key = (view.mode, view.chunks, view.filter.clone(), conn);
    let revision = ep.conversation.revision();
    let c = match cache {
        Some(c) if c.key == key => c,
        _ => cache.insert(Cache { key, revision: 0, open_from: None, bubbles: Default::default() }),
    };
    if c.revision == revision {
        return;
    }
    // Bubbles whose first message fell out of the history go (a joined group
    // that lost its start goes whole, a little earlier than a rebuild would).
    let first_kept = ep.conversation.iter().next().map(|m| m.seq).unwrap_or(revision);
    while c.bubbles.front().is_some_and(|b| b.seqs.0 < first_kept) {
        c.bubbles.pop_front();
    }
    // An open group is built again with the chunks that joined it.
    let mut from = c.revision.max(first_kept);
    if let Some(open) = c.open_from.take() {
        from = open.max(first_kept);
        if c.bubbles.back().is_some_and(|b| b.seqs.0 == open) {
            c.bubbles.pop_back();
        }
    }
    let (bubbles, open_from) = build(ep, view, conn, from);
    c.bubbles.extend(bubbles);
    c.open_from = open_from;
    c.revision = revision;
}

/// Draws the toolbar and the bubbles for the selected endpoint (and connection).
pub fn show(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    sel: Selection,
    view: &mut ConversationView,
    actions: &mut Vec<super::Action>,
) {
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
                    actions.push(super::Action::Export { endpoint: ep.id, format });
                    ui.close();
                }
            }
        });
    });
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

    let mut cache = view.cache.take();
    update(&mut cache, ep, view, sel.conn);
    view.cache = cache;
    let Some(cache) = view.cache.as_ref() else { return };
    if cache.bubbles.is_empty() {
        ui.add_space(20.0);
        ui.label(RichText::new(empty_hint(ep)).weak());
        return;
    }

    let row_h = ui.text_style_height(&TextStyle::Monospace);
    let head_h = ui.text_style_height(&TextStyle::Small);
    let pad = 8.0;
    let gap = 6.0;
    let heights: Vec<f32> =
        cache.bubbles.iter().map(|b| head_h + 4.0 + b.lines.len() as f32 * row_h + 2.0 * pad + gap).collect();
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
        for (b, h) in cache.bubbles.iter().zip(&heights) {
            if y + h >= viewport.min.y && y <= viewport.max.y {
                let rect = egui::Rect::from_min_size(origin + egui::vec2(0.0, y), egui::vec2(width, h - gap));
                ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
                    if bubble(ui, b, width, pad) {
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
fn bubble(ui: &mut egui::Ui, b: &Bubble, width: f32, pad: f32) -> bool {
    let dark = ui.visuals().dark_mode;
    let (fill, layout) = match (b.dir, dark) {
        (Direction::In, true) => (egui::Color32::from_rgb(48, 52, 60), Layout::left_to_right(Align::Min)),
        (Direction::In, false) => (egui::Color32::from_rgb(232, 234, 238), Layout::left_to_right(Align::Min)),
        (Direction::Out, true) => (egui::Color32::from_rgb(28, 70, 120), Layout::right_to_left(Align::Min)),
        (Direction::Out, false) => (egui::Color32::from_rgb(205, 225, 250), Layout::right_to_left(Align::Min)),
    };
    let mut copied = false;
    ui.with_layout(layout, |ui| {
        egui::Frame::new().fill(fill).corner_radius(8.0).inner_margin(pad).show(ui, |ui| {
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

#[cfg(test)]
mod incremental_tests {
    use std::time::SystemTime;

    use super::*;
    use crate::model::Limits;
    use crate::net::{EndpointKind, EndpointSpec, Event, EventKind};

    fn key(b: &Bubble) -> (Direction, String, Vec<String>, (u64, u64)) {
        (b.dir, b.header.clone(), b.lines.clone(), b.seqs)
    }

    #[test]
    fn incremental_cache_matches_a_full_rebuild() {
        let limits = Limits { messages: 25, message_bytes: 400, ..Default::default() };
        let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
        let mut ep = EndpointState::new(1, "t".into(), spec, limits);
        let mut views: Vec<(ConversationView, Option<ConnId>, Option<Cache>)> = Vec::new();
        for chunks in [true, false] {
            for filter in ["", "a", "0a"] {
                for conn in [None, Some(1)] {
                    for mode in [ViewMode::Text, ViewMode::Hex, ViewMode::Both] {
                        let v = ConversationView { mode, chunks, filter: filter.into(), ..Default::default() };
                        views.push((v, conn, None));
                    }
                }
            }
        }
        let mut x: u64 = 12345;
        let mut rnd = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for step in 0..400 {
            let len = rnd(40) as usize;
            let data: Vec<u8> = (0..len)
                .map(|_| match rnd(10) {
                    0 => b'\n',
                    1 => 0xff,
                    2 => b'a',
                    _ => b'b' + rnd(20) as u8,
                })
                .collect();
            let conn = 1 + rnd(2);
            let kind = if rnd(2) == 0 {
                EventKind::Received { conn, from: None, data }
            } else {
                EventKind::Sent { conn, to: None, data }
            };
            ep.apply(Event { time: SystemTime::now(), endpoint: 1, kind });
            // Update some views only now and then, as a view not shown would.
            for (i, (view, conn, cache)) in views.iter_mut().enumerate() {
                if (step + i) % 3 == 0 {
                    continue;
                }
                update(cache, &ep, view, *conn);
                let inc: Vec<_> = cache.as_ref().unwrap().bubbles.iter().map(key).collect();
                let full: Vec<_> = build(&ep, view, *conn, 0).0.iter().map(key).collect();
                let skip = full.len() - inc.len();
                assert!(skip <= 1, "step {step} view {i}: {} vs {}", inc.len(), full.len());
                assert_eq!(inc[..], full[skip..], "step {step} view {i}");
                if skip == 1 {
                    assert!(!view.chunks);
                }
            }
        }
    }
}
