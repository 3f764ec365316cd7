//! The inspector's "Framing & rules": how the received stream is cut into
//! messages, and the reply rules as lines in the command line's syntax
//! (`MATCH => ACTION`), each with its error under it where it was typed and
//! how often it fired. Nothing is applied while anything is wrong.

use egui::RichText;

use super::{Action, style};
use crate::model::EndpointState;
use crate::net::frame::{FrameSpec, Framing, Oversize, PrefixWidth, parse_size};
use crate::net::rules::Rule;
use crate::net::{BehaviourError, EndpointId, EndpointKind, check_framing, check_rules};
use crate::t;

/// The inspector section's title.
pub fn section() -> String {
    t!("rules-section")
}

/// Space left of the text in a rule's field, and so left of its caret.
const FIELD_MARGIN: f32 = 4.0;

/// The framing kinds offered, in the picker's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Raw,
    Line,
    Delimiter,
    Fixed,
    Length,
}

impl Kind {
    const ALL: [Kind; 5] = [Kind::Raw, Kind::Line, Kind::Delimiter, Kind::Fixed, Kind::Length];

    fn label(self) -> String {
        match self {
            Kind::Raw => t!("rules-kind-raw"),
            Kind::Line => t!("rules-kind-line"),
            Kind::Delimiter => t!("rules-kind-delimiter"),
            Kind::Fixed => t!("rules-kind-fixed"),
            Kind::Length => t!("rules-kind-length"),
        }
    }
}

/// What is being edited for one endpoint, before Apply.
#[derive(Clone, Debug)]
pub struct Draft {
    kind: Kind,
    delimiter: String,
    fixed: String,
    width: PrefixWidth,
    big_endian: bool,
    counts_header: bool,
    limit: String,
    oversize: Oversize,
    pub lines: Vec<String>,
    /// What the draft was loaded from: a change there (a workspace opened)
    /// loads it again unless the person has edited it.
    base: (FrameSpec, Vec<Rule>),
    edited: bool,
}

impl Draft {
    pub fn from_spec(frame: &FrameSpec, rules: &[Rule]) -> Draft {
        let mut d = Draft {
            kind: Kind::Raw,
            delimiter: String::new(),
            fixed: "16".into(),
            width: PrefixWidth::Two,
            big_endian: true,
            counts_header: false,
            limit: size_text(frame.limit),
            oversize: frame.oversize,
            lines: rules.iter().map(|r| r.to_string()).collect(),
            base: (frame.clone(), rules.to_vec()),
            edited: false,
        };
        match &frame.framing {
            Framing::Raw => {}
            Framing::Line => d.kind = Kind::Line,
            Framing::Delimiter(bytes) => (d.kind, d.delimiter) = (Kind::Delimiter, crate::net::hex_string(bytes)),
            Framing::Fixed(n) => (d.kind, d.fixed) = (Kind::Fixed, n.to_string()),
            Framing::LengthPrefix { width, big_endian, counts_header } => {
                (d.kind, d.width, d.big_endian, d.counts_header) = (Kind::Length, *width, *big_endian, *counts_header)
            }
        }
        d
    }

    /// The framing as chosen, or what is wrong with it.
    pub fn frame(&self, kind: EndpointKind) -> Result<FrameSpec, String> {
        let limit = parse_size(&self.limit).map_err(|e| format!("{}: {e}", t!("rules-limit")))?;
        let framing = match self.kind {
            Kind::Raw => Framing::Raw,
            Kind::Line => Framing::Line,
            Kind::Delimiter => {
                format!("delim:{}", self.delimiter.replace(' ', "")).parse().map_err(|e| format!("{e}"))?
            }
            Kind::Fixed => format!("fixed:{}", self.fixed.trim()).parse().map_err(|e| format!("{e}"))?,
            Kind::Length => Framing::LengthPrefix {
                width: self.width,
                big_endian: self.big_endian,
                counts_header: self.counts_header,
            },
        };
        let spec = FrameSpec { framing, limit, oversize: self.oversize };
        check_framing(kind, &spec).map_err(|e| e.to_string())?;
        Ok(spec)
    }

    /// Each line's rule, or its error: the character (from 1) and the reason.
    pub fn rules(&self, kind: EndpointKind) -> Vec<Result<Rule, (usize, String)>> {
        let mut parsed: Vec<Result<Rule, (usize, String)>> =
            self.lines.iter().map(|l| l.parse::<Rule>().map_err(|e| (e.position, e.problem.text()))).collect();
        let good: Vec<Rule> = parsed.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
        if good.len() == parsed.len()
            && let Err(BehaviourError::RuleNotForKind { index, why }) = check_rules(kind, &good)
            && let Some(slot) = parsed.get_mut(index)
        {
            *slot = Err((1, why.to_string()));
        }
        parsed
    }

    /// Framing and rules ready to apply, when nothing is wrong.
    pub fn checked(&self, kind: EndpointKind) -> Option<(FrameSpec, Vec<Rule>)> {
        let frame = self.frame(kind).ok()?;
        let rules: Result<Vec<Rule>, _> = self.rules(kind).into_iter().collect();
        Some((frame, rules.ok()?))
    }
}

/// "64k" for 65536: the limit as a person writes it.
fn size_text(n: usize) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{}m", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{}k", n >> 10),
        n => n.to_string(),
    }
}

/// The endpoint's draft, loaded again when its spec changed under an unedited one.
fn draft_for<'a>(drafts: &'a mut std::collections::HashMap<EndpointId, Draft>, ep: &EndpointState) -> &'a mut Draft {
    let d = drafts.entry(ep.id).or_insert_with(|| Draft::from_spec(&ep.spec.frame, &ep.spec.rules));
    if !d.edited && (d.base.0 != ep.spec.frame || d.base.1 != ep.spec.rules) {
        *d = Draft::from_spec(&ep.spec.frame, &ep.spec.rules);
    }
    d
}

pub fn show(
    ui: &mut egui::Ui,
    ep: &EndpointState,
    drafts: &mut std::collections::HashMap<EndpointId, Draft>,
    actions: &mut Vec<Action>,
) {
    let draft = draft_for(drafts, ep);
    let before = (draft.kind, draft.lines.clone(), draft.limit.clone(), draft.delimiter.clone(), draft.fixed.clone());
    let before_flags = (draft.width, draft.big_endian, draft.counts_header, draft.oversize);
    let kind = ep.spec.kind;
    if kind.is_datagram() {
        ui.label(RichText::new(t!("rules-datagram-note")).small().weak());
    } else {
        framing(ui, ep.id, draft);
        if let Err(e) = draft.frame(kind) {
            ui.add(egui::Label::new(RichText::new(format!("⚠ {e}")).small().color(style::error_color(ui))).wrap());
        }
    }
    ui.add_space(4.0);
    ui.add(egui::Label::new(RichText::new(t!("rules-note")).small().weak()).wrap());
    rule_lines(ui, ep, draft);
    let after = (draft.kind, draft.lines.clone(), draft.limit.clone(), draft.delimiter.clone(), draft.fixed.clone());
    if before != after || before_flags != (draft.width, draft.big_endian, draft.counts_header, draft.oversize) {
        draft.edited = true;
    }
    let checked = draft.checked(kind);
    style::toolbar(ui, |ui| {
        let apply = ui.add_enabled(
            checked.is_some() && draft.edited,
            egui::Button::new(RichText::new(t!("rules-apply")).strong()),
        );
        if apply.on_hover_text(t!("rules-apply.hint")).clicked()
            && let Some((frame, rules)) = checked.clone()
        {
            actions.push(Action::SetBehaviour { endpoint: ep.id, frame: frame.clone(), rules: rules.clone() });
            *draft = Draft::from_spec(&frame, &rules);
        }
        if draft.edited && ui.button(t!("rules-revert")).clicked() {
            *draft = Draft::from_spec(&ep.spec.frame, &ep.spec.rules);
        }
    });
    if checked.is_none() {
        ui.label(RichText::new(t!("rules-fix-first")).small().color(style::error_color(ui)));
    }
}

/// The framing picker and the fields its kind needs, then the limit.
fn framing(ui: &mut egui::Ui, id: EndpointId, d: &mut Draft) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t!("rules-framing"));
        egui::ComboBox::from_id_salt(("framing", id))
            .selected_text(d.kind.label())
            .show_ui(ui, |ui| {
                for k in Kind::ALL {
                    ui.selectable_value(&mut d.kind, k, k.label());
                }
            })
            .response
            .labelled_by(label.id);
    });
    if matches!(d.kind, Kind::Raw | Kind::Line) {
        return limit(ui, id, d);
    }
    ui.horizontal_wrapped(|ui| match d.kind {
        Kind::Raw | Kind::Line => {}
        Kind::Delimiter => {
            let l = ui.label(t!("rules-delimiter"));
            ui.add(
                egui::TextEdit::singleline(&mut d.delimiter).hint_text(t!("rules-delimiter-hint")).desired_width(110.0),
            )
            .labelled_by(l.id);
        }
        Kind::Fixed => {
            let l = ui.label(t!("rules-bytes"));
            ui.add(egui::TextEdit::singleline(&mut d.fixed).desired_width(60.0)).labelled_by(l.id);
        }
        Kind::Length => {
            for (w, text) in [(PrefixWidth::One, "1"), (PrefixWidth::Two, "2"), (PrefixWidth::Four, "4")] {
                ui.selectable_value(&mut d.width, w, text);
            }
            ui.label(t!("rules-bytes"));
            if d.width != PrefixWidth::One {
                ui.selectable_value(&mut d.big_endian, true, "BE");
                ui.selectable_value(&mut d.big_endian, false, "LE");
            }
            ui.checkbox(&mut d.counts_header, t!("rules-counts-header"));
        }
    });
    limit(ui, id, d);
}

fn limit(ui: &mut egui::Ui, id: EndpointId, d: &mut Draft) {
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(t!("rules-limit"));
        ui.add(egui::TextEdit::singleline(&mut d.limit).desired_width(60.0)).labelled_by(l.id);
        let o = ui.label(t!("rules-oversize"));
        egui::ComboBox::from_id_salt(("oversize", id))
            .selected_text(d.oversize.name())
            .show_ui(ui, |ui| {
                for o in Oversize::ALL {
                    ui.selectable_value(&mut d.oversize, o, o.name());
                }
            })
            .response
            .labelled_by(o.id);
    });
}

/// One editable line per rule: its text, how often it fired, move and remove;
/// its error under it, a caret at the character.
fn rule_lines(ui: &mut egui::Ui, ep: &EndpointState, d: &mut Draft) {
    let results = d.rules(ep.spec.kind);
    let mut swap: Option<(usize, usize)> = None;
    let mut remove: Option<usize> = None;
    let count = d.lines.len();
    for (i, (line, result)) in d.lines.iter_mut().zip(&results).enumerate() {
        ui.push_id(("rule", i), |ui| {
            // Its name, count and buttons above; the text takes the whole width under them.
            let name = ui
                .horizontal_wrapped(|ui| {
                    let name = ui.label(RichText::new(t!("rules-rule", number = i + 1)).small());
                    let applied = ep.spec.rules.get(i).zip(result.as_ref().ok()).is_some_and(|(a, b)| a == b);
                    let fired = if applied { t!("rules-fired", count = ep.fired(i)) } else { t!("rules-not-applied") };
                    ui.label(RichText::new(fired).small().weak());
                    if ui
                        .add_enabled(i > 0, egui::Button::new("↑").small())
                        .on_hover_text(t!("rules-move-up"))
                        .clicked()
                    {
                        swap = Some((i - 1, i));
                    }
                    let down = ui.add_enabled(i + 1 < count, egui::Button::new("↓").small());
                    if down.on_hover_text(t!("rules-move-down")).clicked() {
                        swap = Some((i, i + 1));
                    }
                    if ui.small_button("✖").on_hover_text(t!("rules-remove")).clicked() {
                        remove = Some(i);
                    }
                    name.id
                })
                .inner;
            let edit = egui::TextEdit::singleline(line)
                .font(egui::TextStyle::Monospace)
                .hint_text(t!("rules-rule-hint"))
                .margin(egui::Margin::symmetric(FIELD_MARGIN as i8, 2))
                .desired_width(ui.available_width());
            ui.add(edit).labelled_by(name);
            if let Err((position, problem)) = result {
                caret(ui, line, *position, problem);
            }
        });
    }
    if let Some((a, b)) = swap {
        d.lines.swap(a, b);
    }
    if let Some(i) = remove {
        d.lines.remove(i);
    }
    if ui.small_button(format!("+ {}", t!("rules-add"))).clicked() {
        d.lines.push(String::new());
    }
}

/// A caret under the character at fault (the text before it drawn invisibly
/// in the field's font, so it lines up at any width of glyph), then the reason.
fn caret(ui: &mut egui::Ui, line: &str, position: usize, problem: &str) {
    let color = style::error_color(ui);
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let before: String = line.chars().take(position.saturating_sub(1)).collect();
    let mut job = egui::text::LayoutJob::default();
    job.append(&before, 0.0, egui::TextFormat::simple(font.clone(), egui::Color32::TRANSPARENT));
    job.append("^", 0.0, egui::TextFormat::simple(font, color));
    ui.horizontal(|ui| {
        ui.add_space(FIELD_MARGIN);
        ui.add(egui::Label::new(job).truncate());
    });
    let text = format!("⚠ {}", t!("rules-at-character", position = position, problem = problem));
    ui.add(egui::Label::new(RichText::new(text).small().color(color)).wrap());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_reads_back_what_it_was_given_and_names_each_lines_error() {
        let frame =
            FrameSpec { framing: Framing::Delimiter(vec![0x0d, 0x0a]), limit: 65536, oversize: Oversize::Close };
        let rules: Vec<Rule> = vec!["exact:exit => close".parse().expect("rule")];
        let mut d = Draft::from_spec(&frame, &rules);
        assert_eq!((d.limit.as_str(), d.delimiter.as_str()), ("64k", "0d 0a"));
        assert_eq!(d.checked(EndpointKind::TcpServer), Some((frame, rules)));
        d.lines.push("regex:ab(c => close".into());
        d.lines.push("any => relay:x".into());
        let got = d.rules(EndpointKind::TcpServer);
        assert_eq!(got[1], Err((9, "unclosed group".into())));
        assert!(got[2].is_ok());
        assert_eq!(d.checked(EndpointKind::TcpServer), None, "nothing while one line is wrong");
        d.lines.remove(1);
        let client = d.rules(EndpointKind::TcpClient);
        assert!(client[1].as_ref().is_err_and(|e| e.1.contains("relay")), "{client:?}");
        d.limit = "0".into();
        assert!(d.frame(EndpointKind::TcpServer).is_err_and(|e| e.contains("frame limit")));
    }
}
