//! The bottom panel: the syscall-like timeline, filterable by endpoint and
//! kind. Errors show the errno and the plain-language cause and fix.

use std::collections::HashSet;

use egui::RichText;

use super::style;
use crate::model::{LogEntry, LogKind, Model};
use crate::net::EndpointId;

#[derive(Default)]
pub struct LogView {
    pub endpoint: Option<EndpointId>,
    pub hidden: HashSet<LogKind>,
    pub search: String,
}

impl LogView {
    fn keeps(&self, e: &LogEntry, needle: &str) -> bool {
        self.endpoint.is_none_or(|id| id == e.endpoint)
            && !self.hidden.contains(&e.kind)
            && (needle.is_empty() || e.summary.to_lowercase().contains(needle))
    }
}

pub fn show(ui: &mut egui::Ui, model: &Model, view: &mut LogView) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Event log").strong());
        let name = view.endpoint.map(|id| model.name_of(id).to_string()).unwrap_or_else(|| "all endpoints".into());
        let shown = ui.label("show");
        egui::ComboBox::from_id_salt("log-endpoint")
            .selected_text(name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.endpoint, None, "all endpoints");
                for ep in model.endpoints.values() {
                    ui.selectable_value(&mut view.endpoint, Some(ep.id), &ep.name);
                }
            })
            .response
            .labelled_by(shown.id);
        for k in LogKind::ALL {
            let mut shown = !view.hidden.contains(&k);
            if ui.checkbox(&mut shown, k.label()).changed() {
                if shown {
                    view.hidden.remove(&k);
                } else {
                    view.hidden.insert(k);
                }
            }
        }
        ui.add(egui::TextEdit::singleline(&mut view.search).hint_text("🔍 filter").desired_width(120.0));
        if model.log.dropped > 0 {
            ui.label(RichText::new(format!("({} older entries dropped)", model.log.dropped)).small().weak());
        }
    });
    ui.separator();
    let needle = view.search.to_lowercase();
    let rows: Vec<&LogEntry> = model.log.entries().iter().filter(|e| view.keeps(e, &needle)).collect();
    let row_h = ui.text_style_height(&egui::TextStyle::Monospace) + 2.0;
    egui::ScrollArea::vertical().auto_shrink([false, false]).stick_to_bottom(true).show_rows(
        ui,
        row_h,
        rows.len(),
        |ui, range| {
            for e in &rows[range] {
                row(ui, e);
            }
        },
    );
}

fn row(ui: &mut egui::Ui, e: &LogEntry) {
    let error = e.kind == LogKind::Error;
    ui.horizontal(|ui| {
        ui.label(RichText::new(style::clock(e.time)).monospace().weak());
        let h = ui.text_style_height(&egui::TextStyle::Monospace);
        ui.allocate_ui_with_layout(egui::vec2(130.0, h), egui::Layout::left_to_right(egui::Align::Center), |ui| {
            ui.set_width(130.0);
            ui.add(egui::Label::new(RichText::new(&e.endpoint_name).small()).truncate());
        });
        let call = RichText::new(format!("{:<11}", e.call)).monospace().strong();
        ui.label(if error { call.color(style::error_color(ui)) } else { call });
        let text = match (&e.errno, &e.hint) {
            (_, Some(hint)) => e.summary.to_string().replace(&format!(". {hint}"), &format!(" — {hint}")),
            _ => e.summary.clone(),
        };
        let label = RichText::new(text).monospace();
        let label = if error { label.color(style::error_color(ui)) } else { label };
        let r = ui.add(egui::Label::new(label).truncate());
        if let Some(hint) = &e.hint {
            r.on_hover_text(format!("{}\n\n{hint}", e.summary));
        }
    });
}
