//! How workers tell the caller that events are waiting.

/// Wakes whoever drains the event channel (the GUI passes
/// `egui::Context::request_repaint`; the CLI and tests a no-op).
pub trait Waker: Send + Sync {
    fn wake(&self);
}

/// A [`Waker`] that does nothing, for callers that block on the channel.
pub struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}
