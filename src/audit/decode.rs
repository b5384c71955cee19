//! Bytes to text: UTF-8 as is, UTF-16 by its byte order mark or its NUL bytes, anything else by
//! charset detection.
//!
//! Scraped pages are often in a legacy charset. Valid UTF-8 (with or without a BOM, which stays in
//! the text as `check` keeps it) is used unchanged; a UTF-16 BOM selects UTF-16, and so does a
//! text without one whose every other byte is NUL; UTF-8 with a few broken bytes among many good
//! multi-byte characters stays UTF-8, each broken sequence read as U+FFFD (which the
//! `replacement-char` rule then reports); other bytes go to `chardetng`, whose guess `encoding_rs`
//! decodes. Offsets in findings then count bytes of the decoded UTF-8 text, and the result names
//! the encoding that was decoded. Any other NUL byte in the first 8 KiB marks the bytes binary.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How far into the bytes to look for NUL bytes.
const BINARY_SNIFF: usize = 8 * 1024;

/// The name given for UTF-8 whose broken sequences were replaced by U+FFFD.
pub const UTF8_REPAIRED: &str = "UTF-8 (invalid bytes replaced)";

/// Decoded text and the legacy encoding it came from (`None` for UTF-8).
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding decoded, e.g. `windows-1252` or `UTF-16LE`, or [`UTF8_REPAIRED`]; `None` when
    /// the bytes were valid UTF-8.
    pub encoding: Option<&'static str>,
}

/// Decodes `bytes`; `Err` names why they are not text.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, &'static str> {
    if let Some((enc, bom)) = utf16_bom(&bytes) {
        return Ok(utf16(enc, &bytes[bom..]));
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return match utf16_without_bom(&bytes) {
            Some(enc) => Ok(utf16(enc, &bytes)),
            None => Err("contains NUL bytes"),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: None,
        }),
        Err(e) => Ok(not_utf8(e.as_bytes())),
    }
}

/// Decodes bytes known not to be valid UTF-8: as UTF-8 with replacements when they mostly are
/// ([`mostly_utf8`]), else in the legacy charset `chardetng` guesses.
pub fn not_utf8(bytes: &[u8]) -> Decoded {
    if mostly_utf8(bytes) {
        return Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: Some(UTF8_REPAIRED),
        };
    }
    legacy(bytes)
}

/// True when the bytes hold at least as many well-formed multi-byte UTF-8 characters as broken
/// sequences: a legacy charset forms a valid multi-byte sequence only by accident (`Ã©`), so such
/// bytes are UTF-8 with damage, not text in another charset.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().bytes().filter(|b| b & 0xC0 == 0xC0).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= bad
}

fn utf16(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: Some(enc.name()),
    }
}

/// The UTF-16 encoding whose byte order mark `bytes` start with, and the mark's length.
pub fn utf16_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((UTF_16LE, 2)),
        [0xFE, 0xFF, ..] => Some((UTF_16BE, 2)),
        _ => None,
    }
}

/// UTF-16 without a byte order mark, told by its NUL bytes: text in a Latin script written as
/// UTF-16 has a NUL in nearly every other byte, on the high side of each unit, and almost none on
/// the other side. Looks at the first 8 KiB.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF) & !1];
    if head.len() < 4 {
        return None;
    }
    let units = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Most units in the Latin range (NUL on one side), and the other side hardly ever NUL (`Ā`,
    // U+0100, is `00 01` in UTF-16LE): binary formats have NUL bytes on both sides.
    let rare = (units / 32).max(1);
    if odd * 2 >= units && even <= rare {
        Some(UTF_16LE)
    } else if even * 2 >= units && odd <= rare {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn legacy(bytes: &[u8]) -> Decoded {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: Some(enc.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_with_its_bom() {
        let d = decode(b"\xef\xbb\xbfcaf\xc3\xa9".to_vec()).unwrap();
        assert_eq!(d.text, "\u{feff}café");
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn latin1_bytes_are_detected_and_decoded() {
        let d =
            decode(b"Le caf\xe9 \xe9tait ferm\xe9 \xe0 cause de la gr\xe8ve.".to_vec()).unwrap();
        assert_eq!(d.text, "Le café était fermé à cause de la grève.");
        assert_eq!(d.encoding, Some("windows-1252"));
    }

    #[test]
    fn utf16_by_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("peace".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "peace");
        assert_eq!(d.encoding, Some("UTF-16LE"));
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert!(decode(b"PK\x03\x04\0\0".to_vec()).is_err());
        // NUL bytes on both sides of the units: not UTF-16.
        assert!(decode(b"\0\0\0\x01abc\0\0d\0".to_vec()).is_err());
    }

    #[test]
    fn utf16_without_bom_by_its_nul_bytes() {
        let text = "Le café était fermé. Ā!";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, Some("UTF-16LE")));
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, Some("UTF-16BE")));
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        // A Latin-1 é among UTF-8 accents: the UTF-8 is kept, the stray byte becomes U+FFFD.
        let d =
            decode(b"Caf\xc3\xa9 \xc3\xa0 Paris, na\xefve r\xc3\xa9sum\xc3\xa9".to_vec()).unwrap();
        assert_eq!(d.text, "Café à Paris, na\u{fffd}ve résumé");
        assert_eq!(d.encoding, Some(UTF8_REPAIRED));
        // Only stray bytes and no UTF-8 beside them: a legacy charset.
        let d = decode(b"It\x92s a caf\xe9.".to_vec()).unwrap();
        assert_eq!(d.text, "It’s a café.");
        assert_eq!(d.encoding, Some("windows-1252"));
    }
}
