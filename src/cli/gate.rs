//! The CI-gate parts of `check`: the configuration file, `--fix`/`--diff`, the baseline, and the
//! SARIF, GitHub and statistics outputs; plus `spinlint config --show`.

use super::{CheckArgs, ColorWhen, FailOn as CliFailOn, Format, PackArgs, Reported};
use anyhow::{bail, Result};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use spinlint::baseline::{Baseline, Entry};
use spinlint::config::{Config, ConfigError, FailOn, Known};
use spinlint::fix;
use spinlint::markup::Format as Markup;
use spinlint::pipeline::Pipeline;
use spinlint::policy::Policy;
use spinlint::render::{github, html, human, sarif, stats, FileReport};
use spinlint::rules::{bundled_packs, pack_stem, RuleSet};
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Arguments of `spinlint config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print the effective configuration (the default action).
    #[arg(long)]
    pub show: bool,
    #[command(flatten)]
    pub source: ConfigSource,
}

/// Where the configuration comes from.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigSource {
    /// Configuration file (default: spinlint.yaml here or in the nearest parent directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

/// A configuration file, read and kept for the second reading with rule ids.
pub struct Loaded {
    /// Where it came from (`None`: no file).
    pub path: Option<PathBuf>,
    text: String,
    /// The settings.
    pub config: Config,
    base: PathBuf,
}

impl Loaded {
    /// Reads the configuration named by `source`, or found from the current directory.
    pub fn read(source: &ConfigSource, color: ColorChoice) -> Result<Loaded> {
        let path = match (&source.config, source.no_config) {
            (_, true) => None,
            (Some(p), _) => Some(p.clone()),
            (None, _) => {
                let cwd = std::env::current_dir()?;
                let found = Config::discover(&cwd);
                note_misnamed(&cwd, found.as_deref());
                found.map(|p| p.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(p))
            }
        };
        let Some(path) = path else {
            return Ok(Loaded {
                path: None,
                text: String::new(),
                config: Config::default(),
                base: PathBuf::from("."),
            });
        };
        let text = spinlint::input::read_file(&path)?;
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let config = parse(&path, &text, &base, None, color)?;
        Ok(Loaded {
            path: Some(path),
            text,
            config,
            base,
        })
    }

    /// Byte offset of the `baseline:` value in the file, when `path` is the baseline it names.
    pub fn baseline_offset(&self, path: &Path) -> Option<usize> {
        let b = self.config.baseline.as_ref()?;
        if self.base.join(b) != path {
            return None;
        }
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix("baseline:") {
                let value = rest.len() - rest.trim_start().len();
                return Some(offset + "baseline:".len() + value);
            }
            offset += line.len();
        }
        None
    }

    /// True when the file chooses bundled packs (`packs`, `disable-packs`).
    pub fn turns_off_packs(&self) -> bool {
        self.config.packs.is_some() || !self.config.disable_packs.is_empty()
    }

    /// The file's path as shown in messages.
    pub fn path_text(&self) -> String {
        self.path
            .as_ref()
            .map_or(String::new(), |p| p.display().to_string())
    }

    /// Reads the file again, now checking rule ids against the loaded rules.
    pub fn check_rule_ids(&self, known: &BTreeSet<String>, color: ColorChoice) -> Result<()> {
        if let Some(path) = &self.path {
            parse(path, &self.text, &self.base, Some(known.clone()), color)?;
        }
        Ok(())
    }

    /// True for the configuration or baseline file itself, found while walking a directory:
    /// they quote the phrases they configure, and are not prose.
    pub fn is_own_file(&self, path: &Path, args: &CheckArgs) -> bool {
        let same = |other: &Path| {
            path.file_name() == other.file_name()
                && matches!((path.canonicalize(), other.canonicalize()), (Ok(a), Ok(b)) if a == b)
        };
        self.path.as_deref().is_some_and(same) || args.baseline.as_deref().is_some_and(same)
    }

    /// The compiled policy.
    pub fn policy(&self) -> Policy {
        Policy::new(&self.config, &self.base)
    }

    /// Fills the pack settings that the command line left unset.
    pub fn merge_packs(&self, packs: &mut PackArgs) {
        let c = &self.config;
        packs
            .rules
            .splice(0..0, c.rules.iter().map(|d| d.0.clone()));
        if packs.packs.is_none() && (c.packs.is_some() || !c.disable_packs.is_empty()) {
            let wanted: Vec<String> = match &c.packs {
                Some(p) => p.iter().map(|n| n.0.clone()).collect(),
                None => bundled_names(),
            };
            let off: Vec<&str> = c.disable_packs.iter().map(|n| n.0.as_str()).collect();
            // An empty name keeps the list non-empty when every pack is off.
            let mut kept: Vec<String> = wanted
                .into_iter()
                .filter(|n| !off.contains(&n.as_str()))
                .collect();
            kept.push(String::new());
            packs.packs = Some(kept);
        }
    }

    /// Fills the check settings that the command line left unset.
    pub fn merge_check(&self, args: &mut CheckArgs) {
        let c = &self.config;
        self.merge_packs(&mut args.packs);
        // `--select` replaces the file's `select` and takes the rules it names out of the file's
        // `ignore`; `--ignore` adds to the file's `ignore`.
        let named = args.select.clone().unwrap_or_default();
        if args.select.is_none() {
            args.select = c
                .select
                .as_ref()
                .map(|s| s.iter().map(|r| r.0.clone()).collect());
        }
        let from_file = c
            .ignore
            .iter()
            .map(|r| &r.0)
            .filter(|id| !named.contains(id) && !args.ignore.contains(id))
            .cloned()
            .collect::<Vec<_>>();
        args.ignore.splice(0..0, from_file);
        if args.min_confidence.is_none() {
            args.min_confidence = c.min_confidence.map(|m| m.0);
        }
        if args.fail_on.is_none() {
            args.fail_on = c.fail_on.map(|f| match f {
                FailOn::Error => CliFailOn::Error,
                FailOn::Warning => CliFailOn::Warning,
                FailOn::Info => CliFailOn::Info,
                FailOn::Never => CliFailOn::Never,
            });
        }
        if args.baseline.is_none() {
            args.baseline = c.baseline.as_ref().map(|b| self.base.join(b));
        }
    }
}

/// A note for each `spinlint.yml` (a name spinlint does not read) in `cwd` or a parent, up to the
/// directory of the configuration `found`.
fn note_misnamed(cwd: &Path, found: Option<&Path>) {
    let stop = found.and_then(Path::parent);
    for dir in cwd.ancestors() {
        let yml = dir.join("spinlint.yml");
        if yml.is_file() {
            let shown = yml.strip_prefix(cwd).unwrap_or(&yml);
            eprintln!(
                "note: found {}; the configuration file is named {} (this one is not read)",
                shown.display(),
                spinlint::config::FILE_NAME
            );
        }
        if Some(dir) == stop {
            break;
        }
    }
}

fn bundled_names() -> Vec<String> {
    bundled_packs()
        .iter()
        .map(|p| pack_stem(&p.path).to_string())
        .collect()
}

fn parse(
    path: &Path,
    text: &str,
    base: &Path,
    rules: Option<BTreeSet<String>>,
    color: ColorChoice,
) -> Result<Config> {
    let known = Known {
        rules,
        packs: bundled_names(),
        base: base.to_path_buf(),
    };
    Config::parse(path, text, known).map_err(|e| {
        report_config_error(&e, color);
        anyhow::Error::new(Reported)
    })
}

fn report_config_error(e: &ConfigError, color: ColorChoice) {
    let mut err = StandardStream::stderr(color);
    let file = human::SourceFile::new(&e.path, &e.text);
    let mut diag = Diagnostic::error()
        .with_code("config")
        .with_message(&e.message);
    match e.offset {
        Some(offset) => {
            let end = e.text[offset..]
                .char_indices()
                .nth(1)
                .map_or(e.text.len(), |(i, _)| offset + i);
            diag = diag.with_labels(vec![Label::primary((), offset..end)]);
        }
        None => diag = diag.with_notes(vec![format!("in {}", e.path)]),
    }
    let _ = human::emit(&mut err, &Default::default(), &file, &diag);
}

/// The format of an input: from `--stdin-filename` for stdin, else from the path.
pub fn format_of(path: &Path) -> Markup {
    Markup::of(path)
}

/// Applies `--fix` or `--diff` to the reports; returns true when a diff was printed.
pub fn fix_reports(
    args: &CheckArgs,
    pipeline: &Pipeline<'_>,
    reports: &mut [FileReport],
) -> Result<bool> {
    let (mut files, mut applied, mut diffed) = (0, 0, false);
    let stdout = io::stdout();
    for r in reports.iter_mut() {
        let stdin = r.path == stdin_name(args);
        let fixed = r
            .findings
            .iter()
            .any(|f| f.is_fixable())
            .then(|| {
                let path = PathBuf::from(&r.path);
                fix::fix(&r.text, |t| pipeline.check(&path, format_of(&path), t))
            })
            .filter(|f| f.applied > 0);
        if stdin && args.fix {
            let text = fixed.as_ref().map_or(&r.text, |f| &f.text);
            stdout.lock().write_all(text.as_bytes())?;
        }
        let Some(fixed) = fixed else {
            continue;
        };
        if args.diff {
            let mut out = stdout.lock();
            out.write_all(fix::unified_diff(&r.path, &r.text, &fixed.text).as_bytes())?;
            diffed = true;
        } else if !stdin {
            if let Err(e) = fix::write_atomic(Path::new(&r.path), &fixed.text) {
                bail!("cannot write fixes to {}: {e}", r.path);
            }
        }
        files += 1;
        applied += fixed.applied;
        r.text = fixed.text;
        r.findings = fixed.remaining;
    }
    if !args.quiet {
        let remaining: usize = reports.iter().map(|r| r.findings.len()).sum();
        let verb = if args.diff { "would fix" } else { "fixed" };
        eprintln!(
            "{verb} {applied} in {files}; {remaining} remain",
            applied = plural(applied, "finding"),
            files = plural(files, "file")
        );
    }
    Ok(diffed)
}

/// False when stdout holds something else: a diff, or fixed standard input.
pub fn shows_findings(args: &CheckArgs, reports: &[FileReport]) -> bool {
    let stdin = stdin_name(args);
    !(args.diff || args.fix && reports.iter().any(|r| r.path == stdin))
}

/// The path shown for standard input.
pub fn stdin_name(args: &CheckArgs) -> String {
    args.stdin_filename
        .as_ref()
        .map_or(spinlint::input::STDIN.to_string(), |p| {
            p.display().to_string()
        })
}

fn plural(n: usize, w: &str) -> String {
    format!("{n} {w}{}", if n == 1 { "" } else { "s" })
}

/// Applies or writes the baseline; returns the number of findings hidden, or `None` when the
/// baseline was written (and the run should end).
pub fn baseline(
    args: &CheckArgs,
    config: &Loaded,
    reports: &mut [FileReport],
) -> Result<Option<usize>> {
    let Some(path) = &args.baseline else {
        if args.write_baseline {
            bail!("--write-baseline needs a file: give --baseline FILE (or `baseline:` in spinlint.yaml)");
        }
        return Ok(Some(0));
    };
    if args.write_baseline {
        let entries: Vec<Entry> = reports
            .iter()
            .flat_map(|r| {
                let key = spinlint::baseline::key_path(path, &r.path);
                r.findings
                    .iter()
                    .map(move |f| Entry::new(&key, &r.text, f))
                    .collect::<Vec<_>>()
            })
            .collect();
        let n = entries.len();
        Baseline::new(entries).save(path)?;
        if !args.quiet {
            eprintln!("recorded {} in {}", plural(n, "finding"), path.display());
        }
        return Ok(None);
    }
    let base = match Baseline::load(path) {
        Ok(b) => b,
        Err(e) => match config.baseline_offset(path) {
            Some(offset) => {
                let err = ConfigError {
                    path: config.path_text(),
                    message: e.to_string(),
                    offset: Some(offset),
                    text: config.text.as_str().into(),
                };
                report_config_error(&err, ColorChoice::Never);
                return Err(anyhow::Error::new(Reported));
            }
            None => return Err(e.into()),
        },
    };
    let recorded = base.findings.len();
    let mut matcher = base.matcher();
    let mut hidden = 0;
    let mut checked = BTreeSet::new();
    for r in reports.iter_mut() {
        let key = spinlint::baseline::key_path(path, &r.path);
        hidden += matcher.filter_as(&[&key, &r.path], &r.text, &mut r.findings);
        checked.insert(key);
    }
    if !args.quiet {
        let shown: usize = reports.iter().map(|r| r.findings.len()).sum();
        let stale = matcher.unmatched(Some(&checked));
        if hidden == 0 && recorded > 0 && shown > 0 {
            eprintln!(
                "note: none of the {} recorded in {} matched this run (paths in it are relative to its directory)",
                plural(recorded, "finding"),
                path.display(),
            );
        } else if stale >= 10 && stale * 2 > recorded {
            eprintln!(
                "note: {} recorded in {} for the files checked no longer occur; write it again with --write-baseline to drop them",
                plural(stale, "finding"),
                path.display()
            );
        }
    }
    Ok(Some(hidden))
}

/// Writes the formats that `human`/`json` do not cover; returns false when `format` is not one.
pub fn write_other(
    args: &CheckArgs,
    rules: &RuleSet,
    reports: &[FileReport],
    errors: &[String],
) -> Result<bool> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.statistics {
        let counts = stats::counts(reports);
        match args.format {
            Format::Human => out.write_all(stats::table(&counts).as_bytes())?,
            Format::Json | Format::Jsonl => {
                serde_json::to_writer_pretty(&mut out, &counts)?;
                out.write_all(b"\n")?;
            }
            Format::Sarif | Format::Github | Format::Html => {
                bail!("--statistics prints as human, json or jsonl")
            }
        }
    } else {
        match args.format {
            Format::Sarif => {
                let mut log = sarif::log(
                    reports,
                    &sarif::rule_metas(rules),
                    env!("CARGO_PKG_VERSION"),
                );
                sarif::set_invocation(&mut log, errors);
                serde_json::to_writer_pretty(&mut out, &log)?;
                out.write_all(b"\n")?;
            }
            Format::Github => {
                for r in reports {
                    out.write_all(github::annotations(r).as_bytes())?;
                }
            }
            Format::Html => {
                let canon = spinlint::audit::canon::Canon::from_rules(rules);
                let restorer = spinlint::audit::restore::Restorer::new(
                    &canon,
                    spinlint::lm::Bigrams::english(),
                );
                let page = html::report(
                    reports,
                    &sarif::rule_metas(rules),
                    &restorer,
                    env!("CARGO_PKG_VERSION"),
                );
                out.write_all(page.as_bytes())?;
            }
            Format::Human | Format::Json | Format::Jsonl => return Ok(false),
        }
    }
    out.flush()?;
    Ok(true)
}

/// `spinlint config --show`: the effective configuration as YAML.
pub fn show(args: ConfigArgs) -> Result<i32> {
    let color = super::color_choice(ColorWhen::Auto);
    let loaded = Loaded::read(&args.source, color)?;
    let mut packs = PackArgs {
        rules: vec![],
        packs: None,
        no_cache: false,
    };
    loaded.merge_packs(&mut packs);
    let rules = super::load_rules(&packs, color)?;
    loaded.check_rule_ids(&super::known_rule_ids(&rules), color)?;
    let mut effective = loaded.config.clone();
    let mut names: Vec<String> = rules.tables.iter().map(|t| t.pack.to_string()).collect();
    names.dedup();
    effective.packs = None;
    effective.disable_packs.clear();
    let mut out = io::stdout().lock();
    match &loaded.path {
        Some(p) => writeln!(out, "# configuration: {}", p.display())?,
        None => writeln!(out, "# no configuration file: defaults")?,
    }
    writeln!(out, "# packs loaded: {}", names.join(", "))?;
    let yaml = effective.to_yaml();
    let yaml = if yaml.trim() == "{}" {
        String::new()
    } else {
        yaml
    };
    write!(out, "{yaml}")?;
    let defaults = [
        ("select", effective.select.is_none(), "all rules"),
        ("min-confidence", effective.min_confidence.is_none(), "0.5"),
        ("fail-on", effective.fail_on.is_none(), "warning"),
    ];
    for (key, unset, value) in defaults {
        if unset {
            writeln!(out, "# {key}: {value} (default)")?;
        }
    }
    Ok(0)
}
