pub mod cli;
pub mod net;
