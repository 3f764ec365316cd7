//! The centre's tabs (conversation, code, sequence), and its "Code" tab: the
//! program that does what the selected endpoint does, in Python or Rust, with a Copy button and how to run it. The program
//! is generated when the endpoint's name, settings or the language change,
//! not every frame.

use egui::RichText;

use crate::codegen::{self, Lang};
use crate::model::EndpointState;
use crate::net::EndpointSpec;
use crate::t;

pub const PYTHON: &str = "Python";
pub const RUST: &str = "Rust";

/// The tab with the conversation.
pub fn tab_conversation() -> String {
    format!("💬 {}", t!("code-tab-conversation"))
}

/// The tab with the program.
pub fn tab_code() -> String {
    format!("</> {}", t!("code-tab-code"))
}

/// The button that copies the program.
pub fn copy() -> String {
    format!("📋 {}", t!("code-copy"))
}

/// What the centre shows for the selected endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CentreTab {
    #[default]
    Conversation,
    Code,
    Sequence,
}

/// The three tabs, drawn into the endpoint view's heading row. Returns the tab chosen.
pub fn tabs(ui: &mut egui::Ui, current: CentreTab) -> CentreTab {
    let mut next = current;
    let tabs = [
        (CentreTab::Conversation, tab_conversation(), t!("code-tab-conversation.hint")),
        (CentreTab::Code, tab_code(), t!("code-tab-code.hint")),
        (CentreTab::Sequence, super::sequence_view::tab_sequence(), t!("code-tab-sequence.hint")),
    ];
    for (tab, label, tip) in tabs {
        if ui.add(egui::Button::selectable(current == tab, RichText::new(label).strong())).on_hover_text(tip).clicked()
        {
            next = tab;
        }
    }
    next
}

/// The language chosen and the last program generated.
#[derive(Debug)]
pub struct CodeView {
    pub lang: Lang,
    cached: Option<Generated>,
}

impl Default for CodeView {
    fn default() -> CodeView {
        CodeView { lang: Lang::Python, cached: None }
    }
}

/// A program and what it was generated from.
#[derive(Debug)]
struct Generated {
    name: String,
    spec: EndpointSpec,
    lang: Lang,
    /// The window's language: the comments and the reason there is no program are in it.
    words: crate::i18n::Lang,
    /// The program, or why there is none.
    code: Result<String, String>,
    /// The `[dependencies]` line a Rust program needs.
    dependency: Option<String>,
}

impl CodeView {
    /// The program for this endpoint in the chosen language, generated only
    /// when something it depends on changed.
    fn program(&mut self, name: &str, spec: &EndpointSpec) -> &Generated {
        let lang = self.lang;
        let fresh = self
            .cached
            .as_ref()
            .is_some_and(|g| g.lang == lang && g.words == crate::i18n::language() && g.name == name && g.spec == *spec);
        if !fresh {
            self.cached = None;
        }
        self.cached.get_or_insert_with(|| Generated::new(name, spec, lang))
    }
}

impl Generated {
    fn new(name: &str, spec: &EndpointSpec, lang: Lang) -> Generated {
        let code = codegen::generate(name, spec, lang).map_err(|e| e.to_string());
        let dependency = codegen::rust_dependency(spec).ok();
        let words = crate::i18n::language();
        Generated { name: name.to_string(), spec: spec.clone(), lang, words, code, dependency }
    }
}

pub fn show(ui: &mut egui::Ui, ep: &EndpointState, view: &mut CodeView) {
    let lang = view.lang;
    let generated = view.program(&ep.name, &ep.spec);
    let mut chosen = lang;
    super::style::toolbar(ui, |ui| {
        for (l, label) in [(Lang::Python, PYTHON), (Lang::Rust, RUST)] {
            if ui.add(egui::Button::selectable(lang == l, label)).clicked() {
                chosen = l;
            }
        }
        if let Ok(code) = &generated.code
            && ui.button(copy()).on_hover_text(t!("code-copy.hint")).clicked()
        {
            ui.ctx().copy_text(code.clone());
        }
    });
    match &generated.code {
        Ok(code) => {
            let note = match generated.lang {
                Lang::Python => t!("code-run-python"),
                Lang::Rust => t!(
                    "code-run-rust",
                    dependency = generated.dependency.clone().unwrap_or_default().replace('\n', "; ")
                ),
            };
            ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
            ui.separator();
            egui::ScrollArea::vertical().id_salt(("code", ep.id)).auto_shrink([false, false]).show(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(code).monospace()).wrap().selectable(true));
            });
        }
        Err(why) => {
            ui.add(egui::Label::new(RichText::new(t!("code-cannot")).strong()).wrap());
            ui.add(egui::Label::new(RichText::new(why).color(super::style::error_color(ui))).wrap());
        }
    }
    view.lang = chosen;
}
