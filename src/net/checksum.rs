//! Checksums a device protocol appends to its frames: CRC-16/MODBUS,
//! CRC-16/CCITT-FALSE, CRC-32, sum-8 and XOR-8, appended to a payload or
//! checked at the end of a received frame.
//!
//! "CRC-16/CCITT" names several algorithms. We use the catalogue's
//! CRC-16/IBM-3740 (poly 0x1021, init 0xFFFF, not reflected; check 0x29B1),
//! the one device manuals and online calculators mean by "CRC-CCITT" and that
//! the catalogue lists as CRC-16/CCITT-FALSE. (The catalogue's own alias
//! "CRC-16/CCITT" is CRC-16/KERMIT, init 0 and reflected, check 0x2189: the
//! label in the UI therefore says CCITT-FALSE, not plain CCITT.)

use std::fmt;

use crc::{CRC_16_IBM_3740, CRC_16_MODBUS, CRC_32_ISO_HDLC, Crc};
use serde::{Deserialize, Serialize};

const MODBUS: Crc<u16> = Crc::<u16>::new(&CRC_16_MODBUS);
const CCITT_FALSE: Crc<u16> = Crc::<u16>::new(&CRC_16_IBM_3740);
const CRC32: Crc<u32> = Crc::<u32>::new(&CRC_32_ISO_HDLC);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Checksum {
    /// CRC-16/MODBUS: poly 0x8005 reflected, init 0xFFFF. Sent low byte first.
    Crc16Modbus,
    /// CRC-16/IBM-3740, better known as CRC-16/CCITT-FALSE. Sent high byte first.
    Crc16CcittFalse,
    /// CRC-32/ISO-HDLC, the zlib/Ethernet/PNG CRC-32. Sent high byte first.
    Crc32,
    /// The sum of all bytes, modulo 256.
    Sum8,
    /// All bytes XORed together (a longitudinal parity byte).
    Xor8,
}

/// How a multi-byte checksum is laid out on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ByteOrder {
    /// Most significant byte first (network order).
    Big,
    /// Least significant byte first (Modbus RTU, most x86 structs).
    Little,
}

impl Checksum {
    pub const ALL: [Checksum; 5] =
        [Checksum::Crc16Modbus, Checksum::Crc16CcittFalse, Checksum::Crc32, Checksum::Sum8, Checksum::Xor8];

    /// The catalogue name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Checksum::Crc16Modbus => "CRC-16/MODBUS",
            Checksum::Crc16CcittFalse => "CRC-16/CCITT-FALSE (IBM-3740)",
            Checksum::Crc32 => "CRC-32",
            Checksum::Sum8 => "sum-8",
            Checksum::Xor8 => "XOR-8",
        }
    }

    /// The name in templates (`${crc16}`) and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Checksum::Crc16Modbus => "crc16",
            Checksum::Crc16CcittFalse => "crc16-ccitt",
            Checksum::Crc32 => "crc32",
            Checksum::Sum8 => "sum8",
            Checksum::Xor8 => "xor8",
        }
    }

    pub fn from_name(name: &str) -> Option<Checksum> {
        match name {
            "crc16-modbus" => Some(Checksum::Crc16Modbus),
            _ => Checksum::ALL.into_iter().find(|c| c.name() == name),
        }
    }

    /// How many bytes the checksum takes on the wire.
    pub fn width(self) -> usize {
        match self {
            Checksum::Crc16Modbus | Checksum::Crc16CcittFalse => 2,
            Checksum::Crc32 => 4,
            Checksum::Sum8 | Checksum::Xor8 => 1,
        }
    }

    /// The order the protocols that use it send it in: Modbus RTU sends its
    /// CRC low byte first; the others are conventionally sent big-endian.
    pub fn usual_order(self) -> ByteOrder {
        match self {
            Checksum::Crc16Modbus => ByteOrder::Little,
            _ => ByteOrder::Big,
        }
    }

    pub fn value(self, data: &[u8]) -> u32 {
        match self {
            Checksum::Crc16Modbus => MODBUS.checksum(data).into(),
            Checksum::Crc16CcittFalse => CCITT_FALSE.checksum(data).into(),
            Checksum::Crc32 => CRC32.checksum(data),
            Checksum::Sum8 => data.iter().fold(0u8, |a, &b| a.wrapping_add(b)).into(),
            Checksum::Xor8 => data.iter().fold(0u8, |a, &b| a ^ b).into(),
        }
    }

    /// The checksum of `data` as the bytes that go on the wire.
    pub fn bytes(self, data: &[u8], order: ByteOrder) -> Vec<u8> {
        let value = self.value(data);
        let be = value.to_be_bytes();
        let mut out = be[4 - self.width()..].to_vec();
        if order == ByteOrder::Little {
            out.reverse();
        }
        out
    }

    /// Appends the checksum of everything in `payload` to it.
    pub fn append(self, payload: &mut Vec<u8>, order: ByteOrder) {
        let sum = self.bytes(payload, order);
        payload.extend_from_slice(&sum);
    }

    /// Checks a received frame whose last bytes are this checksum of the rest.
    pub fn check(self, frame: &[u8], order: ByteOrder) -> Verdict {
        let w = self.width();
        if frame.len() < w {
            return Verdict::TooShort { len: frame.len(), width: w };
        }
        let (data, tail) = frame.split_at(frame.len() - w);
        let expected = self.bytes(data, order);
        if tail == expected.as_slice() { Verdict::Valid } else { Verdict::Invalid { found: tail.to_vec(), expected } }
    }
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl ByteOrder {
    pub fn name(self) -> &'static str {
        match self {
            ByteOrder::Big => "be",
            ByteOrder::Little => "le",
        }
    }

    pub fn from_name(name: &str) -> Option<ByteOrder> {
        match name {
            "be" => Some(ByteOrder::Big),
            "le" => Some(ByteOrder::Little),
            _ => None,
        }
    }
}

/// Whether a frame's trailing checksum is right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid { found: Vec<u8>, expected: Vec<u8> },
    TooShort { len: usize, width: usize },
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::net::payload::hex_string;
        match self {
            Verdict::Valid => f.write_str("checksum valid"),
            Verdict::Invalid { found, expected } => {
                write!(
                    f,
                    "checksum wrong: the frame ends with {}, its data gives {}",
                    hex_string(found),
                    hex_string(expected)
                )
            }
            Verdict::TooShort { len, width } => {
                write!(f, "no checksum: the frame has {len} bytes, the checksum alone takes {width}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECK: &[u8] = b"123456789";

    /// The catalogue's published check values (the checksum of "123456789").
    #[test]
    fn published_check_values() {
        assert_eq!(Checksum::Crc16Modbus.value(CHECK), 0x4B37);
        assert_eq!(Checksum::Crc16CcittFalse.value(CHECK), 0x29B1);
        assert_eq!(Checksum::Crc32.value(CHECK), 0xCBF4_3926);
        // 0x31 + … + 0x39 = 477 = 0x1DD; XOR of the digits 1..9 is 0x31.
        assert_eq!(Checksum::Sum8.value(CHECK), 0xDD);
        assert_eq!(Checksum::Xor8.value(CHECK), 0x31);
    }

    #[test]
    fn append_in_the_stated_byte_order() {
        let mut p = CHECK.to_vec();
        Checksum::Crc16Modbus.append(&mut p, ByteOrder::Little);
        assert_eq!(&p[9..], &[0x37, 0x4B]);
        let mut p = CHECK.to_vec();
        Checksum::Crc32.append(&mut p, ByteOrder::Big);
        assert_eq!(&p[9..], &[0xCB, 0xF4, 0x39, 0x26]);
        assert_eq!(Checksum::Crc32.bytes(CHECK, ByteOrder::Little), vec![0x26, 0x39, 0xF4, 0xCB]);
        assert_eq!(Checksum::Sum8.bytes(CHECK, ByteOrder::Little), vec![0xDD]);
    }

    /// A real Modbus RTU request: read 1 holding register at 0 from slave 1.
    #[test]
    fn modbus_rtu_frame_checks() {
        let frame = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A];
        assert_eq!(Checksum::Crc16Modbus.check(&frame, ByteOrder::Little), Verdict::Valid);
        let mut bad = frame;
        bad[2] = 0x01;
        assert!(matches!(Checksum::Crc16Modbus.check(&bad, ByteOrder::Little), Verdict::Invalid { .. }));
        assert_eq!(Checksum::Crc32.check(&[1, 2], ByteOrder::Big), Verdict::TooShort { len: 2, width: 4 });
        assert_eq!(Checksum::Xor8.check(&[], ByteOrder::Big), Verdict::TooShort { len: 0, width: 1 });
    }

    /// The published check values as trailing bytes, then one byte changed.
    #[test]
    fn check_values_at_the_end_of_a_frame_are_valid_and_a_changed_byte_is_caught() {
        let cases: [(Checksum, &[u8]); 5] = [
            (Checksum::Crc16Modbus, &[0x37, 0x4B]),
            (Checksum::Crc16CcittFalse, &[0x29, 0xB1]),
            (Checksum::Crc32, &[0xCB, 0xF4, 0x39, 0x26]),
            (Checksum::Sum8, &[0xDD]),
            (Checksum::Xor8, &[0x31]),
        ];
        for (c, tail) in cases {
            let mut frame = CHECK.to_vec();
            frame.extend_from_slice(tail);
            assert_eq!(c.check(&frame, c.usual_order()), Verdict::Valid, "{c}");
            frame[4] ^= 0x01;
            match c.check(&frame, c.usual_order()) {
                Verdict::Invalid { found, expected } => {
                    assert_eq!(found, tail, "{c}");
                    assert_ne!(expected, tail, "{c}");
                    assert_eq!(expected, c.bytes(&frame[..9], c.usual_order()), "{c}");
                }
                other => panic!("{c}: {other:?}"),
            }
        }
        // The wrong byte order is a mismatch too: 4b 37 is not 37 4b.
        let frame = [CHECK, &[0x4B, 0x37][..]].concat();
        assert_eq!(
            Checksum::Crc16Modbus.check(&frame, ByteOrder::Little),
            Verdict::Invalid { found: vec![0x4B, 0x37], expected: vec![0x37, 0x4B] }
        );
        assert_eq!(Checksum::Crc16Modbus.check(&frame, ByteOrder::Big), Verdict::Valid);
        assert_eq!(Checksum::Crc16Modbus.check(&[0x37], ByteOrder::Little), Verdict::TooShort { len: 1, width: 2 });
    }

    #[test]
    fn every_checksum_round_trips_through_append_and_check() {
        for c in Checksum::ALL {
            for order in [ByteOrder::Big, ByteOrder::Little] {
                let mut p = b"\x02hello\x03".to_vec();
                c.append(&mut p, order);
                assert_eq!(p.len(), 7 + c.width());
                assert_eq!(c.check(&p, order), Verdict::Valid, "{c} {order:?}");
            }
            assert_eq!(Checksum::from_name(c.name()), Some(c));
        }
        assert_eq!(Checksum::from_name("crc16-modbus"), Some(Checksum::Crc16Modbus));
        assert_eq!(Checksum::from_name("crc8"), None);
    }
}
