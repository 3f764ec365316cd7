//! One JSON object per event, for scripts (`--json`).

use serde_json::{Value, json};

use super::json_parts::{data, merge};
use crate::net::kernel::TcpInfo;
use crate::net::{Event, EventKind, OptionReport, StateSource};
use crate::util::clock::rfc3339;

fn option(r: &OptionReport) -> Value {
    json!({
        "option": r.opt.c_name(),
        "name": r.opt.name(),
        "requested": r.requested.as_ref().map(|v| v.to_string()),
        "effective": r.effective.as_ref().map(|v| v.to_string()).ok(),
        "read_error": r.effective.as_ref().err().map(ToString::to_string),
    })
}

/// A `tcp_info` object: every TCP_INFO field as an integer, the state as its
/// kernel name, and where it was read. A state change also says `from`.
fn tcp_info(conn: Option<u64>, info: &TcpInfo, source: StateSource, from: Option<Option<&str>>) -> Value {
    let mut o = serde_json::to_value(info).unwrap_or_else(|_| json!({}));
    let source = match source {
        StateSource::TcpInfo => "tcp_info",
        StateSource::SockDiag => "sock_diag",
    };
    merge(&mut o, json!({ "conn": conn, "source": source, "state_change": from.is_some() }));
    if let Some(from) = from {
        merge(&mut o, json!({ "from": from }));
    }
    o
}

/// The event's name in JSON: an identifier a script can match on. It is the
/// syscall the log shows, except `recv = 0 (FIN)`, which is `eof` here
/// (the human text stays in `-v` and the GUI's log).
pub fn json_name(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::PeerClosed { .. } => "eof",
        // A state change is a sample too: scripts read both the same way.
        EventKind::TcpState { .. } => "tcp_info",
        other => other.label(),
    }
}

pub fn event_json(ev: &Event) -> Value {
    let mut v = json!({ "time": rfc3339(ev.time), "endpoint": ev.endpoint, "event": json_name(&ev.kind) });
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
        EventKind::AcceptResumed { refused } => json!({ "refused": refused }),
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
        EventKind::Loss { engine_dropped, kernel_dropped, echo_dropped, settled } => json!({
            "engine_dropped": engine_dropped, "kernel_dropped": kernel_dropped,
            "echo_dropped": echo_dropped, "settled": settled,
        }),
        EventKind::Error { conn, error } => json!({
            "conn": conn, "call": error.call, "errno": error.errno, "message": error.message, "hint": error.hint,
        }),
        EventKind::Capture { path } => json!({ "path": path }),
        kind @ (EventKind::Message { .. }
        | EventKind::FrameError { .. }
        | EventKind::Resynced { .. }
        | EventKind::RuleFired { .. }
        | EventKind::SequenceStep { .. }
        | EventKind::SequenceDone { .. }) => super::json_proto::protocol_json(kind),
        EventKind::Stopped => json!({}),
        EventKind::TcpState { conn, from, to, info, source } => {
            let info = info.unwrap_or_else(|| TcpInfo::unknown(*to));
            tcp_info(*conn, &info, *source, Some(from.map(|f| f.name())))
        }
        EventKind::TcpInfo { conn, info } => tcp_info(*conn, info, StateSource::TcpInfo, None),
        EventKind::PeerSeen { conn, peer } => json!({
            "conn": conn, "state": peer.state.name(), "local": peer.local.to_string(),
            "remote": peer.remote.to_string(), "recv_q": peer.recv_q, "send_q": peer.send_q, "uid": peer.uid,
            "inode": peer.inode,
        }),
    };
    merge(&mut v, extra);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::kernel::TcpState;
    use crate::net::{Addr, NetError, OptValue, SockOpt};

    #[test]
    fn every_event_name_is_an_identifier() {
        let a = Addr::Unix("/x".into());
        let report = OptionReport { opt: SockOpt::NoDelay, requested: None, effective: Ok(OptValue::Bool(true)) };
        let kinds = [
            EventKind::Resolved { host: "h".into(), addrs: vec![] },
            EventKind::Socket { conn: None, family: "AF_INET", ty: "SOCK_STREAM" },
            EventKind::OptionSet { conn: None, report: report.clone() },
            EventKind::Options { conn: None, reports: vec![report] },
            EventKind::Bound { local: a.clone() },
            EventKind::Listening { local: a.clone(), backlog: 1 },
            EventKind::Accepted { conn: 1, local: a.clone(), peer: a.clone() },
            EventKind::Connected { conn: 0, local: a.clone(), peer: a.clone() },
            EventKind::Sent { conn: 0, to: None, data: vec![] },
            EventKind::Received { conn: 0, from: None, data: vec![].into() },
            EventKind::PeerClosed { conn: 0 },
            EventKind::Shutdown { conn: 0 },
            EventKind::Closed { conn: None, abortive: false },
            EventKind::FileProgress { conn: 0, sent: 0, total: 0 },
            EventKind::Loss { engine_dropped: 0, kernel_dropped: None, echo_dropped: 0, settled: false },
            EventKind::Error { conn: None, error: NetError::usage("x", "y") },
            EventKind::Capture { path: None },
            EventKind::Stopped,
            EventKind::TcpInfo { conn: None, info: TcpInfo::unknown(TcpState::Listen) },
            EventKind::TcpState {
                conn: Some(0),
                from: None,
                to: TcpState::TimeWait,
                info: None,
                source: StateSource::SockDiag,
            },
        ];
        for kind in &kinds {
            let name = json_name(kind);
            let ident = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            assert!(ident, "{name:?} ({kind:?}) is not an identifier");
        }
        assert_eq!(json_name(&EventKind::PeerClosed { conn: 3 }), "eof");
    }
}
