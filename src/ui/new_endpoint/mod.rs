//! The "new endpoint" form. Every field is checked as it is typed; the Start
//! button stays disabled until the form is valid, so nothing bad is ever sent.
//! The checks live in [`form`] (pure); this file draws them at their fields.

mod form;

use egui::RichText;

pub use form::{Field, Form, OptionField};

use super::{Action, style};
use crate::net::{EndpointKind, OptValue, Phase, ReplyMode};
use crate::t;

/// Hosts offered for a server, with who could reach it.
fn bind_hosts() -> [(&'static str, String); 4] {
    [
        ("127.0.0.1", t!("form-host-loopback")),
        ("::1", t!("form-host-loopback-v6")),
        ("0.0.0.0", t!("form-host-any-v4")),
        ("::", t!("form-host-any-v6")),
    ]
}

/// The half-open switch's label (tests look it up).
pub fn keep_half_open_label() -> String {
    t!("form-keep-half-open")
}

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
    egui::Window::new(t!("form-title", kind = style::kind_name(form.kind)))
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
                ui.label(RichText::new(t!("form-options")).strong());
                egui::Grid::new("form-options").num_columns(3).show(ui, |ui| options(ui, form, &errors));
            });
            ui.separator();
            close = buttons(ui, form, actions);
        });
    open && !close
}

/// Kind, name, address (or path), default peer and reply mode: one grid row each.
fn main_fields(ui: &mut egui::Ui, form: &mut Form, errors: &[(Field, String)]) {
    let kind = ui.label(t!("form-kind"));
    egui::ComboBox::from_id_salt("form-kind")
        .selected_text(style::kind_name(form.kind))
        .show_ui(ui, |ui| {
            for k in EndpointKind::ALL {
                ui.selectable_value(&mut form.kind, k, style::kind_name(k));
            }
        })
        .response
        .labelled_by(kind.id);
    ui.end_row();
    if !form.kind.reply_modes().contains(&form.reply) {
        form.reply = ReplyMode::None;
    }

    let name_label = ui.label(t!("form-name"));
    ui.vertical(|ui| {
        ui.text_edit_singleline(&mut form.name).labelled_by(name_label.id);
        field_error(ui, errors, Field::Name);
    });
    ui.end_row();

    if form.kind.is_unix() {
        let l = ui.label(t!("form-path"));
        ui.vertical(|ui| {
            ui.text_edit_singleline(&mut form.path).labelled_by(l.id);
            field_error(ui, errors, Field::Path);
        });
        ui.end_row();
    } else {
        host_and_port(ui, form, errors);
    }
    if form.kind.is_datagram() {
        let l = ui.label(t!("form-peer"));
        ui.vertical(|ui| {
            let hint =
                if form.kind == EndpointKind::Udp { t!("form-peer-hint-inet") } else { t!("form-peer-hint-path") };
            ui.add(egui::TextEdit::singleline(&mut form.peer).hint_text(hint)).labelled_by(l.id);
            ui.label(RichText::new(t!("form-peer-note")).small().weak());
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
    ui.label(t!("form-after-fin"));
    ui.vertical(|ui| {
        ui.checkbox(&mut form.keep_half_open, keep_half_open_label());
        let note = if form.keep_half_open { t!("form-keep-half-open.on") } else { t!("form-keep-half-open.off") };
        ui.add(egui::Label::new(RichText::new(note).small().weak()).wrap());
    });
    ui.end_row();
}

fn host_and_port(ui: &mut egui::Ui, form: &mut Form, errors: &[(Field, String)]) {
    let server_side = form.kind != EndpointKind::TcpClient;
    let l = ui.label(if server_side { t!("form-bind-host") } else { t!("form-connect-host") });
    ui.vertical(|ui| {
        ui.text_edit_singleline(&mut form.host).labelled_by(l.id);
        if server_side {
            ui.horizontal_wrapped(|ui| {
                for (host, tip) in bind_hosts() {
                    if ui.small_button(host).on_hover_text(tip).clicked() {
                        form.host = host.into();
                    }
                }
            });
        }
        field_error(ui, errors, Field::Host);
        if form.binds_all_interfaces() {
            ui.label(RichText::new(format!("⚠ {}", t!("form-all-interfaces"))).color(style::warn_color(ui)).strong());
        }
    });
    ui.end_row();
    let l = ui.label(t!("form-port"));
    ui.vertical(|ui| {
        ui.text_edit_singleline(&mut form.port).labelled_by(l.id);
        if server_side {
            ui.label(RichText::new(t!("form-port-zero")).small().weak());
        }
        field_error(ui, errors, Field::Port);
    });
    ui.end_row();
}

fn reply_mode(ui: &mut egui::Ui, form: &mut Form) {
    let reply = ui.label(t!("form-reply"));
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
            ui.add(egui::TextEdit::singleline(&mut f.value).desired_width(90.0).hint_text(t!("form-option-value")));
        } else {
            ui.label("");
        }
        ui.vertical(|ui| {
            if f.opt.phase() == Phase::BeforeBind {
                ui.label(RichText::new(t!("form-before-bind")).small().weak());
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
        let start = ui
            .add_enabled(result.is_ok(), egui::Button::new(RichText::new(format!("▶ {}", t!("form-start"))).strong()));
        if let Ok(spec) = result {
            if start.clicked() {
                actions.push(Action::Open { name: form.name.trim().to_string(), spec });
                close = true;
            }
        } else {
            start.on_disabled_hover_text(t!("form-fix-first"));
        }
        if ui.button(t!("form-cancel")).clicked() {
            close = true;
        }
    });
    close
}
