//! The panels. Each draws from the model and its own view state, and asks for
//! changes by pushing [`Action`]s, which the app applies in one place.

pub mod code;
pub mod composer;
pub mod conversation;
pub mod dock;
pub mod endpoints;
pub mod event_log;
pub mod file_picker;
pub mod fonts;
pub mod inspector;
pub mod lab;
pub mod lesson;
pub mod new_endpoint;
pub mod option_table;
pub mod rules_editor;
pub mod style;
pub mod welcome;

use std::path::PathBuf;

use crate::net::{Command, ConnId, EndpointId, EndpointKind, EndpointSpec, Target};

/// What the user picked: an endpoint and, for a server, one connection or all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub endpoint: EndpointId,
    pub conn: Option<ConnId>,
}

/// A change a panel asks for; applied by the app at the end of the frame.
#[derive(Debug)]
pub enum Action {
    Open {
        name: String,
        spec: EndpointSpec,
    },
    Engine(Command),
    /// New framing and rules for an endpoint (checked already): kept in its
    /// spec (and workspace) and, when it runs, sent to its worker.
    SetBehaviour {
        endpoint: EndpointId,
        frame: crate::net::frame::FrameSpec,
        rules: Vec<crate::net::rules::Rule>,
    },
    /// The text encoding of an endpoint's composer and conversation: kept in its spec (and workspace).
    SetEncoding {
        endpoint: EndpointId,
        encoding: crate::net::Encoding,
    },
    Select(Selection),
    ShowForm(EndpointKind),
    /// The new-endpoint form was closed (started, cancelled or its window closed).
    CloseForm,
    PopOut(EndpointId),
    PopIn(EndpointId),
    /// Remove a closed endpoint from the list.
    Forget(EndpointId),
    /// Ask for a file to send (dialog off the UI thread).
    PickFile {
        endpoint: EndpointId,
    },
    SendFile {
        endpoint: EndpointId,
        target: Target,
        path: PathBuf,
    },
    /// Start a listed endpoint that is not running (not started, or closed).
    Start(EndpointId),
    /// Start it again at another address (after EADDRINUSE: port 0, a free one).
    StartOn {
        endpoint: EndpointId,
        address: String,
    },
    /// Start (asks where) or stop recording every byte to a file.
    Record {
        endpoint: EndpointId,
        on: bool,
    },
    Export {
        endpoint: EndpointId,
        format: crate::model::ExportFormat,
    },
    SaveMessage(crate::workspace::SavedMessage),
    RemoveMessage(usize),
    /// Show (or close) the open workspace's lesson in the centre.
    ShowLesson(bool),
    /// The in-app file picker wants this folder listed.
    ListFolder(PathBuf),
    /// The in-app file picker's answer: do what the dialog was for.
    FileChosen {
        request: file_picker::FileRequest,
        path: PathBuf,
    },
    ClosePicker,
    /// Open a lab file: its workspace (asks first about unsaved changes) and its panel.
    OpenLab(PathBuf),
    /// Pass over the lab's current step.
    LabSkip,
    /// Back to the lab's first step.
    LabRestart,
    /// Close the lab panel (the workspace stays).
    CloseLab,

    // The File menu, its shortcuts and the questions they may ask.
    /// Start an empty workspace (asks first about unsaved changes).
    NewWorkspace,
    /// Open this workspace file, or ask which (asks first about unsaved changes).
    OpenWorkspace(Option<PathBuf>),
    /// Save to the workspace's file, or ask where when it has none or `ask_where`.
    SaveWorkspace {
        ask_where: bool,
    },
    /// Close the window (asks first about unsaved changes).
    Quit,
    /// The answer to "save the unsaved changes?".
    Unsaved(UnsavedAnswer),
    /// The answer to "these endpoints would be reachable from the network".
    Exposed(ExposedAnswer),
    DismissNotice,

    // The View menu.
    SetDark(bool),
    /// Every text switches at once; the settings remember the choice.
    SetLanguage(crate::i18n::Lang),
    ShowLog(bool),
    ShowInspector(bool),
    /// The whole UI's zoom factor (1.0 = 100 %).
    Zoom(f32),
}

/// The answers to the unsaved-changes question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
    /// Save, then go on with what was asked.
    Save,
    /// Go on and lose the changes.
    Discard,
    /// Do nothing.
    Cancel,
}

/// The answers when an opened workspace would listen beyond this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExposedAnswer {
    StartAnyway,
    /// Rewrite those addresses to the loopback of their family (port kept), then start.
    Loopback,
    /// Start the others; list these idle.
    DontStart,
}
