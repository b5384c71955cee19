//! The linter: runs the compiled rules over a document and turns matches into findings.

use crate::checks::{Checks, Part};
use crate::document::Document;
use crate::findings::{sort_findings, Applicability, Finding};
use crate::rules::matcher::{Candidate, EntryKind, Matcher, WordId, UNKNOWN};
use crate::rules::pack::Names;
use crate::rules::{Entry, RuleSet};
use crate::span::Span;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The confidence below which `check` hides findings unless told otherwise: every table measured
/// on real spinner output keeps its findings above it (`cargo xtask eval --only calibration`), while
/// speculative evidence stays below.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// Which findings to keep.
#[derive(Clone, Debug)]
pub struct Options {
    /// Only these rule ids (all when `None`).
    pub select: Option<BTreeSet<String>>,
    /// Never these rule ids.
    pub ignore: BTreeSet<String>,
    /// Drop findings below this confidence.
    pub min_confidence: f32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            select: None,
            ignore: BTreeSet::new(),
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }
}

impl Options {
    /// True when findings of `rule` are wanted.
    pub fn wants(&self, rule: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(rule)) && !self.ignore.contains(rule)
    }
}

/// Rules plus options: checks texts.
#[derive(Debug)]
pub struct Linter {
    rules: RuleSet,
    options: Options,
    checks: Checks,
}

impl Linter {
    /// A linter over compiled rules.
    pub fn new(rules: RuleSet, options: Options) -> Self {
        let checks = Checks::new(&rules, &options);
        Linter {
            rules,
            options,
            checks,
        }
    }

    /// The compiled rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Every finding in `text`, sorted by start, end and rule id.
    ///
    /// Texts longer than [`CHUNK`] are checked a part at a time, each ending at a paragraph
    /// break (phrases never cross one), which keeps memory bounded and the working set in cache;
    /// document evidence (class slots) is then taken from the part.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_with(text, |_, _, _| {})
    }

    /// [`Linter::check`], also showing each part's [`Document`] to `observe` (in order), with the
    /// rule vocabulary's id of each of its words ([`Matcher::word_id_in`], [`UNKNOWN`] for a word
    /// in no pattern) and the byte of `text` where the part starts, so that other measures of the
    /// text need not tokenise it or look its words up again.
    pub fn check_with(
        &self,
        text: &str,
        mut observe: impl FnMut(&Document<'_>, &[WordId], usize),
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        // Taken, not borrowed: an `observe` that checks another text gets fresh buffers.
        let mut scratch = SCRATCH.with(|s| s.take());
        let mut start = 0;
        while start < text.len() {
            let end = chunk_end(text, start);
            let part = Part {
                first: start == 0,
                last: end == text.len(),
            };
            let mut observe_part = |doc: &Document<'_>, ids: &[WordId]| observe(doc, ids, start);
            let part = self.check_part(&text[start..end], part, &mut scratch, &mut observe_part);
            let shift = |s: Span| Span::new(s.start + start, s.end + start);
            findings.extend(part.into_iter().map(|mut f| {
                f.span = shift(f.span);
                f.related.iter_mut().for_each(|r| r.0 = shift(r.0));
                set_text(&mut f, text);
                f
            }));
            start = end;
        }
        SCRATCH.with(|s| s.set(scratch));
        findings
    }

    fn check_part(
        &self,
        text: &str,
        part: Part,
        scratch: &mut Scratch,
        observe: &mut impl FnMut(&Document<'_>, &[WordId]),
    ) -> Vec<Finding> {
        let doc = Document::with_buffers(text, std::mem::take(&mut scratch.doc));
        let ids = std::mem::take(&mut scratch.ids);
        let words = WordIds::new(&doc, &self.rules.matcher, ids);
        observe(&doc, &words.ids);
        let mut joins = std::mem::take(&mut scratch.joins);
        joins.clear();
        joins.extend(doc.words().iter().map(|w| w.gap.joins()));
        let mut candidates = Vec::new();
        self.rules.matcher.find(&words.ids, &joins, &mut candidates);
        candidates.retain(|c| self.enabled(c) && !words.possessive_inside(&doc, c));
        let mut findings = self.build(&doc, &words, candidates);
        // Engine checks report spans that do not overlap within a rule: no resolution needed.
        let mut checked = Vec::new();
        self.checks.run(&doc, part, &mut checked);
        scratch.joins = joins;
        scratch.ids = words.ids;
        scratch.doc = doc.into_buffers();
        let min = self.options.min_confidence;
        findings.retain(|f| f.confidence >= min);
        let mut findings = resolve_overlaps(findings);
        uncorroborated_repairs_unsafe(&mut findings);
        findings.extend(checked.into_iter().filter(|f| f.confidence >= min));
        sort_findings(&mut findings);
        findings
    }

    fn enabled(&self, c: &Candidate) -> bool {
        let table = &self.rules.tables[c.entry.table as usize];
        self.options.wants(&table.rule)
    }

    fn build(&self, doc: &Document, words: &WordIds, cands: Vec<Candidate>) -> Vec<Finding> {
        let allowed: Vec<&Candidate> = cands
            .iter()
            .filter(|c| c.entry.kind == EntryKind::Allow)
            .collect();
        // Words that spell a listed expression exactly are that expression, not a spun other one.
        let literal: rustc_hash::FxHashSet<(usize, usize)> = cands
            .iter()
            .filter(|c| c.entry.kind == EntryKind::Collocation && c.subs.is_empty())
            .map(|c| (c.first, c.last))
            .collect();
        let evidence = Evidence::collect(&self.rules, &cands, doc);
        cands
            .iter()
            .filter(|c| c.entry.kind != EntryKind::Allow)
            .filter(|c| c.entry.kind == EntryKind::Phrase || !c.subs.is_empty())
            .filter(|c| c.subs.is_empty() || !literal.contains(&(c.first, c.last)))
            .filter(|c| {
                !allowed
                    .iter()
                    .any(|a| a.entry.table == c.entry.table && overlaps(a, c))
            })
            .filter(|c| {
                (self.rules.tables[c.entry.table as usize].names)
                    .is_none_or(|names| written_as(doc, c, names))
            })
            .map(|c| {
                let b = FindingBuilder {
                    rules: &self.rules,
                    doc,
                    words,
                    c,
                    entry: &self.rules.entries[c.entry.entry as usize],
                };
                b.build(&evidence)
            })
            .collect()
    }
}

thread_local! {
    /// Allocations reused between the texts a thread checks. A part is at most a few
    /// [`CHUNK`]s long, so what is kept stays small.
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::default();
}

/// Allocations reused between the parts of a long text and between texts.
#[derive(Default)]
struct Scratch {
    doc: crate::document::DocBuffers,
    ids: Vec<WordId>,
    joins: Vec<bool>,
}

/// Size above which a text is checked in parts.
pub const CHUNK: usize = 1 << 20;

/// End of the part starting at `start`: after the first blank line past [`CHUNK`] bytes, else
/// after a line break, else at white space, else the end of the text.
fn chunk_end(text: &str, start: usize) -> usize {
    if text.len() - start <= CHUNK {
        return text.len();
    }
    let bytes = text.as_bytes();
    let from = start + CHUNK;
    let window = &bytes[from..(from + CHUNK / 4).min(bytes.len())];
    let blank = memchr::memmem::find(window, b"\n\n").map(|i| from + i + 2);
    let newline = || memchr::memchr(b'\n', window).map(|i| from + i + 1);
    let space = || memchr::memchr(b' ', window).map(|i| from + i + 1);
    blank.or_else(newline).or_else(space).unwrap_or_else(|| {
        (from..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len())
    })
}

/// True when a match is capitalised as a name is: every word starts with an upper-case letter,
/// but short function words (`of`, `the`, `and`, ...) and the later words of a substitute
/// (a spinner capitalises only the first: `Labour Social gathering`).
fn written_as_name(doc: &Document, c: &Candidate) -> bool {
    let inside_substitute = |i: usize| c.subs.iter().any(|s| s.words.0 < i && i < s.words.1);
    (c.first..=c.last).all(|i| {
        NAME_PARTICLES.contains(&doc.word_text(i))
            || inside_substitute(i)
            || doc
                .original_word(i)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// True when a match of a table of `names` is written as that kind of name is.
fn written_as(doc: &Document, c: &Candidate, names: Names) -> bool {
    written_as_name(doc, c)
        && (names == Names::Proper
            || (name_neighbour(doc, c, names).is_some() && !in_title_case(doc, c)))
}

/// The word that makes a match a name part of its kind: the surname after a given name, the word
/// of the name before a head; none for whole names.
fn name_neighbour<'d>(doc: &Document<'d>, c: &Candidate, names: Names) -> Option<&'d str> {
    match names {
        Names::Proper => None,
        Names::Given => surname_after(doc, c.last),
        Names::Heads => name_before(doc, c.first),
    }
}

/// The word after word `last`, when it reads as a surname: in the same run, after one space,
/// starting with an upper-case letter and not all capitals (`Gates`, `McCartney`, `O'Brien`,
/// not `AND` in a shouted headline), and no word a name may write in lower case.
fn surname_after<'d>(doc: &Document<'d>, last: usize) -> Option<&'d str> {
    let next = doc.words().get(last + 1)?;
    if !matches!(next.gap, crate::tokens::Gap::Space)
        || NAME_PARTICLES.contains(&doc.word_text(last + 1))
    {
        return None;
    }
    let word = doc.original_word(last + 1);
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    (first_upper && chars.any(char::is_lowercase)).then_some(word)
}

/// The word before word `first`, when it reads as the start of a name that word `first` ends:
/// in the same run, before one space, starting with an upper-case letter, neither a function word
/// nor the first word of a sentence (`European Fee`, `Olympic Video games`; not `The Fee`).
fn name_before<'d>(doc: &Document<'d>, first: usize) -> Option<&'d str> {
    let prev = first.checked_sub(1)?;
    if !matches!(doc.words()[first].gap, crate::tokens::Gap::Space)
        || doc.sentence_break_before(prev)
        || crate::checks::is_function_word(doc.word_text(prev))
    {
        return None;
    }
    let word = doc.original_word(prev);
    word.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(word)
}

/// True when the sentence or line around a match capitalises every word but function words, as a
/// headline does (`Candid Interview Reveals Plans`): capitals there say nothing of names.
fn in_title_case(doc: &Document, c: &Candidate) -> bool {
    const REACH: usize = 30;
    let words = doc.words();
    let breaks = |i: usize| {
        doc.sentence_break_before(i) || matches!(words[i].gap, crate::tokens::Gap::Newline)
    };
    let mut start = c.first;
    while start > 0 && !breaks(start) && c.first - start < REACH {
        start -= 1;
    }
    let mut end = c.last + 1;
    while end < words.len() && !breaks(end) && end - c.last < REACH {
        end += 1;
    }
    let (mut content, mut lower) = (0, 0);
    for i in (start..end).filter(|&i| i < c.first || i > c.last) {
        let first = doc.original_word(i).chars().next();
        let word = doc.word_text(i);
        if first.is_some_and(char::is_alphabetic)
            && !NAME_PARTICLES.contains(&word)
            && !crate::checks::is_function_word(word)
        {
            content += 1;
            lower += usize::from(first.is_some_and(char::is_lowercase));
        }
    }
    content >= 3 && lower == 0
}

/// Words a name may write in lower case (`House of Commons`, `Trinidad and Tobago`).
const NAME_PARTICLES: &[&str] = &[
    "a", "an", "and", "at", "de", "for", "in", "of", "on", "the", "to",
];

fn overlaps(a: &Candidate, b: &Candidate) -> bool {
    a.first <= b.last && b.first <= a.last
}

/// Marks the repair of a lone spun expression unsafe. Every listed expression can also occur in
/// ordinary English ("Armenian causes", "a vocal harmony track"); one such match in a text may be
/// a coincidence, two are a pattern. So `--fix` applies a pattern's repair only when another
/// expression of the same text (or of the same part of a long one) corroborates it; alone, it is
/// shown, with a note, for the writer to decide.
fn uncorroborated_repairs_unsafe(findings: &mut [Finding]) {
    if let [f] = findings {
        if f.applicability == Applicability::Safe {
            f.applicability = Applicability::Unsafe;
            f.notes.push(LONE_NOTE.to_string());
        }
    }
}

/// The note on a repair left to the writer because nothing else in the text corroborates it.
pub const LONE_NOTE: &str =
    "the only spun expression in this text: `--fix` leaves it to you, as it may be ordinary English";

/// Keeps, per rule, the longest (then most confident) of overlapping findings.
fn resolve_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        match kept
            .iter_mut()
            .find(|k| k.rule == f.rule && k.span.overlaps(f.span))
        {
            // Two readings of the same words: neither repair is certain.
            Some(k) if k.span == f.span && k.suggestion != f.suggestion => {
                k.applicability = Applicability::Unsafe;
            }
            Some(_) => {}
            None => kept.push(f),
        }
    }
    kept
}

/// The document's words as pattern ids.
struct WordIds<'m> {
    matcher: &'m Matcher,
    ids: Vec<WordId>,
}

impl<'m> WordIds<'m> {
    fn new(doc: &Document, matcher: &'m Matcher, mut ids: Vec<WordId>) -> Self {
        let norm = doc.norm();
        ids.clear();
        ids.extend(
            doc.words()
                .iter()
                .map(|w| matcher.word_id_in(norm, w.start as usize, w.end as usize)),
        );
        WordIds { matcher, ids }
    }

    /// True when word `i` was matched through its stem, without a final `'s`.
    fn possessive(&self, doc: &Document, i: usize) -> bool {
        let text = doc.word_text(i);
        text.ends_with("'s") && self.matcher.lookup(text) == UNKNOWN
    }

    /// True when a word before the last of the match was matched without its `'s`.
    fn possessive_inside(&self, doc: &Document, c: &Candidate) -> bool {
        (c.first..c.last).any(|i| self.possessive(doc, i))
    }

    /// Original span of words `first..=last`, without a possessive `'s` on the last.
    fn span(&self, doc: &Document, first: usize, last: usize) -> Span {
        let w = doc.words();
        let trim = if self.possessive(doc, last) { 2 } else { 0 };
        let norm = Span::new(w[first].start as usize, w[last].end as usize - trim);
        doc.to_original(norm)
    }
}

/// Members used literally in one slotted expression, with their counts.
type MemberUses = Vec<(String, usize)>;

/// What the document itself says about class slots: literal uses of each slotted expression.
struct Evidence<'d> {
    /// (template, table) -> members used literally, with their count of uses.
    literal: FxHashMap<(Arc<str>, u32), MemberUses>,
    doc: &'d Document<'d>,
    /// Word-family counts already taken, by stem.
    families: std::cell::RefCell<FxHashMap<String, usize>>,
}

impl<'d> Evidence<'d> {
    fn collect(rules: &RuleSet, cands: &[Candidate], doc: &'d Document<'d>) -> Self {
        let mut literal: FxHashMap<(Arc<str>, u32), MemberUses> = FxHashMap::default();
        for c in cands
            .iter()
            .filter(|c| c.entry.kind == EntryKind::Collocation)
        {
            let entry = &rules.entries[c.entry.entry as usize];
            let Some(slot) = entry.slot.as_ref().filter(|_| c.subs.is_empty()) else {
                continue;
            };
            let member = entry.words()[slot.pos..slot.pos + slot.len].join(" ");
            let list = literal
                .entry((slot.template.clone(), entry.table))
                .or_default();
            match list.iter_mut().find(|(m, _)| *m == member) {
                Some((_, n)) => *n += 1,
                None => list.push((member, 1)),
            }
        }
        Evidence {
            literal,
            doc,
            families: Default::default(),
        }
    }

    /// The member the document uses instead of `member` in this expression, if it clearly does.
    fn preferred(&self, entry: &Entry, member: &str) -> Option<&str> {
        let template = entry.slot.as_ref()?.template.clone();
        let list = self.literal.get(&(template, entry.table))?;
        if list.iter().any(|(m, _)| m == member) {
            return None;
        }
        let (best, _) = list.iter().max_by_key(|(_, n)| *n)?;
        (self.family_count(member) * 2 < self.family_count(best)).then_some(best.as_str())
    }

    /// Occurrences of words sharing the member's stem (`Armenia`, `Armenian`, `Armenians`).
    fn family_count(&self, member: &str) -> usize {
        let first = crate::normalise::normalize_str(member.split(' ').next().unwrap_or(member));
        let keep = first.chars().count().saturating_sub(3).max(4);
        let stem: String = first.chars().take(keep).collect();
        if let Some(&n) = self.families.borrow().get(&stem) {
            return n;
        }
        let n = (0..self.doc.words().len())
            .filter(|&i| self.doc.word_text(i).starts_with(&stem))
            .count();
        self.families.borrow_mut().insert(stem, n);
        n
    }
}

/// Turns one candidate into a finding.
struct FindingBuilder<'a> {
    rules: &'a RuleSet,
    doc: &'a Document<'a>,
    words: &'a WordIds<'a>,
    c: &'a Candidate,
    entry: &'a Entry,
}

impl FindingBuilder<'_> {
    fn build(&self, evidence: &Evidence<'_>) -> Finding {
        let span = self.words.span(self.doc, self.c.first, self.c.last);
        let text = collapse_ws(&self.doc.text()[span.start..span.end]);
        let table = &self.rules.tables[self.entry.table as usize];
        let (suggestion, message, label) = match self.entry.kind {
            EntryKind::Phrase => self.phrase_parts(&text),
            _ => self.collocation_parts(&text, evidence),
        };
        let certain = self.certain(evidence);
        Finding {
            rule: table.rule.clone(),
            severity: table.severity,
            message,
            span,
            text,
            suggestion: Some(suggestion),
            confidence: self.entry.confidence,
            pack: table.pack.clone(),
            table: Some(table.name.clone()),
            label,
            notes: vec![],
            related: vec![],

            applicability: if certain {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
        }
    }

    /// One unambiguous original is a certain repair; a class member guessed from the document
    /// is not.
    fn certain(&self, evidence: &Evidence<'_>) -> bool {
        match self.entry.kind {
            EntryKind::Phrase => self.entry.originals.len() == 1,
            _ => self.entry.slot.as_ref().is_none_or(|slot| {
                let member = self.entry.words()[slot.pos..slot.pos + slot.len].join(" ");
                evidence.preferred(self.entry, &member).is_none()
            }),
        }
    }

    fn phrase_parts(&self, text: &str) -> (String, String, String) {
        let first = self.doc.original_word(self.c.first);
        let original = match_case(first, &self.entry.originals[0]);
        let message = format!("\"{text}\" is a known tortured form of \"{original}\"");
        let mut label = "a fingerprint of machine-paraphrased text".to_string();
        if self.entry.originals.len() > 1 {
            let others: Vec<String> = self.entry.originals[1..]
                .iter()
                .map(|o| format!("\"{o}\""))
                .collect();
            label.push_str(&format!("; it may also stand for {}", others.join(", ")));
        }
        (original, message, label)
    }

    fn collocation_parts(&self, text: &str, evidence: &Evidence<'_>) -> (String, String, String) {
        let written = self.entry.words();
        let mut canon: Vec<String> = written.iter().map(|w| w.to_string()).collect();
        let mut drift = None;
        if let Some(slot) = &self.entry.slot {
            let member = canon[slot.pos..slot.pos + slot.len].join(" ");
            if let Some(m) = evidence.preferred(self.entry, &member) {
                let new: Vec<String> = m.split(' ').map(String::from).collect();
                canon.splice(slot.pos..slot.pos + slot.len, new);
                drift = Some((member, m.to_string()));
            }
        }
        let suggestion = self.rebuild(&canon, drift.is_some());
        let message = format!("\"{text}\" looks like a spun form of \"{suggestion}\"");
        let swaps: Vec<String> = self
            .c
            .subs
            .iter()
            .map(|u| {
                let spun = self.span_text(u.words.0, u.words.1 - 1);
                let orig = written[u.canon.0..u.canon.1].join(" ");
                format!("\"{spun}\" replaces \"{orig}\"")
            })
            .collect();
        let names = self.rules.tables[self.entry.table as usize].names;
        let neighbour = names.and_then(|n| name_neighbour(self.doc, self.c, n));
        let mut label = match (names, neighbour) {
            (Some(Names::Given), Some(surname)) => {
                format!("\"{text}\" replaces the given name \"{suggestion}\" before \"{surname}\"")
            }
            (Some(Names::Heads), Some(name)) => {
                format!("\"{text}\" replaces \"{suggestion}\" in a name after \"{name}\"")
            }
            _ => format!(
                "{} in the fixed expression \"{}\"",
                swaps.join(" and "),
                canon.join(" ")
            ),
        };
        if let Some((was, now)) = drift {
            label.push_str(&format!(
                "; \"{was}\" looks drifted: this document says \"{now}\" in this expression elsewhere"
            ));
        }
        (suggestion, message, label)
    }

    fn span_text(&self, first: usize, last: usize) -> String {
        let s = self.words.span(self.doc, first, last);
        collapse_ws(&self.doc.text()[s.start..s.end])
    }

    /// The restored phrase: unchanged words as written, substituted ones from the entry, with the
    /// case of the words they replace. With `redo_slot`, the slot's words come from `canon` too.
    fn rebuild(&self, canon: &[String], redo_slot: bool) -> String {
        let mut out: Vec<String> = Vec::new();
        let (mut w, mut k) = (self.c.first, 0);
        let slot = self.entry.slot.as_ref().filter(|_| redo_slot);
        let shift = canon.len() as isize - self.entry.words().len() as isize;
        let mut subs = self.c.subs.iter().peekable();
        while w <= self.c.last {
            if let Some(u) = subs.next_if(|u| u.words.0 == w) {
                let model = self.doc.original_word(w);
                let orig = canon_slice(canon, u.canon.0, u.canon.1, slot, shift).join(" ");
                out.push(match_case(model, &orig));
                w = u.words.1;
                k = u.canon.1;
                continue;
            }
            let in_slot = slot.is_some_and(|s| k >= s.pos && k < s.pos + s.len);
            if in_slot {
                let s = slot.expect("checked above");
                if k == s.pos {
                    let new_len = s.len as isize + shift;
                    out.push(canon[s.pos..(s.pos as isize + new_len) as usize].join(" "));
                }
            } else {
                out.push(self.span_text(w, w));
            }
            w += 1;
            k += 1;
        }
        out.join(" ")
    }
}

/// Entry words `a..b` (positions in the written entry) taken from `canon`, whose slot may have
/// changed length by `shift`.
fn canon_slice<'c>(
    canon: &'c [String],
    a: usize,
    b: usize,
    slot: Option<&crate::rules::Slot>,
    shift: isize,
) -> &'c [String] {
    let adj = |p: usize| match slot {
        Some(s) if p >= s.pos + s.len => (p as isize + shift) as usize,
        _ => p,
    };
    &canon[adj(a)..adj(b)]
}

/// Gives `replacement` the case pattern of `model`: ALL CAPS, Capitalised, or as written.
pub fn match_case(model: &str, replacement: &str) -> String {
    let letters: Vec<char> = model.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        if let Some(f) = chars.next() {
            return f.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_string()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Makes `f.text` the bytes of `text` at its span, as every output promises (a phrase matched on
/// normalised words keeps its line break, markup or entity as written).
pub fn set_text(f: &mut Finding, text: &str) {
    if let Some(written) = text.get(f.span.start..f.span.end) {
        if f.text != written {
            f.text = written.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::PackSource;
    use std::sync::Arc;

    const PACK: &str = r#"pack: unit
description: unit-test pack
source: written for the tests
classes:
  demonym: [Armenian, Iranian]
tables:
  - rule: tortured-phrase
    name: c
    kind: collocations
    collocations: [peace track, peace talks, peace process, last year, "ethnic {demonym}"]
    substitutions:
      peace: [harmony]
      talks: [process, conversations]
      track: [path]
      last: [final]
      year: [12 months]
      ethnic: [cultural]
    allow: [harmony path]
  - rule: tortured-phrase
    name: n
    kind: collocations
    names: proper
    collocations: [new york, house of commons, labour party]
    substitutions:
      new: [virgin]
      house: [home]
      party: [social gathering]
  - rule: tortured-phrase
    name: g
    kind: collocations
    names: given
    collocations: [bill, frank]
    substitutions:
      bill: [invoice]
      frank: [candid]
  - rule: tortured-phrase
    name: h
    kind: collocations
    names: heads
    collocations: [party, commission]
    substitutions:
      party: [social gathering]
      commission: [fee]
  - rule: tortured-phrase
    name: p
    kind: phrases
    phrases: {counterfeit consciousness: artificial intelligence}
"#;

    fn linter() -> Linter {
        let src = PackSource {
            path: "unit.yaml".into(),
            text: Arc::from(PACK),
        };
        Linter::new(
            RuleSet::load(&[src]).expect("pack loads"),
            Options::default(),
        )
    }

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        linter()
            .check(text)
            .into_iter()
            .map(|f| (f.text, f.suggestion))
            .collect()
    }

    #[test]
    fn proper_names_fire_only_where_written_as_names() {
        one("Flights to Virgin York resumed.", "Virgin York", "New York");
        one(
            "It sat in the Home of Commons.",
            "Home of Commons",
            "House of Commons",
        );
        one(
            "The Labour Social gathering met.",
            "Labour Social gathering",
            "Labour Party",
        );
        assert!(found("Flights to virgin york resumed.").is_empty());
        assert!(found("A Labour social gathering met.").is_empty());
        assert!(found("The labour Social gathering met.").is_empty());
    }

    #[test]
    fn given_names_fire_only_before_a_surname() {
        one("Microsoft chief Invoice Gates said so.", "Invoice", "Bill");
        one("Invoice Thompson, an analyst, agreed.", "Invoice", "Bill");
        one("He met Candid O'Brien.", "Candid", "Frank");
        let label = &linter().check("chief Invoice Gates said")[0].label;
        assert_eq!(
            label,
            "\"Invoice\" replaces the given name \"Bill\" before \"Gates\""
        );
        for silent in [
            "The invoice Gates sent was paid.",
            "Send the Invoice. Gates will pay.",
            "The Invoice arrived.",
            "CANDID CAMERA RETURNS",
            "Candid and open talks.",
            "Invoice 2024 is due.",
            "Candid Interview Reveals Plans\nThe minister spoke.",
            "Microsoft Sends Invoice Reminder To Every Customer.",
        ] {
            assert!(found(silent).is_empty(), "{silent:?}: {:?}", found(silent));
        }
    }

    #[test]
    fn name_heads_fire_only_after_a_word_of_the_name() {
        one(
            "The Pirate Social gathering won.",
            "Social gathering",
            "Party",
        );
        one("A ruling by the Maritime Fee is due.", "Fee", "Commission");
        let label = &linter().check("the Maritime Fee ruled")[0].label;
        assert_eq!(
            label,
            "\"Fee\" replaces \"Commission\" in a name after \"Maritime\""
        );
        for silent in [
            "The Fee was paid.",
            "The Pirate social gathering.",
            "He met the Pirate. Fee aside, it went well.",
            "Pirate Fee is due.",
            "It is For Fee only.",
            "Pirate Social Gathering Draws Record Crowd",
        ] {
            assert!(found(silent).is_empty(), "{silent:?}: {:?}", found(silent));
        }
    }

    fn one(text: &str, spun: &str, original: &str) {
        assert_eq!(
            found(text),
            [(spun.to_string(), Some(original.to_string()))],
            "in {text:?}"
        );
    }

    #[test]
    fn suggestion_keeps_the_case_of_the_text() {
        one("Harmony track ahead.", "Harmony track", "Peace track");
        one("THE HARMONY TRACK", "HARMONY TRACK", "PEACE TRACK");
    }

    #[test]
    fn entry_substitutions_apply_to_their_collocation_only() {
        let pack = "pack: scoped\ndescription: d\nsource: s\nclasses:\n  demonym: [Armenian]\ntables:\n  - rule: tortured-phrase\n    name: t\n    kind: collocations\n    collocations:\n      - {phrase: \"{demonym} forces\", substitutions: {forces: [causes]}}\n      - market forces\n      - peace talks\n    substitutions: {peace: [harmony]}\n";
        let src = PackSource {
            path: "scoped.yaml".into(),
            text: Arc::from(pack),
        };
        let linter = Linter::new(RuleSet::load(&[src]).expect("loads"), Options::default());
        let texts =
            |t: &str| -> Vec<String> { linter.check(t).into_iter().map(|f| f.text).collect() };
        assert_eq!(texts("Armenian causes advanced."), ["Armenian causes"]);
        assert_eq!(texts("Armenian cause advanced."), ["Armenian cause"]);
        assert!(texts("The market causes pain.").is_empty());
        assert_eq!(texts("The harmony talks resumed."), ["harmony talks"]);
    }

    #[test]
    fn plural_and_singular_forms_are_derived() {
        one("The harmony tracks.", "harmony tracks", "peace tracks");
        one(
            "A harmony conversation.",
            "harmony conversation",
            "peace talk",
        );
    }

    #[test]
    fn multi_word_substitutes_are_matched() {
        one(
            "It rose in the final 12 months.",
            "final 12 months",
            "last year",
        );
    }

    #[test]
    fn phrases_cross_line_wraps_but_not_punctuation_or_paragraphs() {
        one(
            "on the harmony\ntrack today",
            // The text as written, line break included.
            "harmony\ntrack",
            "peace track",
        );
        assert!(found("harmony. Track").is_empty());
        assert!(found("harmony, track").is_empty());
        assert!(found("harmony\n\ntrack").is_empty());
    }

    #[test]
    fn possessive_on_the_last_word_is_outside_the_span() {
        one(
            "The harmony track’s future.",
            "harmony track",
            "peace track",
        );
    }

    #[test]
    fn allow_list_and_exact_expressions_stay_silent() {
        assert!(found("A harmony path.").is_empty());
        assert!(found("The peace process continues.").is_empty());
        assert!(found("Talks on the peace track.").is_empty());
    }

    #[test]
    fn words_inside_longer_words_never_match() {
        assert!(found("the harmony-track plan").is_empty());
        assert!(found("harmonytrack").is_empty());
    }

    #[test]
    fn explicit_phrases_fire_literally() {
        one(
            "Counterfeit consciousness is here.",
            "Counterfeit consciousness",
            "Artificial intelligence",
        );
    }

    #[test]
    fn the_document_corrects_a_drifted_class_member() {
        let text = "Ethnic Armenian families left. The ethnic Armenian population fled Armenia. \
                    A cultural Iranian man stayed.";
        let f = linter().check(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestion.as_deref(), Some("ethnic Armenian"));
        assert!(f[0].label.contains("drifted"), "{}", f[0].label);
    }

    #[test]
    fn long_texts_are_checked_in_parts_with_spans_into_the_whole() {
        let filler = "Plain words of ordinary news, nothing more to say here.\n\n";
        let mut text = filler.repeat(CHUNK / filler.len() + 10);
        text.push_str("Talks on the harmony\ntrack resumed.\n");
        text.push_str(&filler.repeat(3));
        text.insert_str(0, "A harmony track ahead. ");
        let f = linter().check(&text);
        assert_eq!(f.len(), 2);
        for finding in &f {
            let got = &text[finding.span.start..finding.span.end];
            assert_eq!(got.replace('\n', " "), "harmony track");
        }
        assert!(f[1].span.start > CHUNK);
    }

    #[test]
    fn spans_point_into_the_original_bytes() {
        let text = "“Café” — the harmony track’s end";
        let f = linter().check(text);
        assert_eq!(&text[f[0].span.start..f[0].span.end], "harmony track");
    }
}
