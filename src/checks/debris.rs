//! Page debris that scrapers leave around an article: a headline of another story above it,
//! a block of related-article titles and dates below it, embed labels inside it.
//!
//! `foreign-headline` reads the first line as a headline when it is short and followed by a line
//! break and a body of at least `min-count` words, and reports it when none of its content words
//! (four letters or more, not a function word) occurs in the body, allowing a plural `s`.
//! `boilerplate-tail` walks up from the end of the text over date lines (`16.Jul.2025`,
//! `06.12.2023 09:34`, `2025-07-16`, `July 16, 2025`) and short title lines, and reports the block
//! when it holds at least `min-count` dates. `embed-residue` reports labels such as `WATCH:` or
//! `READ MORE:` that start a line below other text. The first two look only at the first and
//! the last part of a long text. A first line that credits the story (a byline such as
//! `By Jane Smith` or `Jane Smith, Political correspondent`, an agency, a dateline, an
//! `Updated ...` or `Published ...` stamp) is not a headline and is never reported.

use super::spacing::is_function_word;
use super::{Check, Context, Meta};
use crate::findings::Finding;
use crate::rules::CheckSpec;
use crate::span::Span;

/// Default longest headline, in words.
const HEADLINE_WORDS: u32 = 25;
/// Default shortest body below a headline, in words.
const BODY_WORDS: u32 = 100;
/// Default fewest date lines in a trailing block.
const TAIL_DATES: u32 = 3;

/// Words too common in headlines to tie one to a body, besides the function words; sorted.
const HEADLINE_STOP: &[&str] = &[
    "after", "amid", "been", "could", "first", "from", "into", "last", "more", "news", "over",
    "said", "says", "than", "what", "when", "where", "will", "with", "would", "year", "years",
];

/// True for a word of [`HEADLINE_STOP`].
fn is_headline_stop(word: &str) -> bool {
    static WORDS: super::ShortWords =
        super::ShortWords::new(|| super::ShortWords::keys(HEADLINE_STOP));
    WORDS.contains(word)
}

/// `foreign-headline`.
#[derive(Debug)]
pub(super) struct ForeignHeadline {
    max_words: usize,
    min_body: usize,
}

impl ForeignHeadline {
    pub(super) fn new(spec: &CheckSpec) -> Self {
        ForeignHeadline {
            max_words: spec.settings.max_words.unwrap_or(HEADLINE_WORDS) as usize,
            min_body: spec.settings.min_count.unwrap_or(BODY_WORDS) as usize,
        }
    }
}

impl Check for ForeignHeadline {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        if !cx.part.first {
            return;
        }
        let (doc, text) = (cx.doc, cx.text);
        let words = doc.words();
        let Some(line_end) = memchr::memchr(b'\n', text.as_bytes()) else {
            return;
        };
        // The headline: the words before the first line break.
        let mut fwd = doc.forward();
        let Some(body_start) = words
            .iter()
            .take(self.max_words + 1)
            .position(|w| fwd.span(Span::new(w.start as usize, w.end as usize)).start >= line_end)
        else {
            return;
        };
        if body_start < 3 || words.len() - body_start < self.min_body {
            return;
        }
        let line = &text[..line_end];
        let head_span = Span::new(line.len() - line.trim_start().len(), line.trim_end().len());
        let norm = doc.norm();
        let body = &norm[words[body_start].start as usize..];
        // The content words, until one occurs below (the usual case: then nothing is reported).
        let mut content: Vec<&str> = Vec::new();
        for w in (0..body_start).map(|i| doc.word_text(i)) {
            let is_content = w.chars().count() >= 4
                && !w.bytes().any(|b| b.is_ascii_digit())
                && !is_function_word(w)
                && !is_headline_stop(w);
            if !is_content {
                continue;
            }
            if occurs(body, w) {
                return;
            }
            content.push(w);
        }
        if content.len() < 3 || is_credit_line(line) {
            return;
        }
        let message = "the first line shares no word with the text below it".to_string();
        let label = format!(
            "none of {} occurs below: a headline of another story, left by the page",
            list(&content)
        );
        let mut f = meta.finding(cx, head_span, message, label);
        f.suggestion = Some(String::new());
        out.push(f);
    }
}

/// Words of a staff title in a byline (`Political correspondent`, `Staff writer`).
const ROLES: &[&str] = &[
    "analyst",
    "columnist",
    "contributor",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "reporter",
    "reporters",
    "staff",
    "writer",
    "writers",
];

/// News agencies, credited alone on a line or in parentheses in a dateline.
const AGENCIES: &[&str] = &[
    "afp",
    "agence france-presse",
    "ansa",
    "ap",
    "associated press",
    "bloomberg",
    "dpa",
    "efe",
    "pa",
    "pa media",
    "reuters",
    "tass",
    "upi",
    "xinhua",
];

/// How a line that stamps the story begins.
const STAMPS: &[&str] = &[
    "by ",
    "edited by ",
    "first published",
    "last modified",
    "last updated",
    "photo:",
    "photograph:",
    "posted",
    "published",
    "reporting by ",
    "updated",
    "written by ",
];

/// True for a line that credits or dates the story rather than heading it: a byline (`By Jane
/// Smith`, `Jane Smith, Political correspondent`), an agency (`Reuters`, `(AP) —`), a dateline
/// (`WASHINGTON —`, `LONDON, Jan 5 (Reuters) -`), a stamp (`Updated 5 January 2024`,
/// `Published ...`) or a date.
fn is_credit_line(line: &str) -> bool {
    let line = line.trim();
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let bare = words.join(" ");
    if STAMPS.iter().any(|s| lower.starts_with(s)) || is_date_line(line) {
        return true;
    }
    if AGENCIES.contains(&bare.as_str())
        || AGENCIES
            .iter()
            .any(|a| lower.contains(&format!("({a})")) || lower.contains(&format!("({a}) ")))
    {
        return true;
    }
    // `Jane Smith, Political correspondent`, `Staff writer`, `Jane Smith | Reporter`.
    let role = words.iter().any(|w| ROLES.contains(w));
    let credited =
        line.contains([',', '|', '/']) || words.last().is_some_and(|w| ROLES.contains(w));
    if role && credited && words.len() <= 10 {
        return true;
    }
    // A dateline: a place in capitals and a dash (`WASHINGTON —`, `KYIV, Ukraine —`).
    let place = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .is_some_and(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase() || c == '.'));
    place && (line.contains(['—', '–']) || line.ends_with('-'))
}

fn list(words: &[&str]) -> String {
    let shown: Vec<String> = words.iter().take(6).map(|w| format!("\"{w}\"")).collect();
    let more = if words.len() > 6 { ", ..." } else { "" };
    format!("{}{more}", shown.join(", "))
}

/// True when `word` (normalised), or it with a plural `s` added or removed, is a word of `body`.
fn occurs(body: &str, word: &str) -> bool {
    let bytes = body.as_bytes();
    let stem = word.strip_suffix('s').unwrap_or(word);
    let edge = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric() && *b < 0x80);
    // `word` is `stem` or `stem` + `s`: one search for the stem finds both forms.
    memchr::memmem::find_iter(bytes, stem.as_bytes()).any(|i| {
        let end = i + stem.len();
        edge(i.checked_sub(1).map(|j| &bytes[j]))
            && (edge(bytes.get(end)) || bytes.get(end) == Some(&b's') && edge(bytes.get(end + 1)))
    })
}

/// `boilerplate-tail`.
#[derive(Debug)]
pub(super) struct BoilerplateTail {
    min_dates: usize,
}

impl BoilerplateTail {
    pub(super) fn new(spec: &CheckSpec) -> Self {
        BoilerplateTail {
            min_dates: spec.settings.min_count.unwrap_or(TAIL_DATES) as usize,
        }
    }
}

/// What a line of the tail is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Blank,
    Date,
    Title,
    Prose,
}

impl Check for BoilerplateTail {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        if !cx.part.last {
            return;
        }
        let text = cx.text;
        let (mut dates, mut titles) = (0, 0);
        let mut start = None;
        let mut end = None;
        for (at, line) in lines_from_end(text) {
            match classify(line) {
                Line::Blank => continue,
                Line::Prose => break,
                Line::Date => dates += 1,
                Line::Title => titles += 1,
            }
            end.get_or_insert(at + line.trim_end().len());
            start = Some(at + (line.len() - line.trim_start().len()));
        }
        let (Some(start), Some(end)) = (start, end) else {
            return;
        };
        if dates < self.min_dates || titles + 1 < dates.min(self.min_dates) || start == 0 {
            return;
        }
        let span = Span::new(start, end);
        let message = format!(
            "{titles} titles and {dates} dates after the end of the article: related-article links"
        );
        let label = "page debris: delete from here to the end".to_string();
        let mut f = meta.finding(cx, span, message, label);
        f.suggestion = Some(String::new());
        out.push(f);
    }
}

/// The lines of `text` from the last to the first, with their start offsets.
fn lines_from_end(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = text.len();
    std::iter::from_fn(move || {
        if end == 0 {
            return None;
        }
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..end]).map_or(0, |i| i + 1);
        let line = &text[start..end];
        end = start.saturating_sub(1);
        Some((start, line))
    })
}

fn classify(line: &str) -> Line {
    let line = line.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    if is_date_line(line) {
        return Line::Date;
    }
    let ends_sentence = line.ends_with(['.', ',', ';']) && !line.ends_with("..");
    let starts = || {
        line.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "“\"‘'".contains(c))
    };
    // Words are counted last: most lines end a sentence, and are prose at once.
    let words = || line.split_whitespace().take(21).count();
    if !ends_sentence && starts() && (2..=20).contains(&words()) {
        Line::Title
    } else {
        Line::Prose
    }
}

/// Longest line read as a date, in bytes.
const MAX_DATE_LINE: usize = 40;

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// True for a line holding only a date, optionally with a time: `16.Jul.2025`,
/// `06.12.2023 09:34`, `2025-07-16`, `July 16, 2025`, `16 July 2025`.
fn is_date_line(line: &str) -> bool {
    // The longest form, `September 16, 2025 09:34 am`, is far shorter: prose is turned away
    // before it is split.
    if line.len() > MAX_DATE_LINE {
        return false;
    }
    let parts: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | '/' | '-' | ','))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 3 || parts.len() > 5 {
        return false;
    }
    let number = |p: &str, max: u32| p.len() <= 4 && p.parse::<u32>().is_ok_and(|n| n <= max);
    let month = |p: &str| {
        let l = p.to_lowercase();
        l.len() >= 3
            && MONTHS.iter().any(|m| l.starts_with(m))
            && l.chars().all(char::is_alphabetic)
    };
    let year = |p: &str| p.len() == 4 && number(p, 2100) || p.len() == 2 && number(p, 99);
    let time = |p: &str| {
        let mut it = p.split(':');
        let (h, m) = (it.next(), it.next());
        h.is_some_and(|h| number(h, 24)) && m.is_some_and(|m| m.len() == 2 && number(m, 59))
    };
    let (date, rest) = parts.split_at(3);
    let (a, b, c) = (date[0], date[1], date[2]);
    let is_date = (number(a, 31) && (number(b, 12) || month(b)) && year(c))
        || (year(a) && a.len() == 4 && number(b, 12) && number(c, 31))
        || (month(a) && number(b, 31) && year(c));
    is_date
        && rest
            .iter()
            .all(|p| time(p) || matches!(p.to_lowercase().as_str(), "am" | "pm"))
}

/// `html-entity`: a character reference (`&amp;`, `&#8217;`, `&nbsp;`) left in prose, as
/// scrapers leave it when they copy a page's source instead of its text. HTML and Markdown
/// inputs are read through their markup, which decodes references, so one found in their prose
/// was escaped twice (`&amp;amp;`). Only references that decode are reported: numeric ones, and
/// the names prose uses ([`crate::markup::entities`]); `AT&T;` and `&c.` are left alone.
#[derive(Debug)]
pub(super) struct HtmlEntity;

impl Check for HtmlEntity {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        let text = cx.text;
        for at in memchr::memchr_iter(b'&', text.as_bytes()) {
            let Some((c, len)) = crate::markup::entities::decode_at(&text[at..]) else {
                continue;
            };
            let span = Span::new(at, at + len);
            let written = &text[span.start..span.end];
            // What a reader expects in its place: a space for a no-break space, nothing for a
            // soft hyphen; nothing is suggested for a reference to no character.
            let (suggestion, reads) = match c {
                '\u{a0}' => (Some(" ".to_string()), "a no-break space".to_string()),
                '\u{ad}' => (Some(String::new()), "a soft hyphen".to_string()),
                '\u{fffd}' => (None, "no character".to_string()),
                c if c.is_control() => (None, format!("control character U+{:04X}", c as u32)),
                c => (Some(c.to_string()), format!("\"{c}\"")),
            };
            let message = format!("HTML character reference \"{written}\" left in the text");
            let label = format!("reads {reads} on a web page; here it shows as written");
            let mut f = meta.finding(cx, span, message, label);
            f.suggestion = suggestion;
            out.push(f);
        }
    }
}

/// `embed-residue`.
#[derive(Debug)]
pub(super) struct EmbedResidue;

/// Labels that embeds leave, matched at the start of a line with the colon.
const LABELS: &[&str] = &[
    "WATCH:",
    "Watch:",
    "READ MORE:",
    "Read more:",
    "LISTEN:",
    "Listen:",
    "VIDEO:",
    "Video:",
    "RELATED:",
    "Related:",
    "SEE ALSO:",
    "See also:",
    "ALSO READ:",
    "Also read:",
    "READ ALSO:",
    "Read also:",
    "PHOTOS:",
    "Photos:",
    "GALLERY:",
    "Gallery:",
    "MORE:",
    "ADVERTISEMENT",
];

impl Check for EmbedResidue {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        let text = cx.text;
        // Where the text starts: a label on a line before it has nothing above it.
        let content = text.len() - text.trim_start().len();
        for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
            let line_start = nl + 1;
            let rest = &text[line_start..];
            let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let at = line_start + indent;
            // Every label starts with one of these letters: a cheap test before the list.
            let first = text.as_bytes().get(at).map(u8::to_ascii_uppercase);
            if !first.is_some_and(|b| b"WRLVSAPGM".contains(&b)) {
                continue;
            }
            let Some(label) = LABELS.iter().find(|l| text[at..].starts_with(**l)) else {
                continue;
            };
            if content >= line_start {
                continue; // nothing above: not in the middle of prose
            }
            let span = Span::new(at, at + label.len());
            let message = format!("embed label \"{label}\" left in the text");
            let label = "a video or link was embedded here; the label is page residue".to_string();
            let mut f = meta.finding(cx, span, message, label);
            f.suggestion = Some(String::new());
            out.push(f);
        }
    }
}

#[cfg(test)]
mod entity_tests {
    use super::super::testing::{repairs, run};

    #[test]
    fn references_are_decoded_in_the_suggestion() {
        let pair = |a: &str, b: &str| (a.to_string(), Some(b.to_string()));
        assert_eq!(
            repairs(
                "html-entity",
                "Tom &amp; Jerry&#8217;s show&nbsp;ran, &#x2014; twice&shy;over.",
            ),
            [
                pair("&amp;", "&"),
                pair("&#8217;", "\u{2019}"),
                pair("&nbsp;", " "),
                pair("&#x2014;", "\u{2014}"),
                pair("&shy;", ""),
            ]
        );
    }

    #[test]
    fn ampersands_that_are_no_reference_are_left_alone() {
        for text in [
            "AT&T; Procter & Gamble &c. and R&D; &unknown; & done",
            "a &#; b",
        ] {
            assert!(run("html-entity", text).is_empty(), "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_word_occurs_in_either_number() {
        let whole = |body: &str, w: &str| {
            let b = body.as_bytes();
            let edge = |x: Option<&u8>| x.is_none_or(|x| !x.is_ascii_alphanumeric() && *x < 0x80);
            memchr::memmem::find_iter(b, w.as_bytes())
                .any(|i| edge(i.checked_sub(1).map(|j| &b[j])) && edge(b.get(i + w.len())))
        };
        let bodies = [
            "the talks went on",
            "one talk, then",
            "talkss",
            "xtalks",
            "talk’s end",
            "talks",
            "peaces of mind",
            "peace.",
            "apeace",
            "peace1",
            "",
        ];
        for body in bodies {
            for word in ["talks", "talk", "peace", "peaces", "s", "ss"] {
                let stem = word.strip_suffix('s').unwrap_or(word);
                let expected =
                    whole(body, word) || whole(body, stem) || whole(body, &format!("{stem}s"));
                assert_eq!(occurs(body, word), expected, "{word} in {body:?}");
            }
        }
    }

    #[test]
    fn the_word_lists_find_their_words_and_no_other() {
        let function_words = super::super::spacing::FUNCTION_WORDS;
        assert!(function_words.iter().all(|w| is_function_word(w)));
        assert!(HEADLINE_STOP.iter().all(|w| is_headline_stop(w)));
        for other in [
            "peace",
            "The",
            "th",
            "thee",
            "",
            "a'",
            "several-fold",
            "aboutaboutabouts",
        ] {
            assert!(!is_function_word(other), "{other}");
            assert!(!is_headline_stop(other), "{other}");
        }
        assert!(!is_headline_stop("the") && !is_function_word("years"));
    }

    use super::super::testing::{run, texts};
    use super::*;

    const BODY: &str = "The foreign ministers of Azerbaijan and Armenia met in Washington on \
        Monday to discuss a peace treaty between the two countries. The talks, hosted by the \
        State Department, followed months of tension along the border. Officials from both \
        governments described the meeting as constructive, and further rounds are planned for \
        the coming weeks in the region and abroad, according to statements released after the \
        meeting ended late in the evening. Diplomats said the next meeting could take place in the \
        capital of a neutral country, and that the ministers had agreed to exchange draft texts \
        before then. Both delegations thanked their hosts, and neither commented on the open \
        questions of borders and transport routes.";

    #[test]
    fn a_headline_of_another_story_is_found() {
        let text =
            format!("Ukraine claims to have built bridgeheads on the Dnieper River.\n\n{BODY}");
        let f = run("foreign-headline", &text);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].text,
            "Ukraine claims to have built bridgeheads on the Dnieper River."
        );
    }

    #[test]
    fn a_headline_of_this_story_is_not_foreign() {
        for head in [
            "Armenia and Azerbaijan resume peace talks",
            "Talks resume",
            "Minister hails constructive meeting",
            // Only the last word occurs below.
            "Quartz glaciers yield surprising neutral",
        ] {
            let text = format!("{head}\n\n{BODY}");
            assert!(texts("foreign-headline", &text).is_empty(), "{head}");
        }
        assert!(texts("foreign-headline", BODY).is_empty());
        // Too few words to tell, though none occurs below.
        let text = format!("Quartz glaciers\n\n{BODY}");
        assert!(texts("foreign-headline", &text).is_empty());
        let text = format!("Quartz glaciers yield surprising\n\n{BODY}");
        assert_eq!(texts("foreign-headline", &text).len(), 1);
    }

    #[test]
    fn a_byline_or_dateline_is_not_a_foreign_headline() {
        for head in [
            "By Jane Smith, Political correspondent",
            "BY JANE SMITH AND PAUL JONES",
            "Jane Smith, Political correspondent",
            "Paul Jones | Senior reporter",
            "Staff writer",
            "Reuters",
            "(AP) —",
            "WASHINGTON (AP) —",
            "LONDON, Jan 5 (Reuters) -",
            "KYIV, Ukraine —",
            "Updated 5 January 2024, 10:42 GMT",
            "Published Monday 5 January 2024",
            "Last updated on 5 January 2024",
        ] {
            let text = format!("{head}\n\n{BODY}");
            assert!(texts("foreign-headline", &text).is_empty(), "{head}");
        }
        // Still a headline of another story, though it names an editor or a title.
        for head in [
            "Newspaper editor arrested over leaked memo",
            "Quartz glaciers yield surprising fossils",
        ] {
            let text = format!("{head}\n\n{BODY}");
            assert_eq!(texts("foreign-headline", &text).len(), 1, "{head}");
        }
    }

    #[test]
    fn date_lines() {
        for d in [
            "16.Jul.2025",
            "06.12.2023 09:34",
            "2025-07-16",
            "July 16, 2025",
            "16 July 2025",
            "1/2/03",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for d in [
            "In 2025 we met",
            "16 of 20 votes",
            "Version 1.2.3",
            "12.13.2025",
        ] {
            assert!(!is_date_line(d), "{d}");
        }
    }

    #[test]
    fn a_trailing_block_of_links_is_found() {
        let text = "The ministry said talks would continue next week.\n06.12.2023 09:34\n\n\n\
                    A New Chess Game in the South Caucasus\n16.Jul.2025\n\
                    Experts Weigh In on the Corridor\n15.Jul.2025\n\
                    Leaders Prepare for Critical Talks\n10.Jul.2025\n";
        let f = run("boilerplate-tail", text);
        assert_eq!(f.len(), 1);
        assert!(f[0].text.starts_with("06.12.2023 09:34"), "{:?}", f[0].text);
        assert!(f[0].text.ends_with("10.Jul.2025"), "{:?}", f[0].text);
    }

    #[test]
    fn a_dated_article_is_not_a_tail() {
        for text in [
            "The ministry said talks would continue next week.\n16.07.2025\n",
            "Fixtures:\n\nHartlepool v Boston\n\nReading v Stockport\n\nBirmingham v Leeds\n",
        ] {
            assert!(texts("boilerplate-tail", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn embed_labels_in_prose_are_found() {
        let text = "The fighting ended.\n\nWATCH: On September 19, a man rode.\n\nRead more: talks";
        assert_eq!(texts("embed-residue", text), ["WATCH:", "Read more:"]);
        assert!(texts("embed-residue", "WATCH: the video\n\nText.").is_empty());
        assert!(texts("embed-residue", "Text.\n\nListen to the interview.").is_empty());
    }
}
