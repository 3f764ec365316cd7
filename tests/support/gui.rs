//! The one place a GUI harness is built, for the GUI tests and the GUI
//! benchmark alike (`#[path]`-included by both): the real app, headless, at a
//! given window size with the given options.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use std::path::PathBuf;
use std::sync::Mutex;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use socklab::app::{Answer, AppOptions, Dialogs, SocklabApp};
use socklab::model::Status;
use socklab::net::{Addr, EndpointId, EndpointSpec};

/// The app at `size`, started with `options` (no settings file and native
/// dialogs unless the options say otherwise).
pub fn harness_with(size: [f32; 2], options: AppOptions) -> Harness<'static, SocklabApp> {
    harness_at(size, 1.0, options)
}

/// The app on a screen of `pixels` at `zoom` (1.5 = 150 %): the window is
/// `pixels / zoom` points, as a person who zooms a projector's screen gets.
///
/// In English unless the options say otherwise, whatever the machine's
/// locale; the language is this thread's own, so tests that switch it (or run
/// in the pseudo-locale) do not change it for the tests beside them.
pub fn harness_at(pixels: [f32; 2], zoom: f32, mut options: AppOptions) -> Harness<'static, SocklabApp> {
    socklab::i18n::isolate_thread();
    options.language.get_or_insert(socklab::i18n::Lang::En);
    Harness::builder()
        .with_size([pixels[0] / zoom, pixels[1] / zoom])
        .with_pixels_per_point(zoom)
        .build_eframe(move |cc| SocklabApp::new(cc, options.clone()))
}

/// Steps frames until `cond` holds of the app (workers answer on their own
/// threads), failing after 15 s with what was awaited.
pub fn wait_until(h: &mut Harness<'_, SocklabApp>, what: &str, cond: impl Fn(&SocklabApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        h.step();
        if cond(h.state()) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::yield_now();
    }
}

/// The shipped TCP echo lab and its workspace copied into `dir`, the server
/// on a port the OS picks (tests never collide on 9000). Returns the lab file.
pub fn echo_lab(dir: &std::path::Path) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    std::fs::create_dir_all(dir.join("labs")).expect("labs folder");
    std::fs::create_dir_all(dir.join("workspaces")).expect("workspaces folder");
    let ws = std::fs::read_to_string(root.join("workspaces/tcp_echo.ron")).expect("the shipped workspace");
    std::fs::write(dir.join("workspaces/tcp_echo.ron"), ws.replace("127.0.0.1:9000", "127.0.0.1:0")).expect("write");
    let lab = dir.join("labs/tcp_echo.ron");
    std::fs::copy(root.join("labs/tcp_echo.ron"), &lab).expect("copy the lab");
    lab
}

/// The text a node shows a person: its label, else its value (a text
/// field's or a read-only program's text); empty if it has neither.
pub fn shown_text(node: &egui_kittest::Node<'_>) -> String {
    let n = node.accesskit_node();
    n.label().or_else(|| n.value()).unwrap_or_default()
}

/// Where the node labelled `label` is on screen (the test fails if it has no place).
pub fn rect_of(h: &Harness<'_, SocklabApp>, label: &str) -> egui::Rect {
    let node = h.get_by_label(label);
    let b = node.accesskit_node().bounding_box().expect("the node has a place");
    egui::Rect::from_min_max(egui::pos2(b.x0 as f32, b.y0 as f32), egui::pos2(b.x1 as f32, b.y1 as f32))
}

/// Adds a rule in the shown rules editor (its "+ add" button) and types
/// `rule` into it, the editor's rule number `number`; steps two frames after each.
pub fn type_new_rule(h: &mut Harness<'_, SocklabApp>, number: i64, rule: &str) {
    use socklab::i18n;
    h.get_by_label(&format!("+ {}", i18n::text("rules-add", None))).click_accesskit();
    h.run_steps(2);
    let label = i18n::text("rules-rule", Some(&i18n::FluentArgs::from_iter([("number", number)])));
    h.get_all_by_label(&label).last().expect("the new rule's field").set_text_value_accesskit(rule);
    h.run_steps(2);
}

/// Opens an endpoint as the New-endpoint form does; returns its id.
pub fn open(h: &mut Harness<'_, SocklabApp>, name: &str, spec: EndpointSpec) -> EndpointId {
    let ctx = h.ctx.clone();
    h.state_mut().open_endpoint(&ctx, name, spec)
}

pub fn status(app: &SocklabApp, id: EndpointId) -> Option<Status> {
    app.model.endpoints.get(&id).map(|e| e.status)
}

/// The port an endpoint bound (or the test fails, naming what it has).
pub fn port_of(app: &SocklabApp, id: EndpointId) -> u16 {
    match app.model.endpoints.get(&id).and_then(|e| e.local.clone()) {
        Some(Addr::Inet(a)) => a.port(),
        other => panic!("no address: {other:?}"),
    }
}

/// File dialogs that answer at once with the paths a test chose (`None`:
/// cancelled), so no desktop dialog is ever shown. `open` may be changed
/// between two questions.
#[derive(Default)]
pub struct ChosenPaths {
    pub open: Mutex<Option<PathBuf>>,
    pub save_workspace: Option<PathBuf>,
    pub save_file: Option<PathBuf>,
}

impl ChosenPaths {
    /// File ▸ Open answers `path`; every other dialog is cancelled.
    pub fn opening(path: PathBuf) -> ChosenPaths {
        ChosenPaths { open: Mutex::new(Some(path)), ..ChosenPaths::default() }
    }

    /// An export or capture is saved to `path`; every other dialog is cancelled.
    pub fn saving_files_to(path: PathBuf) -> ChosenPaths {
        ChosenPaths { save_file: Some(path), ..ChosenPaths::default() }
    }
}

impl Dialogs for ChosenPaths {
    fn open_workspace(&self) -> Answer {
        Ok(self.open.lock().ok().and_then(|p| p.clone()))
    }
    fn save_workspace(&self, _: &str) -> Answer {
        Ok(self.save_workspace.clone())
    }
    fn pick_file(&self) -> Answer {
        Ok(None)
    }
    fn save_file(&self, _: &str, _: &str, _: &str) -> Answer {
        Ok(self.save_file.clone())
    }
}
