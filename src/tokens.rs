//! Words with spans, and what separates each word from the one before it.
//!
//! The tokeniser runs over normalised text (see [`crate::normalise`]). A word is a run of letters,
//! digits and combining marks; an apostrophe, hyphen or full stop between two such runs joins them
//! (`o'brien`, `60-year-old`, `nagorno-karabakh`, `u.s.-hosted`), as does a comma between digits
//! (`100,000`). Everything between two words is summarised as a [`Gap`]: phrases may run across
//! spaces and a single line break (hard-wrapped text), never across punctuation or a blank line.

/// What lies between a word and the word before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The first word of the text.
    Start,
    /// Only spaces or tabs.
    Space,
    /// White space with one line break: a hard wrap inside a paragraph.
    Newline,
    /// Punctuation; `terminal` when it holds `.`, `!`, `?` or `…` (a possible sentence end).
    Punct {
        /// True when the punctuation may end a sentence.
        terminal: bool,
    },
    /// A blank line: a paragraph break.
    Paragraph,
}

impl Gap {
    /// True when a phrase may continue across this gap.
    pub fn joins(self) -> bool {
        matches!(self, Gap::Space | Gap::Newline)
    }
}

/// A word: normalised byte range and the gap before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Start byte in the normalised text.
    pub start: u32,
    /// End byte (exclusive) in the normalised text.
    pub end: u32,
    /// What separates this word from the previous one.
    pub gap: Gap,
}

impl Word {
    /// The word's normalised text.
    pub fn text<'a>(&self, norm: &'a str) -> &'a str {
        &norm[self.start as usize..self.end as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Word,
    Space,
    Newline,
    Joiner,
    Punct,
}

/// Classes of the ASCII bytes, for the hot loops.
static ASCII_CLASS: [Class; 128] = {
    let mut t = [Class::Punct; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => Class::Word,
            b' ' | b'\t' | 0x0B | 0x0C => Class::Space,
            b'\n' => Class::Newline,
            b'\'' | b'-' | b'.' | b',' => Class::Joiner,
            _ => Class::Punct,
        };
        b += 1;
    }
    t
};

fn class_of(c: char) -> Class {
    if c.is_ascii() {
        return ASCII_CLASS[c as usize];
    }
    match c {
        ' ' | '\t' => Class::Space,
        '\n' => Class::Newline,
        '\'' | '-' | '.' | ',' => Class::Joiner,
        _ if c.is_ascii() => Class::Punct,
        _ if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) => {
            Class::Word
        }
        _ if c.is_whitespace() => Class::Space,
        _ => Class::Punct,
    }
}

/// Splits normalised text into words.
pub fn tokenize(norm: &str) -> Vec<Word> {
    let mut words = Vec::with_capacity(norm.len() / 6);
    tokenize_into(norm, &mut words);
    words
}

/// [`tokenize`] into a reused vector (cleared first).
pub fn tokenize_into(norm: &str, words: &mut Vec<Word>) {
    words.clear();
    let bytes = norm.as_bytes();
    let mut gap = GapScan::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 && ASCII_CLASS[b as usize] == Class::Space {
            i += 1;
            continue;
        }
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = norm[i..].chars().next().unwrap_or('\u{fffd}');
            (c, c.len_utf8())
        };
        let class = class_of(c);
        // A combining mark continues a word but never starts one (it may sit on punctuation).
        if class != Class::Word || !(c.is_ascii() || c.is_alphanumeric()) {
            gap.add(
                c,
                if class == Class::Word {
                    Class::Punct
                } else {
                    class
                },
            );
            i += len;
            continue;
        }
        let end = word_end(norm, i + len);
        words.push(Word {
            start: i as u32,
            end: end as u32,
            gap: if words.is_empty() {
                Gap::Start
            } else {
                gap.finish()
            },
        });
        gap = GapScan::default();
        i = end;
        // Most words follow the last after one space: no gap to scan.
        while bytes.get(i) == Some(&b' ')
            && bytes.get(i + 1).is_some_and(|&b| ASCII_WORD[b as usize])
        {
            let end = word_end(norm, i + 2);
            words.push(Word {
                start: i as u32 + 1,
                end: end as u32,
                gap: Gap::Space,
            });
            i = end;
        }
    }
}

/// Bytes that are ASCII word characters (every non-ASCII byte is `false`).
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(ASCII_CLASS[b], Class::Word);
        b += 1;
    }
    t
};

/// End of the run of `a-z0-9` bytes at `pos`, testing eight bytes at a time (SWAR): each
/// byte's high bit says whether it is in range, with no branch per byte.
fn lower_alnum_run(bytes: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let x = v & !HIGH;
        // High bit set where lo <= byte <= hi (no carries: every sum stays below 0x100).
        let in_range = |lo: u64, hi: u64| (x + (0x80 - lo) * ONES) & !(x + (0x7f - hi) * ONES);
        let word = (in_range(0x61, 0x7a) | in_range(0x30, 0x39)) & !v & HIGH;
        if word != HIGH {
            return pos + ((!word & HIGH).trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}

/// End of the word whose first char ends at `pos`: word chars, and joiners between word chars.
fn word_end(norm: &str, mut pos: usize) -> usize {
    let bytes = norm.as_bytes();
    loop {
        // Fast path over ASCII word bytes, eight at a time.
        pos = lower_alnum_run(bytes, pos);
        while pos < bytes.len() && ASCII_WORD[bytes[pos] as usize] {
            pos += 1;
        }
        let Some(&b) = bytes.get(pos) else {
            return pos;
        };
        if b < 0x80 {
            if ASCII_CLASS[b as usize] != Class::Joiner {
                return pos;
            }
            match joined_after(norm, pos) {
                Some(next) => pos = next,
                None => return pos,
            }
            continue;
        }
        let c = norm[pos..].chars().next().unwrap_or(' ');
        match class_of(c) {
            Class::Word => pos += c.len_utf8(),
            Class::Joiner => match joined_after(norm, pos) {
                Some(next) => pos = next,
                None => return pos,
            },
            _ => return pos,
        }
    }
}

/// If one or two joiners at `pos` are followed by a word char, the position after them.
fn joined_after(norm: &str, pos: usize) -> Option<usize> {
    let bytes = norm.as_bytes();
    let prev_digit = pos > 0 && bytes[pos - 1].is_ascii_digit();
    let mut p = pos;
    for _ in 0..2 {
        let b = *bytes.get(p)?;
        if b == b',' && !(prev_digit && bytes.get(p + 1).is_some_and(u8::is_ascii_digit)) {
            return None;
        }
        p += 1;
        let c = norm[p..].chars().next()?;
        match class_of(c) {
            Class::Word => return Some(p),
            Class::Joiner if b != b',' => continue,
            _ => return None,
        }
    }
    None
}

#[derive(Default)]
struct GapScan {
    newlines: u32,
    blank: bool,
    punct: bool,
    terminal: bool,
}

impl GapScan {
    fn add(&mut self, c: char, class: Class) {
        match class {
            Class::Newline => {
                self.newlines += 1;
                if self.newlines >= 2 {
                    self.blank = true;
                }
            }
            Class::Space => {}
            _ => {
                self.punct = true;
                // Text between two line breaks is not a blank line.
                self.newlines = 0;
                self.terminal |= matches!(c, '.' | '!' | '?' | '…');
            }
        }
    }

    fn finish(&self) -> Gap {
        if self.blank {
            Gap::Paragraph
        } else if self.punct {
            Gap::Punct {
                terminal: self.terminal,
            }
        } else if self.newlines == 1 {
            Gap::Newline
        } else {
            Gap::Space
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalize;

    fn words(text: &str) -> Vec<String> {
        let n = normalize(text);
        tokenize(n.as_str())
            .iter()
            .map(|w| w.text(n.as_str()).to_string())
            .collect()
    }

    #[test]
    fn keeps_joined_words_whole() {
        assert_eq!(
            words("O’Brien’s U.S.-hosted talks: a 60-year-old in Nagorno-Karabakh, 100,000 fled."),
            [
                "o'brien's",
                "u.s.-hosted",
                "talks",
                "a",
                "60-year-old",
                "in",
                "nagorno-karabakh",
                "100,000",
                "fled"
            ]
        );
    }

    #[test]
    fn trailing_joiners_are_not_part_of_words() {
        assert_eq!(
            words("the U.S. - and 'quoted' end,"),
            ["the", "u.s", "and", "quoted", "end"]
        );
    }

    #[test]
    fn gaps_tell_spaces_wraps_punctuation_and_paragraphs() {
        let n = normalize("peace\ntrack, and then.\n\nNext   one");
        let gaps: Vec<Gap> = tokenize(n.as_str()).iter().map(|w| w.gap).collect();
        assert_eq!(
            gaps,
            [
                Gap::Start,
                Gap::Newline,
                Gap::Punct { terminal: false },
                Gap::Space,
                Gap::Paragraph,
                Gap::Space
            ]
        );
    }

    #[test]
    fn eight_byte_scan_agrees_with_the_byte_table() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789 x9z-`{/:@[\u{e9}";
        for start in 0..text.len() {
            let fast = lower_alnum_run(text.as_bytes(), start);
            let slow = start
                + text.as_bytes()[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    .count();
            // The eight-byte scan may stop early only in the last seven bytes.
            assert!(
                fast == slow || (fast < slow && text.len() - fast < 8),
                "{start}"
            );
        }
    }

    #[test]
    fn unicode_letters_are_word_characters() {
        assert_eq!(words("Kulebа’s café naïve"), ["kulebа's", "café", "naïve"]);
    }
}
