//! The bottom floor: small helpers every other module may use. Nothing here
//! imports the rest of the crate.

pub mod atomic;
pub mod clock;
pub mod text_file;

pub use atomic::write_atomic;
