//! Reading an SVG the way a browser would have to: with a real XML parser.

#![allow(dead_code)]

/// The text of every `<text>` element, read with a real XML parser (so the
/// document must be well-formed).
pub fn svg_texts(svg: &str) -> Vec<String> {
    use quick_xml::events::Event as Xml;
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut texts, mut current) = (Vec::new(), None::<String>);
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}")) {
            Xml::Start(e) if e.name().as_ref() == b"text" => current = Some(String::new()),
            Xml::End(e) if e.name().as_ref() == b"text" => texts.extend(current.take()),
            Xml::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.decode().unwrap_or_else(|e| panic!("bad text: {e}")));
                }
            }
            Xml::GeneralRef(r) => {
                let name = r.decode().unwrap_or_else(|e| panic!("bad entity: {e}"));
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
            Xml::Eof => return texts,
            _ => {}
        }
    }
}
