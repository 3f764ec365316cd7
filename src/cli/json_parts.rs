//! Pieces every JSON event is built from: bytes as length, text and hex, and
//! one object's fields added to another's.

use serde_json::{Value, json};

use crate::net::hex_string;

/// Bytes as `{len, text, hex}`: `text` is null when they are not UTF-8.
pub(super) fn data(data: &[u8]) -> Value {
    json!({ "len": data.len(), "text": std::str::from_utf8(data).ok(), "hex": hex_string(data) })
}

/// Adds `extra`'s fields to `base` (both objects; anything else is left alone).
pub(super) fn merge(base: &mut Value, extra: Value) {
    if let (Value::Object(b), Value::Object(e)) = (base, extra) {
        b.extend(e);
    }
}
