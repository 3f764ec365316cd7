//! Rendering a parsed template: everything it needs comes in a [`Context`],
//! so the same template gives the same bytes for the same context (tests
//! seed the random generator).

use std::hash::{BuildHasher, Hasher};
use std::ops::Range;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{Part, Scope, Template, TemplateError, TimeStyle, Var};
use crate::net::addr::Addr;
use crate::net::frame::Frame;
use crate::net::reply;

/// What a template's variables take their values from.
pub struct Context<'a> {
    /// The message being answered (None on connect, for an oversize frame
    /// and in payloads).
    pub frame: Option<&'a Frame>,
    /// The regex's capture groups, as ranges of `frame.line()`.
    pub captures: &'a [Option<Range<usize>>],
    pub peer: Option<&'a Addr>,
    /// `${seq}`: the rule's fired count, the composer's send count, or the
    /// sequence's round, counting from 1.
    pub seq: u64,
    pub now: SystemTime,
    pub rng: &'a mut Rng,
}

impl<'a> Context<'a> {
    /// A context with no message and no peer: for payloads.
    pub fn payload(seq: u64, now: SystemTime, rng: &'a mut Rng) -> Context<'a> {
        Context { frame: None, captures: &[], peer: None, seq, now, rng }
    }
}

impl Template {
    pub fn render(&self, ctx: &mut Context<'_>) -> Vec<u8> {
        let mut out = Vec::new();
        for part in &self.parts {
            match part {
                Part::Bytes(b) => out.extend_from_slice(b),
                Part::Capture(i) => {
                    let line = ctx.frame.map(Frame::line).unwrap_or_default();
                    if let Some(Some(r)) = ctx.captures.get(*i)
                        && let Some(bytes) = line.get(r.clone())
                    {
                        out.extend_from_slice(bytes);
                    }
                }
                Part::Var(v) => render_var(*v, ctx, &mut out),
                Part::Checksum(sum, order) => {
                    let bytes = sum.bytes(&out, *order);
                    out.extend_from_slice(&bytes);
                }
                Part::RandomBytes(n) => {
                    let mut left = *n;
                    while left > 0 {
                        let word = ctx.rng.next_u64().to_le_bytes();
                        let take = left.min(8);
                        out.extend_from_slice(&word[..take]);
                        left -= take;
                    }
                }
            }
        }
        out
    }
}

fn render_var(var: Var, ctx: &mut Context<'_>, out: &mut Vec<u8>) {
    let frame = ctx.frame;
    match var {
        Var::Line => out.extend_from_slice(frame.map(Frame::line).unwrap_or_default()),
        Var::Msg => out.extend_from_slice(frame.map(|f| f.bytes.as_slice()).unwrap_or_default()),
        Var::Body => out.extend_from_slice(frame.map(Frame::body).unwrap_or_default()),
        Var::Eol => match frame.map(Frame::line_end) {
            Some(end) if !end.is_empty() => out.extend_from_slice(end),
            _ => out.push(b'\n'),
        },
        Var::Len => out.extend_from_slice(frame.map_or(0, |f| f.bytes.len()).to_string().as_bytes()),
        Var::Seq => out.extend_from_slice(ctx.seq.to_string().as_bytes()),
        Var::Time(style) => out.extend_from_slice(time_text(style, ctx.now).as_bytes()),
        Var::Random => out.extend_from_slice((ctx.rng.next_u64() as u32).to_string().as_bytes()),
        Var::Peer => out.extend_from_slice(ctx.peer.map(Addr::to_string).unwrap_or_default().as_bytes()),
        Var::Daytime => {
            let line = reply::daytime_line(ctx.now);
            out.extend_from_slice(line.trim_end_matches(['\r', '\n']).as_bytes());
        }
        Var::Http => out.extend_from_slice(&reply::http_response(frame.map(|f| f.bytes.as_slice()))),
    }
}

fn time_text(style: TimeStyle, now: SystemTime) -> String {
    let since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    match style {
        TimeStyle::Local => {
            let local: chrono::DateTime<chrono::Local> = now.into();
            local.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
        }
        TimeStyle::Unix => since.as_secs().to_string(),
        TimeStyle::UnixMillis => since.as_millis().to_string(),
    }
}

/// The composer's payload variables: `${seq}`, `${time}`, `${random}` (and
/// hex, checksums, daytime) expanded in text with the composer's escapes.
pub fn expand_payload(text: &str, seq: u64, now: SystemTime, rng: &mut Rng) -> Result<Vec<u8>, TemplateError> {
    let template = Template::parse(text, Scope::Payload)?;
    Ok(template.render(&mut Context::payload(seq, now, rng)))
}

/// A small, fast generator for `${random}` (splitmix64): test data, not
/// secrets.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn seeded(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Seeded from the process's random hash keys and the clock.
    pub fn from_entropy() -> Rng {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos());
        Rng(h.finish())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}
