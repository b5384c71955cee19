//! From validated packs to one [`Matcher`] plus the metadata findings are built from.

use super::inflect::inflect_last;
use super::matcher::{entry_scope, EntryKind, EntryRef, Matcher, WordId, NO_SCOPE};
use super::pack::{ClassNames, Examples, Kind, Names, Part, Phrase, RawPack, RawTable, Settings};
use super::{yaml, PackError, PackSource};
use crate::findings::Severity;
use crate::normalise::normalize_str;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Most variants one written entry may expand to through class slots.
const MAX_EXPANSION: usize = 20_000;

/// What `spinlint rules` and `explain` show of a table.
#[derive(Debug, Serialize, Deserialize)]
pub struct TableInfo {
    /// Rule id reported.
    pub rule: Arc<str>,
    /// Pack name.
    pub pack: Arc<str>,
    /// Table name, unique in its pack.
    pub name: Arc<str>,
    /// How it matches.
    pub kind: Kind,
    /// Default severity.
    pub severity: Severity,
    /// Default confidence.
    pub confidence: f32,
    /// The kind of names the collocations are, if names: a variant counts only where written as
    /// one.
    #[serde(default)]
    pub names: Option<Names>,
    /// One line on the table.
    pub description: Option<String>,
    /// Entries as written (before class expansion and inflection).
    pub entries: usize,
    /// Lines that must fire / stay silent.
    pub examples: Examples,
}

impl TableInfo {
    /// `pack/name`, as `spinlint rules` and `explain` name a table.
    pub fn qualified_name(&self) -> String {
        format!("{}/{}", self.pack, self.name)
    }

    /// What `explain` says of the table after its name: `(kind, N entries): description`.
    pub fn summary(&self) -> String {
        format!(
            "({}, {} entries): {}",
            self.kind.as_str(),
            self.entries,
            self.description.as_deref().unwrap_or("")
        )
    }
}

/// A class slot filled in an expanded collocation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Slot {
    /// The collocation as written in the pack, e.g. `ethnic {demonym}`.
    pub template: Arc<str>,
    /// Index of the slot's first word in the entry's words.
    pub pos: usize,
    /// Number of words of the member.
    pub len: usize,
    /// The class name.
    pub class: Arc<str>,
}

/// One compiled entry.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    /// Index into [`RuleSet::tables`].
    pub table: u32,
    /// How it matches.
    pub kind: EntryKind,
    /// Written words of the pattern, joined by single spaces (a collocation in its correct
    /// form; a tortured phrase).
    pub text: Box<str>,
    /// Phrases only: the likely originals, best first.
    pub originals: Box<[Box<str>]>,
    /// Confidence of a finding from this entry.
    pub confidence: f32,
    /// The class slot this expansion filled, if any.
    pub slot: Option<Slot>,
}

impl Entry {
    /// The written words of the pattern.
    pub fn words(&self) -> Vec<&str> {
        self.text.split(' ').collect()
    }
}

/// A table that switches on an engine check, with its settings.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CheckSpec {
    /// Index into [`RuleSet::tables`].
    pub table: u32,
    /// Which check.
    pub kind: Kind,
    /// Words or phrases the check never reports, as written.
    pub allow: Vec<String>,
    /// Thresholds.
    pub settings: Settings,
    /// Members of the class named by `settings.class`, as written.
    pub members: Vec<String>,
}

/// Packs compiled for matching.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RuleSet {
    /// Loaded packs: name, description, source, path.
    pub packs: Vec<PackInfo>,
    /// Every table of every pack.
    pub tables: Vec<TableInfo>,
    /// Every compiled entry; the matcher refers to them by index.
    pub entries: Vec<Entry>,
    /// The index over all tables.
    pub matcher: Matcher,
    /// Number of collocations with substitutions of their own.
    pub entry_scopes: u32,
    /// Tables that configure engine checks.
    pub checks: Vec<CheckSpec>,
    /// (original, substitute) pairs of the substitutions of whole packs and tables, as written
    /// (those of one collocation, and tables of proper names, left out): the synonym classes
    /// `audit` folds words by ([`crate::audit::canon::Canon::from_rules`]).
    #[serde(default)]
    pub synonyms: Vec<(String, String)>,
}

/// What is known of a loaded pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackInfo {
    /// Pack name.
    pub name: Arc<str>,
    /// One line on the pack.
    pub description: String,
    /// Provenance and licence.
    pub source: String,
    /// Where it was loaded from.
    pub path: String,
}

impl RuleSet {
    /// Parses, validates and compiles `sources`; returns the first error of every malformed pack.
    pub fn load(sources: &[PackSource]) -> Result<RuleSet, Vec<PackError>> {
        let classes = class_names(sources);
        let mut errors = Vec::new();
        let mut raws = Vec::new();
        super::pack::with_known_classes(classes, || {
            for src in sources {
                match parse(src) {
                    Ok(raw) => raws.push((src, raw)),
                    Err(e) => errors.push(e),
                }
            }
        });
        check_names(&raws, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut set = RuleSet::default();
        let class_map = collect_classes(&raws);
        for (src, raw) in &raws {
            set.add_pack(src, raw, &class_map);
        }
        set.mark_shadowing();
        set.matcher.seal();
        Ok(set)
    }

    /// Collocations that are themselves a spun form of another entry must be reported when they
    /// occur literally, so that the engine can tell the exact expression from the spun reading.
    fn mark_shadowing(&mut self) {
        let mut marks = Vec::new();
        let mut found = Vec::new();
        let mut joins = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if e.kind != EntryKind::Collocation || e.slot.is_some() {
                continue;
            }
            let ids: Vec<WordId> = e
                .text
                .split(' ')
                .map(|w| self.matcher.lookup(&normalize_str(w)))
                .collect();
            joins.clear();
            joins.resize(ids.len(), true);
            found.clear();
            self.matcher.find(&ids, &joins, &mut found);
            let spun_reading = found.iter().any(|c| {
                c.entry.kind == EntryKind::Collocation
                    && !c.subs.is_empty()
                    && c.first == 0
                    && c.last + 1 == ids.len()
            });
            if spun_reading {
                marks.push((ids, i as u32));
            }
        }
        for (ids, entry) in marks {
            self.matcher.report_literal(&ids, entry);
        }
    }

    /// Tables reporting `rule`.
    pub fn tables_for<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a TableInfo> + 'a {
        self.tables.iter().filter(move |t| &*t.rule == rule)
    }

    fn add_pack(&mut self, src: &PackSource, raw: &RawPack, classes: &ClassMap) {
        let pack: Arc<str> = raw.pack.0.as_str().into();
        let whole = raw.tables.iter().filter(|t| t.names.is_none());
        for subs in std::iter::once(&raw.substitutions).chain(whole.map(|t| &t.substitutions)) {
            for (original, substitutes) in &subs.0 {
                for s in substitutes {
                    self.synonyms.push((original.0.clone(), s.0.clone()));
                }
            }
        }
        self.packs.push(PackInfo {
            name: pack.clone(),
            description: raw.description.clone(),
            source: raw.source.clone(),
            path: src.path.clone(),
        });
        for table in &raw.tables {
            let t = self.tables.len() as u32;
            self.tables.push(TableInfo {
                rule: table.rule.0.as_str().into(),
                pack: pack.clone(),
                name: table.name.0.as_str().into(),
                kind: table.kind,
                severity: table.severity,
                confidence: table.confidence,
                names: table.names,
                description: table.description.clone(),
                entries: table.collocations.len() + table.phrases.len() + table.allow.len(),
                examples: Examples {
                    fire: table.examples.fire.clone(),
                    silent: table.examples.silent.clone(),
                },
            });
            if table.kind.is_check() {
                self.checks.push(check_spec(t, table, classes));
                continue;
            }
            let mut c = TableCompiler {
                set: self,
                table: t,
                scope: NO_SCOPE,
                raw: table,
                classes,
            };
            c.compile(&raw.substitutions.0);
        }
    }
}

type ClassMap = FxHashMap<String, Vec<Vec<String>>>;

fn check_spec(table: u32, raw: &RawTable, classes: &ClassMap) -> CheckSpec {
    let members = raw
        .settings
        .class
        .as_ref()
        .and_then(|c| classes.get(c))
        .map(|m| m.iter().map(|words| words.join(" ")).collect())
        .unwrap_or_default();
    CheckSpec {
        table,
        kind: raw.kind,
        allow: raw.allow.iter().map(|p| p.0.clone()).collect(),
        settings: raw.settings.clone(),
        members,
    }
}

fn parse(src: &PackSource) -> Result<RawPack, PackError> {
    let raw: RawPack = yaml::from_str(&src.text).map_err(|e| {
        let (message, offset) = match super::pack::key_of_error(&e.message) {
            // An error of a whole table, about one of its keys: placed at the key.
            Some((key, message)) => (message, e.offset.map(|o| key_offset(&src.text, o, &key))),
            None => (crate::config::with_suggestion(&e.message), e.offset),
        };
        PackError {
            path: src.path.clone(),
            message,
            offset,
            text: src.text.clone(),
        }
    })?;
    if raw.tables.is_empty() && raw.classes.0.is_empty() {
        return Err(PackError {
            path: src.path.clone(),
            message: format!(
                "pack `{}` is empty: give it tables (or classes, for other packs to use)",
                raw.pack.0
            ),
            offset: find_key(&src.text, 0, "tables"),
            text: src.text.clone(),
        });
    }
    Ok(raw)
}

/// Offset of the first `key:` at or after `from` (a table's start, where serde placed the
/// error), else `from`.
fn key_offset(text: &str, from: usize, key: &str) -> usize {
    // serde places a table's error at its end or its start; look back to the table's `- ` line.
    let start = text[..from.min(text.len())]
        .rfind("\n  - ")
        .or_else(|| text[..from.min(text.len())].rfind("\n- "))
        .map_or(0, |i| i + 1);
    find_key(text, start, key).unwrap_or(from)
}

/// Offset of the first key `key` (`key:` at the start of a line or after `- `) from `from` on.
fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let needle = format!("{key}:");
    text.get(from..)?
        .match_indices(&needle)
        .map(|(i, _)| from + i)
        .find(|&i| {
            let before = text[..i].rsplit('\n').next().unwrap_or("");
            before.trim_start_matches([' ', '-']).is_empty()
                || before.trim_end().ends_with(['{', ','])
        })
}

/// Class names defined anywhere, read leniently before the strict pass.
fn class_names(sources: &[PackSource]) -> BTreeSet<String> {
    sources
        .iter()
        .filter(|s| s.text.contains("classes"))
        .filter_map(|s| yaml::from_str::<ClassNames>(&s.text).ok())
        .flat_map(|c| c.classes.into_keys())
        .collect()
}

fn collect_classes(raws: &[(&PackSource, RawPack)]) -> ClassMap {
    let mut map = ClassMap::default();
    for (_, raw) in raws {
        for (name, members) in &raw.classes.0 {
            let list = map.entry(name.0.clone()).or_default();
            for m in members {
                let words: Vec<String> = m.0.split_whitespace().map(String::from).collect();
                if !list.contains(&words) {
                    list.push(words);
                }
            }
        }
    }
    map
}

/// Pack names unique across packs and equal to the file stem; table names unique in a pack.
fn check_names(raws: &[(&PackSource, RawPack)], errors: &mut Vec<PackError>) {
    let mut seen = BTreeSet::new();
    for (src, raw) in raws {
        let err = |message: String, needle: &str| PackError {
            path: src.path.clone(),
            message,
            offset: src.text.find(needle),
            text: src.text.clone(),
        };
        if !seen.insert(raw.pack.0.clone()) {
            let first = raws
                .iter()
                .find(|(_, r)| r.pack.0 == raw.pack.0)
                .map_or("", |(s, _)| s.path.as_str());
            errors.push(err(
                format!(
                    "a pack named `{}` is already loaded, from {first}",
                    raw.pack.0
                ),
                "pack:",
            ));
        }
        let mut tables = BTreeSet::new();
        for t in &raw.tables {
            if !tables.insert(&t.name.0) {
                let needle = format!("name: {}", t.name.0);
                let second = src.text.match_indices(&needle).nth(1).map(|(i, _)| i);
                let mut e = err(
                    format!(
                        "duplicate table name `{}` in pack `{}`",
                        t.name.0, raw.pack.0
                    ),
                    &needle,
                );
                e.offset = second.or(e.offset);
                errors.push(e);
            }
        }
    }
}

/// Compiles one table into the shared matcher.
struct TableCompiler<'a> {
    set: &'a mut RuleSet,
    table: u32,
    /// The entry scope of the collocation being compiled, or [`NO_SCOPE`].
    scope: u32,
    raw: &'a RawTable,
    classes: &'a ClassMap,
}

impl TableCompiler<'_> {
    fn compile(&mut self, pack_subs: &[(Phrase, Vec<Phrase>)]) {
        match self.raw.kind {
            Kind::Collocations => {
                for c in &self.raw.collocations {
                    let conf = c.confidence.unwrap_or(self.raw.confidence);
                    self.scope = NO_SCOPE;
                    if !c.substitutions.0.is_empty() {
                        self.scope = entry_scope(self.set.entry_scopes);
                        self.set.entry_scopes += 1;
                        for (orig, subs) in &c.substitutions.0 {
                            for sub in subs {
                                self.add_substitution(&orig.0, &sub.0, self.scope);
                            }
                        }
                    }
                    self.add_collocation(&c.phrase, conf);
                }
                self.scope = NO_SCOPE;
                let table_subs = &self.raw.substitutions.0;
                for (orig, subs) in pack_subs.iter().chain(table_subs) {
                    for sub in subs {
                        self.add_substitution(&orig.0, &sub.0, self.table);
                    }
                }
            }
            Kind::Phrases => {
                for (tortured, target) in &self.raw.phrases {
                    let conf = target.confidence.unwrap_or(self.raw.confidence);
                    let originals: Vec<String> =
                        target.originals.iter().map(|p| p.0.clone()).collect();
                    self.add_phrase(&tortured.0, originals, conf);
                }
            }
            // Engine checks compile nothing into the matcher (see `check_spec`).
            _ => return,
        }
        for allow in &self.raw.allow {
            for (words, _) in self.expand(allow) {
                self.push_entry(EntryKind::Allow, words, vec![], 1.0, None);
            }
        }
    }

    fn add_collocation(&mut self, phrase: &Phrase, confidence: f32) {
        for (words, slot) in self.expand(phrase) {
            let inflected = self
                .raw
                .inflect
                .then(|| inflect_last(&words.join(" ")))
                .flatten()
                .map(|inf| inf.split(' ').map(String::from).collect());
            for words in std::iter::once(words).chain(inflected) {
                let kind = EntryKind::Collocation;
                self.push_entry(kind, words, vec![], confidence, slot.clone());
            }
        }
    }

    fn add_phrase(&mut self, tortured: &str, originals: Vec<String>, confidence: f32) {
        let words = tortured.split(' ').map(String::from).collect();
        if self.raw.inflect {
            let inflected: Option<Vec<String>> =
                originals.iter().map(|o| inflect_last(o)).collect();
            if let (Some(t), Some(o)) = (inflect_last(tortured), inflected) {
                let tw = t.split(' ').map(String::from).collect();
                self.push_entry(EntryKind::Phrase, tw, o, confidence, None);
            }
        }
        self.push_entry(EntryKind::Phrase, words, originals, confidence, None);
    }

    fn add_substitution(&mut self, orig: &str, sub: &str, scope: u32) {
        let mut pairs = vec![(orig.to_string(), sub.to_string())];
        if self.raw.inflect {
            if let (Some(o), Some(s)) = (inflect_last(orig), inflect_last(sub)) {
                pairs.push((o, s));
            }
        }
        for (o, s) in pairs {
            let (o_ids, s_ids) = (self.ids(&o), self.ids(&s));
            if o_ids != s_ids {
                self.set.matcher.add_substitution(&o_ids, &s_ids, scope);
            }
        }
    }

    fn ids(&mut self, phrase: &str) -> Vec<WordId> {
        phrase
            .split_whitespace()
            .map(|w| self.set.matcher.intern(&normalize_str(w)))
            .collect()
    }

    /// Every expansion of a phrase's class slots: written words and the slot filled.
    fn expand(&self, phrase: &Phrase) -> Vec<(Vec<String>, Option<Slot>)> {
        let mut out: Vec<(Vec<String>, Option<Slot>)> = vec![(vec![], None)];
        let template: Arc<str> = phrase.0.as_str().into();
        for part in phrase.parts() {
            match part {
                Part::Word(w) => out.iter_mut().for_each(|(ws, _)| ws.push(w.to_string())),
                Part::Class(name) => out = self.fill_slot(out, name, &template),
            }
            out.truncate(MAX_EXPANSION);
        }
        out
    }

    fn fill_slot(
        &self,
        partial: Vec<(Vec<String>, Option<Slot>)>,
        class: &str,
        template: &Arc<str>,
    ) -> Vec<(Vec<String>, Option<Slot>)> {
        let members = self.classes.get(class).map_or(&[][..], Vec::as_slice);
        let class: Arc<str> = class.into();
        let mut out = Vec::with_capacity(partial.len() * members.len());
        for (words, slot) in &partial {
            for m in members {
                let mut ws = words.clone();
                let new_slot = Slot {
                    template: template.clone(),
                    pos: ws.len(),
                    len: m.len(),
                    class: class.clone(),
                };
                ws.extend(m.iter().cloned());
                out.push((ws, slot.clone().or(Some(new_slot))));
            }
        }
        out
    }

    fn push_entry(
        &mut self,
        kind: EntryKind,
        words: Vec<String>,
        originals: Vec<String>,
        confidence: f32,
        slot: Option<Slot>,
    ) {
        let path: Vec<WordId> = words
            .iter()
            .map(|w| self.set.matcher.intern(&normalize_str(w)))
            .collect();
        let entry = self.set.entries.len() as u32;
        let r = EntryRef {
            entry,
            table: self.table,
            scope: self.scope,
            kind,
            literal: slot.is_some(),
        };
        self.set.entries.push(Entry {
            table: self.table,
            kind,
            text: words.join(" ").into(),
            originals: originals.into_iter().map(String::into_boxed_str).collect(),
            confidence,
            slot,
        });
        self.set.matcher.add_entry(&path, r);
    }
}
