//! The menu bar and the keyboard shortcuts. Like the panels, they only read
//! and push [`Action`]s; nothing here changes the app.

use egui::RichText;

use crate::i18n::Lang;
use crate::net::EndpointKind;
use crate::settings::Settings;
use crate::t;
use crate::ui::Action;

const ZOOM_MIN: f32 = 0.5;
const ZOOM_MAX: f32 = 3.0;

/// Ctrl+S saves, Ctrl+Shift+S saves as, Ctrl+O opens, Ctrl+N starts afresh.
pub fn shortcuts(ctx: &egui::Context, actions: &mut Vec<Action>) {
    use egui::{Key, KeyboardShortcut, Modifiers};
    let (save_as, save, open, new) = ctx.input_mut(|i| {
        (
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S)),
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::S)),
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)),
        )
    });
    if save_as || save {
        actions.push(Action::SaveWorkspace { ask_where: save_as });
    }
    if open {
        actions.push(Action::OpenWorkspace(None));
    }
    if new {
        actions.push(Action::NewWorkspace);
    }
}

/// What the Labs menu lists: the labs found (None: still looking) and whether one is open.
#[derive(Clone, Copy)]
pub struct Labs<'a> {
    pub found: Option<&'a [super::LabEntry]>,
    pub open: bool,
}

/// File, Endpoints, View and Labs menus, the lesson (`Some(shown)` when the
/// workspace has one), the theme switch, the zoom and the workspace's name.
pub fn menu_bar(
    ui: &mut egui::Ui,
    settings: &Settings,
    title: &str,
    lesson: Option<bool>,
    labs: Labs<'_>,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        file_menu(ui, settings, actions);
        ui.menu_button(t!("menu-endpoints"), |ui| {
            for kind in EndpointKind::ALL {
                if ui.button(t!("menu-new-endpoint", kind = crate::ui::style::kind_name(kind))).clicked() {
                    actions.push(Action::ShowForm(kind));
                    ui.close();
                }
            }
        });
        view_menu(ui, settings, actions);
        labs_menu(ui, labs, actions);
        if let Some(shown) = lesson
            && ui
                .selectable_label(shown, crate::ui::lesson::button())
                .on_hover_text(crate::ui::lesson::button_hint())
                .clicked()
        {
            actions.push(Action::ShowLesson(!shown));
        }
        // Right to left: the theme and the zoom keep their place; the workspace's name takes what is left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let theme = if settings.dark { t!("menu-theme-light") } else { t!("menu-theme-dark") };
            if ui.button(theme).clicked() {
                actions.push(Action::SetDark(!settings.dark));
            }
            zoom_menu(ui, actions);
            let name = RichText::new(t!("menu-workspace", title = title)).strong();
            ui.add(egui::Label::new(name).truncate());
        });
    });
}

fn file_menu(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    ui.menu_button(t!("menu-file"), |ui| {
        let items = [
            (t!("menu-new-workspace"), t!("menu-new-workspace.keys"), Action::NewWorkspace),
            (t!("menu-open"), t!("menu-open.keys"), Action::OpenWorkspace(None)),
            (t!("menu-save"), t!("menu-save.keys"), Action::SaveWorkspace { ask_where: false }),
            (t!("menu-save-as"), t!("menu-save-as.keys"), Action::SaveWorkspace { ask_where: true }),
        ];
        for (label, keys, action) in items {
            if ui.add(egui::Button::new(label).shortcut_text(keys)).clicked() {
                actions.push(action);
                ui.close();
            }
        }
        ui.separator();
        ui.label(RichText::new(t!("menu-recent")).weak());
        if settings.recent.is_empty() {
            ui.label(RichText::new(t!("menu-recent-none")).weak());
        }
        for path in &settings.recent {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::OpenWorkspace(Some(path.clone())));
                ui.close();
            }
        }
        ui.separator();
        if ui.button(t!("menu-quit")).clicked() {
            actions.push(Action::Quit);
            ui.close();
        }
    });
}

fn labs_menu(ui: &mut egui::Ui, labs: Labs<'_>, actions: &mut Vec<Action>) {
    ui.menu_button(crate::ui::lab::menu(), |ui| {
        match labs.found {
            None => {
                ui.label(RichText::new(t!("labpanel-menu-loading")).weak());
            }
            Some([]) => {
                ui.label(RichText::new(t!("labpanel-menu-none")).weak());
            }
            Some(found) => {
                for entry in found {
                    if ui.button(entry.shown_title()).on_hover_text(entry.path.display().to_string()).clicked() {
                        actions.push(Action::OpenLab(entry.path.clone()));
                        ui.close();
                    }
                }
            }
        }
        if labs.open {
            ui.separator();
            if ui.button(t!("labpanel-close")).on_hover_text(t!("labpanel-close.hint")).clicked() {
                actions.push(Action::CloseLab);
                ui.close();
            }
        }
    });
}

fn view_menu(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    ui.menu_button(t!("menu-view"), |ui| {
        let mut dark = settings.dark;
        if ui.checkbox(&mut dark, t!("menu-dark-theme")).changed() {
            actions.push(Action::SetDark(dark));
        }
        let mut show_log = settings.show_log;
        if ui.checkbox(&mut show_log, t!("menu-event-log")).changed() {
            actions.push(Action::ShowLog(show_log));
        }
        let mut show_inspector = settings.show_inspector;
        if ui.checkbox(&mut show_inspector, t!("menu-inspector")).changed() {
            actions.push(Action::ShowInspector(show_inspector));
        }
        ui.separator();
        language_switch(ui, actions);
        ui.separator();
        zoom_buttons(ui, actions);
    });
}

/// "Language: English 中文", each language named in itself.
fn language_switch(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label(t!("menu-language")).on_hover_text(t!("menu-language.hint"));
        let now = crate::i18n::language();
        for lang in Lang::CHOICES {
            if ui.selectable_label(now == lang, lang.endonym()).clicked() && now != lang {
                actions.push(Action::SetLanguage(lang));
            }
        }
    });
}

/// The zoom as it is now ("🔍 150 %"), opening the zoom buttons.
fn zoom_menu(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let zoom = ui.ctx().zoom_factor();
    ui.menu_button(format!("🔍 {:.0} %", zoom * 100.0), |ui| zoom_buttons(ui, actions))
        .response
        .on_hover_text(t!("menu-zoom-hint"));
}

fn zoom_buttons(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let zoom = ui.ctx().zoom_factor();
    ui.label(t!("menu-zoom-now", percent = format!("{:.0}", zoom * 100.0)));
    ui.horizontal(|ui| {
        if ui.button("−").on_hover_text(t!("menu-zoom-out")).clicked() {
            actions.push(Action::Zoom((zoom - 0.1).max(ZOOM_MIN)));
        }
        for preset in [1.0, 1.25, 1.5, 2.0] {
            if ui.selectable_label((zoom - preset).abs() < 0.01, format!("{:.0} %", preset * 100.0)).clicked() {
                actions.push(Action::Zoom(preset));
            }
        }
        if ui.button("+").on_hover_text(t!("menu-zoom-in")).clicked() {
            actions.push(Action::Zoom((zoom + 0.1).min(ZOOM_MAX)));
        }
    });
}
