//! What `serve`, `connect` and `run` share once their arguments are checked:
//! an engine with the endpoint open, closed cleanly on Ctrl+C, and which of
//! its errors are the user's input rather than the network.

use std::sync::Arc;

use crate::net::{EndpointId, EndpointSpec, Engine, Events, NetError, NoWaker};

use super::out::say;

/// An engine with this one endpoint open, closed cleanly on Ctrl+C or SIGTERM.
pub(super) fn open_with_ctrl_c(spec: EndpointSpec) -> Option<(Engine, Events, EndpointId)> {
    let (engine, events) = Engine::new(Arc::new(NoWaker));
    match engine.open(spec) {
        Ok(id) => {
            let handle = engine.clone();
            let _ = ctrlc::set_handler(move || {
                let _ = handle.send(crate::net::Command::Close { id, abort: false });
            });
            Some((engine, events, id))
        }
        Err(e) => {
            say(&e.to_string());
            None
        }
    }
}

/// An error caused by what the user asked for rather than by the network:
/// an address that does not parse, or an option refused as the socket opens
/// (the engine then stops before bind/connect).
pub(super) fn is_bad_input(error: &NetError) -> bool {
    error.call.starts_with("setsockopt(") || error.call == "parse address"
}
