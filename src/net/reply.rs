//! The classic tutorial servers, as reply modes a server can run in.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReplyMode {
    /// Manual: nothing is sent unless the user sends it.
    #[default]
    None,
    /// Send back every chunk (TCP) or datagram (UDP) as received.
    Echo,
    /// Relay each received line to every other client, prefixed "addr: ".
    Chat,
    /// Send the current date and time, then close.
    Daytime,
    /// Answer one HTTP request with a small 200 page, then close.
    Http,
}

impl ReplyMode {
    pub const ALL: [ReplyMode; 5] =
        [ReplyMode::None, ReplyMode::Echo, ReplyMode::Chat, ReplyMode::Daytime, ReplyMode::Http];

    pub fn name(self) -> &'static str {
        match self {
            ReplyMode::None => "none",
            ReplyMode::Echo => "echo",
            ReplyMode::Chat => "chat",
            ReplyMode::Daytime => "daytime",
            ReplyMode::Http => "http",
        }
    }

    /// What the mode does, in the current language.
    pub fn describe(self) -> &'static str {
        super::lasting::lasting(self.describe_id())
    }

    /// The catalog id of what the mode does.
    pub fn describe_id(self) -> &'static str {
        match self {
            ReplyMode::None => "reply-none",
            ReplyMode::Echo => "reply-echo",
            ReplyMode::Chat => "reply-chat",
            ReplyMode::Daytime => "reply-daytime",
            ReplyMode::Http => "reply-http",
        }
    }

    pub fn from_name(s: &str) -> Option<ReplyMode> {
        ReplyMode::ALL.into_iter().find(|m| m.name().eq_ignore_ascii_case(s.trim()))
    }
}

/// The daytime line, as RFC 867 servers usually format it.
pub fn daytime_line(now: SystemTime) -> String {
    let local: chrono::DateTime<chrono::Local> = now.into();
    format!("{}\r\n", local.format("%a %b %e %H:%M:%S %Y %Z"))
}

/// Longest request head the http mode reads before answering 431.
pub const MAX_HTTP_HEAD: usize = 16 * 1024;

/// The response to a request head: a small page saying what was asked.
pub fn http_response(head: Option<&[u8]>) -> Vec<u8> {
    let (status, body) = match head {
        Some(h) => {
            let first = String::from_utf8_lossy(h.split(|&b| b == b'\r').next().unwrap_or_default()).to_string();
            let safe: String = first.chars().filter(|c| !matches!(c, '<' | '>' | '&')).collect();
            (
                "200 OK",
                format!(
                    "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>socklab</title></head>\n<body><h1>Hello from socklab</h1>\n<p>You sent: <code>{safe}</code></p></body></html>\n"
                ),
            )
        }
        None => ("431 Request Header Fields Too Large", "request head too large\n".to_string()),
    };
    let kind = if head.is_some() { "text/html; charset=utf-8" } else { "text/plain" };
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\nServer: socklab\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Longest line the chat mode holds before relaying it anyway.
pub const MAX_CHAT_LINE: usize = 64 * 1024;

/// The chat mode as it was before it became a preset of rules: splits
/// complete lines (with their '\n') off the front of a chat buffer; a line
/// longer than the limit is passed on whole. Kept for the tests that check
/// the preset does the same.
#[cfg(test)]
pub fn take_chat_lines(buf: &mut Vec<u8>) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    while let Some(i) = buf.iter().position(|&b| b == b'\n') {
        lines.push(buf.drain(..=i).collect());
    }
    if buf.len() >= MAX_CHAT_LINE {
        let mut rest = std::mem::take(buf);
        rest.push(b'\n');
        lines.push(rest);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_is_described_in_the_catalogs() {
        for mode in ReplyMode::ALL {
            assert!(crate::i18n::has(&format!("reply-{}", mode.name())), "{mode:?}");
            assert!(!mode.describe().contains(crate::i18n::MISSING.0), "{mode:?}");
        }
    }

    #[test]
    fn chat_lines_split_and_stay_bounded() {
        let mut buf = b"hi\nthere\npart".to_vec();
        assert_eq!(take_chat_lines(&mut buf), vec![b"hi\n".to_vec(), b"there\n".to_vec()]);
        assert_eq!(buf, b"part");
        let mut big = vec![b'a'; MAX_CHAT_LINE];
        assert_eq!(take_chat_lines(&mut big).len(), 1);
        assert!(big.is_empty());
    }

    #[test]
    fn http_answer_has_correct_length() {
        let r = String::from_utf8(http_response(Some(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n"))).unwrap();
        let (head, body) = r.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 200 OK"));
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
        assert!(body.contains("GET /x HTTP/1.1"));
    }
}
