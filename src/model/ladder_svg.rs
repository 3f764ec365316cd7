//! The sequence diagram as a standalone SVG file, for slides and homework:
//! two lanes per connection, arrows with their labels, the calls beside the
//! lanes and the TCP states on them. Black on white with dash patterns as
//! well as colours, so it stays readable when printed in grey.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::sequence::text;
use super::sequence::{Arrow, Diagram, End, MarkKind, Side, Signal};

const WIDTH: f64 = 960.0;
/// Columns, left to right: time, our states, our calls, our lane, arrows,
/// the peer's lane, its calls, its states.
const TIME_X: f64 = 8.0;
const STATE_X: [f64; 2] = [135.0, 870.0];
const LANE_X: [f64; 2] = [340.0, 640.0];
const HEADER: f64 = 110.0;
const ROW: f64 = 34.0;
const FOOTER: f64 = 36.0;
/// An arrow whose other end was not seen still slopes a little, to read as a movement.
const ACROSS_DROP: f64 = 12.0;
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// How one kind of arrow is drawn: colour, dash pattern, marker id.
struct Style {
    colour: &'static str,
    dash: &'static str,
    marker: &'static str,
}

fn style(signal: &Signal) -> Style {
    match signal {
        Signal::Syn | Signal::SynAck | Signal::Ack => Style { colour: "#1f3a93", dash: "", marker: "hs" },
        Signal::Data { .. } => Style { colour: "#000000", dash: "", marker: "data" },
        Signal::Datagram { .. } => Style { colour: "#4a148c", dash: "2 3", marker: "dgram" },
        Signal::Fin => Style { colour: "#1b5e20", dash: "10 3", marker: "fin" },
        Signal::Rst => Style { colour: "#b71c1c", dash: "6 3 2 3", marker: "rst" },
    }
}

const MARKERS: [(&str, &str); 5] =
    [("hs", "#1f3a93"), ("data", "#000000"), ("dgram", "#4a148c"), ("fin", "#1b5e20"), ("rst", "#b71c1c")];

/// Text made safe for SVG content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to write most control characters: leave them out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn height(d: &Diagram) -> f64 {
    HEADER + ROW * d.steps.len().max(1) as f64 + FOOTER
}

/// The diagrams, one below the other, as one SVG document.
pub fn render(diagrams: &[Diagram]) -> String {
    let total: f64 = diagrams.iter().map(height).sum::<f64>().max(HEADER);
    let mut svg = String::new();
    let _ = writeln!(svg, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{total}" viewBox="0 0 {WIDTH} {total}" font-family="{FONT}">"#
    );
    defs(&mut svg);
    let _ = writeln!(svg, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    if diagrams.is_empty() {
        text_at(&mut svg, WIDTH / 2.0, HEADER / 2.0, "middle", 16.0, "normal", &text::no_events());
    }
    let mut top = 0.0;
    for d in diagrams {
        let _ = writeln!(svg, r#"<g transform="translate(0 {top})">"#);
        diagram(&mut svg, d);
        svg.push_str("</g>\n");
        top += height(d);
    }
    svg.push_str("</svg>\n");
    svg
}

fn defs(svg: &mut String) {
    svg.push_str("<defs>\n");
    for (id, colour) in MARKERS {
        let _ = writeln!(
            svg,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#
        );
    }
    svg.push_str("</defs>\n");
}

fn text_at(svg: &mut String, x: f64, y: f64, anchor: &str, size: f64, weight: &str, s: &str) {
    let _ = writeln!(
        svg,
        r##"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" fill="#000000" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
        escape(s)
    );
}

fn y_of(step: usize) -> f64 {
    HEADER + ROW * (step as f64 + 0.5)
}

fn diagram(svg: &mut String, d: &Diagram) {
    text_at(svg, 20.0, 28.0, "start", 18.0, "bold", &text::title(d));
    if d.dropped > 0 {
        text_at(svg, 20.0, 48.0, "start", 12.0, "normal", &text::dropped_note(d.dropped));
    }
    let bottom = HEADER + ROW * d.steps.len().max(1) as f64;
    for side in [Side::Local, Side::Peer] {
        let x = LANE_X[side.index()];
        text_at(svg, x, HEADER - 36.0, "middle", 14.0, "bold", &text::lane_title(d, side));
        text_at(svg, x, HEADER - 19.0, "middle", 12.0, "normal", &text::lane_address(d, side));
        let _ = writeln!(
            svg,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{bottom}" stroke="#555555" stroke-width="2"/>"##,
            HEADER - 10.0
        );
    }
    time_column(svg, d);
    // Where arrows fan in (3 sends → 1 recv) their labels sit near the senders,
    // where they fan out (1 send → 4 recvs) near the receivers, so they do not pile up.
    let mut starts: HashMap<(usize, usize), usize> = HashMap::new();
    let mut ends: HashMap<(usize, usize), usize> = HashMap::new();
    for a in &d.arrows {
        *starts.entry((a.from.index(), a.from_step)).or_default() += 1;
        *ends.entry((a.to().index(), a.to_step)).or_default() += 1;
    }
    for a in &d.arrows {
        let fan_in = ends[&(a.to().index(), a.to_step)] > 1;
        let fan_out = starts[&(a.from.index(), a.from_step)] > 1;
        let at = match (fan_in, fan_out) {
            (true, false) => 0.3,
            (false, true) => 0.7,
            _ => 0.5,
        };
        arrow(svg, a, at);
    }
    for m in &d.marks {
        let y = y_of(m.step);
        let side = m.side.index();
        let label = text::mark_label(&m.kind);
        match m.kind {
            MarkKind::State { from_kernel, .. } => state_badge(svg, side, y, &label, from_kernel),
            MarkKind::Call(_) => {
                let (x, anchor) =
                    if m.side == Side::Local { (LANE_X[0] - 10.0, "end") } else { (LANE_X[1] + 10.0, "start") };
                text_at(svg, x, y + 4.0, anchor, 12.0, "normal", &label);
            }
        }
    }
    if d.marks.iter().any(|m| matches!(m.kind, MarkKind::State { from_kernel: false, .. })) {
        text_at(svg, 20.0, bottom + 22.0, "start", 11.0, "normal", &text::inferred_legend());
    }
}

/// Each step's time after the first, where it differs from the step above.
fn time_column(svg: &mut String, d: &Diagram) {
    let Some(first) = d.steps.first() else { return };
    let mut last = None;
    for (i, step) in d.steps.iter().enumerate() {
        let label = text::elapsed(step.time.duration_since(first.time).unwrap_or_default());
        if last.as_ref() != Some(&label) {
            let _ = writeln!(
                svg,
                r##"<text x="{TIME_X}" y="{:.1}" font-size="10" fill="#444444">{}</text>"##,
                y_of(i) + 4.0,
                escape(&label)
            );
            last = Some(label);
        }
    }
}

/// A state's name in a box in its lane's state column, tied to the lane by a
/// dotted line at the step where the state begins. Inferred states have a
/// dashed box (see the legend).
fn state_badge(svg: &mut String, side: usize, y: f64, label: &str, from_kernel: bool) {
    let x = STATE_X[side];
    let w = 12.0 + 7.4 * label.chars().count() as f64;
    let edge = if side == 0 { x + w / 2.0 } else { x - w / 2.0 };
    let _ = writeln!(
        svg,
        r##"<line x1="{edge:.1}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#999999" stroke-width="1" stroke-dasharray="1 3"/>"##,
        LANE_X[side]
    );
    let dash = if from_kernel { "" } else { r#" stroke-dasharray="4 2""# };
    let _ = writeln!(
        svg,
        r##"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="18" rx="4" fill="#fff8e1" stroke="#000000" stroke-width="1.2"{dash}/>"##,
        x - w / 2.0,
        y - 13.0
    );
    let _ = writeln!(
        svg,
        r##"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" font-size="11" font-weight="bold" fill="#000000">{}</text>"##,
        escape(label)
    );
}

/// Draws an arrow with its label `at` (0 to 1) of the way along it.
fn arrow(svg: &mut String, a: &Arrow, at: f64) {
    let st = style(&a.signal);
    let (x1, y1) = (LANE_X[a.from.index()], y_of(a.from_step));
    let (mut x2, mut y2) = (LANE_X[a.to().index()], y_of(a.to_step));
    if a.to_step == a.from_step {
        y2 += ACROSS_DROP;
    }
    if a.end == End::Lost {
        // A lost datagram stops two thirds of the way, under a cross.
        x2 = x1 + (x2 - x1) * 0.66;
        y2 = y1 + (y2 - y1) * 0.66;
    }
    let dash = if a.end == End::Unseen && st.dash.is_empty() { "4 4" } else { st.dash };
    let dash_attr = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
    let marker = if a.end == End::Lost { String::new() } else { format!(r#" marker-end="url(#{})""#, st.marker) };
    let _ = writeln!(
        svg,
        r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{}" stroke-width="1.8"{dash_attr}{marker}/>"#,
        st.colour
    );
    if a.end == End::Lost {
        let _ = writeln!(
            svg,
            r##"<path d="M{:.1},{:.1} l12,12 m0,-12 l-12,12" stroke="#b71c1c" stroke-width="2.5"/>"##,
            x2 - 6.0,
            y2 - 6.0
        );
    }
    let (mx, my) = (x1 + (x2 - x1) * at, y1 + (y2 - y1) * at - 5.0);
    text_at(svg, mx, my, "middle", 12.0, "normal", &text::arrow_label(a));
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;
    use std::time::{Duration, SystemTime};

    use quick_xml::Reader;
    use quick_xml::events::Event as Xml;

    use super::*;
    use crate::model::sequence::{FlowKey, Sequence, SequenceLimits};
    use crate::net::{Addr, Event, EventKind};

    fn inet(port: u16) -> Addr {
        Addr::Inet(SocketAddr::from(([127, 0, 0, 1], port)))
    }

    /// A server (1) and a client (2) in socklab: handshake, a request with
    /// markup in it, a reply, the client's close and the server's.
    fn handshake_data_close() -> Diagram {
        let mut seq = Sequence::new(SequenceLimits::default());
        let mut t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let stream = |conn| EventKind::Socket { conn, family: "AF_INET", ty: "SOCK_STREAM" };
        let events = [
            (1, stream(None)),
            (2, stream(None)),
            (2, EventKind::Connected { conn: 0, local: inet(5000), peer: inet(9000) }),
            (1, EventKind::Accepted { conn: 1, local: inet(9000), peer: inet(5000) }),
            (2, EventKind::Sent { conn: 0, to: None, data: b"<b>&'hi'\"</b>".to_vec() }),
            (1, EventKind::Received { conn: 1, from: None, data: b"<b>&'hi'\"</b>".to_vec().into() }),
            (1, EventKind::Sent { conn: 1, to: None, data: b"ok".to_vec() }),
            (2, EventKind::Received { conn: 0, from: None, data: b"ok".to_vec().into() }),
            (2, EventKind::Closed { conn: Some(0), abortive: false }),
            (1, EventKind::PeerClosed { conn: 1 }),
            (1, EventKind::Closed { conn: Some(1), abortive: false }),
        ];
        for (endpoint, kind) in events {
            t += Duration::from_millis(1);
            seq.apply(&Event { time: t, endpoint, kind });
        }
        seq.diagram(&FlowKey::stream(2, 0)).expect("the client's flow")
    }

    /// Parses the document with a real XML parser (nesting, attributes,
    /// entities) and returns the text of every <text> element.
    fn texts_of_well_formed(svg: &str) -> Vec<String> {
        let mut reader = Reader::from_str(svg);
        let (mut depth, mut texts, mut current) = (0i32, Vec::new(), None::<String>);
        loop {
            match reader.read_event().unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}")) {
                Xml::Start(e) => {
                    depth += 1;
                    e.attributes().for_each(|a| drop(a.unwrap_or_else(|e| panic!("bad attribute: {e}"))));
                    if e.name().as_ref() == b"text" {
                        current = Some(String::new());
                    }
                }
                Xml::Empty(e) => e.attributes().for_each(|a| drop(a.unwrap_or_else(|e| panic!("bad attribute: {e}")))),
                Xml::End(e) => {
                    depth -= 1;
                    if e.name().as_ref() == b"text" {
                        texts.extend(current.take());
                    }
                }
                Xml::Text(t) => {
                    if let Some(c) = current.as_mut() {
                        c.push_str(&t.decode().expect("UTF-8"));
                    }
                }
                Xml::GeneralRef(r) => {
                    let name = r.decode().expect("UTF-8");
                    let ch = match name.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("undefined entity &{other};"),
                    };
                    if let Some(c) = current.as_mut() {
                        c.push(ch);
                    }
                }
                Xml::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0, "unclosed elements");
        texts
    }

    #[test]
    fn a_handshake_data_and_close_render_as_well_formed_svg_with_every_arrow_labelled() {
        let d = handshake_data_close();
        let svg = render(std::slice::from_ref(&d));
        let texts = texts_of_well_formed(&svg);
        for label in ["SYN", "SYN-ACK", "ACK", "FIN", "connect() returns", "accept() returns", "close()"] {
            assert!(texts.iter().any(|t| t == label), "no {label:?} in {texts:?}");
        }
        assert_eq!(texts.iter().filter(|t| *t == "FIN").count(), 2, "both sides close");
        assert!(texts.iter().any(|t| t.contains("<b>&'hi'")), "the payload comes back unescaped: {texts:?}");
        assert!(texts.iter().any(|t| t == "ESTABLISHED"), "states beside the lanes");
        assert!(texts.iter().any(|t| t == &text::inferred_legend()), "inferred states are explained");
        let states = d.marks.iter().filter(|m| matches!(m.kind, MarkKind::State { .. })).count();
        assert_eq!(svg.matches("<line").count(), 2 + d.arrows.len() + states, "lanes, arrows, state ties");
    }

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
        assert_eq!(escape("a\u{0}b\nc"), "a\u{fffd}b\nc");
        assert_eq!(escape("你好"), "你好");
    }

    #[test]
    fn no_diagram_is_still_a_document_that_says_so() {
        let texts = texts_of_well_formed(&render(&[]));
        assert_eq!(texts, [text::no_events()]);
    }
}
