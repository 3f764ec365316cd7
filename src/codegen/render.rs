//! A small template renderer for the generated programs. Templates are code
//! in the target language with three kinds of marks:
//!
//! - a line `@@ note-id` becomes that note of [`super::text`], wrapped, as
//!   comment lines at the line's indentation;
//! - `{{name}}` is replaced by a value; a line holding only `{{name}}` takes a
//!   block of lines, each indented like the mark (no line at all if empty);
//! - `«expr»` wraps a blocking call in `patient(...)` when the program sets
//!   SO_RCVTIMEO (see the `code-patient` note), and is just `expr` otherwise.
//!
//! Values are inserted as they are and never scanned again, so an address or
//! a path cannot inject marks.

use super::text;

/// What differs between the target languages.
pub(super) struct Style {
    /// Starts a comment line: `# ` or `// `.
    pub comment: &'static str,
    /// Replaces `«` when calls are patient: `patient(lambda: ` or `patient(|| `.
    pub patient_open: &'static str,
    /// Longest line a comment is wrapped to.
    pub width: usize,
}

/// Named values for one template.
#[derive(Clone, Default)]
pub(super) struct Vars(Vec<(&'static str, String)>);

impl Vars {
    pub fn new() -> Vars {
        Vars::default()
    }

    pub fn set(&mut self, name: &'static str, value: impl Into<String>) -> &mut Vars {
        let value = value.into();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
        self
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

pub(super) struct Renderer<'a> {
    pub style: &'a Style,
    pub patient: bool,
}

impl Renderer<'_> {
    /// Renders a template; a mark whose value is missing stays as it is
    /// (unit tests check that none is left).
    pub fn render(&self, template: &str, vars: &Vars) -> String {
        let mut out: Vec<String> = Vec::new();
        for line in template.strip_prefix('\n').unwrap_or(template).lines() {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            if let Some(id) = body.strip_prefix("@@ ") {
                let id = self.inline(id.trim(), vars);
                out.extend(self.comment(indent, &id, vars));
            } else if let Some(block) = whole_mark(body).and_then(|name| vars.get(name)) {
                out.extend(block.lines().map(|l| if l.is_empty() { String::new() } else { format!("{indent}{l}") }));
            } else {
                out.push(format!("{indent}{}", self.inline(body, vars)));
            }
        }
        let mut s = out.join("\n");
        s.push('\n');
        s
    }

    /// One note as a comment line at this indentation; [`wrap_comments`]
    /// wraps it once the program is whole and every line has its final indentation.
    pub fn comment(&self, indent: &str, id: &str, vars: &Vars) -> Vec<String> {
        let text = match text::note(id) {
            Some(t) => placeables(t, vars),
            None => format!("{{{{missing note {id}}}}}"),
        };
        vec![format!("{indent}{}{}", self.style.comment, text.split_whitespace().collect::<Vec<_>>().join(" "))]
    }

    fn inline(&self, s: &str, vars: &Vars) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("{{")
                && let Some(end) = after.find("}}")
                && let Some(value) = vars.get(&after[..end])
            {
                out.push_str(value);
                rest = &after[end + 2..];
                continue;
            }
            match c {
                '«' if self.patient => out.push_str(self.style.patient_open),
                '»' if self.patient => out.push(')'),
                '«' | '»' => {}
                _ => out.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

/// Wraps every comment line longer than the style's width at its own indentation.
pub(super) fn wrap_comments(program: &str, style: &Style) -> String {
    let mut out = String::with_capacity(program.len() + program.len() / 8);
    for line in program.lines() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        match body.strip_prefix(style.comment) {
            Some(text) if columns(line) > style.width => {
                let room = style.width.saturating_sub(columns(indent) + style.comment.len()).max(20);
                for piece in wrap(text, room) {
                    out.push_str(&format!("{indent}{}{piece}", style.comment));
                    out.push('\n');
                }
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// `{{name}}` alone on a line: the name.
fn whole_mark(body: &str) -> Option<&str> {
    body.trim_end().strip_prefix("{{")?.strip_suffix("}}").filter(|n| !n.contains('{') && !n.contains('}'))
}

/// Fills Fluent-style placeables `{ $name }` from the values.
fn placeables(text: &str, vars: &Vars) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{ $") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        match after.find(" }") {
            Some(end) => {
                let name = &after[..end];
                match vars.get(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[start..start + 3 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Greedy word wrap by columns (a Chinese character takes two, as a
/// terminal shows it). Chinese has no spaces: a line may break between two
/// characters where one is wide, but never before a closing mark (，。）)
/// or after an opening one (（“), nor inside an ASCII name. A piece longer
/// than the room (a path) is cut.
fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        for (k, atom) in atoms(word).into_iter().enumerate() {
            let gap = usize::from(k == 0 && len > 0);
            let width = columns(atom);
            if len + gap + width <= room {
                if gap > 0 {
                    line.push(' ');
                }
                line.push_str(atom);
                len += gap + width;
                continue;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            for c in atom.chars() {
                if len + columns_of(c) > room && len > 0 {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
                line.push(c);
                len += columns_of(c);
            }
        }
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word cut where a line may break inside it (see [`wrap`]).
fn atoms(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev
            && (wide(p) || wide(c))
            && !"，。、；：！？）」』”’》〉…".contains(c)
            && !"（「『“‘《〈".contains(p)
        {
            out.push(&word[start..i]);
            start = i;
        }
        prev = Some(c);
    }
    out.push(&word[start..]);
    out
}

/// How many columns a terminal or an editor gives the text.
pub(super) fn columns(text: &str) -> usize {
    text.chars().map(columns_of).sum()
}

fn columns_of(c: char) -> usize {
    if wide(c) { 2 } else { 1 }
}

/// East Asian wide and full-width characters (CJK, kana, Hangul, full-width forms).
fn wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: Style = Style { comment: "# ", patient_open: "patient(lambda: ", width: 40 };

    #[test]
    fn marks_values_blocks_and_patient_calls() {
        let mut vars = Vars::new();
        vars.set("addr", "(\"{{x}}«\", 0)").set("block", "a = 1\n\nb = 2").set("empty", "").set("backlog", "7");
        let r = Renderer { style: &STYLE, patient: false };
        let t =
            "\nif x:\n    @@ code-listen\n    s.bind({{addr}})\n    {{block}}\n    {{empty}}\n    d = «s.recv(1)»\n";
        let out = wrap_comments(&r.render(t, &vars), &STYLE);
        assert_eq!(
            out,
            "if x:\n    # listen() makes it a server. The\n    # backlog (7) is how many\n    # connections that finished the\n    # three-way handshake may wait for\n    # accept().\n    s.bind((\"{{x}}«\", 0))\n    a = 1\n\n    b = 2\n    d = s.recv(1)\n"
        );
        let patient = Renderer { style: &STYLE, patient: true }.render("d = «s.recv(1)»", &vars);
        assert_eq!(patient, "d = patient(lambda: s.recv(1))\n");
    }

    #[test]
    fn wraps_long_words_and_keeps_unknown_placeables() {
        assert_eq!(wrap("abcdefghij kl", 4), vec!["abcd", "efgh", "ij", "kl"]);
        assert_eq!(wrap("", 10), vec![""]);
        // Chinese breaks between characters, two columns each, never before ，
        // nor inside an ASCII name.
        assert_eq!(
            wrap("监听 listen() 让它成为服务器，等待", 12),
            vec!["监听", "listen() 让", "它成为服务", "器，等待"]
        );
        assert_eq!(wrap("套接字socket()，", 10), vec!["套接字", "socket()，"]);
        assert_eq!(placeables("a { $b } c { $d }", Vars::new().set("b", "B")), "a B c { $d }");
    }
}
