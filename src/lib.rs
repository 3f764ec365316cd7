pub mod app;
pub mod cli;
pub mod codegen;
pub mod model;
pub mod net;
pub mod settings;
pub mod ui;
pub mod workspace;
