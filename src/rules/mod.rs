//! Rule packs: loading, validation and compilation into one matcher.
//!
//! Packs go through three stages: *raw* ([`pack`], strict serde with positions), *validated*
//! (cross-pack checks: unique pack and table names, classes), and *compiled* ([`compile`]: one
//! [`matcher::Matcher`] for all tables, plus the entry and table metadata findings are built from).

pub mod cache;
pub mod compile;
pub mod examples;
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

/// Why the packs of a rule directory cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum PackDirError {
    /// The directory cannot be listed.
    #[error("cannot read rule directory {path}: {source}")]
    List {
        /// The directory.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A pack file in it cannot be read.
    #[error(transparent)]
    File(#[from] crate::input::InputError),
}

/// The packs (`*.yaml`, `*.yml`) of a rule directory, in file-name order.
pub fn read_pack_dir(dir: &std::path::Path) -> Result<Vec<PackSource>, PackDirError> {
    let list = std::fs::read_dir(dir).map_err(|source| PackDirError::List {
        path: dir.display().to_string(),
        source,
    })?;
    let mut files: Vec<std::path::PathBuf> = list
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            Ok(PackSource {
                path: p.display().to_string(),
                text: Arc::from(crate::input::read_file(&p)?),
            })
        })
        .collect()
}

/// Packs smaller than this in all compile faster than the cache reads them.
pub const CACHE_MIN_BYTES: usize = 1 << 18;

/// Compiles `sources`; through the compiled-rules cache ([`cache::RuleCache`]) when `use_cache`
/// and the packs are large enough to gain from it.
pub fn load_packs(sources: &[PackSource], use_cache: bool) -> Result<RuleSet, Vec<PackError>> {
    let size: usize = sources.iter().map(|s| s.text.len()).sum();
    match cache::RuleCache::default_location().filter(|_| use_cache && size >= CACHE_MIN_BYTES) {
        Some(cache) => cache.load(sources),
        None => RuleSet::load(sources),
    }
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
