//! The inspector marks loss counts that a burst may still change, and drops
//! the mark when the worker reports them settled (the socket went quiet).

use std::time::SystemTime;

use egui_kittest::kittest::Queryable as _;
use socklab::model::Status;
use socklab::net::{EndpointKind, EndpointSpec, Event, EventKind};
use socklab::ui::inspector::still_counting;

use super::{harness, wait_until};

#[test]
fn loss_counts_are_marked_until_they_settle() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
    let id = h.state_mut().open_endpoint(&ctx, "burst", spec);
    wait_until(&mut h, "the socket to bind", |a| a.model.endpoints.get(&id).is_some_and(|e| e.status == Status::Bound));
    assert!(h.query_by_label(&still_counting()).is_none(), "nothing counted yet");

    // What the worker reports during a burst, then once the socket is quiet.
    let loss = |settled| Event {
        time: SystemTime::now(),
        endpoint: id,
        kind: EventKind::Loss { engine_dropped: 0, kernel_dropped: Some(41_097), echo_dropped: 0, settled },
    };
    h.state_mut().model.apply(loss(false));
    h.run_steps(2);
    assert!(h.query_by_label("datagrams lost: 0 by socklab, 41,097 by the kernel").is_some());
    assert!(h.query_by_label(&still_counting()).is_some(), "marked while the burst may add to it");
    h.state_mut().model.apply(loss(true));
    h.run_steps(2);
    assert!(h.query_by_label(&still_counting()).is_none(), "settled: the mark goes");
}

#[test]
fn echoes_the_send_buffer_could_not_take_are_counted_in_the_inspector() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let spec = EndpointSpec::new(EndpointKind::Udp, "127.0.0.1:0");
    let id = h.state_mut().open_endpoint(&ctx, "echo", spec);
    wait_until(&mut h, "the socket to bind", |a| a.model.endpoints.get(&id).is_some_and(|e| e.status == Status::Bound));
    let text = "echoes not sent: 1,234 (the send buffer was full)";
    assert!(h.query_by_label(text).is_none(), "nothing dropped yet");
    let kind = EventKind::Loss { engine_dropped: 0, kernel_dropped: None, echo_dropped: 1234, settled: true };
    h.state_mut().model.apply(Event { time: SystemTime::now(), endpoint: id, kind });
    h.run_steps(2);
    assert!(h.query_by_label(text).is_some(), "the dropped echoes are shown");
}
