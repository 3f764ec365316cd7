//! Every string a person reads, in English and Chinese: Fluent catalogs
//! (`assets/i18n/en.ftl`, `assets/i18n/zh-CN.ftl`) embedded in the binary,
//! parsed once, formatted from any thread in the current language.
//!
//! ```ignore
//! ui.heading(t!("welcome-title"));
//! ui.label(t!("welcome-running", name = &ep.name, address = addr.to_string()));
//! let why = msg!("bind-failed", errno = "EADDRINUSE"); // formatted when shown
//! ```
//!
//! - Ids are literals, so a test can read them out of `src/` and check each
//!   against the catalogs, with the argument names it passes (`tests.rs`).
//! - User data (names, addresses, paths, what a peer sent) only ever enters
//!   as an argument, a Fluent placeable: never translated, never accented by
//!   the pseudo-locale, never concatenated into an id.
//! - Numbers passed as numbers are quantities and get thousands separators
//!   (`65,507`); ports, pids, descriptors and errno values are identifiers:
//!   pass them as strings (`port = port.to_string()`).
//! - Fluent's bidi isolation marks (U+2068/U+2069 around each placeable) are
//!   turned off: neither egui nor a terminal lays out bidi text, they would
//!   only show as stray boxes or garbage.
//! - A missing id never panics: it comes out as `⟪id⟫`, visible on screen.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

mod catalog;
pub mod locale;
mod message;
#[cfg(test)]
mod tests;

pub use catalog::MISSING;
pub use fluent_bundle::{FluentArgs, FluentValue};
pub use message::{Arg, Message};

/// A language socklab speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
    /// English accented and wrapped in ⟦ ⟧: tests run the GUI in it to find
    /// text that did not come from the catalogs. Never offered to a person,
    /// never saved, never picked from the environment.
    #[doc(hidden)]
    Pseudo,
}

impl Lang {
    /// What the View menu offers.
    pub const CHOICES: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, as the settings file keeps it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::Pseudo => "en-x-pseudo",
        }
    }

    /// The tags a settings file may hold (not the pseudo-locale).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::CHOICES.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// The language's name in itself, the same in every catalog, so a
    /// person who cannot read the current language still finds their own.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "中文",
            Lang::Pseudo => "Ƥşeeuudoo",
        }
    }

    fn from_u8(n: u8) -> Lang {
        match n {
            1 => Lang::ZhCn,
            2 => Lang::Pseudo,
            _ => Lang::En,
        }
    }
}

/// The process's language: what workers, the CLI and the UI format in.
static CURRENT: AtomicU8 = AtomicU8::new(Lang::En as u8);

thread_local! {
    /// A thread's own language, once [`isolate_thread`] was called on it.
    static THREAD: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language text is formatted in now, on this thread.
pub fn language() -> Lang {
    THREAD.with(Cell::get).unwrap_or_else(|| Lang::from_u8(CURRENT.load(Ordering::Relaxed)))
}

/// Switches the language; the next frame (or line the CLI prints) uses it.
/// On an isolated thread, only that thread's language changes.
pub fn set_language(lang: Lang) {
    THREAD.with(|t| match t.get() {
        Some(_) => t.set(Some(lang)),
        None => CURRENT.store(lang as u8, Ordering::Relaxed),
    });
}

/// From now on this thread keeps a language of its own, starting from the
/// current one: a GUI test that switches language (or runs in the
/// pseudo-locale) leaves the tests on other threads in theirs.
#[doc(hidden)]
pub fn isolate_thread() {
    THREAD.with(|t| t.set(Some(language())));
}

/// The message `id` (or its attribute, `id.attr`) in the current language.
/// Prefer [`t!`]: it checks nothing more, but tests can find its ids.
pub fn text(id: &str, args: Option<&FluentArgs<'_>>) -> String {
    text_in(language(), id, args)
}

/// The message `id` (or `id.attr`) in `lang`. A missing id gives `⟪id⟫`.
pub fn text_in(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    catalog::format(lang, id, args)
}

/// Whether the catalogs have this message (or `id.attr`), for ids chosen at
/// run time (an errno's cause): a test can then go through every choice.
pub fn has(id: &str) -> bool {
    catalog::has(Lang::En, id)
}

/// Every message id and attribute (`id.attr`) in the catalogs, for tests
/// that go through all of them (the Chinese text's glyphs in the app's fonts).
pub fn ids() -> Vec<String> {
    let mut ids = Vec::new();
    for source in [catalog::SOURCES[0].1, catalog::LAB_SOURCES[0].1] {
        let Ok(resource) = fluent_syntax::parser::parse(source) else { continue };
        entry_ids(resource, &mut ids);
    }
    ids
}

fn entry_ids(resource: fluent_syntax::ast::Resource<&str>, ids: &mut Vec<String>) {
    for entry in resource.body {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            if m.value.is_some() {
                ids.push(m.id.name.to_string());
            }
            ids.extend(m.attributes.iter().map(|a| format!("{}.{}", m.id.name, a.id.name)));
        }
    }
}

/// The message `id` in the current language, as a `String`:
/// `t!("welcome-title")`, `t!("welcome-running", name = name, address = addr)`.
/// Arguments are Fluent variables (`{ $name }`); any `Into<FluentValue>`
/// (`&str`, `String`, integers, floats).
#[macro_export]
macro_rules! t {
    ($id:literal $(,)?) => {
        $crate::i18n::text($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $(args.set(stringify!($name), $value);)+
        $crate::i18n::text($id, Some(&args))
    }};
}

/// A [`Message`] to format later, in the language of the moment it is shown:
/// `msg!("bind-failed", errno = "EADDRINUSE")`. For text built on another
/// thread (a worker's error) or kept in history (the event log).
#[macro_export]
macro_rules! msg {
    ($id:literal $(,)?) => {
        $crate::i18n::Message::new($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Message::new($id)$(.arg(stringify!($name), $value))+
    };
}
