//! The inspector's TCP section: what the kernel says about the selected TCP
//! socket. Its state as a large badge with a plain explanation, the state
//! machine with the path taken, Recv-Q and Send-Q as bars, rtt and cwnd as
//! live plots, the other TCP_INFO fields (each explained on hover), and the
//! peer as the kernel sees it when socklab does not own it. While the section
//! is open the app keeps the endpoint watched (`Action::TcpShown`).

use std::time::SystemTime;

use egui::{Color32, RichText};
use egui_plot::{Line, Plot, PlotPoints};

use super::{Action, Selection, style};
use crate::model::{EndpointState, TcpView};
use crate::net::EndpointKind;
use crate::net::kernel::text::{FIELDS, field_text, state_explanation};
use crate::net::kernel::{self, TcpInfo, TcpState};
use crate::t;

/// The section's heading (tests find the section by it).
pub fn heading() -> String {
    t!("tcp-heading")
}

/// The section, for TCP endpoints only; one call from the inspector.
pub fn section(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection, actions: &mut Vec<Action>) {
    if !matches!(ep.spec.kind, EndpointKind::TcpServer | EndpointKind::TcpClient) {
        return;
    }
    ui.add_space(6.0);
    egui::CollapsingHeader::new(RichText::new(heading()).strong())
        .id_salt(("tcp-panel", ep.id))
        .default_open(true)
        .show(ui, |ui| {
            actions.push(Action::TcpShown(ep.id));
            body(ui, ep, sel);
        });
}

fn body(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection) {
    if !kernel::AVAILABLE {
        ui.add(egui::Label::new(RichText::new(t!("tcp-linux-only")).color(style::warn_color(ui))).wrap());
        return;
    }
    let conn = shown_conn(ep, sel);
    let Some(view) = ep.tcp.get(conn).filter(|v| v.state.is_some()) else {
        let why = if ep.stopped { t!("tcp-never-watched") } else { t!("tcp-waiting") };
        ui.add(egui::Label::new(RichText::new(why).weak()).wrap());
        return;
    };
    badge(ui, view);
    ui.add_space(4.0);
    super::tcp_machine::show(ui, view.state, &view.path);
    if let Some(info) = &view.info {
        ui.add_space(4.0);
        queues(ui, view, info);
        plots(ui, ep.id, conn, view);
        fields(ui, info);
    }
    if let Some(peer) = &view.peer {
        ui.add_space(4.0);
        let line = t!(
            "tcp-peer",
            state = peer.state.to_string(),
            recv = style::byte_count(peer.recv_q as u64),
            send = style::byte_count(peer.send_q as u64)
        );
        ui.add(egui::Label::new(RichText::new(line).strong()).wrap());
    }
    if ep.is_server() && sel.conn.is_none() {
        connections(ui, ep);
    }
}

/// The selected socket's state as the large badge, when the kernel has reported it (the presenter layout).
pub fn state_badge(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection) {
    if let Some(view) = ep.tcp.get(shown_conn(ep, sel)).filter(|v| v.state.is_some()) {
        badge(ui, view);
    }
}

/// A client's own socket is connection 0; a server without a connection picked shows its listener.
fn shown_conn(ep: &EndpointState, sel: Selection) -> Option<crate::net::ConnId> {
    if ep.is_server() { sel.conn } else { Some(sel.conn.unwrap_or(0)) }
}

/// The state, large, with what it means.
fn badge(ui: &mut egui::Ui, view: &TcpView) {
    let state = view.state.unwrap_or(TcpState::Closed);
    let colour = state_colour(state, ui.visuals().dark_mode);
    egui::Frame::new().fill(colour).corner_radius(6.0).inner_margin(egui::Margin::symmetric(10, 4)).show(ui, |ui| {
        ui.label(RichText::new(state.name()).size(26.0).strong().color(Color32::WHITE));
    });
    ui.add(egui::Label::new(state_explanation(state)).wrap());
    if view.after_close {
        ui.add(egui::Label::new(RichText::new(t!("tcp-after-close")).weak()).wrap());
    }
}

fn state_colour(s: TcpState, dark: bool) -> Color32 {
    let c = match s {
        TcpState::Established => Color32::from_rgb(30, 130, 60),
        TcpState::Listen => Color32::from_rgb(30, 100, 160),
        TcpState::SynSent | TcpState::SynRecv => Color32::from_rgb(150, 110, 20),
        TcpState::Closed => Color32::from_rgb(100, 100, 100),
        TcpState::TimeWait => Color32::from_rgb(110, 60, 150),
        _ => Color32::from_rgb(180, 90, 20),
    };
    if dark { c } else { c.gamma_multiply(0.95) }
}

/// Recv-Q and Send-Q as bars against their peak over the kept samples.
fn queues(ui: &mut egui::Ui, view: &TcpView, info: &TcpInfo) {
    for (key, now, peak) in [
        ("recv_q", info.recv_q, view.samples.iter().map(|s| s.1.recv_q).max().unwrap_or(0)),
        ("send_q", info.send_q, view.samples.iter().map(|s| s.1.send_q).max().unwrap_or(0)),
    ] {
        let Some(f) = field_text(key) else { continue };
        let peak = peak.max(now).max(1);
        let (now_text, peak_text) = (style::byte_count(now as u64), style::byte_count(peak as u64));
        let text = t!("tcp-queue", label = f.label(), now = now_text, peak = peak_text);
        ui.add(egui::ProgressBar::new(now as f32 / peak as f32).text(text)).on_hover_text(f.explain());
    }
}

/// rtt and cwnd over the last minute.
fn plots(ui: &mut egui::Ui, id: crate::net::EndpointId, conn: Option<crate::net::ConnId>, view: &TcpView) {
    let now = SystemTime::now();
    let ago = |t: SystemTime| -(now.duration_since(t).unwrap_or_default().as_secs_f64());
    let series =
        |pick: fn(&TcpInfo) -> f64| -> PlotPoints { view.samples.iter().map(|(t, i)| [ago(*t), pick(i)]).collect() };
    let plotted = [
        ("rtt", t!("tcp-plot-rtt"), series(|i| i.rtt_us as f64)),
        ("cwnd", t!("tcp-plot-cwnd"), series(|i| i.cwnd as f64)),
    ];
    for (key, name, points) in plotted {
        ui.label(RichText::new(&name).small().weak());
        Plot::new(("tcp-plot", id, conn, key))
            .height(60.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .show_axes([false, true])
            .include_x(-60.0)
            .include_x(0.0)
            .include_y(0.0)
            .x_axis_label(t!("tcp-seconds-ago"))
            .show(ui, |p| p.line(Line::new(name, points)));
    }
}

/// The other fields, one a line (wrapped, never a grid that lags a frame behind a growing value), each explained on hover.
fn fields(ui: &mut egui::Ui, info: &TcpInfo) {
    let Ok(serde_json::Value::Object(values)) = serde_json::to_value(info) else { return };
    for f in FIELDS.iter().filter(|f| !matches!(f.key, "state" | "recv_q" | "send_q")) {
        let value = match values.get(f.key) {
            Some(_) if f.key == "ssthresh" && info.ssthresh_is_infinite() => "∞".to_string(),
            Some(v) => format!("{v} {}", f.unit.text()),
            None => continue,
        };
        ui.add(egui::Label::new(RichText::new(t!("tcp-field", label = f.label(), value = value)).small()).wrap())
            .on_hover_text(f.explain());
    }
}

/// A server's connections with their states, when none is picked.
fn connections(ui: &mut egui::Ui, ep: &EndpointState) {
    let conns: Vec<_> = ep.tcp.iter().filter_map(|(c, v)| Some((c?, v.state?))).collect();
    if conns.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new(t!("tcp-connections")).strong());
    for (c, state) in conns {
        ui.label(format!("#{c}: {state}"));
    }
}
