//! Reading the outside data sets and the rule packs, and the small conversions the measures need.

use anyhow::{Context, Result};
use serde_json::Value;
use spinlint::rules::{bundled_packs, PackSource};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// Every JSON object of a JSONL file.
pub fn read_jsonl(path: &Path) -> Result<Vec<Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect()
}

/// Words as the scorer counts them: runs of non-white-space.
pub fn nwords(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Byte offsets -> code point offsets of one text.
pub struct CharMap {
    /// Byte offset of each char start, plus the end.
    starts: Option<Vec<usize>>,
}

impl CharMap {
    /// Indexes `text` (nothing to index for ASCII).
    pub fn new(text: &str) -> Self {
        let starts = (!text.is_ascii()).then(|| {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            v.push(text.len());
            v
        });
        CharMap { starts }
    }

    /// Code point offset of byte offset `b` (a char boundary).
    pub fn cp(&self, b: usize) -> usize {
        match &self.starts {
            None => b,
            Some(s) => s.partition_point(|&x| x < b),
        }
    }
}

/// One PPS fingerprint: the phrase as written and its expected phrases (lower case).
pub struct Fingerprint {
    /// The tortured phrase.
    pub phrase: String,
    /// Expected phrases, lower-cased, white space collapsed.
    pub correct: BTreeSet<String>,
}

/// PPS pairs merged by tortured phrase (case-insensitive), without context-only rows, in file order.
pub fn read_pps(path: &Path) -> Result<Vec<Fingerprint>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (ti, ci, fi) = (col("tortured"), col("correct"), col("flag"));
    let (Some(ti), Some(ci)) = (ti, ci) else {
        anyhow::bail!("{}: no tortured/correct columns", path.display());
    };
    let mut order: Vec<String> = Vec::new();
    let mut map: BTreeMap<String, Fingerprint> = BTreeMap::new();
    for line in lines {
        let row: Vec<&str> = line.split('\t').collect();
        let flag = fi.and_then(|i| row.get(i)).copied().unwrap_or("");
        if flag.contains("tortured-within-correct") {
            continue;
        }
        let phrase = collapse(row.get(ti).copied().unwrap_or(""));
        if phrase.is_empty() {
            continue;
        }
        let key = phrase.to_lowercase();
        let correct = collapse(&row.get(ci).copied().unwrap_or("").to_lowercase());
        let entry = map.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Fingerprint {
                phrase,
                correct: BTreeSet::new(),
            }
        });
        entry.correct.insert(correct);
    }
    Ok(order.into_iter().filter_map(|k| map.remove(&k)).collect())
}

/// White space collapsed to single spaces.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The bundled packs plus every `*.yaml` / `*.yml` of the given directories.
pub fn pack_sources(dirs: &[std::path::PathBuf]) -> Result<Vec<PackSource>> {
    let mut out = bundled_packs();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        files.sort();
        for p in files {
            let text = std::fs::read_to_string(&p)?;
            out.push(PackSource {
                path: p.display().to_string(),
                text: Arc::from(text),
            });
        }
    }
    Ok(out)
}

/// `sources` with every trace of the held-out fingerprints removed: phrase entries whose tortured
/// side is held out, and, in packs built from the fingerprint list (their `source` names the
/// Problematic Paper Screener), entries whose original or collocation is a held-out expected
/// phrase. Lists of other origin (a thesaurus, WordNet) keep their entries.
pub fn without(
    sources: &[PackSource],
    tortured: &BTreeSet<String>,
    expected: &BTreeSet<String>,
) -> Result<Vec<PackSource>> {
    sources
        .iter()
        .map(|src| {
            let mut pack: serde_yaml::Value = serde_yaml::from_str(&src.text)?;
            let from_pps = pack["source"]
                .as_str()
                .is_some_and(|s| s.contains("Problematic Paper Screener"));
            let none = BTreeSet::new();
            let expected = if from_pps { expected } else { &none };
            let tables = pack
                .get_mut("tables")
                .and_then(serde_yaml::Value::as_sequence_mut);
            for table in tables.into_iter().flatten() {
                strip_table(table, tortured, expected);
            }
            Ok(PackSource {
                path: src.path.clone(),
                text: Arc::from(serde_yaml::to_string(&pack)?),
            })
        })
        .collect()
}

fn strip_table(
    table: &mut serde_yaml::Value,
    tortured: &BTreeSet<String>,
    expected: &BTreeSet<String>,
) {
    let key = |v: &serde_yaml::Value| v.as_str().map(|s| collapse(&s.to_lowercase()));
    if let Some(phrases) = table
        .get_mut("phrases")
        .and_then(serde_yaml::Value::as_mapping_mut)
    {
        phrases.retain(|k, v| {
            let held_t = key(k).is_some_and(|k| tortured.contains(&k));
            let original = match v {
                serde_yaml::Value::Mapping(m) => m.get("original").cloned(),
                other => Some(other.clone()),
            };
            let originals: Vec<String> = match original {
                Some(serde_yaml::Value::Sequence(s)) => s.iter().filter_map(key).collect(),
                Some(v) => key(&v).into_iter().collect(),
                None => vec![],
            };
            !held_t && !originals.iter().any(|o| expected.contains(o))
        });
    }
    if let Some(colls) = table
        .get_mut("collocations")
        .and_then(serde_yaml::Value::as_sequence_mut)
    {
        colls.retain(|c| {
            let text = c
                .as_str()
                .or_else(|| c.get("phrase").and_then(|p| p.as_str()));
            !text.is_some_and(|t| expected.contains(&collapse(&t.to_lowercase())))
        });
    }
}
