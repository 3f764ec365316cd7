//! What a translation must keep as it is: what a student types or searches for.

use std::collections::BTreeSet;

/// What must come through a translation untouched: backquoted code, and the
/// words a student types or searches for (addresses, ports, C names, errnos).
pub fn kept(text: &str) -> BTreeSet<String> {
    let mut out = code(text);
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || "_.:".contains(c)));
    for word in words.map(|w| w.trim_end_matches(['.', ':'])) {
        let address =
            word.contains(|c: char| c.is_ascii_digit()) && (word.contains(':') || word.matches('.').count() == 3);
        let c_name = word.contains('_') && word.chars().any(|c| c.is_ascii_uppercase());
        let port = word.len() >= 4 && word.chars().all(|c| c.is_ascii_digit());
        let errno = word.len() > 4 && word.starts_with('E') && word.chars().all(|c| c.is_ascii_uppercase());
        if address || port || c_name || errno {
            out.insert(word.to_string());
        }
    }
    out
}

/// What stands between backquotes: shown as code, typed as it is.
pub fn code(text: &str) -> BTreeSet<String> {
    text.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::kept;

    #[test]
    fn the_kept_words_are_found() {
        let k = kept(
            "Run `socklab serve tcp 127.0.0.1:9000`; bind() fails with EADDRINUSE unless SO_REUSEADDR is on, port 9000.",
        );
        let want = ["socklab serve tcp 127.0.0.1:9000", "127.0.0.1:9000", "9000", "EADDRINUSE", "SO_REUSEADDR"];
        assert_eq!(k, want.iter().map(|s| s.to_string()).collect());
    }
}
