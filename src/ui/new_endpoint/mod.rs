//! The "new endpoint" form. Every field is checked as it is typed; the Start
//! button stays disabled until the form is valid, so nothing bad is ever sent.
//! The checks live in [`form`] (pure); this file draws them at their fields.

mod form;

use egui::RichText;

pub use form::{Field, Form, OptionField};

use super::{Action, style};
use crate::net::{EndpointKind, OptValue, Phase, ReplyMode};

/// Hosts offered for a server, with who could reach it.
const BIND_HOSTS: [(&str, &str); 4] = [
    ("127.0.0.1", "this machine only (safe default)"),
    ("::1", "this machine only, IPv6"),
    ("0.0.0.0", "every IPv4 interface: reachable from the network"),
    ("::", "every IPv6 interface: reachable from the network"),
];

pub const KEEP_HALF_OPEN: &str = "keep half-open connections";
const KEEP_HALF_OPEN_OFF: &str =
    "off: a connection whose peer closed its side is closed once nothing is left to send it, as netcat does";
const KEEP_HALF_OPEN_ON: &str =
    "on: it stays open in CLOSE_WAIT, so you can still send to the peer, until you close it (right-click)";

fn field_error(ui: &mut egui::Ui, errors: &[(Field, String)], field: Field) {
    for (f, msg) in errors {
        if *f == field {
            ui.label(RichText::new(format!("⚠ {msg}")).color(style::error_color(ui)));
        }
    }
}

/// The window's title bar, margins, separator and button row, in points.
const FRAME_AND_BUTTONS: f32 = 110.0;

/// Draws the form in a window. Returns false when it should close.
pub fn show(ctx: &egui::Context, form: &mut Form, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    let mut close = false;
    // On a projector at 150 % the window is short: the fields scroll, the buttons stay.
    let screen = ctx.content_rect();
    let top = (screen.height() * 0.05).min(60.0);
    let fields_height = (screen.height() - top - FRAME_AND_BUTTONS).max(120.0);
    egui::Window::new(format!("New {}", form.kind.label()))
        .id(egui::Id::unique("new-endpoint-form"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(screen.center_top() + egui::vec2(0.0, top))
        .default_width(460.0)
        .show(ctx, |ui| {
            let errors = form.validate().err().unwrap_or_default();
            egui::ScrollArea::vertical().max_height(fields_height).min_scrolled_height(fields_height).show(ui, |ui| {
                egui::Grid::new("form-grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                    main_fields(ui, form, &errors);
                });
                ui.separator();
                ui.label(RichText::new("Options set before bind()/connect()").strong());
                egui::Grid::new("form-options").num_columns(3).show(ui, |ui| options(ui, form, &errors));
            });
            ui.separator();
            close = buttons(ui, form, actions);
        });
    open && !close
}

/// Kind, name, address (or path), default peer and reply mode: one grid row each.
fn main_fields(ui: &mut egui::Ui, form: &mut Form, errors: &[(Field, String)]) {
    let kind = ui.label("Kind");
    egui::ComboBox::from_id_salt("form-kind")
        .selected_text(form.kind.label())
        .show_ui(ui, |ui| {
            for k in EndpointKind::ALL {
                ui.selectable_value(&mut form.kind, k, k.label());
            }
        })
        .response
        .labelled_by(kind.id);
    ui.end_row();
    if !form.kind.reply_modes().contains(&form.reply) {
        form.reply = ReplyMode::None;
    }

    let name_label = ui.label("Name");
    ui.vertical(|ui| {
        ui.text_edit_singleline(&mut form.name).labelled_by(name_label.id);
        field_error(ui, errors, Field::Name);
    });
    ui.end_row();

    if form.kind.is_unix() {
        let l = ui.label("Path");
        ui.vertical(|ui| {
            ui.text_edit_singleline(&mut form.path).labelled_by(l.id);
            field_error(ui, errors, Field::Path);
        });
        ui.end_row();
    } else {
        host_and_port(ui, form, errors);
    }
    if form.kind.is_datagram() {
        let l = ui.label("Default peer");
        ui.vertical(|ui| {
            let hint = if form.kind == EndpointKind::Udp { "optional, host:port" } else { "optional, path" };
            ui.add(egui::TextEdit::singleline(&mut form.peer).hint_text(hint)).labelled_by(l.id);
            ui.label(RichText::new("set: connect() so send() needs no address").small().weak());
            field_error(ui, errors, Field::Peer);
        });
        ui.end_row();
    }
    if form.kind.reply_modes().len() > 1 {
        reply_mode(ui, form);
    }
    if !form.kind.is_datagram() {
        half_open(ui, form);
    }
}

/// The teaching switch: off, a connection whose peer sent FIN is closed once
/// nothing is left to send it (as netcat does); on, it stays in CLOSE_WAIT.
fn half_open(ui: &mut egui::Ui, form: &mut Form) {
    ui.label("After the peer's FIN");
    ui.vertical(|ui| {
        ui.checkbox(&mut form.keep_half_open, KEEP_HALF_OPEN);
        let note = if form.keep_half_open { KEEP_HALF_OPEN_ON } else { KEEP_HALF_OPEN_OFF };
        ui.add(egui::Label::new(RichText::new(note).small().weak()).wrap());
    });
    ui.end_row();
}

fn host_and_port(ui: &mut egui::Ui, form: &mut Form, errors: &[(Field, String)]) {
    let server_side = form.kind != EndpointKind::TcpClient;
    let l = ui.label(if server_side { "Bind to host" } else { "Connect to host" });
    ui.vertical(|ui| {
        ui.text_edit_singleline(&mut form.host).labelled_by(l.id);
        if server_side {
            ui.horizontal_wrapped(|ui| {
                for (host, tip) in BIND_HOSTS {
                    if ui.small_button(host).on_hover_text(tip).clicked() {
                        form.host = host.into();
                    }
                }
            });
        }
        field_error(ui, errors, Field::Host);
        if form.binds_all_interfaces() {
            ui.label(
                RichText::new("⚠ All interfaces: other machines on the network can connect.")
                    .color(style::warn_color(ui))
                    .strong(),
            );
        }
    });
    ui.end_row();
    let l = ui.label("Port");
    ui.vertical(|ui| {
        ui.text_edit_singleline(&mut form.port).labelled_by(l.id);
        if server_side {
            ui.label(RichText::new("0 lets the OS pick a free port").small().weak());
        }
        field_error(ui, errors, Field::Port);
    });
    ui.end_row();
}

fn reply_mode(ui: &mut egui::Ui, form: &mut Form) {
    let reply = ui.label("Reply mode");
    ui.vertical(|ui| {
        egui::ComboBox::from_id_salt("form-reply")
            .selected_text(form.reply.name())
            .show_ui(ui, |ui| {
                for &m in form.kind.reply_modes() {
                    ui.selectable_value(&mut form.reply, m, m.name()).on_hover_text(m.describe());
                }
            })
            .response
            .labelled_by(reply.id);
        ui.label(RichText::new(form.reply.describe()).small().weak());
    });
    ui.end_row();
}

/// One row per option: enable it, its value, and why it cannot apply.
fn options(ui: &mut egui::Ui, form: &mut Form, errors: &[(Field, String)]) {
    let class = form.kind.class();
    let ipv6 = form.ipv6();
    for f in form.options.iter_mut() {
        let na = f.opt.not_applicable(class, ipv6);
        ui.add_enabled_ui(na.is_none(), |ui| ui.checkbox(&mut f.enabled, f.opt.c_name()).on_hover_text(f.opt.doc()))
            .inner
            .on_disabled_hover_text(na.unwrap_or_default());
        let is_bool = matches!(f.opt.default_value(), OptValue::Bool(_));
        if !is_bool && f.enabled && na.is_none() {
            ui.add(egui::TextEdit::singleline(&mut f.value).desired_width(90.0).hint_text("value"));
        } else {
            ui.label("");
        }
        ui.vertical(|ui| {
            if f.opt.phase() == Phase::BeforeBind {
                ui.label(RichText::new("before bind only").small().weak());
            }
            field_error(ui, errors, Field::Option(f.opt));
        });
        ui.end_row();
    }
}

/// Start (only when the form is valid) and Cancel; true when the form should close.
fn buttons(ui: &mut egui::Ui, form: &Form, actions: &mut Vec<Action>) -> bool {
    let mut close = false;
    ui.horizontal(|ui| {
        let result = form.validate();
        let start = ui.add_enabled(result.is_ok(), egui::Button::new(RichText::new("▶ Start").strong()));
        if let Ok(spec) = result {
            if start.clicked() {
                actions.push(Action::Open { name: form.name.trim().to_string(), spec });
                close = true;
            }
        } else {
            start.on_disabled_hover_text("fix the fields marked ⚠ first");
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    close
}
