//! `a-or-an`: an indefinite article that does not fit the sound of the next word.
//!
//! A spinner swaps the word after an article without changing the article ("an concept" for
//! "an idea", "a enormous" for "a huge"). The sound is judged from spelling: a vowel letter,
//! except the common words that start with a "y" or "w" sound (`uni…`, `use…`, `eu…`, `one`),
//! and the silent-h words (`hour`, `honest`, `honour`, `heir`); a single letter or a two-letter
//! abbreviation by the name of its first letter ("an MP", "a US envoy"). [`disagrees`] is that
//! judgement, which `audit` also counts as evidence. The check reports only what a reader would
//! call a slip: it leaves alone "an" before an h (`an historic`, a style), capital abbreviations
//! of three letters or more (`a NATO summit` is read as a word, `an FBI agent` by its letters),
//! and a capital `A` inside a sentence (`Plan A`, `grade A`).

use super::{Check, Context, Meta};
use crate::findings::{Applicability, Finding};
use crate::tokens::Gap;

/// The rule id the bundled `hygiene` pack reports this check under.
pub const RULE: &str = "a-or-an";

/// Prefixes of words that start with a vowel letter but a consonant sound.
const CONSONANT_SOUND: &[&str] = &[
    "uni", "use", "usu", "usa", "ute", "uti", "uto", "ura", "uri", "uro", "uru", "uga", "ubiq",
    "unani", "eu", "one", "once", "ewe", "uk", "ufo", "oui",
];
/// Prefixes of words that start with a silent h.
const VOWEL_SOUND: &[&str] = &["hour", "honest", "honour", "honor", "heir"];
/// Letters whose names start with a vowel sound.
const VOWEL_LETTERS: &str = "AEFHILMNORSX";

/// True when `article` (`a` or `an`, lower case) does not fit the sound of `next`, the word
/// written after it (leading quotes and brackets are skipped; words that start with no letter,
/// such as numbers, never disagree).
pub(crate) fn disagrees(article: &str, next: &str) -> bool {
    let letters = letters_of(next);
    let Some(&first) = letters.first() else {
        return false;
    };
    let starts =
        |p: &str| letters.len() >= p.len() && letters[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let capitals = letters
        .iter()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    let un_prefix = starts("unin") || starts("unim") || starts("unid");
    // Short words without a vowel are read by their letters too (`ntl`, `mp3`).
    let unpronounceable =
        letters.len() <= 4 && !letters.iter().any(|b| b"aeiouyAEIOUY".contains(b));
    let vowel = if letters.len() == 1 || capitals >= 2 || unpronounceable {
        VOWEL_LETTERS
            .as_bytes()
            .contains(&first.to_ascii_uppercase())
    } else if VOWEL_SOUND.iter().any(|p| starts(p)) {
        true
    } else {
        b"aeiou".contains(&first.to_ascii_lowercase())
            && (un_prefix || !CONSONANT_SOUND.iter().any(|p| starts(p)))
    };
    (article == "a") == vowel
}

/// The ASCII letters `word` starts with, after opening quotes and brackets.
fn letters_of(word: &str) -> &[u8] {
    let word = word.trim_start_matches(['"', '\'', '“', '‘', '(']);
    let bytes = word.as_bytes();
    &bytes[..bytes
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(bytes.len())]
}

/// `a-or-an`.
#[derive(Debug)]
pub(super) struct AOrAn;

impl Check for AOrAn {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let words = doc.words();
        for &i in cx.articles() {
            let i = i as usize;
            if i + 1 >= words.len() || !matches!(words[i + 1].gap, Gap::Space | Gap::Newline) {
                continue;
            }
            let article = if words[i].end - words[i].start == 1 {
                "a"
            } else {
                "an"
            };
            if surely_agrees(article, doc.word_text(i + 1).as_bytes()) {
                continue;
            }
            if let Some(f) = slip(cx, meta, i, article) {
                out.push(f);
            }
        }
    }
}

/// True when `article` fits the normalised (lower-case) word after it however that word is
/// capitalised: "a" before a letter whose sound and name both start with a consonant (`b`,
/// `c`, `d`, ...), "an" before `a` or `i`. Most articles are settled here, without reading the
/// original text.
fn surely_agrees(article: &str, next: &[u8]) -> bool {
    match (article, next.first()) {
        ("a", Some(b)) => b"bcdgjkpqtvwyz".contains(b),
        ("an", Some(b)) => b"ai".contains(b),
        _ => false,
    }
}

/// The finding on article `i` and the word after it, when the article is a slip.
fn slip(cx: &Context<'_>, meta: &Meta, i: usize, article: &str) -> Option<Finding> {
    let doc = cx.doc;
    let written = doc.original_word(i);
    if !matches!(written, "a" | "A" | "an" | "An" | "AN") {
        return None;
    }
    if written == "A" && !doc.sentence_break_before(i) {
        return None; // a letter: Plan A, grade A, vitamin A
    }
    let next = doc.original_word(i + 1);
    let letters = letters_of(next);
    let abbreviation = letters
        .iter()
        .take_while(|b| b.is_ascii_uppercase())
        .count()
        >= 3;
    // A domain or an address is read in ways spelling does not show (`an fbi.gov page`).
    let address = next.contains(['@', '/']) || next.trim_end_matches(['.', ',']).contains('.');
    let h = letters
        .first()
        .is_some_and(|b| b.eq_ignore_ascii_case(&b'h'));
    if abbreviation || address || (article == "an" && h) || !disagrees(article, next) {
        return None;
    }
    let (right, sound) = if article == "a" {
        ("an", "a vowel")
    } else {
        ("a", "a consonant")
    };
    let right = match written {
        "A" | "An" => capitalised(right),
        "AN" => right.to_ascii_uppercase(),
        _ => right.to_string(),
    };
    let (a, b) = (doc.span_of_words(i, i), doc.span_of_words(i + 1, i + 1));
    let span = crate::span::Span::new(a.start, b.end);
    let message = format!("\"{written}\" before \"{next}\", which starts with {sound} sound");
    let label = format!("write \"{right}\" here");
    let mut f = meta.finding(cx, span, message, label);
    f.suggestion = Some(format!("{right}{}", &cx.text[a.end..b.end]));
    f.applicability = Applicability::Unsafe;
    Some(f)
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{repairs, texts};
    use super::disagrees;

    #[test]
    fn sounds_not_letters_decide() {
        for (article, next) in [
            ("a", "university"),
            ("a", "European"),
            ("a", "one-off"),
            ("an", "hour"),
            ("an", "honest"),
            ("an", "MP"),
            ("a", "US"),
            ("an", "X-ray"),
            ("a", "UK"),
            ("an", "8%"),
            ("a", "1990s"),
            ("a", "Uruguayan"),
            ("a", "utopian"),
            ("a", "unanimous"),
            ("an", "unable"),
            ("an", "unidentified"),
            ("an", "unannounced"),
            ("an", "ntl"),
            ("an", "MSc"),
            ("an", "MPs'"),
            ("a", "PhD"),
            ("a", "“huge”"),
        ] {
            assert!(!disagrees(article, next), "{article} {next}");
        }
        for (article, next) in [("an", "university"), ("a", "MP"), ("a", "enormous")] {
            assert!(disagrees(article, next), "{article} {next}");
        }
    }

    #[test]
    fn a_swapped_word_after_an_article_is_reported_with_the_right_article() {
        let pair = |a: &str, b: &str| (a.to_string(), Some(b.to_string()));
        assert_eq!(
            repairs(
                "a-or-an",
                "It gave an concept of the place and a enormous relief."
            ),
            [
                pair("an concept", "a concept"),
                pair("a enormous", "an enormous")
            ]
        );
        assert_eq!(
            repairs("a-or-an", "An big crowd came.\nA\nenormous one."),
            [pair("An big", "A big"), pair("A\nenormous", "An\nenormous")]
        );
    }

    #[test]
    fn styles_letters_and_abbreviations_are_left_alone() {
        for text in [
            "It was an historic day, an hotel and an herb garden.",
            "Plan A is better than Plan B, and grade A eggs cost more.",
            "He joined a NATO summit and an FBI agent came, a UEFA official too.",
            "She met a US envoy, an MP and a European official at a one-off event.",
            "It cost a 11m dollars.",
            "See an fbi.gov page or a e.on bill.",
            "Take a (enormous) risk.",
            "The word a, and then a.",
        ] {
            assert!(texts("a-or-an", text).is_empty(), "{text}");
        }
    }
}
