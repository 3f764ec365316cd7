//! socklab's own file picker, for desktops where no file dialog opens (a bare
//! X server, a minimal window manager): it says why, then offers a path field
//! with Tab completion and the folder's listing. Folders are read on a task
//! thread (asked for with an Action); the rules are in [`state`].

mod state;

use egui::RichText;

pub use state::{Entry, FilePicker, FileRequest, Listing, Shown};

use super::{Action, style};
use crate::t;

/// Listed rows, so a huge folder stays cheap to draw.
const LIST_HEIGHT: f32 = 220.0;

/// The window's title, also the desktop dialog's.
pub fn title(request: &FileRequest) -> String {
    match request {
        FileRequest::OpenWorkspace => t!("picker-title-open"),
        FileRequest::SaveWorkspace => t!("picker-title-save"),
        FileRequest::SendFile { .. } => t!("picker-title-send-file"),
        FileRequest::Export { .. } => t!("picker-title-export"),
        FileRequest::Record { .. } => t!("picker-title-record"),
        FileRequest::ExportLadder { .. } => t!("picker-title-export-ladder"),
    }
}

/// The button that uses the path.
pub fn confirm_label(request: &FileRequest) -> String {
    match request {
        FileRequest::OpenWorkspace => t!("picker-open"),
        FileRequest::SaveWorkspace => t!("picker-save"),
        FileRequest::SendFile { .. } => t!("picker-choose"),
        FileRequest::Export { .. } => t!("picker-export"),
        FileRequest::Record { .. } => t!("picker-record"),
        FileRequest::ExportLadder { .. } => t!("picker-export"),
    }
}

/// The path field's label (tests look it up).
pub fn path_label() -> String {
    t!("picker-path")
}

/// The first line of the picker: that no dialog opened, and why.
pub fn no_dialog_line(reason: &str) -> String {
    format!("⚠ {}", t!("picker-no-dialog", reason = reason))
}

/// Draws the picker; returns false when it was closed.
pub fn show(ctx: &egui::Context, picker: &mut FilePicker, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    let mut done = false;
    egui::Window::new(title(&picker.request))
        .id(egui::Id::unique("socklab-file-picker"))
        .open(&mut open)
        .collapsible(false)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 40.0))
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.add(egui::Label::new(RichText::new(no_dialog_line(&picker.reason)).color(style::warn_color(ui))).wrap());
            ui.add_space(6.0);
            let submit = path_field(ui, picker, actions);
            folder(ui, picker, actions);
            ui.add_space(6.0);
            if let Some(error) = &picker.error {
                ui.add(egui::Label::new(RichText::new(format!("⚠ {error}")).color(style::error_color(ui))).wrap());
            }
            ui.horizontal(|ui| {
                if ui.button(RichText::new(confirm_label(&picker.request)).strong()).clicked() || submit {
                    done = confirm(picker, actions);
                }
                if ui.button(t!("picker-cancel")).clicked() {
                    done = true;
                }
            });
        });
    open && !done
}

/// The path field; Tab completes (and lists the folder typed). True on Enter.
fn path_field(ui: &mut egui::Ui, picker: &mut FilePicker, actions: &mut Vec<Action>) -> bool {
    let id = egui::Id::unique("socklab-file-picker-path");
    let had_focus = ui.memory(|m| m.has_focus(id));
    let tab = had_focus && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab));
    if tab && picker.complete() {
        picker.error = None;
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
            let end = egui::text::CCursor::new(picker.text.chars().count());
            state.cursor.set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ui.ctx(), id);
        }
    }
    let label = ui.label(path_label());
    let edit = egui::TextEdit::singleline(&mut picker.text)
        .id(id)
        .desired_width(f32::INFINITY)
        .hint_text(t!("picker-path-hint"));
    let response = ui.add(edit).labelled_by(label.id);
    if tab {
        response.request_focus();
    }
    if response.changed() {
        picker.error = None;
    }
    let typed_dir = picker.typed_dir();
    if picker.go_to(typed_dir.clone()) {
        actions.push(Action::ListFolder(typed_dir));
    }
    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The listed folder: up, its folders and files (a click puts one in the field).
fn folder(ui: &mut egui::Ui, picker: &mut FilePicker, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        if let Some(parent) = picker.dir.parent().map(|p| p.to_path_buf())
            && ui.small_button(format!("⬆ {}", t!("picker-up"))).clicked()
        {
            picker.text = format!("{}/", parent.display()).replace("//", "/");
        }
        ui.label(RichText::new(picker.dir.display().to_string()).monospace().weak());
    });
    let mut chosen = None;
    egui::ScrollArea::vertical().max_height(LIST_HEIGHT).auto_shrink([false, true]).show(ui, |ui| {
        match &picker.shown {
            Shown::Loading => {
                ui.label(RichText::new(t!("picker-reading")).weak());
            }
            Shown::Failed(why) => {
                ui.add(egui::Label::new(RichText::new(why).color(style::error_color(ui))).wrap());
            }
            Shown::Ready(listing) => {
                if listing.entries.is_empty() {
                    ui.label(RichText::new(t!("picker-empty-folder")).weak());
                }
                for entry in &listing.entries {
                    let text =
                        if entry.is_dir { format!("📁 {}/", entry.name) } else { format!("    {}", entry.name) };
                    if ui.selectable_label(false, RichText::new(text).monospace()).clicked() {
                        chosen = Some(entry.clone());
                    }
                }
                if listing.more > 0 {
                    ui.label(RichText::new(t!("picker-more", count = listing.more)).weak());
                }
            }
        }
    });
    if let Some(entry) = chosen {
        picker.choose(&entry);
    }
    let typed_dir = picker.typed_dir();
    if picker.go_to(typed_dir.clone()) {
        actions.push(Action::ListFolder(typed_dir));
    }
}

/// Uses the path if it passes the picker's checks; true when the picker is done.
fn confirm(picker: &mut FilePicker, actions: &mut Vec<Action>) -> bool {
    match picker.check() {
        Ok(path) => {
            actions.push(Action::FileChosen { request: picker.request.clone(), path });
            true
        }
        Err(why) => {
            picker.error = Some(why);
            false
        }
    }
}
