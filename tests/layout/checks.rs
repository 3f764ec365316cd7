//! Geometry checks on the accessibility tree of one frame: what a person
//! sees must not overlap, leave the window or be cut by its panel.
//!
//! Every widget's rectangle comes from its AccessKit node (bounds, role, label).
//! The tree carries no clip rectangles, so the part of a widget that is really
//! visible is read back from egui by the node's id (`interact_rect` is the
//! widget's rect cut by its parent's clip rect).

use egui::accesskit::Role;
use egui::{Context, Id, Rect};
use egui_kittest::Node;
use egui_kittest::kittest::NodeT as _;

/// Rounding: rectangles closer than this count as touching, not overlapping.
const SLACK: f32 = 1.0;

/// One node of the tree, with what the checks need.
#[derive(Clone, Debug)]
pub struct Widget {
    pub role: Role,
    pub label: String,
    pub rect: Rect,
    /// The part inside every clip rect (empty when scrolled out of view).
    pub visible: Rect,
    /// The child of the root it belongs to: a panel, a window, a popup.
    pub layer: u64,
    /// Its own id and its ancestors', to tell a widget from what contains it.
    pub path: Vec<u64>,
    /// A Ui (panel, frame, scroll area content), not a widget.
    pub container: bool,
}

impl Widget {
    fn describe(&self) -> String {
        let label: String = self.label.chars().take(60).collect();
        format!("{:?} {label:?} at {}", self.role, fmt_rect(self.rect))
    }

    fn contains(&self, other: &Widget) -> bool {
        other.path.contains(&self.path[self.path.len() - 1])
    }

    pub fn is_interactive(&self) -> bool {
        matches!(
            self.role,
            Role::Button
                | Role::CheckBox
                | Role::ComboBox
                | Role::DefaultButton
                | Role::Link
                | Role::MenuItem
                | Role::MenuItemCheckBox
                | Role::MultilineTextInput
                | Role::RadioButton
                | Role::SearchInput
                | Role::Slider
                | Role::SpinButton
                | Role::Tab
                | Role::TextInput
        )
    }

    fn is_text(&self) -> bool {
        self.role == Role::Label && !self.label.trim().is_empty()
    }
}

fn fmt_rect(r: Rect) -> String {
    format!("[{:.0},{:.0} {:.0}×{:.0}]", r.min.x, r.min.y, r.width(), r.height())
}

fn node_id(node: &Node<'_>) -> u64 {
    node.accesskit_node().locate().0.0
}

/// The egui widget behind an AccessKit node (their ids are the same number).
fn egui_id(raw: u64) -> Option<Id> {
    serde_json::from_value(serde_json::Value::from(raw)).ok()
}

/// Every visible node with bounds, with its clipped rect and its layer.
pub fn collect(root: Node<'_>, ctx: &Context) -> Vec<Widget> {
    let mut out = Vec::new();
    for top in root.children() {
        let layer = node_id(&top);
        walk(top, ctx, layer, &mut vec![node_id(&root)], &mut out);
    }
    out
}

fn walk(node: Node<'_>, ctx: &Context, layer: u64, path: &mut Vec<u64>, out: &mut Vec<Widget>) {
    let ak = node.accesskit_node();
    if ak.is_hidden() {
        return;
    }
    let id = node_id(&node);
    path.push(id);
    // Widgets carry their bounds; a Ui (a panel, a scroll area's content) has
    // none in the tree, but egui knows what it used and where it was clipped.
    let response = egui_id(id).and_then(|i| ctx.read_response(i));
    let rects = match (ak.raw_bounds(), response) {
        (Some(_), r) => Some((node.rect(), r.map_or(node.rect(), |r| r.interact_rect), false)),
        (None, Some(r)) if r.rect.is_finite() && r.rect.is_positive() => Some((r.rect, r.interact_rect, true)),
        _ => None,
    };
    if let Some((rect, visible, container)) = rects {
        let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
        out.push(Widget { role: ak.role(), label, rect, visible, layer, path: path.clone(), container });
    }
    for child in node.children() {
        walk(child, ctx, layer, path, out);
    }
    path.pop();
}

/// A scroll bar along `axis` of a scroll area that holds this container
/// (the bar and the scroll area's content are children of the same Ui).
fn scrolls(bar: &Widget, container: &Widget, axis: usize) -> bool {
    let along = bar.rect.size()[axis] > bar.rect.size()[1 - axis];
    let owner = bar.path.len().checked_sub(2).map(|i| bar.path[i]);
    along && owner.is_some_and(|o| container.path.contains(&o))
}

fn overlap(a: Rect, b: Rect) -> bool {
    let i = a.shrink(SLACK / 2.0).intersect(b.shrink(SLACK / 2.0));
    i.is_positive() && i.width() > SLACK && i.height() > SLACK
}

fn inside(r: Rect, outer: Rect) -> bool {
    outer.expand(SLACK).contains_rect(r)
}

/// Everything wrong with this frame, one line each.
pub fn problems(widgets: &[Widget], window: Rect) -> Vec<String> {
    let mut out = Vec::new();
    let shown: Vec<&Widget> = widgets.iter().filter(|w| w.visible.is_positive()).collect();
    // What a panel, frame or scroll area holds is cut where it does not fit:
    // fine only where a scroll bar leads to the rest.
    let bars: Vec<&&Widget> = shown.iter().filter(|w| w.role == Role::ScrollBar).collect();
    for c in shown.iter().filter(|w| w.container) {
        for axis in [0, 1] {
            let cut = c.rect.min[axis] + SLACK < c.visible.min[axis] || c.rect.max[axis] > c.visible.max[axis] + SLACK;
            if cut && !bars.iter().any(|b| scrolls(b, c, axis)) {
                let side = if axis == 0 { "at the side" } else { "at the bottom" };
                out.push(format!("cut {side} with no scroll bar: {} shows {}", c.describe(), fmt_rect(c.visible)));
            }
        }
    }
    for w in shown.iter().filter(|w| w.is_interactive() || w.is_text()) {
        // What a scroll area cuts at its top or bottom can be scrolled to; the side, never.
        if !inside(w.visible, window) {
            out.push(format!("outside the window: {}", w.describe()));
        } else if w.visible.width() + SLACK < w.rect.width() {
            out.push(format!("cut at the side by its panel: {} shows {}", w.describe(), fmt_rect(w.visible)));
        }
    }
    // No two things a person reads or clicks on top of each other (within one layer).
    let things: Vec<&&Widget> = shown.iter().filter(|w| w.is_interactive() || w.is_text()).collect();
    for (i, a) in things.iter().enumerate() {
        for b in &things[i + 1..] {
            if a.layer == b.layer && !a.contains(b) && !b.contains(a) && overlap(a.visible, b.visible) {
                out.push(format!("overlap: {} and {}", a.describe(), b.describe()));
            }
        }
    }
    out
}
