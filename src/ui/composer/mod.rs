//! The composer: type text (with escapes), hex or base64, pick a line ending,
//! and send to the selected connection or to all. Enter sends, Shift+Enter
//! adds a line, Up/Down recall history. A parse error is shown here and
//! nothing is sent.

mod state;

use egui::RichText;

pub use state::Composer;

use super::{Action, Selection, style};
use crate::model::EndpointState;
use crate::net::{Command, Encoding, PayloadFormat, Target};
use crate::t;
pub use crate::workspace::LineEnding;
use crate::workspace::SavedMessage;

/// A payload format's name on screen (the workspace file keeps `PayloadFormat::label`).
pub fn format_name(f: PayloadFormat) -> String {
    match f {
        PayloadFormat::Text => t!("composer-format-text"),
        PayloadFormat::Hex => t!("composer-format-hex"),
        PayloadFormat::Base64 => t!("composer-format-base64"),
    }
}

/// A line ending's name on screen.
fn ending_name(e: LineEnding) -> String {
    match e {
        LineEnding::None => t!("composer-ending-none"),
        LineEnding::Lf => t!("composer-ending-lf"),
        LineEnding::CrLf => t!("composer-ending-crlf"),
    }
}

/// Draws the composer. `compact`: on a short window, the encoding, repeat, file and
/// saved-message rows fold into the "⋯" menu of the first row.
pub fn show(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    sel: Selection,
    c: &mut Composer,
    saved: &[SavedMessage],
    compact: bool,
    actions: &mut Vec<Action>,
) {
    c.encoding = ep.spec.encoding;
    let target = c.target(ep, sel);
    let open = ep.status.is_open() && !ep.stopped;
    style::toolbar(ui, |ui| {
        format_row(ui, ep, c, &target);
        if compact {
            ui.menu_button("⋯", |ui| {
                ui.set_max_width(420.0);
                encoding_menu(ui, ep, actions);
                repeat_and_file_row(ui, ep, c, &target, open, actions);
                ui.separator();
                saved_messages(ui, ep, c, saved, target.clone().ok(), open, actions);
            })
            .response
            .on_hover_text(t!("composer-more"));
        }
    });
    editor(ui, ep, c, &target, open, actions);
    // After the editor: what was typed this frame counts.
    status_line(ui, c, &target, open);
    if !compact {
        style::toolbar(ui, |ui| {
            // First on the row under the format: the first row's width changes
            // as clients come and go, and must not wrap then.
            encoding_picker(ui, ep, actions);
            repeat_and_file_row(ui, ep, c, &target, open, actions);
        });
        style::toolbar(ui, |ui| saved_messages(ui, ep, c, saved, target.ok(), open, actions));
    }
}

/// Payload format, line end, where it goes, and the destination of an unconnected datagram socket.
fn format_row(ui: &mut egui::Ui, ep: &EndpointState, c: &mut Composer, target: &Result<Target, String>) {
    for f in PayloadFormat::ALL {
        if ui.selectable_value(&mut c.format, f, format_name(f)).changed() && f == PayloadFormat::Hex {
            // Hex is bytes exactly as typed: no line end unless one is asked for.
            c.ending = LineEnding::None;
        }
    }
    ui.separator();
    ui.label(t!("composer-line-end"));
    for e in LineEnding::ALL {
        ui.selectable_value(&mut c.ending, e, ending_name(e));
    }
    ui.separator();
    let to = match target {
        Ok(Target::All) => t!("composer-to-all", count = ep.conns.len()),
        Ok(Target::Conn(id)) => t!("composer-to-conn", conn = id.to_string()),
        Ok(Target::Peer) => ep.peer.as_ref().map(|p| t!("composer-to", address = p.to_string())).unwrap_or_default(),
        Ok(Target::To(a)) => t!("composer-to", address = a.as_str()),
        Err(_) => String::new(),
    };
    if !to.is_empty() {
        ui.label(RichText::new(to).strong());
    }
    if ep.spec.kind.is_datagram() && ep.peer.is_none() {
        let l = ui.label(t!("composer-to-label"));
        ui.add(egui::TextEdit::singleline(&mut c.dest).hint_text(t!("composer-destination")).desired_width(170.0))
            .labelled_by(l.id);
    }
}

/// The message box and Send. Enter sends and Shift+Enter makes a new line:
/// Enter is taken before the editor sees it; Up/Down recall on a one-line message.
fn editor(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    c: &mut Composer,
    target: &Result<Target, String>,
    open: bool,
    actions: &mut Vec<Action>,
) {
    let edit_id = ui.scope_id().with(("composer", ep.id));
    let focused = ui.memory(|m| m.has_focus(edit_id));
    let mut send_now = false;
    if focused {
        ui.input_mut(|i| {
            // Keys typed fast arrive in one frame: what came before Enter is this
            // message (the editor takes it below, before the send); what came after
            // waits for the next frame.
            i.events.splice(0..0, std::mem::take(&mut c.pending));
            if let Some(at) = i.events.iter().position(is_plain_enter) {
                c.pending = i.events.split_off(at + 1);
                i.events.pop();
                send_now = true;
            }
            if !c.text.contains('\n') {
                if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                    c.recall(true);
                }
                if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                    c.recall(false);
                }
            }
        });
        if !c.pending.is_empty() {
            ui.ctx().request_repaint();
        }
    }
    let hint = match c.format {
        PayloadFormat::Text => t!("composer-hint-text"),
        PayloadFormat::Hex => t!("composer-hint-hex"),
        PayloadFormat::Base64 => t!("composer-hint-base64"),
    };
    ui.horizontal(|ui| {
        let label = ui.label(t!("composer-message"));
        let edit = egui::TextEdit::multiline(&mut c.text)
            .id(edit_id)
            .hint_text(hint)
            .desired_rows(2)
            .font(egui::TextStyle::Monospace)
            .desired_width(ui.available_width() - 90.0);
        ui.add(edit).labelled_by(label.id);
        // Read after the editor: every character of this frame is in it.
        let payload = c.payload();
        let can_send = open && payload.is_ok() && target.is_ok();
        let button = ui.add_enabled(
            can_send,
            egui::Button::new(RichText::new(t!("composer-send")).strong()).min_size(egui::vec2(70.0, 40.0)),
        );
        if button.clicked() {
            send_now = true;
        }
        if send_now
            && can_send
            && let (Ok(data), Ok(target)) = (c.take_payload(), target.clone())
        {
            actions.push(Action::Engine(Command::Send { id: ep.id, target, data }));
            c.remember();
            c.text.clear();
        }
    });
}

/// The endpoint's text encoding: what typed text is sent in and received bytes are read with.
fn encoding_picker(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    let mut chosen = ep.spec.encoding;
    let label = ui.label(crate::t!("encoding-label"));
    egui::ComboBox::from_id_salt(("encoding", ep.id))
        .selected_text(chosen.label())
        .show_ui(ui, |ui| {
            for e in Encoding::ALL {
                ui.selectable_value(&mut chosen, e, e.label());
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(crate::t!("encoding-tip"));
    if chosen != ep.spec.encoding {
        actions.push(Action::SetEncoding { endpoint: ep.id, encoding: chosen });
    }
}

/// The same choice in the "⋯" menu: a submenu, since a combo box's popup
/// would close the menu it opens from.
fn encoding_menu(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    let current = ep.spec.encoding;
    let title = crate::t!("encoding-menu", encoding = current.label());
    ui.menu_button(title, |ui| {
        for e in Encoding::ALL {
            if ui.selectable_label(e == current, e.label()).clicked() {
                if e != current {
                    actions.push(Action::SetEncoding { endpoint: ep.id, encoding: e });
                }
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(crate::t!("encoding-tip"));
}

/// A checksum appended to every payload, or none.
fn checksum_picker(ui: &mut egui::Ui, ep: &EndpointState, c: &mut Composer) {
    let words = [t!("composer-checksum"), t!("composer-checksum-none"), t!("composer-checksum.hint")];
    style::checksum_combo(ui, ("checksum", ep.id), &mut c.checksum, words);
}

fn is_plain_enter(e: &egui::Event) -> bool {
    matches!(e, egui::Event::Key { key: egui::Key::Enter, pressed: true, modifiers, .. } if modifiers.is_none())
}

/// Why nothing can be sent, or how many bytes would be.
fn status_line(ui: &mut egui::Ui, c: &Composer, target: &Result<Target, String>, open: bool) {
    let payload = c.payload();
    match (&payload, target) {
        (Err(e), _) if !c.text.is_empty() => {
            let text = RichText::new(format!("⚠ {}", t!("composer-nothing-sent", problem = e.as_str())))
                .color(style::error_color(ui));
            ui.add(egui::Label::new(text).wrap());
        }
        (_, Err(e)) if open => {
            ui.add(egui::Label::new(RichText::new(format!("⚠ {e}")).color(style::warn_color(ui))).wrap());
        }
        _ if !open => {
            ui.add(egui::Label::new(RichText::new(t!("composer-closed")).weak()).wrap());
        }
        (Ok(data), _) => {
            ui.label(RichText::new(t!("composer-bytes", count = data.len())).small().weak());
        }
        _ => {}
    }
}

fn repeat_and_file_row(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    c: &mut Composer,
    target: &Result<Target, String>,
    open: bool,
    actions: &mut Vec<Action>,
) {
    if c.format == PayloadFormat::Text {
        ui.checkbox(&mut c.template, t!("composer-template")).on_hover_text(t!("composer-template.hint"));
    }
    checksum_picker(ui, ep, c);
    ui.separator();
    let repeat = ui.checkbox(&mut c.repeat, t!("composer-repeat")).on_hover_text(t!("composer-repeat.hint"));
    ui.add(egui::TextEdit::singleline(&mut c.repeat_ms).desired_width(60.0)).labelled_by(repeat.id);
    ui.label(t!("composer-ms"));
    if c.repeat && c.repeat_ms.trim().parse::<u64>().is_err() {
        ui.label(RichText::new(format!("⚠ {}", t!("composer-not-ms"))).color(style::error_color(ui)));
    }
    ui.separator();
    ui.add(egui::TextEdit::singleline(&mut c.file_path).hint_text(t!("composer-file")).desired_width(180.0));
    if ui.button(t!("composer-browse")).clicked() {
        actions.push(Action::PickFile { endpoint: ep.id });
    }
    let path = c.file_path.trim();
    let send_file =
        ui.add_enabled(open && !path.is_empty() && target.is_ok(), egui::Button::new(t!("composer-send-file")));
    if send_file.clicked()
        && let Ok(target) = target.clone()
    {
        actions.push(Action::SendFile { endpoint: ep.id, target, path: path.into() });
    }
    if let Some((sent, total)) = ep.file_progress {
        let frac = if total == 0 { 1.0 } else { sent as f32 / total as f32 };
        ui.add(egui::ProgressBar::new(frac).desired_width(140.0).text(format!(
            "{} / {}",
            style::bytes(sent),
            style::bytes(total)
        )));
    }
}

/// One-click messages kept in the workspace; "+ Save" keeps the one being typed.
fn saved_messages(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    c: &mut Composer,
    saved: &[SavedMessage],
    target: Option<Target>,
    open: bool,
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new(t!("composer-saved")).weak());
    for (i, m) in saved.iter().enumerate() {
        let bytes = m.bytes_in(ep.spec.encoding);
        let enabled = open && target.is_some() && bytes.is_ok();
        let r = ui.add_enabled(enabled, egui::Button::new(&m.name).small()).on_hover_text(t!(
            "composer-saved-hint",
            payload = m.payload.as_str(),
            format = format_name(m.format),
            ending = ending_name(m.line_ending)
        ));
        if r.clicked()
            && let (Ok(data), Some(target)) = (bytes, target.clone())
        {
            actions.push(Action::Engine(Command::Send { id: ep.id, target, data }));
        }
        r.context_menu(|ui| {
            if ui.button(t!("composer-put-back")).clicked() {
                c.text = m.payload.clone();
                c.format = m.format;
                c.ending = m.line_ending;
                ui.close();
            }
            if ui.button(t!("composer-remove")).clicked() {
                actions.push(Action::RemoveMessage(i));
                ui.close();
            }
        });
    }
    let can_save = !c.text.is_empty() && c.payload().is_ok();
    if ui
        .add_enabled(can_save, egui::Button::new(format!("+ {}", t!("composer-save"))).small())
        .on_hover_text(t!("composer-save.hint"))
        .clicked()
    {
        let name: String = c.text.chars().take(24).collect();
        actions.push(Action::SaveMessage(SavedMessage {
            name,
            payload: c.text.clone(),
            format: c.format,
            line_ending: c.ending,
        }));
    }
}
