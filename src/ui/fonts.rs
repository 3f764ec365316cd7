//! Fonts: egui's own (with its emoji fonts), plus an embedded CJK fallback so 中文 never shows as
//! empty boxes, on any machine (nothing is looked up on the system).

use std::sync::Arc;

static CJK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("cjk-fallback".into(), Arc::new(egui::FontData::from_static(CJK)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push("cjk-fallback".into());
    }
    // Hack has the arrows and box symbols (→ ● ⇄) that Ubuntu-Light lacks.
    fonts.families.entry(egui::FontFamily::Proportional).or_default().push("Hack".into());
    ctx.set_fonts(fonts);
}
