//! `socklab code FILE.ron --lang python|rust [--endpoint NAME]`: prints the
//! program that does what one endpoint of a workspace does.

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;

use super::Exit;
use crate::codegen::{self, Lang};
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
    let ep = match pick(&ws, endpoint) {
        Ok(ep) => ep,
        Err(msg) => {
            eprintln!("socklab: {}: {msg}", file.display());
            return Exit::Usage;
        }
    };
    match codegen::generate(&ep.name, &ep.spec, lang) {
        Ok(program) => {
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(program.as_bytes());
            Exit::Done
        }
        Err(e) => {
            eprintln!("socklab: {}: endpoint {:?}: {e}", file.display(), ep.name);
            Exit::Usage
        }
    }
}

/// The endpoint named, or the only one; otherwise why not, with the names.
fn pick<'a>(ws: &'a Workspace, name: Option<&str>) -> Result<&'a WorkspaceEndpoint, String> {
    let names = || ws.endpoints.iter().map(|e| format!("{:?}", e.name)).collect::<Vec<_>>().join(", ");
    match (name, ws.endpoints.as_slice()) {
        (_, []) => Err("the workspace has no endpoints: there is nothing to show as code".into()),
        (None, [only]) => Ok(only),
        (None, all) => Err(format!(
            "the workspace has {} endpoints: choose one with --endpoint NAME, one of {}",
            all.len(),
            names()
        )),
        (Some(n), all) => all
            .iter()
            .find(|e| e.name == n)
            .ok_or_else(|| format!("no endpoint is named {n:?}: the endpoints are {}", names())),
    }
}
