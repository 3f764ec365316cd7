//! "Export SVG…" in the sequence tab: the endpoint's diagrams, built here
//! from the model, then drawn as SVG and written atomically on a task's
//! thread (after the save dialog, or socklab's own picker without one).

use std::path::PathBuf;

use super::SocklabApp;
use super::tasks::{TaskResult, Tasks, asked};
use crate::model::ladder_svg;
use crate::model::sequence::Diagram;
use crate::net::EndpointId;
use crate::ui::file_picker::FileRequest;
use crate::util::write_atomic;

impl SocklabApp {
    /// Exports an endpoint's sequence diagrams, asking where unless `path` is given.
    pub(super) fn export_ladder(&mut self, endpoint: EndpointId, path: Option<PathBuf>) {
        let diagrams = self.model.sequence.diagrams_of(endpoint);
        let name = self.model.name_of(endpoint).replace(|c: char| !c.is_alphanumeric(), "_");
        self.tasks.export_ladder(endpoint, diagrams, format!("{name}-sequence.svg"), path);
    }
}

impl Tasks {
    pub fn export_ladder(
        &self,
        endpoint: EndpointId,
        diagrams: Vec<Diagram>,
        suggested: String,
        path: Option<PathBuf>,
    ) {
        // Worded here: the task's thread may not be in the window's language.
        let title = crate::t!("picker-title-export-ladder");
        self.spawn(move |d| {
            let path = match path {
                Some(p) => p,
                None => match asked(
                    d.save_file(&title, &suggested, "svg"),
                    FileRequest::ExportLadder { endpoint },
                    &suggested,
                ) {
                    Ok(path) => path,
                    Err(instead) => return instead,
                },
            };
            let svg = ladder_svg::render(&diagrams);
            Some(match write_atomic(&path, svg.as_bytes()) {
                Ok(()) => TaskResult::Exported { path },
                Err(e) => {
                    let error = crate::net::NetError::from_file(&e).message();
                    let message = crate::msg!("notice-cannot-write", path = path.display().to_string(), error = error);
                    TaskResult::Failed { message: message.into() }
                }
            })
        });
    }
}
