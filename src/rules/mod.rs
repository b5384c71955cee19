//! Rule packs: loading, validation and compilation into one matcher.
//!
//! Packs go through three stages: *raw* ([`pack`], strict serde with positions), *validated*
//! (cross-pack checks: unique pack and table names, classes), and *compiled* ([`compile`]: one
//! [`matcher::Matcher`] for all tables, plus the entry and table metadata findings are built from).

pub mod cache;
pub mod compile;
pub mod inflect;
pub mod matcher;
pub mod pack;
pub mod vocab;
pub mod yaml;

pub use compile::{CheckSpec, Entry, RuleSet, Slot, TableInfo};

use std::sync::Arc;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// A pack's YAML text and where it came from.
#[derive(Clone, Debug)]
pub struct PackSource {
    /// Path shown in messages (`rules/general.yaml` for bundled packs).
    pub path: String,
    /// The YAML text.
    pub text: Arc<str>,
}

/// The packs embedded in the binary, in name order.
pub fn bundled_packs() -> Vec<PackSource> {
    bundled::BUNDLED
        .iter()
        .map(|(name, text)| PackSource {
            path: format!("rules/{name}"),
            text: Arc::from(*text),
        })
        .collect()
}

/// Pack name of a bundled pack file (`general.yaml` -> `general`).
pub fn pack_stem(path: &str) -> &str {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.strip_suffix(".yaml")
        .or_else(|| file.strip_suffix(".yml"))
        .unwrap_or(file)
}

/// A malformed pack: which file, what is wrong, and where.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}{}: {message}", self.position().map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct PackError {
    /// The pack file.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Byte offset of the problem in the file, where known.
    pub offset: Option<usize>,
    /// The file's text, for rendering the position.
    pub text: Arc<str>,
}

impl PackError {
    /// 1-based line and column of the problem, where known.
    pub fn position(&self) -> Option<(usize, usize)> {
        let offset = self.offset?.min(self.text.len());
        let idx = crate::span::LineIndex::new(&self.text);
        let lc = idx.line_col(&self.text, offset);
        Some((lc.line, lc.column))
    }
}
