//! The tutorial servers as framing plus rules: what each reply mode becomes
//! when the workers run rules (the behaviour `reply.rs` had, kept).

use super::{Action, Matcher, Rule};
use crate::net::frame::{FrameSpec, Framing, Oversize};
use crate::net::reply::{MAX_CHAT_LINE, MAX_HTTP_HEAD, ReplyMode};

/// A reply mode as framing and rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preset {
    pub frame: FrameSpec,
    pub rules: Vec<Rule>,
}

/// Echo sends back each recv() as it came; chat relays each line to the
/// other clients as `addr: line` (a line longer than 64 KiB goes on in
/// pieces, each ended with `\n`); daytime greets with the date and closes;
/// http answers one request head with a small page (431 past 16 KiB) and
/// closes.
pub fn preset(mode: ReplyMode) -> Preset {
    let raw = FrameSpec::new(Framing::Raw);
    let reply = |t: &str| Action::Reply(t.to_string());
    match mode {
        ReplyMode::None => Preset { frame: raw, rules: Vec::new() },
        ReplyMode::Echo => Preset { frame: raw, rules: vec![Rule::new(Matcher::Any, vec![reply("${msg}")])] },
        ReplyMode::Chat => Preset {
            frame: FrameSpec { framing: Framing::Line, limit: MAX_CHAT_LINE, oversize: Oversize::Split },
            rules: vec![Rule::new(Matcher::Any, vec![Action::Relay("${peer}: ${line}${eol}".into())])],
        },
        ReplyMode::Daytime => Preset {
            frame: raw,
            rules: vec![Rule::new(Matcher::Connect, vec![reply("${daytime}\\r\\n"), Action::Close])],
        },
        ReplyMode::Http => Preset {
            frame: FrameSpec {
                framing: Framing::Delimiter(b"\r\n\r\n".to_vec()),
                limit: MAX_HTTP_HEAD,
                oversize: Oversize::Resync,
            },
            rules: vec![
                Rule::new(Matcher::Any, vec![reply("${http}"), Action::Close]),
                Rule::new(Matcher::Oversize, vec![reply("${http}"), Action::Close]),
            ],
        },
    }
}
