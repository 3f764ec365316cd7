//! The centre's "Code" tab: the program that does what the selected endpoint
//! does, in Python or Rust, with a Copy button and how to run it. The program
//! is generated when the endpoint's name, settings or the language change,
//! not every frame.

use egui::RichText;

use crate::codegen::{self, Lang};
use crate::model::EndpointState;
use crate::net::EndpointSpec;

pub const TAB_CONVERSATION: &str = "💬 Conversation";
pub const TAB_CONVERSATION_TIP: &str = "What was sent and received";
pub const TAB_CODE: &str = "</> Code";
pub const TAB_CODE_TIP: &str = "The same endpoint as a program to take home, in Python or Rust";
pub const PYTHON: &str = "Python";
pub const RUST: &str = "Rust";
pub const COPY: &str = "📋 Copy";
const COPY_TIP: &str = "Copy the whole program to the clipboard";
const RUN_PYTHON: &str = "Save it as a .py file and run it with python3 (e.g. python3 echo.py).";
const RUN_RUST_BEFORE: &str = "Make a crate (cargo new prog), put this in src/main.rs, add";
const RUN_RUST_AFTER: &str = "under [dependencies], then: cargo run";
const CANNOT: &str = "No program can be written for this endpoint as it is set up:";

/// What the centre shows for the selected endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CentreTab {
    #[default]
    Conversation,
    Code,
}

/// The two tabs, drawn into the endpoint view's heading row. Returns the tab chosen.
pub fn tabs(ui: &mut egui::Ui, current: CentreTab) -> CentreTab {
    let mut next = current;
    for (tab, label, tip) in
        [(CentreTab::Conversation, TAB_CONVERSATION, TAB_CONVERSATION_TIP), (CentreTab::Code, TAB_CODE, TAB_CODE_TIP)]
    {
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
    /// The program, or why there is none.
    code: Result<String, String>,
    /// The `[dependencies]` line a Rust program needs.
    dependency: Option<&'static str>,
}

impl CodeView {
    /// The program for this endpoint in the chosen language, generated only
    /// when something it depends on changed.
    fn program(&mut self, name: &str, spec: &EndpointSpec) -> &Generated {
        let lang = self.lang;
        let fresh = self.cached.as_ref().is_some_and(|g| g.lang == lang && g.name == name && g.spec == *spec);
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
        Generated { name: name.to_string(), spec: spec.clone(), lang, code, dependency }
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
            && ui.button(COPY).on_hover_text(COPY_TIP).clicked()
        {
            ui.ctx().copy_text(code.clone());
        }
    });
    match &generated.code {
        Ok(code) => {
            let note = match generated.lang {
                Lang::Python => RUN_PYTHON.to_string(),
                Lang::Rust => {
                    format!("{RUN_RUST_BEFORE} {} {RUN_RUST_AFTER}", generated.dependency.unwrap_or_default())
                }
            };
            ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
            ui.separator();
            egui::ScrollArea::vertical().id_salt(("code", ep.id)).auto_shrink([false, false]).show(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(code).monospace()).wrap().selectable(true));
            });
        }
        Err(why) => {
            ui.add(egui::Label::new(RichText::new(CANNOT).strong()).wrap());
            ui.add(egui::Label::new(RichText::new(why).color(super::style::error_color(ui))).wrap());
        }
    }
    view.lang = chosen;
}
