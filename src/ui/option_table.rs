//! The inspector's socket options: each option of the socket (a server's
//! listening socket or the selected connection's) with the value asked for
//! and the value the kernel kept, and a field to change it where it can be.

use std::collections::HashMap;

use egui::RichText;

use super::{Action, Selection, style};
use crate::model::EndpointState;
use crate::net::{Command, ConnId, EndpointId, OptValue, Phase, SockOpt};
use crate::t;

/// What the user is typing for an option, before pressing Set, and why Set refused it.
#[derive(Default)]
pub struct Edits {
    edits: HashMap<OptionKey, String>,
    errors: HashMap<OptionKey, String>,
}

/// The option table keeps three columns from this width; below, each option takes two lines.
const TABLE_FROM: f32 = 340.0;
/// Room for the "change" column: a value field and Set.
const CHANGE_W: f32 = 124.0;

pub fn show(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection, view: &mut Edits, actions: &mut Vec<Action>) {
    // A server's listening socket, or the selected connection's own socket.
    let conn = if ep.is_server() { sel.conn } else { None };
    let which = match conn {
        Some(c) => t!("inspector-showing-connection", conn = c.to_string()),
        None if ep.is_server() => t!("inspector-showing-listening"),
        None => t!("inspector-showing-socket"),
    };
    ui.add(egui::Label::new(RichText::new(which).small().weak()).wrap());
    let open = ep.status.is_open() && !ep.stopped;
    let Some(values) = ep.options.get(&conn) else {
        if open && ui.button(t!("inspector-read-options")).clicked() {
            actions.push(Action::Engine(Command::ReadOptions { id: ep.id, conn }));
        }
        return;
    };
    let class = ep.spec.kind.class();
    let ipv6 = matches!(&ep.local, Some(crate::net::Addr::Inet(a)) if a.is_ipv6());
    let columns = Columns::for_width(ui.available_width());
    if let Some(c) = &columns {
        let head = |text: String| {
            move |ui: &mut egui::Ui| {
                ui.label(RichText::new(text).strong());
            }
        };
        let heads = [t!("inspector-col-option"), t!("inspector-col-value"), t!("inspector-col-change")];
        let [option, value, change] = heads.map(head);
        c.row(ui, 0, option, value, change);
    }
    let rows = SockOpt::ALL.into_iter().filter(|opt| {
        !matches!(opt, SockOpt::LeaveMulticast)
            && (opt.not_applicable(class, ipv6).is_none() || values.contains_key(opt))
    });
    for (i, opt) in rows.enumerate() {
        let view_val = values.get(&opt);
        let shown = RichText::new(shown_value(opt, view_val)).monospace();
        let reason = if !open {
            Some((t!("inspector-why-closed"), t!("inspector-why-closed.hint")))
        } else if opt.phase() == Phase::ReadOnly {
            Some((t!("inspector-why-read-only"), t!("inspector-why-read-only.hint")))
        } else if opt.phase() == Phase::BeforeBind {
            Some((t!("inspector-why-before-bind"), t!("inspector-why-before-bind.hint")))
        } else {
            // The engine's reason, its short part before the colon.
            opt.not_applicable(class, ipv6)
                .map(|why| (why.split(':').next().unwrap_or(why).to_string(), why.to_string()))
        };
        // The editor is named after its option's label, for screen readers (and tests).
        let name_id = std::cell::Cell::new(egui::Id::NULL);
        let name = |ui: &mut egui::Ui| {
            let r =
                ui.add(egui::Label::new(RichText::new(opt.c_name()).monospace()).truncate()).on_hover_text(opt.doc());
            name_id.set(r.id);
        };
        let value = |ui: &mut egui::Ui| {
            ui.add(egui::Label::new(shown).wrap());
        };
        let change = |ui: &mut egui::Ui| match reason {
            Some((short, why)) => {
                ui.add(egui::Label::new(RichText::new(short).small().weak()).wrap()).on_hover_text(why);
            }
            None => {
                let current = view_val.and_then(|v| v.effective.clone().ok());
                option_editor(ui, name_id.get(), (ep.id, conn, opt), current, view, actions)
            }
        };
        match &columns {
            Some(c) => c.row(ui, i + 1, name, value, change),
            None => stacked_row(
                ui,
                i + 1,
                |ui| {
                    name(ui);
                    value(ui);
                },
                change,
            ),
        }
    }
    if open && ui.small_button(t!("inspector-read-again")).on_hover_text(t!("inspector-read-again.hint")).clicked() {
        actions.push(Action::Engine(Command::ReadOptions { id: ep.id, conn }));
    }
}

/// "asked → kernel": the value read back, and what was asked for when it differs.
fn shown_value(opt: SockOpt, view_val: Option<&crate::model::OptionView>) -> String {
    match view_val {
        Some(v) => {
            let eff = match &v.effective {
                Ok(e) => opt.shown(e),
                Err(e) => format!("({e})"),
            };
            match &v.requested {
                Some(r) if r.to_string() != eff => format!("{r} → {eff}"),
                Some(_) => format!("{eff} ✔"),
                None => eff,
            }
        }
        None if opt == SockOpt::JoinMulticast => t!("inspector-no-group"),
        None => "—".into(),
    }
}

/// Widths of the option table's three columns, fitted to the panel: the
/// change column always keeps its room; the value column wraps in what is left.
struct Columns {
    name: f32,
    value: f32,
    change: f32,
}

impl Columns {
    fn for_width(width: f32) -> Option<Columns> {
        if width < TABLE_FROM {
            return None;
        }
        let name = (width * 0.34).clamp(110.0, 190.0);
        Some(Columns { name, value: width - name - CHANGE_W - 16.0, change: CHANGE_W })
    }

    fn row(
        &self,
        ui: &mut egui::Ui,
        index: usize,
        name: impl FnOnce(&mut egui::Ui),
        value: impl FnOnce(&mut egui::Ui),
        change: impl FnOnce(&mut egui::Ui),
    ) {
        striped(ui, index, |ui| {
            ui.horizontal(|ui| {
                cell(ui, self.name, name);
                cell(ui, self.value, value);
                cell(ui, self.change, change);
            });
        });
    }
}

/// A fixed-width cell that grows down, not sideways.
fn cell(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    let h = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(egui::vec2(width, h), egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.set_width(width);
        add(ui);
    });
}

/// A narrow panel: the name and value on one line (the value wrapping), the change under them.
fn stacked_row(ui: &mut egui::Ui, index: usize, head: impl FnOnce(&mut egui::Ui), change: impl FnOnce(&mut egui::Ui)) {
    striped(ui, index, |ui| {
        ui.horizontal(|ui| head(ui));
        ui.indent("change", |ui| ui.horizontal_wrapped(|ui| change(ui)));
    });
}

/// Every other row on a faint background, as a table is read across.
fn striped(ui: &mut egui::Ui, index: usize, add: impl FnOnce(&mut egui::Ui)) {
    let background = ui.painter().add(egui::Shape::Noop);
    let rect = ui.scope(|ui| ui.push_id(index, add)).response.rect;
    if !index.is_multiple_of(2) {
        let fill = ui.visuals().faint_bg_color;
        ui.painter().set(background, egui::Shape::rect_filled(rect.expand(1.0), 2.0, fill));
    }
}

/// Which option of which socket an editor changes.
type OptionKey = (EndpointId, Option<ConnId>, SockOpt);

fn option_editor(
    ui: &mut egui::Ui,
    label: egui::Id,
    key: OptionKey,
    current: Option<OptValue>,
    view: &mut Edits,
    actions: &mut Vec<Action>,
) {
    let (id, conn, opt) = key;
    if let Some(OptValue::Bool(on)) = current {
        let mut v = on;
        if ui
            .checkbox(&mut v, if on { t!("inspector-on") } else { t!("inspector-off") })
            .labelled_by(label)
            .on_hover_text(opt.doc())
            .changed()
        {
            actions.push(Action::Engine(Command::SetOption { id, conn, opt, value: OptValue::Bool(v) }));
        }
        return;
    }
    let text = view.edits.entry(key).or_insert_with(|| match &current {
        Some(OptValue::Linger(Some(s))) => s.to_string(),
        Some(OptValue::Millis(Some(ms))) => ms.to_string(),
        Some(OptValue::Int(n)) => n.to_string(),
        Some(OptValue::Linger(None) | OptValue::Millis(None)) => "off".into(),
        _ => opt.default_value().to_string(),
    });
    let edit = ui.add(egui::TextEdit::singleline(text).desired_width(64.0).hint_text(opt.name())).labelled_by(label);
    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ui.small_button(t!("inspector-set")).on_hover_text(t!("inspector-set.hint")).clicked() || enter {
        match opt.parse_value(text) {
            Ok(value) => {
                view.errors.remove(&key);
                actions.push(Action::Engine(Command::SetOption { id, conn, opt, value }));
            }
            Err(e) => {
                view.errors.insert(key, e);
            }
        }
    }
    if let Some(e) = view.errors.get(&key) {
        ui.label(RichText::new(format!("⚠ {e}")).color(style::error_color(ui)).small());
    }
}
