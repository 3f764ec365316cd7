//! Text that is formatted when it is shown, not when it is made: a worker's
//! error, an event log line. It crosses threads and sits in history as an id
//! with its arguments, so switching language re-renders what is already there.

use std::borrow::Cow;
use std::fmt;

use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};
use serde::{Deserialize, Serialize};

use super::Lang;

/// A catalog id and its arguments. Make one with [`msg!`](crate::msg).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    pub id: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// One argument of a [`Message`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Arg {
    /// User data or a name (an address, a path, `EADDRINUSE`): shown as it is.
    Text(String),
    /// A quantity, as decimal text: grouped when shown (`65,507`), and
    /// `"1.50"` keeps its two decimals. Kept as text so a message is `Eq`.
    Number(String),
    /// Another message, formatted in the same language (a cause inside an error).
    Message(Box<Message>),
}

impl Message {
    pub fn new(id: impl Into<Cow<'static, str>>) -> Message {
        Message { id: id.into(), args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The text in the current language.
    pub fn text(&self) -> String {
        self.text_in(super::language())
    }

    pub fn text_in(&self, lang: Lang) -> String {
        let mut args = FluentArgs::with_capacity(self.args.len());
        for (name, arg) in &self.args {
            let value = match arg {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => match n.parse::<FluentNumber>() {
                    Ok(number) => FluentValue::Number(number),
                    Err(_) => FluentValue::from(n.as_str()),
                },
                Arg::Message(m) => FluentValue::from(m.text_in(lang)),
            };
            args.set(name.as_ref(), value);
        }
        super::text_in(lang, &self.id, Some(&args))
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(Box::new(m))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n.to_string())
            }
        }
    )*};
}

number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);
