//! Reading lab files: RON in, checked, with the workspace and the files the
//! checks name loaded beside it. Errors name the file and the line and column
//! (or the step), as workspace errors do.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use ron::error::SpannedError;
use serde::Deserialize;

use super::{CURRENT_VERSION, Check, Lab, LabError, MAX_CHECK_FILE, Step};
use crate::i18n::Message;
use crate::msg;
use crate::net::NetError;
use crate::util::FileOpError;
use crate::util::text_file::{KnownVersion, ReadError, newer_version, read_text, ron_position};
use crate::workspace;

/// A lab file is a page of text; anything bigger is not one.
const MAX_LAB_BYTES: u64 = 1 << 20;

/// Reads only the version, so a newer file is refused before the rest is parsed.
#[derive(Deserialize)]
#[serde(rename = "Lab")]
struct Probe {
    #[serde(default)]
    #[allow(dead_code)]
    version: KnownVersion<CURRENT_VERSION>,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(rename = "Lab", deny_unknown_fields)]
struct LabFile {
    version: u32,
    id: String,
    title: String,
    summary: String,
    /// Relative to the lab file's folder.
    workspace: String,
    steps: Vec<Step>,
}

/// Reads and checks a lab file, its workspace and the files its checks name.
pub fn load(path: impl AsRef<Path>) -> Result<Lab, LabError> {
    let path = path.as_ref();
    let file = path.to_path_buf();
    let text = read_text(path, MAX_LAB_BYTES).map_err(|e| match e {
        ReadError::Io(source) => LabError::Read { path: file, source },
        ReadError::NotAFile(what) => LabError::NotAFile { path: file, what },
        ReadError::TooLarge(size) => LabError::TooLarge { path: file, size, max: MAX_LAB_BYTES },
        ReadError::NotUtf8 { line, column, byte } => LabError::NotUtf8 { path: file, line, column, byte },
    })?;
    parse(&text, path)
}

/// Every `*.ron` lab in a folder, sorted by file name; the first error stops.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Vec<Lab>, LabError> {
    let dir = dir.as_ref();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| LabError::Read { path: dir.to_path_buf(), source: FileOpError::on("opendir", dir, e) })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    paths.iter().map(load).collect()
}

/// Parses lab text; `path` locates the workspace and check files, and names
/// the lab in errors.
pub fn parse(text: &str, path: &Path) -> Result<Lab, LabError> {
    if let Some((found, line, column)) = newer_version::<Probe>(text) {
        return Err(LabError::TooNew { path: path.to_path_buf(), line, column, found });
    }
    let file: LabFile = ron::from_str(text).map_err(|e| syntax(path, text, e))?;
    if file.version > CURRENT_VERSION {
        return Err(LabError::TooNew { path: path.to_path_buf(), line: 1, column: 1, found: file.version });
    }
    validate(&file, path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let workspace_path = dir.join(&file.workspace);
    let workspace =
        workspace::load(&workspace_path).map_err(|source| LabError::Workspace { path: path.to_path_buf(), source })?;
    let files = check_files(&file.steps, dir, path)?;
    Ok(Lab {
        id: file.id,
        title: file.title,
        summary: file.summary,
        steps: file.steps,
        path: path.to_path_buf(),
        workspace_path,
        workspace,
        files,
    })
}

fn syntax(path: &Path, text: &str, e: SpannedError) -> LabError {
    let (line, column) = ron_position(text, &e);
    LabError::Syntax { path: path.to_path_buf(), line, column, message: e.code.to_string() }
}

/// An id usable inside a Fluent message id: `a-z`, then `a-z 0-9 -`.
fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn validate(file: &LabFile, path: &Path) -> Result<(), LabError> {
    let invalid = |what: Message, message: Message| LabError::Invalid { path: path.to_path_buf(), what, message };
    let field = |name: &'static str| msg!("labfile-where-field", field = name);
    if !valid_id(&file.id) {
        return Err(invalid(field("id"), msg!("labfile-bad-id", id = &file.id)));
    }
    for (name, value) in [("title", &file.title), ("summary", &file.summary), ("workspace", &file.workspace)] {
        if value.trim().is_empty() {
            return Err(invalid(field(name), msg!("labfile-empty")));
        }
    }
    if Path::new(&file.workspace).is_absolute() {
        return Err(invalid(field("workspace"), msg!("labfile-workspace-absolute")));
    }
    if file.steps.is_empty() {
        return Err(invalid(field("steps"), msg!("labfile-no-steps")));
    }
    let mut seen = HashSet::new();
    for (i, step) in file.steps.iter().enumerate() {
        let what = || msg!("labfile-where-step", number = (i + 1).to_string(), id = &step.id);
        if !valid_id(&step.id) {
            return Err(invalid(what(), msg!("labfile-step-bad-id")));
        }
        if !seen.insert(step.id.as_str()) {
            return Err(invalid(what(), msg!("labfile-step-duplicate")));
        }
        if step.text.trim().is_empty() || step.hint.trim().is_empty() {
            return Err(invalid(what(), msg!("labfile-step-empty")));
        }
        if let Some(problem) = step.check.problem() {
            return Err(invalid(what(), msg!("labfile-step-check", problem = problem)));
        }
    }
    Ok(())
}

/// The files `JsonFile` checks compare with, read now so a missing one is a
/// load error rather than a step that can never tick.
fn check_files(steps: &[Step], dir: &Path, path: &Path) -> Result<BTreeMap<String, Vec<u8>>, LabError> {
    let mut files = BTreeMap::new();
    for step in steps {
        let Check::JsonFile { file, .. } = &step.check else { continue };
        let full = dir.join(file);
        let fail = |message: Message| LabError::CheckFile {
            path: path.to_path_buf(),
            step: step.id.clone(),
            file: full.clone(),
            message,
        };
        let os = |call: &str, e: std::io::Error| fail(NetError::from_file(&FileOpError::on(call, &full, e)).message());
        if Path::new(file).is_absolute() {
            return Err(fail(msg!("labfile-check-file-absolute")));
        }
        let size = std::fs::metadata(&full).map_err(|e| os("stat", e))?.len();
        if size > MAX_CHECK_FILE {
            let (size, max) = (size.to_string(), MAX_CHECK_FILE.to_string());
            return Err(fail(msg!("labfile-check-file-too-large", size = size, max = max)));
        }
        let bytes = std::fs::read(&full).map_err(|e| os("read", e))?;
        files.insert(file.clone(), bytes);
    }
    Ok(files)
}
