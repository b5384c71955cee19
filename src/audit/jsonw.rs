//! A JSON writer for audit records: the bytes `serde_json` would write (compact form, the same
//! string escapes, integers by `itoa` and floats by `zmij`, as `serde_json` formats them), without
//! its generic machinery, since a record is written for every document of a corpus.

/// Appends JSON to a byte buffer. Keys are written as given: they must need no escaping.
pub struct JsonBuf<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> JsonBuf<'a> {
    /// A writer appending to `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        JsonBuf { out }
    }

    /// Raw bytes: punctuation, or a key with its quotes and colon (`"words":`).
    #[inline]
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.out.extend_from_slice(bytes);
        self
    }

    /// A string value, escaped.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.out.push(b'"');
        escape_into(s.as_bytes(), self.out);
        self.out.push(b'"');
        self
    }

    /// A string value or `null`.
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.str(s),
            None => self.raw(b"null"),
        }
    }

    /// An unsigned integer.
    #[inline]
    pub fn uint(&mut self, n: u64) -> &mut Self {
        self.raw(itoa::Buffer::new().format(n).as_bytes())
    }

    /// An unsigned integer or `null`.
    pub fn opt_uint(&mut self, n: Option<u64>) -> &mut Self {
        match n {
            Some(n) => self.uint(n),
            None => self.raw(b"null"),
        }
    }

    /// A float, `null` when it is not finite.
    pub fn f64(&mut self, x: f64) -> &mut Self {
        if x.is_finite() {
            self.raw(zmij::Buffer::new().format_finite(x).as_bytes())
        } else {
            self.raw(b"null")
        }
    }

    /// A single-precision float in its shortest form, `null` when it is not finite.
    pub fn f32(&mut self, x: f32) -> &mut Self {
        if x.is_finite() {
            self.raw(zmij::Buffer::new().format_finite(x).as_bytes())
        } else {
            self.raw(b"null")
        }
    }
}

/// What a byte becomes in a JSON string: 0 for itself, else the letter of its escape (`u` for
/// `\u00XX`). The same table as `serde_json`'s.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

fn escape_into(bytes: &[u8], out: &mut Vec<u8>) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let e = ESCAPE[b as usize];
        if e == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if e == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xf)]);
        } else {
            out.push(b'\\');
            out.push(e);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(f: impl FnOnce(&mut JsonBuf<'_>)) -> String {
        let mut out = Vec::new();
        f(&mut JsonBuf::new(&mut out));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_as_serde_json_does() {
        let s = "a\"b\\c\n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f}é’/";
        assert_eq!(
            written(|j| {
                j.str(s);
            }),
            serde_json::to_string(s).unwrap()
        );
    }

    #[test]
    fn numbers_as_serde_json_writes_them() {
        for x in [0.0, -0.0, 0.7, 1.0, 34.1096, 1e-7, 1e21, 123_456.789] {
            assert_eq!(
                written(|j| {
                    j.f64(x);
                }),
                serde_json::to_string(&x).unwrap()
            );
        }
        for x in [0.7f32, 0.75, 0.8, 1.0, 0.35, 0.1] {
            assert_eq!(
                written(|j| {
                    j.f32(x);
                }),
                serde_json::to_string(&x).unwrap()
            );
        }
        assert_eq!(
            written(|j| {
                j.f64(f64::NAN).raw(b",").f32(f32::INFINITY);
            }),
            "null,null"
        );
        assert_eq!(
            written(|j| {
                j.uint(0).raw(b",").opt_uint(Some(u64::MAX));
            }),
            "0,18446744073709551615"
        );
    }

    proptest! {
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(s in any::<String>()) {
            prop_assert_eq!(written(|j| { j.str(&s); }), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn any_float_is_written_as_serde_json_writes_it(x in any::<f64>(), y in any::<f32>()) {
            prop_assert_eq!(written(|j| { j.f64(x); }), serde_json::to_string(&x).unwrap());
            prop_assert_eq!(written(|j| { j.f32(y); }), serde_json::to_string(&y).unwrap());
        }
    }
}
