//! The right panel: addresses (getsockname/getpeername), state, counters, a
//! live throughput plot, and every socket option with the value asked for and
//! the value the kernel actually kept.

use std::collections::HashMap;
use std::time::SystemTime;

use egui::RichText;
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::{Action, Selection, style};
use crate::model::EndpointState;
use crate::net::{Command, ConnId, EndpointId, OptValue, Phase, SockOpt};

#[derive(Default)]
pub struct InspectorView {
    /// What the user is typing for an option, before pressing Set.
    edits: HashMap<OptionKey, String>,
    errors: HashMap<OptionKey, String>,
}

pub fn show(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    sel: Selection,
    view: &mut InspectorView,
    actions: &mut Vec<Action>,
) {
    // Both ways: on a narrow window the option table scrolls instead of spilling out.
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        ui.heading(&ep.name);
        ui.horizontal(|ui| {
            style::badge(ui, sel.conn.and_then(|c| ep.conns.get(&c)).map(|c| c.status()).unwrap_or(ep.status));
            ui.label(RichText::new(ep.spec.kind.label()).weak());
            if ep.spec.kind.reply_modes().len() > 1 {
                ui.label(RichText::new(format!("reply: {}", ep.reply.name())).weak());
            }
        });
        if let Some(err) = &ep.last_error {
            last_error(ui, err);
        }
        ui.add_space(6.0);
        record(ui, ep, actions);
        ui.add_space(6.0);
        addresses(ui, ep, sel);
        ui.add_space(6.0);
        counters(ui, ep, sel);
        ui.add_space(6.0);
        egui::CollapsingHeader::new(RichText::new("Throughput").strong())
            .default_open(true)
            .show(ui, |ui| plot(ui, ep));
        ui.add_space(6.0);
        egui::CollapsingHeader::new(RichText::new("Socket options").strong()).default_open(true).show(ui, |ui| {
            options(ui, ep, sel, view, actions);
        });
    });
}

fn last_error(ui: &mut egui::Ui, err: &crate::net::NetError) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, style::error_color(ui)))
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            let head = match &err.errno {
                Some(e) => format!("{} failed: {e}", err.call),
                None => format!("{} failed", err.call),
            };
            ui.label(RichText::new(head).color(style::error_color(ui)).strong());
            ui.label(&err.message);
            if !err.hint.is_empty() {
                ui.label(RichText::new(format!("Why and what to do: {}", err.hint)).italics());
            }
        });
}

fn addresses(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection) {
    let (local, peer) = match sel.conn.and_then(|c| ep.conns.get(&c)) {
        Some(c) => (Some(c.local.to_string()), Some(c.peer.to_string())),
        None => (ep.local.as_ref().map(|a| a.to_string()), ep.peer.as_ref().map(|a| a.to_string())),
    };
    egui::Grid::new(("addr", ep.id)).num_columns(2).show(ui, |ui| {
        ui.label("Local").on_hover_text("getsockname(): this socket's own address");
        ui.label(RichText::new(local.unwrap_or_else(|| "—".into())).monospace());
        ui.end_row();
        ui.label("Peer").on_hover_text("getpeername(): the other end of the connection");
        let peer = peer.unwrap_or_else(|| {
            if ep.is_server() && sel.conn.is_none() {
                "(a listening socket has no peer: pick a connection)".into()
            } else if ep.spec.kind.is_datagram() {
                "(not connected: each datagram names its own)".into()
            } else {
                "—".into()
            }
        });
        ui.label(RichText::new(peer).monospace());
        ui.end_row();
        if ep.local.as_ref().is_some_and(|a| a.is_unspecified()) {
            ui.label("");
            ui.label(
                RichText::new("⚠ bound to all interfaces: reachable from the network").color(style::warn_color(ui)),
            );
            ui.end_row();
        }
    });
}

fn counters(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection) {
    let (bin, bout, min, mout) = match sel.conn.and_then(|c| ep.conns.get(&c)) {
        Some(c) => (c.bytes_in, c.bytes_out, c.msgs_in, c.msgs_out),
        None => (ep.bytes_in, ep.bytes_out, ep.msgs_in, ep.msgs_out),
    };
    let (rin, rout) = ep.rates.current(SystemTime::now());
    egui::Grid::new(("counters", ep.id)).num_columns(3).show(ui, |ui| {
        ui.label("");
        ui.label(RichText::new("in (recv)").strong());
        ui.label(RichText::new("out (send)").strong());
        ui.end_row();
        ui.label("bytes");
        ui.label(RichText::new(bin.to_string()).monospace());
        ui.label(RichText::new(bout.to_string()).monospace());
        ui.end_row();
        ui.label("calls");
        ui.label(RichText::new(min.to_string()).monospace());
        ui.label(RichText::new(mout.to_string()).monospace());
        ui.end_row();
        ui.label("rate");
        ui.label(RichText::new(format!("{}/s", style::bytes(rin))).monospace());
        ui.label(RichText::new(format!("{}/s", style::bytes(rout))).monospace());
        ui.end_row();
    });
    if ep.is_server() {
        ui.label(format!("{} connected, {} closed", ep.conns.len(), ep.conns_closed));
    }
    if ep.spec.kind.is_datagram() {
        let (engine, kernel) = ep.loss;
        let kernel = kernel.map(|k| k.to_string()).unwrap_or_else(|| "0 reported".into());
        ui.label(format!("datagrams lost: {engine} by socklab, {kernel} by the kernel"))
            .on_hover_text("The kernel's count comes from SO_RXQ_OVFL (Linux): datagrams that arrived while the receive buffer was full");
        if kernel_dropped(ep) > 0 {
            ui.label(
                RichText::new("The kernel dropped datagrams because this socket's receive buffer was full: raise SO_RCVBUF below (UDP has no flow control).")
                    .small()
                    .color(style::warn_color(ui)),
            );
        }
    }
}

fn plot(ui: &mut egui::Ui, ep: &EndpointState) {
    let series = ep.rates.series(SystemTime::now());
    let pts_in: PlotPoints = series.iter().map(|&(t, i, _)| [t, i]).collect();
    let pts_out: PlotPoints = series.iter().map(|&(t, _, o)| [t, o]).collect();
    Plot::new(("throughput", ep.id))
        .height(130.0)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(-60.0)
        .include_x(0.0)
        .include_y(0.0)
        .x_axis_label("seconds ago")
        .show(ui, |p| {
            p.line(Line::new("in", pts_in));
            p.line(Line::new("out", pts_out));
        });
}

fn options(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection, view: &mut InspectorView, actions: &mut Vec<Action>) {
    // A server's listening socket, or the selected connection's own socket.
    let conn = if ep.is_server() { sel.conn } else { None };
    let which = match conn {
        Some(c) => format!("connection #{c}'s socket"),
        None if ep.is_server() => "the listening socket (accepted connections inherit most of these)".into(),
        None => "this socket".into(),
    };
    ui.label(RichText::new(format!("Showing {which}. Values read back with getsockopt().")).small().weak());
    let open = ep.status.is_open() && !ep.stopped;
    let Some(values) = ep.options.get(&conn) else {
        if open && ui.button("Read options").clicked() {
            actions.push(Action::Engine(Command::ReadOptions { id: ep.id, conn }));
        }
        return;
    };
    let class = ep.spec.kind.class();
    let ipv6 = matches!(&ep.local, Some(crate::net::Addr::Inet(a)) if a.is_ipv6());
    egui::Grid::new(("options", ep.id, conn)).num_columns(3).striped(true).spacing([10.0, 4.0]).show(ui, |ui| {
        ui.label(RichText::new("option").strong());
        ui.label(RichText::new("asked → kernel").strong());
        ui.label(RichText::new("change").strong());
        ui.end_row();
        for opt in SockOpt::ALL {
            if matches!(opt, SockOpt::LeaveMulticast) {
                continue;
            }
            let na = opt.not_applicable(class, ipv6);
            let view_val = values.get(&opt);
            if na.is_some() && view_val.is_none() {
                continue;
            }
            let name = ui.label(RichText::new(opt.c_name()).monospace()).on_hover_text(opt.doc());
            let shown = match view_val {
                Some(v) => {
                    let eff = match &v.effective {
                        Ok(e) => e.to_string(),
                        Err(e) => format!("({e})"),
                    };
                    match &v.requested {
                        Some(r) if r.to_string() != eff => format!("{r} → {eff}"),
                        Some(_) => format!("{eff} ✔"),
                        None => eff,
                    }
                }
                None if opt == SockOpt::JoinMulticast => "no group joined".into(),
                None => "—".into(),
            };
            ui.label(RichText::new(shown).monospace());
            let too_late = opt.phase() == Phase::BeforeBind;
            let read_only = opt.phase() == Phase::ReadOnly;
            let reason = if !open {
                Some("the socket is closed")
            } else if read_only {
                Some("read-only: the kernel reports it")
            } else if too_late {
                Some("before bind() only: set it in the New endpoint form")
            } else {
                na
            };
            ui.horizontal(|ui| match reason {
                Some(why) => {
                    let short = why.split(':').next().unwrap_or(why);
                    ui.label(RichText::new(short).small().weak()).on_hover_text(why);
                }
                None => {
                    let current = view_val.and_then(|v| v.effective.clone().ok());
                    option_editor(ui, name.id, (ep.id, conn, opt), current, view, actions)
                }
            });
            ui.end_row();
        }
    });
    if open && ui.small_button("Read all again").on_hover_text("getsockopt() for every option").clicked() {
        actions.push(Action::Engine(Command::ReadOptions { id: ep.id, conn }));
    }
}

/// Which option of which socket an editor changes.
type OptionKey = (EndpointId, Option<ConnId>, SockOpt);

fn option_editor(
    ui: &mut egui::Ui,
    label: egui::Id,
    key: OptionKey,
    current: Option<OptValue>,
    view: &mut InspectorView,
    actions: &mut Vec<Action>,
) {
    let (id, conn, opt) = key;
    if let Some(OptValue::Bool(on)) = current {
        let mut v = on;
        if ui.checkbox(&mut v, if on { "on" } else { "off" }).labelled_by(label).on_hover_text(opt.doc()).changed() {
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
    let edit = ui.add(egui::TextEdit::singleline(text).desired_width(80.0).hint_text(opt.name())).labelled_by(label);
    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ui.small_button("Set").on_hover_text("setsockopt(), then read it back").clicked() || enter {
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

/// Record every byte in and out to a file: exact, whatever the view keeps.
fn record(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| match &ep.capture {
        Some(path) => {
            ui.label(RichText::new(format!("⏺ recording to {path}")).color(style::error_color(ui)));
            if ui.small_button("Stop recording").clicked() {
                actions.push(Action::Record { endpoint: ep.id, on: false });
            }
        }
        None if ep.status.is_open()
            && !ep.stopped
            && ui
                .button("⏺ Record to file…")
                .on_hover_text("Write every byte sent and received, with time, direction and peer, to a file")
                .clicked() =>
        {
            actions.push(Action::Record { endpoint: ep.id, on: true });
        }
        None => {}
    });
}

fn kernel_dropped(ep: &EndpointState) -> u64 {
    ep.loss.1.unwrap_or(0)
}
