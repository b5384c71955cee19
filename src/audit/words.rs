//! Words for statistics, signatures and sequence evidence: lower-cased runs of letters and digits.
//!
//! Audit needs words many times per document and never needs to map them back to the text, so it
//! uses this small tokeniser instead of the engine's (which keeps offsets for findings). A word is
//! a run of alphanumeric characters; an apostrophe (straight or curly) between two such runs joins
//! them (`o'brien`, `don't`). Words are lower-cased and curly apostrophes made straight.

/// Calls `each` with every word of `text`, lower-cased, and whether it follows the previous word
/// across nothing but white space (so that the two form a sequence).
pub fn for_each_word(text: &str, buf: &mut String, mut each: impl FnMut(&str, bool)) {
    let bytes = text.as_bytes();
    let mut joined = false;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        if !c.is_alphanumeric() {
            if !c.is_whitespace() {
                joined = false;
            }
            i += len;
            continue;
        }
        buf.clear();
        i = word_end(text, i, buf);
        each(buf, joined);
        joined = true;
    }
}

/// The character at byte `i` and its length, with a fast path for ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// Appends the lower-cased word starting at byte `start` to `buf`; returns where it ends.
fn word_end(text: &str, start: usize, buf: &mut String) -> usize {
    let mut i = start;
    while i < text.len() {
        let (c, len) = char_at(text, i);
        if c.is_alphanumeric() {
            push_lower(buf, c);
            i += len;
        } else if (c == '\'' || c == '’')
            && i + len < text.len()
            && char_at(text, i + len).0.is_alphanumeric()
        {
            buf.push('\'');
            i += len;
        } else {
            break;
        }
    }
    i
}

fn push_lower(buf: &mut String, c: char) {
    if c.is_ascii() {
        buf.push(c.to_ascii_lowercase());
    } else {
        buf.extend(c.to_lowercase());
    }
}

/// Every word of `text`, lower-cased (for tests and small inputs).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_word(text, &mut buf, |w, _| out.push(w.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_and_apostrophes_join() {
        assert_eq!(
            words("O’Brien didn't say: “Peace-talks”, 100 times!"),
            ["o'brien", "didn't", "say", "peace", "talks", "100", "times"]
        );
        assert_eq!(words("it's' end'"), ["it's", "end"]);
    }

    #[test]
    fn punctuation_breaks_a_sequence() {
        let mut joins = Vec::new();
        let mut buf = String::new();
        for_each_word("a b, c\nd", &mut buf, |_, j| joins.push(j));
        assert_eq!(joins, [false, true, false, true]);
    }
}
