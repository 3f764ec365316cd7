//! Sizes and colours chosen to read well on a projector.

use egui::{Color32, FontFamily, FontId, TextStyle};

use crate::model::Status;
use crate::net::EndpointKind;
use crate::t;

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

/// Bytes with a unit a person reads at a glance: 1.5 MB (below 1 kB, exact: 999 B).
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 { format!("{n} B") } else { format!("{v:.1} {}", UNITS[u]) }
}

/// A count with thousands separators: 1,234,567.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An exact byte count that stays readable: "1,234,567 bytes (1.2 MB)".
pub fn byte_count(n: u64) -> String {
    match n {
        n if n < 1000 => t!("style-byte-count", count = n),
        n => t!("style-byte-count-big", count = n, size = bytes(n)),
    }
}

/// A kind's name on screen, in the current language.
pub fn kind_name(kind: EndpointKind) -> String {
    match kind {
        EndpointKind::TcpServer => t!("kind-tcp-server"),
        EndpointKind::TcpClient => t!("kind-tcp-client"),
        EndpointKind::Udp => t!("kind-udp"),
        EndpointKind::UnixServer => t!("kind-unix-server"),
        EndpointKind::UnixClient => t!("kind-unix-client"),
        EndpointKind::UnixDatagram => t!("kind-unix-datagram"),
    }
}

/// The head of an error: "⚠ bind() failed: EADDRINUSE".
pub fn call_failed(err: &crate::net::NetError) -> String {
    let call = err.call_text();
    match &err.errno {
        Some(e) => format!("⚠ {}", t!("style-call-failed", call = call, errno = e.to_string())),
        None => format!("⚠ {}", t!("style-call-failed-plain", call = call)),
    }
}

/// An error as a person needs it: the call and errno, what happened, why and what to do.
pub fn error_box(ui: &mut egui::Ui, err: &crate::net::NetError, add: impl FnOnce(&mut egui::Ui)) -> egui::Response {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, error_color(ui)))
        .corner_radius(4.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            let head = call_failed(err);
            ui.add(egui::Label::new(egui::RichText::new(head).color(error_color(ui)).strong()).wrap());
            ui.add(egui::Label::new(&err.message).wrap());
            if !err.hint.is_empty() {
                let hint = egui::RichText::new(t!("style-why", hint = err.hint.to_string())).italics();
                ui.add(egui::Label::new(hint).wrap());
            }
            add(ui);
        })
        .response
}

/// What a connection's half-close state means, in TCP's own words: the peer's
/// FIN leaves our socket in CLOSE_WAIT until we close it too.
pub fn half_close_text(peer_closed: bool, we_shut: bool) -> Option<String> {
    match (peer_closed, we_shut) {
        (true, false) => Some(t!("style-peer-closed")),
        (false, true) => Some(t!("style-we-shut")),
        (true, true) => Some(t!("style-both-shut")),
        (false, false) => None,
    }
}

/// A row of buttons and short labels that wraps onto the next line instead of
/// leaving its panel. Short labels inside keep whole (they move, not split).
pub fn toolbar<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.horizontal_wrapped(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        add(ui)
    })
    .inner
}

/// A labelled picker of the trailing checksum: none, or one of every kind.
/// The words are the caller's (its panel keeps its own strings).
pub fn checksum_combo(
    ui: &mut egui::Ui,
    id_salt: impl egui::AsIdSalt,
    choice: &mut Option<crate::net::checksum::Checksum>,
    words: [String; 3],
) -> egui::Response {
    let [label, none, hint] = words;
    let label = ui.label(label);
    let shown = choice.map_or_else(|| none.clone(), |k| k.label().to_string());
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(choice, None, none.as_str());
            for k in crate::net::checksum::Checksum::ALL {
                ui.selectable_value(choice, Some(k), k.label());
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_bytes_read_at_a_glance() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_500_000), "1.5 MB");
        assert_eq!(byte_count(1), "1 byte");
        assert_eq!(byte_count(123), "123 bytes");
        assert_eq!(byte_count(65_536), "65,536 bytes (65.5 kB)");
    }
}
