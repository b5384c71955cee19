//! `cargo xtask gen science`: the `science` pack from the Problematic Paper Screener list.
//!
//! Kept: fingerprints whose PPS query is an exact quoted phrase, and torturedcheck-only ones
//! (query form unknown) at a lower confidence. Dropped: context-only queries, fingerprints inside
//! their own expected text, single words, punctuation inside a phrase, no usable expected phrase,
//! and ordinary English (a two-word phrase whose bigram is common in the wordsegment counts, a
//! headword of the LibreOffice thesaurus, or a phrase on the reviewed list in
//! `xtask/data/science-ordinary.txt`). A second table, `pps-terms`, lists the expected terms
//! with the word swaps the fingerprints show ([`terms`]).

use crate::yaml_out::{json, q};
use anyhow::{Context, Result};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// A two-word fingerprint whose bigram occurs this often is ordinary English.
const ORDINARY_BIGRAM: u64 = 100_000;

/// Inputs of the generator.
pub struct Resources<'a> {
    /// `pps-tortured-phrases/tortured_phrases_dev.tsv`.
    pub pps: &'a Path,
    /// wordsegment's `bigrams.txt`.
    pub bigrams: &'a Path,
    /// mythes `th_en_US_v2.dat`.
    pub thesaurus: &'a Path,
}

struct Entry {
    key: String,
    originals: Vec<String>,
    unknown: bool,
}

/// The generated pack text.
pub fn generate(res: &Resources) -> Result<String> {
    let bigrams = read_bigrams(res.bigrams)?;
    let headwords = read_headwords(res.thesaurus)?;
    let review: BTreeSet<String> = include_str!("../data/science-ordinary.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect();
    let text = std::fs::read_to_string(res.pps).with_context(|| res.pps.display().to_string())?;
    let f = Filters::new();
    let mut order: Vec<String> = Vec::new();
    let mut keep: HashMap<String, Entry> = HashMap::new();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap_or(usize::MAX);
    let (ti, ci, ki, fi) = (col("tortured"), col("correct"), col("kind"), col("flag"));
    for line in lines {
        let row: Vec<&str> = line.split('\t').collect();
        let get = |i: usize| row.get(i).copied().unwrap_or("");
        let tortured = f
            .trailing_paren
            .replace(&collapse(get(ti)), "")
            .trim()
            .to_string();
        let correct = collapse(get(ci));
        let kind = get(ki);
        if get(fi).contains("tortured-within-correct") || !(kind == "exact" || kind == "unknown") {
            continue;
        }
        if !f.keepable(&tortured, &correct, &bigrams) {
            continue;
        }
        let key = normkey(&tortured);
        let lower = key.to_lowercase();
        if review.contains(&lower) || headwords.contains(&lower) || lower == correct.to_lowercase()
        {
            continue;
        }
        let e = keep.entry(lower.clone()).or_insert_with(|| {
            order.push(lower.clone());
            Entry {
                key: key.clone(),
                originals: vec![],
                unknown: true,
            }
        });
        for c in f.clean_originals(&correct) {
            if !e
                .originals
                .iter()
                .any(|x| x.to_lowercase() == c.to_lowercase())
            {
                e.originals.push(c);
            }
        }
        if e.originals.is_empty() {
            keep.remove(&lower);
            order.retain(|k| *k != lower);
            continue;
        }
        if kind == "exact" {
            e.unknown = false;
        }
    }
    let entries: Vec<Entry> = order.into_iter().filter_map(|k| keep.remove(&k)).collect();
    let (terms, allow) = terms(&entries, &bigrams, &headwords, &review);
    Ok(emit(entries, &terms, &allow))
}

/// A term of the papers with the swaps that make a tortured form of it.
struct Term {
    phrase: String,
    /// Per word of the term that has any: the word and its substitutes.
    swaps: Vec<(String, Vec<String>)>,
}

/// Word swaps the fingerprints show: for each fingerprint and an expected phrase of as many
/// words, every word pair that differs (`deep` -> `profound` from `profound learning` for
/// `deep learning`), leaving out inflections of one word (`network` -> `networks`), and kept
/// when [`MIN_SWAP_USES`] fingerprints show it.
fn learned_swaps(entries: &[Entry]) -> BTreeMap<String, BTreeSet<String>> {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for e in entries {
        let tortured: Vec<String> = e
            .key
            .to_lowercase()
            .split(' ')
            .map(str::to_string)
            .collect();
        for original in &e.originals {
            let original: Vec<String> = original
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            if original.len() != tortured.len() {
                continue;
            }
            for (a, b) in original.iter().zip(&tortured) {
                let inflection = a.starts_with(b.as_str()) || b.starts_with(a.as_str());
                if a != b && plain_word(a) && plain_word(b) && !inflection {
                    *seen.entry((a.clone(), b.clone())).or_default() += 1;
                }
            }
        }
    }
    let mut swaps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for ((a, b), n) in seen {
        if n >= MIN_SWAP_USES {
            swaps.entry(a).or_default().insert(b);
        }
    }
    swaps
}

/// Fewest fingerprints that must show a swap before it is tried on other terms: one use may be
/// one paper's quirk (`models` -> `demonstrations`); two are the spinner's habit.
const MIN_SWAP_USES: usize = 2;

/// A lower-case word of letters, two or more.
fn plain_word(w: &str) -> bool {
    w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase())
}

/// The expected phrases of the fingerprints (two to four plain words), each with the learned
/// swaps that turn it into something that is not ordinary English: a swap is dropped where the
/// result is another listed term, a thesaurus headword, on the reviewed list, where every word
/// pair it makes with its neighbours is common in the wordsegment counts, or where one of those
/// pairs is in spinlint's bigram table of ordinary English.
fn terms(
    entries: &[Entry],
    bigrams: &HashMap<String, u64>,
    headwords: &BTreeSet<String>,
    review: &BTreeSet<String>,
) -> (Vec<Term>, BTreeSet<String>) {
    let swaps = learned_swaps(entries);
    let phrases: BTreeSet<String> = entries
        .iter()
        .flat_map(|e| e.originals.iter())
        .map(|o| o.to_lowercase())
        .filter(|o| {
            let n = o.split(' ').count();
            (2..=4).contains(&n) && o.split(' ').all(plain_word)
        })
        .collect();
    let common = |a: &str, b: &str| {
        bigrams.get(&format!("{a} {b}")).copied().unwrap_or(0) >= ORDINARY_BIGRAM
    };
    let lm = spinlint::lm::Bigrams::english();
    let attested = |a: &str, b: &str| {
        lm.id(a)
            .zip(lm.id(b))
            .is_some_and(|(x, y)| lm.bigram(x, y).is_some())
    };
    let mut out = Vec::new();
    for phrase in &phrases {
        let words: Vec<&str> = phrase.split(' ').collect();
        let mut term = Term {
            phrase: phrase.clone(),
            swaps: Vec::new(),
        };
        for (i, w) in words.iter().enumerate() {
            let Some(subs) = swaps.get(*w) else {
                continue;
            };
            let kept: Vec<String> = subs
                .iter()
                .filter(|s| {
                    let mut variant = words.clone();
                    variant[i] = s.as_str();
                    let variant = variant.join(" ");
                    let before = i.checked_sub(1).map(|j| common(words[j], s));
                    let after = words.get(i + 1).map(|next| common(s, next));
                    let ordinary = [before, after].iter().flatten().all(|c| *c);
                    // A pair the bigram table of ordinary English knows ("nervous system").
                    let seen = i.checked_sub(1).is_some_and(|j| attested(words[j], s))
                        || words.get(i + 1).is_some_and(|next| attested(s, next));
                    !ordinary
                        && !seen
                        && !phrases.contains(&variant)
                        && !headwords.contains(&variant)
                        && !review.contains(&variant)
                })
                .cloned()
                .collect();
            if !kept.is_empty() && !term.swaps.iter().any(|(k, _)| k == w) {
                term.swaps.push((w.to_string(), kept));
            }
        }
        if !term.swaps.is_empty() {
            out.push(term);
        }
    }
    // Two swaps side by side can make an ordinary pair of their own ("neural network" ->
    // "nervous system"): such pairs are allowed.
    let mut allow = BTreeSet::new();
    for t in &out {
        let words: Vec<&str> = t.phrase.split(' ').collect();
        let subs = |w: &str| t.swaps.iter().find(|(k, _)| k == w).map(|(_, s)| s.clone());
        for pair in words.windows(2) {
            let (Some(a), Some(b)) = (subs(pair[0]), subs(pair[1])) else {
                continue;
            };
            for x in &a {
                for y in &b {
                    if attested(x, y) || common(x, y) {
                        allow.insert(format!("{x} {y}"));
                    }
                }
            }
        }
    }
    (out, allow)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Upper-case acronyms keep their case; everything else is lower-cased.
fn normkey(p: &str) -> String {
    p.split(' ')
        .map(|w| {
            let upper = w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase);
            if w.chars().count() >= 2 && upper {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

struct Filters {
    trailing_paren: Regex,
    phrase: Regex,
    word: Regex,
    token: Regex,
    paren: Regex,
    acronym: Regex,
    split: Regex,
    original: Regex,
    original_word: Regex,
}

impl Filters {
    fn new() -> Self {
        let re = |s: &str| Regex::new(s).expect("valid pattern");
        Filters {
            trailing_paren: re(r"\s*\([^)]*\)$"),
            phrase: re(r"^[A-Za-z0-9][A-Za-z0-9 '\-]*$"),
            word: re(r"^[A-Za-z0-9]([A-Za-z0-9'\-]*[A-Za-z0-9])?$"),
            token: re(r"[a-z0-9]+(?:'[a-z0-9]+)*"),
            paren: re(r"\(([^)]*)\)"),
            acronym: re(r"^[A-Za-z0-9&\\\- ]*$"),
            split: re(r"\s*(?:/|;|,| or )\s*"),
            original: re(r"^[A-Za-z0-9À-ÿ][A-Za-z0-9À-ÿ '\-]*$"),
            original_word: re(r"^[A-Za-z0-9À-ÿ]([A-Za-z0-9À-ÿ'\-]*[A-Za-z0-9À-ÿ])?$"),
        }
    }

    /// The shape and frequency checks on a fingerprint and its expected text.
    fn keepable(&self, tortured: &str, correct: &str, bigrams: &HashMap<String, u64>) -> bool {
        let words: Vec<&str> = tortured.split_whitespace().collect();
        let only_questions = correct.contains('?')
            && correct
                .replace('?', "")
                .trim_matches(|c| c == ' ' || c == '?')
                .is_empty();
        self.phrase.is_match(tortured)
            && words.len() >= 2
            && !only_questions
            && correct.matches('?').count() < 2
            && !self.ordinary_bigram(tortured, bigrams)
            && words.iter().all(|w| self.word.is_match(w))
    }

    fn ordinary_bigram(&self, p: &str, bigrams: &HashMap<String, u64>) -> bool {
        let lower = p.to_lowercase().replace('\u{2019}', "'");
        let toks: Vec<&str> = self.token.find_iter(&lower).map(|m| m.as_str()).collect();
        toks.len() == 2 && bigrams.get(&toks.join(" ")).copied().unwrap_or(0) >= ORDINARY_BIGRAM
    }

    /// Usable expected phrases: parenthesised acronyms and remarks dropped, alternatives split.
    fn clean_originals(&self, correct: &str) -> Vec<String> {
        let c = self.paren.replace_all(correct, |caps: &regex::Captures| {
            let inner = caps[1].trim();
            let acronymish = self.acronym.is_match(inner)
                && (inner.to_uppercase() == inner
                    || (inner.split_whitespace().count() <= 1
                        && ["e.g", "ie"].contains(&inner.to_lowercase().as_str())));
            let remark = ["e.g", "i.e", "or ", "a part of", "in ", "caveat"]
                .iter()
                .any(|p| inner.starts_with(p));
            if inner.contains('?') || acronymish || remark {
                " ".to_string()
            } else {
                format!(" {inner} ")
            }
        });
        let c = c.replace(['\u{201c}', '\u{201d}', '"'], "");
        self.split
            .split(&c)
            .map(|part| {
                collapse(&part.replace('?', ""))
                    .trim_matches(|ch| " .-'".contains(ch))
                    .to_string()
            })
            .filter(|part| !part.is_empty() && self.original.is_match(part))
            .filter(|part| {
                part.split_whitespace()
                    .all(|w| self.original_word.is_match(w))
            })
            .collect()
    }
}

fn read_bigrams(path: &Path) -> Result<HashMap<String, u64>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let (k, v) = l.rsplit_once('\t')?;
            Some((k.to_string(), v.trim().parse().ok()?))
        })
        .collect())
}

/// Lower-cased headwords of a mythes thesaurus file.
pub fn read_headwords(path: &Path) -> Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let mut out = BTreeSet::new();
    let mut lines = text.lines().skip(1);
    while let Some(head) = lines.next() {
        let Some((word, n)) = head.rsplit_once('|') else {
            continue;
        };
        out.insert(word.to_lowercase());
        for _ in 0..n.trim().parse::<usize>().unwrap_or(0) {
            lines.next();
        }
    }
    Ok(out)
}

const SOURCE: &str = "Tortured phrases and the expressions they replaced: the Problematic Paper Screener (PPS) tortured-phrases list,
Problematic Paper Screener, Cabanac, Labbé & Magazinov, licensed under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/); changes: filtered and lower-cased as described here.
Taken from the development part of the merged PPS exports. Kept: rows whose PPS query is an exact quoted phrase,
plus torturedcheck-only rows (query form unknown, confidence 0.6).
Dropped: rows that PPS only matches with extra context (AND-context, proximity, NOT/OR queries), rows whose tortured
text is part of the expected text, single-word fingerprints, entries with punctuation inside the phrase (a trailing
acronym in parentheses was removed first), entries without a usable expected phrase, and tortured phrases that are
ordinary English: two-word phrases whose bigram occurs at least 100,000 times in the Google Web Trillion Word Corpus
counts distributed by the wordsegment Python package (wordsegment 1.3.1), phrases that are headwords of the
LibreOffice English thesaurus (mythes-en-us 1:7.5.0-1, derived from Princeton WordNet 3.0; WordNet 3.0 Copyright 2006
by Princeton University), and phrases on the reviewed list xtask/data/science-ordinary.txt (ordinary or
context-dependent, for example \"search engine\", \"cloud computing\", \"place of interest\").
Table pps-terms: the expected phrases of the kept rows (two to four plain words) as collocations, each with the word
swaps that at least two kept fingerprints show (a word of the fingerprint against the word of its expected phrase);
a swap is left out of a term where it makes another listed term, a thesaurus headword, a reviewed phrase, a pair
whose bigram occurs at least 100,000 times in the wordsegment counts, or a pair in spinlint's bigram table of
ordinary English (rules/generated/english-bigrams.bin); ordinary pairs made by two swaps side by side are allowed.
Generated by: cargo xtask gen science --data DIR (DIR holding pps-tortured-phrases/).";

const FIRE: [&str; 5] = [
    "Patterns were found by information mining of the logs.",
    "The profound neural networks were trained for ten epochs.",
    "Features were reduced by essential component analysis.",
    "The sack of words model was used as a baseline.",
    "Results are reported with the arbitrary woodland classifier and the mean square blunder.",
];

const SILENT: [&str; 5] = [
    "Patterns were found by data mining of the logs.",
    "The deep neural networks were trained for ten epochs.",
    "Features were reduced by principal component analysis.",
    "A search engine returned the documents.",
    "Results are reported with the random forest classifier and the mean square error.",
];

fn emit(mut entries: Vec<Entry>, terms: &[Term], allow: &BTreeSet<String>) -> String {
    entries.sort_by_key(|e| e.key.to_lowercase());
    let mut out = String::from("pack: science\ndescription: Tortured phrases found in published scientific papers (Problematic Paper Screener fingerprints) and the expressions they replaced.\nsource: >-\n");
    for line in SOURCE.lines() {
        let _ = writeln!(out, "  {}", line.trim());
    }
    out.push_str("tables:\n  - rule: tortured-phrase\n    name: pps-fingerprints\n    kind: phrases\n    description: Explicit tortured-phrase fingerprints from the Problematic Paper Screener; each maps to the established term it replaced.\n    severity: warning\n    confidence: 0.8\n    inflect: false\n    phrases:\n");
    for e in &entries {
        let mut originals = e.originals.clone();
        if originals.len() > 1 {
            originals.sort_by_key(|o| o.to_lowercase());
        }
        let value = if e.unknown {
            format!("{{original: {}, confidence: 0.6}}", q(&originals[0]))
        } else if originals.len() == 1 {
            q(&originals[0])
        } else {
            let items: Vec<String> = originals.iter().map(|o| q(o)).collect();
            format!("[{}]", items.join(", "))
        };
        let _ = writeln!(out, "      {}: {}", q(&e.key), value);
    }
    out.push_str("    examples:\n      fire:\n");
    for s in FIRE {
        let _ = writeln!(out, "        - {}", json(s));
    }
    out.push_str("      silent:\n");
    for s in SILENT {
        let _ = writeln!(out, "        - {}", json(s));
    }
    out.push_str(TERMS_HEAD);
    for t in terms {
        let swaps: Vec<String> = t
            .swaps
            .iter()
            .map(|(w, subs)| {
                let subs: Vec<String> = subs.iter().map(|s| q(s)).collect();
                format!("{}: [{}]", q(w), subs.join(", "))
            })
            .collect();
        let _ = writeln!(
            out,
            "      - {{phrase: {}, substitutions: {{{}}}}}",
            q(&t.phrase),
            swaps.join(", ")
        );
    }
    out.push_str("    allow:\n");
    for a in allow {
        let _ = writeln!(out, "      - {}", q(a));
    }
    out.push_str("    examples:\n      fire:\n");
    for s in TERMS_FIRE {
        let _ = writeln!(out, "        - {}", json(s));
    }
    out.push_str("      silent:\n");
    for s in TERMS_SILENT {
        let _ = writeln!(out, "        - {}", json(s));
    }
    out
}

const TERMS_HEAD: &str = "  - rule: tortured-phrase
    name: pps-terms
    kind: collocations
    description: The established terms the fingerprints replace, with the word swaps the fingerprints show (deep -> profound), so that swaps in combinations no fingerprint lists are found too.
    severity: warning
    confidence: 0.7
    collocations:
";

const TERMS_FIRE: [&str; 2] = [
    "The profound neural network was trained on the images.",
    "We use a help vector machine for the task.",
];

const TERMS_SILENT: [&str; 2] = [
    "The deep neural network was trained on the images.",
    "We use a support vector machine for the task.",
];
