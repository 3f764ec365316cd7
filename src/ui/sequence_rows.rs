//! The ladder itself, for the sequence tab: the two lanes' headings, then a
//! scrolled list of steps of which only those in view are drawn. Each step
//! has its time, the calls and TCP states beside each lane, and the arrows
//! leaving it, labelled (as accessible text too: "SYN →", "← SYN-ACK").

use egui::{Color32, Pos2, Rect, RichText, Sense, Stroke, pos2, vec2};

use crate::model::sequence::{Arrow, Diagram, End, Group, MarkKind, Side, Signal, StepId, text};
use crate::t;

/// "3 sends → 1 recv", "1 send → 4 recvs": how a group of sends was received.
pub fn group_label(g: &Group) -> String {
    t!("sequence-group", sends = g.sends.len(), recvs = g.recvs.len())
}

/// An arrow's words with its direction: "SYN →" leaves this socket, "← SYN-ACK" arrives.
pub fn directed_label(a: &Arrow, more: usize) -> String {
    let more = if more > 0 { format!(" (+{more})") } else { String::new() };
    match a.from {
        Side::Local => format!("{}{more} →", text::arrow_label(a)),
        Side::Peer => format!("← {}{more}", text::arrow_label(a)),
    }
}

const TIME_W: f32 = 72.0;
/// Length of an arrow's head.
const HEAD: f32 = 9.0;
/// How far an arrow whose other end was not seen slopes down, as it crosses.
const ACROSS_DROP: f32 = 8.0;

/// What each step shows, worked out once per rebuild of the diagram.
pub struct Rows {
    /// Per step: the words beside each lane, [this socket, peer].
    marks: Vec<[String; 2]>,
    /// Per step: the label of the arrows leaving it.
    arrows: Vec<Option<String>>,
}

impl Rows {
    pub fn new(d: &Diagram) -> Rows {
        let n = d.steps.len();
        let mut marks = vec![[String::new(), String::new()]; n];
        let mut add = |step: usize, side: Side, words: String| {
            if let Some(cell) = marks.get_mut(step) {
                let s = &mut cell[side.index()];
                if !s.is_empty() {
                    s.push_str(" · ");
                }
                s.push_str(&words);
            }
        };
        // States first (the word a class looks for), then how sends were read, then the calls.
        let (states, calls): (Vec<_>, Vec<_>) = d.marks.iter().partition(|m| matches!(m.kind, MarkKind::State { .. }));
        for m in states {
            add(m.step, m.side, text::mark_label(&m.kind));
        }
        for sender in [Side::Local, Side::Peer] {
            for g in d.groups_from(sender).iter().filter(|g| g.sends.len() > 1 || g.recvs.len() > 1) {
                let step = g.recvs.last().and_then(|r| d.position(StepId { row: *r, sub: 0 }));
                if let Some(step) = step {
                    add(step, sender.other(), group_label(g));
                }
            }
        }
        for m in calls {
            add(m.step, m.side, text::mark_label(&m.kind));
        }
        let mut leaving: Vec<Option<(&Arrow, usize)>> = vec![None; n];
        for a in &d.arrows {
            match leaving.get_mut(a.from_step) {
                Some(Some((_, more))) => *more += 1,
                Some(slot) => *slot = Some((a, 0)),
                None => {}
            }
        }
        let arrows = leaving.into_iter().map(|l| l.map(|(a, more)| directed_label(a, more))).collect();
        Rows { marks, arrows }
    }
}

/// Where things go across the width.
struct Columns {
    time: (f32, f32),
    marks: [(f32, f32); 2],
    lane: [f32; 2],
}

impl Columns {
    fn new(left: f32, width: f32) -> Columns {
        let rest = (width - TIME_W).max(120.0);
        let marks_w = (rest * 0.28).max(60.0);
        let l0 = left + TIME_W;
        let right = left + TIME_W + rest;
        Columns {
            time: (left, l0),
            marks: [(l0, l0 + marks_w), (right - marks_w, right)],
            lane: [l0 + marks_w + 6.0, right - marks_w - 6.0],
        }
    }
}

pub fn show(ui: &mut egui::Ui, d: &Diagram, rows: &Rows, visible: usize, live: bool) {
    header(ui, d);
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 2.0;
    egui::ScrollArea::vertical().id_salt("sequence-rows").auto_shrink([false, false]).stick_to_bottom(live).show_rows(
        ui,
        row_h,
        visible,
        |ui, range| {
            let height = row_h * range.len() as f32;
            let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
            let cols = Columns::new(rect.left(), rect.width());
            let y = |i: usize| rect.top() + (i as f32 - range.start as f32 + 0.5) * row_h;
            let painter = ui.painter_at(rect);
            let lane_stroke = Stroke::new(2.0, ui.visuals().weak_text_color());
            for x in cols.lane {
                painter.line_segment([pos2(x, rect.top()), pos2(x, rect.bottom())], lane_stroke);
            }
            for a in d.visible_arrows(visible) {
                let (lo, hi) = (a.from_step.min(a.to_step), a.from_step.max(a.to_step));
                if hi >= range.start && lo < range.end {
                    let from = pos2(cols.lane[a.from.index()], y(a.from_step));
                    let to_y = if a.to_step == a.from_step { y(a.to_step) + ACROSS_DROP } else { y(a.to_step) };
                    arrow(&painter, ui, a, from, pos2(cols.lane[a.to().index()], to_y));
                }
            }
            let t0 = d.steps.first().map(|s| s.time);
            for i in range.clone() {
                let top = y(i) - row_h * 0.5;
                let cell = |(l, r): (f32, f32), h: f32| Rect::from_min_max(pos2(l, top), pos2(r, top + h));
                let elapsed = t0.and_then(|t0| d.steps[i].time.duration_since(t0).ok()).unwrap_or_default();
                let time = RichText::new(text::elapsed(elapsed)).small().weak();
                ui.put(cell(cols.time, row_h), egui::Label::new(time).truncate());
                for side in [Side::Local, Side::Peer] {
                    let words = &rows.marks[i][side.index()];
                    if !words.is_empty() {
                        two_lines(ui, cell(cols.marks[side.index()], row_h), words);
                    }
                }
                if let Some(label) = &rows.arrows[i] {
                    let span = (cols.lane[0] + 6.0, cols.lane[1] - 6.0);
                    ui.put(cell(span, row_h * 0.5), egui::Label::new(RichText::new(label).small()).truncate());
                }
            }
        },
    );
}

/// A lane's words (its state and calls) on at most the row's two lines, so a
/// narrow window (a projector at 150 %) still shows "ESTABLISHED" whole; what
/// does not fit ends in "…" and shows whole on hover. Centred, not justified:
/// a justified wrapped line would spread its letters apart.
fn two_lines(ui: &mut egui::Ui, cell: Rect, words: &str) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut job = egui::text::LayoutJob::simple_singleline(words.to_owned(), font, ui.visuals().text_color());
    job.wrap.max_rows = 2;
    job.wrap.overflow_character = Some('…');
    let layout = egui::Layout::centered_and_justified(egui::Direction::TopDown).with_cross_justify(false);
    ui.scope_builder(egui::UiBuilder::new().max_rect(cell).layout(layout), |ui| ui.add(egui::Label::new(job).wrap()));
}

/// The lanes' names and addresses.
fn header(ui: &mut egui::Ui, d: &Diagram) {
    let h = ui.text_style_height(&egui::TextStyle::Body) * 1.4;
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), h), Sense::hover());
    let cols = Columns::new(rect.left(), rect.width());
    let mid = (cols.lane[0] + cols.lane[1]) * 0.5;
    let halves = [(cols.time.1, mid - 4.0), (mid + 4.0, rect.right())];
    for side in [Side::Local, Side::Peer] {
        let (l, r) = halves[side.index()];
        let words = format!("{} · {}", text::lane_title(d, side), text::lane_address(d, side));
        let cell = Rect::from_min_max(pos2(l, rect.top()), pos2(r, rect.bottom()));
        ui.put(cell, egui::Label::new(RichText::new(words).strong()).truncate());
    }
}

fn colour(signal: &Signal, dark: bool) -> Color32 {
    let (light, dim) = match signal {
        Signal::Syn | Signal::SynAck | Signal::Ack => {
            (Color32::from_rgb(110, 160, 255), Color32::from_rgb(31, 58, 147))
        }
        Signal::Data { .. } => (Color32::from_gray(230), Color32::from_gray(20)),
        Signal::Datagram { .. } => (Color32::from_rgb(190, 140, 255), Color32::from_rgb(74, 20, 140)),
        Signal::Fin => (Color32::from_rgb(120, 210, 120), Color32::from_rgb(27, 94, 32)),
        Signal::Rst => (Color32::from_rgb(255, 110, 100), Color32::from_rgb(183, 28, 28)),
    };
    if dark { light } else { dim }
}

fn arrow(painter: &egui::Painter, ui: &egui::Ui, a: &Arrow, from: Pos2, to: Pos2) {
    let mut c = colour(&a.signal, ui.visuals().dark_mode);
    if a.end == End::Unseen {
        c = c.gamma_multiply(0.6);
    }
    let stroke = Stroke::new(2.0, c);
    painter.line_segment([from, to], stroke);
    // A fixed-size head: egui's own grows with the arrow's length.
    let back = (from - to).normalized() * HEAD;
    for angle in [-0.45f32, 0.45] {
        painter.line_segment([to, to + egui::emath::Rot2::from_angle(angle) * back], stroke);
    }
    if a.end == End::Lost {
        let s = 6.0;
        let cross = Stroke::new(2.5, Color32::from_rgb(200, 30, 30));
        painter.line_segment([to + vec2(-s, -s), to + vec2(s, s)], cross);
        painter.line_segment([to + vec2(-s, s), to + vec2(s, -s)], cross);
    }
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::model::sequence::{FlowKey, Sequence};
    use crate::net::{Addr, Event, EventKind};

    #[test]
    fn three_sends_read_by_one_recv_are_labelled_so_on_the_receiving_lane() {
        let inet = |port| Addr::Inet(SocketAddr::from(([127, 0, 0, 1], port)));
        let mut seq = Sequence::default();
        let mut t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let mut ev = |endpoint, kind| {
            t += Duration::from_millis(1);
            seq.apply(&Event { time: t, endpoint, kind });
        };
        for ep in [1, 2] {
            ev(ep, EventKind::Socket { conn: None, family: "AF_INET", ty: "SOCK_STREAM" });
        }
        ev(2, EventKind::Connected { conn: 0, local: inet(5000), peer: inet(9000) });
        ev(1, EventKind::Accepted { conn: 1, local: inet(9000), peer: inet(5000) });
        for word in ["ab", "cd", "ef"] {
            ev(2, EventKind::Sent { conn: 0, to: None, data: word.as_bytes().to_vec() });
        }
        ev(1, EventKind::Received { conn: 1, from: None, data: b"abcdef".to_vec().into() });
        let d = seq.diagram(&FlowKey::stream(2, 0)).expect("the client's diagram");
        let rows = Rows::new(&d);
        let peer: Vec<&str> = rows.marks.iter().map(|m| m[Side::Peer.index()].as_str()).collect();
        assert!(peer.iter().any(|m| m.contains("3 sends → 1 recv")), "the recv's step says so: {peer:?}");
        let arrows: Vec<&str> = rows.arrows.iter().flatten().map(String::as_str).collect();
        assert!(arrows.contains(&"SYN →") && arrows.contains(&"← SYN-ACK"), "{arrows:?}");
        assert_eq!(arrows.iter().filter(|a| a.starts_with("2 B")).count(), 3, "one data arrow per send: {arrows:?}");
    }
}
