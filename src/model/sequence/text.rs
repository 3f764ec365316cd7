//! Every word the sequence diagram shows (the Sequence tab and the SVG
//! export), in one place, from the catalogs (`sequence-…`). Segment names
//! (SYN, FIN, RST), state names and call names are TCP's own and stay as they are.

use super::diagram::{Arrow, Call, Diagram, End, Lane, MarkKind, Side, Signal};
use super::flow::{Preview, Transport};
use crate::net::kernel::text::peer_seen_by_kernel;
use crate::net::render_text;
use crate::t;

/// What the SVG export says when there is nothing to draw.
pub fn no_events() -> String {
    t!("sequence-no-events")
}

/// "12 B" / "1,024 B".
pub fn bytes(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} B")
}

/// A payload's first bytes as text (quoted) or hex, with … when cut.
pub fn preview(p: &Preview) -> String {
    let cut = p.len > p.head.len();
    // A cut may split the last character: show the whole ones before it.
    let head = match std::str::from_utf8(&p.head) {
        Err(e) if cut && e.error_len().is_none() => &p.head[..e.valid_up_to()],
        _ => &p.head[..],
    };
    let (s, is_text) = render_text(head);
    let s = if is_text { format!("{s:?}") } else { format!("[{s}]") };
    if cut { format!("{s}…") } else { s }
}

/// The words on an arrow.
pub fn arrow_label(a: &Arrow) -> String {
    let base = match &a.signal {
        Signal::Syn => "SYN".to_string(),
        Signal::SynAck => "SYN-ACK".to_string(),
        Signal::Ack => "ACK".to_string(),
        Signal::Fin => "FIN".to_string(),
        Signal::Rst => "RST".to_string(),
        Signal::Data { bytes: n, preview: p } if *n == p.len as u64 => format!("{} {}", bytes(*n), preview(p)),
        Signal::Data { bytes: n, .. } => bytes(*n),
        Signal::Datagram { preview: p } => format!("{} {}", bytes(p.len as u64), preview(p)),
    };
    match a.end {
        End::Lost => t!("sequence-lost", arrow = base),
        _ => base,
    }
}

/// Explains how inferred states are drawn apart from the kernel's.
pub fn inferred_legend() -> String {
    t!("sequence-inferred-legend")
}

/// The words beside a lane for a call or a state.
pub fn mark_label(kind: &MarkKind) -> String {
    match kind {
        MarkKind::State { state, .. } => state.name().to_string(),
        MarkKind::Call(call) => call_label(call),
    }
}

/// A step's time after the diagram's first, as the time column shows it.
pub fn elapsed(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    // Written out here: Fluent would group the digits and drop the trailing zeros.
    if ms < 1000.0 {
        t!("sequence-elapsed-ms", ms = format!("{ms:.1}"))
    } else {
        t!("sequence-elapsed-s", s = format!("{:.3}", ms / 1000.0))
    }
}

pub fn call_label(call: &Call) -> String {
    match call {
        Call::Connect => t!("sequence-call-connect"),
        Call::Accept => t!("sequence-call-accept"),
        Call::Send { bytes: n } => t!("sequence-call-send", bytes = n.to_string()),
        Call::Recv { bytes: n, sends } if *sends > 1 => {
            t!("sequence-call-recv-sends", bytes = n.to_string(), sends = *sends)
        }
        Call::Recv { bytes: n, .. } => t!("sequence-call-recv", bytes = n.to_string()),
        Call::SendTo { bytes: n } => t!("sequence-call-sendto", bytes = n.to_string()),
        Call::RecvFrom { bytes: n } => t!("sequence-call-recvfrom", bytes = n.to_string()),
        Call::Shutdown => t!("sequence-call-shutdown"),
        Call::PeerFin => t!("sequence-call-peer-fin"),
        Call::Close { abortive: true } => t!("sequence-call-close-abortive"),
        Call::Close { abortive: false } => t!("sequence-call-close"),
        Call::Reset => "ECONNRESET".into(),
        Call::Error { call, errno: Some(e) } => format!("{}: {e}", crate::net::call_text(call)),
        Call::Error { call, errno: None } => t!("sequence-call-failed", call = crate::net::call_text(call)),
        Call::Lost { kernel, engine } => match (*kernel, *engine) {
            (k, 0) => t!("sequence-lost-kernel", kernel = k),
            (0, e) => t!("sequence-lost-engine", engine = e),
            (k, e) => t!("sequence-lost-both", kernel = k, engine = e),
        },
    }
}

/// A lane's heading: who it is (its address goes on the line below).
pub fn lane_title(d: &Diagram, side: Side) -> String {
    let lane: &Lane = &d.lanes[side.index()];
    match (side, &lane.flow) {
        (Side::Local, Some(k)) if k.conn > 0 => {
            t!("sequence-lane-local-conn", endpoint = k.endpoint.to_string(), conn = k.conn.to_string())
        }
        (Side::Local, Some(k)) => t!("sequence-lane-local", endpoint = k.endpoint.to_string()),
        (Side::Peer, Some(k)) if k.conn > 0 => {
            t!("sequence-lane-peer-conn", endpoint = k.endpoint.to_string(), conn = k.conn.to_string())
        }
        (Side::Peer, Some(k)) => t!("sequence-lane-peer", endpoint = k.endpoint.to_string()),
        (_, None) if lane.seen_by_kernel => peer_seen_by_kernel(),
        (_, None) => t!("sequence-lane-not-in-socklab"),
    }
}

pub fn lane_address(d: &Diagram, side: Side) -> String {
    d.lanes[side.index()].addr.as_ref().map(|a| a.to_string()).unwrap_or_default()
}

/// The diagram's title line.
pub fn title(d: &Diagram) -> String {
    let kind = match d.transport {
        Transport::Tcp => "TCP".to_string(),
        Transport::UnixStream => t!("sequence-unix-stream"),
        Transport::Udp => "UDP".to_string(),
        Transport::UnixDatagram => t!("sequence-unix-datagram"),
    };
    let from = d.lanes[0].addr.as_ref().map(|a| a.to_string()).unwrap_or_default();
    let to = d.lanes[1].addr.as_ref().map(|a| a.to_string()).unwrap_or_default();
    format!("{kind} {from} ↔ {to}")
}

/// Said under the title when older rows fell out of the history.
pub fn dropped_note(n: u64) -> String {
    t!("sequence-dropped", count = n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_group_thousands_and_previews_say_when_cut() {
        assert_eq!(bytes(7), "7 B");
        assert_eq!(bytes(1024), "1,024 B");
        assert_eq!(bytes(1_048_576), "1,048,576 B");
        assert_eq!(elapsed(std::time::Duration::from_micros(40_240)), "+40.2 ms");
        assert_eq!(elapsed(std::time::Duration::from_millis(61_000)), "+61.000 s");
        assert_eq!(preview(&Preview::of(b"hi\n")), "\"hi\\n\"");
        assert!(preview(&Preview::of(&[b'x'; 40])).ends_with('…'));
        assert!(preview(&Preview::of(&[0, 255])).starts_with('['));
        let chinese = "你好，世界。你好".as_bytes(); // 24 bytes, cut inside the sixth character
        assert_eq!(preview(&Preview::of(chinese)), "\"你好，世界\"…");
    }

    #[test]
    fn socklab_s_own_steps_in_an_error_row_are_worded_in_the_language() {
        use crate::i18n::{self, Lang};
        i18n::isolate_thread();
        let failed = |call: &str, errno: Option<&str>| {
            call_label(&Call::Error { call: call.into(), errno: errno.map(str::to_string) })
        };
        i18n::set_language(Lang::ZhCn);
        let own = failed("parse address", None);
        assert!(!own.contains("parse address") && own.contains("失败"), "{own}");
        assert_eq!(failed("bind(127.0.0.1:9000)", Some("EADDRINUSE")), "bind(127.0.0.1:9000): EADDRINUSE");
        i18n::set_language(Lang::En);
        assert!(failed("parse address", None).ends_with("failed"));
    }
}
