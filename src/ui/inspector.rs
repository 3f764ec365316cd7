//! The right panel: addresses (getsockname/getpeername), state, counters, a
//! live throughput plot, and every socket option with the value asked for and
//! the value the kernel actually kept.

use std::collections::HashMap;
use std::time::SystemTime;

use egui::RichText;
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::{Action, Selection, style};
use crate::model::EndpointState;
use crate::net::EndpointId;
use crate::t;

/// Shown under the loss counts while a burst may still add to them.
pub fn still_counting() -> String {
    format!("⏳ {}", t!("inspector-still-counting"))
}

#[derive(Default)]
pub struct InspectorView {
    /// What the user is typing for each option, before pressing Set.
    options: super::option_table::Edits,
    /// Framing and rules being edited, per endpoint, before Apply.
    drafts: HashMap<EndpointId, super::rules_editor::Draft>,
}

/// Two columns (summary | options) from this width, as in the wide bottom dock.
const TWO_COLUMNS_FROM: f32 = 720.0;

pub fn show(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    sel: Selection,
    view: &mut InspectorView,
    actions: &mut Vec<Action>,
) {
    // Vertical scrolling only: what is wider than the panel wraps instead of leaving it.
    if ui.available_width() >= TWO_COLUMNS_FROM {
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("inspector-summary")
                .auto_shrink([false, false])
                .show(&mut cols[0], |ui| summary(ui, ep, sel, actions));
            egui::ScrollArea::vertical()
                .id_salt("inspector-options")
                .auto_shrink([false, false])
                .show(&mut cols[1], |ui| option_section(ui, ep, sel, view, actions));
        });
        return;
    }
    egui::ScrollArea::vertical().id_salt("inspector").auto_shrink([false, false]).show(ui, |ui| {
        summary(ui, ep, sel, actions);
        ui.add_space(6.0);
        option_section(ui, ep, sel, view, actions);
    });
}

/// Name, state, the last error, recording, addresses, counters and the plot.
fn summary(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection, actions: &mut Vec<Action>) {
    ui.add(egui::Label::new(RichText::new(&ep.name).heading()).wrap());
    style::toolbar(ui, |ui| {
        style::badge(ui, sel.conn.and_then(|c| ep.conns.get(&c)).map(|c| c.status()).unwrap_or(ep.status));
        ui.label(RichText::new(style::kind_name(ep.spec.kind)).weak());
        let rules = ep.spec.rules.len();
        if rules > 0 {
            // The endpoint's own rules answer first; its reply mode only after them.
            let text = match ep.reply {
                crate::net::ReplyMode::None => t!("inspector-reply-rules", count = rules),
                mode => t!("inspector-reply-rules-then", count = rules, mode = mode.name()),
            };
            ui.label(RichText::new(text).weak());
        } else if ep.spec.kind.reply_modes().len() > 1 {
            ui.label(RichText::new(t!("inspector-reply", mode = ep.reply.name())).weak());
        }
    });
    if let Some(note) = half_close(ep, sel) {
        ui.add(egui::Label::new(RichText::new(note).color(style::warn_color(ui))).wrap());
    }
    if let Some(err) = &ep.last_error {
        let r = style::error_box(ui, err, |_| {});
        // A new error is scrolled to once, where the eye is.
        let seen = egui::Id::unique(("inspector-error-seen", ep.id));
        if ui.data(|d| d.get_temp::<u64>(seen)) != Some(ep.errors) {
            r.scroll_to_me(Some(egui::Align::Min));
            ui.data_mut(|d| d.insert_temp(seen, ep.errors));
        }
    }
    ui.add_space(6.0);
    record(ui, ep, actions);
    ui.add_space(6.0);
    addresses(ui, ep, sel);
    ui.add_space(6.0);
    counters(ui, ep, sel);
    ui.add_space(6.0);
    egui::CollapsingHeader::new(RichText::new(t!("inspector-throughput")).strong())
        .default_open(true)
        .show(ui, |ui| plot(ui, ep));
    super::tcp_panel::section(ui, ep, sel, actions);
}

fn option_section(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    sel: Selection,
    view: &mut InspectorView,
    actions: &mut Vec<Action>,
) {
    egui::CollapsingHeader::new(RichText::new(super::rules_editor::section()).strong())
        .default_open(true)
        .show(ui, |ui| super::rules_editor::show(ui, ep, &mut view.drafts, actions));
    egui::CollapsingHeader::new(RichText::new(t!("inspector-socket-options")).strong())
        .default_open(true)
        .show(ui, |ui| super::option_table::show(ui, ep, sel, &mut view.options, actions));
}

/// One "name  value" line; a long value wraps in the room right of its name.
fn field(ui: &mut egui::Ui, name: &str, tip: &str, value: RichText) {
    ui.horizontal(|ui| {
        ui.add(egui::Label::new(name).extend()).on_hover_text(tip);
        ui.add(egui::Label::new(value).wrap());
    });
}

/// The selected connection's half-close, or a client's own.
fn half_close(ep: &EndpointState, sel: Selection) -> Option<String> {
    let conn = match sel.conn {
        Some(c) => ep.conns.get(&c),
        None if !ep.is_server() => ep.conns.values().next(),
        None => None,
    }?;
    style::half_close_text(conn.peer_closed, conn.we_shut)
}

fn addresses(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection) {
    let (local, peer) = match sel.conn.and_then(|c| ep.conns.get(&c)) {
        Some(c) => (Some(c.local.to_string()), Some(c.peer.to_string())),
        None => (ep.local.as_ref().map(|a| a.to_string()), ep.peer.as_ref().map(|a| a.to_string())),
    };
    let local = RichText::new(local.unwrap_or_else(|| "—".into())).monospace();
    field(ui, &t!("inspector-local"), &t!("inspector-local.hint"), local);
    let peer = match peer {
        Some(p) => RichText::new(p).monospace(),
        None if ep.is_server() && sel.conn.is_none() => RichText::new(t!("inspector-peer-none-listening")).weak(),
        None if ep.spec.kind.is_datagram() => RichText::new(t!("inspector-peer-none-datagram")).weak(),
        None => RichText::new("—").monospace(),
    };
    field(ui, &t!("inspector-peer"), &t!("inspector-peer.hint"), peer);
    if ep.local.as_ref().is_some_and(|a| a.is_unspecified()) {
        ui.add(
            egui::Label::new(
                RichText::new(format!("⚠ {}", t!("inspector-all-interfaces"))).color(style::warn_color(ui)),
            )
            .wrap(),
        );
    }
}

fn counters(ui: &mut egui::Ui, ep: &EndpointState, sel: Selection) {
    let (bin, bout, min, mout) = match sel.conn.and_then(|c| ep.conns.get(&c)) {
        Some(c) => (c.bytes_in, c.bytes_out, c.msgs_in, c.msgs_out),
        None => (ep.bytes_in, ep.bytes_out, ep.msgs_in, ep.msgs_out),
    };
    let (rin, rout) = ep.rates.current(SystemTime::now());
    // Columns as wide as "999.9 kB/s" from the start: a grid sizes them from the
    // last frame, so a value that grows would be cut for a frame.
    let mono = egui::TextStyle::Monospace.resolve(ui.style());
    let column = 10.0 * ui.ctx().fonts_mut(|f| f.glyph_width(&mono, '0'));
    egui::Grid::new(("counters", ep.id)).num_columns(3).min_col_width(column).show(ui, |ui| {
        ui.label("");
        ui.label(RichText::new(t!("inspector-in")).strong());
        ui.label(RichText::new(t!("inspector-out")).strong());
        ui.end_row();
        ui.label(t!("inspector-bytes"));
        ui.label(RichText::new(style::count(bin)).monospace());
        ui.label(RichText::new(style::count(bout)).monospace());
        ui.end_row();
        ui.label(t!("inspector-calls"));
        ui.label(RichText::new(style::count(min)).monospace());
        ui.label(RichText::new(style::count(mout)).monospace());
        ui.end_row();
        ui.label(t!("inspector-rate"));
        ui.label(RichText::new(format!("{}/s", style::bytes(rin))).monospace());
        ui.label(RichText::new(format!("{}/s", style::bytes(rout))).monospace());
        ui.end_row();
    });
    if ep.is_server() {
        ui.label(t!("inspector-server-conns", connected = ep.conns.len(), closed = ep.conns_closed));
    }
    if ep.spec.kind.is_datagram() {
        let (engine, kernel) = ep.loss;
        let lost = match kernel {
            Some(kernel) => t!("inspector-lost", engine = engine, kernel = kernel),
            None => t!("inspector-lost-unreported", engine = engine),
        };
        ui.add(egui::Label::new(lost).wrap()).on_hover_text(t!("inspector-lost.hint"));
        if ep.echo_dropped > 0 {
            let text = t!("inspector-echo-dropped", count = ep.echo_dropped);
            ui.add(egui::Label::new(RichText::new(text).color(style::warn_color(ui))).wrap())
                .on_hover_text(t!("inspector-echo-dropped.hint"));
        }
        if ep.loss_counting {
            ui.label(RichText::new(still_counting()).italics().color(style::warn_color(ui)))
                .on_hover_text(t!("inspector-still-counting.hint"));
        }
        if kernel_dropped(ep) > 0 {
            ui.add(
                egui::Label::new(RichText::new(t!("inspector-kernel-dropped")).small().color(style::warn_color(ui)))
                    .wrap(),
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
        .x_axis_label(t!("inspector-plot-seconds-ago"))
        .y_axis_label(t!("inspector-plot-per-second"))
        .y_axis_formatter(|mark, _range| style::bytes(mark.value.max(0.0) as u64))
        .show(ui, |p| {
            p.line(Line::new(t!("inspector-plot-in"), pts_in));
            p.line(Line::new(t!("inspector-plot-out"), pts_out));
        });
}

/// Record every byte in and out to a file: exact, whatever the view keeps.
fn record(ui: &mut egui::Ui, ep: &EndpointState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| match &ep.capture {
        Some(path) => {
            ui.label(
                RichText::new(format!("⏺ {}", t!("inspector-recording", path = path.as_str())))
                    .color(style::error_color(ui)),
            );
            if ui.small_button(t!("inspector-stop-recording")).clicked() {
                actions.push(Action::Record { endpoint: ep.id, on: false });
            }
        }
        None if ep.status.is_open()
            && !ep.stopped
            && ui
                .button(format!("⏺ {}", t!("inspector-record")))
                .on_hover_text(t!("inspector-record.hint"))
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
