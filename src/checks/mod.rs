//! Engine checks: the rules that need code rather than phrase tables.
//!
//! A table whose `kind` names a check (`quote-placement`, `name-drift`, ...) switches that check
//! on, with the rule id, severity, confidence and thresholds the table gives; the bundled
//! `hygiene` pack holds the defaults. The checks read the original text, because normalisation
//! folds away exactly what several of them look for (curly quotes, invisible characters,
//! decomposed accents), and the document's normalised words where case and punctuation do not
//! matter. Every check is one linear pass that skips plain ASCII quickly and allocates only for
//! what it reports; shared scans (quotes, non-ASCII characters) run once per part and are read
//! by every check that needs them.

pub(crate) mod articles;
mod debris;
mod names;
mod quotes;
mod spacing;
mod unicode;

pub(crate) use spacing::is_function_word;

use crate::document::Document;
use crate::engine::Options;
use crate::findings::{Finding, Severity};
use crate::rules::pack::Kind;
use crate::rules::{CheckSpec, RuleSet};
use crate::span::Span;
use crate::tokens::Gap;
use std::cell::OnceCell;
use std::sync::Arc;

/// Where a part lies in its text: long texts are checked a part at a time, and the checks that
/// read the head or the tail of a document look only at the first or the last part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// The part starts the text.
    pub first: bool,
    /// The part ends the text.
    pub last: bool,
}

impl Part {
    /// A whole text checked at once.
    pub const WHOLE: Part = Part {
        first: true,
        last: true,
    };
}

/// What every finding of one table carries.
#[derive(Clone, Debug)]
struct Meta {
    rule: Arc<str>,
    pack: Arc<str>,
    table: Arc<str>,
    severity: Severity,
    confidence: f32,
}

impl Meta {
    /// A finding on `span` of the original text, with no suggestion yet.
    fn finding(&self, cx: &Context<'_>, span: Span, message: String, label: String) -> Finding {
        Finding {
            rule: self.rule.clone(),
            severity: self.severity,
            message,
            span,
            text: cx.text[span.start..span.end].to_string(),
            suggestion: None,
            confidence: self.confidence,
            pack: self.pack.clone(),
            table: Some(self.table.clone()),
            label,
            notes: vec![],
            related: vec![],
            applicability: crate::findings::Applicability::Unsafe,
        }
    }
}

/// One part of a document, with the scans that several checks share.
struct Context<'d> {
    doc: &'d Document<'d>,
    text: &'d str,
    part: Part,
    quotes: OnceCell<quotes::Scan>,
    unicode: OnceCell<unicode::Scan>,
    words: OnceCell<WordPass>,
}

/// What one pass over the words finds for several checks.
#[derive(Debug, Default)]
struct WordPass {
    /// Words written with an initial capital (names, and camel case).
    capitals: Vec<Capital>,
    /// Words equal to the word before them, across white space only.
    doubles: Vec<u32>,
    /// The words `a` and `an`, in any case.
    articles: Vec<u32>,
}

/// A word written with an initial capital.
#[derive(Clone, Copy, Debug)]
struct Capital {
    /// Index of the word in the document.
    word: u32,
    /// Original start and end of the word.
    orig: (u32, u32),
    /// Normalised start and end of the word.
    norm: (u32, u32),
    /// Not after a possible sentence end: a capital that marks a name.
    mid_sentence: bool,
    /// Holds an ASCII capital right after a lower-case letter (`ManyBridgeheads`).
    camel: bool,
}

impl Capital {
    /// The original span of the word.
    fn span(&self) -> Span {
        Span::new(self.orig.0 as usize, self.orig.1 as usize)
    }

    /// The normalised word.
    fn key<'n>(&self, norm: &'n str) -> &'n str {
        &norm[self.norm.0 as usize..self.norm.1 as usize]
    }
}

/// The length-and-first-byte keys of `a` and of two-letter words that start with `a`.
const A_KEY: u32 = 1 << 8 | b'a' as u32;
const AN_KEY: u32 = 2 << 8 | b'a' as u32;

thread_local! {
    /// The capitals buffer, kept between parts and documents checked on one thread.
    static CAPITALS: std::cell::RefCell<Vec<Capital>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The words that may be capitals, kept likewise.
    static CANDIDATES: std::cell::Cell<Vec<u32>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Drop for Context<'_> {
    fn drop(&mut self) {
        if let Some(pass) = self.words.take() {
            CAPITALS.with(|c| *c.borrow_mut() = pass.capitals);
        }
    }
}

impl<'d> Context<'d> {
    /// The words that start with an upper-case letter and are not all capitals.
    fn capitals(&self) -> &[Capital] {
        &self.words().capitals
    }

    /// Indices of the words equal to the word before them.
    fn doubles(&self) -> &[u32] {
        &self.words().doubles
    }

    /// Indices of the words `a` and `an`.
    fn articles(&self) -> &[u32] {
        &self.words().articles
    }

    /// One pass over the words for the checks that read them.
    fn words(&self) -> &WordPass {
        self.words.get_or_init(|| {
            let mut fwd = self.doc.forward();
            let mut capitals = CAPITALS.with(|c| std::mem::take(&mut *c.borrow_mut()));
            capitals.clear();
            let words = self.doc.words();
            let norm = self.doc.norm().as_bytes();
            let mut doubles = Vec::new();
            let mut articles = Vec::new();
            let text = self.text.as_bytes();
            // Branches that nearly always go one way only: a word's length and first byte make
            // one key (equal keys are rare, and only those pairs are compared byte for byte),
            // and the capital test is one flag computed without a branch. The candidates for a
            // capital (one word in seven or so, at no predictable place) are gathered without a
            // branch and looked at after the pass.
            let mut candidates = CANDIDATES.take();
            candidates.clear();
            candidates.resize(words.len(), 0);
            let mut n = 0;
            let (mut prev_key, mut prev_start) = (u32::MAX, 0u32);
            let same_offsets = self.doc.offsets_unchanged();
            for (i, w) in words.iter().enumerate() {
                let len = w.end - w.start;
                let key = (len << 8) | u32::from(norm[w.start as usize]);
                if key == prev_key
                    && matches!(w.gap, Gap::Space | Gap::Newline)
                    && norm[prev_start as usize..(prev_start + len) as usize]
                        == norm[w.start as usize..w.end as usize]
                {
                    doubles.push(i as u32);
                }
                // `a`, or `an` (a two-letter word that starts with `a` and ends with `n`).
                if key == A_KEY || (key == AN_KEY && norm[w.start as usize + 1] == b'n') {
                    articles.push(i as u32);
                }
                (prev_key, prev_start) = (key, w.start);
                let start = if same_offsets {
                    w.start as usize
                } else {
                    fwd.start(w.start as usize)
                };
                let first = text.get(start).copied().unwrap_or(0);
                // Four letters or more, and an ASCII capital or a character outside ASCII.
                let candidate = (len >= 4) & ((first.wrapping_sub(b'A') < 26) | (first >= 0x80));
                candidates[n] = i as u32;
                n += usize::from(candidate);
            }
            let mut fwd = self.doc.forward();
            for &i in &candidates[..n] {
                if let Some(c) = self.capital(&mut fwd, i as usize, &words[i as usize]) {
                    capitals.push(c);
                }
            }
            CANDIDATES.set(candidates);
            WordPass {
                capitals,
                doubles,
                articles,
            }
        })
    }

    /// Word `i` as a capital, if it starts with an upper-case letter and is not all capitals.
    #[inline]
    fn capital(
        &self,
        fwd: &mut crate::normalise::Forward<'_>,
        i: usize,
        w: &crate::tokens::Word,
    ) -> Option<Capital> {
        // Names and fusions are four letters or more (`Iran`, `ManyBridgeheads`): this also
        // skips the capitals that only start sentences (`The`, `He`, `But`).
        if w.end - w.start < 4 {
            return None;
        }
        let start = fwd.start(w.start as usize);
        let first = *self.text.as_bytes().get(start)?;
        let upper = if first.is_ascii() {
            first.is_ascii_uppercase()
        } else {
            char_at(self.text, start).is_some_and(char::is_uppercase)
        };
        if !upper {
            return None;
        }
        let span = Span::new(start, fwd.end(w.end as usize).max(start));
        let written = &self.text[span.start..span.end];
        let bytes = written.as_bytes();
        // Not all capitals: a lower-case letter, nearly always the second byte.
        let lower = bytes.iter().any(u8::is_ascii_lowercase)
            || (!written.is_ascii() && written.chars().any(char::is_lowercase));
        // Camel case: a capital right after a lower-case letter; few words have a second capital.
        let camel = bytes[1..].iter().any(u8::is_ascii_uppercase)
            && bytes
                .windows(2)
                .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
        lower.then_some(Capital {
            word: i as u32,
            orig: (span.start as u32, span.end as u32),
            norm: (w.start, w.end),
            mid_sentence: matches!(
                w.gap,
                Gap::Space | Gap::Newline | Gap::Punct { terminal: false }
            ),
            camel,
        })
    }

    fn quotes(&self) -> &quotes::Scan {
        self.quotes.get_or_init(|| quotes::scan(self.text))
    }

    fn unicode(&self) -> &unicode::Scan {
        self.unicode
            .get_or_init(|| unicode::scan(self.text, self.part.first))
    }
}

/// A check configured by one table.
trait Check: std::fmt::Debug + Send + Sync {
    /// Appends the findings of this check in one part of a document.
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>);
}

/// One enabled check table.
#[derive(Debug)]
struct Table {
    meta: Meta,
    check: Box<dyn Check>,
}

/// The engine checks switched on by the loaded packs and wanted by the options.
#[derive(Debug, Default)]
pub struct Checks {
    tables: Vec<Table>,
}

impl Checks {
    /// The checks of `rules` whose rule ids `options` wants.
    ///
    /// A check runs once per rule id, however many tables switch it on: a later table of the
    /// same rule and kind (a house pack after the bundled `hygiene`) configures it, its
    /// severity, confidence and pack apply, its settings override the earlier ones and its
    /// allow-list adds to theirs. Two such tables never report the same finding twice.
    pub fn new(rules: &RuleSet, options: &Options) -> Self {
        let mut merged: Vec<(Meta, CheckSpec)> = Vec::new();
        for spec in &rules.checks {
            let info = &rules.tables[spec.table as usize];
            if !options.wants(&info.rule) {
                continue;
            }
            let meta = Meta {
                rule: info.rule.clone(),
                pack: info.pack.clone(),
                table: info.name.clone(),
                severity: info.severity,
                confidence: info.confidence,
            };
            let same = merged.iter_mut().find(|(m, s)| {
                m.rule == meta.rule
                    && s.kind == spec.kind
                    && s.settings.class == spec.settings.class
            });
            match same {
                Some((m, s)) => {
                    *m = meta;
                    merge_spec(s, spec);
                }
                None => merged.push((meta, spec.clone())),
            }
        }
        let tables = merged
            .into_iter()
            .filter_map(|(meta, spec)| {
                Some(Table {
                    meta,
                    check: build(&spec)?,
                })
            })
            .collect();
        Checks { tables }
    }

    /// True when no check is enabled.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// Appends the findings of every enabled check in one part of a document.
    pub fn run(&self, doc: &Document<'_>, part: Part, out: &mut Vec<Finding>) {
        if self.tables.is_empty() || doc.text().is_empty() {
            return;
        }
        let cx = Context {
            doc,
            text: doc.text(),
            part,
            quotes: OnceCell::new(),
            unicode: OnceCell::new(),
            words: OnceCell::new(),
        };
        let from = out.len();
        for t in &self.tables {
            t.check.run(&cx, &t.meta, out);
        }
        drop_overlaps(out, from);
    }
}

/// `later` folded into `spec`: its settings win where it gives them, its lists add to `spec`'s.
fn merge_spec(spec: &mut CheckSpec, later: &CheckSpec) {
    spec.table = later.table;
    for a in &later.allow {
        if !spec.allow.contains(a) {
            spec.allow.push(a.clone());
        }
    }
    for m in &later.members {
        if !spec.members.contains(m) {
            spec.members.push(m.clone());
        }
    }
    let (s, l) = (&mut spec.settings, &later.settings);
    s.min_similarity = l.min_similarity.or(s.min_similarity);
    s.min_length = l.min_length.or(s.min_length);
    s.min_count = l.min_count.or(s.min_count);
    s.max_words = l.max_words.or(s.max_words);
}

/// The check a spec configures.
fn build(spec: &CheckSpec) -> Option<Box<dyn Check>> {
    Some(match spec.kind {
        Kind::Collocations | Kind::Phrases => return None,
        Kind::QuotePlacement => Box::new(quotes::Placement),
        Kind::UnbalancedQuote => Box::new(quotes::Unbalanced),
        Kind::MixedQuotes => Box::new(quotes::Mixed),
        Kind::BrokenHyphen => Box::new(spacing::BrokenHyphen),
        Kind::JoinedWords => Box::new(spacing::JoinedWords::new(spec)),
        Kind::RepeatedWord => Box::new(spacing::RepeatedWord::new(spec)),
        Kind::Mojibake => Box::new(unicode::Report(unicode::Family::Mojibake)),
        Kind::Confusable => Box::new(unicode::Report(unicode::Family::Confusable)),
        Kind::InvisibleChar => Box::new(unicode::Report(unicode::Family::Invisible)),
        Kind::ReplacementChar => Box::new(unicode::Report(unicode::Family::Replacement)),
        Kind::NotNfc => Box::new(unicode::Report(unicode::Family::NotNfc)),
        Kind::Ligature => Box::new(unicode::Report(unicode::Family::Ligature)),
        Kind::HtmlEntity => Box::new(debris::HtmlEntity),
        Kind::NameDrift => Box::new(names::NameDrift::new(spec)),
        Kind::DemonymDrift => Box::new(names::DemonymDrift::new(spec)),
        Kind::ForeignHeadline => Box::new(debris::ForeignHeadline::new(spec)),
        Kind::BoilerplateTail => Box::new(debris::BoilerplateTail::new(spec)),
        Kind::EmbedResidue => Box::new(debris::EmbedResidue),
        Kind::AOrAn => Box::new(articles::AOrAn),
    })
}

/// Keeps, per rule and table, the first of findings that overlap (from index `from` on).
fn drop_overlaps(out: &mut Vec<Finding>, from: usize) {
    let mut added = out.split_off(from);
    added.sort_by(|a, b| {
        (
            &a.rule,
            &a.table,
            a.span.start,
            std::cmp::Reverse(a.span.end),
        )
            .cmp(&(
                &b.rule,
                &b.table,
                b.span.start,
                std::cmp::Reverse(b.span.end),
            ))
    });
    let mut last: Option<(Arc<str>, Option<Arc<str>>, usize)> = None;
    for f in added {
        let overlaps = last
            .as_ref()
            .is_some_and(|(r, t, end)| *r == f.rule && *t == f.table && f.span.start < *end);
        if !overlaps {
            last = Some((f.rule.clone(), f.table.clone(), f.span.end));
            out.push(f);
        }
    }
}

/// Position of the first byte at or after `from` that is not ASCII, eight bytes at a time.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    // Thirty-two bytes at a time while they are all ASCII, then eight.
    while let Some(block) = bytes.get(i..i + 32) {
        let word = |k: usize| u64::from_le_bytes(block[k..k + 8].try_into().unwrap_or([0x80; 8]));
        if (word(0) | word(8) | word(16) | word(24)) & HIGH != 0 {
            break;
        }
        i += 32;
    }
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        let m = v & HIGH;
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| b >= 0x80)
        .map(|k| i + k)
}

/// How far around a word the document's own vocabulary is read, in bytes: all of an article,
/// a bounded stretch of a very long text.
const VOCABULARY_WINDOW: usize = 8 * 1024;

/// The text within [`VOCABULARY_WINDOW`] bytes of `at`, on char boundaries.
fn window(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(VOCABULARY_WINDOW);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + VOCABULARY_WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// The character starting at byte `p`.
fn char_at(text: &str, p: usize) -> Option<char> {
    text.get(p..)?.chars().next()
}

/// The character ending at byte `p`.
fn char_before(text: &str, p: usize) -> Option<char> {
    text.get(..p)?.chars().next_back()
}

/// The run of characters around `start..end` that satisfy `part_of`, reaching at most `limit`
/// bytes beyond the span on either side (so that a pathological run costs a bounded amount).
fn run_around(
    text: &str,
    start: usize,
    end: usize,
    limit: usize,
    part_of: impl Fn(char) -> bool,
) -> Span {
    let mut s = start;
    for (i, c) in text[..start].char_indices().rev() {
        if !part_of(c) || start - i > limit {
            break;
        }
        s = i;
    }
    let mut e = end;
    for (i, c) in text[end..].char_indices() {
        if !part_of(c) || i > limit {
            break;
        }
        e = end + i + c.len_utf8();
    }
    Span::new(s, e)
}

/// True for characters that belong to a word: letters, digits and combining marks.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// `s` with its first letter upper-cased when `model` starts with an upper-case letter.
fn with_case_of(model: &str, s: &str) -> String {
    crate::engine::match_case(model, s)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one check kind over a text with the bundled settings of its table.

    use crate::findings::Finding;
    use crate::rules::{bundled_packs, RuleSet};
    use crate::{Linter, Options};
    use std::sync::OnceLock;

    fn linter() -> &'static Linter {
        static L: OnceLock<Linter> = OnceLock::new();
        L.get_or_init(|| {
            let rules = RuleSet::load(&bundled_packs()).expect("bundled packs load");
            // Every finding, whatever its confidence: each check is tested on its own.
            let options = Options {
                min_confidence: 0.0,
                ..Options::default()
            };
            Linter::new(rules, options)
        })
    }

    /// Findings of table `table` (a check kind of the bundled packs) in `text`.
    pub fn run(table: &str, text: &str) -> Vec<Finding> {
        linter()
            .check(text)
            .into_iter()
            .filter(|f| f.table.as_deref() == Some(table))
            .collect()
    }

    /// The texts of the findings of `table` in `text`.
    pub fn texts(table: &str, text: &str) -> Vec<String> {
        run(table, text).into_iter().map(|f| f.text).collect()
    }

    /// The text and the suggestion of each finding of `table` in `text`.
    pub fn repairs(table: &str, text: &str) -> Vec<(String, Option<String>)> {
        run(table, text)
            .into_iter()
            .map(|f| (f.text, f.suggestion))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_scan_finds_every_high_byte() {
        let text = "plain ascii text, then é and more plain text then “quotes”";
        let mut found = vec![];
        let mut i = 0;
        while let Some(p) = next_non_ascii(text.as_bytes(), i) {
            found.push(p);
            i = p + 1;
        }
        let want: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b >= 0x80)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(found, want);
    }

    /// The capitals computed word by word, the slow way.
    fn naive_capitals(doc: &Document<'_>) -> Vec<u32> {
        (0..doc.words().len())
            .filter(|&i| {
                let w = doc.original_word(i);
                doc.word_text(i).len() >= 4
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().any(char::is_lowercase)
            })
            .map(|i| i as u32)
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn capitals_agree_with_the_slow_way(text in "[aB ’'\\-.,\n\u{200b}\u{301}éÉİßǅ\"“]{0,60}") {
            let doc = Document::new(&text);
            let cx = Context {
                doc: &doc,
                text: &text,
                part: Part::WHOLE,
                quotes: OnceCell::new(),
                unicode: OnceCell::new(),
                words: OnceCell::new(),
            };
            let fast: Vec<u32> = cx.capitals().iter().map(|c| c.word).collect();
            proptest::prop_assert_eq!(fast, naive_capitals(&doc), "{:?}", text);
        }
    }

    #[test]
    fn runs_stop_at_the_limit_on_char_boundaries() {
        let text = "ééééé x";
        let span = run_around(text, 4, 6, 3, char::is_alphabetic);
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert_eq!(&text[span.start..span.end], "éééé");
    }
}

/// A fixed list of short words, looked up by their packed bytes
/// ([`short_key`](crate::rules::vocab::short_key)): a binary search over integers, where one
/// over the strings compares bytes at every step.
struct ShortWords(std::sync::LazyLock<Vec<u128>>);

impl ShortWords {
    /// The list `words` (each of at most 15 bytes), sorted on first use.
    const fn new(words: fn() -> Vec<u128>) -> Self {
        ShortWords(std::sync::LazyLock::new(words))
    }

    /// The packed keys of `words`, sorted.
    fn keys(words: &[&str]) -> Vec<u128> {
        let mut keys: Vec<u128> = words
            .iter()
            .filter_map(|w| crate::rules::vocab::short_key(w))
            .collect();
        keys.sort_unstable();
        keys
    }

    /// True when `word` is one of the words.
    fn contains(&self, word: &str) -> bool {
        crate::rules::vocab::short_key(word).is_some_and(|k| self.0.binary_search(&k).is_ok())
    }
}
