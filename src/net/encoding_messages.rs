//! What a person reads about encodings, in the language of the moment
//! (the `encoding-*` messages of the catalogs).

use super::encoding::{EncodeError, Encoding, UnknownEncoding};
use crate::t;

impl EncodeError {
    /// "character 3 '€' (U+20AC) cannot be written in Latin-1: …", counted from 1.
    pub fn message(&self) -> String {
        t!(
            "encoding-cannot-hold",
            index = (self.index + 1).to_string(),
            char = self.character.to_string(),
            code = format!("{:04X}", u32::from(self.character)),
            encoding = self.encoding.label()
        )
    }
}

impl UnknownEncoding {
    /// The name that was given and every name that works.
    pub fn message(&self) -> String {
        t!("encoding-unknown", name = self.0.as_str(), known = known_names())
    }
}

/// "utf-8, gbk, gb18030, big5, shift_jis, latin-1": what `--encoding` takes.
pub fn known_names() -> String {
    Encoding::ALL.iter().map(|e| e.name()).collect::<Vec<_>>().join(", ")
}
