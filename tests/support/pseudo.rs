//! The pseudo-locale walker: the app's accessibility tree, read for any text
//! a person would read that did not come from the catalogs. In the
//! pseudo-locale every catalog message is wrapped in ⟦ ⟧ (its letters
//! accented), so what is left outside the brackets is either allowed (below)
//! or a string the sweep has not moved yet.

#![allow(dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::NodeT as _;
use socklab::app::SocklabApp;

/// What may stand outside ⟦ ⟧ on screen, by design:
/// - tokens with no letter: numbers, icons, punctuation, `127.0.0.1:9999`, `[::1]:80`;
/// - technical names in capitals: `SO_REUSEADDR`, `EADDRINUSE`, `TCP`, `TCP_NODELAY`, `UTF-8`;
/// - addresses, paths and file names: a token with `/`, or `:`/`.`/`@` between
///   two characters (`localhost:9999`, `lab.ron`, `user@host`);
/// - the names below (languages named in themselves, formats, programming languages, the app, and
///   the SI byte units `B` and `kB`, written the same in every language);
/// - the sockets API's calls as C names them ([`C_CALLS`]: the event log's call column);
/// - `user_data`: names the test itself gave (endpoints, workspaces);
/// - egui's own accessibility labels ([`EGUI_OWN`]), which socklab does not set.
///
/// Words of prose, in any script, are not allowed; `⟪id⟫` (a missing id) never is.
pub const ALLOWED_NAMES: &[&str] =
    &["English", "中文", "socklab", "IPv4", "IPv6", "netcat", "ncat", "socat", "Python", "Rust", "B", "kB"];

/// Calls of the sockets API, named as in C (and as a student searches for them): never translated.
pub const C_CALLS: &[&str] = &[
    "getaddrinfo",
    "socket",
    "setsockopt",
    "getsockopt",
    "bind",
    "listen",
    "accept",
    "connect",
    "send",
    "recv",
    "shutdown",
    "close",
];

/// Labels egui gives its own widgets (a panel's resize handle, a window's close button and edges), read only by
/// screen readers: egui has no way to translate them.
pub const EGUI_OWN: &[&str] = &[
    "Resize panel",
    "Close window",
    "Resize window left edge",
    "Resize window right edge",
    "Resize window top edge",
    "Resize window bottom edge",
    "Resize window top-left corner",
    "Resize window top-right corner",
    "Resize window bottom-left corner",
    "Resize window bottom-right corner",
];

/// The labels in `region` (all of the window when None) with text that is not
/// from the catalogs, each with the words that gave it away.
pub fn unlocalized(h: &Harness<'_, SocklabApp>, region: Option<egui::Rect>, user_data: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for node in h.root().children_recursive() {
        let ak = node.accesskit_node();
        // Plain text is a Label whose text is its value; a text field's
        // value is the user's, but its placeholder is ours.
        let text = [
            ak.label(),
            ak.label_comes_from_value().then(|| ak.value()).flatten(),
            ak.placeholder().map(str::to_string),
        ];
        let label = text.into_iter().flatten().collect::<Vec<_>>().join(" | ");
        if label.is_empty() {
            continue;
        }
        if let Some(region) = region {
            let Some(b) = ak.bounding_box() else { continue };
            let centre = egui::pos2(((b.x0 + b.x1) / 2.0) as f32, ((b.y0 + b.y1) / 2.0) as f32);
            if !region.contains(centre) {
                continue;
            }
        }
        if EGUI_OWN.contains(&label.as_str()) {
            continue;
        }
        let words = foreign_words(&label, user_data);
        if !words.is_empty() {
            found.push(format!("{label:?} ({:?}): {words:?}", ak.role()));
        }
    }
    found
}

/// The words of `label` that are neither inside ⟦ ⟧ nor allowed.
pub fn foreign_words(label: &str, user_data: &[&str]) -> Vec<String> {
    if label.contains('⟪') {
        return vec![label.to_string()];
    }
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '⟦' => depth += 1,
            '⟧' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => outside.push(' '),
        }
    }
    for data in user_data {
        outside = outside.replace(data, " ");
    }
    outside.split_whitespace().filter(|w| !allowed(w)).map(str::to_string).collect()
}

fn allowed(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    if !core.chars().any(char::is_alphabetic) || ALLOWED_NAMES.contains(&core) || C_CALLS.contains(&core) {
        return true;
    }
    let technical =
        core.len() >= 2 && core.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
    let inner_separator = |sep: char| core.char_indices().any(|(i, c)| c == sep && i > 0 && i + 1 < core.len());
    technical || core.contains('/') || [':', '.', '@'].into_iter().any(inner_separator)
}

#[test]
fn the_allow_list_lets_names_and_data_through_and_stops_prose() {
    let ok = [
        "⟦Ŝţåårţ⟧",
        "▶ ⟦Šţåårţ ĕçĥöö šēērvēēr öön 127.0.0.1:9999⟧",
        "SO_REUSEADDR EADDRINUSE UTF-8 [::1]:80 /tmp/lab.ron lab.ron localhost:9 English 中文 − + 150 %",
        "My server: ⟦ïïš ŕüüññïïñĝ⟧",
    ];
    for label in ok {
        assert_eq!(foreign_words(label, &["My server"]), Vec::<String>::new(), "{label}");
    }
    assert_eq!(foreign_words("Start an echo server", &[]), ["Start", "an", "echo", "server"]);
    assert_eq!(foreign_words("⟦Ŝţåårţ⟧ now:", &[]), ["now:"]);
    assert_eq!(foreign_words("启动服务器", &[]), ["启动服务器"]);
    assert_eq!(foreign_words("⟪welcome-title⟫", &[]), ["⟪welcome-title⟫"]);
    assert_eq!(foreign_words("Quit", &[]), ["Quit"]);
    assert_eq!(foreign_words("getsockopt   ", &[]), Vec::<String>::new(), "a C call");
    assert_eq!(foreign_words("recv = 0 (FIN)", &[]), Vec::<String>::new());
    assert_eq!(foreign_words("send file", &[]), ["file"]);
}
