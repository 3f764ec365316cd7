//! "Show as code": the program that does what one endpoint does, in Python
//! (the tutorials' own `socket` module) or in Rust (std + socket2), with a
//! comment on each call for a student. Pure: no I/O, no egui.
//!
//! The pieces: [`plan`] decides once what the program must do (family,
//! addresses, which options are set and why not the others); `python` and
//! `rust` fill their templates; `options` maps each socket option to a line
//! of each language; `text` holds every comment, keyed by id.

mod options;
mod plan;
mod python;
mod python_tpl;
mod render;
mod rust;
mod rust_tpl;
pub mod text;

use thiserror::Error;

use crate::net::EndpointSpec;

use plan::Plan;
use render::Vars;

/// The language of the generated program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    Rust,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Python, Lang::Rust];

    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Rust => "rust",
        }
    }
}

/// Why no program can be written for an endpoint.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CodegenError {
    #[error("{field}: {message}")]
    Address { field: &'static str, message: String },
    #[error("reply mode {reply} does not apply to a {kind}")]
    Reply { reply: &'static str, kind: &'static str },
    #[error("a {kind} with no path and no peer can neither send nor receive: give it a path")]
    NoPath { kind: &'static str },
}

/// The program for endpoint `name`, in `lang`.
pub fn generate(name: &str, spec: &EndpointSpec, lang: Lang) -> Result<String, CodegenError> {
    let plan = Plan::new(spec)?;
    let mut header = Vars::new();
    header
        .set("name", python::py_str(name))
        .set("kind", spec.kind.label())
        .set("address", plan.address_text().to_string())
        .set("reply", spec.reply.name())
        .set("replydoc", spec.reply.describe())
        .set("dependency", rust::dependency(&plan));
    if let Some(peer) = &plan.peer {
        header.set("peer", peer.clone());
    }
    Ok(match lang {
        Lang::Python => {
            header.set("peer_line", peer_line(&plan, &header, "# ", 79));
            python::program(&plan, &header)
        }
        Lang::Rust => {
            header.set("peer_line", peer_line(&plan, &header, "// ", 100));
            rust::program(&plan, &header)
        }
    })
}

/// The `[dependencies]` line a generated Rust program needs.
pub fn rust_dependency(spec: &EndpointSpec) -> Result<&'static str, CodegenError> {
    Ok(rust::dependency(&Plan::new(spec)?))
}

fn peer_line(plan: &Plan, header: &Vars, comment: &'static str, width: usize) -> String {
    if plan.peer.is_none() {
        return String::new();
    }
    let style = render::Style { comment, patient_open: "", width };
    render::Renderer { style: &style, patient: false }.comment("", "code-header-peer", header).join("\n")
}

/// True when `word` occurs in `text` not as the tail of a longer name or path
/// (`socket.` but not `xsocket.`, `SocketAddr` but not `net::SocketAddr`).
pub(crate) fn uses_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '.'))
    })
}
