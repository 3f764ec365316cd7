//! The `JsonFile` check: JSON objects found in what a connection receives (or
//! in one datagram), with one field the base64 of a known file.

use std::collections::HashMap;

use base64::Engine as _;

use crate::net::{ConnId, EndpointId};

/// Bytes of one stream kept while a JSON value is still incomplete: twice
/// the largest check file in base64, with room for the rest of the object.
const MAX_BUFFER: usize = 3 << 20;
/// Streams followed at once.
const MAX_STREAMS: usize = 32;

#[derive(Default)]
pub(super) struct JsonMatcher {
    buffers: HashMap<(EndpointId, ConnId), Vec<u8>>,
}

impl JsonMatcher {
    /// Feeds received bytes; true once a complete object matches.
    pub fn feed(&mut self, key: (EndpointId, ConnId), data: &[u8], datagram: bool, field: &str, want: &[u8]) -> bool {
        if datagram {
            let mut one = data.to_vec();
            return scan(&mut one, field, want);
        }
        if !self.buffers.contains_key(&key) && self.buffers.len() >= MAX_STREAMS {
            self.buffers.clear();
        }
        let buf = self.buffers.entry(key).or_default();
        buf.extend_from_slice(data);
        // A JSON object can only have ended in a chunk with a '}'.
        let found = data.contains(&b'}') && scan(buf, field, want);
        if buf.len() > MAX_BUFFER {
            buf.clear();
        }
        found
    }
}

/// Parses the JSON values at the front of `buf`, consuming them; what does not
/// parse is skipped up to the next line. An incomplete value stays for more.
fn scan(buf: &mut Vec<u8>, field: &str, want: &[u8]) -> bool {
    loop {
        let mut values = serde_json::Deserializer::from_slice(buf).into_iter::<serde_json::Value>();
        let mut skip_line = false;
        for value in values.by_ref() {
            match value {
                Ok(v) => {
                    if matches(&v, field, want) {
                        buf.clear();
                        return true;
                    }
                }
                Err(e) if e.is_eof() => break,
                Err(_) => {
                    skip_line = true;
                    break;
                }
            }
        }
        let consumed = values.byte_offset();
        if !skip_line {
            buf.drain(..consumed.min(buf.len()));
            return false;
        }
        // Not JSON here: drop through the end of this line and try what follows.
        match buf[consumed..].iter().position(|&b| b == b'\n') {
            Some(i) => {
                buf.drain(..consumed + i + 1);
            }
            None => {
                buf.clear();
                return false;
            }
        }
    }
}

fn matches(v: &serde_json::Value, field: &str, want: &[u8]) -> bool {
    let Some(text) = v.get(field).and_then(|f| f.as_str()) else { return false };
    let cleaned: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(cleaned).is_ok_and(|bytes| bytes == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: (EndpointId, ConnId) = (1, 1);

    #[test]
    fn an_object_split_over_chunks_matches_once_whole() {
        let mut m = JsonMatcher::default();
        let msg = br#"{"name": "a.txt", "data": "aGVsbG8K"}"#;
        assert!(!m.feed(KEY, &msg[..10], false, "data", b"hello\n"));
        assert!(m.feed(KEY, &msg[10..], false, "data", b"hello\n"));
    }

    #[test]
    fn wrong_bytes_bad_base64_and_garbage_do_not_match_but_do_not_block_a_good_one() {
        let mut m = JsonMatcher::default();
        for bad in [
            &br#"{"data": "aGVsbG8h"}"#[..],
            br#"{"data": "not base64!"}"#,
            br#"{"file": "aGVsbG8K"}"#,
            b"hello there }\n",
            br#"["data"]"#,
        ] {
            assert!(!m.feed(KEY, bad, false, "data", b"hello\n"), "{}", String::from_utf8_lossy(bad));
        }
        assert!(m.feed(KEY, b"{\"data\":\n\"aGVs\\nbG8K\"}", false, "data", b"hello\n"));
    }

    #[test]
    fn a_datagram_is_one_message() {
        let mut m = JsonMatcher::default();
        assert!(!m.feed(KEY, br#"{"data": "#, true, "data", b"hi"));
        assert!(!m.feed(KEY, br#""aGk="}"#, true, "data", b"hi"), "halves in two datagrams");
        assert!(m.feed(KEY, br#"{"data": "aGk="}"#, true, "data", b"hi"));
    }
}
