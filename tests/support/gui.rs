//! The one place a GUI harness is built, for the GUI tests and the GUI
//! benchmark alike (`#[path]`-included by both): the real app, headless, at a
//! given window size with the given options.

use egui_kittest::Harness;
use socklab::app::{AppOptions, SocklabApp};

/// The app at `size`, started with `options` (no settings file and native
/// dialogs unless the options say otherwise).
pub fn harness_with(size: [f32; 2], options: AppOptions) -> Harness<'static, SocklabApp> {
    Harness::builder().with_size(size).build_eframe(move |cc| SocklabApp::new(cc, options.clone()))
}
