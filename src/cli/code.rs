//! `socklab code FILE.ron --lang python|rust [--endpoint NAME]`: prints the
//! program that does what one endpoint of a workspace does.

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;

use super::Exit;
use crate::codegen::{self, Lang};
use crate::t;
use crate::workspace::{self, Workspace, WorkspaceEndpoint};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    // Python 3 with the standard socket module; Rust with std::net and socket2.
    Python,
    Rust,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Python => Lang::Python,
            LangArg::Rust => Lang::Rust,
        }
    }
}

/// Prints the program; bad input (a file that does not load, a missing or
/// unknown endpoint) exits 2 with the reason on stderr.
pub fn run_code(file: &Path, lang: Lang, endpoint: Option<&str>) -> Exit {
    let ws = match workspace::load(file) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("socklab: {e}");
            return Exit::Usage;
        }
    };
    match program(&ws, file, lang, endpoint) {
        Ok(program) => {
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(program.as_bytes());
            Exit::Done
        }
        Err(why) => {
            eprintln!("socklab: {why}");
            Exit::Usage
        }
    }
}

/// The program of the endpoint chosen, or why there is none (with the file).
pub(super) fn program(ws: &Workspace, file: &Path, lang: Lang, endpoint: Option<&str>) -> Result<String, String> {
    let file = file.display().to_string();
    let ep = pick(ws, endpoint).map_err(|why| format!("{file}: {why}"))?;
    codegen::generate(&ep.name, &ep.spec, lang)
        .map_err(|e| t!("cli-code-cannot", file = file, name = ep.name.as_str(), error = e.to_string()))
}

/// The endpoint named, or the only one; otherwise why not, with the names.
fn pick<'a>(ws: &'a Workspace, name: Option<&str>) -> Result<&'a WorkspaceEndpoint, String> {
    let names = || ws.endpoints.iter().map(|e| format!("{:?}", e.name)).collect::<Vec<_>>().join(", ");
    match (name, ws.endpoints.as_slice()) {
        (_, []) => Err(t!("cli-code-no-endpoints")),
        (None, [only]) => Ok(only),
        (None, all) => Err(t!("cli-code-choose-endpoint", count = all.len(), names = names())),
        (Some(n), all) => {
            all.iter().find(|e| e.name == n).ok_or_else(|| t!("cli-code-no-such-endpoint", name = n, names = names()))
        }
    }
}
