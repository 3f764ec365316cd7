//! `--json` for the protocol tester's events: framed messages with their
//! chunk marks, frame errors, rules that fired, sequence steps and ends.

use serde_json::{Value, json};

use super::json_parts::{data, merge};
use crate::net::EventKind;
use crate::net::frame::{Frame, FrameEnd, FrameError, FrameErrorKind};
use crate::net::sequence::{Failure, StepReport, StepResult, Summary};

/// The fields of one protocol event (the caller adds time, endpoint and name).
pub fn protocol_json(kind: &EventKind) -> Value {
    match kind {
        EventKind::Message { conn, frame } => message(*conn, frame),
        EventKind::FrameError { conn, error } => frame_error(*conn, error),
        EventKind::Resynced { conn, skipped } => json!({ "conn": conn, "skipped": skipped }),
        // Numbered from 1, as the command line lists them (--greet first, then each --rule).
        EventKind::RuleFired { conn, rule, count } => json!({ "conn": conn, "rule": rule + 1, "count": count }),
        EventKind::SequenceStep { conn, report } => step(*conn, report),
        EventKind::SequenceDone { conn, summary } => done(*conn, summary),
        _ => json!({}),
    }
}

/// `len`, `text` and `hex` are of the frame as received (length header and
/// delimiter included); `body` is where its payload sits; `chunks` counts
/// the recv() calls it spanned and `marks` says which bytes each gave.
fn message(conn: u64, frame: &Frame) -> Value {
    let mut v = data(&frame.bytes);
    let marks: Vec<Value> =
        frame.chunks.iter().map(|s| json!({ "chunk": s.chunk, "start": s.range.start, "end": s.range.end })).collect();
    let end = match frame.end {
        FrameEnd::Complete => "complete",
        FrameEnd::Cut => "cut",
        FrameEnd::Eof => "unfinished",
    };
    merge(
        &mut v,
        json!({
            "conn": conn,
            "body": [frame.body.start, frame.body.end],
            "chunks": frame.chunk_count,
            "marks": marks,
            "end": end,
        }),
    );
    v
}

fn frame_error(conn: u64, error: &FrameError) -> Value {
    let mut v = match &error.kind {
        FrameErrorKind::NoDelimiter { limit } => json!({ "kind": "no_delimiter", "limit": limit }),
        FrameErrorKind::Announced { length, limit } => json!({ "kind": "announced", "length": length, "limit": limit }),
        FrameErrorKind::Impossible { length, header } => {
            json!({ "kind": "impossible", "length": length, "header": header })
        }
    };
    merge(&mut v, json!({ "conn": conn, "then": error.then.name(), "message": error.to_string() }));
    v
}

fn step(conn: u64, report: &StepReport) -> Value {
    let (result, extra) = match &report.result {
        StepResult::Sent { len } => ("sent", json!({ "len": len })),
        StepResult::Waited => ("waited", json!({})),
        StepResult::Passed { line, passed_over } => {
            ("passed", json!({ "line": String::from_utf8_lossy(line), "passed_over": passed_over }))
        }
        StepResult::Failed(Failure::Timeout { passed_over }) => {
            ("failed", json!({ "why": "timeout", "passed_over": passed_over }))
        }
        StepResult::Failed(Failure::Closed) => ("failed", json!({ "why": "closed" })),
    };
    let mut v = json!({
        "conn": conn,
        "round": report.round,
        "step": report.step + 1,
        "result": result,
        "took_ms": report.took.as_secs_f64() * 1000.0,
        "message": report.result.to_string(),
    });
    merge(&mut v, extra);
    v
}

fn done(conn: u64, s: &Summary) -> Value {
    json!({
        "conn": conn,
        "rounds": s.rounds,
        "passed": s.passed,
        "failed": s.failed,
        "stopped": s.stopped,
        "dropped": s.dropped,
        "ok": s.ok(),
    })
}
