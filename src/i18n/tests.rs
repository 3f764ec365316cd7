//! The guards of the catalogs: both parse, both have the same messages with
//! the same attributes and variables, and every `t!`/`msg!` in `src/` names a
//! message that exists, with the variables it uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::catalog::{self, LAB_SOURCES, SOURCES};
use super::*;

/// Each message, term and attribute (`id`, `-term`, `id.attr`) with the
/// variables its text uses.
type Shape = BTreeMap<String, BTreeSet<String>>;

fn shape(source: &str) -> Shape {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("a catalog does not parse: {errors:?}"),
    };
    let mut shape = Shape::new();
    for entry in resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
            _ => continue,
        };
        if let Some(value) = value {
            shape.insert(id.clone(), variables(&value));
        }
        for a in attributes {
            shape.insert(format!("{id}.{}", a.id.name), variables(&a.value));
        }
    }
    shape
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut found);
        }
    }
    found
}

fn expression_variables(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    let inline = match expression {
        ast::Expression::Select { selector, variants } => {
            for v in variants {
                found.extend(variables(&v.value));
            }
            selector
        }
        ast::Expression::Inline(inline) => inline,
    };
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, found),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in arguments.positional.iter().chain(arguments.named.iter().map(|n| &n.value)) {
                expression_variables(&ast::Expression::Inline(a.clone()), found);
            }
        }
        _ => {}
    }
}

/// What differs between two catalogs' shapes, one line each.
fn differences(a: (&str, &Shape), b: (&str, &Shape)) -> Vec<String> {
    let mut out = Vec::new();
    for (id, vars) in a.1 {
        match b.1.get(id) {
            None => out.push(format!("{id} is in {} but not in {}", a.0, b.0)),
            Some(other) if other != vars => {
                out.push(format!("{id}: variables {vars:?} in {}, {other:?} in {}", a.0, b.0))
            }
            Some(_) => {}
        }
    }
    for id in b.1.keys().filter(|id| !a.1.contains_key(*id)) {
        out.push(format!("{id} is in {} but not in {}", b.0, a.0));
    }
    out
}

#[test]
fn both_catalogs_load_without_an_error() {
    for lang in [Lang::En, Lang::ZhCn, Lang::Pseudo] {
        let (_, errors) = catalog::build(lang);
        assert!(errors.is_empty(), "{}: {errors:#?}", lang.tag());
    }
}

#[test]
fn the_catalogs_have_the_same_messages_attributes_and_variables() {
    let en = shape(SOURCES[0].1);
    let zh = shape(SOURCES[1].1);
    let diff = differences(("en.ftl", &en), ("zh-CN.ftl", &zh));
    assert!(diff.is_empty(), "the catalogs differ:\n{}", diff.join("\n"));
    let en = shape(LAB_SOURCES[0].1);
    let zh = shape(LAB_SOURCES[1].1);
    let diff = differences(("labs.en.ftl", &en), ("labs.zh-CN.ftl", &zh));
    assert!(diff.is_empty(), "the lab catalogs differ:\n{}", diff.join("\n"));
}

#[test]
fn the_parity_check_sees_a_missing_message_attribute_or_variable() {
    let en = shape("a = A { $x }\n    .hint = H\nb = B\n");
    let cases = [
        ("a = 甲 { $x }\n    .hint = 提示\n", "b is in en but not in zh"),
        ("a = 甲 { $x }\nb = 乙\n", "a.hint is in en but not in zh"),
        ("a = 甲 { $y }\n    .hint = 提示\nb = 乙\n", "a: variables"),
        ("a = 甲 { $x }\n    .hint = 提示\nb = 乙\nc = 丙\n", "c is in zh but not in en"),
    ];
    for (zh, want) in cases {
        let diff = differences(("en", &en), ("zh", &shape(zh)));
        assert!(diff.iter().any(|d| d.starts_with(want)), "{zh:?}: {diff:?}");
    }
    let select = shape("n = { $count ->\n    [one] one { $name }\n   *[other] { $count } { $what }\n}\n");
    assert_eq!(select["n"], BTreeSet::from(["count".into(), "name".into(), "what".into()]));
}

#[test]
fn a_message_is_formatted_in_the_language_asked_for() {
    assert_eq!(text_in(Lang::En, "welcome-title", None), "Welcome to socklab");
    assert_eq!(text_in(Lang::ZhCn, "welcome-title", None), "欢迎使用 socklab");
    assert_eq!(
        text_in(Lang::En, "menu-language.hint", None),
        "Every text switches at once; socklab remembers the choice."
    );
}

#[test]
fn user_data_goes_in_as_it_is_with_no_bidi_marks() {
    let mut args = FluentArgs::new();
    args.set("name", "Echo {$x} ⟦server⟧");
    args.set("address", "[::1]:9999");
    for lang in [Lang::En, Lang::ZhCn, Lang::Pseudo] {
        let text = text_in(lang, "welcome-running", Some(&args));
        assert!(text.contains("Echo {$x} ⟦server⟧") && text.contains("[::1]:9999"), "{text}");
        assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
    }
}

#[test]
fn a_missing_id_or_argument_shows_on_screen_and_never_panics() {
    assert_eq!(text_in(Lang::ZhCn, "no-such-message", None), "⟪no-such-message⟫");
    assert_eq!(text_in(Lang::En, "welcome-title.no-such-attribute", None), "⟪welcome-title.no-such-attribute⟫");
    assert_eq!(text_in(Lang::En, "", None), "⟪⟫");
    let text = text_in(Lang::En, "welcome-reopen", None);
    assert!(text.contains("{$path}"), "{text}");
    assert!(!has("no-such-message") && has("welcome-title") && has("menu-language.hint"));
}

#[test]
fn numbers_are_grouped_and_keep_their_decimals() {
    let m = |n: f64| Message::new("welcome-reopen").arg("path", n).text_in(Lang::En);
    assert_eq!(m(1_073_741_824.0), "Reopen the last workspace: 1,073,741,824");
    assert_eq!(m(999.0), "Reopen the last workspace: 999");
    assert_eq!(m(-65_507.0), "Reopen the last workspace: -65,507");
    assert_eq!(m(1234.5), "Reopen the last workspace: 1,234.5");
    let text = Message::new("welcome-reopen").arg("path", "9999").text_in(Lang::En);
    assert_eq!(text, "Reopen the last workspace: 9999", "text stays as it is");
    let decimals = Message { id: "welcome-reopen".into(), args: vec![("path".into(), Arg::Number("1.50".into()))] };
    assert_eq!(decimals.text_in(Lang::En), "Reopen the last workspace: 1.50");
    assert_eq!(crate::t!("welcome-reopen", path = 12345), "Reopen the last workspace: 12,345");
}

#[test]
fn a_message_made_on_one_thread_is_formatted_in_the_language_of_the_moment() {
    isolate_thread();
    let made = std::thread::spawn(|| crate::msg!("welcome-running", name = "echo", address = "127.0.0.1:1"))
        .join()
        .expect("the thread ran");
    set_language(Lang::En);
    assert_eq!(made.text(), "1. ✔ echo is running on 127.0.0.1:1.");
    set_language(Lang::ZhCn);
    assert_eq!(made.text(), "1. ✔ echo 已在 127.0.0.1:1 上运行。");
    assert_eq!(crate::t!("welcome-title"), "欢迎使用 socklab");
    let nested = crate::msg!("welcome-reopen", path = crate::msg!("kind-udp"));
    assert_eq!(nested.to_string(), "重新打开上次的工作区：UDP 套接字");
    assert_eq!(Lang::from_u8(CURRENT.load(std::sync::atomic::Ordering::Relaxed)), Lang::En, "others untouched");
}

#[test]
fn the_pseudo_locale_is_recognisable_and_leaves_arguments_alone() {
    let mut args = FluentArgs::new();
    args.set("name", "srv");
    args.set("address", "127.0.0.1:9");
    let text = text_in(Lang::Pseudo, "welcome-running", Some(&args));
    assert!(text.starts_with('⟦') && text.ends_with('⟧'), "{text}");
    assert!(text.contains(" srv ") && text.contains("127.0.0.1:9"), "{text}");
    assert!(text.contains("ïïš ŕüüññïïñĝ"), "{text}");
}

#[test]
fn ids_lists_every_message_and_attribute() {
    let ids = ids();
    assert!(ids.contains(&"welcome-title".to_string()) && ids.contains(&"menu-language.hint".to_string()), "{ids:?}");
    assert!(ids.iter().all(|id| has(id)), "{ids:?}");
}

#[test]
fn settings_tags_name_only_the_languages_offered() {
    assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
    assert_eq!(Lang::from_tag("en"), Some(Lang::En));
    assert_eq!(Lang::from_tag("en-x-pseudo"), None);
    assert_eq!(Lang::from_tag("fr"), None);
}

/// A `t!(…)` or `msg!(…)` found in the source: its id and argument names.
#[derive(Debug, PartialEq)]
struct Use {
    id: String,
    args: Vec<String>,
    line: usize,
}

/// The uses in one file's text. Comment lines are skipped (the docs show
/// examples); an id that is not a literal is reported as `<not a literal>`.
fn uses(source: &str) -> Vec<Use> {
    let code: String = source
        .lines()
        .map(|l| if l.trim_start().starts_with("//") { "\n".to_string() } else { format!("{l}\n") })
        .collect();
    let mut found = Vec::new();
    for (start, _) in code.match_indices("!(") {
        let before = &code[..start];
        let name_start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        if !matches!(&before[name_start..], "t" | "msg") {
            continue;
        }
        let parts = top_level_parts(&code[start + 2..]);
        let id = parts.first().map(|p| p.trim()).unwrap_or_default();
        let id = id.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or("<not a literal>");
        let args = parts[1..]
            .iter()
            .filter_map(|p| p.split_once('=').map(|(name, _)| name.trim().to_string()))
            .filter(|n| !n.is_empty())
            .collect();
        found.push(Use { id: id.to_string(), args, line: before.matches('\n').count() + 1 });
    }
    found
}

/// The comma-separated parts of a macro's arguments, up to its closing
/// parenthesis, skipping what is nested or quoted.
fn top_level_parts(text: &str) -> Vec<String> {
    let (mut parts, mut current, mut depth, mut in_str, mut escaped) = (Vec::new(), String::new(), 0, false, false);
    for c in text.chars() {
        if in_str {
            current.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    parts
}

/// What is wrong with the uses in one file, against the English shape.
fn problems(file: &str, source: &str, en: &Shape) -> Vec<String> {
    let mut out = Vec::new();
    for u in uses(source) {
        let at = format!("{file}:{}: {}", u.line, u.id);
        let Some(vars) = en.get(&u.id) else {
            out.push(format!("{at} is not in the catalogs"));
            continue;
        };
        let given: BTreeSet<String> = u.args.into_iter().collect();
        if let Some(missing) = vars.difference(&given).next() {
            out.push(format!("{at} uses {{ ${missing} }} but the code does not pass it"));
        }
        if let Some(extra) = given.difference(vars).next() {
            out.push(format!("{at} is passed {extra}, which the message does not use"));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_id_the_code_uses_is_in_the_catalogs_with_its_variables() {
    let en = shape(SOURCES[0].1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 20, "the scan found the sources");
    let this_file = root.join("src/i18n/tests.rs");
    let mut all = Vec::new();
    for file in files.iter().filter(|f| **f != this_file) {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        let name = file.strip_prefix(root).unwrap_or(file).display().to_string();
        all.extend(problems(&name, &source, &en));
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn the_scan_sees_unknown_ids_and_wrong_arguments() {
    let en = shape(SOURCES[0].1);
    let source = concat!(
        "fn f() {\n",
        "    ui.label(t",
        "!(\"welcome-title\"));\n",
        "    // t",
        "!(\"in-a-comment\")\n",
        "    let s = t",
        "!(\"welcome-runing\", name = n, address = a);\n",
        "    let m = msg",
        "!(\"welcome-running\", name = f(a, b), adress = format!(\"{x}\"));\n",
        "    let x = it",
        "!(\"not-ours\");\n",
        "}\n",
    );
    let found = uses(source);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[2].args, ["name", "adress"]);
    let p = problems("f.rs", source, &en);
    assert_eq!(
        p,
        [
            "f.rs:4: welcome-runing is not in the catalogs",
            "f.rs:5: welcome-running uses { $address } but the code does not pass it",
            "f.rs:5: welcome-running is passed adress, which the message does not use",
        ]
    );
}
