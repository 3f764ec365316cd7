//! Guided labs: every lab file loads (and bad ones are refused exactly), and
//! every step of every lab is performed against the real engine with real
//! peers (Python, the engine's own endpoints): the checker ticks it, and a
//! wrong action done first does not. Loopback only, port 0, deadlines.

mod support;

// A test crate's root looks for modules beside it, so point into tests/labs/.
#[path = "labs/basics.rs"]
mod basics;
#[path = "labs/driver.rs"]
mod driver;
#[path = "labs/files.rs"]
mod files;
#[path = "labs/language.rs"]
mod language;
#[path = "labs/servers.rs"]
mod servers;
#[path = "labs/streams.rs"]
mod streams;
#[path = "labs/udp.rs"]
mod udp;
