//! The window's frame in the pseudo-locale: the menu bar with each of its
//! menus open, the status bar, and the lab panel's own words (the lab's title,
//! steps and hints are the lab's text, checked with the labs).

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::i18n;

use super::gui_support::rect_of;
use super::sweep::{added_by, assert_localized, pseudo_harness, server_and_client};
use super::wait_until;

/// A band across the window around `rect`.
fn band(h: &egui_kittest::Harness<'_, socklab::app::SocklabApp>, rect: egui::Rect) -> egui::Rect {
    let width = h.ctx.content_rect().right();
    egui::Rect::from_min_max(egui::pos2(0.0, rect.top() - 2.0), egui::pos2(width, rect.bottom() + 2.0))
}

/// The button labelled `label` within `band` (the endpoint list's heading has the Endpoints menu's name).
fn in_band<'h>(
    h: &'h egui_kittest::Harness<'_, socklab::app::SocklabApp>,
    label: &'h str,
    band: egui::Rect,
) -> egui_kittest::Node<'h> {
    let inside = |n: &egui_kittest::Node<'_>| {
        n.accesskit_node().role() == egui::accesskit::Role::Button
            && n.accesskit_node().bounding_box().is_some_and(|b| band.contains(egui::pos2(b.x0 as f32, b.y0 as f32)))
    };
    h.query_all_by_label(label).find(inside).unwrap_or_else(|| panic!("{label} in the menu bar"))
}

#[test]
fn the_menu_bar_and_each_of_its_menus_are_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    wait_until(&mut h, "the labs to be found", |a| a.labs_found().is_some());
    h.run_steps(2);
    let bar = band(&h, rect_of(&h, &i18n::text("menu-file", None)));
    assert_localized(&h, "the menu bar", Some(bar), &[]);
    // The labs' titles are the labs' text.
    let titles: Vec<String> = h.state().labs_found().unwrap_or_default().iter().map(|l| l.title.clone()).collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let zoom = format!("🔍 {:.0} %", h.ctx.zoom_factor() * 100.0);
    let menus = [
        i18n::text("menu-file", None),
        i18n::text("menu-endpoints", None),
        i18n::text("menu-view", None),
        socklab::ui::lab::menu(),
        zoom,
    ];
    for menu in menus {
        let found = added_by(&mut h, &titles, |h| in_band(h, &menu, bar).click());
        let items = h.root().children_recursive().count();
        assert!(found.is_empty(), "text not from the catalogs in the menu {menu}:\n{}", found.join("\n"));
        h.key_press(egui::Key::Escape);
        h.run_steps(3);
        assert!(h.root().children_recursive().count() < items, "the menu {menu} was open and closed");
    }
}

#[test]
fn the_status_bar_is_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    server_and_client(&mut h);
    let endpoints = i18n::text("statusbar-endpoints", Some(&count(2)));
    let line = h.query_all_by_label_contains(&endpoints).next().expect("the status bar");
    let b = line.accesskit_node().bounding_box().expect("a place");
    let rect = egui::Rect::from_min_max(egui::pos2(b.x0 as f32, b.y0 as f32), egui::pos2(b.x1 as f32, b.y1 as f32));
    assert_localized(&h, "the status bar", Some(band(&h, rect)), &[]);
    // One endpoint and two: Fluent's plural, not a word glued on.
    assert_eq!(i18n::text_in(i18n::Lang::En, "statusbar-endpoints", Some(&count(1))), "1 endpoint");
    assert_eq!(i18n::text_in(i18n::Lang::En, "statusbar-endpoints", Some(&count(2))), "2 endpoints");
    assert_eq!(i18n::text_in(i18n::Lang::ZhCn, "statusbar-endpoints", Some(&count(2))), "2 个端点");
}

fn count(n: u32) -> i18n::FluentArgs<'static> {
    let mut args = i18n::FluentArgs::new();
    args.set("count", n);
    args
}
