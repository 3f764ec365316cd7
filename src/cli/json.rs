//! One JSON object per event, for scripts (`--json`).

use serde_json::{Value, json};

use crate::net::{Event, EventKind, OptionReport, hex_string};

fn time(ev: &Event) -> String {
    let t: chrono::DateTime<chrono::Utc> = ev.time.into();
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn option(r: &OptionReport) -> Value {
    json!({
        "option": r.opt.c_name(),
        "name": r.opt.name(),
        "requested": r.requested.as_ref().map(|v| v.to_string()),
        "effective": r.effective.as_ref().map(|v| v.to_string()).ok(),
        "read_error": r.effective.as_ref().err(),
    })
}

fn data(data: &[u8]) -> Value {
    json!({ "len": data.len(), "text": std::str::from_utf8(data).ok(), "hex": hex_string(data) })
}

fn merge(base: &mut Value, extra: Value) {
    if let (Value::Object(b), Value::Object(e)) = (base, extra) {
        b.extend(e);
    }
}

pub fn event_json(ev: &Event) -> Value {
    let mut v = json!({ "time": time(ev), "endpoint": ev.endpoint, "event": ev.kind.label() });
    let extra = match &ev.kind {
        EventKind::Resolved { host, addrs } => {
            json!({ "host": host, "addrs": addrs.iter().map(|a| a.to_string()).collect::<Vec<_>>() })
        }
        EventKind::Socket { conn, family, ty } => json!({ "conn": conn, "family": family, "type": ty }),
        EventKind::OptionSet { conn, report } => {
            let mut o = option(report);
            merge(&mut o, json!({ "conn": conn }));
            o
        }
        EventKind::Options { conn, reports } => {
            json!({ "conn": conn, "options": reports.iter().map(option).collect::<Vec<_>>() })
        }
        EventKind::Bound { local } => json!({ "local": local.to_string() }),
        EventKind::Listening { local, backlog } => json!({ "local": local.to_string(), "backlog": backlog }),
        EventKind::Accepted { conn, local, peer } | EventKind::Connected { conn, local, peer } => {
            json!({ "conn": conn, "local": local.to_string(), "peer": peer.to_string() })
        }
        EventKind::Sent { conn, to, data: d } => {
            let mut o = data(d);
            merge(&mut o, json!({ "conn": conn, "to": to.as_ref().map(|a| a.to_string()) }));
            o
        }
        EventKind::Received { conn, from, data: d } => {
            let mut o = data(d);
            merge(&mut o, json!({ "conn": conn, "from": from.as_ref().map(|a| a.to_string()) }));
            o
        }
        EventKind::PeerClosed { conn } | EventKind::Shutdown { conn } => json!({ "conn": conn }),
        EventKind::Closed { conn, abortive } => json!({ "conn": conn, "abortive": abortive }),
        EventKind::FileProgress { conn, sent, total } => json!({ "conn": conn, "sent": sent, "total": total }),
        EventKind::Loss { engine_dropped, kernel_dropped } => {
            json!({ "engine_dropped": engine_dropped, "kernel_dropped": kernel_dropped })
        }
        EventKind::Error { conn, error } => json!({
            "conn": conn, "call": error.call, "errno": error.errno, "message": error.message, "hint": error.hint,
        }),
        EventKind::Capture { path } => json!({ "path": path }),
        EventKind::Stopped => json!({}),
    };
    merge(&mut v, extra);
    v
}
