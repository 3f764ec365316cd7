//! "Show as code": every generated Python program runs and does what its
//! endpoint does, against real peers on loopback (port 0, a deadline on every
//! wait, every child killed when a test ends); the generated Rust compiles;
//! `socklab code` prints them.

mod support;

// A test crate's root looks for modules beside it, so point into tests/codegen/.
#[path = "codegen/checks.rs"]
mod checks;
#[path = "codegen/chinese.rs"]
mod chinese;
#[path = "codegen/cli.rs"]
mod cli;
#[path = "codegen/clients.rs"]
mod clients;
#[path = "codegen/helpers.rs"]
mod helpers;
#[path = "codegen/rules.rs"]
mod rules;
#[path = "codegen/rust_build.rs"]
mod rust_build;
#[path = "codegen/servers.rs"]
mod servers;

use helpers::{Program, lesson_files, port0};
use socklab::workspace;

#[test]
fn every_lesson_endpoint_runs_as_a_python_program() {
    let mut checked = Vec::new();
    for file in lesson_files() {
        let ws = workspace::load(&file).unwrap_or_else(|e| panic!("{e}"));
        for ep in &ws.endpoints {
            // Which one failed, if one does (the test's stderr is shown then).
            eprintln!("lesson {}: endpoint {:?}", file.display(), ep.name);
            let mut spec = ep.spec.clone();
            spec.address = port0(&spec.address);
            let mut p = Program::start(&ep.name, &spec);
            checks::check_server(&mut p, &spec);
            checked.push(ep.name.clone());
        }
    }
    assert!(checked.len() >= 6, "only {checked:?}");
}
