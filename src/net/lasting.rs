//! Catalog text for callers that hold a `&'static str` (an option's reason,
//! a reply mode's description): formatted once per language and kept.
//! Bounded: only fixed ids without arguments come here, a few per language.

use std::sync::Mutex;

use crate::i18n::Lang;

/// The message `id` in the current language, as a `&'static str`.
pub(crate) fn lasting(id: &'static str) -> &'static str {
    static KEPT: Mutex<Vec<(Lang, &str, &str)>> = Mutex::new(Vec::new());
    let lang = crate::i18n::language();
    let mut kept = KEPT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((.., text)) = kept.iter().find(|(l, i, _)| *l == lang && *i == id) {
        return text;
    }
    let text: &'static str = Box::leak(crate::i18n::text_in(lang, id, None).into_boxed_str());
    kept.push((lang, id, text));
    text
}
