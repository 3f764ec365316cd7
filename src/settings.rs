//! App settings (theme, zoom, panels, history limits, recent files), kept in
//! our own file and written atomically, so two socklab processes never leave
//! a half-written file and never lose each other's recent files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Message, locale};
use crate::model::Limits;
use crate::msg;
use crate::net::NetError;
use crate::util::{FileOpError, write_atomic};

const RECENT: usize = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub dark: bool,
    pub zoom: f32,
    pub show_log: bool,
    pub show_inspector: bool,
    pub limits: Limits,
    pub recent: Vec<PathBuf>,
    pub last_workspace: Option<PathBuf>,
    /// The language picked in the View menu (`"en"`, `"zh-CN"`); None follows
    /// the system's locale. Kept as its tag: an unknown one (a later version's)
    /// is ignored, not an error that sets the whole file aside.
    pub language: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dark: true,
            zoom: 1.0,
            show_log: true,
            show_inspector: true,
            limits: Limits::default(),
            recent: Vec::new(),
            last_workspace: None,
            language: None,
        }
    }
}

/// Where settings live: $XDG_CONFIG_HOME/socklab or ~/.config/socklab.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("socklab").join("settings.ron"))
}

/// What [`Settings::load`] found: the settings, and anything a person must be told.
#[derive(Debug)]
pub struct Loaded {
    pub settings: Settings,
    /// A file that could not be used, and where it was kept.
    pub warning: Option<Message>,
    /// False when the file could not be moved aside: saving would overwrite it.
    pub can_save: bool,
}

/// The most backups kept side by side (`settings.ron.bak`, `.bak.1` …).
const BACKUPS: usize = 10;

impl Settings {
    /// Reads settings. A missing file gives the defaults. A file that cannot
    /// be read or parsed is moved aside to `settings.ron.bak`, so the next save
    /// never overwrites what the user wrote; the warning says where it went.
    pub fn load(path: &Path) -> Loaded {
        let problem = match read(path) {
            Ok(Some(settings)) => return Loaded { settings, warning: None, can_save: true },
            Ok(None) => return Loaded { settings: Settings::default(), warning: None, can_save: true },
            Err(problem) => problem,
        };
        let (warning, can_save) = match back_up(path) {
            Ok(bak) => (msg!("settings-kept-aside", problem = problem, backup = bak.display().to_string()), true),
            Err(error) => (msg!("settings-not-moved-aside", problem = problem, error = error), false),
        };
        Loaded { settings: Settings::default(), warning: Some(warning), can_save }
    }

    /// The language the GUI starts in: the one picked, else the system's.
    pub fn language(&self) -> Lang {
        self.language.as_deref().and_then(Lang::from_tag).unwrap_or_else(locale::from_env)
    }

    pub fn add_recent(&mut self, file: PathBuf) {
        self.recent.retain(|p| p != &file);
        self.recent.insert(0, file);
        self.recent.truncate(RECENT);
    }

    /// Saves atomically. Recent files another process saved meanwhile are kept.
    /// A file that no longer parses (edited by hand meanwhile) is moved aside
    /// first; the returned note says where. An error names the call that failed.
    pub fn save(&self, path: &Path) -> Result<Option<Message>, Message> {
        let mut merged = self.clone();
        let mut note = None;
        match read(path) {
            Ok(Some(other)) => {
                for p in other.recent {
                    if !merged.recent.contains(&p) && merged.recent.len() < RECENT {
                        merged.recent.push(p);
                    }
                }
            }
            Ok(None) => {}
            Err(problem) => {
                let bak = back_up(path)?;
                note = Some(msg!("settings-kept-before-saving", problem = problem, backup = bak.display().to_string()));
            }
        }
        let text = ron::ser::to_string_pretty(&merged, ron::ser::PrettyConfig::default())
            .map_err(|e| msg!("settings-encode", error = e.to_string()))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| os_error(FileOpError::on("mkdir", dir, e)))?;
        }
        write_atomic(path, text.as_bytes()).map_err(os_error)?;
        Ok(note)
    }
}

fn os_error(e: FileOpError) -> Message {
    NetError::from_file(&e).message()
}

/// The settings in the file; None when there is no file; Err says what is wrong with it.
fn read(path: &Path) -> Result<Option<Settings>, Message> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        // No file (or no folder to hold one): nothing of the user's to keep.
        Err(_) if std::fs::symlink_metadata(path).is_err() => return Ok(None),
        Err(e) => {
            return Err(msg!("settings-unreadable", path = shown, error = os_error(FileOpError::on("read", path, e))));
        }
    };
    ron::from_str(&text).map(Some).map_err(|e| {
        let (line, column) = (e.span.start.line.to_string(), e.span.start.col.to_string());
        msg!("settings-invalid", path = shown, line = line, column = column, message = e.code.to_string())
    })
}

/// Moves the file to the first free `NAME.bak`, `NAME.bak.1` … beside it; never replaces an older backup.
fn back_up(path: &Path) -> Result<PathBuf, Message> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "settings.ron".into());
    for i in 0..BACKUPS {
        let bak = path.with_file_name(if i == 0 { format!("{name}.bak") } else { format!("{name}.bak.{i}") });
        if std::fs::symlink_metadata(&bak).is_err() {
            std::fs::rename(path, &bak).map_err(|e| os_error(FileOpError::on_two("rename", path, &bak, e)))?;
            return Ok(bak);
        }
    }
    Err(msg!("settings-backups-in-the-way", count = BACKUPS.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_processes_keep_each_others_recent_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        let mut a = Settings::default();
        let mut b = Settings::default();
        a.add_recent("/a.ron".into());
        a.save(&path).unwrap();
        b.add_recent("/b.ron".into());
        b.save(&path).unwrap();
        let both = Settings::load(&path).settings;
        assert_eq!(both.recent, vec![PathBuf::from("/b.ron"), PathBuf::from("/a.ron")]);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left");
    }

    #[test]
    fn the_language_picked_is_remembered_and_an_unknown_one_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        let zh = Settings { language: Some(Lang::ZhCn.tag().into()), ..Settings::default() };
        zh.save(&path).unwrap();
        let loaded = Settings::load(&path).settings;
        assert_eq!(loaded.language(), Lang::ZhCn);
        std::fs::write(&path, "(dark: false, language: Some(\"tlh\"))").unwrap();
        let loaded = Settings::load(&path);
        assert!(loaded.warning.is_none(), "{:?}", loaded.warning);
        assert!(!loaded.settings.dark, "the rest of the file is kept");
        assert_eq!(loaded.settings.language(), locale::from_env(), "the system's, as if none was picked");
        std::fs::write(&path, "(dark: false)").unwrap();
        assert_eq!(Settings::load(&path).settings.language, None, "older files follow the system");
    }

    #[test]
    fn a_missing_file_is_the_defaults_without_a_word() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = Settings::load(&dir.path().join("settings.ron"));
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.warning.is_none() && loaded.can_save);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing created");
    }

    #[test]
    fn a_file_that_does_not_parse_is_kept_as_bak_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        let mine = "(dark: false, zoom: 1.5, limits: (messages: 20_000,, ))\n";
        std::fs::write(&path, mine).unwrap();
        let loaded = Settings::load(&path);
        assert_eq!(loaded.settings, Settings::default());
        let warning = loaded.warning.unwrap().text();
        let bak = dir.path().join("settings.ron.bak");
        assert!(warning.contains("settings.ron.bak") && warning.contains("line 1"), "{warning}");
        assert_eq!(std::fs::read_to_string(&bak).unwrap(), mine, "the user's text, kept whole");
        loaded.settings.save(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&bak).unwrap(), mine, "the save did not touch the backup");
        assert_eq!(Settings::load(&path).settings, Settings::default(), "the new file parses");

        // A second bad file does not replace the first backup.
        std::fs::write(&path, "not ron").unwrap();
        let warning = Settings::load(&path).warning.unwrap().text();
        assert!(warning.contains("settings.ron.bak.1"), "{warning}");
        assert_eq!(std::fs::read_to_string(&bak).unwrap(), mine);
        assert_eq!(std::fs::read_to_string(dir.path().join("settings.ron.bak.1")).unwrap(), "not ron");
    }

    #[test]
    fn a_file_broken_while_running_is_kept_before_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        Settings::default().save(&path).unwrap();
        std::fs::write(&path, "(zoom: oops)").unwrap();
        let note = Settings::default().save(&path).unwrap().unwrap().text();
        assert!(note.contains("settings.ron.bak"), "{note}");
        assert_eq!(std::fs::read_to_string(dir.path().join("settings.ron.bak")).unwrap(), "(zoom: oops)");
    }

    #[test]
    fn saving_uses_the_atomic_writer_creates_the_folder_and_keeps_links_and_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("config").join("socklab").join("settings.ron");
        Settings::default().save(&fresh).unwrap();
        assert_eq!(Settings::load(&fresh).settings, Settings::default());

        let real = dir.path().join("dotfiles-settings.ron");
        let link = dir.path().join("settings.ron");
        Settings::default().save(&real).unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let dark = Settings { dark: false, ..Settings::default() };
        dark.save(&link).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert!(!Settings::load(&real).settings.dark, "what it points to was saved");
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
