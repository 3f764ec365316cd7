//! Text encodings: what a person types (Unicode) into the bytes a peer
//! expects, and received bytes back into text, for the encodings the courses
//! meet: UTF-8, GBK, GB18030, Big5, Shift_JIS and Latin-1 (encoding_rs).
//!
//! Nothing is ever replaced. A character the encoding cannot hold is refused
//! with its position (no '?' is sent); bytes that do not decode stay bytes
//! ([`Piece::Bytes`], shown as hex), never U+FFFD. A stream's character may be
//! split across two recv() calls: [`StreamDecoder`] keeps the incomplete tail
//! (at most 3 bytes) until the rest arrives.
//!
//! "Latin-1" here is ISO-8859-1 as Python's `latin-1` codec has it: byte N is
//! U+00NN, both ways, so every byte decodes and only U+0000..U+00FF encode.
//! encoding_rs (following the WHATWG) maps the label "latin1" to windows-1252,
//! which turns 0x80..0x9F into € ‚ ƒ … and has no byte for U+0080..U+009F;
//! that would show a student different characters than their Python peer
//! prints, so Latin-1 does not go through encoding_rs's windows-1252.
//!
//! GBK decodes as GB18030 (the WHATWG decoder, a superset: a GB18030 peer's
//! four-byte characters still read), but encodes only what GBK has, so what
//! leaves is what a GBK peer (Python's `gbk`) decodes, with one exception:
//! € is written as 0x80, as Windows (code page 936, Python's `cp936`) has it,
//! and Python's stricter `gbk` codec refuses that byte.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    #[default]
    Utf8,
    /// Simplified Chinese, two bytes a character (Windows code page 936).
    Gbk,
    /// GBK's superset that holds every Unicode character.
    Gb18030,
    /// Traditional Chinese (Taiwan, Hong Kong).
    Big5,
    /// Japanese (Windows code page 932 as browsers have it).
    ShiftJis,
    /// ISO-8859-1: one byte a character, U+0000..U+00FF.
    Latin1,
}

/// The names each encoding is known by, the first one canonical (what the
/// CLI's `--encoding` and error messages show). Compared ignoring case.
const NAMES: [(Encoding, &[&str]); 6] = [
    (Encoding::Utf8, &["utf-8", "utf8"]),
    (Encoding::Gbk, &["gbk", "cp936"]),
    (Encoding::Gb18030, &["gb18030"]),
    (Encoding::Big5, &["big5"]),
    (Encoding::ShiftJis, &["shift_jis", "sjis", "shift-jis", "cp932"]),
    (Encoding::Latin1, &["latin-1", "latin1", "iso-8859-1"]),
];

/// The longest incomplete character a decoder holds back (GB18030 and UTF-8
/// characters are at most 4 bytes, so at most 3 wait for the rest).
pub const MAX_TAIL: usize = 3;

impl Encoding {
    pub const ALL: [Encoding; 6] =
        [Encoding::Utf8, Encoding::Gbk, Encoding::Gb18030, Encoding::Big5, Encoding::ShiftJis, Encoding::Latin1];

    /// The canonical name, as typed after `--encoding`.
    pub fn name(self) -> &'static str {
        NAMES.iter().find(|(e, _)| *e == self).map_or("utf-8", |(_, names)| names[0])
    }

    /// The name a person reads in a menu.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gbk => "GBK",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
            Encoding::ShiftJis => "Shift_JIS",
            Encoding::Latin1 => "Latin-1 (ISO-8859-1)",
        }
    }

    /// encoding_rs's codec, or None for Latin-1 (see the module's comment).
    fn codec(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Utf8 => Some(encoding_rs::UTF_8),
            Encoding::Gbk => Some(encoding_rs::GBK),
            Encoding::Gb18030 => Some(encoding_rs::GB18030),
            Encoding::Big5 => Some(encoding_rs::BIG5),
            Encoding::ShiftJis => Some(encoding_rs::SHIFT_JIS),
            Encoding::Latin1 => None,
        }
    }

    /// The bytes of `text` in this encoding. Refuses the first character the
    /// encoding cannot hold: nothing is half-encoded or replaced.
    pub fn encode(self, text: &str) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::new();
        self.encode_into(text, &mut out)?;
        Ok(out)
    }

    /// Appends the bytes of `text` to `out`, for a payload made of encoded
    /// runs and raw escapes (`\xHH`). On error `out` is left as it was.
    pub fn encode_into(self, text: &str, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let refuse = |byte: usize, character: char| EncodeError {
            encoding: self,
            character,
            byte,
            index: text[..byte].chars().count(),
        };
        let Some(codec) = self.codec() else {
            if let Some((byte, c)) = text.char_indices().find(|(_, c)| u32::from(*c) > 0xFF) {
                return Err(refuse(byte, c));
            }
            out.extend(text.chars().map(|c| c as u8));
            return Ok(());
        };
        let start = out.len();
        let mut encoder = codec.new_encoder();
        let room = encoder.max_buffer_length_from_utf8_without_replacement(text.len()).unwrap_or(text.len() * 4);
        out.reserve(room);
        let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(text, out, true);
        match result {
            encoding_rs::EncoderResult::InputEmpty => Ok(()),
            encoding_rs::EncoderResult::Unmappable(c) => {
                out.truncate(start);
                Err(refuse(read.saturating_sub(c.len_utf8()), c))
            }
            // The buffer was sized for the worst case; report rather than panic if that ever changes.
            encoding_rs::EncoderResult::OutputFull => {
                out.truncate(start);
                Err(refuse(read.min(text.len()), text[read.min(text.len())..].chars().next().unwrap_or('\0')))
            }
        }
    }

    /// Decodes one whole message (a datagram, a file): an incomplete
    /// character at the end stays bytes.
    pub fn decode(self, bytes: &[u8]) -> Vec<Piece> {
        let mut pieces = Pieces::default();
        decode_into(self, bytes, false, &mut pieces);
        pieces.0
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Encoding {
    type Err = UnknownEncoding;

    fn from_str(s: &str) -> Result<Encoding, UnknownEncoding> {
        let wanted = s.trim();
        NAMES
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(wanted)))
            .map(|(e, _)| *e)
            .ok_or_else(|| UnknownEncoding(wanted.to_string()))
    }
}

/// A name that is not one of ours; the message lists the ones that are.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("unknown encoding '{0}': use one of utf-8, gbk, gb18030, big5, shift_jis (sjis), latin-1")]
pub struct UnknownEncoding(pub String);

/// A character the chosen encoding has no bytes for.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error(
    "character {} '{character}' (U+{:04X}) cannot be written in {encoding}: nothing was sent. Remove it, or choose UTF-8 or GB18030, which hold every character",
    index + 1,
    u32::from(*character)
)]
pub struct EncodeError {
    pub encoding: Encoding,
    pub character: char,
    /// Characters before it in the text (0-based): where a text box puts the cursor.
    pub index: usize,
    /// Its byte offset in the UTF-8 text.
    pub byte: usize,
}

/// A run of received bytes: text that decoded, or bytes that did not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Bytes that are no character in the encoding: show them as hex.
    Bytes(Vec<u8>),
}

/// The pieces as the composer's text syntax writes them: text as it is
/// (a backslash doubled), bytes that did not decode as `\xHH`. Sent back
/// with the same encoding, it gives the same bytes; a one-line view or the
/// CLI can print it where hex would not fit.
pub fn escaped(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t.replace('\\', "\\\\")),
            Piece::Bytes(b) => b.iter().for_each(|b| out.push_str(&format!("\\x{b:02x}"))),
        }
    }
    out
}

/// Pieces with neighbours of the same kind merged.
#[derive(Default)]
struct Pieces(Vec<Piece>);

impl Pieces {
    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(Piece::Text(t)) => t.push_str(s),
            _ => self.0.push(Piece::Text(s.to_string())),
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        if b.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(Piece::Bytes(v)) => v.extend_from_slice(b),
            _ => self.0.push(Piece::Bytes(b.to_vec())),
        }
    }
}

/// Decodes `src` with a fresh decoder, to the end. With `stream`, a
/// character cut off at the end is not decoded but held back: its length is
/// returned (0 without `stream`, where it becomes bytes).
fn decode_into(enc: Encoding, src: &[u8], stream: bool, pieces: &mut Pieces) -> usize {
    let Some(codec) = enc.codec() else {
        pieces.text(&encoding_rs::mem::decode_latin1(src));
        return 0;
    };
    // Without BOM handling: a BOM in the middle of a stream is a character, not a signature.
    let mut decoder = codec.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(decoder.max_utf8_buffer_length_without_replacement(src.len()).unwrap_or(0));
    let mut pos = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&src[pos..], &mut text, true);
        pos += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => text.reserve(src.len() - pos + 16),
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                // The bad bytes end just before the `after` bytes the decoder has also taken.
                let end = pos.saturating_sub(usize::from(after));
                let start = end.saturating_sub(usize::from(bad));
                pieces.text(&text);
                text.clear();
                // Found at the very end: it may only be the start of a character whose rest is in the next chunk.
                if stream && pos == src.len() && src.len() - start <= MAX_TAIL && is_prefix(codec, &src[start..]) {
                    return src.len() - start;
                }
                pieces.bytes(&src[start..end]);
            }
        }
    }
    pieces.text(&text);
    0
}

/// True when `bytes` start a character and only need more bytes to end it.
fn is_prefix(codec: &'static encoding_rs::Encoding, bytes: &[u8]) -> bool {
    let mut decoder = codec.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, false);
    result == encoding_rs::DecoderResult::InputEmpty && read == bytes.len() && out.is_empty()
}

/// Decodes one connection's byte stream chunk by chunk, as recv() returns it:
/// a character split between two chunks comes out whole with the second.
/// One per connection (and per direction); memory: at most [`MAX_TAIL`] bytes.
#[derive(Clone, Debug)]
pub struct StreamDecoder {
    encoding: Encoding,
    tail: Vec<u8>,
}

impl StreamDecoder {
    pub fn new(encoding: Encoding) -> StreamDecoder {
        StreamDecoder { encoding, tail: Vec::with_capacity(MAX_TAIL) }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The pieces this chunk completes; the start of a character cut off at
    /// its end is kept for the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<Piece> {
        let mut pieces = Pieces::default();
        let joined;
        let src: &[u8] = if self.tail.is_empty() {
            chunk
        } else {
            joined = [self.tail.as_slice(), chunk].concat();
            &joined
        };
        // At most MAX_TAIL bytes are held, so the tail stays bounded whatever arrives.
        let held = decode_into(self.encoding, src, true, &mut pieces);
        let rest = src[src.len() - held..].to_vec();
        self.tail = rest;
        pieces.0
    }

    /// Bytes waiting for the rest of their character.
    pub fn pending(&self) -> &[u8] {
        &self.tail
    }

    /// The stream ended (FIN, close): what was held back comes out as bytes.
    pub fn finish(&mut self) -> Vec<Piece> {
        let mut pieces = Pieces::default();
        decode_into(self.encoding, &std::mem::take(&mut self.tail), false, &mut pieces);
        pieces.0
    }
}

#[cfg(test)]
#[path = "encoding_tests.rs"]
mod tests;
