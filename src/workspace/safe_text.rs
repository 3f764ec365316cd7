//! Text from a file, made safe to show: a workspace from someone else may hold
//! terminal escapes in a name (clear the screen, retitle the window, hide the
//! rest of a line) or a name a megabyte long that would repeat on every line.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How many characters of a name are shown before it is cut with "…".
pub const NAME_SHOWN: usize = 60;

/// Characters that change how the rest of a line reads without being visible
/// themselves: the C0 and C1 controls (ESC, CSI …), DEL, and the bidirectional
/// overrides that can make text display in another order than it is stored.
pub(super) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every hidden character written as an escape (`\x1b`, `\u{9b}`,
/// `\n`), so it prints as the text it is and cannot act on the terminal.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A name from a file as one line shows it: escaped, and cut after
/// [`NAME_SHOWN`] characters with "…".
pub fn display_name(name: &str) -> String {
    match name.char_indices().nth(NAME_SHOWN) {
        Some((cut, _)) => format!("{}…", escape_controls(&name[..cut])),
        None => escape_controls(name).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_obey() {
        assert_eq!(escape_controls("plain name ☕"), "plain name ☕");
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(escape_controls("\x1b[2J\x1b]0;pwned\x07"), "\\x1b[2J\\x1b]0;pwned\\x07");
        assert_eq!(escape_controls("a\u{9b}31mb\u{7f}"), "a\\u{9b}31mb\\x7f");
        assert_eq!(escape_controls("line\nfake\r\tx"), "line\\nfake\\r\\tx");
        assert_eq!(escape_controls("abc\u{202e}fed"), "abc\\u{202e}fed");
    }

    #[test]
    fn long_names_are_cut_after_sixty_characters() {
        let long = "é".repeat(10_000);
        let shown = display_name(&long);
        assert_eq!(shown, format!("{}…", "é".repeat(NAME_SHOWN)));
        assert_eq!(display_name(&"x".repeat(NAME_SHOWN)), "x".repeat(NAME_SHOWN));
        assert_eq!(display_name("\x1b[31mred"), "\\x1b[31mred");
    }
}
