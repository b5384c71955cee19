//! The visible text of an HTML page.
//!
//! A small hand-written scanner, enough for scraped articles and generated pages: tags (with
//! quoted attribute values that may hold `>`), comments, doctypes, processing instructions and
//! CDATA are skipped; the contents of `script`, `style`, `template`, `svg`, `math`, `pre` and the
//! like are skipped whole, and inline `code`, `kbd` and `samp` become holes; block elements break
//! paragraphs; `<br>` breaks a line; character references are decoded piece by piece so that spans
//! still point into the page; white space holding a blank line reads as a single space, as a
//! browser shows it.

use super::entities::decode_at;
use super::{Builder, Extracted};

/// Elements whose content is never prose, skipped to their end tag.
const SKIP: &[&str] = &[
    "script", "style", "template", "svg", "math", "pre", "textarea", "iframe", "object", "canvas",
    "noscript", "select",
];

/// Inline elements whose content is code: a hole in the sentence.
const CODE: &[&str] = &["code", "kbd", "samp", "var"];

/// Elements that start and end a block of text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Extracts the visible text of `src`.
pub fn extract(src: &str) -> Extracted {
    let mut b = Builder::new(src);
    let bytes = src.as_bytes();
    let mut text_start = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b'<', b'&', &bytes[i..]) {
        let at = i + k;
        let step = if bytes[at] == b'&' {
            decode_at(&src[at..]).map(|(c, len)| {
                text(&mut b, src, text_start..at);
                b.decoded(at..at + len, c.encode_utf8(&mut [0; 4]));
                at + len
            })
        } else {
            markup_end(src, at).map(|(end, what)| {
                text(&mut b, src, text_start..at);
                apply(&mut b, src, at, end, what)
            })
        };
        match step {
            Some(next) => {
                text_start = next;
                i = next;
            }
            None => i = at + 1,
        }
    }
    text(&mut b, src, text_start..src.len());
    b.finish()
}

/// What a piece of markup is.
#[derive(Debug, PartialEq, Eq)]
enum Markup<'a> {
    Comment,
    Other,
    Start(String, &'a str),
    End(String),
}

/// The end of the markup starting with `<` at `at`, and what it is; `None` when the `<` is text.
fn markup_end(src: &str, at: usize) -> Option<(usize, Markup<'_>)> {
    let rest = &src[at..];
    let find = |pat: &str, from: usize| rest[from..].find(pat).map(|i| at + from + i + pat.len());
    if rest.starts_with("<!--") {
        return Some((find("-->", 4).unwrap_or(src.len()), Markup::Comment));
    }
    if rest.starts_with("<![CDATA[") {
        return Some((find("]]>", 9).unwrap_or(src.len()), Markup::Other));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return Some((find(">", 2).unwrap_or(src.len()), Markup::Other));
    }
    let (closing, name_at) = if rest.starts_with("</") {
        (true, 2)
    } else {
        (false, 1)
    };
    let name_len = rest[name_at..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
        .count();
    if name_len == 0 || !rest.as_bytes()[name_at].is_ascii_alphabetic() {
        return None;
    }
    let name = rest[name_at..name_at + name_len].to_ascii_lowercase();
    let end = tag_end(src, at + name_at + name_len);
    if closing {
        Some((end, Markup::End(name)))
    } else {
        Some((end, Markup::Start(name, &src[at..end])))
    }
}

/// One past the `>` that closes a tag, skipping quoted attribute values.
fn tag_end(src: &str, from: usize) -> usize {
    let bytes = src.as_bytes();
    let mut quote = None;
    for (i, &c) in bytes.iter().enumerate().skip(from) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    src.len()
}

/// Emits what one piece of markup means; returns where text resumes.
fn apply(b: &mut Builder<'_>, src: &str, at: usize, end: usize, what: Markup<'_>) -> usize {
    match what {
        Markup::Comment => b.comment(at..end),
        Markup::Other => b.skipped(at..end),
        Markup::End(name) if BLOCK.contains(&name.as_str()) => b.block_break(at),
        Markup::End(_) => {}
        Markup::Start(name, tag) => {
            let self_closing = tag.ends_with("/>");
            let is = |list: &[&str]| list.contains(&name.as_str());
            if (is(SKIP) || is(CODE)) && !self_closing {
                let close = closing_tag(src, end, &name);
                if is(CODE) {
                    b.hole(at..close);
                } else {
                    b.block_break(at);
                    b.skipped(at..close);
                    b.block_break(close);
                }
                return close;
            }
            if name == "br" {
                b.line_break(at);
            } else if is(BLOCK) {
                b.block_break(at);
            }
        }
    }
    end
}

/// One past the end tag `</name ...>` after `from`, or the end of the source.
fn closing_tag(src: &str, from: usize, name: &str) -> usize {
    let bytes = src.as_bytes();
    let mut i = from;
    while let Some(k) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + k;
        let after = at + 2 + name.len();
        let matches = bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes
            .get(after)
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'-'));
        if matches && ends {
            return tag_end(src, after);
        }
        i = at + 2;
    }
    src.len()
}

/// Text between markup: white space holding a blank line reads as one space.
fn text(b: &mut Builder<'_>, src: &str, range: std::ops::Range<usize>) {
    let bytes = src.as_bytes();
    let mut at = range.start;
    let mut i = range.start;
    while let Some(k) = memchr::memchr(b'\n', &bytes[i..range.end]) {
        let nl = i + k;
        let ws_start = nl - src[at..nl].len() + src[at..nl].trim_end().len();
        let ws_end = nl + src[nl..range.end].len() - src[nl..range.end].trim_start().len();
        if src[ws_start..ws_end].matches('\n').count() >= 2 {
            b.prose(at..ws_start);
            b.decoded(ws_start..ws_end, " ");
            at = ws_end;
        }
        i = ws_end.max(nl + 1);
    }
    b.prose(at..range.end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn prose(src: &str) -> String {
        extract(src).text().to_string()
    }

    #[test]
    fn only_visible_text_is_kept() {
        let page = "<!DOCTYPE html><html><head><title>Peace</title>\
                    <style>p { color: red }</style><script>var harmony_track = '<p>';</script>\
                    </head><body><p class=\"a>b\" title='harmony track'>Talks on the <b>harmony</b> \
                    track.</p><!-- a comment --><div>Next</div></body></html>";
        let text = prose(page);
        assert!(text.contains("Talks on the harmony track."), "{text:?}");
        assert!(!text.contains("var"), "{text:?}");
        assert!(!text.contains("title="), "{text:?}");
        assert!(!text.contains("comment"), "{text:?}");
        assert!(text.contains("track.\n\nNext"), "{text:?}");
    }

    #[test]
    fn entities_decode_and_map_back_whole() {
        let page = "<p>O&rsquo;Brien &amp; the harmony&nbsp;track</p>";
        let ex = extract(page);
        assert_eq!(ex.text().trim(), "O’Brien & the harmony\u{a0}track");
        let at = ex.text().find("harmony").unwrap();
        let span = ex
            .to_original(Span::new(at, at + "harmony\u{a0}track".len()))
            .unwrap();
        assert_eq!(&page[span.start..span.end], "harmony&nbsp;track");
        assert!(!ex.is_verbatim(Span::new(at, at + 5 + "harmony".len())));
    }

    #[test]
    fn code_is_a_hole_and_broken_markup_does_not_panic() {
        assert_eq!(prose("a <code>x y</code> b").trim(), "a | b");
        for s in [
            "<",
            "<p",
            "<!--",
            "&",
            "&#",
            "<a href='x",
            "<script>",
            "a < b &c d",
            "</",
        ] {
            let _ = extract(s);
        }
    }

    #[test]
    fn blank_lines_inside_a_block_read_as_one_space() {
        assert_eq!(prose("<p>harmony\n\n   track</p>").trim(), "harmony track");
    }
}
