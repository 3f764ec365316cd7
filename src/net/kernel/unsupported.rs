//! Where there is no sock_diag: the same API, every call saying why not.

use std::net::SocketAddr;

use super::{KernelSocket, PortSide, text};
use crate::net::errors::NetError;

pub(super) fn error(call: &str) -> NetError {
    NetError::said(call, text::not_available())
}

/// Stands in for Linux's sock_diag socket: it cannot be opened.
pub struct SockDiag(());

impl SockDiag {
    pub fn open() -> Result<SockDiag, NetError> {
        Err(error("sock_diag"))
    }

    pub fn find(&mut self, _local: SocketAddr, _remote: SocketAddr) -> Result<Option<KernelSocket>, NetError> {
        Err(error("sock_diag"))
    }

    pub fn by_port(&mut self, _port: u16, _side: PortSide) -> Result<Vec<KernelSocket>, NetError> {
        Err(error("sock_diag"))
    }
}
