//! Where the panels go for the room there is. The conversation and its
//! composer come first; as the window narrows (or the zoom grows) the others
//! give way in a fixed order: the inspector leaves the side for the bottom
//! dock, where it shares a tab strip with the event log; on a short window
//! the dock folds down to that strip until a tab is clicked. An open lab's
//! panel keeps the side before the inspector does, and joins the dock last.
//!
//! Decided from the points available each frame, never from a screen size.

/// The smallest room each part keeps, in points.
pub const LIST_MIN: f32 = 200.0;
pub const LIST_DEFAULT: f32 = 260.0;
pub const CENTRE_MIN: f32 = 400.0;
pub const INSPECTOR_MIN: f32 = 330.0;
pub const INSPECTOR_DEFAULT: f32 = 380.0;
pub const LAB_MIN: f32 = 300.0;
pub const LAB_DEFAULT: f32 = 340.0;
/// Height the conversation and composer keep below an open dock.
pub const CENTRE_MIN_HEIGHT: f32 = 300.0;
pub const DOCK_MIN: f32 = 120.0;
pub const DOCK_DEFAULT: f32 = 200.0;
/// Below this height the dock starts folded to its tab strip.
pub const DOCK_OPEN_FROM: f32 = 520.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DockTab {
    Log,
    Inspector,
    Lab,
}

impl DockTab {
    pub fn label(self) -> String {
        match self {
            DockTab::Log => crate::t!("dock-log"),
            DockTab::Inspector => crate::t!("dock-inspector"),
            DockTab::Lab => crate::t!("dock-lab"),
        }
    }
}

/// What the person chose in the dock: its tab, and open or folded (None: as the room decides).
#[derive(Clone, Copy, Debug, Default)]
pub struct DockState {
    pub tab: Option<DockTab>,
    pub open: Option<bool>,
}

/// The panels that want to be shown this frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct Shown {
    pub log: bool,
    pub inspector: bool,
    pub lab: bool,
}

/// This frame's arrangement.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrangement {
    pub inspector_side: bool,
    /// The lab panel at the right (else, when a lab is open, a dock tab).
    pub lab_side: bool,
    /// The dock's tabs, in order (none: no dock).
    pub tabs: Vec<DockTab>,
    pub dock_open: bool,
    /// The tallest the open dock may be.
    pub dock_max: f32,
    pub list_max: f32,
}

impl Arrangement {
    /// `room`: the points left under the menu and above the status bar.
    pub fn decide(room: egui::Vec2, show: Shown, state: DockState) -> Arrangement {
        let Shown { log: show_log, inspector: show_inspector, lab: show_lab } = show;
        let lab_side = show_lab && room.x >= LIST_MIN + CENTRE_MIN + LAB_MIN;
        let lab_width = if lab_side { LAB_MIN } else { 0.0 };
        let inspector_side = show_inspector && room.x >= LIST_MIN + CENTRE_MIN + INSPECTOR_MIN + lab_width;
        let mut tabs = Vec::new();
        if show_lab && !lab_side {
            tabs.push(DockTab::Lab);
        }
        if show_log {
            tabs.push(DockTab::Log);
        }
        if show_inspector && !inspector_side {
            tabs.push(DockTab::Inspector);
        }
        let dock_max = (room.y - CENTRE_MIN_HEIGHT).max(DOCK_MIN);
        // A lab in the dock opens it: its steps are what the person follows.
        let dock_open = state.open.unwrap_or(room.y >= DOCK_OPEN_FROM || tabs.contains(&DockTab::Lab));
        let beside = if inspector_side { INSPECTOR_MIN } else { 0.0 } + lab_width;
        let list_max = (room.x * 0.3).min(room.x - CENTRE_MIN - beside).max(LIST_MIN);
        Arrangement { inspector_side, lab_side, tabs, dock_open, dock_max, list_max }
    }

    /// The tab to show: the one chosen if it is there, else the first.
    pub fn current(&self, state: DockState) -> Option<DockTab> {
        state.tab.filter(|t| self.tabs.contains(t)).or_else(|| self.tabs.first().copied())
    }
}

/// The tabs, and a button that folds or opens the dock. Returns the new state.
pub fn tab_strip(ui: &mut egui::Ui, arrangement: &Arrangement, state: DockState, log_rows: u64) -> DockState {
    let mut next = state;
    let current = arrangement.current(state);
    super::style::toolbar(ui, |ui| {
        for &tab in &arrangement.tabs {
            let text = match tab {
                DockTab::Log => crate::t!("dock-log-rows", rows = log_rows),
                DockTab::Inspector | DockTab::Lab => tab.label(),
            };
            let selected = arrangement.dock_open && current == Some(tab);
            let r = ui.add(egui::Button::selectable(selected, egui::RichText::new(text).strong()));
            if r.clicked() {
                next.tab = Some(tab);
                next.open = Some(!selected);
            }
        }
        let (arrow, tip) =
            if arrangement.dock_open { ("▾", crate::t!("dock-fold")) } else { ("▴", crate::t!("dock-unfold")) };
        if ui.small_button(arrow).on_hover_text(tip).clicked() {
            next.open = Some(!arrangement.dock_open);
        }
    });
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both() -> Shown {
        Shown { log: true, inspector: true, lab: false }
    }

    fn decide(w: f32, h: f32) -> Arrangement {
        Arrangement::decide(egui::vec2(w, h), both(), DockState::default())
    }

    #[test]
    fn the_inspector_gives_way_before_the_conversation() {
        let wide = decide(1024.0, 718.0);
        assert!(wide.inspector_side);
        assert_eq!(wide.tabs, [DockTab::Log]);
        assert!(wide.dock_open);
        // 1024×768 at 150 %: 683 points wide, 462 high.
        let projector = decide(683.0, 462.0);
        assert!(!projector.inspector_side, "the inspector joins the log in the dock");
        assert_eq!(projector.tabs, [DockTab::Log, DockTab::Inspector]);
        assert!(!projector.dock_open, "a short window starts with the dock folded");
        assert!(projector.list_max >= LIST_MIN && projector.list_max <= 683.0 - CENTRE_MIN);
    }

    #[test]
    fn a_choice_made_in_the_dock_is_kept() {
        let state = DockState { tab: Some(DockTab::Inspector), open: Some(true) };
        let a = Arrangement::decide(egui::vec2(683.0, 462.0), both(), state);
        assert!(a.dock_open);
        assert_eq!(a.current(state), Some(DockTab::Inspector));
        // The inspector went back to the side: the chosen tab is gone, the log shows.
        let wide = Arrangement::decide(egui::vec2(1280.0, 750.0), both(), state);
        assert_eq!(wide.current(state), Some(DockTab::Log));
        let none = Arrangement::decide(egui::vec2(1280.0, 750.0), Shown { log: false, ..both() }, state);
        assert!(none.tabs.is_empty() && none.current(state).is_none());
    }

    #[test]
    fn an_open_lab_keeps_the_side_before_the_inspector_and_joins_the_dock_first() {
        let show = Shown { lab: true, ..both() };
        let wide = Arrangement::decide(egui::vec2(1366.0, 718.0), show, DockState::default());
        assert!(wide.lab_side && wide.inspector_side, "both fit at the side");
        let laptop = Arrangement::decide(egui::vec2(1024.0, 718.0), show, DockState::default());
        assert!(laptop.lab_side && !laptop.inspector_side, "the inspector gives way to the lab");
        assert_eq!(laptop.tabs, [DockTab::Log, DockTab::Inspector]);
        let projector = Arrangement::decide(egui::vec2(683.0, 462.0), show, DockState::default());
        assert!(!projector.lab_side);
        assert_eq!(projector.tabs, [DockTab::Lab, DockTab::Log, DockTab::Inspector]);
        assert!(projector.dock_open, "the lab's steps show without a click");
    }
}
