//! Which language the environment asks for. The CLI follows it every run; the
//! GUI follows it until the user picks one in the View menu (then the
//! settings remember the choice).

use super::Lang;

/// The language of the process's environment.
pub fn from_env() -> Lang {
    from_vars(|name| std::env::var(name).ok())
}

/// As gettext decides: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty names the locale; `C` or `POSIX` (or none) means English.
/// Otherwise GNU's `LANGUAGE`, a list of preferences (`fr:zh_CN:en`), picks
/// the first one socklab speaks, then the locale itself; English if neither.
pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
    let Some(locale) = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(|v| get(v).filter(|s| !s.is_empty()))
    else {
        return Lang::En;
    };
    if is_c_locale(&locale) {
        return Lang::En;
    }
    let preferred = get("LANGUAGE").unwrap_or_default();
    preferred.split(':').find_map(from_locale_name).or_else(|| from_locale_name(&locale)).unwrap_or(Lang::En)
}

/// `zh_CN.UTF-8`, `zh-CN`, `zh_TW.Big5`, `en_US.UTF-8@euro` → the language
/// socklab has for it; None for one it does not speak.
///
/// Every Chinese locale gets the Simplified catalog, Taiwan's and Hong Kong's
/// (`zh_TW`, `zh_HK`, `zh-Hant`) too: their readers read it far more easily
/// than English, and the C names beside the terms are the same everywhere.
/// The View menu switches to English for anyone who prefers it.
pub fn from_locale_name(name: &str) -> Option<Lang> {
    let base = name.split(['.', '@']).next().unwrap_or_default();
    let language = base.split(['_', '-']).next().unwrap_or_default();
    if language.eq_ignore_ascii_case("zh") {
        Some(Lang::ZhCn)
    } else if language.eq_ignore_ascii_case("en") || is_c_locale(name) {
        Some(Lang::En)
    } else {
        None
    }
}

/// The portable locale, in any of its spellings (`C`, `C.UTF-8`, `POSIX`).
fn is_c_locale(name: &str) -> bool {
    let base = name.split(['.', '@']).next().unwrap_or_default();
    base == "C" || base == "POSIX"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Lang {
        from_vars(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn locale_names_map_to_the_languages_socklab_speaks() {
        let cases = [
            ("zh_CN.UTF-8", Some(Lang::ZhCn)),
            ("zh_CN.GB18030", Some(Lang::ZhCn)),
            ("zh_CN", Some(Lang::ZhCn)),
            ("zh-CN", Some(Lang::ZhCn)),
            ("zh", Some(Lang::ZhCn)),
            ("zh_SG.UTF-8", Some(Lang::ZhCn)),
            ("zh_TW.UTF-8", Some(Lang::ZhCn)),
            ("zh_HK.Big5-HKSCS", Some(Lang::ZhCn)),
            ("zh-Hant-TW", Some(Lang::ZhCn)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("en_GB.ISO-8859-15@euro", Some(Lang::En)),
            ("en", Some(Lang::En)),
            ("C", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("fr_FR.UTF-8", None),
            ("ja_JP.UTF-8", None),
            ("", None),
            ("zhx_CN", None),
        ];
        for (name, want) in cases {
            assert_eq!(from_locale_name(name), want, "{name:?}");
        }
    }

    #[test]
    fn the_environment_is_read_as_gettext_reads_it() {
        assert_eq!(with(&[]), Lang::En, "nothing set");
        assert_eq!(with(&[("LANG", "zh_CN.UTF-8")]), Lang::ZhCn);
        assert_eq!(with(&[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]), Lang::En, "messages win");
        assert_eq!(with(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")]), Lang::ZhCn, "LC_ALL wins");
        assert_eq!(with(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]), Lang::ZhCn, "an empty variable is unset");
        assert_eq!(with(&[("LANG", "C.UTF-8"), ("LANGUAGE", "zh_CN")]), Lang::En, "C ignores LANGUAGE");
        assert_eq!(with(&[("LANG", "en_US.UTF-8"), ("LANGUAGE", "fr:zh_CN:en")]), Lang::ZhCn, "first one spoken");
        assert_eq!(with(&[("LANG", "zh_CN.UTF-8"), ("LANGUAGE", "fr:de")]), Lang::ZhCn, "none spoken: the locale");
        assert_eq!(with(&[("LANG", "de_DE.UTF-8")]), Lang::En, "a language socklab lacks: English");
    }
}
