//! The conversation's bubbles, ready to draw: which messages each one shows,
//! its header and its lines. Pure (no egui): kept up to date incrementally as
//! messages arrive and fall out of the bounded history, so a frame during a
//! flood formats only what is new.

use std::borrow::Cow;
use std::collections::VecDeque;

use crate::model::{Direction, EndpointState, Message};
use crate::net::{Addr, ConnId, Encoding, Piece, escaped, hex_string};
use crate::util::clock::local_time;

/// Lines a bubble keeps before it says how much more there is (the view
/// folds it much earlier, with "show all").
pub const MAX_BUBBLE_LINES: usize = 200;
/// Characters a line keeps before it is cut (the view wraps what it keeps).
pub const MAX_LINE_CHARS: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewMode {
    Text,
    Hex,
    Both,
}

/// What the bubbles depend on besides the messages: changing any of it builds them again.
#[derive(Clone, Copy, Debug)]
pub struct Shape<'a> {
    pub mode: ViewMode,
    /// true: one bubble per send()/recv(); false: chunks joined into lines.
    pub chunks: bool,
    /// Shown only if the text (case-insensitive) or the hex contains it.
    pub filter: &'a str,
    /// One connection of a server, or all.
    pub conn: Option<ConnId>,
    /// Bytes per hexdump row (16, 8 or 4): the widest that fits the view.
    pub hex_row: usize,
    /// The endpoint's text encoding: what the text view decodes with.
    pub encoding: Encoding,
}

/// A bubble ready to draw: its lines are fixed, so its height is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bubble {
    pub dir: Direction,
    pub header: String,
    pub lines: Vec<String>,
    /// The first and last message it shows, to rebuild its text on Copy.
    pub seqs: (u64, u64),
    /// Where a recv() chunk joins the one before inside a framed message:
    /// (line, character) in `lines`.
    pub marks: Vec<(usize, usize)>,
    /// Bytes that are no text in the encoding, shown as `\xHH`: (line, first
    /// character, end character) in `lines`, drawn marked.
    pub undecoded: Vec<Span>,
    pub style: BubbleStyle,
}

/// Characters `start..end` of line `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// How a bubble is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BubbleStyle {
    /// Bytes sent or received.
    Message,
    /// Something that happened to the stream (a frame error, a resync).
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    mode: ViewMode,
    chunks: bool,
    filter: String,
    conn: Option<ConnId>,
    hex_row: usize,
    encoding: Encoding,
    /// Headers and notes are in the language of the moment: a switch rebuilds them.
    lang: crate::i18n::Lang,
}

impl Key {
    fn matches(&self, s: &Shape<'_>) -> bool {
        self.mode == s.mode
            && self.chunks == s.chunks
            && self.conn == s.conn
            && self.filter == s.filter
            && self.hex_row == s.hex_row
            && self.encoding == s.encoding
            && self.lang == crate::i18n::language()
    }
}

/// The bubbles of one endpoint's conversation as one view shows it.
#[derive(Clone, Debug, Default)]
pub struct BubbleCache {
    key: Option<Key>,
    /// The conversation's revision the bubbles are up to.
    revision: u64,
    /// Joined lines: where the last group starts while it may still take the
    /// next chunk (its line has not ended), shown or filtered out.
    open_from: Option<u64>,
    bubbles: VecDeque<Bubble>,
}

impl BubbleCache {
    pub fn bubbles(&self) -> &VecDeque<Bubble> {
        &self.bubbles
    }

    /// Brings the bubbles up to the conversation: new messages appended, dropped ones removed.
    pub fn update(&mut self, ep: &EndpointState, shape: Shape<'_>) {
        if !self.key.as_ref().is_some_and(|k| k.matches(&shape)) {
            let key = Key {
                mode: shape.mode,
                chunks: shape.chunks,
                filter: shape.filter.to_string(),
                conn: shape.conn,
                hex_row: shape.hex_row,
                encoding: shape.encoding,
                lang: crate::i18n::language(),
            };
            *self = BubbleCache { key: Some(key), ..Default::default() };
        }
        let revision = ep.conversation.revision();
        if self.revision == revision {
            return;
        }
        // Bubbles whose first message fell out of the history go (a joined group
        // that lost its start goes whole, a little earlier than a rebuild would).
        let first_kept = ep.conversation.iter().next().map(|m| m.seq).unwrap_or(revision);
        while self.bubbles.front().is_some_and(|b| b.seqs.0 < first_kept) {
            self.bubbles.pop_front();
        }
        // An open group is built again with the chunks that joined it.
        let mut from = self.revision.max(first_kept);
        if let Some(open) = self.open_from.take() {
            from = open.max(first_kept);
            if self.bubbles.back().is_some_and(|b| b.seqs.0 == open) {
                self.bubbles.pop_back();
            }
        }
        let (bubbles, open_from) = build(ep, shape, from);
        self.bubbles.extend(bubbles);
        self.open_from = open_from;
        self.revision = revision;
    }
}

/// A classic hexdump row: offset, `width` bytes, and their printable characters.
fn hexdump_row(i: usize, width: usize, row: &[u8]) -> String {
    let ascii: String = row.iter().map(|&b| if (0x20..0x7f).contains(&b) { b as char } else { '.' }).collect();
    format!("{:06x}  {:<pad$}  |{ascii}|", i * width, hex_string(row), pad = width * 3 - 1)
}

/// Characters a hexdump row of `width` bytes takes.
pub fn hexdump_chars(width: usize) -> usize {
    6 + 2 + (width * 3 - 1) + 2 + width + 2
}

fn clip(l: &str) -> String {
    if l.len() > MAX_LINE_CHARS && l.chars().count() > MAX_LINE_CHARS {
        l.chars().take(MAX_LINE_CHARS).collect::<String>() + "…"
    } else {
        l.to_string()
    }
}

/// Hexdump rows while there is room; counts every row.
fn hex_lines(data: &[u8], width: usize, lines: &mut Vec<String>, total: &mut usize) {
    let width = width.max(1);
    let room = MAX_BUBBLE_LINES.saturating_sub(lines.len());
    lines.extend(data.chunks(width).take(room).enumerate().map(|(i, r)| hexdump_row(i, width, r)));
    *total += data.len().div_ceil(width);
}

/// Text lines (\r and \t made visible) while there is room, or hex if it is not UTF-8; counts every line.
/// In another encoding, the decoded text with what does not decode as marked `\xHH`.
fn text_lines(data: &[u8], text: &mut TextOut<'_>, lines: &mut Vec<String>, total: &mut usize) {
    let hex_row = text.hex_row;
    if text.encoding != Encoding::Utf8 {
        let pieces = text.encoding.decode(data);
        if pieces.iter().any(|p| matches!(p, Piece::Text(_))) {
            decoded_lines(&pieces, lines, text.undecoded, total);
            return;
        }
        if lines.len() < MAX_BUBBLE_LINES {
            lines.push(crate::t!("encoding-not-text", encoding = text.encoding.label()));
        }
        *total += 1;
        return hex_lines(data, hex_row, lines, total);
    }
    match std::str::from_utf8(data) {
        Ok(s) => {
            let s = s.strip_suffix('\n').unwrap_or(s);
            let room = MAX_BUBBLE_LINES.saturating_sub(lines.len());
            for l in s.split('\n').take(room) {
                lines.push(clip(&l.replace('\r', "\\r").replace('\t', "\\t")));
            }
            *total += s.bytes().filter(|&b| b == b'\n').count() + 1;
        }
        Err(_) => {
            if lines.len() < MAX_BUBBLE_LINES {
                lines.push(crate::t!("conversation-not-utf8"));
            }
            *total += 1;
            hex_lines(data, hex_row, lines, total);
        }
    }
}

/// How the text view writes bytes, and where it marks those that did not decode.
struct TextOut<'a> {
    encoding: Encoding,
    hex_row: usize,
    undecoded: &'a mut Vec<Span>,
}

/// Decoded pieces as lines: text as [`text_lines`] shows it, bytes that did
/// not decode as `\xHH`, each run recorded as a [`Span`].
fn decoded_lines(pieces: &[Piece], lines: &mut Vec<String>, spans: &mut Vec<Span>, total: &mut usize) {
    let mut line = String::new();
    let mut col = 0usize;
    let mut count = 1usize;
    let last = pieces.len().saturating_sub(1);
    let push = |line: &mut String, lines: &mut Vec<String>| {
        if lines.len() < MAX_BUBBLE_LINES {
            lines.push(clip(line));
        }
        line.clear();
    };
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => {
                // A final newline ends the last line rather than starting an empty one.
                let t = if i == last { t.strip_suffix('\n').unwrap_or(t) } else { t };
                for c in t.chars() {
                    match c {
                        '\n' => {
                            push(&mut line, lines);
                            col = 0;
                            count += 1;
                        }
                        '\r' | '\t' => {
                            line.push_str(if c == '\r' { "\\r" } else { "\\t" });
                            col += 2;
                        }
                        c => {
                            line.push(c);
                            col += 1;
                        }
                    }
                }
            }
            Piece::Bytes(b) => {
                let start = col;
                b.iter().for_each(|b| line.push_str(&format!("\\x{b:02X}")));
                col += 4 * b.len();
                if lines.len() < MAX_BUBBLE_LINES && start < MAX_LINE_CHARS {
                    spans.push(Span { line: lines.len(), start, end: col.min(MAX_LINE_CHARS) });
                }
            }
        }
    }
    push(&mut line, lines);
    *total += count;
}

/// The lines a bubble shows: only the first MAX_BUBBLE_LINES are formatted, the rest counted.
#[cfg(test)]
pub fn body_lines(data: &[u8], mode: ViewMode, hex_row: usize) -> Vec<String> {
    body_lines_in(data, mode, hex_row, Encoding::Utf8).0
}

/// [`body_lines`] with the text decoded from `encoding`, and where bytes that did not decode are.
pub fn body_lines_in(data: &[u8], mode: ViewMode, hex_row: usize, encoding: Encoding) -> (Vec<String>, Vec<Span>) {
    if data.is_empty() {
        return (vec![crate::t!("conversation-empty-message")], Vec::new());
    }
    let mut lines: Vec<String> = Vec::new();
    let mut undecoded = Vec::new();
    let mut total = 0usize;
    let mut text = TextOut { encoding, hex_row, undecoded: &mut undecoded };
    match mode {
        ViewMode::Text => text_lines(data, &mut text, &mut lines, &mut total),
        ViewMode::Hex => hex_lines(data, hex_row, &mut lines, &mut total),
        ViewMode::Both => {
            text_lines(data, &mut text, &mut lines, &mut total);
            hex_lines(data, hex_row, &mut lines, &mut total);
        }
    }
    if total > MAX_BUBBLE_LINES {
        lines.push(crate::t!("conversation-more-lines", count = total - MAX_BUBBLE_LINES));
    }
    (lines, undecoded)
}

fn header(m: &Message, bytes: usize, parts: usize, server: bool) -> String {
    let arrow = if m.dir == Direction::In { crate::t!("conversation-recv") } else { crate::t!("conversation-send") };
    let peer = peer_text(&m.peer, m.dir);
    let conn = if server { format!(" #{}", m.conn) } else { String::new() };
    let parts =
        if parts > 1 { format!(" · {}", crate::t!("conversation-chunks", count = parts)) } else { String::new() };
    let size = crate::ui::style::byte_count(bytes as u64);
    format!("{}  {arrow}{conn}{peer} · {size}{parts}", local_time(m.time))
}

/// " from 127.0.0.1:5000", " to …", or nothing for an unnamed peer.
pub fn peer_text(peer: &Option<Addr>, dir: Direction) -> String {
    match (peer, dir) {
        (Some(Addr::Unnamed) | None, _) => String::new(),
        (Some(p), Direction::In) => format!(" {}", crate::t!("conversation-from", peer = p.to_string())),
        (Some(p), Direction::Out) => format!(" {}", crate::t!("conversation-to", peer = p.to_string())),
    }
}

/// The whole text of the messages a bubble shows, for Copy.
/// In another encoding than UTF-8, the decoded text, with bytes that did not decode as `\xHH`.
pub fn full_text(ep: &EndpointState, seqs: (u64, u64), conn: Option<ConnId>) -> String {
    let mut data = Vec::new();
    for m in ep.conversation.since(seqs.0).take_while(|m| m.seq <= seqs.1).filter(|m| conn.is_none_or(|c| m.conn == c))
    {
        data.extend_from_slice(&m.data);
    }
    if ep.spec.encoding != Encoding::Utf8 {
        return escaped(&ep.spec.encoding.decode(&data));
    }
    match std::str::from_utf8(&data) {
        Ok(s) => s.to_string(),
        Err(_) => hex_string(&data),
    }
}

/// Messages grouped as bubbles: (first message, bytes, chunk count, last seq).
type Group<'a> = (&'a Message, Cow<'a, [u8]>, usize, u64);

fn group<'a>(ep: &'a EndpointState, shape: Shape<'_>, from: u64) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for m in ep.conversation.since(from).filter(|m| shape.conn.is_none_or(|c| m.conn == c)) {
        if !shape.chunks {
            // Join a chunk to the previous one from the same side until a line ends.
            if let Some((first, data, parts, last)) = groups.last_mut()
                && first.dir == m.dir
                && first.conn == m.conn
                && data.last() != Some(&b'\n')
            {
                data.to_mut().extend_from_slice(&m.data);
                *parts += 1;
                *last = m.seq;
                continue;
            }
        }
        groups.push((m, Cow::Borrowed(&m.data[..]), 1, m.seq));
    }
    groups
}

/// The search matches the text (any case) or the hex of the bytes.
fn matches(data: &[u8], needle: &str, encoding: Encoding) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hex = hex_string(data);
    let text = match std::str::from_utf8(data) {
        _ if encoding != Encoding::Utf8 => escaped(&encoding.decode(data)).to_lowercase(),
        Ok(s) => s.to_lowercase(),
        Err(_) => hex.clone(),
    };
    text.contains(needle) || hex.contains(needle)
}

/// Bubbles for the messages from seq `from` on, and where the last group starts if it is still open.
pub fn build(ep: &EndpointState, shape: Shape<'_>, from: u64) -> (Vec<Bubble>, Option<u64>) {
    let server = ep.is_server();
    let groups = group(ep, shape, from);
    let open_from = match groups.last() {
        Some((first, data, ..)) if !shape.chunks && data.last() != Some(&b'\n') => Some(first.seq),
        _ => None,
    };
    let needle = shape.filter.to_lowercase();
    let bubbles = groups
        .into_iter()
        .filter(|(_, data, ..)| matches(data, &needle, shape.encoding))
        .map(|(m, data, parts, last)| {
            let (lines, undecoded) = body_lines_in(&data, shape.mode, shape.hex_row, shape.encoding);
            Bubble {
                dir: m.dir,
                header: header(m, data.len(), parts, server),
                lines,
                seqs: (m.seq, last),
                marks: Vec::new(),
                undecoded,
                style: BubbleStyle::Message,
            }
        })
        .collect();
    (bubbles, open_from)
}

#[cfg(test)]
#[path = "bubbles_tests.rs"]
mod tests;
