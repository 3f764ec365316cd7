//! OS errors turned into something a student can act on: the call that
//! failed, the errno's name, and a plain-language cause with a likely fix.
//! The words live in the catalogs (`errno-EADDRINUSE` and its `.hint`) and
//! are formatted when shown, in the language of that moment.

use std::fmt;
use std::io;

use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Message};
use crate::msg;
use crate::util::FileOpError;

/// An error as an event carries it (an `io::Error` is not `Clone`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetError {
    /// The call that failed, as a tutorial would write it: `bind(127.0.0.1:9000)`.
    pub call: String,
    /// The errno name (`EADDRINUSE`), when the OS gave one.
    pub errno: Option<String>,
    /// The OS's own message, or ours when the error is not from the OS, in
    /// the language of the moment it was made (`--json` prints it).
    pub message: String,
    /// One sentence: the likely cause and what to do about it (as `message`).
    pub hint: String,
    /// What `message` says, to format again in another language.
    #[serde(default)]
    pub said: Option<Box<Message>>,
    /// What `hint` says, to format again in another language.
    #[serde(default)]
    pub why: Option<Box<Message>>,
}

impl NetError {
    pub fn from_io(call: impl Into<String>, err: &io::Error) -> NetError {
        let call = call.into();
        let code = err.raw_os_error();
        let timed_out = err.kind() == io::ErrorKind::TimedOut;
        let named = code.and_then(errno_name);
        let errno = named.or(timed_out.then_some("ETIMEDOUT")).map(str::to_string);
        let why = match code {
            Some(c) => explain_errno(c, &call),
            None if timed_out => explain_errno(libc::ETIMEDOUT, &call),
            None if call.starts_with("getaddrinfo") => Some(msg!("net-hint-resolve")),
            None => None,
        };
        let said = named.map(|name| Box::new(errno_message(name)));
        let message = match &said {
            Some(m) => m.text(),
            None => strip_os_error_suffix(&err.to_string()),
        };
        let hint = why.as_ref().map(Message::text).unwrap_or_default();
        NetError { call, errno, message, hint, said, why: why.map(Box::new) }
    }

    /// A call on a file that failed (`open(w.ron)`), named and explained as
    /// a socket call's error is.
    pub fn from_file(err: &FileOpError) -> NetError {
        NetError::from_io(err.call.clone(), &err.source)
    }

    /// An error the engine itself raises (bad state, refused option, …).
    pub fn usage(call: impl Into<String>, message: impl Into<String>) -> NetError {
        NetError { call: call.into(), errno: None, message: message.into(), hint: String::new(), said: None, why: None }
    }

    /// Like [`usage`](Self::usage), with our words from the catalogs.
    pub fn said(call: impl Into<String>, said: Message) -> NetError {
        NetError { message: said.text(), said: Some(Box::new(said)), ..NetError::usage(call, String::new()) }
    }

    /// Replaces the hint (a case the errno alone does not tell apart).
    pub fn set_hint(&mut self, why: Message) {
        self.hint = why.text();
        self.why = Some(Box::new(why));
    }

    /// The whole error, formatted when shown: `bind(…) failed: EADDRINUSE (…). hint`.
    pub fn message(&self) -> Message {
        let detail = self.said.as_deref().map_or_else(|| Arg::Text(self.message.clone()), |m| Arg::from(m.clone()));
        let error = match &self.errno {
            Some(errno) => msg!("net-failed-errno", call = self.call_arg(), errno = errno, detail = detail),
            None => msg!("net-failed", call = self.call_arg(), detail = detail),
        };
        match (&self.why, self.hint.is_empty()) {
            (Some(why), _) => msg!("net-failed-hint", error = error, hint = Message::clone(why)),
            (None, false) => msg!("net-failed-hint", error = error, hint = &self.hint),
            (None, true) => error,
        }
    }

    /// The call as shown: a C call as it is written (`bind(127.0.0.1:80)`);
    /// the steps socklab names itself (parsing an address, its rules …) in
    /// the language it is shown in. `call` stays the identifier code matches on.
    pub fn call_arg(&self) -> Arg {
        call_arg(&self.call)
    }

    /// [`call_arg`](Self::call_arg) as text in the current language.
    pub fn call_text(&self) -> String {
        call_text(&self.call)
    }

    /// The hint in the current language ("" when there is none).
    pub fn hint_text(&self) -> String {
        self.why.as_ref().map_or_else(|| self.hint.clone(), |m| m.text())
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text())
    }
}

/// Rust appends " (os error 98)"; the errno name says it better.
fn strip_os_error_suffix(s: &str) -> String {
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// A failed call's name as a message argument: a C call (`bind(…)`) as it
/// is; socklab's own steps ("parse address", "rules" …) in words.
pub fn call_arg(call: &str) -> Arg {
    match call {
        "parse address" => msg!("net-call-parse-address").into(),
        "rules" => msg!("net-call-rules").into(),
        "sequence" => msg!("net-call-sequence").into(),
        "command" => msg!("net-call-command").into(),
        call => Arg::Text(call.to_string()),
    }
}

/// [`call_arg`] as text in the current language (the sequence diagram's error rows).
pub fn call_text(call: &str) -> String {
    match call_arg(call) {
        Arg::Message(m) => m.text(),
        Arg::Text(t) | Arg::Number(t) => t,
    }
}

/// The symbolic name of an errno value, for the errors sockets produce.
pub fn errno_name(code: i32) -> Option<&'static str> {
    use libc::*;
    Some(match code {
        EADDRINUSE => "EADDRINUSE",
        EADDRNOTAVAIL => "EADDRNOTAVAIL",
        ECONNREFUSED => "ECONNREFUSED",
        EACCES => "EACCES",
        EPERM => "EPERM",
        ETIMEDOUT => "ETIMEDOUT",
        ECONNRESET => "ECONNRESET",
        ECONNABORTED => "ECONNABORTED",
        EPIPE => "EPIPE",
        EMFILE => "EMFILE",
        ENFILE => "ENFILE",
        ENOBUFS => "ENOBUFS",
        ENOMEM => "ENOMEM",
        EHOSTUNREACH => "EHOSTUNREACH",
        ENETUNREACH => "ENETUNREACH",
        ENETDOWN => "ENETDOWN",
        EINVAL => "EINVAL",
        ENOENT => "ENOENT",
        ENOTCONN => "ENOTCONN",
        EISCONN => "EISCONN",
        EAFNOSUPPORT => "EAFNOSUPPORT",
        EPROTONOSUPPORT => "EPROTONOSUPPORT",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOPROTOOPT => "ENOPROTOOPT",
        EMSGSIZE => "EMSGSIZE",
        EDESTADDRREQ => "EDESTADDRREQ",
        EINPROGRESS => "EINPROGRESS",
        EALREADY => "EALREADY",
        ENOTSOCK => "ENOTSOCK",
        EBADF => "EBADF",
        EINTR => "EINTR",
        EAGAIN => "EAGAIN",
        ENOTDIR => "ENOTDIR",
        EROFS => "EROFS",
        ENAMETOOLONG => "ENAMETOOLONG",
        EISDIR => "EISDIR",
        EEXIST => "EEXIST",
        ENOSPC => "ENOSPC",
        EDQUOT => "EDQUOT",
        ELOOP => "ELOOP",
        EIO => "EIO",
        EFBIG => "EFBIG",
        EXDEV => "EXDEV",
        EBUSY => "EBUSY",
        _ => return None,
    })
}

/// The catalog message that names this errno (`errno-EADDRINUSE`).
fn errno_message(name: &str) -> Message {
    Message::new(format!("errno-{name}"))
}

/// Why this errno happens and what usually fixes it (`errno-….hint`).
/// `call` lets the same errno read right for bind, connect or send.
pub fn explain_errno(code: i32, call: &str) -> Option<Message> {
    let name = errno_name(code)?;
    Some(Message::new(format!("errno-{name}.hint")).arg("call", call_kind(call)))
}

/// The kinds of call the catalogs' hints tell apart (`$call`): the socket
/// calls, and `file` for the calls on a file or folder.
fn call_kind(call: &str) -> &'static str {
    const KINDS: [(&str, &str); 15] = [
        ("setsockopt", "setsockopt"),
        ("send", "send"),
        ("recv", "recv"),
        ("bind", "bind"),
        ("connect", "connect"),
        ("open", "file"),
        ("read", "file"),
        ("write", "file"),
        ("fstat", "file"),
        ("stat", "file"),
        ("fsync", "file"),
        ("fchmod", "file"),
        ("rename", "file"),
        ("realpath", "file"),
        ("mkdir", "file"),
    ];
    KINDS.iter().find(|(prefix, _)| call.starts_with(prefix)).map_or("other", |(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, has};

    /// Every errno the engine can name (Linux numbers them below 200).
    fn named() -> impl Iterator<Item = (i32, &'static str)> {
        (1..200).filter_map(|code| errno_name(code).map(|name| (code, name)))
    }

    #[test]
    fn names_and_explains_addr_in_use() {
        let err = io::Error::from_raw_os_error(libc::EADDRINUSE);
        let e = NetError::from_io("bind(127.0.0.1:9000)", &err);
        assert_eq!(e.errno.as_deref(), Some("EADDRINUSE"));
        assert!(e.hint.contains("SO_REUSEADDR"));
        let text = e.to_string();
        assert!(text.starts_with("bind(127.0.0.1:9000) failed: EADDRINUSE (Address already in use)"), "{text}");
        assert!(!text.contains("os error"));
    }

    #[test]
    fn connect_refused_reads_right() {
        let e = NetError::from_io("connect(127.0.0.1:1)", &io::Error::from_raw_os_error(libc::ECONNREFUSED));
        assert!(e.hint.contains("Nothing is listening"));
        let udp = NetError::from_io("recvfrom", &io::Error::from_raw_os_error(libc::ECONNREFUSED));
        assert!(udp.hint.contains("ICMP port unreachable"), "{udp}");
        let out = NetError::from_io("connect(127.0.0.1:1)", &io::Error::from_raw_os_error(libc::EADDRINUSE));
        assert!(out.hint.contains("No free local port"), "{out}");
    }

    #[test]
    fn every_errno_has_its_words_and_hint_in_the_catalogs() {
        let missing: Vec<String> = named()
            .flat_map(|(_, name)| [format!("errno-{name}"), format!("errno-{name}.hint")])
            .filter(|id| !has(id))
            .collect();
        assert!(missing.is_empty(), "not in the catalogs: {missing:?}");
    }

    /// The English words are the OS's own, so English output is what it always was.
    #[test]
    fn english_errno_words_are_the_oses() {
        for (code, name) in named() {
            let os = strip_os_error_suffix(&io::Error::from_raw_os_error(code).to_string());
            assert_eq!(errno_message(name).text_in(Lang::En), os, "{name}");
        }
    }

    #[test]
    fn formats_again_in_the_language_it_is_shown_in() {
        let e = NetError::from_io("bind(127.0.0.1:80)", &io::Error::from_raw_os_error(libc::EACCES));
        let zh = e.message().text_in(Lang::ZhCn);
        assert!(zh.starts_with("bind(127.0.0.1:80) 失败：EACCES（权限不够）。"), "{zh}");
        assert!(zh.contains("1024"), "the bind variant of the hint: {zh}");
        let en = e.message().text_in(Lang::En);
        assert!(en.contains("administrator rights"), "{en}");
        assert!(!zh.contains(crate::i18n::MISSING.0) && !en.contains(crate::i18n::MISSING.0));
    }

    #[test]
    fn a_replaced_hint_follows_the_language_too() {
        let mut e = NetError::from_io("bind(/tmp/s)", &io::Error::from_raw_os_error(libc::EADDRINUSE));
        e.set_hint(msg!("net-hint-unix-file-exists"));
        assert!(e.to_string().ends_with(
            "A file already exists at this path: if no server uses it any more, delete it and start again."
        ));
        assert!(e.message().text_in(Lang::ZhCn).contains("已经有一个文件"));
    }

    #[test]
    fn a_file_call_names_its_errno_and_a_fix_for_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/dir/ladder.svg");
        let err = crate::util::write_atomic(&target, b"x").unwrap_err();
        let e = NetError::from_file(&err);
        let en = e.message().text_in(Lang::En);
        assert!(en.starts_with(&format!("open({}/.socklab-save-", target.parent().unwrap().display())), "{en}");
        assert!(en.contains("failed: ENOENT (No such file or directory). Nothing has this name"), "{en}");
        let zh = e.message().text_in(Lang::ZhCn);
        assert!(zh.contains("失败：ENOENT（没有那个文件或目录）。没有叫这个名字的文件或目录"), "{zh}");
        let folder = FileOpError::on("read", dir.path(), io::Error::from_raw_os_error(libc::EISDIR));
        let text = NetError::from_file(&folder).message().text_in(Lang::En);
        assert!(
            text.ends_with("failed: EISDIR (Is a directory). This is a folder, not a file: pick a file inside it.")
        );
        // The same errno on a socket keeps its socket hint.
        let unix = NetError::from_io("connect(/tmp/s.sock)", &io::Error::from_raw_os_error(libc::ENOENT));
        assert!(unix.hint.contains("Unix socket"), "{unix}");
    }

    #[test]
    fn socklab_s_own_steps_are_named_in_the_language_shown() {
        let e = NetError::usage("parse address", "x");
        assert_eq!(e.message().text_in(Lang::En), "parse address failed: x");
        assert_eq!(e.message().text_in(Lang::ZhCn), "解析地址 失败：x");
        assert_eq!(e.call, "parse address", "what code matches on stays the same");
    }
}
