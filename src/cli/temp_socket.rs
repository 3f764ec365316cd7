//! `connect unix-dgram`'s reply address: a socket file in a directory of its
//! own, created for this run and removed with it on every way out (done,
//! failed, Ctrl+C, SIGTERM), so no `/tmp/socklab-….sock` is left behind and
//! no other user's file at a guessable name is ever bound or deleted.

use std::fs::{self, DirBuilder};
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::PathBuf;

use crate::util::FileOpError;

pub struct TempSocket {
    dir: PathBuf,
    pub path: PathBuf,
}

impl TempSocket {
    /// Creates `$TMPDIR/socklab-PID-N/` (mode 0700); the socket is `reply.sock` in it.
    /// When every name is taken, the last mkdir's EEXIST says so.
    pub fn create() -> Result<TempSocket, FileOpError> {
        let base = std::env::temp_dir();
        let mut last = FileOpError::on("mkdir", &base, io::Error::from_raw_os_error(libc::EEXIST));
        for n in 0..100 {
            let dir = base.join(format!("socklab-{}-{n}", std::process::id()));
            match DirBuilder::new().mode(0o700).create(&dir) {
                Ok(()) => return Ok(TempSocket { path: dir.join("reply.sock"), dir }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = FileOpError::on("mkdir", &dir, e),
                Err(e) => return Err(FileOpError::on("mkdir", &dir, e)),
            }
        }
        Err(last)
    }

    pub fn path_string(&self) -> String {
        self.path.display().to_string()
    }
}

impl Drop for TempSocket {
    fn drop(&mut self) {
        // The engine removes the socket file when it closes; this is the
        // backstop for every other way out.
        let _ = fs::remove_file(&self.path);
        let _ = fs::remove_dir(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_goes_with_what_is_in_it() {
        let t = TempSocket::create().expect("temp dir");
        let dir = t.dir.clone();
        assert!(dir.is_dir());
        fs::write(&t.path, b"x").expect("a file where the socket goes");
        let second = TempSocket::create().expect("a second one");
        assert_ne!(second.dir, dir);
        drop(t);
        assert!(!dir.exists());
    }
}
