use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::*;
use crate::net::frame::Frame;
use crate::net::frame::{FrameSpec, Framing};
use crate::net::rules::Rule;
use crate::net::template::Rng;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn send(text: &str) -> Step {
    Step::Send { payload: text.into(), format: PayloadFormat::Text }
}

fn expect(when: Matcher, timeout_ms: u64) -> Step {
    Step::Expect { when, timeout_ms }
}

fn seq(steps: Vec<Step>, repeat: Repeat) -> Sequence {
    Sequence { name: "t".into(), steps, repeat, stop_on_failure: true }
}

fn runner(s: &Sequence) -> Runner {
    Runner::new(s, Rng::seeded(1)).unwrap()
}

fn msg(text: &str) -> Frame {
    Frame::whole(0, text.as_bytes().to_vec())
}

fn sends(out: &[Output]) -> Vec<String> {
    out.iter()
        .filter_map(|o| if let Output::Send(b) = o { Some(String::from_utf8_lossy(b).into()) } else { None })
        .collect()
}

fn results(out: &[Output]) -> Vec<(u64, usize, StepResult, Duration)> {
    out.iter()
        .filter_map(|o| if let Output::Step(r) = o { Some((r.round, r.step, r.result.clone(), r.took)) } else { None })
        .collect()
}

fn done(out: &[Output]) -> Option<&Summary> {
    out.iter().find_map(|o| if let Output::Done(s) = o { Some(s) } else { None })
}

#[test]
fn a_sequence_that_passes() {
    let s = seq(vec![send("ping\\n"), expect(Matcher::Exact("pong".into()), 1000)], Repeat::Once);
    let mut r = runner(&s);
    let t0 = Instant::now();
    let out = r.start(t0, SystemTime::now());
    assert_eq!(sends(&out), vec!["ping\n"]);
    assert_eq!(results(&out), vec![(1, 0, StepResult::Sent { len: 5 }, Duration::ZERO)]);
    assert_eq!(r.deadline(), Some(t0 + ms(1000)));
    let out = r.on_message(&msg("noise\n"), t0 + ms(3));
    assert!(out.is_empty());
    let out = r.on_message(&msg("pong\r\n"), t0 + ms(7));
    let passed = StepResult::Passed { line: b"pong".to_vec(), passed_over: 1 };
    assert_eq!(results(&out), vec![(1, 1, passed, ms(7))]);
    let summary = done(&out).unwrap();
    assert_eq!((summary.passed, summary.failed, summary.stopped, summary.ok()), (1, 0, false, true));
    assert!(r.is_finished());
    assert_eq!(r.deadline(), None);
}

#[test]
fn a_sequence_that_fails_on_timeout() {
    let s = seq(vec![send("ping\\n"), expect(Matcher::Regex("^pong".into()), 500), send("never")], Repeat::Once);
    let mut r = runner(&s);
    let t0 = Instant::now();
    r.start(t0, SystemTime::now());
    r.on_message(&msg("pang\n"), t0 + ms(1));
    assert!(r.on_time(t0 + ms(499)).is_empty());
    let out = r.on_time(t0 + ms(600));
    let failed = StepResult::Failed(Failure::Timeout { passed_over: 1 });
    assert_eq!(results(&out), vec![(1, 1, failed.clone(), ms(500))]);
    assert_eq!(failed.to_string(), "FAILED: 1 messages arrived, none matched in time");
    assert!(sends(&out).is_empty(), "stops at the first failure");
    assert!(!done(&out).unwrap().ok());
}

#[test]
fn going_on_after_a_failure_when_asked() {
    let mut s = seq(vec![expect(Matcher::Any, 10), send("after")], Repeat::Once);
    s.stop_on_failure = false;
    let mut r = runner(&s);
    let t0 = Instant::now();
    r.start(t0, SystemTime::now());
    let out = r.on_time(t0 + ms(10));
    assert_eq!(sends(&out), vec!["after"]);
    assert_eq!(done(&out).map(|d| (d.passed, d.failed)), Some((0, 1)));
}

#[test]
fn rounds_number_seq_and_waits_come_from_the_clock() {
    let s = seq(vec![send("id=${seq} t=${time:unix}"), Step::Wait { ms: 100 }], Repeat::Times(3));
    let mut r = runner(&s);
    let t0 = Instant::now();
    let wall = UNIX_EPOCH + Duration::from_secs(1000);
    let mut all = r.start(t0, wall);
    assert!(r.on_time(t0 + ms(99)).is_empty());
    all.extend(r.on_time(t0 + ms(100)));
    all.extend(r.on_time(t0 + ms(250)));
    assert_eq!(sends(&all), vec!["id=1 t=1000", "id=2 t=1000", "id=3 t=1000"]);
    assert_eq!(r.deadline(), Some(t0 + ms(350)));
    all.extend(r.on_time(t0 + ms(2350)));
    assert_eq!(sends(&all).len(), 3);
    assert_eq!(done(&all).map(|d| d.rounds), Some(3));
    let waits: Vec<Duration> = results(&all).into_iter().filter(|r| r.2 == StepResult::Waited).map(|r| r.3).collect();
    assert_eq!(waits, vec![ms(100); 3]);
}

#[test]
fn an_answer_that_came_during_a_wait_meets_the_next_expectation() {
    let s = seq(vec![send("go"), Step::Wait { ms: 50 }, expect(Matcher::Prefix("OK".into()), 100)], Repeat::Once);
    let mut r = runner(&s);
    let t0 = Instant::now();
    r.start(t0, SystemTime::now());
    r.on_message(&msg("hello"), t0 + ms(10));
    r.on_message(&msg("OK 1"), t0 + ms(20));
    let out = r.on_time(t0 + ms(50));
    let passed = StepResult::Passed { line: b"OK 1".to_vec(), passed_over: 1 };
    assert_eq!(results(&out)[1], (1, 2, passed, Duration::ZERO));
    assert!(done(&out).unwrap().ok());
}

#[test]
fn until_stopped_and_closed() {
    let s = seq(vec![send("x"), Step::Wait { ms: 10 }], Repeat::UntilStopped);
    let mut r = runner(&s);
    let t0 = Instant::now();
    r.start(t0, SystemTime::now());
    for i in 1..=5 {
        r.on_time(t0 + ms(10 * i));
    }
    let out = r.stop();
    assert_eq!(done(&out).map(|d| (d.rounds, d.stopped)), Some((6, true)));
    assert!(r.stop().is_empty(), "done once");

    let s = seq(vec![expect(Matcher::Any, 1000)], Repeat::Once);
    let mut r = runner(&s);
    r.start(t0, SystemTime::now());
    let out = r.on_closed(t0 + ms(5));
    assert_eq!(results(&out), vec![(1, 0, StepResult::Failed(Failure::Closed), ms(5))]);
    assert_eq!(done(&out).map(|d| (d.failed, d.stopped)), Some((1, true)));
}

#[test]
fn the_backlog_is_bounded() {
    let s = seq(vec![Step::Wait { ms: 10 }, expect(Matcher::Exact("last".into()), 0)], Repeat::Once);
    let mut r = runner(&s);
    let t0 = Instant::now();
    r.start(t0, SystemTime::now());
    for _ in 0..1000 {
        r.on_message(&msg("x"), t0);
    }
    r.on_message(&msg("last"), t0);
    let out = r.on_time(t0 + ms(10));
    assert!(done(&out).unwrap().ok());
    assert_eq!(r.summary().dropped, 1001 - runner::BACKLOG as u64);
}

#[test]
fn sequences_that_cannot_run_are_refused_with_the_step() {
    let err = |s: Sequence| Runner::new(&s, Rng::seeded(1)).err().unwrap().to_string();
    assert_eq!(err(seq(vec![], Repeat::Once)), "the sequence has no steps");
    assert!(
        err(seq(vec![send("x")], Repeat::UntilStopped)).starts_with("a repeated sequence needs a wait or an expect")
    );
    assert_eq!(err(seq(vec![send("x")], Repeat::Times(0))), "run it at least once");
    assert_eq!(
        err(seq(vec![send("ok"), send("a${nope}")], Repeat::Once)).split(':').take(2).collect::<Vec<_>>(),
        vec!["step 2", " at character 2"]
    );
    let hex = Step::Send { payload: "0g".into(), format: PayloadFormat::Hex };
    assert_eq!(err(seq(vec![hex], Repeat::Once)), "step 1: at character 2: 'g' is not a hex digit (0-9, a-f)");
    assert_eq!(
        err(seq(vec![expect(Matcher::Regex("(".into()), 10)], Repeat::Once)),
        "step 1: at character 1: unclosed group"
    );
    assert!(
        err(seq(vec![expect(Matcher::Connect, 10)], Repeat::Once))
            .starts_with("step 1: an expectation matches a message")
    );
    assert!(err(seq(vec![Step::Wait { ms: MAX_STEP_MS + 1 }], Repeat::Once)).starts_with("step 1: at most 3600000 ms"));
}

/// What a workspace saves: sequences, rules and framing, in RON.
#[test]
fn sequences_rules_and_framing_round_trip_through_ron() {
    let s = seq(
        vec![send("ping ${seq}\\n"), Step::Wait { ms: 5 }, expect(Matcher::Hex("01 ?? *".into()), 100)],
        Repeat::Times(2),
    );
    let text = ron::to_string(&s).unwrap();
    assert_eq!(ron::from_str::<Sequence>(&text).unwrap(), s);
    let rule: Rule = "regex:^(.+)$ => reply:Hello, ${1}!${eol} => wait:10 => close => continue".parse().unwrap();
    assert_eq!(ron::from_str::<Rule>(&ron::to_string(&rule).unwrap()).unwrap(), rule);
    let spec = FrameSpec {
        limit: 1024,
        ..FrameSpec::new(Framing::LengthPrefix {
            width: crate::net::frame::PrefixWidth::Two,
            big_endian: false,
            counts_header: true,
        })
    };
    assert_eq!(ron::from_str::<FrameSpec>(&ron::to_string(&spec).unwrap()).unwrap(), spec);
    // Old files without the newer fields still load.
    assert_eq!(ron::from_str::<FrameSpec>("(framing: Line)").unwrap(), FrameSpec::new(Framing::Line));
    assert_eq!(ron::from_str::<Sequence>("(steps: [Wait(ms: 1)])").unwrap().repeat, Repeat::Once);
}
