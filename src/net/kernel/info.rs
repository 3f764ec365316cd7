//! One TCP connection as the kernel sees it: getsockopt(TCP_INFO) and the
//! queues (ioctl SIOCINQ / SIOCOUTQ), in plain integers.

use serde::{Deserialize, Serialize};

use super::state::TcpState;

/// The kernel's `TCP_INFO` for one socket, with its queues. Fields the
/// running kernel does not fill (older than 4.9 for the delivery rate) are 0.
/// The field names are the CLI's JSON keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TcpInfo {
    pub state: TcpState,
    /// Smoothed round-trip time, µs (`tcpi_rtt`).
    pub rtt_us: u32,
    /// Its mean deviation, µs (`tcpi_rttvar`).
    pub rttvar_us: u32,
    /// Retransmission timeout, µs (`tcpi_rto`).
    pub rto_us: u32,
    /// Congestion window, in segments (`tcpi_snd_cwnd`).
    pub cwnd: u32,
    /// Slow-start threshold, in segments; [`INFINITE_SSTHRESH`] until the
    /// first loss (`tcpi_snd_ssthresh`).
    pub ssthresh: u32,
    /// Largest segment we send, bytes (`tcpi_snd_mss`).
    pub mss: u32,
    /// Segments sent and not acknowledged yet; on a listening socket, the
    /// connections waiting in the accept queue (`tcpi_unacked`).
    pub unacked: u32,
    /// Segments retransmitted over the connection's life (`tcpi_total_retrans`).
    pub retrans: u32,
    /// Bytes the peer acknowledged (`tcpi_bytes_acked`).
    pub bytes_acked: u64,
    /// Bytes received in order (`tcpi_bytes_received`).
    pub bytes_received: u64,
    /// Recent delivery rate, bytes per second (`tcpi_delivery_rate`).
    pub delivery_rate: u64,
    /// Bytes written but held back by the kernel, not sent yet: Nagle, the
    /// congestion window or the peer's window (`tcpi_notsent_bytes`).
    pub notsent_bytes: u32,
    /// Bytes received that the application has not read (SIOCINQ, `ss`'s
    /// Recv-Q); on a listening socket, the accept queue's length.
    pub recv_q: u32,
    /// Bytes not yet acknowledged by the peer, sent or not (SIOCOUTQ, `ss`'s
    /// Send-Q); on a listening socket, the accept queue's limit (backlog).
    pub send_q: u32,
}

/// The kernel's "no threshold yet" value for `ssthresh` (`TCP_INFINITE_SSTHRESH`).
pub const INFINITE_SSTHRESH: u32 = 0x7fff_ffff;

impl TcpInfo {
    /// A socket in `state` whose TCP_INFO is not known (TIME_WAIT has none):
    /// every number 0.
    pub fn unknown(state: TcpState) -> TcpInfo {
        TcpInfo {
            state,
            rtt_us: 0,
            rttvar_us: 0,
            rto_us: 0,
            cwnd: 0,
            ssthresh: 0,
            mss: 0,
            unacked: 0,
            retrans: 0,
            bytes_acked: 0,
            bytes_received: 0,
            delivery_rate: 0,
            notsent_bytes: 0,
            recv_q: 0,
            send_q: 0,
        }
    }

    /// Still in slow start: no loss has set a threshold yet.
    pub fn ssthresh_is_infinite(&self) -> bool {
        self.ssthresh >= INFINITE_SSTHRESH
    }
}

#[cfg(target_os = "linux")]
pub(crate) mod linux {
    use std::io;
    use std::os::fd::{AsFd, AsRawFd};

    use super::{TcpInfo, TcpState};
    use crate::msg;
    use crate::net::errors::NetError;

    /// getsockopt(TCP_INFO) and both queues of a TCP socket.
    pub fn read(sock: &impl AsFd) -> Result<TcpInfo, NetError> {
        let fd = sock.as_fd().as_raw_fd();
        // SAFETY: tcp_info is plain integers; all zeroes is a valid value.
        let mut raw: libc::tcp_info = unsafe { std::mem::zeroed() };
        let mut len = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
        // SAFETY: `raw` is writable for `len` bytes; the kernel writes at most that and updates `len`.
        let r = unsafe {
            libc::getsockopt(fd, libc::IPPROTO_TCP, libc::TCP_INFO, (&raw mut raw).cast::<libc::c_void>(), &mut len)
        };
        if r != 0 {
            return Err(NetError::from_io("getsockopt(TCP_INFO)", &io::Error::last_os_error()));
        }
        let mut info = convert(&raw)?;
        if info.state == TcpState::Listen {
            // The queues of a listener are its accept queue (what `ss` shows too).
            info.recv_q = raw.tcpi_unacked;
            info.send_q = raw.tcpi_sacked;
        } else {
            info.recv_q = queue(fd, libc::FIONREAD, "ioctl(SIOCINQ)")?;
            info.send_q = queue(fd, libc::TIOCOUTQ, "ioctl(SIOCOUTQ)")?;
        }
        Ok(info)
    }

    /// SIOCINQ is FIONREAD and SIOCOUTQ is TIOCOUTQ on Linux (linux/sockios.h).
    fn queue(fd: libc::c_int, request: libc::Ioctl, call: &str) -> Result<u32, NetError> {
        let mut n: libc::c_int = 0;
        // SAFETY: both requests write one int through the pointer.
        let r = unsafe { libc::ioctl(fd, request, &mut n) };
        if r != 0 {
            return Err(NetError::from_io(call, &io::Error::last_os_error()));
        }
        Ok(u32::try_from(n).unwrap_or(0))
    }

    /// The `struct tcp_info` in a sock_diag answer (INET_DIAG_INFO), which may
    /// be shorter (older kernel) or longer (newer kernel) than ours.
    pub fn from_bytes(bytes: &[u8], recv_q: u32, send_q: u32) -> Result<TcpInfo, NetError> {
        // SAFETY: as above, all zeroes is valid; then at most size_of bytes are copied in.
        let mut raw: libc::tcp_info = unsafe { std::mem::zeroed() };
        let n = bytes.len().min(std::mem::size_of::<libc::tcp_info>());
        // SAFETY: `n` fits both the source slice and the destination struct, which do not overlap.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), (&raw mut raw).cast::<u8>(), n) };
        let mut info = convert(&raw)?;
        info.recv_q = recv_q;
        info.send_q = send_q;
        Ok(info)
    }

    fn convert(raw: &libc::tcp_info) -> Result<TcpInfo, NetError> {
        let state = TcpState::from_kernel(raw.tcpi_state).ok_or_else(|| {
            NetError::said("getsockopt(TCP_INFO)", msg!("kernel-unknown-state", state = raw.tcpi_state.to_string()))
        })?;
        Ok(TcpInfo {
            state,
            rtt_us: raw.tcpi_rtt,
            rttvar_us: raw.tcpi_rttvar,
            rto_us: raw.tcpi_rto,
            cwnd: raw.tcpi_snd_cwnd,
            ssthresh: raw.tcpi_snd_ssthresh,
            mss: raw.tcpi_snd_mss,
            unacked: raw.tcpi_unacked,
            retrans: raw.tcpi_total_retrans,
            bytes_acked: raw.tcpi_bytes_acked,
            bytes_received: raw.tcpi_bytes_received,
            delivery_rate: raw.tcpi_delivery_rate,
            notsent_bytes: raw.tcpi_notsent_bytes,
            recv_q: 0,
            send_q: 0,
        })
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::linux::from_bytes;
    use super::*;

    #[test]
    fn a_short_or_empty_answer_is_read_without_panicking() {
        // Byte 0 is tcpi_state: 1 is ESTABLISHED; everything after is missing.
        let info = from_bytes(&[1], 7, 9).expect("a known state");
        assert_eq!(info.state, TcpState::Established);
        assert_eq!((info.recv_q, info.send_q, info.rtt_us), (7, 9, 0));
        assert!(from_bytes(&[], 0, 0).is_err(), "state 0 is not a TCP state");
        let long = vec![10u8; 4096];
        assert_eq!(from_bytes(&long, 0, 0).expect("LISTEN").state, TcpState::Listen);
    }

    #[test]
    fn json_has_the_cli_keys_as_integers_and_the_state_as_its_name() {
        let info = from_bytes(&[1], 3, 4).expect("known state");
        let v = serde_json::to_value(info).expect("serialise");
        assert_eq!(v["state"], "ESTABLISHED");
        for key in ["rtt_us", "rttvar_us", "cwnd", "ssthresh", "mss", "unacked", "retrans", "recv_q", "send_q"] {
            assert!(v[key].is_u64(), "{key} is not an integer in {v}");
        }
    }
}
