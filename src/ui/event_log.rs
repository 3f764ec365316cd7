//! The bottom panel: the syscall-like timeline, filterable by endpoint and
//! kind. Errors show the errno and the plain-language cause and fix.

use std::collections::{HashSet, VecDeque};

use egui::RichText;

use super::style;
use crate::model::{EventLog, LogEntry, LogKind, Model};
use crate::net::EndpointId;
use crate::t;
use crate::util::clock::local_time;

#[derive(Default)]
pub struct LogView {
    pub endpoint: Option<EndpointId>,
    pub hidden: HashSet<LogKind>,
    pub search: String,
    matches: Matches,
}

/// The numbers of the log entries the filter keeps. Each entry is looked at
/// (and its text lower-cased) once per filter, not once per frame; entries
/// that leave the log leave this list too, so it is never longer than the log.
#[derive(Default)]
struct Matches {
    /// The filter the rows were found with, and the log's words then (a
    /// language switch words the entries again: the search must look again).
    filter: Option<(Option<EndpointId>, HashSet<LogKind>, String, u64)>,
    /// Entries numbered below this have been looked at.
    scanned: u64,
    rows: VecDeque<u64>,
}

impl Matches {
    /// Catches up with the log; returns how many entries were looked at.
    fn update(
        &mut self,
        log: &EventLog,
        endpoint: Option<EndpointId>,
        hidden: &HashSet<LogKind>,
        search: &str,
    ) -> usize {
        let words = log.revision();
        let same = self
            .filter
            .as_ref()
            .is_some_and(|(e, h, s, w)| *e == endpoint && h == hidden && s == search && *w == words);
        if !same {
            let filter = (endpoint, hidden.clone(), search.to_string(), words);
            *self = Matches { filter: Some(filter), ..Default::default() };
        }
        let first = log.first_number();
        while self.rows.front().is_some_and(|&n| n < first) {
            self.rows.pop_front();
        }
        let needle = search.to_lowercase();
        let start = self.scanned.max(first);
        let end = first + log.entries().len() as u64;
        for n in start..end {
            if let Some(e) = log.get(n)
                && endpoint.is_none_or(|id| id == e.endpoint)
                && !hidden.contains(&e.kind)
                && (needle.is_empty() || e.summary.to_lowercase().contains(&needle))
            {
                self.rows.push_back(n);
            }
        }
        self.scanned = end;
        usize::try_from(end - start).unwrap_or(usize::MAX)
    }
}

pub fn show(ui: &mut egui::Ui, model: &Model, view: &mut LogView) {
    filters(ui, model, view);
    ui.separator();
    let before = view.matches.filter.clone();
    view.matches.update(&model.log, view.endpoint, &view.hidden, &view.search);
    let rows = &view.matches.rows;
    let row_h = ui.text_style_height(&egui::TextStyle::Monospace) + 2.0;
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]).stick_to_bottom(true);
    // A new filter (or the filter cleared) shows the newest entries and follows them again.
    if before.is_some() && before != view.matches.filter {
        scroll = scroll.vertical_scroll_offset(rows.len() as f32 * (row_h + ui.spacing().item_spacing.y));
    }
    scroll.show_rows(ui, row_h, rows.len(), |ui, range| {
        for e in rows.range(range).filter_map(|&n| model.log.get(n)) {
            row(ui, e);
        }
    });
}

fn filters(ui: &mut egui::Ui, model: &Model, view: &mut LogView) {
    style::toolbar(ui, |ui| {
        let name = view.endpoint.map(|id| model.name_of(id).to_string()).unwrap_or_else(|| t!("log-all-endpoints"));
        let shown = ui.label(t!("log-show"));
        egui::ComboBox::from_id_salt("log-endpoint")
            .selected_text(name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.endpoint, None, t!("log-all-endpoints"));
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
        ui.add(
            egui::TextEdit::singleline(&mut view.search)
                .hint_text(format!("🔍 {}", t!("log-filter")))
                .desired_width(120.0),
        );
        if !view.search.is_empty() && ui.small_button("✖").on_hover_text(t!("log-filter-clear")).clicked() {
            view.search.clear();
        }
        if model.log.dropped > 0 {
            let dropped = t!("log-dropped", count = model.log.dropped);
            ui.label(RichText::new(dropped).small().weak());
        }
    });
}

fn row(ui: &mut egui::Ui, e: &LogEntry) {
    let error = e.kind == LogKind::Error;
    ui.horizontal(|ui| {
        ui.label(RichText::new(local_time(e.time)).monospace().weak());
        let h = ui.text_style_height(&egui::TextStyle::Monospace);
        ui.allocate_ui_with_layout(egui::vec2(130.0, h), egui::Layout::left_to_right(egui::Align::Center), |ui| {
            ui.set_width(130.0);
            ui.add(egui::Label::new(RichText::new(&e.endpoint_name).small()).truncate());
        });
        let call = RichText::new(format!("{:<11}", call_name(e.call))).monospace().strong();
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

/// The call column: a C call as C writes it (bind, recv = 0 (FIN) …), else what happened, in words.
fn call_name(call: &str) -> String {
    match call {
        "accept_resumed" => t!("log-call-accept-resumed"),
        "file" => t!("log-call-file"),
        "loss" => t!("log-call-loss"),
        "error" => t!("log-call-error"),
        "capture" => t!("log-call-capture"),
        "message" => t!("log-call-message"),
        "frame_error" => t!("log-call-frame-error"),
        "resync" => t!("log-call-resync"),
        "rule" => t!("log-call-rule"),
        "step" => t!("log-call-step"),
        "sequence_done" => t!("log-call-sequence-done"),
        "stopped" => t!("log-call-stopped"),
        "tcp_state" => t!("log-call-tcp-state"),
        "tcp_info" => t!("log-call-tcp-info"),
        "peer_seen" => t!("log-call-peer-seen"),
        c_call => c_call.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::net::{Addr, Event, EventKind};

    fn push(log: &mut EventLog, endpoint: EndpointId, local: &str) {
        let local = Addr::Inet(local.parse().unwrap());
        log.push(&Event { time: SystemTime::now(), endpoint, kind: EventKind::Bound { local } }, "ep");
    }

    fn summaries(m: &Matches, log: &EventLog) -> Vec<String> {
        m.rows.iter().map(|&n| log.get(n).unwrap().summary.clone()).collect()
    }

    #[test]
    fn each_entry_is_looked_at_once_per_filter() {
        let mut log = EventLog::new(100);
        for port in 1000..1010 {
            push(&mut log, 1, &format!("127.0.0.1:{port}"));
        }
        let mut m = Matches::default();
        let hidden = HashSet::new();
        assert_eq!(m.update(&log, None, &hidden, "100"), 10);
        assert_eq!(m.rows.len(), 10);
        assert_eq!(m.update(&log, None, &hidden, "100"), 0, "nothing new: nothing lower-cased again");
        push(&mut log, 1, "127.0.0.1:2000");
        assert_eq!(m.update(&log, None, &hidden, "100"), 1, "only the new entry");
        assert_eq!(m.rows.len(), 10, "and it does not match");
        assert_eq!(m.update(&log, None, &hidden, "1005"), 11, "a new filter looks again");
        assert_eq!(m.rows.len(), 1);
        assert!(summaries(&m, &log)[0].contains("127.0.0.1:1005"));
    }

    #[test]
    fn filters_by_endpoint_kind_and_any_case() {
        let mut log = EventLog::new(100);
        push(&mut log, 1, "127.0.0.1:1");
        push(&mut log, 2, "127.0.0.1:2");
        let mut m = Matches::default();
        m.update(&log, Some(2), &HashSet::new(), "");
        assert_eq!(m.rows, [1]);
        m.update(&log, None, &HashSet::from([LogKind::Lifecycle]), "");
        assert!(m.rows.is_empty(), "bind is a lifecycle entry");
        let upper = log.get(0).unwrap().summary.to_uppercase();
        m.update(&log, None, &HashSet::new(), &upper);
        assert_eq!(m.rows, [0]);
    }

    #[test]
    fn entries_that_leave_the_log_leave_the_matches() {
        let mut log = EventLog::new(5);
        let mut m = Matches::default();
        for port in 0..12 {
            push(&mut log, 1, &format!("127.0.0.1:{port}"));
            m.update(&log, None, &HashSet::new(), "");
            assert!(m.rows.len() <= 5);
        }
        assert_eq!(m.rows, [7, 8, 9, 10, 11]);
        assert!(summaries(&m, &log)[0].contains(":7"));
        log.clear();
        m.update(&log, None, &HashSet::new(), "");
        assert!(m.rows.is_empty());
        push(&mut log, 1, "127.0.0.1:99");
        m.update(&log, None, &HashSet::new(), "");
        assert_eq!(m.rows, [12]);
    }

    /// A teacher switches to Chinese mid-lesson: the entries already shown
    /// (an errno's cause and fix, an option read back, one that could not be
    /// read) are worded again, and a search finds the new words.
    #[test]
    fn a_language_switch_words_the_history_again() {
        use crate::i18n::{self, Lang};
        use crate::net::{NetError, OptValue, OptionReport, SockOpt};
        i18n::isolate_thread();
        i18n::set_language(Lang::En);
        let mut log = EventLog::new(100);
        let in_use = std::io::Error::from_raw_os_error(libc::EADDRINUSE);
        let unreadable = std::io::Error::from_raw_os_error(libc::ENOPROTOOPT);
        let events = [
            EventKind::Error { conn: None, error: NetError::from_io("bind(127.0.0.1:9000)", &in_use) },
            EventKind::OptionSet {
                conn: None,
                report: OptionReport {
                    opt: SockOpt::SoError,
                    requested: None,
                    effective: Ok(OptValue::Text("0".into())),
                },
            },
            EventKind::OptionSet {
                conn: None,
                report: OptionReport {
                    opt: SockOpt::NoDelay,
                    requested: Some(OptValue::Bool(true)),
                    effective: Err(NetError::from_io("getsockopt", &unreadable)),
                },
            },
        ];
        for kind in events {
            log.push(&Event { time: SystemTime::now(), endpoint: 1, kind }, "ep");
        }
        let english: Vec<String> = log.entries().iter().map(|e| e.summary.clone()).collect();
        assert!(english[1].contains("0 (no error)"), "{english:?}");
        let mut m = Matches::default();
        m.update(&log, None, &HashSet::new(), "没有错误");
        assert!(m.rows.is_empty(), "no Chinese yet");

        i18n::set_language(Lang::ZhCn);
        log.reword();
        let chinese: Vec<String> = log.entries().iter().map(|e| e.summary.clone()).collect();
        for (en, zh) in english.iter().zip(&chinese) {
            assert_ne!(en, zh, "worded again");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
        }
        assert!(chinese[1].contains("0（没有错误）"), "{chinese:?}");
        let hint = log.get(0).and_then(|e| e.hint.clone()).unwrap_or_default();
        assert!(hint.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "the cause and fix too: {hint}");
        m.update(&log, None, &HashSet::new(), "没有错误");
        assert_eq!(m.rows, [1], "the search looks at the new words");
    }
}
