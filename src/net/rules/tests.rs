use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::*;
use crate::net::addr::Addr;
use crate::net::frame::{Frame, FrameEnd, FrameEvent, Framer};
use crate::net::reply::{self, ReplyMode};
use crate::net::template::Rng;

fn rules(specs: &[&str]) -> Vec<Rule> {
    specs.iter().map(|s| s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))).collect()
}

fn engine(specs: &[&str]) -> RuleEngine {
    RuleEngine::new(&rules(specs)).unwrap()
}

fn peer() -> Addr {
    Addr::Inet("127.0.0.1:5555".parse().unwrap())
}

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn react(e: &mut RuleEngine, trigger: Trigger<'_>) -> Outcome {
    e.react(trigger, Some(&peer()), now(), &mut Rng::seeded(1))
}

fn on(e: &mut RuleEngine, bytes: &[u8]) -> Vec<Effect> {
    react(e, Trigger::Message(&Frame::whole(0, bytes.to_vec()))).effects
}

fn send(s: &str) -> Effect {
    Effect::Send(s.as_bytes().to_vec())
}

#[test]
fn cli_rules_parse_and_print_back() {
    for s in [
        "exact:ping => reply:pong\\r\\n",
        "prefix:GET => reply:${http} => close",
        "contains:\\x00 => ignore",
        "regex:^(\\w+)=(\\d+)$ => reply:${1} is ${2}${eol} => continue",
        "hex:01 03 ?? ?? * => reply:${hex:01 83 02}${crc16}",
        "any => relay:${peer}: ${line}${eol}",
        "connect => reply:Welcome!\\n",
        "oversize => wait:100 => close",
        "exact:\\x20padded\\x20 => reply:=\\x3e ok",
    ] {
        let rule: Rule = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(rule.to_string(), s);
    }
    let r: Rule = "  exact:exit   =>reply:bye=>close".parse().unwrap();
    assert_eq!(r, Rule::new(Matcher::Exact("exit".into()), vec![Action::Reply("bye".into()), Action::Close]));
    // Spaces at the ends and arrows inside a text are escaped, so they survive.
    let r = Rule::new(Matcher::Exact("a => b ".into()), vec![Action::Reply("ok".into())]);
    assert_eq!(r.to_string(), "exact:a =\\x3e b\\x20 => reply:ok");
    let mut e = RuleEngine::new(&[r.to_string().parse().unwrap()]).unwrap();
    assert_eq!(on(&mut e, b"a => b "), vec![send("ok")]);
}

#[test]
fn bad_cli_rules_are_refused_with_position_and_reason() {
    let err = |s: &str| {
        let e = s.parse::<Rule>().unwrap_err();
        (e.position, e.problem.text())
    };
    assert_eq!(err("exact:ping"), (1, "a rule is MATCH => ACTION, as in 'exact:ping => reply:pong\\n'".into()));
    let (pos, msg) = err("exakt:ping => close");
    assert_eq!(pos, 1);
    assert!(msg.starts_with("'exakt:ping' is not a match: use exact:TEXT"), "{msg}");
    assert_eq!(err("any:x => close"), (1, "any takes no text: write it alone".into()));
    let (pos, msg) = err("any => send:x");
    assert_eq!(pos, 8);
    assert!(msg.starts_with("'send:x' is not an action: use reply:TEMPLATE"));
    assert_eq!(
        err("any =>"),
        (7, "nothing after =>: give an action (reply:TEMPLATE, relay:TEMPLATE, wait:MS, close or ignore)".into())
    );
    assert_eq!(err("any => ignore => close").0, 8);
    assert_eq!(err("any => continue => close"), (8, "continue goes after the actions: give an action first".into()));
    assert_eq!(
        err("any => close => continue => close"),
        (17, "continue goes last: it says the next rules are tried too".into())
    );
    assert_eq!(err("any => wait:soon"), (13, "wait takes milliseconds, 0 to 3600000, as in wait:500".into()));
    // Errors inside a text point into the whole rule.
    assert_eq!(err("regex:ab(c => close"), (9, "unclosed group".into()));
    let (pos, msg) = err("exact:x => close => reply:hi ${nme}");
    assert_eq!(pos, 30);
    assert!(msg.starts_with("unknown variable ${nme}"), "{msg}");
    assert_eq!(err("regex:(a) => reply:${2}"), (20, "${2}: the regex has only 1 capture group(s)".into()));
    assert_eq!(err("exact:a => reply:${1}").0, 18);
    assert_eq!(err("connect => reply:${line}").0, 18);
    assert_eq!(err("hex:01 0x => close").0, 9);
}

#[test]
fn rules_go_in_order_and_stop_unless_told_to_continue() {
    let mut e = engine(&[
        "exact:ping => reply:pong",
        "prefix:p => reply:p-word => continue",
        "contains:q => reply:has q",
        "any => reply:fallback",
    ]);
    assert_eq!(on(&mut e, b"ping\n"), vec![send("pong")]);
    assert_eq!(on(&mut e, b"pq\n"), vec![send("p-word"), send("has q")]);
    assert_eq!(on(&mut e, b"px"), vec![send("p-word"), send("fallback")]);
    assert_eq!(on(&mut e, b"z"), vec![send("fallback")]);
    assert_eq!(e.fired(), &[1, 2, 1, 2]);
}

#[test]
fn seq_counts_each_rule_separately() {
    let mut e = engine(&["exact:a => reply:a${seq}", "any => reply:other${seq}"]);
    let got: Vec<Vec<Effect>> = [b"a", b"b", b"a", b"b"].iter().map(|m| on(&mut e, *m)).collect();
    assert_eq!(got, vec![vec![send("a1")], vec![send("other1")], vec![send("a2")], vec![send("other2")]]);
}

#[test]
fn connect_oversize_and_unfinished_frames() {
    let mut e = engine(&["connect => reply:hi ${peer}", "oversize => reply:too long => close", "any => ignore"]);
    assert_eq!(react(&mut e, Trigger::Connect).effects, vec![send("hi 127.0.0.1:5555")]);
    assert_eq!(react(&mut e, Trigger::Oversize).effects, vec![send("too long"), Effect::Close]);
    let out = react(&mut e, Trigger::Message(&Frame::whole(0, b"x".to_vec())));
    assert_eq!(out, Outcome { effects: vec![], fired: vec![2] }, "ignore fires but does nothing");
    let eof = Frame { end: FrameEnd::Eof, ..Frame::whole(0, b"half".to_vec()) };
    assert_eq!(react(&mut e, Trigger::Message(&eof)), Outcome::default());
    assert_eq!(e.fired(), &[1, 1, 1]);
    assert_eq!(e.reach(), Reach { replies: true, relays: false, greets: true });
}

#[test]
fn waits_and_empty_replies() {
    let mut e = engine(&["any => reply:${line} => wait:250 => reply:later"]);
    assert_eq!(on(&mut e, b"x\n"), vec![send("x"), Effect::Wait(Duration::from_millis(250)), send("later")]);
    assert_eq!(
        on(&mut e, b"\n"),
        vec![Effect::Wait(Duration::from_millis(250)), send("later")],
        "nothing to send is not sent"
    );
    let too_long = RuleEngine::new(&[Rule::new(Matcher::Any, vec![Action::Wait(MAX_WAIT_MS + 1)])]).err().unwrap();
    assert_eq!(too_long.to_string(), "rule 1: in action 1, at character 1: a wait is at most 3600000 ms (one hour)");
}

#[test]
fn a_list_names_the_rule_that_is_wrong() {
    let list = vec![Rule::new(Matcher::Any, vec![]), Rule::new(Matcher::Regex("(".into()), vec![])];
    let e = RuleEngine::new(&list).err().unwrap();
    assert_eq!(e.to_string(), "rule 2: in the pattern, at character 1: unclosed group");
}

/// The tutorials' "Hello, name" server, built from rules.
#[test]
fn the_hello_name_server() {
    let mut e = engine(&[
        "connect => reply:Welcome! What is your name?\\r\\n",
        "exact:exit => reply:Bye!${eol} => close",
        "regex:^\\s*$ => ignore",
        "regex:^(.+)$ => reply:Hello, ${1}!${eol}",
    ]);
    assert_eq!(react(&mut e, Trigger::Connect).effects, vec![send("Welcome! What is your name?\r\n")]);
    assert_eq!(on(&mut e, b"Ann\r\n"), vec![send("Hello, Ann!\r\n")]);
    assert_eq!(on(&mut e, b"Bob\n"), vec![send("Hello, Bob!\n")]);
    assert_eq!(on(&mut e, b"  \n"), vec![]);
    assert_eq!(on(&mut e, b"exit\r\n"), vec![send("Bye!\r\n"), Effect::Close]);
}

/// Runs a preset the way a worker will: framer, then rules, per connection.
fn run_preset(mode: ReplyMode, chunks: &[&[u8]]) -> Vec<Effect> {
    let p = preset(mode);
    let mut framer = Framer::new(p.frame).unwrap();
    let mut e = RuleEngine::new(&p.rules).unwrap();
    let mut effects = react(&mut e, Trigger::Connect).effects;
    let mut events = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        framer.push(i as u64, c, &mut events);
    }
    for ev in &events {
        let out = match ev {
            FrameEvent::Frame(f) => react(&mut e, Trigger::Message(f)),
            FrameEvent::Error(_) => react(&mut e, Trigger::Oversize),
            FrameEvent::Resynced { .. } => continue,
        };
        effects.extend(out.effects);
    }
    effects
}

#[test]
fn echo_preset_sends_back_each_recv() {
    let got = run_preset(ReplyMode::Echo, &[b"ab", b"c\nd"]);
    assert_eq!(got, vec![send("ab"), send("c\nd")]);
    assert_eq!(run_preset(ReplyMode::None, &[b"ab"]), vec![]);
}

#[test]
fn chat_preset_relays_lines_as_the_chat_mode_did() {
    let chunks: [&[u8]; 4] = [b"hi\nthe", b"re\r\n", b"\n", b"part"];
    // What reply.rs's chat produced for the same chunks.
    let mut buf = Vec::new();
    let mut old = Vec::new();
    for c in chunks {
        buf.extend_from_slice(c);
        for line in reply::take_chat_lines(&mut buf) {
            old.push(Effect::Relay([b"127.0.0.1:5555: ".as_slice(), &line].concat()));
        }
    }
    assert_eq!(run_preset(ReplyMode::Chat, &chunks), old);
    // A 64 KiB line with no end goes on whole, ended with \n, as before.
    let long = vec![b'a'; reply::MAX_CHAT_LINE];
    let mut buf = long.clone();
    let old_long = reply::take_chat_lines(&mut buf).remove(0);
    let got = run_preset(ReplyMode::Chat, &[&long, b"z\n"]);
    assert_eq!(got[0], Effect::Relay([b"127.0.0.1:5555: ".as_slice(), &old_long].concat()));
    assert_eq!(got[1], Effect::Relay(b"127.0.0.1:5555: z\n".to_vec()));
    assert_eq!(preset(ReplyMode::Chat).rules.len(), 1);
    assert!(RuleEngine::new(&preset(ReplyMode::Chat).rules).unwrap().reach().relays);
}

#[test]
fn daytime_preset_greets_and_closes() {
    let got = run_preset(ReplyMode::Daytime, &[b"ignored\n"]);
    assert_eq!(got, vec![Effect::Send(reply::daytime_line(now()).into_bytes()), Effect::Close]);
}

#[test]
fn http_preset_answers_one_request_and_431_past_the_limit() {
    let head = b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n";
    let got = run_preset(ReplyMode::Http, &[&head[..10], &head[10..]]);
    assert_eq!(got[..2], [Effect::Send(reply::http_response(Some(head))), Effect::Close]);
    let huge = [b"GET / HTTP/1.1\r\nX: ".as_slice(), &vec![b'a'; reply::MAX_HTTP_HEAD]].concat();
    let got = run_preset(ReplyMode::Http, &[&huge]);
    assert_eq!(got, vec![Effect::Send(reply::http_response(None)), Effect::Close]);
}

#[test]
fn a_bad_rule_reads_in_the_language_of_the_moment() {
    use crate::i18n::{self, Lang};
    i18n::isolate_thread();
    let bad_match = "exakt:ping => close".parse::<Rule>().unwrap_err();
    let bad_regex = "regex:ab(c => close".parse::<Rule>().unwrap_err();
    let bad_template = "any => reply:${nope}".parse::<Rule>().unwrap_err();
    let list = RuleEngine::new(&[Rule::new(Matcher::Hex("01 3".into()), vec![])]).err().unwrap();
    i18n::set_language(Lang::En);
    assert!(bad_match.to_string().starts_with("at character 1: 'exakt:ping' is not a match: use exact:TEXT"));
    assert_eq!(bad_regex.to_string(), "at character 9: unclosed group");
    assert!(bad_template.to_string().starts_with("at character 14: unknown variable ${nope}: use ${line}"));
    assert_eq!(
        list.to_string(),
        "rule 1: in the pattern, at character 4: odd hex digit: each byte needs two digits or wildcards, as in 0a or ??"
    );
    // Made in English, shown after the switch: in Chinese, keywords as they are.
    i18n::set_language(Lang::ZhCn);
    let zh = bad_match.to_string();
    assert!(zh.starts_with("第 1 个字符：'exakt:ping' 不是匹配方式：可用 exact:TEXT"), "{zh}");
    assert_eq!(bad_regex.to_string(), "第 9 个字符：unclosed group", "the regex library's words stay");
    let zh = bad_template.to_string();
    assert!(zh.starts_with("第 14 个字符：未知变量 ${nope}：可用 ${line}"), "{zh}");
    assert_eq!(
        list.to_string(),
        "规则 1：匹配模式中第 4 个字符：十六进制数字个数为奇数：每个字节需要两个数字或通配符，例如 0a 或 ??"
    );
    i18n::set_language(Lang::En);
}
