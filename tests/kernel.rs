//! What the kernel reports about real loopback TCP connections: TCP_INFO and
//! the queues of sockets we hold, and sock_diag for connections whose fd is
//! gone (TIME_WAIT) and for sockets another program owns (Python).
#![cfg(target_os = "linux")]

mod support;

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use socklab::net::kernel::{self, KernelSocket, PortSide, SockDiag, StateWatch, TcpInfo, TcpState};
use support::{Proc, deadline};

fn info(sock: &impl AsFd) -> TcpInfo {
    kernel::tcp_info(sock).unwrap_or_else(|e| panic!("TCP_INFO: {e}"))
}

/// Samples a socket's TCP_INFO until `done` holds for it; returns the
/// states seen on the way (each once, in order).
fn watch_until(sock: &impl AsFd, what: &str, done: impl Fn(&TcpInfo) -> bool) -> (TcpInfo, Vec<TcpState>) {
    let end = deadline();
    let mut watch = StateWatch::new();
    loop {
        let i = info(sock);
        watch.observe(i.state);
        if done(&i) {
            return (i, watch.path().to_vec());
        }
        assert!(Instant::now() < end, "timed out waiting for {what}; last TCP_INFO {i:?}, states {:?}", watch.path());
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Looks a tuple up through sock_diag until `done` holds for the answer.
fn diag_until(
    diag: &mut SockDiag,
    local: SocketAddr,
    remote: SocketAddr,
    what: &str,
    done: impl Fn(Option<&KernelSocket>) -> bool,
) -> Option<KernelSocket> {
    let end = deadline();
    loop {
        let found = diag.find(local, remote).unwrap_or_else(|e| panic!("sock_diag: {e}"));
        if done(found.as_ref()) {
            return found;
        }
        assert!(Instant::now() < end, "timed out waiting for {what}; sock_diag last saw {found:?}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn pair() -> (TcpListener, TcpStream, TcpStream) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
    let (server, _) = listener.accept().expect("accept");
    (listener, client, server)
}

#[test]
fn both_ends_of_a_new_connection_are_established_and_the_listener_listens() {
    let (listener, client, server) = pair();
    let mut watch = StateWatch::new();
    let (_, change) = watch.sample(&client).expect("TCP_INFO");
    assert_eq!(change.map(|c| (c.from, c.to)), Some((None, TcpState::Established)));
    assert_eq!(watch.sample(&client).expect("TCP_INFO").1, None, "no change, no report");
    for (name, sock) in [("client", &client), ("server", &server)] {
        let i = info(sock);
        assert_eq!(i.state, TcpState::Established, "{name}: {i:?}");
        assert!(i.mss > 0 && i.cwnd > 0, "{name}: {i:?}");
        assert_eq!((i.recv_q, i.send_q), (0, 0), "{name}: nothing sent yet");
    }
    let l = info(&listener);
    assert_eq!(l.state, TcpState::Listen);
    assert_eq!(l.recv_q, 0, "the accepted connection left the accept queue");
    // Two more connections nobody accepts wait in the accept queue.
    let _waiting: Vec<TcpStream> =
        (0..2).map(|_| TcpStream::connect(listener.local_addr().expect("addr")).expect("connect")).collect();
    let (l, _) = watch_until(&listener, "2 connections in the accept queue", |i| i.recv_q == 2);
    assert!(l.send_q >= 2, "the backlog is the listener's Send-Q: {l:?}");
}

#[test]
fn half_close_gives_fin_wait2_on_our_side_and_close_wait_on_the_side_that_got_fin() {
    let (_listener, client, mut server) = pair();
    let mut c = StateWatch::new();
    c.observe(info(&client).state);
    client.shutdown(Shutdown::Write).expect("shutdown");
    let (_, path) = watch_until(&client, "FIN_WAIT2", |i| i.state == TcpState::FinWait2);
    let mut seen = vec![TcpState::Established];
    seen.extend(path);
    seen.dedup();
    // FIN_WAIT1 lasts until the peer's ACK: on loopback often too short to sample.
    seen.retain(|s| *s != TcpState::FinWait1);
    assert_eq!(seen, [TcpState::Established, TcpState::FinWait2]);
    assert_eq!(info(&server).state, TcpState::CloseWait, "the FIN arrived before anyone read");
    let mut buf = [0u8; 8];
    assert_eq!(server.read(&mut buf).expect("read"), 0, "recv() = 0 is the FIN");
    // CLOSE_WAIT can still send.
    server.write_all(b"late").expect("write in CLOSE_WAIT");
    assert_eq!(info(&server).state, TcpState::CloseWait);
}

#[test]
fn after_the_active_close_sock_diag_sees_time_wait_until_the_kernel_forgets() {
    let (_listener, client, mut server) = pair();
    let (local, remote) = (client.local_addr().expect("local"), client.peer_addr().expect("peer"));
    let mut diag = SockDiag::open().expect("sock_diag");
    let found = diag.find(local, remote).expect("lookup").expect("the live connection is found");
    assert_eq!((found.state, found.local, found.remote), (TcpState::Established, local, remote));
    assert!(found.inode != 0, "a socket with an fd has an inode");
    assert_eq!(found.info.map(|i| i.state), Some(TcpState::Established));

    drop(client); // close(): FIN, and no fd is left to ask TCP_INFO.
    let mut buf = [0u8; 8];
    assert_eq!(server.read(&mut buf).expect("read"), 0);
    drop(server); // The passive side closes too: LAST_ACK, then gone.
    let tw = diag_until(&mut diag, local, remote, "TIME_WAIT", |s| s.is_some_and(|s| s.state == TcpState::TimeWait))
        .expect("found");
    assert_eq!((tw.inode, tw.info), (0, None), "TIME_WAIT belongs to nobody and has no TCP_INFO");
    // The passive closer's side disappears once our last ACK arrives.
    diag_until(&mut diag, remote, local, "the server side to go", |s| s.is_none());
}

#[test]
fn recv_q_grows_while_nobody_reads_and_send_q_empties_once_acknowledged() {
    let (_listener, mut client, mut server) = pair();
    client.write_all(&[7u8; 1000]).expect("write");
    watch_until(&server, "Recv-Q 1000", |i| i.recv_q == 1000);
    client.write_all(&[7u8; 2000]).expect("write");
    let (s, _) = watch_until(&server, "Recv-Q 3000", |i| i.recv_q == 3000);
    assert!(s.bytes_received >= 3000, "{s:?}");
    let (c, _) = watch_until(&client, "Send-Q 0 (all acknowledged)", |i| i.send_q == 0);
    assert!(c.bytes_acked >= 3000, "{c:?}");
    let mut buf = vec![0u8; 3000];
    server.read_exact(&mut buf).expect("read");
    assert_eq!(info(&server).recv_q, 0, "read empties Recv-Q");
}

#[test]
fn a_python_clients_socket_is_found_by_port_with_its_owner() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let mut py = Proc::python(
        "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\nout(addr(s.getsockname()))\nwait_go()",
        &[&port.to_string()],
    );
    let py_local: SocketAddr = py.line().parse().expect("python prints its address");
    let (_conn, _) = listener.accept().expect("accept");
    let mut diag = SockDiag::open().expect("sock_diag");
    let clients = diag.by_port(port, PortSide::Remote).expect("by port");
    let theirs = clients.iter().find(|s| s.local == py_local).unwrap_or_else(|| panic!("not found in {clients:?}"));
    assert_eq!(theirs.state, TcpState::Established);
    assert_eq!(theirs.info.map(|i| i.state), Some(TcpState::Established), "TCP_INFO of a socket we do not own");
    // SAFETY: getuid() has no preconditions.
    assert_eq!(theirs.uid, unsafe { libc::getuid() });
    let fds = std::fs::read_dir(format!("/proc/{}/fd", py.pid())).expect("python's fds");
    let inode = format!("socket:[{}]", theirs.inode);
    assert!(
        fds.flatten().any(|fd| std::fs::read_link(fd.path()).is_ok_and(|l| l.to_string_lossy() == inode)),
        "{inode} is not one of python's fds"
    );
    let local = diag.by_port(port, PortSide::Local).expect("by port");
    assert!(local.iter().any(|s| s.state == TcpState::Listen), "the listener: {local:?}");
    py.send_line("go");
}

#[test]
fn unknown_tuples_are_none_and_non_tcp_sockets_say_which_call_failed() {
    let mut diag = SockDiag::open().expect("sock_diag");
    let nobody = SocketAddr::from(([127, 0, 0, 1], support::closed_port()));
    assert_eq!(diag.find(nobody, nobody).expect("lookup"), None);
    let udp = UdpSocket::bind("127.0.0.1:0").expect("bind");
    let err = kernel::tcp_info(&udp).expect_err("UDP has no TCP_INFO");
    assert_eq!(err.call, "getsockopt(TCP_INFO)");
    assert!(matches!(err.errno.as_deref(), Some("EOPNOTSUPP" | "ENOPROTOOPT")), "{err}");
}
