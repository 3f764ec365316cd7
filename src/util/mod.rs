//! The bottom floor: small helpers every other module may use. Nothing here
//! imports the rest of the crate.

pub mod atomic;
pub mod clock;
pub mod file_op;
pub mod text_file;

pub use atomic::write_atomic;
pub use file_op::FileOpError;
