//! Quoted speech: words between matching quotation marks in their paragraph.
//!
//! A quotation is what someone said or wrote; a copy editor does not rewrite it without checking
//! the source, however spun it looks. So a suggestion inside one is never applied unread: the
//! finding is still reported with its suggestion, but `--fix` leaves it (its applicability
//! becomes unsafe), whatever the rule.
//!
//! A span is quoted when, within its paragraph (a blank line ends one), a quotation mark opens
//! before it and is still open at its start, and a matching mark closes after its end: `“ ”`,
//! `„ “`/`„ ”`, `« »`, `‘ ’` (a `’` between letters is an apostrophe, not a mark) and straight
//! `" "` (paired in order).

use crate::findings::{Applicability, Finding};
use crate::span::Span;

/// Makes unsafe every safe finding of `text` whose span lies inside a quotation.
pub fn demote_quoted(text: &str, findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        if f.applicability == Applicability::Safe && inside(text, f.span) {
            f.applicability = Applicability::Unsafe;
            f.notes
                .push("inside a quotation: --fix leaves it; check what was said".into());
        }
    }
}

/// The paragraph around `span`: from after the blank line before it to the blank line after it.
fn paragraph(text: &str, span: Span) -> (usize, usize) {
    (para_start(&text[..span.start]), para_end(text, span.end))
}

/// Where the paragraph holding the end of `head` starts.
fn para_start(head: &str) -> usize {
    let mut end = head.len();
    while let Some(nl) = head[..end].rfind('\n') {
        let prev = head[..nl].rfind('\n').map_or(0, |i| i + 1);
        if head[prev..nl].trim().is_empty() {
            return nl + 1;
        }
        if prev == 0 {
            return 0;
        }
        end = prev;
    }
    0
}

/// Where the paragraph holding byte `from` of `text` ends.
fn para_end(text: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(i) = text[at..].find('\n') {
        let line_start = at + i + 1;
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |j| line_start + j);
        if text[line_start..line_end].trim().is_empty() {
            return at + i;
        }
        at = line_start;
    }
    text.len()
}

/// The kinds of quotation this module pairs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Guillemet,
    Single,
    Straight,
}

/// What a character is as a quotation mark at `pos` of `text`: (kind, opens, closes).
fn mark(text: &str, pos: usize, c: char) -> Option<(Kind, bool, bool)> {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let before = text[..pos].chars().next_back();
    let after = text[pos + c.len_utf8()..].chars().next();
    Some(match c {
        '“' => (Kind::Double, true, true),
        '”' => (Kind::Double, false, true),
        '„' => (Kind::Double, true, false),
        '«' => (Kind::Guillemet, true, false),
        '»' => (Kind::Guillemet, false, true),
        '‘' if !letter(before) => (Kind::Single, true, false),
        '’' if !letter(after) => (Kind::Single, false, true),
        '"' => (Kind::Straight, true, true),
        _ => return None,
    })
}

/// True when `span` of `text` lies inside a quotation of its paragraph.
pub fn inside(text: &str, span: Span) -> bool {
    if span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return false;
    }
    let (start, end) = paragraph(text, span);
    // Open quotations at the span's start, innermost last.
    let mut open: Vec<Kind> = Vec::new();
    for (i, c) in text[start..span.start].char_indices() {
        let Some((kind, opens, closes)) = mark(text, start + i, c) else {
            continue;
        };
        match open.iter().rposition(|k| *k == kind) {
            Some(at) if closes => open.truncate(at),
            _ if opens => open.push(kind),
            _ => {}
        }
    }
    if open.is_empty() {
        return false;
    }
    // One of them closes after the span, in the same paragraph.
    text[span.end..end.max(span.end)]
        .char_indices()
        .filter_map(|(i, c)| mark(text, span.end + i, c))
        .any(|(kind, _, closes)| closes && open.contains(&kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, phrase: &str) -> bool {
        let start = text.find(phrase).expect("phrase in text");
        inside(text, Span::new(start, start + phrase.len()))
    }

    #[test]
    fn words_between_matching_marks_are_quoted() {
        for text in [
            "“We are committed to the harmony track,” the minister said.",
            "He said: \"We are committed to the harmony track.\"",
            "Il a dit « the harmony track » hier.",
            "Sie sagte „the harmony track“ gestern.",
            "She called it ‘the harmony track’ on Monday.",
            "“We will stay,\non the harmony track,” he said.",
        ] {
            assert!(quoted(text, "harmony track"), "{text}");
        }
    }

    #[test]
    fn words_outside_quotations_are_not() {
        for text in [
            "We are on the harmony track, the minister said.",
            "“We stay,” he said of the harmony track.",
            "The minister’s harmony track, the envoy’s plan.",
            "“We will stay,\n\nthe harmony track stalled.” He left.",
            "He said “we will stay on the harmony track.\n\nThen he left.”",
            "\"One,\" he said. The harmony track. \"Two,\" she said.",
        ] {
            assert!(!quoted(text, "harmony track"), "{text}");
        }
    }
}
