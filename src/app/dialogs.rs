//! The file dialogs the app needs, behind a trait so tests answer them
//! without a desktop. The native ones (rfd: the xdg desktop portal, then
//! zenity) cannot tell "cancelled" from "there is no dialog here": both come
//! back as nothing. So a missing dialog is told apart before and after:
//! no session bus and no zenity at all, or an answer faster than a person
//! could give one. Then the app says so and offers its own file picker.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::t;

/// No dialog could be shown; the text says why, for the person to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoDialog(pub String);

/// What a dialog gives: a path, nothing (cancelled), or no dialog at all.
pub type Answer = Result<Option<PathBuf>, NoDialog>;

/// The file dialogs the app needs. Called on a background thread.
pub trait Dialogs: Send + Sync {
    fn open_workspace(&self) -> Answer;
    fn save_workspace(&self, suggested_name: &str) -> Answer;
    fn pick_file(&self) -> Answer;
    /// Where to write an export or a capture (`extension` without the dot).
    fn save_file(&self, title: &str, suggested_name: &str, extension: &str) -> Answer;
}

/// Nobody answers a dialog this fast: an empty answer this soon means no
/// dialog was shown (rfd logs the portal's or zenity's failure and returns nothing).
const FASTEST_HUMAN_ANSWER: Duration = Duration::from_millis(300);

fn no_bus_no_zenity() -> String {
    t!("dialog-no-bus-no-zenity")
}

fn answered_at_once() -> String {
    t!("dialog-answered-at-once")
}

fn workspace_filter() -> String {
    t!("dialog-workspace-filter")
}

/// rfd's native dialogs (xdg portal on Linux, zenity as its fallback).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn open_workspace(&self) -> Answer {
        native(|| {
            rfd::FileDialog::new()
                .set_title(t!("picker-title-open"))
                .add_filter(workspace_filter(), &["ron"])
                .pick_file()
        })
    }
    fn save_workspace(&self, suggested_name: &str) -> Answer {
        native(|| {
            rfd::FileDialog::new()
                .set_title(t!("picker-title-save"))
                .add_filter(workspace_filter(), &["ron"])
                .set_file_name(suggested_name)
                .save_file()
        })
    }
    fn pick_file(&self) -> Answer {
        native(|| rfd::FileDialog::new().set_title(t!("picker-title-send-file")).pick_file())
    }
    fn save_file(&self, title: &str, suggested_name: &str, extension: &str) -> Answer {
        native(|| {
            rfd::FileDialog::new()
                .set_title(title)
                .add_filter(extension, &[extension])
                .set_file_name(suggested_name)
                .save_file()
        })
    }
}

fn native(dialog: impl FnOnce() -> Option<PathBuf>) -> Answer {
    if cfg!(target_os = "linux") && !session_bus() && find_on_path("zenity").is_none() {
        return Err(NoDialog(no_bus_no_zenity()));
    }
    let asked = Instant::now();
    match dialog() {
        None if asked.elapsed() < FASTEST_HUMAN_ANSWER => Err(NoDialog(answered_at_once())),
        answer => Ok(answer),
    }
}

/// A D-Bus session bus the portal could be reached on.
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_answer_at_once_means_no_dialog_and_a_path_is_a_path() {
        if cfg!(target_os = "linux") && !session_bus() && find_on_path("zenity").is_none() {
            assert_eq!(native(|| None), Err(NoDialog(no_bus_no_zenity())));
            return;
        }
        assert_eq!(native(|| None), Err(NoDialog(answered_at_once())));
        assert_eq!(native(|| Some(PathBuf::from("/tmp/x.ron"))), Ok(Some(PathBuf::from("/tmp/x.ron"))));
    }

    #[test]
    fn programs_are_found_on_path() {
        assert!(find_on_path("sh").is_some(), "sh is on every PATH");
        assert!(find_on_path("surely-not-a-program-socklab").is_none());
    }
}
