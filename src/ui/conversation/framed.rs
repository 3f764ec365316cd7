//! The "Messages" view's bubbles: one per framed message, with marks where
//! the recv() chunks it came from join, the sends between them, and frame
//! errors and resyncs inline. Pure (no egui), kept up to date incrementally
//! like the recv() bubbles.

use std::collections::VecDeque;

#[cfg(test)]
use super::bubbles::body_lines;
use super::bubbles::{Bubble, BubbleStyle, MAX_BUBBLE_LINES, Shape, ViewMode, body_lines_in, peer_text};
use crate::model::{Direction, EndpointState, FramedEntry, FramedKind};
use crate::net::checksum::{Checksum, Verdict};
use crate::net::frame::{Frame, FrameEnd};
use crate::net::hex_string;
use crate::t;
use crate::util::clock::local_time;

/// How many chunk sizes a header lists before "…".
const SIZES_LISTED: usize = 6;

/// "2 recv(): 5 + 7 bytes": how a frame was spread over recv() calls.
pub fn chunk_summary(frame: &Frame) -> String {
    let sizes: Vec<String> = frame.chunks.iter().take(SIZES_LISTED).map(|c| c.range.len().to_string()).collect();
    let more = frame.chunk_count as usize > sizes.len();
    let list = if more { format!("{} + …", sizes.join(" + ")) } else { sizes.join(" + ") };
    crate::t!("conversation-chunk-summary", count = frame.chunk_count, sizes = list)
}

/// Where each later recv() chunk starts in the lines drawn: (line, character).
fn marks(data: &[u8], starts: &[usize], mode: ViewMode, hex_row: usize, lines: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let text = std::str::from_utf8(data).ok();
    if let (Some(s), ViewMode::Text | ViewMode::Both) = (text, mode) {
        text_marks(s, starts, &mut out);
    }
    let hex_base = match (mode, text) {
        (ViewMode::Hex, _) => Some(0),
        (_, None) => Some(1), // after "(not UTF-8: shown as hex)"
        (ViewMode::Both, Some(s)) => Some(s.strip_suffix('\n').unwrap_or(s).split('\n').count()),
        (ViewMode::Text, Some(_)) => None,
    };
    if let Some(base) = hex_base {
        let w = hex_row.max(1);
        out.extend(starts.iter().map(|&b| (base + b / w, 8 + (b % w) * 3 - 1)));
    }
    out.retain(|&(line, col)| line < lines.len().min(MAX_BUBBLE_LINES) && col <= lines[line].chars().count());
    out
}

/// Marks in text drawn as `text_lines` draws it (`\r` and `\t` take two characters).
fn text_marks(s: &str, starts: &[usize], out: &mut Vec<(usize, usize)>) {
    let (mut line, mut col) = (0, 0);
    let mut next = starts.iter().peekable();
    for (at, ch) in s.char_indices() {
        while next.peek().is_some_and(|&&b| b <= at) {
            next.next();
            out.push((line, col));
        }
        match ch {
            '\n' => (line, col) = (line + 1, 0),
            '\r' | '\t' => col += 2,
            _ => col += 1,
        }
    }
}

/// " · ✔ CRC-16/MODBUS ok": whether the frame's body (its delimiter left
/// out) ends with that checksum of what precedes, in its usual byte order.
pub fn check_text(frame: &Frame, check: Option<Checksum>) -> String {
    let Some(sum) = check else { return String::new() };
    let checksum = sum.label();
    let text = match sum.check(frame.body(), sum.usual_order()) {
        Verdict::Valid => t!("conversation-check-ok", checksum = checksum),
        Verdict::Invalid { found, expected } => t!(
            "conversation-check-bad",
            checksum = checksum,
            expected = hex_string(&expected),
            found = hex_string(&found)
        ),
        Verdict::TooShort { len, width } => {
            t!("conversation-check-short", checksum = checksum, len = len, width = width)
        }
    };
    format!(" · {text}")
}

fn frame_bubble(e: &FramedEntry, frame: &Frame, shape: Shape<'_>, server: bool, check: Option<Checksum>) -> Bubble {
    let conn = if server { format!(" #{}", e.conn) } else { String::new() };
    let size = crate::ui::style::byte_count(frame.bytes.len() as u64);
    let end = match frame.end {
        FrameEnd::Complete => String::new(),
        FrameEnd::Cut => format!(" · {}", t!("conversation-cut")),
        FrameEnd::Eof => format!(" · {}", t!("conversation-unfinished")),
    };
    let header = format!(
        "{}  {}{conn}{}{} · {size} · {}{end}",
        local_time(e.time),
        t!("conversation-framed-recv"),
        check_text(frame, check),
        peer_text(&e.peer, Direction::In),
        chunk_summary(frame)
    );
    let (lines, undecoded) = body_lines_in(&frame.bytes, shape.mode, shape.hex_row, shape.encoding);
    let starts: Vec<usize> = frame.chunks.iter().skip(1).map(|c| c.range.start).collect();
    let marks = marks(&frame.bytes, &starts, shape.mode, shape.hex_row, &lines);
    Bubble { dir: Direction::In, header, lines, seqs: (e.seq, e.seq), marks, undecoded, style: BubbleStyle::Message }
}

fn entry_bubble(e: &FramedEntry, shape: Shape<'_>, server: bool, check: Option<Checksum>) -> Bubble {
    let conn = if server { format!(" #{}", e.conn) } else { String::new() };
    let time = local_time(e.time);
    let note = |header: String, line: String| Bubble {
        dir: Direction::In,
        header,
        lines: vec![line],
        seqs: (e.seq, e.seq),
        marks: Vec::new(),
        undecoded: Vec::new(),
        style: BubbleStyle::Note,
    };
    match &e.kind {
        FramedKind::Frame(f) => frame_bubble(e, f, shape, server, check),
        FramedKind::Sent(data) => {
            let size = crate::ui::style::byte_count(data.len() as u64);
            let peer = peer_text(&e.peer, Direction::Out);
            let (lines, undecoded) = body_lines_in(data, shape.mode, shape.hex_row, shape.encoding);
            Bubble {
                dir: Direction::Out,
                header: format!("{time}  {}{conn}{peer} · {size}", t!("conversation-send")),
                lines,
                seqs: (e.seq, e.seq),
                marks: Vec::new(),
                undecoded,
                style: BubbleStyle::Message,
            }
        }
        FramedKind::Error(error) => {
            note(format!("{time}  ⚠ {}{conn}", t!("conversation-frame-error")), error.to_string())
        }
        FramedKind::Resynced(skipped) => note(
            format!("{time}  ↻ {}{conn}", t!("conversation-resync")),
            t!("conversation-resynced", skipped = *skipped),
        ),
    }
}

fn matches(e: &FramedEntry, needle: &str, encoding: crate::net::Encoding) -> bool {
    if needle.is_empty() {
        return true;
    }
    let data = e.data();
    let text = match encoding {
        crate::net::Encoding::Utf8 => std::str::from_utf8(data).map(str::to_lowercase).unwrap_or_default(),
        other => crate::net::escaped(&other.decode(data)).to_lowercase(),
    };
    text.contains(needle) || hex_string(data).contains(needle)
}

/// Shape, language and checked checksum: what the cached bubbles were built for.
type CacheKey = (ViewMode, String, Option<u64>, usize, crate::net::Encoding, crate::i18n::Lang, Option<Checksum>);

/// The Messages view's bubbles, brought up to the endpoint's framed log.
#[derive(Clone, Debug, Default)]
pub struct FramedCache {
    /// What the bubbles were built for; the language too, as headers and notes are in it.
    key: Option<CacheKey>,
    revision: u64,
    bubbles: VecDeque<Bubble>,
}

impl FramedCache {
    pub fn bubbles(&self) -> &VecDeque<Bubble> {
        &self.bubbles
    }

    /// `check`: the trailing checksum each frame's header says is right or wrong.
    pub fn update(&mut self, ep: &EndpointState, shape: Shape<'_>, check: Option<Checksum>) {
        let key = (
            shape.mode,
            shape.filter.to_string(),
            shape.conn,
            shape.hex_row,
            shape.encoding,
            crate::i18n::language(),
            check,
        );
        if self.key.as_ref() != Some(&key) {
            *self = FramedCache { key: Some(key), ..Default::default() };
        }
        let revision = ep.framed.revision();
        if self.revision == revision {
            return;
        }
        let first_kept = ep.framed.iter().next().map_or(revision, |e| e.seq);
        while self.bubbles.front().is_some_and(|b| b.seqs.0 < first_kept) {
            self.bubbles.pop_front();
        }
        let needle = shape.filter.to_lowercase();
        let server = ep.is_server();
        let new = ep
            .framed
            .since(self.revision.max(first_kept))
            .filter(|e| shape.conn.is_none_or(|c| e.conn == c) && matches(e, &needle, shape.encoding))
            .map(|e| entry_bubble(e, shape, server, check));
        self.bubbles.extend(new);
        self.revision = revision;
    }
}

/// The whole text of one entry, for Copy.
pub fn full_text(ep: &EndpointState, seq: u64) -> String {
    let Some(e) = ep.framed.since(seq).next().filter(|e| e.seq == seq) else { return String::new() };
    match &e.kind {
        FramedKind::Error(error) => error.to_string(),
        FramedKind::Resynced(n) => t!("conversation-resynced", skipped = *n),
        _ => match std::str::from_utf8(e.data()) {
            Ok(s) => s.to_string(),
            Err(_) => hex_string(e.data()),
        },
    }
}

/// What the Messages view says while it has nothing to show.
pub fn empty_hint(ep: &EndpointState) -> String {
    if ep.spec.kind.is_datagram() {
        t!("conversation-framed-datagram")
    } else if ep.spec.frame.framing == crate::net::frame::Framing::Raw && ep.framed.frames == 0 {
        t!("conversation-no-framing")
    } else {
        t!("conversation-no-frames")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::frame::ChunkSpan;

    fn frame(bytes: &[u8], cuts: &[usize]) -> Frame {
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(bytes.len());
        let chunks: Vec<ChunkSpan> =
            bounds.windows(2).enumerate().map(|(i, w)| ChunkSpan { chunk: i as u64, range: w[0]..w[1] }).collect();
        Frame {
            bytes: bytes.to_vec(),
            body: 0..bytes.len(),
            chunk_count: chunks.len() as u64,
            chunks,
            end: FrameEnd::Complete,
        }
    }

    #[test]
    fn a_split_frame_says_how_it_came_and_marks_the_joins() {
        let f = frame(b"hello world\n", &[5]);
        assert_eq!(chunk_summary(&f), "2 recv(): 5 + 7 bytes");
        assert_eq!(chunk_summary(&frame(b"hi\n", &[])), "1 recv()");
        let lines = body_lines(&f.bytes, ViewMode::Text, 16);
        assert_eq!(marks(&f.bytes, &[5], ViewMode::Text, 16, &lines), [(0, 5)]);
        // \r is drawn as two characters; a join in the second line.
        let g = b"a\r\nbc\tde\n";
        let lines = body_lines(g, ViewMode::Text, 16);
        assert_eq!(marks(g, &[1, 6], ViewMode::Text, 16, &lines), [(0, 1), (1, 4)]);
        // Hex: before the byte, in its row.
        let lines = body_lines(&f.bytes, ViewMode::Hex, 4);
        assert_eq!(marks(&f.bytes, &[5], ViewMode::Hex, 4, &lines), [(1, 10)]);
        let both = body_lines(&f.bytes, ViewMode::Both, 16);
        assert_eq!(marks(&f.bytes, &[5], ViewMode::Both, 16, &both), [(0, 5), (1, 22)]);
    }

    #[test]
    fn the_trailing_checksum_is_checked_on_the_body_without_its_delimiter() {
        let mut ok = frame(b"123456789\x37\x4b\n", &[]);
        ok.body = 0..11;
        let sum = Some(Checksum::Crc16Modbus);
        assert_eq!(check_text(&ok, None), "");
        assert_eq!(check_text(&ok, sum), " · ✔ CRC-16/MODBUS ok");
        let mut bad = frame(b"123456789\0\0\n", &[]);
        bad.body = 0..11;
        assert_eq!(check_text(&bad, sum), " · ✖ CRC-16/MODBUS: expected 37 4b, found 00 00");
        let mut short = frame(b"1\n", &[]);
        short.body = 0..1;
        assert_eq!(check_text(&short, sum), " · ✖ CRC-16/MODBUS: only 1 byte, the checksum alone takes 2");
    }

    #[test]
    fn the_cache_follows_the_log_with_errors_inline_and_one_connection_alone() {
        use crate::model::Limits;
        use crate::net::frame::{FrameError, FrameErrorKind, Oversize};
        use crate::net::{EndpointKind, EndpointSpec, Event, EventKind};
        let limits = Limits { messages: 3, ..Limits::default() };
        let spec = EndpointSpec::new(EndpointKind::TcpServer, "127.0.0.1:0");
        let mut ep = EndpointState::new(1, "s".into(), spec, limits);
        let apply =
            |ep: &mut EndpointState, kind| ep.apply(Event { time: std::time::SystemTime::now(), endpoint: 1, kind });
        let shape = |conn| Shape {
            mode: ViewMode::Text,
            chunks: true,
            filter: "",
            conn,
            hex_row: 16,
            encoding: crate::net::Encoding::Utf8,
        };
        let mut cache = FramedCache::default();
        apply(&mut ep, EventKind::Message { conn: 1, frame: frame(b"ab\n", &[1]) });
        let error = FrameError { kind: FrameErrorKind::NoDelimiter { limit: 8 }, then: Oversize::Resync };
        apply(&mut ep, EventKind::FrameError { conn: 2, error });
        cache.update(&ep, shape(None), None);
        let styles: Vec<BubbleStyle> = cache.bubbles().iter().map(|b| b.style).collect();
        assert_eq!(styles, [BubbleStyle::Message, BubbleStyle::Note]);
        assert!(
            cache.bubbles()[0].header.contains("#1") && cache.bubbles()[0].header.contains("2 recv(): 1 + 2 bytes")
        );
        assert!(cache.bubbles()[1].lines[0].starts_with("no delimiter within the frame limit of 8 bytes"));
        apply(&mut ep, EventKind::Resynced { conn: 2, skipped: 9 });
        apply(&mut ep, EventKind::Sent { conn: 1, to: None, data: b"ok".to_vec() });
        cache.update(&ep, shape(None), None);
        let seqs: Vec<u64> = cache.bubbles().iter().map(|b| b.seqs.0).collect();
        assert_eq!(seqs, [1, 2, 3], "the first fell out of the log, the new ones were added");
        let mut one = FramedCache::default();
        one.update(&ep, shape(Some(1)), None);
        assert_eq!(one.bubbles().len(), 1, "connection #1's send alone");
        assert_eq!(one.bubbles()[0].dir, Direction::Out);
    }
}
