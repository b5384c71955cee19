//! Unicode hygiene: mojibake, confusable letters, invisible characters, replacement characters,
//! text not in NFC.
//!
//! One pass over the non-ASCII characters of the original text (plain ASCII is skipped eight
//! bytes at a time) collects the findings of all five kinds; each is reported on the word it
//! sits in, with the repaired word as the suggestion where there is one. A word is looked at once
//! per kind, so a long run of odd characters costs no more than its length.

use super::{char_at, char_before, is_word_char, next_non_ascii, run_around, Check, Context, Meta};
use crate::findings::Finding;
use crate::span::Span;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// How far a reported word may reach beyond the odd character, in bytes.
const WORD_LIMIT: usize = 64;

/// The five kinds of this family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    Mojibake,
    Confusable,
    Invisible,
    Replacement,
    NotNfc,
    Ligature,
}

/// One detection: the word, its repair (if one can be known), and what is wrong with it.
#[derive(Clone, Debug)]
pub(super) struct Hit {
    span: Span,
    repaired: Option<String>,
    message: String,
    label: String,
}

/// Everything the pass found, by kind.
#[derive(Debug, Default)]
pub(super) struct Scan {
    mojibake: Vec<Hit>,
    confusable: Vec<Hit>,
    invisible: Vec<Hit>,
    replacement: Vec<Hit>,
    not_nfc: Vec<Hit>,
    ligature: Vec<Hit>,
}

/// Reports the hits of one kind.
#[derive(Debug)]
pub(super) struct Report(pub(super) Family);

impl Check for Report {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        let scan = cx.unicode();
        let hits = match self.0 {
            Family::Mojibake => &scan.mojibake,
            Family::Confusable => &scan.confusable,
            Family::Invisible => &scan.invisible,
            Family::Replacement => &scan.replacement,
            Family::NotNfc => &scan.not_nfc,
            Family::Ligature => &scan.ligature,
        };
        for h in hits {
            let mut f = meta.finding(cx, h.span, h.message.clone(), h.label.clone());
            f.suggestion.clone_from(&h.repaired);
            out.push(f);
        }
    }
}

/// Scans `text`; `first` tells whether it starts the document (where a byte-order mark is fine).
pub(super) fn scan(text: &str, first: bool) -> Scan {
    let mut s = Scanner {
        text,
        first,
        out: Scan::default(),
        done: [0; 6],
        rtl: None,
        mojibake_until: 0,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = next_non_ascii(bytes, i) {
        let Some(c) = char_at(text, p) else { break };
        s.visit(p, c);
        i = p + c.len_utf8();
    }
    s.out
}

struct Scanner<'t> {
    text: &'t str,
    first: bool,
    out: Scan,
    /// Per kind, the end of the last word looked at: characters before it are done.
    done: [usize; 6],
    /// Whether the text holds right-to-left letters (computed when first needed).
    rtl: Option<bool>,
    /// End of the last word reported as mojibake (its odd characters are not reported again).
    mojibake_until: usize,
}

impl Scanner<'_> {
    fn visit(&mut self, p: usize, c: char) {
        if p < self.mojibake_until {
            return;
        }
        if c == char::REPLACEMENT_CHARACTER {
            if p >= self.done[4] {
                self.replacement(p);
            }
            return;
        }
        if let Some(name) = invisible_name(c) {
            if p >= self.done[2] {
                self.invisible(p, c, name);
            }
            return;
        }
        if LIGATURES.contains(&c) {
            if p >= self.done[5] {
                self.ligature(p, c);
            }
            return;
        }
        if ('\u{C2}'..='\u{F4}').contains(&c) && p >= self.done[0] {
            self.mojibake(p);
        }
        if matches!(c, '\u{370}'..='\u{3FF}' | '\u{400}'..='\u{4FF}') && p >= self.done[1] {
            self.confusable(p, c);
        }
        let odd = canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes;
        if odd && p >= self.done[3] {
            self.not_nfc(p, c);
        }
    }

    fn mojibake(&mut self, p: usize) {
        let Some((end, _)) = decode_at(self.text, p) else {
            return;
        };
        let run = run_around(self.text, p, end, WORD_LIMIT, |c| !c.is_whitespace());
        self.done[0] = run.end;
        let word = trim_punctuation(self.text, run);
        let written = &self.text[word.start..word.end];
        let (repaired, sequences, strong) = repair(written);
        if sequences == 0 || (!strong && sequences < 2) {
            return;
        }
        self.mojibake_until = word.end;
        self.out.mojibake.push(Hit {
            span: word,
            message: format!(
                "\"{written}\" looks like UTF-8 text read as Windows-1252: \"{repaired}\""
            ),
            label: "mojibake: each accented letter or curly quote became two or three characters"
                .into(),
            repaired: Some(repaired),
        });
    }

    fn confusable(&mut self, p: usize, c: char) {
        let word = run_around(
            self.text,
            p,
            p + c.len_utf8(),
            WORD_LIMIT,
            char::is_alphabetic,
        );
        self.done[1] = word.end;
        let written = &self.text[word.start..word.end];
        let Some((repaired, script)) = unconfuse(written) else {
            return;
        };
        self.out.confusable.push(Hit {
            span: word,
            message: format!("\"{written}\" mixes scripts: it holds {script} look-alike letters"),
            label: format!("reads as \"{repaired}\" but will not match it in search or spelling"),
            repaired: Some(repaired),
        });
    }

    fn invisible(&mut self, p: usize, c: char, name: &str) {
        let end = p + c.len_utf8();
        if c == '\u{FEFF}' && p == 0 && self.first {
            return;
        }
        let joins_letters = || {
            let before = char_before(self.text, p).is_some_and(|b| b.is_ascii_alphabetic());
            let after = char_at(self.text, end).is_some_and(|a| a.is_ascii_alphabetic());
            before && after
        };
        match c {
            '\u{200C}' | '\u{200D}' | '\u{00AD}' if !joins_letters() => return,
            _ if is_bidi_control(c) && self.has_rtl() => return,
            _ => {}
        }
        let in_word = |ch: char| is_word_char(ch) || invisible_name(ch).is_some();
        let word = run_around(self.text, p, end, WORD_LIMIT, in_word);
        self.done[2] = word.end;
        let written = &self.text[word.start..word.end];
        let repaired: String = written
            .chars()
            .filter(|ch| invisible_name(*ch).is_none())
            .collect();
        let shown = if repaired.is_empty() {
            String::new()
        } else {
            format!(" in \"{repaired}\"")
        };
        self.out.invisible.push(Hit {
            span: word,
            message: format!("invisible character U+{:04X} {name}{shown}", c as u32),
            label: "invisible: it breaks search, matching and copy-paste".into(),
            repaired: Some(repaired),
        });
    }

    /// A typographic ligature (`ﬁ`, `ﬂ`), reported on its word, with the letters written out.
    fn ligature(&mut self, p: usize, c: char) {
        let in_word = |ch: char| is_word_char(ch) || LIGATURES.contains(&ch);
        let word = run_around(self.text, p, p + c.len_utf8(), WORD_LIMIT, in_word);
        self.done[5] = word.end;
        let written = &self.text[word.start..word.end];
        let mut repaired = String::with_capacity(written.len());
        for ch in written.chars() {
            match LIGATURES.iter().position(|&l| l == ch) {
                Some(i) => repaired.push_str(LIGATURE_LETTERS[i]),
                None => repaired.push(ch),
            }
        }
        self.out.ligature.push(Hit {
            span: word,
            message: format!("\"{written}\" is written with a ligature character"),
            label: format!(
                "copied from a PDF or typeset page: search and spell checks miss \"{repaired}\""
            ),
            repaired: Some(repaired),
        });
    }

    /// U+FFFD, reported on its word (a run of them counts once): what it stood for is lost, so
    /// there is no suggestion.
    fn replacement(&mut self, p: usize) {
        let in_word = |ch: char| is_word_char(ch) || ch == char::REPLACEMENT_CHARACTER;
        let end = p + char::REPLACEMENT_CHARACTER.len_utf8();
        let word = run_around(self.text, p, end, WORD_LIMIT, in_word);
        self.done[4] = word.end;
        let written = &self.text[word.start..word.end];
        let shown = if written.chars().all(|ch| ch == char::REPLACEMENT_CHARACTER) {
            String::new()
        } else {
            format!(" in \"{written}\"")
        };
        self.out.replacement.push(Hit {
            span: word,
            message: format!("replacement character U+FFFD{shown}: a character was lost"),
            label: "the text was once decoded with the wrong encoding; the original character \
                    is gone"
                .into(),
            repaired: None,
        });
    }

    fn has_rtl(&mut self) -> bool {
        let text = self.text;
        *self
            .rtl
            .get_or_insert_with(|| text.chars().any(is_rtl_letter))
    }

    fn not_nfc(&mut self, p: usize, c: char) {
        let in_word = |ch: char| is_word_char(ch) || canonical_combining_class(ch) != 0;
        let word = run_around(self.text, p, p + c.len_utf8(), WORD_LIMIT, in_word);
        self.done[3] = word.end;
        let written = &self.text[word.start..word.end];
        if unicode_normalization::is_nfc(written) {
            return;
        }
        let repaired: String = written.nfc().collect();
        let marks = written.chars().filter(|ch| is_combining_mark(*ch)).count();
        let how = if marks > 0 {
            "letters and combining accents that compose into single characters"
        } else {
            "characters that Unicode replaces by their canonical equivalents"
        };
        self.out.not_nfc.push(Hit {
            span: word,
            message: format!("\"{written}\" is not in Unicode NFC"),
            label: format!("written with {how}; it looks the same but compares differently"),
            repaired: Some(repaired),
        });
    }
}

/// The Latin ligatures of Unicode's Alphabetic Presentation Forms, and the letters of each.
const LIGATURES: [char; 7] = [
    '\u{FB00}', '\u{FB01}', '\u{FB02}', '\u{FB03}', '\u{FB04}', '\u{FB05}', '\u{FB06}',
];
const LIGATURE_LETTERS: [&str; 7] = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"];

/// `span` without the ASCII punctuation at its ends (`£5.` -> `£5`).
fn trim_punctuation(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let trimmed = s.trim_matches(|c: char| c.is_ascii_punctuation());
    if trimmed.is_empty() {
        return span;
    }
    let start = span.start
        + (s.len()
            - s.trim_start_matches(|c: char| c.is_ascii_punctuation())
                .len());
    Span::new(start, start + trimmed.len())
}

/// Name of an invisible format character worth reporting.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        _ => return None,
    })
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// The byte Windows-1252 (or Latin-1, for its C1 controls) gives `c`, if it is a UTF-8
/// continuation byte (0x80 to 0xBF).
fn continuation_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{BF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// If the characters at `p` are the Windows-1252 reading of one UTF-8 sequence, its end and
/// the character it encodes. A lone `â€` (the reading of `”` whose last byte, undefined in
/// Windows-1252, was dropped) counts as `”`.
fn decode_at(text: &str, p: usize) -> Option<(usize, char)> {
    let mut chars = text[p..].char_indices();
    let (_, lead) = chars.next()?;
    let b0 = u8::try_from(lead as u32).ok()?;
    let need = match b0 {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut buf = [b0, 0, 0, 0];
    let mut end = p + lead.len_utf8();
    for k in 1..=need {
        let next = chars
            .next()
            .and_then(|(i, c)| Some((i, continuation_byte(c)?)));
        match next {
            Some((i, b)) => {
                buf[k] = b;
                end = p + i + char_at(text, p + i).map_or(1, char::len_utf8);
            }
            None if k == 2 && buf[..2] == [0xE2, 0x80] => return Some((end, '”')),
            None => return None,
        }
    }
    let decoded = std::str::from_utf8(&buf[..=need]).ok()?.chars().next()?;
    Some((end, decoded))
}

/// `word` with every mojibake sequence decoded; the number of sequences, and whether one of
/// them has a lead that mojibake of Western text nearly always shows (`Â`, `Ã`, `â`, `ï`, `ð`).
fn repair(word: &str) -> (String, usize, bool) {
    let mut out = String::with_capacity(word.len());
    let (mut n, mut strong) = (0, false);
    let mut i = 0;
    while let Some(c) = char_at(word, i) {
        match decode_at(word, i) {
            Some((end, decoded)) => {
                n += 1;
                strong |= matches!(c, 'Â' | 'Ã' | 'â' | 'ï' | 'ð');
                out.push(decoded);
                i = end;
            }
            None => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    (out, n, strong)
}

/// Cyrillic and Greek letters that look like Latin ones, and their Latin twins.
const CONFUSABLES: &[(char, char)] = &[
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('һ', 'h'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ӏ', 'l'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ѕ', 's'),
    ('у', 'y'),
    ('ԝ', 'w'),
    ('х', 'x'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Ѕ', 'S'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('Ү', 'Y'),
    ('ο', 'o'),
    ('ν', 'v'),
    ('ι', 'i'),
    ('ρ', 'p'),
    ('υ', 'u'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
];

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4FF}').contains(&c)
}

fn is_greek(c: char) -> bool {
    ('\u{370}'..='\u{3FF}').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic())
}

fn latin_twin(c: char) -> Option<char> {
    CONFUSABLES.iter().find(|(k, _)| *k == c).map(|(_, l)| *l)
}

fn cyrillic_twin(c: char) -> Option<char> {
    CONFUSABLES
        .iter()
        .find(|(k, l)| *l == c && is_cyrillic(*k))
        .map(|(k, _)| *k)
}

/// For a word that mixes Latin with Cyrillic or Greek look-alikes, the word in its main script
/// and the name of the odd script. Words whose odd letters have no twin are left alone.
fn unconfuse(word: &str) -> Option<(String, &'static str)> {
    let latin = word.chars().filter(|c| is_latin(*c)).count();
    let cyrillic = word.chars().filter(|c| is_cyrillic(*c)).count();
    let greek = word.chars().filter(|c| is_greek(*c)).count();
    if latin == 0 || cyrillic + greek == 0 {
        return None;
    }
    if latin >= cyrillic + greek {
        let fixed: Option<String> = word
            .chars()
            .map(|c| if is_latin(c) { Some(c) } else { latin_twin(c) })
            .collect();
        let script = if greek == 0 { "Cyrillic" } else { "Greek" };
        return fixed.map(|f| (f, script));
    }
    if greek == 0 {
        let fixed: Option<String> = word
            .chars()
            .map(|c| {
                if is_latin(c) {
                    cyrillic_twin(c)
                } else {
                    Some(c)
                }
            })
            .collect();
        return fixed.map(|f| (f, "Latin"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(family: Family, text: &str) -> Vec<(String, String)> {
        let scan = scan(text, true);
        let hits = match family {
            Family::Mojibake => scan.mojibake,
            Family::Confusable => scan.confusable,
            Family::Invisible => scan.invisible,
            Family::Replacement => scan.replacement,
            Family::NotNfc => scan.not_nfc,
            Family::Ligature => scan.ligature,
        };
        hits.into_iter()
            .map(|h| {
                let word = text[h.span.start..h.span.end].to_string();
                (word, h.repaired.unwrap_or_else(|| "(none)".into()))
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn mojibake_is_repaired() {
        assert_eq!(
            found(
                Family::Mojibake,
                "Bakuâ€™s cafÃ© costs Â£5 and â€œsoâ€\u{9d} on."
            ),
            [
                pair("Bakuâ€™s", "Baku’s"),
                pair("cafÃ©", "café"),
                pair("Â£5", "£5"),
                pair("â€œsoâ€\u{9d}", "“so”"),
            ]
        );
        assert_eq!(
            found(Family::Mojibake, "He said â€œnoâ€ today."),
            [pair("â€œnoâ€", "“no”")]
        );
    }

    #[test]
    fn real_accented_text_is_not_mojibake() {
        for text in [
            "SÃO PAULO and São Paulo",
            "naïve café, Ångström, Æsir, Ðakovo, Ñandú",
            "fermé… bien",
            "Straße — Ärger",
        ] {
            assert!(found(Family::Mojibake, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn confusable_letters_are_named_and_replaced() {
        assert_eq!(
            found(Family::Confusable, "Dmytro Kulebа’s visit"),
            [pair("Kulebа", "Kuleba")]
        );
        assert_eq!(
            found(Family::Confusable, "Москвa"),
            [pair("Москвa", "Москва")]
        );
    }

    #[test]
    fn real_scripts_are_not_confusable() {
        for text in [
            "Дмитрий Кулеба",
            "the β-blocker and α-helix",
            "Ελλάδα and Greece",
            "Zürich",
        ] {
            assert!(found(Family::Confusable, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn invisible_characters_are_removed_from_their_word() {
        assert_eq!(
            found(
                Family::Invisible,
                "peace\u{200b}track and \u{202e}evil and co\u{ad}operate"
            ),
            [
                pair("peace\u{200b}track", "peacetrack"),
                pair("\u{202e}evil", "evil"),
                pair("co\u{ad}operate", "cooperate"),
            ]
        );
    }

    #[test]
    fn legitimate_format_characters_are_left_alone() {
        for text in [
            "\u{feff}A text that starts with a byte-order mark.",
            "emoji 👩\u{200d}💻 sequence",
            "می\u{200c}خواهم",
            "שלום \u{200f}world",
        ] {
            assert!(found(Family::Invisible, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn replacement_characters_are_reported_on_their_word_without_a_suggestion() {
        assert_eq!(
            found(
                Family::Replacement,
                "The caf\u{fffd} don\u{fffd}t \u{fffd}\u{fffd} close\u{fffd}\u{fffd} (\u{fffd})."
            ),
            [
                pair("caf\u{fffd}", "(none)"),
                pair("don\u{fffd}t", "(none)"),
                pair("\u{fffd}\u{fffd}", "(none)"),
                pair("close\u{fffd}\u{fffd}", "(none)"),
                pair("\u{fffd}", "(none)"),
            ]
        );
        assert!(found(Family::Replacement, "A café, naïve, 👩\u{200d}💻.").is_empty());
    }

    #[test]
    fn ligatures_are_written_out() {
        assert_eq!(
            found(
                Family::Ligature,
                "The \u{FB01}nancial e\u{FB00}ect of the \u{FB02}oods."
            ),
            [
                pair("\u{FB01}nancial", "financial"),
                pair("e\u{FB00}ect", "effect"),
                pair("\u{FB02}oods", "floods"),
            ]
        );
        assert!(found(Family::Ligature, "The financial effect, Œuvre and æther.").is_empty());
    }

    #[test]
    fn decomposed_accents_are_not_nfc() {
        assert_eq!(
            found(Family::NotNfc, "Cafe\u{301} and Ångström\u{212b}"),
            [
                pair("Cafe\u{301}", "Café"),
                pair("Ångström\u{212b}", "ÅngströmÅ")
            ]
        );
        assert!(found(Family::NotNfc, "Café, \u{301} alone").is_empty());
    }
}
