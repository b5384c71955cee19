//! Baselines: today's findings, recorded so that later runs report only new ones.
//!
//! A finding is keyed by its path, rule id, matched text and a little context on each side (up
//! to [`CONTEXT`] characters within its paragraph, white space collapsed), never by its line, so
//! inserting or deleting lines elsewhere does not bring it back. Keys are counted: a file with the
//! same sentence twice needs two entries. The file is JSON, sorted, one entry per finding, so it
//! reviews well in a pull request. The same key, hashed, is the SARIF `partialFingerprints` value.
//!
//! Paths are written relative to the baseline file's directory ([`key_path`]), so the file works
//! from any directory: `spinlint check docs/` at the root and `spinlint check .` inside `docs/`
//! find the same entries. Baselines written before keep working: an entry is also matched by the
//! path as reported, which is what they recorded.

use crate::findings::Finding;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// Characters of context kept on each side of a finding.
pub const CONTEXT: usize = 24;

/// Version of the baseline file format.
const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Path as reported, with `/` separators and no leading `./`.
    pub path: String,
    /// Rule id.
    pub rule: String,
    /// Text just before the finding.
    pub before: String,
    /// The matched text.
    pub text: String,
    /// Text just after the finding.
    pub after: String,
}

impl Entry {
    /// The key of `finding` in `text` (the file it was found in), reported under `path`.
    pub fn new(path: &str, text: &str, finding: &Finding) -> Entry {
        let (before, after) = context(text, finding.span);
        Entry {
            path: normalise_path(path),
            rule: finding.rule.to_string(),
            before,
            text: collapse(&finding.text),
            after,
        }
    }

    /// A stable 64-bit hash of the key without the path (FNV-1a), in hex.
    pub fn fingerprint(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [&self.rule, &self.before, &self.text, &self.after] {
            for b in part.bytes().chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

/// A baseline file's content.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// File format version.
    pub version: u32,
    /// The recorded findings, sorted.
    pub findings: Vec<Entry>,
}

/// A baseline file that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file does not exist.
    #[error("baseline {path} does not exist; create it with --write-baseline")]
    Missing {
        /// The file.
        path: String,
    },
    /// Reading or writing failed.
    #[error("baseline {path}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not a baseline file.
    #[error(
        "baseline {path}: not a spinlint baseline ({message}); write one with --write-baseline"
    )]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl Baseline {
    /// A baseline of `entries`.
    pub fn new(mut entries: Vec<Entry>) -> Baseline {
        entries.sort();
        Baseline {
            version: VERSION,
            findings: entries,
        }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                BaselineError::Missing { path: name.clone() }
            } else {
                BaselineError::Io {
                    path: name.clone(),
                    source,
                }
            }
        })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| BaselineError::Format {
            path: name.clone(),
            message: e.to_string(),
        })?;
        if b.version != VERSION {
            return Err(BaselineError::Format {
                path: name,
                message: format!("version {} (this spinlint reads {VERSION})", b.version),
            });
        }
        Ok(b)
    }

    /// Writes the baseline atomically.
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let io = |source| BaselineError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        if !path.exists() {
            std::fs::write(path, "").map_err(io)?;
        }
        crate::fix::write_atomic(path, &json).map_err(io)
    }

    /// A matcher that hides the recorded findings, each at most as often as recorded.
    pub fn matcher(&self) -> BaselineMatcher {
        let mut left = HashMap::new();
        for e in &self.findings {
            *left.entry(e.clone()).or_insert(0usize) += 1;
        }
        BaselineMatcher { left }
    }
}

/// Hides findings recorded in a baseline.
#[derive(Debug)]
pub struct BaselineMatcher {
    left: HashMap<Entry, usize>,
}

impl BaselineMatcher {
    /// Drops the recorded findings of one file; returns how many were dropped.
    pub fn filter(&mut self, path: &str, text: &str, findings: &mut Vec<Finding>) -> usize {
        self.filter_as(&[path], text, findings)
    }

    /// [`filter`](Self::filter) for a file that entries may name by any of `paths` (its path
    /// relative to the baseline's directory, then as reported), tried in order.
    pub fn filter_as(&mut self, paths: &[&str], text: &str, findings: &mut Vec<Finding>) -> usize {
        let before = findings.len();
        findings.retain(|f| {
            let mut key = Entry::new(paths[0], text, f);
            for (i, path) in paths.iter().enumerate() {
                if i > 0 {
                    key.path = normalise_path(path);
                }
                if let Some(n) = self.left.get_mut(&key).filter(|n| **n > 0) {
                    *n -= 1;
                    return false;
                }
            }
            true
        });
        before - findings.len()
    }

    /// Recorded findings not matched so far, for files named by `paths` (as the entries name
    /// them); with `None`, in every file.
    pub fn unmatched(&self, paths: Option<&std::collections::BTreeSet<String>>) -> usize {
        self.left
            .iter()
            .filter(|(e, _)| paths.is_none_or(|p| p.contains(&e.path)))
            .map(|(_, n)| n)
            .sum()
    }
}

/// The path of `file` (as given on the command line or found in a walk) relative to the
/// directory of the baseline file `baseline`, with `/` separators: what baseline entries record.
/// Standard input and paths that cannot be resolved are returned as given.
pub fn key_path(baseline: &Path, file: &str) -> String {
    let resolve = |p: &Path| -> Option<std::path::PathBuf> {
        let abs = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        // The directory resolved (symbolic links, `..`), the file name kept.
        let dir = abs.parent()?.canonicalize().ok()?;
        Some(dir.join(abs.file_name()?))
    };
    let file_path = Path::new(file);
    if file == crate::input::STDIN || !file_path.exists() {
        return normalise_path(file);
    }
    let (Some(abs), Some(base)) = (
        resolve(file_path),
        resolve(baseline).and_then(|b| b.parent().map(Path::to_path_buf)),
    ) else {
        return normalise_path(file);
    };
    let common = abs
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut rel = std::path::PathBuf::new();
    for _ in base.components().skip(common) {
        rel.push("..");
    }
    for c in abs.components().skip(common) {
        rel.push(c);
    }
    normalise_path(&rel.to_string_lossy())
}

/// `./a/b.txt` and `a\b.txt` as `a/b.txt`.
fn normalise_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut s = p.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to [`CONTEXT`] characters on each side of `span`, within its paragraph.
fn context(text: &str, span: Span) -> (String, String) {
    let (Some(head), Some(tail)) = (text.get(..span.start), text.get(span.end..)) else {
        return (String::new(), String::new());
    };
    let head = head.rsplit("\n\n").next().unwrap_or("");
    let tail = tail.split("\n\n").next().unwrap_or("");
    let skip = head.chars().count().saturating_sub(CONTEXT);
    let before: String = head.chars().skip(skip).collect();
    let after: String = tail.chars().take(CONTEXT).collect();
    (collapse(&before), collapse(&after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::testing::finding_at as finding;

    #[test]
    fn keys_survive_line_shifts_but_not_new_sentences() {
        let old = "Intro.\n\nTalks on the harmony track stalled.\n";
        let new = "Intro.\n\nA new paragraph.\n\nTalks on the harmony track stalled.\n\nOn the harmony track again.\n";
        let base = Baseline::new(vec![Entry::new(
            "./a.txt",
            old,
            &finding(old, "harmony track"),
        )]);
        let mut m = base.matcher();
        let mut found = vec![
            finding(new, "harmony track"),
            finding(&new[60..], "harmony track"),
        ];
        found[1].span = Span::new(found[1].span.start + 60, found[1].span.end + 60);
        assert_eq!(m.filter("a.txt", new, &mut found), 1);
        assert_eq!(found.len(), 1);
        assert!(found[0].span.start > 60);
    }

    #[test]
    fn key_paths_are_relative_to_the_baseline_directory() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(docs.join("a.txt"), "x").unwrap();
        let base = dir.path().join("base.json");
        let file = docs.join("a.txt");
        assert_eq!(key_path(&base, &file.display().to_string()), "docs/a.txt");
        let inner = docs.join("base.json");
        assert_eq!(key_path(&inner, &file.display().to_string()), "a.txt");
        let other = dir.path().join("other/base.json");
        std::fs::create_dir(dir.path().join("other")).unwrap();
        assert_eq!(
            key_path(&other, &file.display().to_string()),
            "../docs/a.txt"
        );
        assert_eq!(key_path(&base, "<stdin>"), "<stdin>");
    }

    #[test]
    fn fingerprints_are_stable() {
        let e = Entry {
            path: "a".into(),
            rule: "r".into(),
            before: "b".into(),
            text: "t".into(),
            after: "a".into(),
        };
        assert_eq!(e.fingerprint(), e.clone().fingerprint());
        assert_eq!(e.fingerprint().len(), 16);
    }
}
