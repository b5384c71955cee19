//! What the server checks with: one `spinlint.yaml` (or the defaults) read as `check` reads it,
//! with its packs compiled and its policy ready.
//!
//! The configuration of a document is the `spinlint.yaml` nearest to it, in its directory or a
//! parent, as `check` finds it from the directory it runs in. The file is read twice, like
//! `check` does: once for which packs to load, then with the loaded rule ids, so a misspelt id is
//! an error with its line and column. Packs of 1 MiB or more come from the compiled-rules cache.

use crate::config::{Config, ConfigError, Known};
use crate::engine::{Linter, Options, DEFAULT_MIN_CONFIDENCE};
use crate::findings::Finding;
use crate::input::{self, InputError};
use crate::markup::Format;
use crate::pipeline::Pipeline;
use crate::policy::Policy;
use crate::rules::{
    bundled_packs, load_packs, pack_stem, read_pack_dir, PackDirError, PackError, PackSource,
    RuleSet,
};
use std::collections::BTreeSet;
use std::path::Path;

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file is malformed (or names unknown rules, packs or directories).
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// The file, or a rule pack it names, cannot be read.
    #[error("{0}")]
    Input(#[from] InputError),
    /// A rule directory, or a pack in it, cannot be read.
    #[error("{0}")]
    RuleDir(#[from] PackDirError),
    /// A rule pack is malformed.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Packs(Vec<PackError>),
}

/// Compiled rules, options and policy of one configuration.
#[derive(Debug)]
pub struct Settings {
    linter: Linter,
    options: Options,
    policy: Policy,
    known: BTreeSet<String>,
}

impl Settings {
    /// Reads the configuration file `path` (`None`: the defaults) and compiles its packs.
    pub fn load(path: Option<&Path>) -> Result<Settings, SettingsError> {
        let Some(path) = path else {
            return Settings::compile(&Config::default(), Path::new("."), |_| Ok(()));
        };
        let text = input::read_file(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        let known = |rules| Known {
            rules,
            packs: bundled_names(),
            base: base.to_path_buf(),
        };
        let config = Config::parse(path, &text, known(None))?;
        Settings::compile(&config, base, |ids| {
            Config::parse(path, &text, known(Some(ids.clone()))).map(drop)
        })
    }

    /// Compiles the packs of `config` and checks its rule ids with `check_ids`.
    fn compile(
        config: &Config,
        base: &Path,
        check_ids: impl FnOnce(&BTreeSet<String>) -> Result<(), ConfigError>,
    ) -> Result<Settings, SettingsError> {
        let rules = load_rules(config)?;
        let known: BTreeSet<String> = crate::docs::RULES
            .iter()
            .map(|d| d.id.to_string())
            .chain(rules.tables.iter().map(|t| t.rule.to_string()))
            .collect();
        check_ids(&known)?;
        let options = Options {
            select: config
                .select
                .as_ref()
                .map(|s| s.iter().map(|r| r.0.clone()).collect()),
            ignore: config.ignore.iter().map(|r| r.0.clone()).collect(),
            min_confidence: config
                .min_confidence
                .map_or(DEFAULT_MIN_CONFIDENCE, |m| m.0),
        };
        Ok(Settings {
            linter: Linter::new(rules, options.clone()),
            options,
            policy: Policy::new(config, base),
            known,
        })
    }

    /// The findings of `text` at `path`, as `check` reports them; none for an excluded path.
    pub fn check(&self, path: &Path, format: Format, text: &str) -> Vec<Finding> {
        if self.policy.excluded(path) {
            return Vec::new();
        }
        Pipeline::new(
            &self.linter,
            self.options.clone(),
            &self.policy,
            self.known.clone(),
        )
        .check(path, format, text)
    }

    /// The loaded rules (for the tables a rule id comes from).
    pub fn rules(&self) -> &RuleSet {
        self.linter.rules()
    }
}

fn bundled_names() -> Vec<String> {
    bundled_packs()
        .iter()
        .map(|p| pack_stem(&p.path).to_string())
        .collect()
}

/// The bundled packs the configuration keeps, then the packs of its rule directories.
fn load_rules(config: &Config) -> Result<RuleSet, SettingsError> {
    let off: Vec<&str> = config.disable_packs.iter().map(|n| n.0.as_str()).collect();
    let mut sources: Vec<PackSource> = bundled_packs()
        .into_iter()
        .filter(|p| {
            let name = pack_stem(&p.path);
            let wanted = config
                .packs
                .as_ref()
                .is_none_or(|w| w.iter().any(|n| n.0 == name));
            wanted && !off.contains(&name)
        })
        .collect();
    for dir in &config.rules {
        sources.extend(read_pack_dir(&dir.0)?);
    }
    load_packs(&sources, true).map_err(SettingsError::Packs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPUN: &str = "Progress on the harmony track stalled.\n";

    #[test]
    fn defaults_report_the_spun_phrase() {
        let s = Settings::load(None).unwrap();
        let found = s.check(Path::new("a.txt"), Format::Plain, SPUN);
        assert!(found.iter().any(|f| &*f.rule == "tortured-phrase"));
    }

    #[test]
    fn a_configuration_ignores_and_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spinlint.yaml");
        std::fs::write(&path, "ignore: [tortured-phrase]\nexclude: ['drafts/']\n").unwrap();
        let s = Settings::load(Some(&path)).unwrap();
        assert!(s
            .check(&dir.path().join("a.txt"), Format::Plain, SPUN)
            .is_empty());
        std::fs::write(&path, "exclude: ['drafts/']\n").unwrap();
        let s = Settings::load(Some(&path)).unwrap();
        assert!(!s
            .check(&dir.path().join("a.txt"), Format::Plain, SPUN)
            .is_empty());
        let draft = dir.path().join("drafts").join("a.txt");
        assert!(s.check(&draft, Format::Plain, SPUN).is_empty());
    }

    #[test]
    fn bad_configurations_are_errors_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spinlint.yaml");
        std::fs::write(&path, "ignore: [tortured-phrse]\n").unwrap();
        let e = Settings::load(Some(&path)).unwrap_err().to_string();
        assert!(e.contains("spinlint.yaml:1:10:"), "{e}");
        assert!(e.contains("unknown rule id `tortured-phrse`"), "{e}");
        assert!(e.contains("did you mean `tortured-phrase`?"), "{e}");
        std::fs::write(&path, "ignore: [").unwrap();
        assert!(Settings::load(Some(&path)).is_err());
        let missing = dir.path().join("missing.yaml");
        assert!(Settings::load(Some(&missing)).is_err());
    }
}
