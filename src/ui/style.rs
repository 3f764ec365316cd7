//! Sizes and colours chosen to read well on a projector.

use egui::{Color32, FontFamily, FontId, TextStyle};

use crate::model::Status;

/// Larger than egui's defaults: a classroom reads this from the back row.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::new(12.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(15.0, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(14.0, FontFamily::Monospace)),
            (TextStyle::Heading, FontId::new(19.0, FontFamily::Proportional)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
    });
}

pub fn status_color(status: Status, dark: bool) -> Color32 {
    match (status, dark) {
        (Status::Listening | Status::Connected | Status::Bound, true) => Color32::from_rgb(90, 200, 110),
        (Status::Listening | Status::Connected | Status::Bound, false) => Color32::from_rgb(20, 130, 50),
        (Status::Starting, _) => Color32::from_rgb(200, 160, 40),
        (Status::HalfClosed, _) => Color32::from_rgb(210, 140, 30),
        (Status::Closed | Status::Idle, true) => Color32::GRAY,
        (Status::Closed | Status::Idle, false) => Color32::DARK_GRAY,
        (Status::Error, true) => Color32::from_rgb(240, 90, 80),
        (Status::Error, false) => Color32::from_rgb(190, 30, 30),
    }
}

/// A small coloured badge with the state's name.
pub fn badge(ui: &mut egui::Ui, status: Status) {
    let color = status_color(status, ui.visuals().dark_mode);
    ui.label(egui::RichText::new(format!("• {}", status.label())).color(color).strong());
}

pub fn error_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(255, 110, 100) } else { Color32::from_rgb(180, 20, 20) }
}

pub fn warn_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(240, 180, 60) } else { Color32::from_rgb(150, 90, 0) }
}

/// Bytes with a unit a person reads at a glance: 1.5 MB.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 { format!("{n} B") } else { format!("{v:.1} {}", UNITS[u]) }
}
