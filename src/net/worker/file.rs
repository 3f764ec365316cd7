//! A file being sent: read piece by piece as the socket takes it, so a large
//! file never sits in memory whole. Stream connections read big pieces into
//! their send queue; datagram sockets send one datagram per piece.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::interrupted;
use crate::net::errors::NetError;
use crate::net::event::{ConnId, EventKind};

pub(crate) struct FileSend {
    file: File,
    /// Bytes read from the file so far (queued or sent).
    pub read: u64,
    /// The file's size when it was opened.
    pub total: u64,
}

impl FileSend {
    pub fn open(path: &Path) -> Result<FileSend, NetError> {
        let opened = File::open(path).and_then(|file| {
            let meta = file.metadata()?;
            if !meta.is_file() {
                return Err(std::io::Error::from_raw_os_error(libc::EISDIR));
            }
            Ok(FileSend { total: meta.len(), file, read: 0 })
        });
        opened.map_err(|e| NetError::from_io(format!("open({})", path.display()), &e))
    }

    /// The next piece of at most `max` bytes; `None` once the file has ended.
    pub fn next(&mut self, max: usize) -> Result<Option<Vec<u8>>, NetError> {
        let mut piece = vec![0u8; max];
        loop {
            match self.file.read(&mut piece) {
                Ok(0) => return Ok(None),
                Ok(n) => {
                    piece.truncate(n);
                    self.read += n as u64;
                    return Ok(Some(piece));
                }
                Err(e) if interrupted(&e) => {}
                Err(e) => return Err(NetError::from_io("read(file)", &e)),
            }
        }
    }

    /// How far it is, as an event (a file that grew while sent counts its real size).
    pub fn progress(&self, conn: ConnId) -> EventKind {
        EventKind::FileProgress { conn, sent: self.read, total: self.total.max(self.read) }
    }
}
