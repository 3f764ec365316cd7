//! Helpers: a generated Python program as a child process, the addresses it
//! prints, plain socket peers with deadlines, and the options of the
//! program's own socket read back from the kernel.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use socket2::SockRef;
use socklab::codegen::{self, Lang};
use socklab::net::{EndpointSpec, OptValue, SockOpt, parse_host_port};

use crate::support::{Proc, WAIT, python_exe};

pub fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/workspaces")
}

/// Every lesson file, sorted, so a new lesson is tested without being listed.
pub fn lesson_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(lessons_dir())
        .expect("assets/workspaces")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no lessons found");
    files
}

/// The same host on port 0 (`127.0.0.1:9000` → `127.0.0.1:0`, `[::1]:80` → `[::1]:0`).
pub fn port0(address: &str) -> String {
    let (host, _) = parse_host_port(address).expect("an IP address");
    if host.contains(':') { format!("[{host}]:0") } else { format!("{host}:0") }
}

/// A generated Python program, running; its file lives as long as it does.
pub struct Program {
    pub proc: Proc,
    pub code: String,
    _dir: Option<tempfile::TempDir>,
}

impl Program {
    pub fn start(name: &str, spec: &EndpointSpec) -> Program {
        let code = codegen::generate(name, spec, Lang::Python).unwrap_or_else(|e| panic!("generate {name}: {e}"));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("program.py");
        std::fs::write(&path, &code).expect("write the program");
        let mut cmd = Command::new(python_exe());
        cmd.arg(&path);
        Program { proc: Proc::spawn(&format!("generated {name:?}"), &mut cmd, true), code, _dir: Some(dir) }
    }

    /// A program built elsewhere (the generated Rust), run by `cmd`.
    pub fn run(name: &str, cmd: &mut Command, code: String) -> Program {
        Program { proc: Proc::spawn(name, cmd, true), code, _dir: None }
    }

    /// The rest of the next stdout line that starts with `prefix`; other lines are skipped.
    pub fn line_after(&mut self, prefix: &str) -> String {
        for _ in 0..1000 {
            let line = self.proc.line();
            if let Some(rest) = line.strip_prefix(prefix) {
                return rest.to_string();
            }
        }
        panic!("no line starting with {prefix:?}\n{}", self.proc.context());
    }

    /// The address printed after `prefix` on stdout ("listening on ", "bound to ").
    pub fn address(&mut self, prefix: &str) -> SocketAddr {
        let text = self.line_after(prefix);
        text.parse().unwrap_or_else(|_| panic!("{prefix}{text:?} is not an address\n{}", self.proc.context()))
    }

    /// Waits for the program to exit and returns its code (stderr is in the panic if it hangs).
    pub fn exit_code(&mut self) -> i32 {
        let status = self.proc.wait_exit();
        status.code().unwrap_or_else(|| panic!("killed by a signal: {status:?}\n{}", self.proc.context()))
    }
}

/// A TCP connection with a deadline on every read.
pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, WAIT).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    s.set_read_timeout(Some(WAIT)).expect("read timeout");
    s
}

/// Reads until `n` bytes have come (a timeout panics with what came).
pub fn read_exact(s: &mut impl Read, n: usize) -> Vec<u8> {
    let mut got = vec![0; n];
    let mut have = 0;
    while have < n {
        match s.read(&mut got[have..]) {
            Ok(0) => panic!("EOF after {:?}", String::from_utf8_lossy(&got[..have])),
            Ok(k) => have += k,
            Err(e) => panic!("read: {e} after {:?}", String::from_utf8_lossy(&got[..have])),
        }
    }
    got
}

/// Reads up to the peer's FIN.
pub fn read_to_end(s: &mut impl Read) -> Vec<u8> {
    let mut got = Vec::new();
    s.read_to_end(&mut got).unwrap_or_else(|e| panic!("read to end: {e} after {:?}", String::from_utf8_lossy(&got)));
    got
}

pub fn send(s: &mut impl Write, data: &[u8]) {
    s.write_all(data).unwrap_or_else(|e| panic!("send: {e}"));
}

/// How the address of a connection is printed (`127.0.0.1:5000`, `[::1]:5000`).
pub fn shown(a: SocketAddr) -> String {
    a.to_string()
}

// ---------------------------------------------------------------------------
// The program's own socket, read back from the kernel
// ---------------------------------------------------------------------------

/// A duplicate of the child's socket bound to `local` (pidfd_getfd(2), which
/// needs ptrace access to our own child: the default everywhere we run).
pub fn take_socket(pid: i32, local: SocketAddr) -> OwnedFd {
    // SAFETY: plain syscalls; every fd they return is owned exactly once.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    assert!(pidfd >= 0, "pidfd_open({pid}): {}", std::io::Error::last_os_error());
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd as i32) };
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).expect("/proc/PID/fd");
    for entry in fds.flatten() {
        let is_socket = std::fs::read_link(entry.path()).is_ok_and(|l| l.to_string_lossy().starts_with("socket:"));
        let Some(fd) = entry.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else { continue };
        if !is_socket {
            continue;
        }
        use std::os::fd::AsRawFd;
        let dup = unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) };
        assert!(
            dup >= 0,
            "pidfd_getfd: {} (this test reads the generated program's socket options from the kernel, \
             which needs ptrace access to our own child process)",
            std::io::Error::last_os_error()
        );
        let dup = unsafe { OwnedFd::from_raw_fd(dup as i32) };
        let bound = SockRef::from(&dup).local_addr().ok().and_then(|a| a.as_socket());
        if bound == Some(local) {
            return dup;
        }
    }
    panic!("process {pid} has no socket bound to {local}");
}

/// What the kernel keeps for a requested value (Linux doubles buffer sizes).
fn kept(opt: SockOpt, requested: &OptValue) -> OptValue {
    match (opt, requested) {
        (SockOpt::SndBuf | SockOpt::RcvBuf, OptValue::Int(n)) => OptValue::Int(n * 2),
        _ => requested.clone(),
    }
}

/// Checks that every option of `spec` is set on the program's socket bound to
/// `local`, reading each one back with the engine's own getters.
pub fn assert_options_set(pid: i32, local: SocketAddr, spec: &EndpointSpec) {
    let fd = take_socket(pid, local);
    let sock = SockRef::from(&fd);
    for req in &spec.options {
        let got = req.opt.get(&sock, local.is_ipv6()).unwrap_or_else(|e| panic!("getsockopt {:?}: {e}", req.opt));
        assert_eq!(got, kept(req.opt, &req.value), "{} on the generated program's socket", req.opt.c_name());
        if matches!(req.opt, SockOpt::KeepIdle | SockOpt::KeepInterval) {
            assert_eq!(SockOpt::KeepAlive.get(&sock, false).ok(), Some(OptValue::Bool(true)), "keepalive with {req:?}");
        }
    }
}

/// An option of the program's socket, as the kernel has it.
pub fn option_of(pid: i32, local: SocketAddr, opt: SockOpt) -> OptValue {
    let fd = take_socket(pid, local);
    opt.get(&SockRef::from(&fd), local.is_ipv6()).unwrap_or_else(|e| panic!("getsockopt {opt:?}: {e}"))
}

/// A deadline short enough to show that something did not happen meanwhile.
pub const QUIET: Duration = Duration::from_millis(600);
