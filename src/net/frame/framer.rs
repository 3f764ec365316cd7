//! The framer: recv() chunks in, framed messages out, for one connection.
//!
//! It holds at most one incomplete frame, never more than the limit: bytes
//! are copied in only while they can still belong to a frame that fits, and
//! what is skipped after an oversize frame is counted, not kept. A peer that
//! announces a 4 GB frame costs a counter.

use std::ops::Range;

use super::{
    ChunkSpan, Frame, FrameEnd, FrameError, FrameErrorKind, FrameEvent, FrameSpec, FrameSpecError, Framing, MAX_MARKS,
    Oversize, PrefixWidth,
};

pub struct Framer {
    spec: FrameSpec,
    /// The incomplete frame (or, while skipping to a delimiter, the last few
    /// bytes seen, in case a delimiter straddles two chunks).
    buf: Vec<u8>,
    marks: Marks,
    state: State,
    skipped_total: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Collect,
    SkipToDelimiter {
        skipped: u64,
    },
    SkipBytes {
        remaining: u64,
        skipped: u64,
    },
    /// Handing on an oversize length-prefixed frame in pieces (`Split`).
    CutBytes {
        remaining: u64,
    },
    Closed,
}

/// The recv() chunks that make up `buf`.
#[derive(Default)]
struct Marks {
    spans: Vec<ChunkSpan>,
    count: u64,
}

impl Marks {
    fn add(&mut self, chunk: u64, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if let Some(last) = self.spans.last_mut()
            && last.chunk == chunk
            && last.range.end == range.start
        {
            last.range.end = range.end;
            return;
        }
        self.count += 1;
        if self.spans.len() < MAX_MARKS {
            self.spans.push(ChunkSpan { chunk, range });
        }
    }

    fn take(&mut self) -> (Vec<ChunkSpan>, u64) {
        let count = std::mem::take(&mut self.count);
        (std::mem::take(&mut self.spans), count)
    }

    /// Splits at byte `at`: returns the marks before it, keeps those after
    /// (renumbered from 0). A chunk that straddles `at` is in both.
    fn split_front(&mut self, at: usize) -> (Vec<ChunkSpan>, u64) {
        let (mut front, count) = self.take();
        for span in front.iter().filter(|s| s.range.end > at) {
            self.add(span.chunk, span.range.start.max(at) - at..span.range.end - at);
        }
        front.retain_mut(|s| {
            s.range.end = s.range.end.min(at);
            s.range.start < at
        });
        let front_count = if count > MAX_MARKS as u64 { count } else { front.len() as u64 };
        (front, front_count)
    }
}

impl Framer {
    pub fn new(spec: FrameSpec) -> Result<Framer, FrameSpecError> {
        spec.validate()?;
        Ok(Framer { spec, buf: Vec::new(), marks: Marks::default(), state: State::Collect, skipped_total: 0 })
    }

    pub fn spec(&self) -> &FrameSpec {
        &self.spec
    }

    /// Bytes held for an incomplete frame: never more than the limit.
    pub fn held(&self) -> usize {
        self.buf.len()
    }

    /// Bytes dropped so far after oversize frames (and after a close).
    pub fn skipped(&self) -> u64 {
        self.skipped_total
    }

    /// Whether an oversize frame closed the stream (`Oversize::Close`).
    pub fn is_closed(&self) -> bool {
        self.state == State::Closed
    }

    /// Frames what one recv() returned. `chunk` numbers the recv() so each
    /// frame can say which chunks it spanned.
    pub fn push(&mut self, chunk: u64, data: &[u8], out: &mut Vec<FrameEvent>) {
        if self.state == State::Closed {
            self.skipped_total += data.len() as u64;
            return;
        }
        if self.spec.framing == Framing::Raw {
            if !data.is_empty() {
                out.push(FrameEvent::Frame(Frame::whole(chunk, data.to_vec())));
            }
            return;
        }
        let mut at = 0;
        while at < data.len() {
            let input = &data[at..];
            let used = match self.state {
                State::Collect => self.collect(chunk, input, out),
                State::SkipToDelimiter { skipped } => self.skip_to_delimiter(skipped, input, out),
                State::SkipBytes { remaining, skipped } => self.skip_bytes(remaining, skipped, input, out),
                State::CutBytes { remaining } => self.cut_bytes(remaining, chunk, input, out),
                State::Closed => {
                    self.skipped_total += input.len() as u64;
                    input.len()
                }
            };
            at += used;
        }
    }

    /// The stream ended: what was held of an incomplete frame, if anything.
    pub fn finish(&mut self) -> Option<Frame> {
        let holds_frame = matches!(self.state, State::Collect | State::CutBytes { .. });
        let bytes = std::mem::take(&mut self.buf);
        let (chunks, chunk_count) = self.marks.take();
        self.state = State::Closed;
        (holds_frame && !bytes.is_empty()).then_some(Frame {
            body: 0..bytes.len(),
            bytes,
            chunks,
            chunk_count,
            end: FrameEnd::Eof,
        })
    }

    fn collect(&mut self, chunk: u64, input: &[u8], out: &mut Vec<FrameEvent>) -> usize {
        match self.spec.framing.clone() {
            Framing::Raw => input.len(),
            Framing::Line => self.collect_delimited(b"\n", chunk, input, out),
            Framing::Delimiter(d) => self.collect_delimited(&d, chunk, input, out),
            Framing::Fixed(n) => self.collect_exact(n, chunk, input, None, out),
            Framing::LengthPrefix { width, big_endian, counts_header } => {
                self.collect_prefixed((width, big_endian, counts_header), chunk, input, out)
            }
        }
    }

    /// Copies `input` into the frame being built, with its chunk mark.
    fn append(&mut self, chunk: u64, input: &[u8]) {
        let start = self.buf.len();
        self.buf.extend_from_slice(input);
        self.marks.add(chunk, start..self.buf.len());
    }

    /// Emits what is held plus `extra` (the rest of the frame from this chunk).
    fn emit(&mut self, chunk: u64, extra: &[u8], body: BodyOf, end: FrameEnd, out: &mut Vec<FrameEvent>) {
        let mut bytes = std::mem::take(&mut self.buf);
        let start = bytes.len();
        bytes.extend_from_slice(extra);
        self.marks.add(chunk, start..bytes.len());
        let (chunks, chunk_count) = self.marks.take();
        let body = body.range(&bytes);
        out.push(FrameEvent::Frame(Frame { bytes, body, chunks, chunk_count, end }));
    }

    fn collect_delimited(&mut self, d: &[u8], chunk: u64, input: &[u8], out: &mut Vec<FrameEvent>) -> usize {
        let limit = self.spec.limit;
        let body = if self.spec.framing == Framing::Line { BodyOf::Line } else { BodyOf::Delimited(d.len()) };
        if let Some(e) = straddle(&self.buf, input, d)
            && self.buf.len() + e <= limit
        {
            self.emit(chunk, &input[..e], body, FrameEnd::Complete, out);
            return e;
        }
        let room = limit - self.buf.len();
        let window = &input[..input.len().min(room)];
        if let Some(p) = find(window, d) {
            let e = p + d.len();
            self.emit(chunk, &input[..e], body, FrameEnd::Complete, out);
            return e;
        }
        self.append(chunk, window);
        if self.buf.len() >= limit {
            self.delimited_oversize(d.len(), out);
        }
        window.len()
    }

    /// A full buffer and no delimiter in it.
    fn delimited_oversize(&mut self, dlen: usize, out: &mut Vec<FrameEvent>) {
        let limit = self.spec.limit;
        self.report(FrameErrorKind::NoDelimiter { limit }, out);
        // The last dlen-1 bytes may be the start of a delimiter: keep them.
        let keep = dlen - 1;
        let cut = self.buf.len() - keep;
        match self.spec.oversize {
            Oversize::Close => self.close(),
            Oversize::Resync => {
                let skipped = self.buf.len() as u64;
                self.buf.drain(..cut);
                self.marks.take();
                self.skipped_total += skipped;
                self.state = State::SkipToDelimiter { skipped };
            }
            Oversize::Split => {
                let rest = self.buf.split_off(cut);
                let bytes = std::mem::replace(&mut self.buf, rest);
                let (chunks, chunk_count) = self.marks.split_front(cut);
                out.push(FrameEvent::Frame(Frame {
                    body: 0..bytes.len(),
                    bytes,
                    chunks,
                    chunk_count,
                    end: FrameEnd::Cut,
                }));
            }
        }
    }

    fn skip_to_delimiter(&mut self, skipped: u64, input: &[u8], out: &mut Vec<FrameEvent>) -> usize {
        let d: &[u8] = match &self.spec.framing {
            Framing::Delimiter(d) => d,
            _ => b"\n",
        };
        let found = straddle(&self.buf, input, d).or_else(|| find(input, d).map(|p| p + d.len()));
        let used = found.unwrap_or(input.len());
        self.skipped_total += used as u64;
        let skipped = skipped + used as u64;
        match found {
            Some(_) => {
                self.buf.clear();
                self.state = State::Collect;
                out.push(FrameEvent::Resynced { skipped });
            }
            None => {
                self.buf.extend_from_slice(input);
                let keep = d.len() - 1;
                let excess = self.buf.len().saturating_sub(keep);
                self.buf.drain(..excess);
                self.state = State::SkipToDelimiter { skipped };
            }
        }
        used
    }

    fn skip_bytes(&mut self, remaining: u64, skipped: u64, input: &[u8], out: &mut Vec<FrameEvent>) -> usize {
        let used = remaining.min(input.len() as u64);
        self.skipped_total += used;
        let (remaining, skipped) = (remaining - used, skipped + used);
        if remaining == 0 {
            self.state = State::Collect;
            out.push(FrameEvent::Resynced { skipped });
        } else {
            self.state = State::SkipBytes { remaining, skipped };
        }
        used as usize
    }

    /// Collects a frame of `size` bytes in all (Fixed, or a length prefix).
    fn collect_exact(
        &mut self,
        size: usize,
        chunk: u64,
        input: &[u8],
        header: Option<usize>,
        out: &mut Vec<FrameEvent>,
    ) -> usize {
        let need = size - self.buf.len();
        if input.len() >= need {
            let body = header.map_or(BodyOf::All, BodyOf::AfterHeader);
            self.emit(chunk, &input[..need], body, FrameEnd::Complete, out);
            need
        } else {
            self.append(chunk, input);
            input.len()
        }
    }

    fn collect_prefixed(
        &mut self,
        (width, big_endian, counts_header): (PrefixWidth, bool, bool),
        chunk: u64,
        input: &[u8],
        out: &mut Vec<FrameEvent>,
    ) -> usize {
        let w = width.bytes();
        let mut used = 0;
        if self.buf.len() < w {
            used = (w - self.buf.len()).min(input.len());
            self.append(chunk, &input[..used]);
            if self.buf.len() < w {
                return used;
            }
        }
        let length = decode_length(&self.buf[..w], big_endian);
        let total = if counts_header { length } else { length + w as u64 };
        if length < w as u64 && counts_header {
            self.refuse_header(FrameErrorKind::Impossible { length, header: w }, 0, out);
            return used;
        }
        if total > self.spec.limit as u64 {
            let limit = self.spec.limit;
            self.refuse_header(FrameErrorKind::Announced { length, limit }, total - w as u64, out);
            return used;
        }
        used + self.collect_exact(total as usize, chunk, &input[used..], Some(w), out)
    }

    /// A length header that cannot be honoured; `body` bytes follow it.
    fn refuse_header(&mut self, kind: FrameErrorKind, body: u64, out: &mut Vec<FrameEvent>) {
        self.report(kind, out);
        let header = self.buf.len() as u64;
        match self.spec.oversize {
            Oversize::Close => self.close(),
            Oversize::Split if body > 0 => self.state = State::CutBytes { remaining: body },
            Oversize::Resync | Oversize::Split => {
                self.buf.clear();
                self.marks.take();
                self.skipped_total += header;
                self.state = State::SkipBytes { remaining: body, skipped: header };
                if body == 0 {
                    self.state = State::Collect;
                    out.push(FrameEvent::Resynced { skipped: header });
                }
            }
        }
    }

    fn cut_bytes(&mut self, remaining: u64, chunk: u64, input: &[u8], out: &mut Vec<FrameEvent>) -> usize {
        let room = self.spec.limit - self.buf.len();
        let take = (remaining.min(input.len() as u64) as usize).min(room);
        self.append(chunk, &input[..take]);
        let remaining = remaining - take as u64;
        if self.buf.len() >= self.spec.limit || remaining == 0 {
            self.emit(chunk, &[], BodyOf::All, FrameEnd::Cut, out);
        }
        self.state = if remaining == 0 { State::Collect } else { State::CutBytes { remaining } };
        take
    }

    fn report(&mut self, kind: FrameErrorKind, out: &mut Vec<FrameEvent>) {
        out.push(FrameEvent::Error(FrameError { kind, then: self.spec.oversize }));
    }

    fn close(&mut self) {
        self.skipped_total += self.buf.len() as u64;
        self.buf = Vec::new();
        self.marks.take();
        self.state = State::Closed;
    }
}

/// Where the body sits in a finished frame.
#[derive(Clone, Copy)]
enum BodyOf {
    All,
    Line,
    Delimited(usize),
    AfterHeader(usize),
}

impl BodyOf {
    fn range(self, bytes: &[u8]) -> Range<usize> {
        let n = bytes.len();
        match self {
            BodyOf::All => 0..n,
            BodyOf::Line => 0..super::strip_line_end(bytes).len(),
            BodyOf::Delimited(d) => 0..n - d,
            BodyOf::AfterHeader(w) => w..n,
        }
    }
}

fn decode_length(header: &[u8], big_endian: bool) -> u64 {
    let fold = |acc: u64, &b: &u8| (acc << 8) | u64::from(b);
    if big_endian { header.iter().fold(0, fold) } else { header.iter().rev().fold(0, fold) }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [b] => hay.iter().position(|x| x == b),
        _ => hay.windows(needle.len()).position(|w| w == needle),
    }
}

/// A delimiter that starts in `held` and ends in `input`: how many bytes of
/// `input` complete it (the earliest such delimiter).
fn straddle(held: &[u8], input: &[u8], d: &[u8]) -> Option<usize> {
    (1..d.len()).rev().find_map(|k| {
        let (head, tail) = d.split_at(k);
        (held.ends_with(head) && input.starts_with(tail)).then_some(tail.len())
    })
}
