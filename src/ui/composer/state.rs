//! The composer's state: what is typed, how it becomes bytes (escapes, hex,
//! base64, a template's variables, a checksum, the line end), where it goes,
//! the history and the repeat timer. No drawing here.

use std::time::{Duration, Instant, SystemTime};

use super::Selection;
use crate::model::EndpointState;
use crate::net::checksum::Checksum;
use crate::net::template::{Rng, expand_payload};
use crate::net::{
    Command, Encoding, EndpointKind, PayloadFormat, Target, TextError, parse_host_port, parse_payload, parse_text_in,
};
use crate::workspace::LineEnding;

/// Messages Up/Down recall.
const HISTORY: usize = 100;

#[derive(Clone, Debug)]
pub struct Composer {
    pub text: String,
    pub format: PayloadFormat,
    pub ending: LineEnding,
    /// Unconnected datagram sockets: where to send.
    pub dest: String,
    pub file_path: String,
    pub repeat: bool,
    pub repeat_ms: String,
    /// Expand `${…}` variables in text.
    pub template: bool,
    /// Appended to every payload, before the line end.
    pub checksum: Option<Checksum>,
    /// The endpoint's text encoding (copied from its spec each frame): what typed text is written in.
    pub encoding: Encoding,
    /// Messages sent with the template on: `${seq}` of the next is one more.
    sent_templates: u64,
    rng: Rng,
    history: Vec<String>,
    history_pos: Option<usize>,
    last_repeat: Option<Instant>,
    /// Input that came after an Enter in the same frame: the next message's, replayed next frame.
    pub(super) pending: Vec<egui::Event>,
}

impl Default for Composer {
    fn default() -> Self {
        Composer {
            text: String::new(),
            format: PayloadFormat::Text,
            ending: LineEnding::Lf,
            dest: String::new(),
            file_path: String::new(),
            repeat: false,
            repeat_ms: "1000".into(),
            template: false,
            checksum: None,
            encoding: Encoding::Utf8,
            sent_templates: 0,
            rng: Rng::from_entropy(),
            history: Vec::new(),
            history_pos: None,
            last_repeat: None,
            pending: Vec::new(),
        }
    }
}

impl Composer {
    /// The bytes to send, or where the input is wrong. A template's random
    /// values here are a preview: what is sent is drawn by [`Composer::take_payload`].
    pub fn payload(&self) -> Result<Vec<u8>, String> {
        self.render(&mut Rng::seeded(0))
    }

    fn uses_template(&self) -> bool {
        self.template && self.format == PayloadFormat::Text
    }

    fn render(&self, rng: &mut Rng) -> Result<Vec<u8>, String> {
        let mut data = if self.uses_template() {
            let data = expand_payload(&self.text, self.sent_templates + 1, SystemTime::now(), rng)
                .map_err(|e| crate::t!("composer-template-error", problem = e.to_string()))?;
            self.template_in_encoding(data)?
        } else if self.format == PayloadFormat::Text {
            parse_text_in(&self.text, self.encoding).map_err(|e| match e {
                TextError::Syntax(e) => self.input_error(&e),
                TextError::Unencodable(e) => e.message(),
            })?
        } else {
            parse_payload(&self.text, self.format).map_err(|e| self.input_error(&e))?
        };
        if let Some(c) = self.checksum {
            c.append(&mut data, c.usual_order());
        }
        data.extend_from_slice(self.ending.bytes());
        Ok(data)
    }

    /// "hex input at character 3: …".
    fn input_error(&self, problem: &dyn std::fmt::Display) -> String {
        crate::t!("composer-input-error", format = super::format_name(self.format), problem = problem.to_string())
    }

    /// A template expands to UTF-8: in another encoding its text is written
    /// again in that one. Bytes it made that are not UTF-8 text (`\xff`,
    /// `${random}`) cannot be told from characters then, so they go as they are.
    fn template_in_encoding(&self, data: Vec<u8>) -> Result<Vec<u8>, String> {
        if self.encoding == Encoding::Utf8 {
            return Ok(data);
        }
        match std::str::from_utf8(&data) {
            Ok(text) => self.encoding.encode(text).map_err(|e| e.message()),
            Err(_) => Ok(data),
        }
    }

    /// The bytes of a message being sent now: its template's `${seq}` counts it.
    pub fn take_payload(&mut self) -> Result<Vec<u8>, String> {
        let mut rng = self.rng.clone();
        let data = self.render(&mut rng)?;
        self.rng = rng;
        if self.uses_template() {
            self.sent_templates += 1;
        }
        Ok(data)
    }

    /// Where a send goes, or why it cannot go anywhere yet.
    pub fn target(&self, ep: &EndpointState, sel: Selection) -> Result<Target, String> {
        if ep.is_server() {
            return match sel.conn {
                Some(c) => Ok(Target::Conn(c)),
                None if ep.conns.is_empty() => Err(crate::t!("composer-no-client")),
                None => Ok(Target::All),
            };
        }
        if ep.spec.kind.is_datagram() && ep.peer.is_none() {
            let dest = self.dest.trim();
            if dest.is_empty() {
                return Err(crate::t!("composer-no-destination"));
            }
            if ep.spec.kind == EndpointKind::Udp {
                parse_host_port(dest)?;
            }
            return Ok(Target::To(dest.to_string()));
        }
        Ok(Target::Peer)
    }

    pub(super) fn remember(&mut self) {
        if !self.text.is_empty() && self.history.last() != Some(&self.text) {
            self.history.push(self.text.clone());
            if self.history.len() > HISTORY {
                self.history.remove(0);
            }
        }
        self.history_pos = None;
    }

    pub(super) fn recall(&mut self, up: bool) {
        if self.history.is_empty() {
            return;
        }
        let last = self.history.len() - 1;
        let pos = match (self.history_pos, up) {
            (None, true) => Some(last),
            (None, false) => None,
            (Some(0), true) => Some(0),
            (Some(p), true) => Some(p - 1),
            (Some(p), false) if p >= last => None,
            (Some(p), false) => Some(p + 1),
        };
        self.history_pos = pos;
        self.text = pos.map(|p| self.history[p].clone()).unwrap_or_default();
    }

    /// A repeat send is due: returns the command, and when to look again.
    pub fn due_repeat(
        &mut self,
        ep: &EndpointState,
        sel: Selection,
        now: Instant,
    ) -> (Option<Command>, Option<Duration>) {
        if !self.repeat {
            return (None, None);
        }
        let Ok(ms) = self.repeat_ms.trim().parse::<u64>() else { return (None, None) };
        let every = Duration::from_millis(ms.max(10));
        let due = self.last_repeat.is_none_or(|t| now.duration_since(t) >= every);
        if !due {
            let wait = every.saturating_sub(self.last_repeat.map(|t| now.duration_since(t)).unwrap_or_default());
            return (None, Some(wait));
        }
        self.last_repeat = Some(now);
        match (self.take_payload(), self.target(ep, sel)) {
            (Ok(data), Ok(target)) => (Some(Command::Send { id: ep.id, target, data }), Some(every)),
            _ => {
                self.repeat = false;
                (None, None)
            }
        }
    }
}
