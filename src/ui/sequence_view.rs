//! The centre's "Sequence" tab: placeholder until drawn.
#[derive(Default)]
pub struct SequenceView;
