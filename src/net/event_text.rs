//! Each event as one line, the way a tutorial prints it: the call as C writes
//! it (`accept() → #2 from 127.0.0.1:53012`) and, where there is one, a few
//! words from the catalogs (`event-…`). A [`Message`], so the event log can
//! keep it and show it again in another language.

use super::event::{ConnId, EventKind, StateSource};
use super::kernel;
use super::payload::render_text;
use crate::i18n::Message;
use crate::msg;

/// The first bytes of a payload: quoted text, or hex in [ ].
fn preview(data: &[u8]) -> String {
    let (s, is_text) = render_text(&data[..data.len().min(48)]);
    let s = if is_text { format!("{s:?}") } else { format!("[{s}]") };
    if data.len() > 48 { format!("{s}…") } else { s }
}

fn conn_tag(c: &Option<ConnId>) -> String {
    c.map(|c| format!(" #{c}")).unwrap_or_default()
}

/// Connection 0 is a client's own socket: "send()", as the call is written.
fn on(c: &ConnId) -> String {
    if *c == 0 { String::new() } else { format!("#{c}") }
}

fn verbatim(text: String) -> Message {
    msg!("net-verbatim", text = text)
}

impl EventKind {
    /// One line, as a tutorial would print it, in the current language.
    pub fn summary(&self) -> String {
        self.summary_message().text()
    }

    /// One line, formatted when shown: "accept() → #2 from 127.0.0.1:53012".
    pub fn summary_message(&self) -> Message {
        match self {
            EventKind::Resolved { host, addrs } => {
                let list: Vec<String> = addrs.iter().map(|a| a.to_string()).collect();
                verbatim(format!("getaddrinfo({host}) → {}", list.join(", ")))
            }
            EventKind::Socket { family, ty, .. } => verbatim(format!("socket({family}, {ty})")),
            EventKind::OptionSet { conn, report } => {
                let asked = report.requested.as_ref().map(|v| v.to_string()).unwrap_or_default();
                let call = format!("setsockopt{}({}, {asked})", conn_tag(conn), report.opt.c_name());
                match &report.effective {
                    Ok(v) => msg!("event-option-set", call = call, value = report.opt.shown_arg(v)),
                    Err(e) => msg!("event-option-unreadable", call = call, error = e.message()),
                }
            }
            EventKind::Options { conn, reports } => {
                msg!("event-options-read", call = format!("getsockopt{}", conn_tag(conn)), count = reports.len())
            }
            EventKind::Bound { local } => verbatim(format!("bind({local})")),
            EventKind::Listening { local, backlog } => verbatim(format!("listen({local}, backlog {backlog})")),
            EventKind::Accepted { conn, peer, .. } => {
                msg!("event-accepted", conn = conn.to_string(), peer = peer.to_string())
            }
            EventKind::AcceptResumed { refused } => msg!("event-accept-resumed", refused = refused.to_string()),
            EventKind::Connected { local, peer, .. } => {
                msg!("event-connected", peer = peer.to_string(), local = local.to_string())
            }
            EventKind::Sent { conn, to, data } => {
                let call = match to {
                    Some(to) => format!("sendto({to})"),
                    None => format!("send({})", on(conn)),
                };
                msg!("event-bytes", call = call, bytes = data.len().to_string(), preview = preview(data))
            }
            EventKind::Received { conn, from, data } => {
                let call = match from {
                    Some(from) => format!("recvfrom({from})"),
                    None => format!("recv({})", on(conn)),
                };
                msg!("event-bytes", call = call, bytes = data.len().to_string(), preview = preview(data))
            }
            EventKind::PeerClosed { conn } => msg!("event-peer-closed", call = format!("recv({})", on(conn))),
            EventKind::Shutdown { conn: 0 } => msg!("event-shutdown", call = "shutdown(SHUT_WR)"),
            EventKind::Shutdown { conn } => msg!("event-shutdown", call = format!("shutdown(#{conn}, SHUT_WR)")),
            EventKind::Closed { conn: Some(c), abortive: true } => {
                msg!("event-closed-rst", call = format!("close({})", on(c)))
            }
            EventKind::Closed { conn: Some(c), .. } => verbatim(format!("close({})", on(c))),
            EventKind::Closed { conn: None, .. } => msg!("event-endpoint-closed"),
            EventKind::FileProgress { sent, total, .. } => {
                msg!("event-file-progress", sent = sent.to_string(), total = total.to_string())
            }
            EventKind::Loss { engine_dropped, kernel_dropped, echo_dropped, settled } => msg!(
                "event-loss",
                engine = engine_dropped.to_string(),
                counted = if kernel_dropped.is_some() { "yes" } else { "no" },
                kernel = kernel_dropped.unwrap_or_default().to_string(),
                echoed = if *echo_dropped > 0 { "yes" } else { "no" },
                echo = echo_dropped.to_string(),
                settled = if *settled { "yes" } else { "no" }
            ),
            EventKind::Error { error, .. } => error.message(),
            EventKind::Capture { path: Some(p) } => msg!("event-capture", path = p),
            EventKind::Capture { path: None } => msg!("event-capture-stopped"),
            EventKind::Message { conn, frame } => msg!(
                "event-message",
                conn = conn.to_string(),
                bytes = frame.bytes.len().to_string(),
                spans = if frame.chunk_count == 1 { "one" } else { "many" },
                chunks = frame.chunk_count.to_string(),
                preview = preview(&frame.bytes)
            ),
            EventKind::FrameError { conn, error } => {
                msg!("event-frame-error", conn = conn.to_string(), error = error.to_string())
            }
            EventKind::Resynced { conn, skipped } => {
                msg!("event-resynced", conn = conn.to_string(), skipped = skipped.to_string())
            }
            EventKind::RuleFired { conn, rule, count } => msg!(
                "event-rule-fired",
                rule = (rule + 1).to_string(),
                conn = conn.to_string(),
                count = count.to_string()
            ),
            EventKind::SequenceStep { conn, report } => msg!(
                "event-sequence-step",
                conn = conn.to_string(),
                round = report.round.to_string(),
                step = (report.step + 1).to_string(),
                result = report.result.message(),
                ms = report.took.as_millis().to_string()
            ),
            EventKind::SequenceDone { conn, summary } => {
                msg!("event-sequence-done", conn = conn.to_string(), summary = summary.message())
            }
            EventKind::Stopped => msg!("event-stopped"),
            EventKind::TcpState { conn, from, to, source, .. } => {
                kernel::text::state_change_line(&conn_tag(conn), *from, *to, *source == StateSource::SockDiag)
            }
            EventKind::TcpInfo { conn, info } => verbatim(kernel::text::info_line(&conn_tag(conn), info)),
            EventKind::PeerSeen { conn, peer } => kernel::text::peer_line(&conn_tag(&Some(*conn)), peer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn loss_reads_as_before_in_english_and_in_chinese_too() {
        let some = EventKind::Loss { engine_dropped: 3, kernel_dropped: Some(2), echo_dropped: 1, settled: true };
        assert_eq!(
            some.summary_message().text_in(Lang::En),
            "loss: 3 datagrams dropped by socklab (the caller was too slow), 2 by the kernel (SO_RXQ_OVFL); 1 echo \
             replies not sent (the send queue was full); the socket is quiet: final until the next datagram"
        );
        let none = EventKind::Loss { engine_dropped: 3, kernel_dropped: None, echo_dropped: 0, settled: false };
        assert_eq!(
            none.summary_message().text_in(Lang::En),
            "loss: 3 datagrams dropped by socklab (the caller was too slow)"
        );
        let zh = some.summary_message().text_in(Lang::ZhCn);
        assert!(zh.starts_with("丢失：socklab 丢弃了 3 个数据报") && zh.contains("SO_RXQ_OVFL"), "{zh}");
    }

    #[test]
    fn calls_stay_as_c_writes_them_in_every_language() {
        let sent = EventKind::Sent { conn: 3, to: None, data: b"hi".to_vec() };
        assert_eq!(sent.summary_message().text_in(Lang::En), "send(#3) = 2 bytes \"hi\"");
        assert_eq!(sent.summary_message().text_in(Lang::ZhCn), "send(#3) = 2 字节 \"hi\"");
        let after =
            kernel::text::state_change_line(" #2", Some(kernel::TcpState::FinWait2), kernel::TcpState::TimeWait, true);
        assert_eq!(
            after.text_in(Lang::En),
            "TCP state #2: FIN_WAIT2 → TIME_WAIT (sock_diag: socklab's socket is closed, the kernel still has it)"
        );
        let first = kernel::text::state_change_line("", None, kernel::TcpState::Listen, false);
        assert_eq!(first.text_in(Lang::En), "TCP state: LISTEN");
        let fin = EventKind::PeerClosed { conn: 0 };
        assert!(fin.summary_message().text_in(Lang::ZhCn).starts_with("recv() = 0：对方发来了 FIN"));
    }
}
