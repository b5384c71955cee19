//! The usual shape of a JSONL line, read without serde's generic machinery: an object whose keys
//! are plain strings and whose values are strings, numbers, `true`, `false` or `null`. Anything
//! else (nested values, escaped keys, a non-string id, a line that is not valid JSON or not UTF-8)
//! is left to `serde_json`, so results and error messages stay exactly its own.

/// The wanted fields of a line, as the serde reader of `inputs` gives them.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Wanted {
    /// The text field (`None` when absent or `null`).
    pub text: Option<String>,
    /// The id field, when it is a string (`None` when absent or `null`).
    pub id: Option<String>,
}

/// The fields `text_key` and `id_key` of `line`, or `None` when the line is not of the usual
/// shape (the caller then reads it with `serde_json`). A key given twice keeps its last value.
pub(super) fn read_fields(line: &[u8], text_key: &str, id_key: &str) -> Option<Wanted> {
    let line = std::str::from_utf8(line).ok()?;
    let bytes = line.as_bytes();
    let mut wanted = Wanted {
        text: None,
        id: None,
    };
    let mut at = skip_ws(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_ws(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        return end(bytes, at + 1).then_some(wanted);
    }
    loop {
        // A key without escapes.
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let close = at + 1 + memchr::memchr2(b'"', b'\\', &bytes[at + 1..])?;
        if bytes[close] != b'"' || has_control(&bytes[at + 1..close]) {
            return None;
        }
        let key = &line[at + 1..close];
        at = skip_ws(bytes, close + 1);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_ws(bytes, at + 1);
        let slot = if key == text_key {
            Some(&mut wanted.text)
        } else if key == id_key {
            Some(&mut wanted.id)
        } else {
            None
        };
        match (bytes.get(at)?, slot) {
            (b'"', Some(slot)) => {
                let (s, next) = string(line, at, true)?;
                *slot = s;
                at = next;
            }
            (b'"', None) => at = string(line, at, false)?.1,
            (b'n', slot) => {
                at = literal(bytes, at, b"null")?;
                if let Some(slot) = slot {
                    *slot = None;
                }
            }
            (_, Some(_)) => return None,
            (b't', None) => at = literal(bytes, at, b"true")?,
            (b'f', None) => at = literal(bytes, at, b"false")?,
            (_, None) => at = number(bytes, at)?,
        }
        at = skip_ws(bytes, at);
        match bytes.get(at)? {
            b',' => at = skip_ws(bytes, at + 1),
            b'}' => return end(bytes, at + 1).then_some(wanted),
            _ => return None,
        }
    }
}

/// JSON white space.
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

/// True when only white space follows byte `at`.
fn end(bytes: &[u8], at: usize) -> bool {
    skip_ws(bytes, at) == bytes.len()
}

/// True when `run` holds a control character, which a JSON string may not hold raw.
fn has_control(run: &[u8]) -> bool {
    // No early exit, so that the loop is vectorised.
    run.iter().fold(false, |any, &b| any | (b < 0x20))
}

/// The end of `word` at `at`.
fn literal(bytes: &[u8], at: usize, word: &[u8]) -> Option<usize> {
    bytes[at..].starts_with(word).then_some(at + word.len())
}

/// The end of a number at `at`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn number(bytes: &[u8], mut at: usize) -> Option<usize> {
    let digits = |at: usize| {
        let n = bytes[at.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        (n > 0).then_some(at + n)
    };
    if bytes.get(at) == Some(&b'-') {
        at += 1;
    }
    at = match bytes.get(at)? {
        b'0' => at + 1,
        b'1'..=b'9' => digits(at)?,
        _ => return None,
    };
    if bytes.get(at) == Some(&b'.') {
        at = digits(at + 1)?;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        at = digits(at)?;
    }
    Some(at)
}

/// The string whose opening quote is at `at`, decoded when `decode`, with the position after its
/// closing quote; `None` for a raw control character or a bad escape. A lone surrogate escape
/// reads as U+FFFD, as in [`replace_lone_surrogates`].
fn string(line: &str, at: usize, decode: bool) -> Option<(Option<String>, usize)> {
    // Decoded into a buffer kept between lines, then copied out at its size.
    SCRATCH.with_borrow_mut(|out| {
        out.clear();
        let end = decode_into(line, at, decode, out)?;
        Some((decode.then(|| out.as_str().to_owned()), end))
    })
}

thread_local! {
    static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// [`string`] into `out`; returns the position after the closing quote.
fn decode_into(line: &str, mut at: usize, decode: bool, out: &mut String) -> Option<usize> {
    let bytes = line.as_bytes();
    at += 1;
    loop {
        let k = at + memchr::memchr2(b'"', b'\\', &bytes[at..])?;
        if has_control(&bytes[at..k]) {
            return None;
        }
        if decode {
            // Both ends are ASCII, so on char boundaries.
            out.push_str(&line[at..k]);
        }
        if bytes[k] == b'"' {
            return Some(k + 1);
        }
        let (c, next) = escape(bytes, k)?;
        if decode {
            out.push(c);
        }
        at = next;
    }
}

/// The character of the escape whose backslash is at `at`, and the position after it.
fn escape(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let c = match *bytes.get(at + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(bytes, at + 2)?;
            if !(0xD800..0xE000).contains(&high) {
                return Some((char::from_u32(high)?, at + 6));
            }
            return Some(match surrogate_pair(bytes, at) {
                Some(c) => (c, at + 12),
                None => (char::REPLACEMENT_CHARACTER, at + 6),
            });
        }
        _ => return None,
    };
    Some((c, at + 2))
}

/// The character of the surrogate pair of escapes at `at` (`\ud83d\ude00`), if there is one.
fn surrogate_pair(bytes: &[u8], at: usize) -> Option<char> {
    let high = hex4(bytes, at + 2).filter(|h| (0xD800..0xDC00).contains(h))?;
    if bytes.get(at + 6..at + 8)? != b"\\u" {
        return None;
    }
    let low = hex4(bytes, at + 8).filter(|l| (0xDC00..0xE000).contains(l))?;
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

/// `line` with every lone surrogate escape (`\ud800` not in a pair) replaced by `\ufffd`, the
/// same length, so positions in messages stay those of the line; `None` when it has none.
/// JSON's grammar allows lone surrogates (Python's `json.dumps` writes them for text decoded
/// with `surrogateescape`), but `serde_json` refuses them.
pub(super) fn replace_lone_surrogates(line: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut at = 0;
    while let Some(k) = (line.get(at..)).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let k = at + k;
        at = k + 2;
        if line.get(k + 1) != Some(&b'u') {
            continue;
        }
        match hex4(line, k + 2) {
            Some(0xD800..0xE000) if surrogate_pair(line, k).is_some() => at = k + 12,
            Some(0xD800..0xE000) => {
                let out = out.get_or_insert_with(|| line.to_vec());
                out[k + 2..k + 6].copy_from_slice(b"fffd");
                at = k + 6;
            }
            Some(_) => at = k + 6,
            None => {}
        }
    }
    out
}

/// Four hexadecimal digits at `at`.
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |n, &d| {
        let v = (d as char).to_digit(16)?;
        Some(n << 4 | v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `serde_json` makes of a line, read as `inputs` reads it: `None` when it fails.
    fn by_serde(line: &str) -> Option<Wanted> {
        let repaired = replace_lone_surrogates(line.as_bytes());
        let v: serde_json::Value =
            serde_json::from_slice(repaired.as_deref().unwrap_or(line.as_bytes())).ok()?;
        let map = v.as_object()?;
        let text = match map.get("text") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(_) => return None,
        };
        let id = match map.get("id") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(_) => return None,
        };
        Some(Wanted { text, id })
    }

    fn read(line: &str) -> Option<Wanted> {
        read_fields(line.as_bytes(), "text", "id")
    }

    #[test]
    fn the_usual_lines_are_read() {
        let line = r#" { "id" : "d-1", "n": -1.5e3, "ok": true, "x": null, "text": "a\n\"b\" \u00e9\ud83d\ude00 \/" } "#;
        let w = read(line).unwrap();
        assert_eq!(w.id.as_deref(), Some("d-1"));
        assert_eq!(w.text.as_deref(), Some("a\n\"b\" é😀 /"));
        assert_eq!(Some(w), by_serde(line));
        assert_eq!(
            read("{}"),
            Some(Wanted {
                text: None,
                id: None
            })
        );
        assert_eq!(
            read(r#"{"text":"a","text":"b"}"#).unwrap().text.as_deref(),
            Some("b")
        );
        assert_eq!(read(r#"{"text":null}"#).unwrap().text, None);
    }

    #[test]
    fn other_lines_are_left_to_serde() {
        for line in [
            r#"{"text":"a","meta":{"k":1}}"#,
            r#"{"text":"a","tags":["x"]}"#,
            r#"{"id":7,"text":"a"}"#,
            r#"{"text":7}"#,
            r#"{"te\u0078t":"a"}"#,
            r#"{"text":"a\q"}"#,
            "{\"text\":\"a\tb\"}",
            r#"{"text":"a",}"#,
            r#"{"text":"a"} x"#,
            r#"{"n":01}"#,
            r#"{"n":1.}"#,
            r#"{"n":.5}"#,
            r#"{"b":tru}"#,
            r#"["text"]"#,
            r#"{"text":"a""#,
            "",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
        assert_eq!(read_fields(b"{\"text\":\"\xff\"}", "text", "id"), None);
    }

    #[test]
    fn lone_surrogates_read_as_replacement_characters() {
        let text = |line: &str| read(line).and_then(|w| w.text);
        assert_eq!(text(r#"{"text":"a\ud83d"}"#).as_deref(), Some("a\u{fffd}"));
        assert_eq!(text(r#"{"text":"\udc00x"}"#).as_deref(), Some("\u{fffd}x"));
        // A high surrogate followed by another escape that is not its low half.
        assert_eq!(
            text(r#"{"text":"\ud83d\ud83d\ude00\u0041"}"#).as_deref(),
            Some("\u{fffd}\u{1f600}A")
        );
        // An escaped backslash before `u` is not an escape of `u`.
        assert_eq!(text(r#"{"text":"\\ud800"}"#).as_deref(), Some("\\ud800"));
        assert_eq!(
            replace_lone_surrogates(br#"{"a":"\ud800\\udc00\ud83d\ude00","b":"\udfff"}"#),
            Some(br#"{"a":"\ufffd\\udc00\ud83d\ude00","b":"\ufffd"}"#.to_vec())
        );
        assert_eq!(replace_lone_surrogates(br#"{"a":"\u00e9\\"}"#), None);
        for cut in [&b"\\"[..], b"\\u", b"\\ud8", b"x\\ud800"] {
            let fixed = replace_lone_surrogates(cut);
            assert!(fixed.is_none_or(|f| f.len() == cut.len()));
        }
    }

    /// Pieces of JSON lines: well-formed values and keys, and some that are not.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(r#""text""#.to_string()),
            Just(r#""id""#.to_string()),
            Just(r#""url""#.to_string()),
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
            "[ -~\u{e9}\u{2019}\u{1f600}\\\\\"\n\t]{0,12}".prop_map(|s| format!("\"{s}\"")),
            any::<f64>().prop_map(|x| serde_json::to_string(&x).unwrap()),
            any::<i64>().prop_map(|n| n.to_string()),
            Just("null".to_string()),
            Just("true".to_string()),
            Just("false".to_string()),
            Just(r#"{"a":[1,{}]}"#.to_string()),
            Just(r#""\ud83d\ude00""#.to_string()),
            Just(r#""\ud83d""#.to_string()),
            Just("-0.5E+3".to_string()),
            Just("01".to_string()),
            prop::sample::select(vec![":", ",", "{", "}", " ", "\n", "\\u12"])
                .prop_map(str::to_string),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// An object of pieces, mostly well formed: the fast reader agrees with serde_json or
        /// leaves the line to it.
        #[test]
        fn agrees_with_serde_or_defers(pairs in prop::collection::vec((piece(), piece()), 0..6),
                                       glue in prop::collection::vec(prop::sample::select(vec![",", ", ", " ,", ":", ""]), 6),
                                       closed in any::<bool>()) {
            let mut line = String::from("{");
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    line.push_str(glue[i % glue.len()]);
                }
                line.push_str(&format!("{k}: {v}"));
            }
            if closed {
                line.push('}');
            }
            let fast = read(&line);
            if fast.is_some() {
                prop_assert_eq!(fast, by_serde(&line), "{}", line);
            }
        }

        /// Replacing lone surrogates keeps the length and leaves none: a second pass finds none,
        /// and only `\u` escapes of surrogates change.
        #[test]
        fn lone_surrogates_are_replaced_in_place(pieces in prop::collection::vec(prop_oneof![
            Just(r"\ud83d".to_string()),
            Just(r"\ude00".to_string()),
            Just(r"\\".to_string()),
            Just(r"\u0041".to_string()),
            Just(r"\u".to_string()),
            "[a-f0-9\"u]{0,3}",
        ], 0..12)) {
            let line = pieces.concat();
            if let Some(fixed) = replace_lone_surrogates(line.as_bytes()) {
                prop_assert_eq!(fixed.len(), line.len());
                prop_assert_eq!(replace_lone_surrogates(&fixed), None);
                let line = line.as_bytes();
                // Each changed byte is in the digits of a surrogate escape, now `fffd`.
                for i in (0..line.len()).filter(|&i| line[i] != fixed[i]) {
                    let k = (i.saturating_sub(5)..i).rev().find(|&k| fixed[k..].starts_with(br"\ufffd"));
                    let k = k.expect("a changed byte inside a replaced escape");
                    prop_assert_eq!(&line[k..k + 2], br"\u");
                    prop_assert!(hex4(line, k + 2).is_some_and(|h| (0xD800..0xE000).contains(&h)));
                }
            }
        }

        #[test]
        fn any_well_formed_object_of_strings_is_read(text in any::<String>(), id in any::<String>(), other in any::<String>()) {
            let line = serde_json::json!({"url": other, "text": text, "id": id}).to_string();
            let fast = read(&line);
            prop_assert!(fast.is_some(), "{}", line);
            prop_assert_eq!(fast, by_serde(&line));
        }
    }
}
