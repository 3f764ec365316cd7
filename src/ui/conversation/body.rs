//! A bubble's body as egui lays it out: its lines wrapped and folded, with
//! the marks the bubble carries (where recv() chunks join, bytes that did
//! not decode) drawn in their colours.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Galley, TextStyle};

use super::FOLD_ROWS;
use super::bubbles::Bubble;
use crate::ui::style;

/// Drawn where one recv() chunk ends and the next begins inside a framed message.
const JOIN_MARK: char = '┊';
const JOIN_MARK_FALLBACK: char = '|';

/// The body wrapped at `text_width`; folded after [`FOLD_ROWS`] rows unless expanded.
pub(super) fn body_galley(ui: &egui::Ui, b: &Bubble, text_width: f32, expanded: bool) -> Arc<Galley> {
    let format = TextFormat {
        font_id: TextStyle::Monospace.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = if !b.undecoded.is_empty() {
        undecoded_job(ui, b, format)
    } else if b.marks.is_empty() {
        LayoutJob::single_section(b.lines.join("\n"), format)
    } else {
        marked_job(ui, b, format)
    };
    job.wrap.max_width = text_width;
    job.wrap.max_rows = if expanded { usize::MAX } else { FOLD_ROWS };
    ui.fonts_mut(|f| f.layout_job(job))
}

/// The body with the bytes that did not decode (`\xHH`) drawn in the warning
/// colour on a tinted background, so they cannot be read as typed text.
fn undecoded_job(ui: &egui::Ui, b: &Bubble, format: TextFormat) -> LayoutJob {
    let warn = style::warn_color(ui);
    let marked = TextFormat { color: warn, background: warn.gamma_multiply(0.15), ..format.clone() };
    let mut job = LayoutJob::default();
    for (i, line) in b.lines.iter().enumerate() {
        if i > 0 {
            job.append("\n", 0.0, format.clone());
        }
        let byte_at = |col: usize| line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        let mut at = 0;
        for span in b.undecoded.iter().filter(|s| s.line == i) {
            let (start, end) = (byte_at(span.start).max(at), byte_at(span.end).max(at));
            job.append(&line[at..start], 0.0, format.clone());
            job.append(&line[start..end], 0.0, marked.clone());
            at = end;
        }
        job.append(&line[at..], 0.0, format.clone());
    }
    job
}

/// The body with a join mark drawn (in the accent colour) where each recv() chunk begins.
fn marked_job(ui: &egui::Ui, b: &Bubble, format: TextFormat) -> LayoutJob {
    let font = format.font_id.clone();
    let glyph = if ui.fonts_mut(|f| f.has_glyph(&font, JOIN_MARK)) { JOIN_MARK } else { JOIN_MARK_FALLBACK };
    let mark = TextFormat { color: ui.visuals().selection.stroke.color, ..format.clone() };
    let mut job = LayoutJob::default();
    for (i, line) in b.lines.iter().enumerate() {
        if i > 0 {
            job.append("\n", 0.0, format.clone());
        }
        let mut cols: Vec<usize> = b.marks.iter().filter(|m| m.0 == i).map(|m| m.1).collect();
        cols.sort_unstable();
        let mut rest = line.as_str();
        let mut at = 0;
        for col in cols {
            let split = rest.char_indices().nth(col - at).map_or(rest.len(), |(i, _)| i);
            job.append(&rest[..split], 0.0, format.clone());
            job.append(glyph.encode_utf8(&mut [0; 4]), 0.0, mark.clone());
            rest = &rest[split..];
            at = col;
        }
        job.append(rest, 0.0, format.clone());
    }
    job
}
