//! The socket engine: real sockets on background worker threads, driven by
//! [`Command`]s and reporting [`Event`]s. Nothing in here knows about egui.

mod addr;
mod behaviour;
mod capture;
pub mod checksum;
mod chunk;
mod command;
mod encoding;
mod encoding_messages;
mod engine;
mod errors;
mod event;
mod event_text;
pub mod frame;
pub mod kernel;
mod kernel_thread;
mod lasting;
mod options;
mod outbox;
mod payload;
mod reply;
pub mod rules;
pub mod sequence;
mod spec;
pub mod template;
mod waker;
mod worker;

pub use addr::{Addr, BindScope, parse_host_port};
pub use behaviour::{BehaviourError, check_framing, check_rules};
pub use capture::CAPTURE_HEADER;
pub use chunk::Chunk;
pub use command::{Command, Target};
pub use encoding::{EncodeError, Encoding, MAX_TAIL, Piece, StreamDecoder, UnknownEncoding, escaped};
pub use encoding_messages::known_names;
pub use engine::{Engine, EngineError, Events};
pub use errors::{NetError, call_text, errno_name, explain_errno};
pub use event::{ConnId, EndpointId, Event, EventKind, OptionReport, StateSource};
pub use options::{OptValue, Phase, SockOpt, SocketClass, parse_option_setting};
pub use payload::{PayloadError, PayloadFormat, TextError, hex_string, parse_payload, parse_text_in, render_text};
pub use reply::ReplyMode;
pub use spec::{EndpointKind, EndpointSpec, OptionRequest};
pub use waker::{NoWaker, Waker};
