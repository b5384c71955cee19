//! `spinlint.yaml`: the project configuration, read as strictly as a rule pack.
//!
//! The file is found in the current directory or the nearest parent (or named with `--config`).
//! Every value is checked inside its serde visitor, so an error carries the line and column of the
//! offending key or value: unknown keys (with a "did you mean"), unknown rule ids and pack names,
//! bad globs, missing directories, confidences outside `[0, 1]`. Rule ids are known only once the
//! packs are loaded, so the file is read twice: first for where the packs are, then with the ids.
//! Relative paths and globs are relative to the directory holding the file.

use crate::findings::Severity;
use crate::rules::pack::is_kebab_case;
use crate::rules::yaml;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The name of the configuration file.
pub const FILE_NAME: &str = "spinlint.yaml";

/// When a run fails: the lowest severity that makes the exit code 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Every finding fails.
    Info,
    /// Findings never fail the run.
    Never,
}

impl FailOn {
    /// The lowest failing severity, or `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The configuration as written, every key optional.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Extra rule-pack directories, like `--rules`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Dir>,
    /// Bundled packs to load, like `--packs` (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packs: Option<Vec<PackName>>,
    /// Bundled packs to turn off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable_packs: Vec<PackName>,
    /// Report only these rule ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<RuleId>>,
    /// Never report these rule ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<RuleId>,
    /// Severity per rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<RuleId, Severity>,
    /// Minimum confidence per rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub thresholds: BTreeMap<RuleId, Confidence>,
    /// Drop findings below this confidence, like `--min-confidence`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<Confidence>,
    /// When the run fails, like `--fail-on`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// Phrases and names that are right for this publication: never reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<AllowPhrase>,
    /// Files never checked (globs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Glob>,
    /// Rule ids ignored in the files a glob matches.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_path_ignores: BTreeMap<Glob, Vec<RuleId>>,
    /// Baseline file of accepted findings, like `--baseline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
}

/// A rule id, checked against the loaded rules when they are known.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct RuleId(pub String);

/// A bundled pack name, checked against the bundled packs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PackName(pub String);

/// A directory, resolved against the configuration's directory and required to exist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Dir(pub PathBuf);

pub use crate::rules::pack::Confidence;

/// A gitignore-style glob: without a `/` it matches a file name anywhere.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Glob(pub String);

/// A phrase of the allow-list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AllowPhrase(pub String);

/// A configuration file that could not be read: which file, what is wrong, and where.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}{}: {message}", self.position().map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct ConfigError {
    /// The configuration file.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Byte offset of the problem, where known.
    pub offset: Option<usize>,
    /// The file's text, for rendering the position.
    pub text: Arc<str>,
}

impl ConfigError {
    /// 1-based line and column of the problem, where known.
    pub fn position(&self) -> Option<(usize, usize)> {
        let offset = self.offset?.min(self.text.len());
        let idx = crate::span::LineIndex::new(&self.text);
        let lc = idx.line_col(&self.text, offset);
        Some((lc.line, lc.column))
    }
}

/// What values are checked against while reading.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Rule ids of the loaded rules (`None`: not loaded yet, any kebab-case id passes).
    pub rules: Option<BTreeSet<String>>,
    /// Bundled pack names.
    pub packs: Vec<String>,
    /// Directory of the configuration file.
    pub base: PathBuf,
}

thread_local! {
    static KNOWN: RefCell<Known> = RefCell::new(Known::default());
}

impl Config {
    /// Reads configuration text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str, known: Known) -> Result<Config, ConfigError> {
        KNOWN.with(|k| *k.borrow_mut() = known);
        let parsed = yaml::from_str::<Option<Config>>(text);
        KNOWN.with(|k| *k.borrow_mut() = Known::default());
        parsed
            .map(Option::unwrap_or_default)
            .map_err(|e| ConfigError {
                path: path.display().to_string(),
                message: with_suggestion(&e.message),
                offset: e.offset,
                text: Arc::from(text),
            })
    }

    /// The nearest `spinlint.yaml` in `dir` or a parent.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// The configuration as YAML, for `spinlint config --show`.
    pub fn to_yaml(&self) -> String {
        yaml::to_string(self)
    }
}

/// `value` followed by a "did you mean" for the closest of `candidates`, if one is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Adds a suggestion to serde's "unknown field/variant `x`, expected one of `a`, `b`".
pub(crate) fn with_suggestion(message: &str) -> String {
    let Some(at) = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| message.find(p).map(|i| i + p.len()))
    else {
        return message.to_string();
    };
    let Some(len) = message[at..].find('`') else {
        return message.to_string();
    };
    let word = &message[at..at + len];
    let rest = &message[at + len + 1..];
    let expected = rest.split('`').skip(1).step_by(2);
    format!("{message}{}", did_you_mean(word, expected))
}

fn known<T>(f: impl FnOnce(&Known) -> T) -> T {
    KNOWN.with(|k| f(&k.borrow()))
}

/// A visitor for one string, checked by a function.
struct StrVisitor<F>(&'static str, F);

impl<T, F: Fn(&str) -> Result<T, String>> Visitor<'_> for StrVisitor<F> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        (self.1)(s).map_err(E::custom)
    }
}

fn check_rule_id(s: &str) -> Result<RuleId, String> {
    if !is_kebab_case(s) {
        return Err(format!("`{s}` is not a rule id (kebab-case)"));
    }
    known(|k| match &k.rules {
        Some(rules) if !rules.contains(s) => Err(format!(
            "unknown rule id `{s}`{}; `spinlint rules` lists them",
            did_you_mean(s, rules.iter().map(String::as_str))
        )),
        _ => Ok(RuleId(s.to_string())),
    })
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("a rule id", check_rule_id))
    }
}

fn check_pack(s: &str) -> Result<PackName, String> {
    known(|k| {
        if k.packs.iter().any(|p| p == s) {
            Ok(PackName(s.to_string()))
        } else {
            Err(format!(
                "unknown pack `{s}`{}; bundled packs: {}",
                did_you_mean(s, k.packs.iter().map(String::as_str)),
                k.packs.join(", ")
            ))
        }
    })
}

impl<'de> Deserialize<'de> for PackName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("a bundled pack name", check_pack))
    }
}

fn check_dir(s: &str) -> Result<Dir, String> {
    let path = known(|k| k.base.join(s));
    if path.is_dir() {
        Ok(Dir(path))
    } else {
        Err(format!(
            "rule directory `{}` does not exist",
            path.display()
        ))
    }
}

impl<'de> Deserialize<'de> for Dir {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("a directory", check_dir))
    }
}

fn check_glob(s: &str) -> Result<Glob, String> {
    globset::Glob::new(s)
        .map(|_| Glob(s.to_string()))
        .map_err(|e| format!("bad glob `{s}`: {}", e.kind()))
}

impl<'de> Deserialize<'de> for Glob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("a glob", check_glob))
    }
}

fn check_allow(s: &str) -> Result<AllowPhrase, String> {
    let words = crate::tokens::tokenize(&crate::normalise::normalize_str(s));
    if words.is_empty() {
        return Err(format!("`{s}` has no words to allow"));
    }
    Ok(AllowPhrase(
        s.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

impl<'de> Deserialize<'de> for AllowPhrase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `any`, not `str`: the YAML reader would hand over `5` or `true` as text.
        d.deserialize_any(StrVisitor("a phrase (a string)", check_allow))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        let known = Known {
            rules: Some(["tortured-phrase".to_string()].into_iter().collect()),
            packs: vec!["general".into(), "science".into()],
            base: PathBuf::from("."),
        };
        Config::parse(Path::new("spinlint.yaml"), text, known)
    }

    #[test]
    fn empty_file_is_the_default() {
        assert!(parse("").unwrap().select.is_none());
        assert!(parse("# nothing yet\n").unwrap().allow.is_empty());
    }

    #[test]
    fn misspelt_key_points_at_it_and_suggests() {
        let e = parse("fail-on: error\nselct: [tortured-phrase]\n").unwrap_err();
        assert_eq!(e.position(), Some((2, 1)));
        assert!(
            e.message.contains("did you mean `select`?"),
            "{}",
            e.message
        );
    }

    #[test]
    fn duplicate_keys_and_bad_indentation_point_at_the_line() {
        let e = parse("select: [tortured-phrase]\nfail-on: error\nselect: []\n").unwrap_err();
        assert_eq!(e.position(), Some((3, 1)));
        assert!(
            e.message.contains("duplicate key `select`"),
            "{}",
            e.message
        );
        let e = parse("severity:\n  tortured-phrase: error\n fail-on: error\n").unwrap_err();
        assert_eq!(e.position(), Some((3, 2)));
        let e = parse("fail-on: error\n  min-confidence: 0.5\n").unwrap_err();
        assert_eq!(e.position(), Some((2, 3)));
    }

    #[test]
    fn allow_takes_strings_only() {
        let e = parse("allow: [\"x y\", 5]\n").unwrap_err();
        assert_eq!(e.position(), Some((1, 16)));
        assert!(
            e.message.contains("invalid type: integer `5`"),
            "{}",
            e.message
        );
        assert_eq!(parse("allow: ['5 stars']\n").unwrap().allow.len(), 1);
    }

    #[test]
    fn unknown_rule_id_in_a_map_key_suggests() {
        let e = parse("severity:\n  tortured-phrse: error\n").unwrap_err();
        assert_eq!(e.position(), Some((2, 3)));
        assert!(e.message.contains("did you mean `tortured-phrase`?"));
    }

    #[test]
    fn bad_values_are_errors_with_positions() {
        let e = parse("fail-on: warnig\n").unwrap_err();
        assert!(
            e.message.contains("did you mean `warning`?"),
            "{}",
            e.message
        );
        let e = parse("min-confidence: 2\n").unwrap_err();
        assert!(e.message.contains("outside [0, 1]"));
        let e = parse("exclude: ['a/[b']\n").unwrap_err();
        assert!(e.message.contains("bad glob"), "{}", e.message);
        let e = parse("disable-packs: [sciense]\n").unwrap_err();
        assert!(e.message.contains("did you mean `science`?"));
    }

    #[test]
    fn a_full_file_reads() {
        let c = parse(
            "select: [tortured-phrase]\nseverity: {tortured-phrase: error}\n\
             thresholds: {tortured-phrase: 0.9}\nallow: [Cultural  Iranian Society]\n\
             per-path-ignores: {'archive/**': [tortured-phrase]}\nfail-on: never\n",
        )
        .unwrap();
        assert_eq!(c.allow[0].0, "Cultural Iranian Society");
        assert_eq!(c.fail_on, Some(FailOn::Never));
        assert!(c.to_yaml().contains("archive/**"));
    }
}
