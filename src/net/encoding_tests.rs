//! Encoding tests with real bytes (the reference values are what Python's
//! codecs produce for the same text).

use super::*;

fn text(s: &str) -> Piece {
    Piece::Text(s.into())
}

fn bytes(b: &[u8]) -> Piece {
    Piece::Bytes(b.to_vec())
}

/// Pieces with neighbours of the same kind joined, as a view would show them.
fn joined(pieces: impl IntoIterator<Item = Piece>) -> Vec<Piece> {
    let mut out = Pieces::default();
    for p in pieces {
        match p {
            Piece::Text(t) => out.text(&t),
            Piece::Bytes(b) => out.bytes(&b),
        }
    }
    out.0
}

#[test]
fn names_a_person_types_are_understood() {
    let cases = [
        ("utf-8", Encoding::Utf8),
        ("UTF8", Encoding::Utf8),
        (" gbk ", Encoding::Gbk),
        ("GB18030", Encoding::Gb18030),
        ("big5", Encoding::Big5),
        ("Shift_JIS", Encoding::ShiftJis),
        ("sjis", Encoding::ShiftJis),
        ("latin-1", Encoding::Latin1),
        ("ISO-8859-1", Encoding::Latin1),
    ];
    for (name, enc) in cases {
        assert_eq!(name.parse::<Encoding>(), Ok(enc), "{name}");
    }
    for enc in Encoding::ALL {
        assert_eq!(enc.name().parse::<Encoding>(), Ok(enc), "the canonical name reads back");
    }
    let err = "gb2312x".parse::<Encoding>().expect_err("unknown");
    assert_eq!(
        err.to_string(),
        "unknown encoding 'gb2312x': use one of utf-8, gbk, gb18030, big5, shift_jis (sjis), latin-1"
    );
}

#[test]
fn encodings_are_saved_by_variant_name() {
    let ron = ron::to_string(&Encoding::ShiftJis).expect("serialise");
    assert_eq!(ron, "ShiftJis");
    assert_eq!(ron::from_str::<Encoding>("Gbk").expect("parse"), Encoding::Gbk);
}

#[test]
fn chinese_and_japanese_text_gives_the_bytes_python_gives() {
    let cases: [(Encoding, &str, &[u8]); 6] = [
        (Encoding::Gbk, "你好", &[0xC4, 0xE3, 0xBA, 0xC3]),
        (Encoding::Gb18030, "你好", &[0xC4, 0xE3, 0xBA, 0xC3]),
        (Encoding::Gb18030, "😀", &[0x94, 0x39, 0xFC, 0x36]),
        (Encoding::Big5, "你好", &[0xA7, 0x41, 0xA6, 0x6E]),
        (Encoding::ShiftJis, "こんにちは", &[0x82, 0xB1, 0x82, 0xF1, 0x82, 0xC9, 0x82, 0xBF, 0x82, 0xCD]),
        (Encoding::Latin1, "café", &[0x63, 0x61, 0x66, 0xE9]),
    ];
    for (enc, s, want) in cases {
        assert_eq!(enc.encode(s).as_deref(), Ok(want), "{enc} encodes {s}");
        assert_eq!(enc.decode(want), vec![text(s)], "{enc} decodes {want:02x?}");
    }
    assert_eq!(Encoding::Utf8.encode("你好"), Ok("你好".as_bytes().to_vec()));
}

#[test]
fn a_character_the_encoding_lacks_is_refused_with_its_position() {
    let err = Encoding::Gbk.encode("hi 你😀!").expect_err("GBK has no emoji");
    assert_eq!((err.character, err.index, err.byte), ('😀', 4, 6));
    assert_eq!(
        err.to_string(),
        "character 5 '😀' (U+1F600) cannot be written in GBK: nothing was sent. Remove it, or choose UTF-8 or GB18030, which hold every character"
    );
    let err = Encoding::Latin1.encode("naïve €5").expect_err("Latin-1 has no euro");
    assert_eq!((err.character, err.index, err.byte), ('€', 6, 7));
    let err = Encoding::ShiftJis.encode("你好").expect_err("Shift_JIS lacks 你");
    assert_eq!((err.character, err.index), ('你', 0));
    let err = Encoding::Big5.encode("ok 简").expect_err("Big5 has traditional characters only");
    assert_eq!((err.character, err.index), ('简', 3));
    // Nothing is half-written into a payload being built.
    let mut out = b"\x01".to_vec();
    assert!(Encoding::Gbk.encode_into("你😀", &mut out).is_err());
    assert_eq!(out, b"\x01");
    Encoding::Gbk.encode_into("你", &mut out).expect("GBK has 你");
    assert_eq!(out, [0x01, 0xC4, 0xE3]);
}

#[test]
fn latin1_is_iso_8859_1_one_byte_per_code_point() {
    let all: Vec<u8> = (0..=255).collect();
    let want: String = (0..=255u8).map(char::from).collect();
    assert_eq!(Encoding::Latin1.decode(&all), vec![text(&want)], "0x80..0x9F stay U+0080..U+009F, not windows-1252");
    assert_eq!(Encoding::Latin1.encode(&want), Ok(all));
}

#[test]
fn bytes_that_do_not_decode_stay_bytes() {
    assert_eq!(Encoding::Utf8.decode(b"ok\xff\xfeok"), vec![text("ok"), bytes(b"\xff\xfe"), text("ok")]);
    // GBK: FF is no lead byte; a lead byte followed by a control character is an error, the control stays text.
    assert_eq!(Encoding::Gbk.decode(b"\xc4\xe3\xff\xc4\n"), vec![text("你"), bytes(b"\xff\xc4"), text("\n")]);
    assert_eq!(Encoding::ShiftJis.decode(b"\x82\xb1\xa0"), vec![text("こ"), bytes(b"\xa0")]);
    // A whole message ending inside a character: the partial character is bytes.
    assert_eq!(Encoding::Gbk.decode(b"a\xc4"), vec![text("a"), bytes(b"\xc4")]);
    assert_eq!(Encoding::Utf8.decode("é".as_bytes()), vec![text("é")]);
    for enc in Encoding::ALL {
        for piece in enc.decode(&(0..=255).collect::<Vec<u8>>()) {
            if let Piece::Text(t) = piece {
                assert!(!t.contains('\u{FFFD}'), "{enc} replaced something");
            }
        }
    }
}

#[test]
fn a_character_split_across_two_recvs_comes_out_whole() {
    let mut d = StreamDecoder::new(Encoding::Gbk);
    assert_eq!(d.feed(&[0xC4]), vec![]);
    assert_eq!(d.pending(), [0xC4]);
    assert_eq!(d.feed(&[0xE3, 0xBA, 0xC3]), vec![text("你好")]);
    assert!(d.pending().is_empty());

    let mut d = StreamDecoder::new(Encoding::Utf8);
    let snow = "a☃".as_bytes();
    assert_eq!(d.feed(&snow[..2]), vec![text("a")]);
    assert_eq!(d.feed(&snow[2..3]), vec![]);
    assert_eq!(d.feed(&snow[3..]), vec![text("☃")]);

    let mut d = StreamDecoder::new(Encoding::Gb18030);
    assert_eq!(d.feed(&[0x94, 0x39, 0xFC]), vec![]);
    assert_eq!(d.feed(&[0x36, b'!']), vec![text("😀!")]);

    // The stream ends inside a character: what waited comes out as bytes.
    let mut d = StreamDecoder::new(Encoding::Big5);
    assert_eq!(d.feed(&[b'x', 0xA7]), vec![text("x")]);
    assert_eq!(d.finish(), vec![bytes(&[0xA7])]);
    assert_eq!(d.finish(), vec![]);
}

#[test]
fn an_invalid_byte_is_not_held_back_waiting_for_more() {
    let mut d = StreamDecoder::new(Encoding::Utf8);
    assert_eq!(d.feed(b"a\xff"), vec![text("a"), bytes(b"\xff")]);
    assert!(d.pending().is_empty());
    let mut d = StreamDecoder::new(Encoding::Gbk);
    assert_eq!(d.feed(b"\xff"), vec![bytes(b"\xff")]);
}

/// A small deterministic generator: the same cases on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Text in the encoding with some garbage mixed in, so every decoder sees
/// characters, errors, and both cut at every possible place.
fn sample(enc: Encoding, rng: &mut Lcg) -> Vec<u8> {
    let words = ["你好", "世界", "こんにちは", "café", "abc", "😀", "\r\n", "ü", "é"];
    let mut out = Vec::new();
    for _ in 0..12 {
        if rng.next(4) == 0 {
            out.push(0x80 + rng.next(128) as u8);
        } else if let Ok(b) = enc.encode(words[rng.next(words.len())]) {
            out.extend(b);
        }
    }
    out
}

#[test]
fn streaming_gives_what_decoding_the_whole_stream_gives_wherever_it_is_cut() {
    let mut rng = Lcg(7);
    for enc in Encoding::ALL {
        for _ in 0..300 {
            let data = sample(enc, &mut rng);
            let whole = enc.decode(&data);
            let mut d = StreamDecoder::new(enc);
            let mut got = Vec::new();
            let mut rest = &data[..];
            while !rest.is_empty() {
                let n = 1 + rng.next(rest.len().min(5));
                got.extend(d.feed(&rest[..n]));
                assert!(d.pending().len() <= MAX_TAIL, "bounded tail");
                rest = &rest[n..];
            }
            got.extend(d.finish());
            assert_eq!(joined(got), whole, "{enc}: {data:02x?}");
        }
    }
}

#[test]
fn escaped_pieces_parse_back_to_the_same_bytes() {
    use crate::net::{PayloadFormat, parse_payload};
    let bytes = b"a\\b \xff\xfe\xe4\xbd\xa0 ok\r\n";
    let pieces = Encoding::Utf8.decode(bytes);
    assert_eq!(escaped(&pieces), "a\\\\b \\xff\\xfe你 ok\r\n");
    assert_eq!(parse_payload(&escaped(&pieces), PayloadFormat::Text).as_deref(), Ok(&bytes[..]));
}
