//! The TCP panel, the Sequence tab and the presenter layout in the
//! pseudo-locale: no label may stand outside ⟦ ⟧ but TCP's own names (state
//! and segment names), addresses, numbers and what the test sent.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use socklab::app::SocklabApp;
use socklab::model::{Status, TcpView};
use socklab::net::kernel::TcpState;
use socklab::net::{Command as NetCommand, EndpointId, EndpointKind, EndpointSpec, Target};
use socklab::ui::Selection;

use super::gui_support::rect_of;
use super::pseudo::unlocalized;
use super::support::Proc;
use super::sweep::{assert_localized, pseudo_harness, server_and_client};
use super::wait_until;

/// Accepts one connection, prints its port first, and closes once the other side has.
/// (No timeout on the connection: the test closes it when it is done, and the
/// child is killed if the test fails first.)
const PEER: &str = r#"
c = accept_one()
c.settimeout(None)
while c.recv(4096):
    pass
c.close()
"#;

fn client_view(app: &SocklabApp, client: EndpointId) -> Option<&TcpView> {
    app.model.endpoints.get(&client).and_then(|e| e.tcp.get(Some(0)))
}

/// The TCP panel: from its heading down to the socket options table (its values are the engine's, checked elsewhere).
fn tcp_panel_region(h: &Harness<'_, SocklabApp>) -> egui::Rect {
    let heading = rect_of(h, &socklab::ui::tcp_panel::heading());
    let options = rect_of(h, &socklab::i18n::text("inspector-socket-options", None));
    assert!(options.top() > heading.bottom(), "the TCP panel is above the socket options");
    let right = h.ctx.content_rect().right();
    egui::Rect::from_min_max(egui::pos2(heading.left() - 24.0, heading.top() - 2.0), egui::pos2(right, options.top()))
}

#[test]
fn the_tcp_panel_of_a_client_its_peer_and_its_close_are_all_from_the_catalogs() {
    let mut h = pseudo_harness();
    h.state_mut().settings.show_log = false;
    h.set_size(egui::vec2(1280.0, 2400.0));
    // A peer in another process, so the kernel's view of it is shown too; it closes when we do.
    let mut peer = Proc::python(PEER, &[]);
    let addr = format!("127.0.0.1:{}", peer.line());
    let ctx = h.ctx.clone();
    let client = h.state_mut().open_endpoint(&ctx, "cli", EndpointSpec::new(EndpointKind::TcpClient, addr));
    wait_until(&mut h, "the client to connect", |a| a.model.endpoints[&client].status == Status::Connected);
    h.state_mut().selection = Some(Selection { endpoint: client, conn: None });
    wait_until(&mut h, "TCP_INFO and the kernel's view of the peer", |a| {
        client_view(a, client).is_some_and(|v| v.info.is_some() && v.peer.is_some())
    });
    h.run_steps(4);
    assert!(h.query_by_label("ESTABLISHED").is_some(), "the state's badge is shown");
    assert_localized(&h, "the TCP panel of a connected client", Some(tcp_panel_region(&h)), &["cli"]);

    // We close first: TIME_WAIT, followed through sock_diag after socklab's socket is gone.
    h.state_mut().engine_command(NetCommand::Close { id: client, abort: false });
    wait_until(&mut h, "TIME_WAIT after close", |a| {
        client_view(a, client).is_some_and(|v| v.after_close && v.state == Some(TcpState::TimeWait))
    });
    h.run_steps(4);
    assert_localized(&h, "the TCP panel after close", Some(tcp_panel_region(&h)), &["cli"]);
    assert!(peer.wait_exit().success(), "the peer saw our FIN and closed\n{}", peer.context());
}

#[test]
fn the_sequence_tab_and_the_presenter_layout_are_all_from_the_catalogs() {
    use socklab::ui::sequence_view::{pause, presenter, tab_sequence};
    let mut h = pseudo_harness();
    server_and_client(&mut h);
    let id = |h: &Harness<'_, SocklabApp>, name: &str| {
        h.state().model.endpoints.values().find(|e| e.name == name).map(|e| e.id).expect("the endpoint")
    };
    let (server, client) = (id(&h, "srv"), id(&h, "cli"));
    h.state_mut().engine_command(NetCommand::Send { id: client, target: Target::Peer, data: b"hi\n".to_vec() });
    wait_until(&mut h, "the server to receive it", |a| a.model.endpoints[&server].bytes_in >= 3);
    h.state_mut().selection = Some(Selection { endpoint: client, conn: None });
    h.run_steps(4);
    // What the tab adds (the conversation and the inspector are other tests' business); what was sent is data.
    let data = ["srv", "cli", "\"hi\\n\""];
    let before = unlocalized(&h, None, &data);
    h.get_by_label(&tab_sequence()).click();
    wait_until(&mut h, "the ladder", |_| true);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while h.query_by_label("3 B \"hi\\n\" →").is_none() || h.query_by_label("← SYN-ACK").is_none() {
        assert!(std::time::Instant::now() < deadline, "the data arrow is never drawn");
        h.step();
    }
    h.run_steps(4);
    let added = |h: &Harness<'_, SocklabApp>| -> Vec<String> {
        unlocalized(h, None, &data).into_iter().filter(|f| !before.contains(f)).collect()
    };
    let found = added(&h);
    assert!(found.is_empty(), "text not from the catalogs in the Sequence tab:\n{}", found.join("\n"));
    // Paused: the status line says so.
    h.get_by_label(&pause()).click();
    h.run_steps(4);
    let found = added(&h);
    assert!(found.is_empty(), "text not from the catalogs in the paused Sequence tab:\n{}", found.join("\n"));
    // The presenter layout: the state, the diagram and the conversation, nothing else.
    h.get_by_label(&presenter()).click();
    h.run_steps(4);
    assert!(h.query_by_label(&socklab::app::presenter_leave()).is_some(), "the presenter layout is shown");
    let found = added(&h);
    assert!(found.is_empty(), "text not from the catalogs in the presenter layout:\n{}", found.join("\n"));
}
