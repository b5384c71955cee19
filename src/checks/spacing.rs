//! Spacing and joins: hyphens split by a space, words fused without one, words said twice.
//!
//! `broken-hyphen` finds `- ` between two letters (`Nagorno- Karabakh`) and suggests the form the
//! document itself uses elsewhere, joined or hyphenated; suspended hyphens (`six- to
//! eight-year-olds`) and dashes written as hyphens (`cities- it is`) are left alone.
//! `joined-words` finds camel case in prose (`ManyBridgeheads`): it reports a fusion only when
//! its first part is a function word no brand starts with, or when the document writes the parts
//! as two words elsewhere (`peace deal` ... `PeaceDeal`), and never a form used twice (a name), a
//! name prefix (`McDonald`, `DiCaprio`), lower-case brands (`iPhone`, `eBay`) or an allowed name. `repeated-word` reports
//! the same word twice in a row, except allowed doubles (`had had`, `that that`), numbers and
//! capitalised doubles inside a sentence (names and titles: `Duran Duran`, `Sha La La`).

use super::{char_at, char_before, run_around, with_case_of, Check, Context, Meta};
use crate::findings::Finding;
use crate::rules::CheckSpec;
use crate::span::Span;
use rustc_hash::FxHashSet;

/// `broken-hyphen`.
#[derive(Debug)]
pub(super) struct BrokenHyphen;

/// Words after `X- ` that make the hyphen suspended (`six- to eight-year-olds`) or a dash.
const NOT_SECOND_PART: &[&str] = &[
    "and", "or", "nor", "to", "through", "versus", "vs", "via", "but", "if", "as", "it", "its",
    "the", "a", "an", "he", "she", "they", "we", "i", "you", "this", "that", "there", "which",
    "who", "what", "is", "was", "are", "were", "not", "so", "then", "in", "on", "at", "of",
];

/// Prefixes that join the next word without a hyphen (`inter- national` -> `international`).
const JOINING_PREFIXES: &[&str] = &[
    "inter", "intra", "trans", "micro", "macro", "hyper", "super", "sub", "tele", "bio", "geo",
];

impl Check for BrokenHyphen {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        for pos in memchr::memmem::find_iter(cx.text.as_bytes(), b"- ") {
            if let Some(f) = broken_hyphen(cx, meta, pos) {
                out.push(f);
            }
        }
    }
}

fn broken_hyphen(cx: &Context<'_>, meta: &Meta, pos: usize) -> Option<Finding> {
    let text = cx.text;
    // Most hits are spaced dashes (` - `): a letter must touch the hyphen.
    if pos == 0 || text.as_bytes()[pos - 1].is_ascii_whitespace() {
        return None;
    }
    let left = run_around(text, pos, pos, 48, char::is_alphanumeric);
    let right = run_around(text, pos + 2, pos + 2, 48, char::is_alphanumeric);
    let (l, r) = (&text[left.start..pos], &text[pos + 2..right.end]);
    let letters = |w: &str| w.chars().next().is_some_and(char::is_alphabetic);
    if !letters(l) || !letters(r) || left.start == pos {
        return None;
    }
    let glued_on = |c: Option<char>| c.is_some_and(|c| c == '-' || c.is_alphanumeric());
    if glued_on(char_before(text, left.start)) || glued_on(char_at(text, right.end)) {
        return None;
    }
    let (ll, rl) = (l.to_lowercase(), r.to_lowercase());
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if NOT_SECOND_PART.contains(&rl.as_str()) || is_function_word(&ll) || (!upper(l) && upper(r)) {
        return None;
    }
    // The document's vocabulary around the break (normalised offsets stay close to original ones).
    let norm = super::window(cx.doc.norm(), pos.min(cx.doc.norm().len()));
    let count = |w: &str| memchr::memmem::find_iter(norm.as_bytes(), w.as_bytes()).count();
    let (hyphenated, joined) = (format!("{ll}-{rl}"), format!("{ll}{rl}"));
    let (nh, nj) = (count(&hyphenated), count(&joined));
    let join = if nh + nj > 0 {
        nj > nh
    } else {
        !upper(r) && JOINING_PREFIXES.contains(&ll.as_str())
    };
    let suggestion = if join {
        format!("{l}{}", r)
    } else {
        format!("{l}-{r}")
    };
    let label = if nh + nj > 0 {
        format!("this document writes \"{suggestion}\" elsewhere")
    } else {
        "a hyphen followed by a space splits one word in two".to_string()
    };
    let span = Span::new(left.start, right.end);
    let written = &text[span.start..span.end];
    let message = format!("\"{written}\" is one word broken by a hyphen and a space");
    let mut f = meta.finding(cx, span, message, label);
    f.suggestion = Some(suggestion);
    // The document's own spelling of the word makes the repair certain.
    if nh + nj > 0 {
        f.applicability = crate::findings::Applicability::Safe;
    }
    Some(f)
}

/// True for a word of [`FUNCTION_WORDS`].
pub(crate) fn is_function_word(word: &str) -> bool {
    static WORDS: super::ShortWords =
        super::ShortWords::new(|| super::ShortWords::keys(FUNCTION_WORDS));
    WORDS.contains(word)
}

/// Function words, sorted: they start no brand name, and no compound before a broken hyphen.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "both", "but", "by", "can", "could", "each", "every", "few", "for", "from", "had",
    "has", "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "many", "may",
    "might", "more", "most", "much", "must", "my", "no", "not", "of", "on", "onto", "or", "our",
    "over", "several", "she", "should", "some", "such", "than", "that", "the", "their", "then",
    "these", "they", "this", "those", "to", "under", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "will", "with", "would", "you", "your",
];

/// Name prefixes written in camel case (`McDonald`, `MacKenzie`, `DiCaprio`, `LaGuardia`).
const NAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "Di", "De", "Da", "Du", "Le", "La", "Van", "Von", "Fitz", "Al", "El", "Ben",
    "Bin", "Abu", "Ap", "Des", "Del", "Della", "Lo", "St",
];

/// `joined-words`, with its allowed names.
#[derive(Debug)]
pub(super) struct JoinedWords {
    allow: FxHashSet<String>,
}

impl JoinedWords {
    pub(super) fn new(spec: &CheckSpec) -> Self {
        JoinedWords {
            allow: spec.allow.iter().map(|a| a.to_lowercase()).collect(),
        }
    }
}

impl Check for JoinedWords {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        // A fusion in camel case starts with a capital: only those words are read.
        let bytes = cx.text.as_bytes();
        let mut done = 0;
        for c in cx.capitals().iter().filter(|c| c.camel) {
            let span = c.span();
            let word = &bytes[span.start..span.end];
            for t in (1..word.len()).filter(|&k| camel_at(word, k)) {
                let t = span.start + t;
                if t < done {
                    continue;
                }
                let token = run_around(cx.text, t, t, 64, |c| c.is_ascii_alphabetic());
                done = token.end;
                if let Some(f) = self.joined(cx, meta, token) {
                    out.push(f);
                }
            }
        }
    }
}

impl JoinedWords {
    fn joined(&self, cx: &Context<'_>, meta: &Meta, token: Span) -> Option<Finding> {
        let text = cx.text;
        let word = &text[token.start..token.end];
        let before = char_before(text, token.start);
        let after = char_at(text, token.end);
        let odd_before =
            |c: char| !c.is_ascii() || c.is_ascii_digit() || "#@_/\\.:&$-'’".contains(c);
        let odd_after = |c: char| {
            (!c.is_ascii() && c.is_alphanumeric()) || c.is_ascii_digit() || "_/@:(-".contains(c)
        };
        let domain = after == Some('.')
            && char_at(text, token.end + 1).is_some_and(|c| c.is_ascii_alphanumeric());
        if before.is_some_and(odd_before) || after.is_some_and(odd_after) || domain {
            return None;
        }
        let parts = camel_parts(word)?;
        if self.allow.contains(&word.to_lowercase()) || NAME_PREFIXES.contains(&parts[0]) {
            return None;
        }
        let window = super::window(text, token.start).as_bytes();
        let lower: Vec<String> = parts.iter().map(|p| p.to_lowercase()).collect();
        let function_first = is_function_word(&lower[0]);
        let phrase = lower.join(" ");
        // Written apart and in lower case: ordinary words, not a brand (`Power Page`).
        // Unless the first part is a function word, the parts must appear apart elsewhere (the
        // cheaper test, and the one most camel-case names fail, so it comes first).
        let confidence = if function_first {
            meta.confidence
        } else if memchr::memmem::find(window, phrase.as_bytes()).is_some() {
            meta.confidence * 0.75
        } else {
            return None;
        };
        if memchr::memmem::find_iter(window, word.as_bytes())
            .nth(1)
            .is_some()
        {
            return None; // used more than once: a name
        }
        // In lower case, as ordinary words, unless the word starts a sentence.
        let starts_sentence = text[..token.start]
            .trim_end_matches([' ', '\t', '"', '“', '‘', '\''])
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n'));
        let split = if starts_sentence {
            with_case_of(word, &phrase)
        } else {
            phrase.clone()
        };
        let message = format!("\"{word}\" looks like words fused without a space");
        let label = if function_first {
            format!("\"{}\" does not start a name", parts[0])
        } else {
            format!("this document writes \"{phrase}\" as two words elsewhere")
        };
        let mut f = meta.finding(cx, token, message, label);
        f.suggestion = Some(split);
        f.confidence = confidence;
        Some(f)
    }
}

/// The parts of a camel-case word (`ManyBridgeheads` -> `Many`, `Bridgeheads`), or `None` for
/// words that are not plain camel case: a lower-case start (`iPhone`), an acronym (`iOS`,
/// `PhD`), a one-letter part.
fn camel_parts(word: &str) -> Option<Vec<&str>> {
    let b = word.as_bytes();
    if !b.first()?.is_ascii_uppercase() {
        return None;
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..b.len() {
        if b[i].is_ascii_uppercase() {
            if b[i - 1].is_ascii_uppercase() {
                return None;
            }
            parts.push(&word[start..i]);
            start = i;
        }
    }
    parts.push(&word[start..]);
    let plain = parts.len() >= 2 && parts.iter().all(|p| p.len() >= 2);
    plain.then_some(parts)
}

/// True when `word` (lower case) occurs in `text` as a word of its own.
pub(super) fn has_lower_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, word.as_bytes()).any(|i| {
        let end = i + word.len();
        let before = i == 0 || !bytes[i - 1].is_ascii_alphabetic();
        let after = bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic());
        before && after
    })
}

/// True when byte `k` of `word` is an ASCII capital after an ASCII lower-case letter.
fn camel_at(word: &[u8], k: usize) -> bool {
    word[k].is_ascii_uppercase() && word[k - 1].is_ascii_lowercase()
}

/// `repeated-word`, with its allowed doubles.
#[derive(Debug)]
pub(super) struct RepeatedWord {
    /// Normalised words whose double is allowed (`had` for `had had`).
    allow: FxHashSet<String>,
}

impl RepeatedWord {
    pub(super) fn new(spec: &CheckSpec) -> Self {
        let allow = spec
            .allow
            .iter()
            .filter_map(|a| {
                let norm = crate::normalise::normalize_str(a);
                let mut words = norm.split(' ');
                let first = words.next()?.to_string();
                words.all(|w| w == first).then_some(first)
            })
            .collect();
        RepeatedWord { allow }
    }
}

impl Check for RepeatedWord {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        for &i in cx.doubles() {
            if let Some(f) = self.repeated(cx, meta, i as usize) {
                out.push(f);
            }
        }
    }
}

impl RepeatedWord {
    fn repeated(&self, cx: &Context<'_>, meta: &Meta, i: usize) -> Option<Finding> {
        let doc = cx.doc;
        let word = doc.word_text(i);
        if word.bytes().any(|b| b.is_ascii_digit()) || self.allow.contains(word) {
            return None;
        }
        let first = doc.original_word(i - 1);
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if capital(doc.original_word(i)) {
            return None; // a name or a title: Duran Duran, law lord Lord Bingham
        }
        if capital(first) && !doc.sentence_break_before(i - 1) {
            return None; // a name or a title inside a sentence: Sha La La
        }
        let span = doc.span_of_words(i - 1, i);
        let message = format!("\"{}\" twice in a row", with_case_of(first, word));
        let label = "the same word repeated".to_string();
        let mut f = meta.finding(cx, span, message, label);
        f.suggestion = Some(first.to_string());
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;

    #[test]
    fn broken_hyphens_are_joined_as_the_document_writes_them() {
        let f = super::super::testing::run(
            "broken-hyphen",
            "The Nagorno-Karabakh war ended. Forces attacked Nagorno- Karabakh again.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "Nagorno- Karabakh");
        assert_eq!(f[0].suggestion.as_deref(), Some("Nagorno-Karabakh"));
        let f = super::super::testing::run("broken-hyphen", "An inter- national summit.");
        assert_eq!(f[0].suggestion.as_deref(), Some("international"));
        let f = super::super::testing::run(
            "broken-hyphen",
            "Seen in international news. An inter- national summit.",
        );
        assert_eq!(f[0].suggestion.as_deref(), Some("international"));
    }

    #[test]
    fn suspended_hyphens_and_dashes_are_not_broken() {
        for text in [
            "books for six- to eight-year-olds",
            "advances in nano- and micro-engineering",
            "Sucks to the cities- it is better here.",
            "one key point- al-Qaeda attacks",
            "the title after- Sally Gunnell won",
            "a list - with spaced dashes - here",
            "pre-\nwar",
        ] {
            assert!(texts("broken-hyphen", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fused_words_are_found() {
        assert_eq!(
            texts(
                "joined-words",
                "Ukraine claims to have built ManyBridgeheads along the bank."
            ),
            ["ManyBridgeheads"]
        );
        assert_eq!(
            texts(
                "joined-words",
                "The peace deal was signed. Both sides called the PeaceDeal historic."
            ),
            ["PeaceDeal"]
        );
    }

    #[test]
    fn names_and_brands_are_not_fused_words() {
        for text in [
            "Buy an iPhone on eBay, then see McDonald, MacKenzie and DiCaprio.",
            "TimeWarner said profits rose. TimeWarner owns AOL.",
            "PlayStation sales rose while the GameCube slipped.",
            "Visit #BlackLivesMatter, @BBCBreaking, www.ManyThings.org or foo/BarBaz.",
            "An iOS update, a PhD, and OptIN.",
            "Videos on YouTube and payments with PayPal.",
        ] {
            assert!(texts("joined-words", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn repeated_words_are_found() {
        assert_eq!(
            texts("repeated-word", "staple of the the firm"),
            ["the the"]
        );
        assert_eq!(texts("repeated-word", "The the firm"), ["The the"]);
        assert_eq!(
            texts("repeated-word", "the foreign\nforeign money"),
            ["foreign\nforeign"]
        );
    }

    #[test]
    fn legitimate_doubles_are_not_repeated_words() {
        for text in [
            "She had had enough.",
            "He said that that was wrong.",
            "Chart stars Duran Duran are back; the musical Spend Spend Spend opened.",
            "He won 6-3 6 6 and 7 7.",
            "I am really really nervous.",
            "the end. The next",
        ] {
            assert!(texts("repeated-word", text).is_empty(), "{text}");
        }
    }
}
