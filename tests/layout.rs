//! Every main screen at every size a classroom has: nothing a person reads or
//! clicks overlaps, leaves the window, or is cut by its panel. One harness per
//! screen size and zoom, stepped through every screen; the geometry comes from
//! the accessibility tree (see layout/checks.rs).

use egui::Rect;
use socklab::app::{AppOptions, SocklabApp};
use socklab::i18n::Lang;

#[path = "layout/checks.rs"]
mod checks;
#[path = "support/gui.rs"]
mod gui_support;
#[path = "layout/screens.rs"]
mod screens;

/// Projector and laptop screens, in pixels.
const XGA: [f32; 2] = [1024.0, 768.0];
const WXGA: [f32; 2] = [1280.0, 800.0];
const HD: [f32; 2] = [1366.0, 768.0];
const FULL_HD: [f32; 2] = [1920.0, 1080.0];

/// Checks every screen at these zooms of one screen size; panics listing every problem.
fn holds_at(pixels: [f32; 2], zooms: &[f32]) {
    holds_at_in(Lang::En, pixels, zooms);
}

/// [`holds_at`] with the window in `lang`.
fn holds_at_in(lang: Lang, pixels: [f32; 2], zooms: &[f32]) {
    let mut report = Vec::new();
    for &zoom in zooms {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = AppOptions { language: Some(lang), ..screens::lesson_options(dir.path()) };
        let mut h = gui_support::harness_at(pixels, zoom, options);
        let size = format!("{}x{} @{:.0}% {}", pixels[0], pixels[1], zoom * 100.0, lang.tag());
        let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(pixels[0] / zoom, pixels[1] / zoom));
        let lab = gui_support::echo_lab(&dir.path().join("lab"));
        screens::step_through(&mut h, &lab, |screen, h: &mut egui_kittest::Harness<'_, SocklabApp>| {
            let widgets = checks::collect(h.root(), &h.ctx);
            let found = checks::problems(&widgets, window);
            // A debug aid: LAYOUT_SHOTS=dir saves every screen as a PNG to look at.
            if let Some(dir) = std::env::var_os("LAYOUT_SHOTS") {
                let name = format!(
                    "{}x{}-{:.0}-{}-{}.png",
                    pixels[0],
                    pixels[1],
                    zoom * 100.0,
                    lang.tag(),
                    screen.replace(' ', "_")
                );
                if let Ok(image) = h.render() {
                    let _ = image.save(std::path::Path::new(&dir).join(name));
                }
            }
            println!("{size:>18}  {screen:<28} {} widgets, {} problems", widgets.len(), found.len());
            report.extend(found.into_iter().map(|p| format!("{size} · {screen}: {p}")));
        });
    }
    assert!(report.is_empty(), "{} layout problems:\n{}", report.len(), report.join("\n"));
}

#[test]
fn every_screen_holds_at_1024x768() {
    holds_at(XGA, &[1.0, 1.25, 1.5]);
}

/// Chinese takes fewer characters but wider glyphs: the projector's screen again, in 中文.
#[test]
fn every_screen_holds_at_1024x768_in_chinese() {
    holds_at_in(Lang::ZhCn, XGA, &[1.5]);
}

#[test]
fn every_screen_holds_at_1280x800() {
    holds_at(WXGA, &[1.0, 1.25, 1.5]);
}

#[test]
fn every_screen_holds_at_1366x768() {
    holds_at(HD, &[1.0, 1.25, 1.5]);
}

#[test]
fn every_screen_holds_at_1920x1080() {
    holds_at(FULL_HD, &[1.0, 1.25, 1.5, 2.0]);
}
