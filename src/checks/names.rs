//! Name drift: one name spelled two nearly identical ways in one document, and a demonym that
//! turns into a look-alike of another country's.
//!
//! `name-drift` clusters capitalised words used as names (capitalised inside a sentence at least
//! once) by spelling: two forms one edit apart (a letter changed, added, dropped or two swapped,
//! never only a suffix as in `Russia`/`Russian`), beginning with the same letter and at least
//! `min-similarity` alike (Jaro-Winkler). News introduces a name in full at first mention, so
//! every use of the later spelling is reported, with the first use as a secondary label. Real
//! different names stay silent: names on the allow-list (`Austria`, `Iraq`), pairs where both
//! spellings are used at least twice (each used consistently), and pairs whose uses follow
//! different first names (`Steve Davis`, `Mark Davies`). Forms are compared only within buckets
//! of the same first letter and length, so the cost stays near linear in the number of names.
//!
//! `demonym-drift` watches one class of demonyms (`{demonym}` of the news pack): in a document
//! that uses one demonym's family (`Armenia`, `Armenian`, `Armenians`) far more than any other,
//! a look-alike demonym whose family is rare and which shares a neighbouring word with the main
//! one (`ethnic Armenian` ... `cultural Iranian`, `Armenian forces` ... `Iranian forces`) is
//! reported as a lower-confidence drift.

use super::spacing::has_lower_word;
use super::{with_case_of, Capital, Check, Context, Meta};
use crate::findings::Finding;
use crate::rules::CheckSpec;
use crate::span::Span;
use crate::tokens::Gap;
use rustc_hash::{FxHashMap, FxHashSet};

/// Most spellings of one skeleton compared (the comparison is quadratic in them).
const MAX_SPELLINGS: usize = 16;
/// Default least Jaro-Winkler similarity of two spellings of one name.
const NAME_SIMILARITY: f32 = 0.9;
/// Default shortest name compared, in characters.
const NAME_LENGTH: u32 = 5;
/// Default least similarity of two look-alike demonyms.
const DEMONYM_SIMILARITY: f32 = 0.8;
/// Default fewest uses of the main demonym's family.
const DEMONYM_COUNT: u32 = 4;
/// How many of the most used demonyms a drifted one is compared with.
const MAIN_DEMONYMS: usize = 3;

/// The normalised word without a possessive `'s` or `'`.
fn stem_of(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// How one spelling is used in the document.
#[derive(Clone, Debug)]
struct Form<'d> {
    count: u32,
    mid: u32,
    /// The first use.
    first: Capital,
    /// The first name before the first use (a capitalised word inside a sentence), normalised.
    given: Option<&'d str>,
    /// Some use is followed by a capitalised word: a given name or a title (`Being Julia`).
    before_capital: bool,
    /// Some use starts a sentence as its subject: a lower-case word follows (`Blinkin said`).
    subject: bool,
}

/// A hash of the spelling with every sound-alike letter class folded to one letter (vowels,
/// `v`/`w`, `c`/`k`, `s`/`z`): spellings one sound-alike swap apart share it. Also an odd hash
/// of the spelling itself, from the same look at the bytes.
fn skeleton(word: &str) -> (u64, u32) {
    let (mut sk, mut sp) = (0xcbf2_9ce4_8422_2325u64, 0x811c_9dc5u32);
    for x in word.bytes() {
        sk = (sk ^ u64::from(FOLD[usize::from(x)])).wrapping_mul(0x0100_0000_01b3);
        sp = (sp ^ u32::from(x)).wrapping_mul(0x0100_0193);
    }
    (sk, sp | 1)
}

/// Byte folding of [`skeleton`].
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => b'*',
            b'w' => b'v',
            b'k' => b'c',
            b'z' => b's',
            b => b,
        };
        i += 1;
    }
    t
};

/// `name-drift`.
#[derive(Debug)]
pub(super) struct NameDrift {
    allow: FxHashSet<String>,
    min_similarity: f64,
    min_length: usize,
}

impl NameDrift {
    pub(super) fn new(spec: &CheckSpec) -> Self {
        NameDrift {
            allow: normalised_set(&spec.allow),
            min_similarity: f64::from(spec.settings.min_similarity.unwrap_or(NAME_SIMILARITY)),
            min_length: spec.settings.min_length.unwrap_or(NAME_LENGTH) as usize,
        }
    }
}

fn normalised_set(list: &[String]) -> FxHashSet<String> {
    list.iter()
        .map(|a| crate::normalise::normalize_str(a))
        .collect()
}

/// The mark of a skeleton spelled two ways in [`NameDrift`]'s table (spelling hashes are odd).
const SHARED: u32 = 2;

/// The table of skeletons and the (skeleton, index into the capitals) of the candidates.
type SkeletonBuffers = (Vec<u32>, Vec<(u64, u32)>);

thread_local! {
    /// Buffers of [`NameDrift`], reused between parts.
    static SKELETONS: std::cell::RefCell<SkeletonBuffers> = std::cell::RefCell::default();
}

impl Check for NameDrift {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let capitals = cx.capitals();
        let norm = doc.norm();
        let key_of = |k: usize| stem_of(capitals[k].key(norm));
        let candidate = |key: &str| {
            key.len() >= self.min_length && !key.bytes().any(|b| b.is_ascii_digit() || b >= 0x80)
                || (key.len() >= self.min_length
                    && key.chars().count() >= self.min_length
                    && !key.bytes().any(|b| b.is_ascii_digit()))
        };
        // Spellings that sound alike share a skeleton. A table indexed by skeleton holds the
        // first spelling's hash, or SHARED once another spelling lands there (or, rarely, another
        // skeleton: the groups are checked again below); only those uses are sorted and compared.
        SKELETONS.with(|cell| {
            let (table, keyed) = &mut *cell.borrow_mut();
            keyed.clear();
            let size = (capitals.len() * 4).next_power_of_two().max(64);
            table.clear();
            table.resize(size, 0);
            let mask = size as u64 - 1;
            for k in 0..capitals.len() {
                let key = key_of(k);
                if !candidate(key) {
                    continue;
                }
                let (sk, spelling) = skeleton(key);
                keyed.push((sk, k as u32));
                let slot = &mut table[(sk & mask) as usize];
                if *slot == 0 {
                    *slot = spelling;
                } else if *slot != spelling {
                    *slot = SHARED;
                }
            }
            keyed.retain(|(sk, _)| table[(sk & mask) as usize] == SHARED);
            keyed.sort_unstable();
            for group in keyed.chunk_by(|a, b| a.0 == b.0) {
                let first = key_of(group[0].1 as usize);
                if group.iter().all(|g| key_of(g.1 as usize) == first) {
                    continue;
                }
                let forms = self.forms(cx, group.iter().map(|g| g.1));
                for (i, (a, fa)) in forms.iter().enumerate() {
                    for (b, fb) in &forms[i + 1..] {
                        if let Some((first_use, later)) = self.drift(cx, (a, fa), (b, fb)) {
                            self.report(cx, meta, first_use, later, group, out);
                        }
                    }
                }
            }
        });
    }
}

impl NameDrift {
    /// The spellings of some capitalised words (indices into the capitals, in document order)
    /// that are used as names, each with how it is used.
    fn forms<'c>(
        &self,
        cx: &'c Context<'_>,
        group: impl Iterator<Item = u32>,
    ) -> Vec<(&'c str, Form<'c>)> {
        let doc = cx.doc;
        let capitals = cx.capitals();
        let mut forms: Vec<(&str, Form)> = Vec::new();
        for k in group.map(|k| k as usize) {
            if forms.len() > MAX_SPELLINGS {
                return Vec::new(); // no name has this many spellings: a list, not drift
            }
            let c = &capitals[k];
            let key = stem_of(c.key(doc.norm()));
            let i = c.word as usize;
            let words = doc.words();
            let capital = |j: usize| {
                doc.original_word(j)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            // A capitalised word right before, inside a sentence: a first name (`Ali Khamenei`).
            let given = (i > 0
                && words[i].gap == Gap::Space
                && capital(i - 1)
                && !doc.sentence_break_before(i - 1))
            .then(|| doc.word_text(i - 1));
            // A capitalised word right after: a given name or a title (`Diana Gould`, `Being Julia`).
            let spaced = words.get(i + 1).is_some_and(|n| n.gap == Gap::Space);
            let before_capital = spaced && capital(i + 1);
            // Not in a list of names (`Dowson, Haughton`): a verb or the like follows.
            let subject = !c.mid_sentence
                && spaced
                && doc
                    .original_word(i + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
            let i = match forms.iter().position(|(f, _)| *f == key) {
                Some(i) => i,
                None => {
                    let form = Form {
                        count: 0,
                        mid: 0,
                        first: *c,
                        given,
                        before_capital: false,
                        subject: false,
                    };
                    forms.push((key, form));
                    forms.len() - 1
                }
            };
            let form = &mut forms[i].1;
            form.before_capital |= before_capital;
            form.subject |= subject;
            form.count += 1;
            form.mid += u32::from(c.mid_sentence);
        }
        // A capital that only starts sentences marks a name only as the subject of one, and
        // when the word is no ordinary English word (`Blinkin said`, not `Similarly,` or a list
        // of names).
        forms.retain(|(k, f)| {
            (f.mid > 0 || f.subject && !is_english(k)) && !self.allow.contains(*k)
        });
        forms
    }

    /// If `a` and `b` look like one name spelled two ways: (first spelling, later spelling).
    fn drift<'f>(
        &self,
        cx: &Context<'_>,
        a: (&'f str, &'f Form<'f>),
        b: (&'f str, &'f Form<'f>),
    ) -> Option<Pair<'f>> {
        let (fa, fb) = (a.1, b.1);
        if fa.mid == 0 && fb.mid == 0 {
            return None; // neither is ever written as a name inside a sentence
        }
        if fa.count >= 2 && fb.count >= 2 {
            return None; // both used consistently: two names
        }
        if fa.given.zip(fb.given).is_some_and(|(ga, gb)| ga != gb) {
            return None; // different first names: different people
        }
        if fa.before_capital || fb.before_capital {
            return None; // given names (Diana, Diane) and titles vary between people and works
        }
        if !sound_alike(a.0, b.0) || strsim::jaro_winkler(a.0, b.0) < self.min_similarity {
            return None;
        }
        let window = super::window(cx.text, fa.first.span().start.min(fb.first.span().start));
        if has_lower_word(window, a.0) || has_lower_word(window, b.0) {
            return None; // an ordinary word, capitalised in a title or at a sentence start
        }
        Some(if fa.first.word <= fb.first.word {
            (a, b)
        } else {
            (b, a)
        })
    }

    fn report(
        &self,
        cx: &Context<'_>,
        meta: &Meta,
        (_, first): (&str, &Form<'_>),
        (later_key, later): (&str, &Form<'_>),
        group: &[(u64, u32)],
        out: &mut Vec<Finding>,
    ) {
        let doc = cx.doc;
        let first_span = name_span(cx, first.first);
        let first_text = &cx.text[first_span.start..first_span.end];
        // The first spelling is the reference when it is used more; on a tie neither is.
        let reference = later.count < first.count;
        let tie = later.count == first.count;
        let capitals = cx.capitals();
        for c in group.iter().map(|g| &capitals[g.1 as usize]) {
            if stem_of(c.key(doc.norm())) != later_key {
                continue;
            }
            let span = name_span(cx, *c);
            let written = &cx.text[span.start..span.end];
            let (message, label) = if tie {
                let times = match first.count {
                    1 => "once".to_string(),
                    2 => "twice".to_string(),
                    n => format!("{n} times"),
                };
                (
                    format!(
                        "\"{written}\" and \"{first_text}\" are each written {times} in this document: one name spelled two ways; either may be right"
                    ),
                    "one name spelled two ways: check which spelling is right".to_string(),
                )
            } else if reference {
                (
                    format!("\"{written}\" looks like a drifted spelling of \"{first_text}\""),
                    format!("this document first writes the name \"{first_text}\""),
                )
            } else {
                (
                    format!(
                        "\"{written}\" is spelled \"{first_text}\" at its first use in this document; either may be right"
                    ),
                    "one name spelled two ways: check which spelling is right".to_string(),
                )
            };
            let mut f = meta.finding(cx, span, message, label);
            // On a tie the document gives no reason to prefer either spelling: no suggestion.
            f.suggestion = (!tie).then(|| first_text.to_string());
            if !reference {
                f.confidence *= 0.8;
            }
            f.related
                .push((first_span, format!("first written \"{first_text}\" here")));
            out.push(f);
        }
    }
}

/// True when the lower-case word is known to the bundled model of ordinary English.
fn is_english(word: &str) -> bool {
    let model = crate::lm::Bigrams::english();
    model.id(word).is_some() || model.id(&word.replace('\'', "’")).is_some()
}

/// Two spellings of one name: (first, later), each with its uses.
type Pair<'f> = ((&'f str, &'f Form<'f>), (&'f str, &'f Form<'f>));

/// Original span of a capitalised word without its possessive ending.
fn name_span(cx: &Context<'_>, c: Capital) -> Span {
    let doc = cx.doc;
    let w = doc.words()[c.word as usize];
    let word = doc.word_text(c.word as usize);
    let trim = word.len() - stem_of(word).len();
    if trim == 0 {
        return c.span();
    }
    doc.to_original(Span::new(w.start as usize, w.end as usize - trim))
}

/// True when `a` and `b` differ in exactly one letter, replaced by one that sounds alike: a
/// vowel by a vowel (`O’Brien`, `O’Brian`), `v` by `w` (`Lavrov`, `Lavrow`), `c` by `k`, `s` by
/// `z`. That is how names drift in transliteration and careless copying; typos that add, drop
/// or swap letters are a spell checker's business, and other swaps mostly join two real names
/// (`Boston`, `Bolton`).
fn sound_alike(a: &str, b: &str) -> bool {
    let mut diff = None;
    let mut chars = a.chars().zip(b.chars());
    for (x, y) in chars.by_ref() {
        if x != y {
            if diff.is_some() {
                return false;
            }
            diff = Some((x, y));
        }
    }
    let (Some((x, y)), true) = (diff, a.chars().count() == b.chars().count()) else {
        return false;
    };
    let vowel = |c: char| "aeiouy".contains(c);
    let pair = |p: char, q: char| (x == p && y == q) || (x == q && y == p);
    (vowel(x) && vowel(y)) || pair('v', 'w') || pair('c', 'k') || pair('s', 'z')
}

/// A 64 Ki-bit filter over the length and the first and last bytes of words: most words that
/// are not in a small set are turned away before any hashing.
#[derive(Debug)]
struct ShapeFilter(Vec<u64>);

impl ShapeFilter {
    fn slot(word: &[u8]) -> Option<usize> {
        let (first, last) = (*word.first()?, *word.last()?);
        Some((((word.len() & 0xFF) << 8) ^ (usize::from(first) << 4) ^ usize::from(last)) & 0xFFFF)
    }

    fn new<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut bits = vec![0u64; 1024];
        for w in words {
            if let Some(i) = Self::slot(w.as_bytes()) {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        ShapeFilter(bits)
    }

    fn may_hold(&self, word: &str) -> bool {
        Self::slot(word.as_bytes()).is_some_and(|i| self.0[i / 64] & (1 << (i % 64)) != 0)
    }
}

/// `demonym-drift`.
#[derive(Debug)]
pub(super) struct DemonymDrift {
    members: FxHashSet<String>,
    filter: ShapeFilter,
    allow: FxHashSet<String>,
    min_similarity: f64,
    min_count: usize,
}

impl DemonymDrift {
    pub(super) fn new(spec: &CheckSpec) -> Self {
        let members = spec
            .members
            .iter()
            .filter(|m| !m.contains(' '))
            .map(|m| crate::normalise::normalize_str(m))
            .collect::<FxHashSet<String>>();
        let forms: Vec<String> = members
            .iter()
            .flat_map(|m| {
                [
                    m.clone(),
                    format!("{m}s"),
                    format!("{m}'s"),
                    format!("{m}s'"),
                ]
            })
            .collect();
        DemonymDrift {
            filter: ShapeFilter::new(forms.iter().map(String::as_str)),
            members,
            allow: normalised_set(&spec.allow),
            min_similarity: f64::from(spec.settings.min_similarity.unwrap_or(DEMONYM_SIMILARITY)),
            min_count: spec.settings.min_count.unwrap_or(DEMONYM_COUNT) as usize,
        }
    }

    /// The demonym a normalised word is (itself or its plural), if any.
    fn demonym<'w>(&self, word: &'w str) -> Option<&'w str> {
        // The filter holds every member as written, in the plural and with a possessive.
        if !self.filter.may_hold(word) {
            return None;
        }
        let word = stem_of(word);
        if self.members.contains(word) {
            return Some(word);
        }
        word.strip_suffix('s').filter(|w| self.members.contains(*w))
    }
}

/// Uses of one demonym.
#[derive(Clone, Debug, Default)]
struct Uses {
    capitals: Vec<Capital>,
}

impl Check for DemonymDrift {
    fn run(&self, cx: &Context<'_>, meta: &Meta, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut uses: FxHashMap<&str, Uses> = FxHashMap::default();
        for c in cx.capitals() {
            if let Some(d) = self.demonym(c.key(doc.norm())) {
                uses.entry(d).or_default().capitals.push(*c);
            }
        }
        if uses.len() < 2 {
            return;
        }
        let mut list: Vec<(&str, &Uses)> = uses.iter().map(|(k, u)| (*k, u)).collect();
        list.sort_unstable_by_key(|(k, u)| (std::cmp::Reverse(u.capitals.len()), *k));
        // The document is about the countries whose demonyms it uses most: pair every other
        // demonym with the look-alikes among those.
        let mains = list.len().min(MAIN_DEMONYMS);
        let pairs: Vec<(usize, usize)> = (0..list.len())
            .filter(|&i| !self.allow.contains(list[i].0))
            .flat_map(|i| (0..mains).map(move |j| (i, j)))
            .filter(|&(i, j)| {
                let (d, m) = (list[i].0.as_bytes(), list[j].0.as_bytes());
                // Look-alike demonyms share their ending (-ian, -ese, -ish), which is cheap to test.
                i != j
                    && d.len() >= 2
                    && m.len() >= 2
                    && d[d.len() - 2..] == m[m.len() - 2..]
                    && strsim::jaro_winkler(list[i].0, list[j].0) >= self.min_similarity
            })
            .collect();
        if pairs.is_empty() {
            return;
        }
        let families = families(cx, &list, &pairs);
        let mut best: Vec<Option<(usize, (usize, usize))>> = vec![None; list.len()];
        for &(i, j) in &pairs {
            let (fm, fd) = (families[j], families[i]);
            let dominant = fm >= self.min_count && fd * 3 <= fm;
            if dominant
                && best[i].is_none_or(|(_, b)| fm > b.0)
                && shares_neighbour(cx, &list[i].1.capitals, &list[j].1.capitals)
            {
                best[i] = Some((j, (fm, fd)));
            }
        }
        for (i, b) in best.iter().enumerate() {
            if let Some((j, counts)) = *b {
                for c in &list[i].1.capitals {
                    out.push(self.finding(cx, meta, *c, list[j], counts));
                }
            }
        }
    }
}

impl DemonymDrift {
    fn finding(
        &self,
        cx: &Context<'_>,
        meta: &Meta,
        c: Capital,
        (main, main_uses): (&str, &Uses),
        (main_family, own_family): (usize, usize),
    ) -> Finding {
        let span = name_span(cx, c);
        let written = &cx.text[span.start..span.end];
        let main_span = name_span(cx, main_uses.capitals[0]);
        let main_text = &cx.text[main_span.start..main_span.end];
        let suggestion = with_case_of(written, main);
        let message = format!("\"{written}\" may be a drifted \"{suggestion}\"");
        let label = format!(
            "the document names \"{main_text}\" or its country {main_family} times and this one or its country {own_family}, next to the same words"
        );
        let mut f = meta.finding(cx, span, message, label);
        f.suggestion = Some(suggestion);
        f.related
            .push((main_span, format!("\"{main_text}\" first used here")));
        f
    }
}

/// For the demonyms named in `pairs`, the capitalised words of the document that start with
/// the demonym's stem (`armen` for `Armenia`, `Armenian`, `Armenians`), counted in one pass.
fn families(cx: &Context<'_>, list: &[(&str, &Uses)], pairs: &[(usize, usize)]) -> Vec<usize> {
    let mut stems: Vec<(usize, String)> = Vec::new();
    for &(i, j) in pairs {
        for k in [i, j] {
            if !stems.iter().any(|(s, _)| *s == k) {
                let d = list[k].0;
                let chars = d.chars().count();
                let keep = chars.saturating_sub(3).max(4).min(chars);
                stems.push((k, d.chars().take(keep).collect()));
            }
        }
    }
    let mut counts = vec![0; list.len()];
    let mut firsts = [false; 256];
    stems
        .iter()
        .for_each(|(_, s)| firsts[usize::from(s.as_bytes()[0])] = true);
    let doc = cx.doc;
    for c in cx.capitals() {
        let word = c.key(doc.norm());
        if !firsts[usize::from(word.as_bytes()[0])] {
            continue;
        }
        for (k, stem) in &stems {
            if word.starts_with(stem.as_str()) {
                counts[*k] += 1;
            }
        }
    }
    counts
}

/// True when some use in `a` has a neighbouring content word (not a function word) that some
/// use in `b` has on the same side: the two demonyms play the same role.
fn shares_neighbour(cx: &Context<'_>, a: &[Capital], b: &[Capital]) -> bool {
    let doc = cx.doc;
    let n = doc.words().len();
    let neighbours = |c: &Capital| {
        let i = c.word as usize;
        let left = i.checked_sub(1).map(|j| doc.word_text(j));
        let right = (i + 1 < n).then(|| doc.word_text(i + 1));
        (left, right)
    };
    // The first uses are enough to tell the role, and keep the cost bounded.
    let (a, b) = (&a[..a.len().min(64)], &b[..b.len().min(64)]);
    let seen: Vec<(Option<&str>, Option<&str>)> = b.iter().map(neighbours).collect();
    fn content(w: Option<&str>) -> Option<&str> {
        w.filter(|w| !super::spacing::is_function_word(w))
    }
    a.iter().map(neighbours).any(|(l, r)| {
        let (l, r) = (content(l), content(r));
        seen.iter()
            .any(|(sl, sr)| (l.is_some() && l == *sl) || (r.is_some() && r == *sr))
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, texts};
    use super::*;

    #[test]
    fn spellings_that_sound_alike() {
        assert!(sound_alike("o'brien", "o'brian"));
        assert!(sound_alike("lavrov", "lavrow"));
        assert!(sound_alike("blinken", "blinkin"));
        assert!(!sound_alike("boston", "bolton"));
        assert!(!sound_alike("davies", "davis"));
        assert!(!sound_alike("russia", "russian"));
        assert!(!sound_alike("austria", "australia"));
        assert!(!sound_alike("blinken", "blinken"));
        assert!(!sound_alike("germany", "germans"));
    }

    #[test]
    fn later_spelling_is_reported_with_the_first_use() {
        let text = "Sergei Lavrov met the envoy on Monday. Later, Lavrow said talks would go on. \
                    The minister, Lavrov added, was hopeful.";
        let f = run("name-drift", text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].text, "Lavrow");
        assert_eq!(f[0].suggestion.as_deref(), Some("Lavrov"));
        assert_eq!(
            &text[f[0].related[0].0.start..f[0].related[0].0.end],
            "Lavrov"
        );
    }

    #[test]
    fn odd_first_use_says_either_may_be_right() {
        let text = "James O’Brien spoke. Then O’Brian declared it over, and O’Brian’s aide agreed.";
        let f = run("name-drift", text);
        assert_eq!(
            f.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(),
            ["O’Brian", "O’Brian"]
        );
        assert!(
            f[0].message.contains("either may be right"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_tie_names_both_spellings_and_suggests_neither() {
        let text = "Fans of Sociedad cheered on Sunday. The coach said Socieded had played well.";
        let f = run("name-drift", text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].text, "Socieded");
        assert_eq!(f[0].suggestion, None);
        assert!(f[0].message.contains("\"Sociedad\""), "{}", f[0].message);
        assert!(
            f[0].message.contains("either may be right"),
            "{}",
            f[0].message
        );
        assert!(!f[0].is_fixable());
    }

    #[test]
    fn a_respelling_that_starts_a_sentence_is_found() {
        let text = "Antony Blinken spoke. Blinkin said later that talks would go on. Blinken left.";
        let f = run("name-drift", text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].text, "Blinkin");
        assert_eq!(f[0].suggestion.as_deref(), Some("Blinken"));
        // Ordinary words that start sentences never pair up with a name.
        for text in [
            "Meanwhile, Maxwell spoke. Similarly, Simalarly was not heard.",
            "Later, Latter spoke. Latter said Later was wrong.",
            "Despite the rain, Dispute Resolution Ltd opened.",
            "The squad: Matt Dawson, Harry Ellis and Andy Gomarsall. Dowson, Haughton, Monye.",
        ] {
            assert!(texts("name-drift", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn different_real_names_stay_silent() {
        for text in [
            "Austria and Australia met. Austria won, Australia lost, and Austria left.",
            "Iran and Iraq talked; Iran said Iraq agreed.",
            "John met Joan. John left and Joan stayed.",
            "Steve Davis played Mark Davies. Both Davis and Davies spoke.",
            "Russia said Russian troops left.",
            "The Blinken plan: Blinken met Blinkin twice, and Blinkin met Blinken.",
            "Ayatollah Ruhollah Khomenei led, and now Supreme Leader Ayatollah Ali Khamenei rules.",
        ] {
            assert!(texts("name-drift", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_drifted_demonym_is_found_in_the_same_role() {
        let text = "Ethnic Armenian families fled Armenia's border. The ethnic Armenian \
                    population of Armenia grew. Armenian forces left Armenia for Armenia's \
                    capital. A cultural Iranian man stayed, and Iranian forces came.";
        let found = texts("demonym-drift", text);
        assert_eq!(found, ["Iranian", "Iranian"]);
    }

    #[test]
    fn a_demonym_with_its_own_country_is_not_drift() {
        let text = "Armenian forces and Armenian leaders met in Armenia with Armenian envoys. \
                    Iranian forces from Iran joined, and Iran's Iranian envoy spoke.";
        assert!(texts("demonym-drift", text).is_empty());
    }
}
