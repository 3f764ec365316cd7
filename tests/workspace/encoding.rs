//! An endpoint's text encoding in a workspace file: written only when it is
//! not UTF-8 (older files and their saves are unchanged), read back as it
//! was, and an unknown one refused with the file, line and the known names.

use std::path::Path;

use socklab::net::{Encoding, EndpointKind, EndpointSpec};
use socklab::workspace::{self, Workspace, WorkspaceEndpoint};

fn with_spec(spec: EndpointSpec) -> Workspace {
    Workspace {
        endpoints: vec![WorkspaceEndpoint { name: "gbk device".into(), spec, autostart: false }],
        ..Workspace::default()
    }
}

#[test]
fn a_gbk_endpoint_round_trips_and_utf8_is_not_written() {
    let mut spec = EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:9000");
    let plain = workspace::to_ron(&with_spec(spec.clone())).expect("ron");
    assert!(!plain.contains("encoding"), "UTF-8 is the default and not written:\n{plain}");
    spec.encoding = Encoding::Gbk;
    let ws = with_spec(spec);
    let text = workspace::to_ron(&ws).expect("ron");
    assert!(text.contains("encoding: Gbk"), "{text}");
    let back = workspace::parse(&text, Path::new("w.ron")).expect("loads");
    assert_eq!(back, ws);
    assert_eq!(back.endpoints[0].spec.encoding, Encoding::Gbk);
}

#[test]
fn an_unknown_encoding_is_refused_with_the_file_line_and_known_names() {
    let spec = EndpointSpec::new(EndpointKind::TcpClient, "127.0.0.1:9000");
    let text = workspace::to_ron(&with_spec(spec)).expect("ron");
    let text =
        text.replace("address: \"127.0.0.1:9000\",", "address: \"127.0.0.1:9000\",\n            encoding: Klingon,");
    let line = text.lines().position(|l| l.contains("Klingon")).expect("the line") + 1;
    let err = workspace::parse(&text, Path::new("w.ron")).expect_err("refused").to_string();
    assert!(err.starts_with(&format!("cannot load workspace w.ron: line {line}, column ")), "{err}");
    assert!(err.contains("Klingon") && err.contains("Gbk") && err.contains("ShiftJis"), "{err}");
}
