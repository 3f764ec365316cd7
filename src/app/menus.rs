//! The menu bar and the keyboard shortcuts. Like the panels, they only read
//! and push [`Action`]s; nothing here changes the app.

use egui::RichText;

use crate::net::EndpointKind;
use crate::settings::Settings;
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

/// File, Endpoints and View menus, the theme switch, the zoom and the workspace's name.
pub fn menu_bar(ui: &mut egui::Ui, settings: &Settings, title: &str, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        file_menu(ui, settings, actions);
        ui.menu_button("Endpoints", |ui| {
            for kind in EndpointKind::ALL {
                if ui.button(format!("New {}…", kind.label())).clicked() {
                    actions.push(Action::ShowForm(kind));
                    ui.close();
                }
            }
        });
        view_menu(ui, settings, actions);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let theme = if settings.dark { "☀ Light" } else { "🌙 Dark" };
            if ui.button(theme).clicked() {
                actions.push(Action::SetDark(!settings.dark));
            }
            ui.label(RichText::new(format!("zoom {:.0}%", ui.ctx().zoom_factor() * 100.0)).weak());
            ui.label(RichText::new(format!("workspace: {title}")).strong());
        });
    });
}

fn file_menu(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    ui.menu_button("File", |ui| {
        let items = [
            ("New workspace          Ctrl+N", Action::NewWorkspace),
            ("Open…                  Ctrl+O", Action::OpenWorkspace(None)),
            ("Save                   Ctrl+S", Action::SaveWorkspace { ask_where: false }),
            ("Save as…         Ctrl+Shift+S", Action::SaveWorkspace { ask_where: true }),
        ];
        for (label, action) in items {
            if ui.button(label).clicked() {
                actions.push(action);
                ui.close();
            }
        }
        ui.separator();
        ui.label(RichText::new("Recent").weak());
        if settings.recent.is_empty() {
            ui.label(RichText::new("(none yet)").weak());
        }
        for path in &settings.recent {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::OpenWorkspace(Some(path.clone())));
                ui.close();
            }
        }
        ui.separator();
        if ui.button("Quit").clicked() {
            actions.push(Action::Quit);
            ui.close();
        }
    });
}

fn view_menu(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    ui.menu_button("View", |ui| {
        let mut dark = settings.dark;
        if ui.checkbox(&mut dark, "Dark theme").changed() {
            actions.push(Action::SetDark(dark));
        }
        let mut show_log = settings.show_log;
        if ui.checkbox(&mut show_log, "Event log").changed() {
            actions.push(Action::ShowLog(show_log));
        }
        let mut show_inspector = settings.show_inspector;
        if ui.checkbox(&mut show_inspector, "Inspector").changed() {
            actions.push(Action::ShowInspector(show_inspector));
        }
        ui.separator();
        let zoom = ui.ctx().zoom_factor();
        ui.label(format!("Zoom {:.0}%  (Ctrl + / Ctrl − / Ctrl 0)", zoom * 100.0));
        ui.horizontal(|ui| {
            if ui.button("−").clicked() {
                actions.push(Action::Zoom((zoom - 0.1).max(ZOOM_MIN)));
            }
            if ui.button("100%").clicked() {
                actions.push(Action::Zoom(1.0));
            }
            if ui.button("+").clicked() {
                actions.push(Action::Zoom((zoom + 0.1).min(ZOOM_MAX)));
            }
        });
    });
}
