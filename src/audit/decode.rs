//! Bytes to text: UTF-8 as is, UTF-16 by its byte order mark, anything else by charset detection.
//!
//! Scraped pages are often in a legacy charset. Valid UTF-8 (with or without a BOM, which stays in
//! the text as `check` keeps it) is used unchanged; a UTF-16 BOM selects UTF-16; other bytes go to
//! `chardetng`, whose guess `encoding_rs` decodes. Offsets in findings then count bytes of the
//! decoded UTF-8 text, and the result names the encoding that was decoded. A NUL byte in the first
//! 8 KiB of a file without a UTF-16 BOM marks it binary.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How far into the bytes to look for NUL bytes.
const BINARY_SNIFF: usize = 8 * 1024;

/// Decoded text and the legacy encoding it came from (`None` for UTF-8).
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding decoded, e.g. `windows-1252` or `UTF-16LE`; `None` when the bytes were UTF-8.
    pub encoding: Option<&'static str>,
}

/// Decodes `bytes`; `Err` names why they are not text.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, &'static str> {
    if let Some((enc, bom)) = utf16_bom(&bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: Some(enc.name()),
        });
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return Err("contains NUL bytes");
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: None,
        }),
        Err(e) => Ok(legacy(e.as_bytes())),
    }
}

fn utf16_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((UTF_16LE, 2)),
        [0xFE, 0xFF, ..] => Some((UTF_16BE, 2)),
        _ => None,
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
    }
}
