//! Quotation marks: displaced and detached quotes, quotes left open, mixed quote styles.
//!
//! Quotes are paired within each paragraph with a small stack, reading each mark by its glyph
//! and by what touches it: a mark with a space before and a letter after opens, a mark glued to
//! a word and followed by a space or punctuation closes. What is not a quotation is left alone:
//! apostrophes (`Baku’s`, `O’Brien`, `the US’ role`, `’90s`, `'em`), inch marks (`12"`),
//! guillemets (`«…»`, `»…«`) and the low-9 conventions (`„…“`, `‚…‘`), where the glyph that
//! opens in English closes. A quotation may run over several paragraphs when each new one opens
//! with a quote, as dialogue does. The one subtle case is a closing quote that closes nothing,
//! glued to a word and followed by more of the sentence (`Washington continues” to help`): that
//! is an opening quote moved one word too far, and it is reported and then treated as an
//! opening quote, so that the closing quote that follows pairs with it and stays silent.

use super::{char_at, char_before, is_word_char, run_around, Check, Context, Meta};
use crate::findings::Finding;
use crate::span::Span;

/// One quotation-mark glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glyph {
    /// `"`
    Straight2,
    /// `“`
    Open2,
    /// `”`
    Close2,
    /// `„`
    Low2,
    /// `'`
    Straight1,
    /// `‘`
    Open1,
    /// `’`
    Close1,
    /// `‚`
    Low1,
}

impl Glyph {
    fn of(c: char) -> Option<Glyph> {
        Some(match c {
            '"' => Glyph::Straight2,
            '“' => Glyph::Open2,
            '”' => Glyph::Close2,
            '„' => Glyph::Low2,
            '\'' => Glyph::Straight1,
            '‘' => Glyph::Open1,
            '’' => Glyph::Close1,
            '‚' => Glyph::Low1,
            _ => return None,
        })
    }

    fn double(self) -> bool {
        matches!(
            self,
            Glyph::Straight2 | Glyph::Open2 | Glyph::Close2 | Glyph::Low2
        )
    }

    /// The opening glyph of the same style.
    fn opener(self) -> char {
        match self {
            Glyph::Straight2 => '"',
            Glyph::Straight1 => '\'',
            g if g.double() => '“',
            _ => '‘',
        }
    }
}

/// Where a mark sits relative to its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Space (or line start, or an opening bracket) before, a word after: opens.
    Opening,
    /// A word or punctuation before, space or punctuation after: closes.
    Closing,
    /// Space on both sides.
    Floating,
    /// Word characters on both sides (an apostrophe, or a quote glued on both sides).
    Inner,
}

/// A quotation mark in the text.
#[derive(Clone, Copy, Debug)]
struct Mark {
    pos: usize,
    end: usize,
    glyph: Glyph,
    place: Place,
}

/// An opened quotation waiting for its closing mark.
#[derive(Clone, Copy, Debug)]
struct Open {
    mark: Mark,
    /// Already reported (a displaced or detached quote): not reported again as unclosed.
    reported: bool,
}

/// A problem found, ready to become a finding of one kind.
#[derive(Clone, Debug)]
struct Hit {
    span: Span,
    message: String,
    label: String,
    suggestion: Option<String>,
}

/// What the quote pass found.
#[derive(Debug, Default)]
pub(super) struct Scan {
    placement: Vec<Hit>,
    unbalanced: Vec<Hit>,
    mixed: Option<Hit>,
}

/// `quote-placement`: displaced and detached quotes.
#[derive(Debug)]
pub(super) struct Placement;

/// `unbalanced-quote`: quotes left open or closing nothing in their paragraph.
#[derive(Debug)]
pub(super) struct Unbalanced;

/// `mixed-quotes`: straight and curly double quotes in one document.
#[derive(Debug)]
pub(super) struct Mixed;

fn emit(hits: &[Hit], cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
    for h in hits {
        let mut f = meta.finding(cx, h.span, h.message.clone(), h.label.clone());
        f.suggestion = h.suggestion.clone();
        out.push(f);
    }
}

impl Check for Placement {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        emit(&cx.quotes().placement, cx, meta, out);
    }
}

impl Check for Unbalanced {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        emit(&cx.quotes().unbalanced, cx, meta, out);
    }
}

impl Check for Mixed {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        emit(cx.quotes().mixed.as_slice(), cx, meta, out);
    }
}

thread_local! {
    /// The marks buffer, kept between parts and documents checked on one thread.
    static MARKS: std::cell::RefCell<Vec<Mark>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Pairs the quotation marks of `text`.
pub(super) fn scan(text: &str) -> Scan {
    MARKS.with(|buffer| {
        let mut marks = buffer.borrow_mut();
        collect(text, &mut marks);
        pair(text, &marks)
    })
}

fn pair(text: &str, marks: &[Mark]) -> Scan {
    let mut p = Pairing {
        text,
        stack: Vec::new(),
        out: Scan::default(),
        last_close1: 0,
        straight: (0, None),
        curly: (0, None),
    };
    for (k, m) in marks.iter().enumerate() {
        if k > 0 {
            p.between(marks[k - 1].end, m);
        }
        p.mark(*m);
    }
    p.paragraph_end();
    p.mixed();
    p.out
}

/// Every quotation mark of `text`, classified by place.
fn collect(text: &str, marks: &mut Vec<Mark>) {
    let bytes = text.as_bytes();
    marks.clear();
    let mut i = 0;
    // Every curly quote is encoded as E2 80 xx.
    while let Some(off) = memchr::memchr3(b'"', b'\'', 0xE2, &bytes[i..]) {
        let pos = i + off;
        let c = char_at(text, pos).unwrap_or(' ');
        let end = pos + c.len_utf8();
        i = end;
        // The common case, an apostrophe between letters (`it's`), is no quotation mark.
        let letter = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphabetic);
        if c == '\'' && letter(pos.checked_sub(1).map(|p| &bytes[p])) && letter(bytes.get(end)) {
            continue;
        }
        if let Some(glyph) = Glyph::of(c) {
            marks.push(Mark {
                pos,
                end,
                glyph,
                place: place(text, pos, end),
            });
        }
    }
}

fn place(text: &str, pos: usize, end: usize) -> Place {
    // The common case, ASCII on both sides, from a table.
    let bytes = text.as_bytes();
    let b = pos.checked_sub(1).map(|p| bytes[p]);
    let a = bytes.get(end).copied();
    if b.is_none_or(|b| b < 0x80) && a.is_none_or(|a| a < 0x80) {
        return place_ascii(b, a);
    }
    place_chars(text, pos, end)
}

/// [`place`] with ASCII (or nothing) on both sides.
fn place_ascii(before: Option<u8>, after: Option<u8>) -> Place {
    let space = |b: Option<u8>| b.is_none_or(|b| b.is_ascii_whitespace());
    let open_before = before.is_none_or(|b| b.is_ascii_whitespace() || b"([{<-/\"'".contains(&b));
    let closed_after =
        after.is_none_or(|a| a.is_ascii_whitespace() || b".,;:!?)]}>\"'".contains(&a));
    match (open_before, closed_after) {
        (true, true) if space(after) && space(before) => Place::Floating,
        (true, false) => Place::Opening,
        (false, true) | (true, true) => Place::Closing,
        (false, false) => Place::Inner,
    }
}

fn place_chars(text: &str, pos: usize, end: usize) -> Place {
    let before = char_before(text, pos);
    let after = char_at(text, end);
    let open_before = before
        .is_none_or(|c| c.is_whitespace() || "([{<—–-/".contains(c) || Glyph::of(c).is_some());
    let closed_after = after
        .is_none_or(|c| c.is_whitespace() || ".,;:!?)]}>…—–".contains(c) || Glyph::of(c).is_some());
    let space_after = after.is_none_or(char::is_whitespace);
    match (open_before, closed_after) {
        (true, true) if space_after && before.is_none_or(char::is_whitespace) => Place::Floating,
        (true, false) => Place::Opening,
        (false, true) => Place::Closing,
        (true, true) => Place::Closing,
        (false, false) => Place::Inner,
    }
}

/// The pairing state over one part.
struct Pairing<'t> {
    text: &'t str,
    stack: Vec<Open>,
    out: Scan,
    /// End of the last `’` seen (a possible closer of a `‘`).
    last_close1: usize,
    /// Straight and curly double quotes: count and first position.
    straight: (usize, Option<Mark>),
    curly: (usize, Option<Mark>),
}

impl Pairing<'_> {
    fn mark(&mut self, m: Mark) {
        if m.glyph.double() {
            self.double(m);
        } else {
            self.single(m);
        }
    }

    fn count_style(&mut self, m: Mark) {
        let style = if m.glyph == Glyph::Straight2 {
            &mut self.straight
        } else {
            &mut self.curly
        };
        style.0 += 1;
        style.1.get_or_insert(m);
    }

    fn push(&mut self, mark: Mark, reported: bool) {
        self.stack.push(Open { mark, reported });
    }

    /// Index of the innermost open double quote.
    fn open_double(&self) -> Option<usize> {
        self.stack.iter().rposition(|o| o.mark.glyph.double())
    }

    fn close_double(&mut self, at: usize) {
        self.stack.truncate(at);
    }

    /// True when a sentence ends right before the mark: an opening quote there, with a quote
    /// still open, starts a new quotation (paragraphs of dialogue run together).
    fn after_sentence(&self, m: Mark) -> bool {
        self.text[..m.pos]
            .trim_end()
            .ends_with(['.', '!', '?', '…', ':'])
    }

    fn double(&mut self, m: Mark) {
        let mut open = self.open_double();
        if m.place == Place::Opening && m.glyph != Glyph::Close2 && self.after_sentence(m) {
            if let Some(i) = open.filter(|&i| self.stack[i].mark.glyph != Glyph::Low2) {
                self.close_double(i);
                open = None;
            }
        }
        match m.glyph {
            Glyph::Straight2 => {
                if m.place == Place::Closing
                    && char_before(self.text, m.pos).is_some_and(|c| c.is_ascii_digit())
                    && open.is_none()
                {
                    return; // an inch mark: 12"
                }
                self.count_style(m);
                match open {
                    Some(i)
                        if m.place != Place::Opening
                            || self.stack[i].mark.glyph == Glyph::Straight2 =>
                    {
                        self.close_double(i)
                    }
                    None if m.place == Place::Closing => self.orphan_close(m),
                    _ => self.push(m, false),
                }
            }
            Glyph::Open2 => {
                self.count_style(m);
                let low_open = open.filter(|&i| self.stack[i].mark.glyph == Glyph::Low2);
                let closes = open.is_some() && m.place == Place::Closing;
                match low_open {
                    Some(i) => self.close_double(i),
                    None if closes => self.close_double(open.unwrap_or(0)),
                    None if m.place == Place::Floating => {
                        self.detached(m);
                        self.push(m, true);
                    }
                    None => self.push(m, false),
                }
            }
            Glyph::Low2 => {
                self.count_style(m);
                self.push(m, false);
            }
            Glyph::Close2 => {
                self.count_style(m);
                match open {
                    Some(i) => self.close_double(i),
                    // Swedish and Finnish open with ” too.
                    None if m.place == Place::Opening => self.push(m, false),
                    None => self.orphan_close(m),
                }
            }
            _ => {}
        }
    }

    fn single(&mut self, m: Mark) {
        let after = char_at(self.text, m.end);
        let elision = after.is_some_and(|c| c.is_ascii_digit()) || self.elided_word(m.end);
        let top_single = self.stack.last().is_some_and(|o| !o.mark.glyph.double());
        match (m.glyph, m.place) {
            (_, Place::Inner) => {}
            (Glyph::Open1, Place::Floating) => {
                self.detached(m);
                self.push(m, true);
            }
            (Glyph::Open1 | Glyph::Straight1 | Glyph::Low1, Place::Opening) if !elision => {
                self.push(m, false)
            }
            (Glyph::Close1, _) => {
                self.last_close1 = m.end;
                if top_single && m.place == Place::Closing {
                    self.stack.pop();
                }
            }
            (Glyph::Straight1 | Glyph::Open1, Place::Closing) if top_single => {
                self.stack.pop();
            }
            _ => {}
        }
    }

    /// True when the word at `pos` is one that an apostrophe shortens (`'em`, `'n'`, `'tis`).
    fn elided_word(&self, pos: usize) -> bool {
        let word: String = self.text[pos..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .take(6)
            .flat_map(char::to_lowercase)
            .collect();
        matches!(
            word.as_str(),
            "em" | "n" | "tis" | "twas" | "cause" | "til" | "bout" | "round"
        )
    }

    /// A closing quote that closes nothing. Straight quotes have no direction, so a straight
    /// one that closes nothing is as likely a lost opening quote: only curly ones are reported.
    fn orphan_close(&mut self, m: Mark) {
        if m.glyph == Glyph::Straight2 {
            return;
        }
        if let Some(word) = self.displaced(m) {
            self.out.placement.push(self.displaced_hit(m, word));
            self.push(m, true);
            return;
        }
        let quote = &self.text[m.pos..m.end];
        self.out.unbalanced.push(Hit {
            span: Span::new(m.pos, m.end),
            message: format!("closing quote {quote} has no opening quote in its paragraph"),
            label: "nothing opens this quotation".into(),
            suggestion: None,
        });
    }

    /// The finding on a displaced opening quote glued to `word`. The quote has moved to the end
    /// of the word the quotation starts with (`continues” to help` for `“continues to help`) or
    /// of the word before it (`that” the United States` for `that “the United States`). A
    /// quotation seldom starts right after a verb or noun in lower case and often right after a
    /// function word or a name, which decides the suggestion; the label names both readings.
    fn displaced_hit(&self, m: Mark, word: Span) -> Hit {
        let written = &self.text[word.start..m.pos];
        let rest = &self.text[m.end..];
        let gap = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
        let next_start = m.end + gap.len();
        let next = &self.text
            [next_start..run_around(self.text, next_start, next_start, 64, is_word_char).end];
        let opener = m.glyph.opener();
        let lower = written.to_lowercase();
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let after = super::spacing::is_function_word(&lower) || capital(written) || capital(next);
        // Moving the mark pairs it only with a closing mark later in the paragraph; without
        // one the move would leave a quotation open (`a “disaster and left.`): no suggestion.
        let closer = &self.text[m.pos..m.end];
        let rest = &self.text[m.end..];
        let paragraph = rest.find("\n\n").map_or(rest, |i| &rest[..i]);
        let suggestion = if !paragraph.contains(closer) {
            None
        } else if after {
            Some(format!("{written}{gap}{opener}"))
        } else {
            Some(format!("{opener}{written}{gap}"))
        };
        Hit {
            span: Span::new(word.start, next_start),
            message: format!(
                "closing quote after \"{written}\" closes nothing: it looks like a displaced opening quote"
            ),
            label: format!(
                "the quotation opens just before \"{written}\" or just after it, before \"{next}\""
            ),
            suggestion,
        }
    }

    /// The word a closing quote is glued to, when more of the sentence follows the quote.
    fn displaced(&self, m: Mark) -> Option<Span> {
        let glued = char_before(self.text, m.pos).is_some_and(|c| c.is_alphanumeric());
        let rest = &self.text[m.end..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let continues = spaces > 0 && char_at(rest, spaces).is_some_and(|c| c.is_alphanumeric());
        if !glued || !continues {
            return None;
        }
        let in_word = |c: char| is_word_char(c) || matches!(c, '’' | '\'' | '-');
        let word = run_around(self.text, m.pos, m.pos, 64, in_word);
        (word.start < m.pos).then_some(word)
    }

    /// An opening quote with a space after it.
    fn detached(&mut self, m: Mark) {
        let rest = &self.text[m.end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let word = run_around(self.text, m.end + gap, m.end + gap, 64, is_word_char);
        if gap == 0 || word.is_empty() {
            return;
        }
        let quote = &self.text[m.pos..m.end];
        let next = &self.text[word.start..word.end];
        let mut label = "an opening quote belongs against the word it opens".to_string();
        let before = self.text[..m.pos].trim_end();
        if m.glyph == Glyph::Open1 && before.ends_with(['s', 'S']) && before.len() < m.pos {
            let owner =
                &before[run_around(before, before.len(), before.len(), 64, is_word_char).start..];
            label = format!(
                "if this is the apostrophe of a plural possessive, write \"{owner}’ {next}\""
            );
        }
        self.out.placement.push(Hit {
            span: Span::new(m.pos, word.end),
            message: format!("opening quote {quote} followed by a space"),
            label,
            suggestion: Some(format!("{quote}{next}")),
        });
    }

    /// Handles the text between the mark ending at `from` and the mark `next`: paragraph ends,
    /// and dialogue that opens each new paragraph with a quote.
    fn between(&mut self, from: usize, next: &Mark) {
        if self.stack.is_empty() {
            return;
        }
        let gap = &self.text[from..next.pos];
        let Some(first_nl) = memchr::memchr(b'\n', gap.as_bytes()) else {
            return;
        };
        let last_nl = memchr::memrchr(b'\n', gap.as_bytes()).unwrap_or(first_nl);
        let at_line_start = gap[last_nl + 1..].trim().is_empty();
        let inner = &gap[first_nl + 1..last_nl.max(first_nl + 1)];
        let adjacent = inner.trim().is_empty();
        let blank = last_nl > first_nl && inner.split('\n').any(|l| l.trim().is_empty());
        let line_ends_sentence = self.text[..from + first_nl]
            .trim_end()
            .ends_with(['.', '!', '?', '…', ':', ',', '"', '”', '’', '\'']);
        let opens = matches!(next.place, Place::Opening)
            && matches!(
                next.glyph,
                Glyph::Straight2
                    | Glyph::Open2
                    | Glyph::Low2
                    | Glyph::Close2
                    | Glyph::Open1
                    | Glyph::Straight1
            );
        let continued = adjacent && at_line_start && opens && (blank || line_ends_sentence);
        if continued {
            self.stack.clear();
        } else if blank {
            self.paragraph_end();
        }
    }

    /// Reports the quotes still open when a paragraph ends.
    fn paragraph_end(&mut self) {
        for open in std::mem::take(&mut self.stack) {
            let m = open.mark;
            let report = !open.reported
                && match m.glyph {
                    Glyph::Open1 => self.last_close1 <= m.pos,
                    Glyph::Straight2 => false,
                    g => g.double(),
                };
            if report {
                let quote = &self.text[m.pos..m.end];
                self.out.unbalanced.push(Hit {
                    span: Span::new(m.pos, m.end),
                    message: format!("opening quote {quote} is never closed in its paragraph"),
                    label: "the paragraph ends before a closing quote".into(),
                    suggestion: None,
                });
            }
        }
    }

    /// One finding at the first quote of the rarer style, when both styles occur.
    fn mixed(&mut self) {
        let (Some(first_straight), Some(first_curly)) = (self.straight.1, self.curly.1) else {
            return;
        };
        let (s, c) = (self.straight.0, self.curly.0);
        // Straight quotes become curly ones; the other way round is a house style's call.
        let (m, suggestion) = if s <= c {
            let curly = if first_straight.place == Place::Opening {
                "“"
            } else {
                "”"
            };
            (first_straight, Some(curly.to_string()))
        } else {
            (first_curly, None)
        };
        self.out.mixed = Some(Hit {
            span: Span::new(m.pos, m.end),
            message: "this document mixes straight (\") and curly (“ ”) double quotes".into(),
            label: format!(
                "the rarer style: {c} curly and {s} straight double quotes in this document"
            ),
            suggestion,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placement(text: &str) -> Vec<String> {
        scan(text)
            .placement
            .iter()
            .map(|h| text[h.span.start..h.span.end].to_string())
            .collect()
    }

    fn unbalanced(text: &str) -> Vec<String> {
        scan(text)
            .unbalanced
            .iter()
            .map(|h| format!("{}@{}", &text[h.span.start..h.span.end], h.span.start))
            .collect()
    }

    fn silent(text: &str) {
        let s = scan(text);
        assert!(
            s.placement.is_empty() && s.unbalanced.is_empty(),
            "{text:?}: {:?} {:?}",
            s.placement,
            s.unbalanced
        );
    }

    #[test]
    fn displaced_opening_quote_is_reported_once_and_pairs_later() {
        let text = "Miller said that Washington continues” to help peace deals between Azerbaijan and Armenia” during a briefing.";
        assert_eq!(placement(text), ["continues” "]);
        assert!(unbalanced(text).is_empty());
        let s = scan(text);
        assert_eq!(s.placement[0].suggestion.as_deref(), Some("“continues "));
    }

    #[test]
    fn a_displaced_quote_with_no_closing_partner_gets_no_suggestion() {
        let s = scan("He called it a disaster” and left.");
        assert_eq!(s.placement.len(), 1);
        assert_eq!(s.placement[0].suggestion, None);
        let s = scan("He called it a disaster” and left.\n\nShe said “no” then.");
        assert_eq!(s.placement[0].suggestion, None);
    }

    #[test]
    fn seed_patterns_are_found() {
        assert_eq!(
            placement("Ukraine claims to have built” ManyBridgeheads” along the east bank."),
            ["built” "]
        );
        assert_eq!(
            placement("It stated that” the United States ‘ mediation role could be lost.”"),
            ["that” ", "‘ mediation"]
        );
        let s = scan("It stated that” the United States role could be lost.”");
        assert_eq!(s.placement[0].suggestion.as_deref(), Some("that “"));
        assert_eq!(
            placement("stated that” like a punitive approach could cost the US’ mediation role.”"),
            ["that” "]
        );
    }

    #[test]
    fn detached_possessive_apostrophe_is_explained() {
        let s = scan("the United States ‘ mediation role");
        assert!(
            s.placement[0].label.contains("States’ mediation"),
            "{:?}",
            s.placement
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        silent("Baku’s plan, O’Brien’s aide, the US’ role, the ’90s, rock ’n’ roll, 'em, don't.");
        silent("the States’ mediation and the Joneses’ car");
        silent("He was 6'2\" tall and bought a 12\" pizza.");
    }

    #[test]
    fn nested_and_british_quotes_pair() {
        silent("“He told me ‘never again’ and left,” she said.");
        silent("'He said \"no\" twice,' she recalled.");
        silent("The ‘peace track’ is open, the minister’s office said.");
    }

    #[test]
    fn other_conventions_are_respected() {
        silent("Er sagte: „Wir kommen morgen.“ Dann ging er.");
        silent("Il a dit : « Nous viendrons demain. » Puis il est parti.");
        silent("Han sa: ”Vi kommer i morgon.” Sedan gick han.");
        silent("Er sagte: »Wir kommen.« Dann ging er.");
        silent("Polish: „Przyjdziemy jutro” powiedział.");
    }

    #[test]
    fn dialogue_may_span_paragraphs() {
        silent(
            "“The first paragraph of a long quotation.\n\n“The second one, which closes,” he said.",
        );
        silent("\"We think so.\n\"We continue to engage,\" he added.");
        silent("“A hard-wrapped quotation that runs\nover two lines,” she said.");
    }

    #[test]
    fn quotes_left_open_or_closing_nothing_are_unbalanced() {
        assert_eq!(unbalanced("He said “we will go.\n\nThen he left."), ["“@8"]);
        assert_eq!(unbalanced("It is over.” Then he left."), ["”@11"]);
    }

    #[test]
    fn mixed_styles_are_reported_once_at_the_rarer_style() {
        let text = "“One,” he said. “Two,” she said. \"Three,\" they said.";
        let s = scan(text);
        let m = s.mixed.expect("mixed");
        assert_eq!(&text[m.span.start..m.span.end], "\"");
        assert_eq!(m.suggestion.as_deref(), Some("“"));
        assert!(scan("“One,” he said.").mixed.is_none());
        assert!(scan("\"One,\" he said.").mixed.is_none());
    }
}
