//! App settings (theme, zoom, panels, history limits, recent files), kept in
//! our own file and written atomically, so two socklab processes never leave
//! a half-written file and never lose each other's recent files.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Limits;

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

impl Settings {
    /// Reads settings; a missing or unreadable file gives the defaults.
    pub fn load(path: &Path) -> Settings {
        std::fs::read_to_string(path).ok().and_then(|s| ron::from_str(&s).ok()).unwrap_or_default()
    }

    pub fn add_recent(&mut self, file: PathBuf) {
        self.recent.retain(|p| p != &file);
        self.recent.insert(0, file);
        self.recent.truncate(RECENT);
    }

    /// Saves atomically. Recent files another process saved meanwhile are kept.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut merged = self.clone();
        for other in Settings::load(path).recent {
            if !merged.recent.contains(&other) && merged.recent.len() < RECENT {
                merged.recent.push(other);
            }
        }
        let text = ron::ser::to_string_pretty(&merged, ron::ser::PrettyConfig::default())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        write_atomic(path, text.as_bytes())
    }
}

/// Writes beside the target, syncs, then renames: readers see the old file or the new, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
        let both = Settings::load(&path);
        assert_eq!(both.recent, vec![PathBuf::from("/b.ron"), PathBuf::from("/a.ron")]);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left");
    }
}
