//! TCP's state machine, small, for the TCP panel: the eleven states as boxes
//! laid out as textbooks draw them, the transitions as lines, the current
//! state lit and the path taken so far highlighted. Painted, with one
//! accessible description (the current state and the path) for readers.

use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2, pos2, vec2};

use crate::net::kernel::{TRANSITIONS, TcpState};
use crate::t;

/// Each state's cell in a 3 × 7 grid: column, row.
fn cell(s: TcpState) -> (f32, f32) {
    use TcpState::*;
    match s {
        Closed => (1.0, 0.0),
        Listen => (1.0, 1.0),
        SynRecv => (0.0, 2.0),
        SynSent => (2.0, 2.0),
        Established => (1.0, 3.0),
        FinWait1 => (0.0, 4.0),
        CloseWait => (2.0, 4.0),
        FinWait2 => (0.0, 5.0),
        Closing => (1.0, 5.0),
        LastAck => (2.0, 5.0),
        TimeWait => (0.0, 6.0),
    }
}

const ROWS: f32 = 7.0;
const BOX_H: f32 = 18.0;
const ROW_H: f32 = 26.0;

/// The states a path went through, as one line a screen reader says.
pub fn describe(now: Option<TcpState>, path: &[TcpState]) -> String {
    let path: Vec<&str> = path.iter().map(|s| s.name()).collect();
    let now = now.map(|s| s.name()).unwrap_or("?");
    t!("tcp-machine-describe", now = now, path = path.join(" → "))
}

/// Draws the machine across the available width.
pub fn show(ui: &mut egui::Ui, now: Option<TcpState>, path: &[TcpState]) -> egui::Response {
    let width = ui.available_width().max(120.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, ROWS * ROW_H), Sense::hover());
    let label = describe(now, path);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let accent = visuals.selection.bg_fill;
    let faint = visuals.weak_text_color().gamma_multiply(0.5);
    let text = visuals.text_color();
    let col_w = rect.width() / 3.0;
    let box_w = (col_w - 6.0).max(20.0);
    let centre = |s: TcpState| -> Pos2 {
        let (c, r) = cell(s);
        pos2(rect.left() + col_w * (c + 0.5), rect.top() + ROW_H * (r + 0.5))
    };
    let painter = ui.painter_at(rect);
    let walked = |a: TcpState, b: TcpState| path.windows(2).any(|w| w[0] == a && w[1] == b);
    for &(from, to, _) in TRANSITIONS {
        let on_path = walked(from, to);
        let stroke = if on_path { Stroke::new(2.5, accent) } else { Stroke::new(1.0, faint) };
        painter.line_segment([centre(from), centre(to)], stroke);
    }
    // Steps the kernel reported without a transition between them (a jump over
    // states it passed too fast to be seen) are drawn on the path as well.
    for w in path.windows(2) {
        if !TRANSITIONS.iter().any(|&(a, b, _)| a == w[0] && b == w[1]) {
            painter.line_segment([centre(w[0]), centre(w[1])], Stroke::new(2.0, accent.gamma_multiply(0.7)));
        }
    }
    let font = FontId::proportional((box_w / 7.5).clamp(7.0, 11.0));
    for s in TcpState::ALL {
        let r = Rect::from_center_size(centre(s), Vec2::new(box_w, BOX_H));
        let (fill, stroke, colour) = if Some(s) == now {
            (accent, Stroke::new(2.0, text), visuals.strong_text_color())
        } else if path.contains(&s) {
            (accent.gamma_multiply(0.35), Stroke::new(1.0, accent), text)
        } else {
            (visuals.extreme_bg_color, Stroke::new(1.0, faint), visuals.weak_text_color())
        };
        painter.rect(r, 4.0, fill, stroke, StrokeKind::Inside);
        painter.text(r.center(), Align2::CENTER_CENTER, s.name(), font.clone(), colour);
    }
    response
}
