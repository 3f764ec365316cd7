//! The catalogs, embedded and parsed once into thread-safe bundles, and the
//! two things Fluent leaves to us: how numbers look, and the pseudo-locale.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::Lang;

pub(super) type Bundle = FluentBundle<FluentResource>;

/// Each catalog's text; the pseudo-locale is made from the English one.
pub(super) const SOURCES: [(Lang, &str); 2] =
    [(Lang::En, include_str!("../../assets/i18n/en.ftl")), (Lang::ZhCn, include_str!("../../assets/i18n/zh-CN.ftl"))];

/// The labs' texts, a pair of their own: the English one is generated from
/// the lab files (`lab::to_ftl`, kept equal by a test), the Chinese one is
/// translated from it. Loaded into the same bundles as [`SOURCES`].
pub(super) const LAB_SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../../assets/i18n/labs.en.ftl")),
    (Lang::ZhCn, include_str!("../../assets/i18n/labs.zh-CN.ftl")),
];

/// What a missing id shows: `⟪id⟫`, on screen where the text should be.
pub const MISSING: (&str, &str) = ("⟪", "⟫");

/// What the pseudo-locale wraps each message in.
pub(super) const PSEUDO: (&str, &str) = ("⟦", "⟧");

struct Catalogs {
    en: Bundle,
    zh_cn: Bundle,
    pseudo: Bundle,
}

/// Parsed on first use. A catalog that does not parse keeps what did (the
/// tests fail on any error; the app never stops for one).
static CATALOGS: LazyLock<Catalogs> =
    LazyLock::new(|| Catalogs { en: build(Lang::En).0, zh_cn: build(Lang::ZhCn).0, pseudo: build(Lang::Pseudo).0 });

fn bundle_of(lang: Lang) -> &'static Bundle {
    let c = &*CATALOGS;
    match lang {
        Lang::En => &c.en,
        Lang::ZhCn => &c.zh_cn,
        Lang::Pseudo => &c.pseudo,
    }
}

/// The bundle for `lang`, with every parse or load error, for the tests.
pub(super) fn build(lang: Lang) -> (Bundle, Vec<String>) {
    let source_of = |sources: &[(Lang, &'static str)], lang: Lang| {
        let lang = if lang == Lang::Pseudo { Lang::En } else { lang };
        sources.iter().find(|(l, _)| *l == lang).map_or("", |(_, s)| *s)
    };
    let tag = if lang == Lang::Pseudo { "en" } else { lang.tag() };
    let locale: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_value));
    if lang == Lang::Pseudo {
        bundle.set_transform(Some(accent));
    }
    let mut errors = Vec::new();
    if let Err(e) = bundle.add_builtins() {
        errors.push(format!("NUMBER(): {e}"));
    }
    for (file, sources) in [("", &SOURCES), ("labs.", &LAB_SOURCES)] {
        let resource =
            FluentResource::try_new(source_of(sources, lang).to_string()).unwrap_or_else(|(partial, parse)| {
                errors.extend(parse.iter().map(|e| format!("{file}{}: {e:?}", lang.tag())));
                partial
            });
        if let Err(load) = bundle.add_resource(resource) {
            errors.extend(load.iter().map(|e| format!("{file}{}: {e}", lang.tag())));
        }
    }
    (bundle, errors)
}

/// The message `id`, or its attribute when `id` is `message.attribute`.
pub(super) fn pattern<'b>(bundle: &'b Bundle, id: &str) -> Option<&'b fluent_syntax::ast::Pattern<&'b str>> {
    let (message, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let message = bundle.get_message(message)?;
    match attribute {
        Some(a) => message.get_attribute(a).map(|a| a.value()),
        None => message.value(),
    }
}

pub(super) fn has(lang: Lang, id: &str) -> bool {
    pattern(bundle_of(lang), id).is_some()
}

/// `id` in `lang`; a message missing from Chinese falls back to English
/// (the parity test keeps that from happening), one missing from both is `⟪id⟫`.
pub(super) fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    for bundle in [bundle_of(lang), bundle_of(Lang::En)] {
        if let Some(pattern) = pattern(bundle, id) {
            // Errors (a missing argument) show in the text itself as `{$name}`.
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            return match lang {
                Lang::Pseudo => format!("{}{text}{}", PSEUDO.0, PSEUDO.1),
                _ => text.into_owned(),
            };
        }
    }
    format!("{}{id}{}", MISSING.0, MISSING.1)
}

/// Numbers as the English text has always written them, with thousands
/// separators (`1,073,741,824`); zh-CN groups the same way. Fluent's own
/// formatting has no grouping and ignores `maximumFractionDigits`.
fn format_value<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(number_text(n)),
        _ => None,
    }
}

pub(super) fn number_text(n: &FluentNumber) -> String {
    let o = &n.options;
    let min = o.minimum_fraction_digits.unwrap_or(0);
    let text = match o.maximum_fraction_digits {
        Some(max) if n.value.is_finite() => {
            let mut s = format!("{:.*}", max.max(min), n.value);
            if let Some(dot) = s.find('.') {
                while s.len() > dot + 1 + min && s.ends_with('0') {
                    s.pop();
                }
                if s.ends_with('.') {
                    s.pop();
                }
            }
            s
        }
        _ => n.as_string().into_owned(),
    };
    if o.use_grouping { group_thousands(&text) } else { text }
}

/// `-1234567.5` → `-1,234,567.5`; anything that is not digits is left alone.
fn group_thousands(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (int, tail) = rest.split_at(end);
    if int.len() <= 3 || !(tail.is_empty() || tail.starts_with('.')) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(tail);
    out
}

/// The pseudo-locale's letters: every one has a glyph in egui's fonts, and
/// vowels are doubled so text runs about a third longer, as translations do.
fn accent(text: &str) -> Cow<'_, str> {
    const LOWER: [&str; 26] = [
        "åå", "ƀ", "ç", "ď", "ēē", "ƒ", "ĝ", "ĥ", "ïï", "ĵ", "ķ", "ĺ", "m", "ñ", "öö", "þ", "q", "ŕ", "š", "ţ", "üü",
        "v", "ŵ", "x", "ý", "ž",
    ];
    const UPPER: [&str; 26] = [
        "Å", "B", "Ç", "Ď", "Ē", "F", "Ĝ", "Ĥ", "Ï", "Ĵ", "Ķ", "Ĺ", "M", "Ñ", "Ö", "Þ", "Q", "Ŕ", "Š", "Ţ", "Ü", "V",
        "Ŵ", "X", "Ý", "Ž",
    ];
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match c {
            'a'..='z' => out.push_str(LOWER[c as usize - 'a' as usize]),
            'A'..='Z' => out.push_str(UPPER[c as usize - 'A' as usize]),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}
