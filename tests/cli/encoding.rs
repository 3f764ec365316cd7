//! `--encoding`: a GBK peer (Python) reads and is read in Chinese; bytes that
//! are no GBK text stay bytes (`\xHH`), a character split between two sends
//! still comes out whole, and a character GBK cannot hold is refused.

use super::support::Proc;
use super::{is_event, json_listen_port, json_until, run, socklab};

#[test]
fn gbk_from_python_reads_as_chinese_and_typed_chinese_leaves_as_gbk() {
    let mut py = Proc::python(
        r#"
c = accept_one()
hello = "你好".encode("gbk")
c.sendall(hello[:3])          # 你 and the first byte of 好
out(recv_line(c).hex())
c.sendall(hello[3:] + b"\xff\xfe\n")
c.close()
"#,
        &[],
    );
    let port = py.line();
    let mut client = socklab(&["connect", "tcp", &format!("127.0.0.1:{port}"), "--encoding", "gbk"], true);
    let ctx = String::new;
    client.stdout.wait_until("你 decoded, 好 waiting for its second byte", &ctx, |b| b == "你".as_bytes());
    // A character GBK has no bytes for: that line is refused, the next one goes.
    client.write("x😀\n世界\n".as_bytes());
    assert_eq!(py.line(), "cac0bde70a", "世界 in GBK ('世界'.encode('gbk')), and nothing of the refused line");
    let err = client.stderr_line_with("stdin line 1");
    assert!(err.contains("'😀' (U+1F600)") && err.contains("GBK") && err.contains("not sent"), "{err}");
    client.close_stdin();
    let (code, out, _) = client.finish();
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&out), "你好\\xFF\\xFE\n", "the split 好 joined, 0xFF 0xFE kept as hex");
}

#[test]
fn json_text_is_decoded_and_names_its_encoding() {
    let mut serve = socklab(&["serve", "tcp", "127.0.0.1:0", "--json", "--encoding", "gbk"], false);
    let port = json_listen_port(&mut serve);
    let _py = Proc::python(
        r#"
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
c.sendall("你好".encode("gbk") + b"\xff\xfe")
c.recv(1)
"#,
        &[&port.to_string()],
    );
    let lines = json_until(&mut serve, "recv", |v| is_event(v, "recv"));
    let recv = lines.last().expect("a recv line");
    assert_eq!(recv["text"], "你好\\xff\\xfe", "{recv}");
    assert_eq!(recv["encoding"], "gbk", "{recv}");
    assert_eq!(recv["hex"], "c4 e3 ba c3 ff fe", "{recv}");
}

#[test]
fn an_unknown_encoding_exits_2_listing_the_known_ones() {
    let (code, _, err) = run(&["connect", "tcp", "127.0.0.1:9", "--encoding", "klingon"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown encoding 'klingon'") && err.contains("gbk, gb18030, big5, shift_jis"), "{err}");
    let (code, _, err) = run(&["run", "nothing.ron", "--encoding", "klingon"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown encoding 'klingon'"), "{err}");
}
