//! The configuration applied to findings: excluded paths, per-path ignores, the allow-list,
//! per-rule thresholds and severities.
//!
//! Paths are matched relative to the configuration's directory, the way `.gitignore` matches: a
//! glob without `/` matches a file or directory name anywhere, and a glob that matches a directory
//! matches everything under it. Allowed phrases are compared word by word on normalised text, so
//! case, curly quotes and line wraps do not matter; a finding that overlaps an allowed phrase is
//! dropped.

use crate::config::Config;
use crate::findings::{Finding, Severity};
use crate::normalise::{normalize, normalize_str};
use crate::span::Span;
use crate::tokens::tokenize;
use globset::{GlobBuilder, GlobMatcher};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Bytes of text around a finding searched for allowed phrases.
const ALLOW_WINDOW: usize = 256;

/// A compiled glob and whether it names files anywhere (no `/` in it).
#[derive(Debug)]
struct PathGlob {
    matcher: GlobMatcher,
    name_only: bool,
}

impl PathGlob {
    fn new(glob: &str) -> Option<Self> {
        let trimmed = glob.trim_end_matches('/');
        let matcher = GlobBuilder::new(trimmed.trim_start_matches("./"))
            .literal_separator(true)
            .build()
            .ok()?
            .compile_matcher();
        Some(PathGlob {
            matcher,
            name_only: !trimmed.contains('/'),
        })
    }

    /// True when the glob matches `rel` or one of its parent directories.
    fn matches(&self, rel: &Path) -> bool {
        if self.name_only {
            return rel
                .components()
                .any(|c| self.matcher.is_match(c.as_os_str()));
        }
        rel.ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| self.matcher.is_match(a))
    }
}

/// The configuration, ready to apply.
#[derive(Debug, Default)]
pub struct Policy {
    base: PathBuf,
    exclude: Vec<PathGlob>,
    per_path: Vec<(PathGlob, BTreeSet<String>)>,
    severity: BTreeMap<String, Severity>,
    thresholds: BTreeMap<String, f32>,
    allow: Vec<Vec<String>>,
}

impl Policy {
    /// Compiles `config`, whose relative paths are relative to `base`.
    pub fn new(config: &Config, base: &Path) -> Self {
        let allow = config
            .allow
            .iter()
            .map(|a| {
                let norm = normalize_str(&a.0);
                tokenize(&norm)
                    .iter()
                    .map(|w| w.text(&norm).to_string())
                    .collect()
            })
            .collect();
        Policy {
            base: absolute(base),
            exclude: config
                .exclude
                .iter()
                .filter_map(|g| PathGlob::new(&g.0))
                .collect(),
            per_path: config
                .per_path_ignores
                .iter()
                .filter_map(|(g, ids)| {
                    Some((
                        PathGlob::new(&g.0)?,
                        ids.iter().map(|i| i.0.clone()).collect(),
                    ))
                })
                .collect(),
            severity: config
                .severity
                .iter()
                .map(|(k, v)| (k.0.clone(), *v))
                .collect(),
            thresholds: config
                .thresholds
                .iter()
                .map(|(k, v)| (k.0.clone(), v.0))
                .collect(),
            allow,
        }
    }

    /// `path` relative to the configuration's directory (or as an absolute path outside it).
    fn relative(&self, path: &Path) -> PathBuf {
        let abs = absolute(path);
        abs.strip_prefix(&self.base)
            .map(Path::to_path_buf)
            .unwrap_or(abs)
    }

    /// True when `path` must not be checked at all.
    pub fn excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let rel = self.relative(path);
        self.exclude.iter().any(|g| g.matches(&rel))
    }

    /// Rule ids ignored in `path`.
    pub fn ignored_in(&self, path: &Path) -> BTreeSet<&str> {
        if self.per_path.is_empty() {
            return BTreeSet::new();
        }
        let rel = self.relative(path);
        self.per_path
            .iter()
            .filter(|(g, _)| g.matches(&rel))
            .flat_map(|(_, ids)| ids.iter().map(String::as_str))
            .collect()
    }

    /// Drops findings below their rule's threshold or overlapping an allowed phrase; spans index
    /// into `text`.
    pub fn filter(&self, text: &str, findings: &mut Vec<Finding>) {
        if !self.thresholds.is_empty() {
            findings.retain(|f| {
                self.thresholds
                    .get(&*f.rule)
                    .is_none_or(|t| f.confidence >= *t)
            });
        }
        if !self.allow.is_empty() {
            findings.retain(|f| !self.allowed(text, f.span));
        }
    }

    /// Drops findings of rules ignored in `path`.
    pub fn filter_path(&self, path: &Path, findings: &mut Vec<Finding>) {
        let ignored = self.ignored_in(path);
        if !ignored.is_empty() {
            findings.retain(|f| !ignored.contains(&*f.rule));
        }
    }

    /// Applies the per-rule severities.
    pub fn set_severity(&self, findings: &mut [Finding]) {
        for f in findings {
            if let Some(s) = self.severity.get(&*f.rule) {
                f.severity = *s;
            }
        }
    }

    /// True when an allowed phrase overlaps `span` of `text`.
    fn allowed(&self, text: &str, span: Span) -> bool {
        let lo = floor_boundary(text, span.start.saturating_sub(ALLOW_WINDOW));
        let hi = ceil_boundary(text, span.end.saturating_add(ALLOW_WINDOW));
        let norm = normalize(&text[lo..hi]);
        let words = tokenize(norm.as_str());
        let texts: Vec<&str> = words.iter().map(|w| w.text(norm.as_str())).collect();
        self.allow.iter().filter(|p| !p.is_empty()).any(|phrase| {
            (0..texts.len().saturating_sub(phrase.len() - 1)).any(|i| {
                let hit = texts[i..i + phrase.len()] == phrase[..]
                    && words[i + 1..i + phrase.len()].iter().all(|w| w.gap.joins());
                hit && {
                    let last = words[i + phrase.len() - 1];
                    let s = norm.to_original(Span::new(words[i].start as usize, last.end as usize));
                    Span::new(s.start + lo, s.end + lo).overlaps(span)
                }
            })
        })
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `path` made absolute against the current directory, with `.` and `..` resolved lexically.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{AllowPhrase, Glob, RuleId};
    use crate::findings::testing::finding_at as finding;

    #[test]
    fn allowed_phrases_overlapping_a_finding_drop_it() {
        let config = Config {
            allow: vec![AllowPhrase("Cultural Iranian Society".into())],
            ..Config::default()
        };
        let policy = Policy::new(&config, Path::new("."));
        let text = "The CULTURAL Iranian\nSociety met. A cultural Iranian man left.";
        let mut f = vec![
            finding(text, "CULTURAL Iranian"),
            finding(text, "cultural Iranian"),
        ];
        policy.filter(text, &mut f);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "cultural Iranian");
    }

    #[test]
    fn globs_match_like_gitignore() {
        let config = Config {
            exclude: vec![Glob("archive".into()), Glob("*.min.html".into())],
            per_path_ignores: [(Glob("press/*.md".into()), vec![RuleId("x".into())])].into(),
            ..Config::default()
        };
        let base = std::env::current_dir().unwrap();
        let policy = Policy::new(&config, &base);
        assert!(policy.excluded(Path::new("archive/2020/a.txt")));
        assert!(policy.excluded(Path::new("./site/page.min.html")));
        assert!(!policy.excluded(Path::new("site/page.html")));
        assert!(policy.ignored_in(Path::new("press/a.md")).contains("x"));
        assert!(policy.ignored_in(Path::new("press/sub/a.md")).is_empty());
    }
}
