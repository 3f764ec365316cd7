//! An option's value, as asked for or as read back from the kernel.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptValue {
    Bool(bool),
    Int(u64),
    /// A duration in milliseconds; `None` is off / no timeout.
    Millis(Option<u64>),
    /// SO_LINGER: `None` is off, `Some(secs)` is on with that timeout.
    Linger(Option<u64>),
    Group(IpAddr),
    /// Read-only values the kernel reports as words (SOCK_STREAM, an error).
    Text(String),
}

impl fmt::Display for OptValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptValue::Bool(b) => write!(f, "{}", if *b { "on" } else { "off" }),
            OptValue::Int(n) => write!(f, "{n}"),
            OptValue::Millis(None) | OptValue::Linger(None) => write!(f, "off"),
            OptValue::Millis(Some(ms)) => write!(f, "{ms} ms"),
            OptValue::Linger(Some(s)) => write!(f, "on, {s} s"),
            OptValue::Group(ip) => write!(f, "{ip}"),
            OptValue::Text(t) => write!(f, "{t}"),
        }
    }
}
