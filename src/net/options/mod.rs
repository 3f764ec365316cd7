//! Socket options: the table (names, phases, classes, docs, ranges), their
//! values, and applying/reading them on a socket.

mod apply;
mod table;
mod value;

pub use table::{Phase, SockOpt, SocketClass};
pub use value::OptValue;

/// Parses `NAME=VALUE` as given to `--set` (`rcvbuf=65536`, `linger=0`, `join=239.1.2.3`).
pub fn parse_option_setting(s: &str) -> Result<(SockOpt, OptValue), String> {
    let (name, value) = s.split_once('=').ok_or_else(|| crate::t!("option-setting-not-name-value", setting = s))?;
    let opt = SockOpt::from_name(name).ok_or_else(|| {
        let names: Vec<_> = SockOpt::ALL.iter().filter(|o| o.phase() != Phase::ReadOnly).map(|o| o.name()).collect();
        crate::t!("option-setting-unknown", name = name, names = names.join(", "))
    })?;
    Ok((opt, opt.parse_value(value)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_settings() {
        assert_eq!(parse_option_setting("nodelay=1").unwrap(), (SockOpt::NoDelay, OptValue::Bool(true)));
        assert_eq!(parse_option_setting("SO_RCVBUF=4096").unwrap(), (SockOpt::RcvBuf, OptValue::Int(4096)));
        assert_eq!(parse_option_setting("linger=off").unwrap(), (SockOpt::Linger, OptValue::Linger(None)));
        assert!(parse_option_setting("nodelay=maybe").unwrap_err().contains("on/off"));
        assert!(parse_option_setting("bogus=1").unwrap_err().contains("unknown option"));
        assert!(parse_option_setting("join=10.0.0.1").unwrap_err().contains("multicast"));
        assert!(parse_option_setting("type=1").unwrap_err().contains("read-only"));
    }

    #[test]
    fn refuses_what_the_kernel_type_cannot_hold() {
        // 2^32 would wrap to "on, 0 s": every close a RST.
        assert!(parse_option_setting("linger=4294967296").unwrap_err().contains("out of range"));
        assert!(parse_option_setting("linger=2147483648").unwrap_err().contains("out of range"));
        assert_eq!(parse_option_setting("linger=2147483647").unwrap().1, OptValue::Linger(Some(2147483647)));
        assert!(parse_option_setting("ttl=300").unwrap_err().contains("1 to 255"));
        assert!(parse_option_setting("ttl=0").unwrap_err().contains("out of range"));
        assert!(parse_option_setting("rcvbuf=99999999999999999999999").unwrap_err().contains("out of range"));
        assert!(parse_option_setting("rcvbuf=-1").unwrap_err().contains("out of range"));
        assert!(parse_option_setting("keepidle=40000").unwrap_err().contains("32767"));
        // Values from a file go through check().
        assert!(SockOpt::Linger.check(&OptValue::Linger(Some(1 << 32))).is_err());
        assert!(SockOpt::RcvBuf.check(&OptValue::Bool(true)).unwrap_err().contains("kind of value"));
        assert!(SockOpt::SoType.check(&OptValue::Text("x".into())).unwrap_err().contains("read-only"));
        assert!(SockOpt::Ttl.check(&OptValue::Int(64)).is_ok());
    }

    #[test]
    fn so_error_s_zero_is_worded_when_shown_not_when_read() {
        use crate::i18n::{self, Lang};
        i18n::isolate_thread();
        let zero = OptValue::Text("0".into());
        assert_eq!(zero.to_string(), "0", "what --json prints, in every language");
        i18n::set_language(Lang::ZhCn);
        assert_eq!(SockOpt::SoError.shown(&zero), "0（没有错误）");
        i18n::set_language(Lang::En);
        assert_eq!(SockOpt::SoError.shown(&zero), "0 (no error)");
        assert_eq!(SockOpt::SoError.shown(&OptValue::Text("ECONNREFUSED".into())), "ECONNREFUSED");
        assert_eq!(SockOpt::Ttl.shown(&OptValue::Int(0)), "0");
    }
}
