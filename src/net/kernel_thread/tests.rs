//! The kernel thread's life (started by the first request, ended with the
//! engine) and what it reports about real loopback connections.

use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use super::*;
use crate::net::NoWaker;

const WAIT: Duration = Duration::from_secs(10);

fn link() -> (KernelLink, Receiver<Event>) {
    let (tx, rx) = bounded(64);
    (KernelLink::new(tx, Arc::new(NoWaker)), rx)
}

fn wait_until(what: &str, cond: impl Fn() -> bool) {
    let end = Instant::now() + WAIT;
    while !cond() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::yield_now();
    }
}

#[test]
fn the_thread_starts_with_the_first_request_and_ends_with_stop() {
    let (link, _rx) = link();
    link.forget(1);
    assert!(link.sync(WAIT), "nothing to wait for");
    assert!(!link.running(), "forget and sync alone start nothing");
    link.request(Request::Forget { endpoint: 1 }).expect("request");
    assert!(link.running());
    assert!(link.sync(WAIT));
    link.stop();
    wait_until("the thread to end", || !link.running());
    link.request(Request::Forget { endpoint: 1 }).expect("ignored after stop");
    assert!(!link.running(), "a stopped link starts nothing again");
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_connection_is_followed_into_time_wait_and_forgotten_on_request() {
    use std::io::Read;
    use std::net::Shutdown;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
    let (mut server, _) = listener.accept().expect("accept");
    let (local, remote) = (client.local_addr().expect("local"), client.peer_addr().expect("peer"));
    // The client closes first: its end goes to TIME_WAIT once the server closes too.
    client.shutdown(Shutdown::Write).expect("shutdown");
    let mut buf = [0u8; 8];
    assert_eq!(server.read(&mut buf).expect("eof"), 0);
    drop(server);
    drop(client);
    let (link, rx) = link();
    let last = Some(TcpState::FinWait2);
    link.request(Request::Follow { endpoint: 7, conn: 0, local, remote, last }).expect("follow");
    assert!(link.sync(WAIT));
    let ev = rx.try_recv().expect("the first lookup is reported before sync returns");
    assert_eq!(ev.endpoint, 7);
    match ev.kind {
        EventKind::TcpState { conn: Some(0), from, to, source: StateSource::SockDiag, .. } => {
            assert_eq!((from, to), (Some(TcpState::FinWait2), TcpState::TimeWait));
        }
        other => panic!("expected TIME_WAIT through sock_diag, got {other:?}"),
    }
    link.request(Request::Forget { endpoint: 7 }).expect("forget");
    assert!(link.sync(WAIT));
    assert!(rx.try_recv().is_err(), "nothing after forget");
    link.stop();
}

/// The loopback test above cannot tell a forgotten connection from one
/// still followed (TIME_WAIT lasts a minute): this looks at what the thread keeps.
#[test]
fn forget_drops_the_endpoints_connections_and_peers_and_no_others() {
    let (_requests, rx) = bounded(1);
    let (events, _events) = bounded(64);
    let mut thread = KernelThread::new(rx, events, Arc::new(NoWaker));
    let local: std::net::SocketAddr = "127.0.0.1:5000".parse().expect("addr");
    let remote: std::net::SocketAddr = "127.0.0.1:9000".parse().expect("addr");
    for endpoint in [1, 2] {
        thread.handle(Request::Follow { endpoint, conn: 0, local, remote, last: None });
        thread.handle(Request::Peer { endpoint, conn: 1, local, remote });
    }
    thread.handle(Request::Forget { endpoint: 1 });
    let follows: Vec<EndpointId> = thread.follows.iter().map(|f| f.endpoint).collect();
    let peers: Vec<EndpointId> = thread.peers.iter().map(|p| p.endpoint).collect();
    assert_eq!((follows, peers), (vec![2], vec![2]));
}
