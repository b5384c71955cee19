//! A cache of compiled rule sets, so that large packs load without parsing and compiling again.
//!
//! The key is a 128-bit hash of the spinlint version, a format version and every pack's path and
//! text: any change to a pack, or a new spinlint, misses the cache. Entries are written
//! atomically (temporary file, then rename) and a damaged or unreadable entry is ignored and
//! rebuilt, so the cache can only ever cost a rebuild, never a wrong answer.

use super::{PackError, PackSource, RuleSet};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bumped whenever the serialised form of [`RuleSet`] changes.
const FORMAT: u32 = 9;

/// Where compiled rule sets are kept.
#[derive(Clone, Debug)]
pub struct RuleCache {
    dir: PathBuf,
}

impl RuleCache {
    /// A cache in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        RuleCache { dir: dir.into() }
    }

    /// The default location: `$SPINLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/spinlint`, else
    /// `$HOME/.cache/spinlint`; `None` when none of them is set.
    pub fn default_location() -> Option<Self> {
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        env("SPINLINT_CACHE_DIR")
            .or_else(|| env("XDG_CACHE_HOME").map(|d| d.join("spinlint")))
            .or_else(|| env("HOME").map(|d| d.join(".cache").join("spinlint")))
            .map(Self::new)
    }

    /// The file that holds the rule set compiled from `sources`.
    pub fn path_for(&self, sources: &[PackSource]) -> PathBuf {
        self.dir.join(format!("rules-{:032x}.bin", key(sources)))
    }

    /// Loads the compiled rule set of `sources` from the cache, or compiles and stores it.
    /// A failure to write the cache is not an error: the rules are returned all the same.
    pub fn load(&self, sources: &[PackSource]) -> Result<RuleSet, Vec<PackError>> {
        let path = self.path_for(sources);
        if let Some(rules) = read(&path) {
            return Ok(rules);
        }
        let rules = RuleSet::load(sources)?;
        if write(&path, &rules).is_ok() {
            self.prune(KEEP);
        }
        Ok(rules)
    }

    /// Removes all but the `keep` most recently written entries: every change of version or
    /// packs writes a new one, and old ones are never read again.
    fn prune(&self, keep: usize) {
        let Ok(list) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut entries: Vec<(std::time::SystemTime, PathBuf)> = list
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with("rules-") && name.ends_with(".bin")
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (_, path) in entries.into_iter().skip(keep) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Entries kept in the cache directory: enough for several pack sets (projects, `--rules`
/// directories) used side by side.
const KEEP: usize = 8;

/// 128-bit content key over the version, the format and every source.
fn key(sources: &[PackSource]) -> u128 {
    let mut a = rustc_hash::FxHasher::default();
    let mut b = std::collections::hash_map::DefaultHasher::new();
    for h in [&mut a as &mut dyn Hasher, &mut b] {
        env!("CARGO_PKG_VERSION").hash(&mut HashTo(h));
        FORMAT.hash(&mut HashTo(h));
        for s in sources {
            s.path.hash(&mut HashTo(h));
            s.text.hash(&mut HashTo(h));
        }
    }
    u128::from(a.finish()) << 64 | u128::from(b.finish())
}

/// Lets `Hash::hash` write into a `dyn Hasher`.
struct HashTo<'a>(&'a mut dyn Hasher);

impl Hasher for HashTo<'_> {
    fn finish(&self) -> u64 {
        self.0.finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
}

fn read(path: &Path) -> Option<RuleSet> {
    let bytes = std::fs::read(path).ok()?;
    postcard::from_bytes(&bytes).ok()
}

fn write(path: &Path, rules: &RuleSet) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let bytes = postcard::to_allocvec(rules).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("rules"),
        std::process::id()
    ));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(&bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Linter, Options};
    use std::sync::Arc;

    fn pack(extra: &str) -> Vec<PackSource> {
        let text = format!(
            "pack: c\ndescription: d\nsource: s\ntables:\n  - rule: tortured-phrase\n    name: t\n    kind: collocations\n    collocations: [peace track{extra}]\n    substitutions: {{peace: [harmony]}}\n"
        );
        vec![PackSource {
            path: "c.yaml".into(),
            text: Arc::from(text),
        }]
    }

    fn findings(rules: RuleSet, text: &str) -> Vec<(usize, usize, Option<String>)> {
        Linter::new(rules, Options::default())
            .check(text)
            .into_iter()
            .map(|f| (f.span.start, f.span.end, f.suggestion))
            .collect()
    }

    #[test]
    fn a_cached_rule_set_matches_like_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RuleCache::new(dir.path());
        let sources = pack("");
        let fresh = cache.load(&sources).unwrap();
        assert!(cache.path_for(&sources).exists());
        let cached = read(&cache.path_for(&sources)).expect("cache entry reads back");
        let text = "The Harmony track stalled; the peace track did not.";
        assert_eq!(findings(fresh, text), findings(cached, text));
    }

    #[test]
    fn old_entries_are_removed_beyond_the_newest_few() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RuleCache::new(dir.path());
        let stale = |i: u64| dir.path().join(format!("rules-{i:032x}.bin"));
        for i in 0..KEEP as u64 + 3 {
            std::fs::write(stale(i), b"old").unwrap();
            let age = std::time::Duration::from_secs(3600 * (i + 1));
            let f = std::fs::File::options().write(true).open(stale(i)).unwrap();
            f.set_modified(std::time::SystemTime::now() - age).unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), b"kept").unwrap();
        let sources = pack("");
        cache.load(&sources).unwrap();
        assert!(cache.path_for(&sources).exists(), "the new entry stays");
        assert!(dir.path().join("notes.txt").exists(), "other files stay");
        let left = (0..KEEP as u64 + 3).filter(|&i| stale(i).exists()).count();
        assert_eq!(left, KEEP - 1, "the newest old entries stay, the oldest go");
        assert!(stale(0).exists() && !stale(KEEP as u64 + 2).exists());
    }

    #[test]
    fn changed_packs_miss_and_damaged_entries_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RuleCache::new(dir.path());
        assert_ne!(
            cache.path_for(&pack("")),
            cache.path_for(&pack(", peace talks"))
        );
        let sources = pack("");
        std::fs::write(cache.path_for(&sources), b"not a rule set").unwrap();
        let rules = cache.load(&sources).expect("rebuilt");
        assert_eq!(findings(rules, "harmony track").len(), 1);
        assert!(read(&cache.path_for(&sources)).is_some(), "entry rewritten");
    }
}
