//! Command-line interface: argument parsing, loading packs, running checks, exit codes.
//!
//! Exit codes (DESIGN.md): 2 when any usage, configuration or I/O error occurred, even with
//! findings; otherwise 1 when a finding is at or above `--fail-on`; otherwise 0. A closed output
//! pipe ends the run quietly.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use rayon::prelude::*;
use spinlint::findings::Severity;
use spinlint::input::{self, Input, InputError};
use spinlint::render::{human, json, FileReport, Tally};
use spinlint::rules::{bundled_packs, pack_stem, PackError, PackSource, RuleSet};
use spinlint::{docs, Linter, Options};
use std::collections::BTreeSet;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

mod audit;
mod gate;

/// Find the fingerprints article spinners leave in text: tortured phrases and broken expressions.
#[derive(Debug, Parser)]
#[command(
    name = "spinlint",
    version,
    propagate_version = true,
    about,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint files, directories (recursively, honouring .gitignore) or stdin (`-`).
    Check(CheckArgs),
    /// Audit a corpus: spin score, findings, quality statistics and near-duplicates per document.
    Audit(audit::AuditArgs),
    /// List every rule id with its pack, kind, severity and number of entries.
    Rules(RulesArgs),
    /// Explain what a rule catches, why, an example and how to silence it.
    Explain(ExplainArgs),
    /// Show the effective configuration (spinlint.yaml merged with the defaults).
    Config(gate::ConfigArgs),
    /// Run the language server (LSP) on stdin and stdout, for editors.
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// One self-contained HTML page for review (`check` only).
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Which rule packs to load.
#[derive(Debug, Args)]
struct PackArgs {
    /// Extra rule-pack directory (all *.yaml / *.yml files in it); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Bundled packs to load, comma-separated (default: all).
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    packs: Option<Vec<String>>,
    /// Do not read or write the cache of compiled rule packs (used for packs over 1 MiB in all;
    /// kept in $SPINLINT_CACHE_DIR, else $XDG_CACHE_HOME/spinlint or ~/.cache/spinlint).
    #[arg(long)]
    no_cache: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files, directories, or `-` for stdin.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Follow symbolic links while walking directories (a link that loops back is skipped).
    #[arg(short = 'L', long)]
    follow: bool,
    /// Check only files matching this glob (`*.md`), or not matching it with `!` (`!vendor/`),
    /// when walking directories; repeatable.
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    globs: Vec<String>,
    #[command(flatten)]
    packs: PackArgs,
    /// Report only these rule ids, comma-separated.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Never report these rule ids, comma-separated.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Drop findings below this confidence (0 to 1) [default: 0.5].
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    min_confidence: Option<f32>,
    /// Exit 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// Print findings only: no summary line, no notes.
    #[arg(short, long)]
    quiet: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(flatten)]
    config: gate::ConfigSource,
    /// Name of standard input, whose extension picks its format (`notes.md`: Markdown).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Apply the suggestions marked safe, rewriting the files (stdin: print the fixed text).
    #[arg(long)]
    fix: bool,
    /// Print the safe fixes as a unified diff instead of applying them.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings of this run in the --baseline file and exit 0.
    #[arg(long)]
    write_baseline: bool,
}

#[derive(Debug, Args)]
struct RulesArgs {
    #[command(flatten)]
    packs: PackArgs,
    #[command(flatten)]
    config: gate::ConfigSource,
    /// Output format: `human` (a table), `json` (an array) or `jsonl` (one object per line).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Run the `examples` of every table loaded: each `fire` line must draw a finding of the
    /// table, no `silent` line may (exit 1 when one fails).
    #[arg(long)]
    test: bool,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The rule id, e.g. `tortured-phrase`.
    id: String,
    #[command(flatten)]
    packs: PackArgs,
    #[command(flatten)]
    config: gate::ConfigSource,
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside [0, 1]"))
    }
}

/// Runs the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Audit(args) => audit::audit(args),
        Command::Rules(args) => list_rules(args),
        Command::Explain(args) => explain(args),
        Command::Config(args) => gate::show(args),
        Command::Server => server(),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) if e.is::<Reported>() => 2,
        Err(e) => {
            eprintln!("error: {e:#}");
            2
        }
    }
}

/// `spinlint server`: 0 after `shutdown` and `exit`, 1 on `exit` without `shutdown` (as the
/// protocol asks), 2 when the connection fails.
fn server() -> Result<i32> {
    let clean = spinlint::server::run()?;
    Ok(if clean { 0 } else { 1 })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let io = c.downcast_ref::<io::Error>().map(io::Error::kind);
        let json = c
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(io::ErrorKind::BrokenPipe)
    })
}

/// An error already reported on stderr; exit 2.
#[derive(Debug, thiserror::Error)]
#[error("stopped after errors reported above")]
struct Reported;

/// The packs that `args` select: bundled ones, then those of the rule directories.
fn pack_sources(args: &PackArgs) -> Result<Vec<PackSource>> {
    let mut sources = select_bundled(args.packs.as_deref())?;
    for dir in &args.rules {
        sources.extend(read_pack_dir(dir)?);
    }
    Ok(sources)
}

fn load_rules(args: &PackArgs, color: ColorChoice) -> Result<RuleSet> {
    let sources = pack_sources(args)?;
    spinlint::rules::load_packs(&sources, !args.no_cache).map_err(|errors| {
        report_pack_errors(&errors, color);
        anyhow::Error::new(Reported)
    })
}

fn select_bundled(wanted: Option<&[String]>) -> Result<Vec<PackSource>> {
    let all = bundled_packs();
    let Some(wanted) = wanted else {
        return Ok(all);
    };
    let names: Vec<&str> = all.iter().map(|p| pack_stem(&p.path)).collect();
    for w in wanted.iter().filter(|w| !w.is_empty()) {
        if !names.contains(&w.as_str()) {
            bail!(
                "unknown pack `{w}`{}; bundled packs: {}",
                did_you_mean(w, names.iter().copied()),
                names.join(", ")
            );
        }
    }
    Ok(all
        .into_iter()
        .filter(|p| wanted.iter().any(|w| w == pack_stem(&p.path)))
        .collect())
}

fn read_pack_dir(dir: &Path) -> Result<Vec<PackSource>> {
    Ok(spinlint::rules::read_pack_dir(dir)?)
}

fn report_pack_errors(errors: &[PackError], color: ColorChoice) {
    let mut err = StandardStream::stderr(color);
    for e in errors {
        let file = human::SourceFile::new(&e.path, &e.text);
        let mut diag = Diagnostic::error()
            .with_code("pack")
            .with_message(&e.message);
        if let Some(offset) = e.offset {
            let end = e.text[offset..]
                .char_indices()
                .nth(1)
                .map_or(e.text.len(), |(i, _)| offset + i);
            diag = diag.with_labels(vec![Label::primary((), offset..end)]);
        } else {
            diag = diag.with_notes(vec![format!("in {}", e.path)]);
        }
        let _ = human::emit(&mut err, &Default::default(), &file, &diag);
    }
}

fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Every rule id known: built-in documentation plus ids that loaded tables report.
fn known_rule_ids(rules: &RuleSet) -> BTreeSet<String> {
    docs::RULES
        .iter()
        .map(|d| d.id.to_string())
        .chain(rules.tables.iter().map(|t| t.rule.to_string()))
        .collect()
}

/// Linter options from `--select`, `--ignore` and a least confidence; every id named must be
/// known.
fn rule_options(
    select: Option<&[String]>,
    ignore: &[String],
    min_confidence: f32,
    known: &BTreeSet<String>,
) -> Result<Options> {
    if let Some(sel) = select {
        check_rule_ids(sel, known, "--select")?;
    }
    check_rule_ids(ignore, known, "--ignore")?;
    Ok(Options {
        select: select.map(|s| s.iter().cloned().collect()),
        ignore: ignore.iter().cloned().collect(),
        min_confidence,
    })
}

fn check_rule_ids(ids: &[String], known: &BTreeSet<String>, flag: &str) -> Result<()> {
    for id in ids {
        if !known.contains(id) {
            bail!(
                "unknown rule id `{id}` in {flag}{}; `spinlint rules` lists them",
                did_you_mean(id, known.iter().map(String::as_str))
            );
        }
    }
    Ok(())
}

fn color_choice(when: ColorWhen) -> ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if no_color || !io::stdout().is_terminal() => ColorChoice::Never,
        ColorWhen::Auto => ColorChoice::Auto,
    }
}

fn check(mut args: CheckArgs) -> Result<i32> {
    let color = color_choice(args.color);
    let err_color = if io::stderr().is_terminal() {
        color
    } else {
        ColorChoice::Never
    };
    if args.diff && args.format != Format::Human {
        bail!(
            "--diff prints a unified diff, not {}: leave out --format, or use --fix",
            format_name(args.format)
        );
    }
    let config = gate::Loaded::read(&args.config, err_color)?;
    config.merge_check(&mut args);
    let rules = load_rules(&args.packs, err_color)?;
    if rules.tables.is_empty() {
        bail!(
            "no rules to check with: {}",
            why_no_rules(&args.packs, &config)
        );
    }
    let known = known_rule_ids(&rules);
    config.check_rule_ids(&known, err_color)?;
    let options = rule_options(
        args.select.as_deref(),
        &args.ignore,
        args.min_confidence
            .unwrap_or(spinlint::DEFAULT_MIN_CONFIDENCE),
        &known,
    )?;
    let linter = Linter::new(rules, options.clone());
    let policy = config.policy();
    let pipeline = spinlint::pipeline::Pipeline::new(&linter, options, &policy, known);
    let walk = input::Walk {
        follow: args.follow,
        globs: args.globs.clone(),
    };
    let input::Collected {
        mut inputs,
        errors: walk_errors,
        notes: walk_notes,
    } = input::collect(&args.paths, &walk);
    if !args.quiet {
        for n in &walk_notes {
            eprintln!("note: {n}");
        }
    }
    inputs.retain(|i| match i {
        Input::Stdin => true,
        Input::Named(p) => !policy.excluded(p),
        Input::Walked(p) => !policy.excluded(p) && !config.is_own_file(p, &args),
    });
    let stdin_name = gate::stdin_name(&args);
    let keep_text = args.format == Format::Html;
    let run = |i: Input| {
        let r = check_input(&pipeline, &i, &stdin_name, keep_text);
        (i, r)
    };
    let results: Vec<(Input, Result<FileReport, InputError>)> =
        if inputs.len() <= 1 || args.threads == Some(1) {
            // One input (or one thread): no pool to start.
            inputs.into_iter().map(run).collect()
        } else {
            rayon::ThreadPoolBuilder::new()
                .num_threads(args.threads.unwrap_or(0))
                .build()
                .context("cannot start worker threads")?
                .install(|| inputs.into_par_iter().map(run).collect())
        };
    // Every error, also for the formats that record them (SARIF).
    let mut errors: Vec<String> = walk_errors.iter().map(ToString::to_string).collect();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let mut reports = Vec::new();
    for (inp, r) in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) if e.is_binary() && matches!(inp, Input::Walked(_)) => {
                if !args.quiet {
                    eprintln!("note: {e}");
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                errors.push(e.to_string());
            }
        }
    }
    // Every format lists findings by path, then position.
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let mut diffed = false;
    if args.fix || args.diff {
        diffed = match gate::fix_reports(&args, &pipeline, &mut reports) {
            // The diff was being printed when the reader left.
            Err(e) if is_broken_pipe(&e) => args.diff,
            other => other?,
        };
    }
    if args.fix && !gate::shows_findings(&args, &reports) && !args.quiet {
        // Standard output holds the fixed text: what remains goes to stderr, as diagnostics.
        let stdin = gate::stdin_name(&args);
        let mut err = StandardStream::stderr(err_color);
        for r in reports.iter().filter(|r| r.path == stdin) {
            human::emit_file(&mut err, r)?;
        }
    }
    let had_error = !errors.is_empty();
    let Some(hidden) = gate::baseline(&args, &config, &mut reports)? else {
        return Ok(if had_error { 2 } else { 0 });
    };
    // A closed output pipe ends the output quietly; the exit code still follows the findings.
    let written = (|| -> Result<()> {
        if gate::shows_findings(&args, &reports)
            && !gate::write_other(&args, linter.rules(), &reports, &errors)?
        {
            write_reports(&args, color, &reports, errors.len())?;
        }
        Ok(())
    })();
    match written {
        Err(e) if is_broken_pipe(&e) => {}
        other => other?,
    }
    if hidden > 0 && !args.quiet {
        eprintln!("{hidden} findings recorded in the baseline not shown");
    }
    // The compiled rules are large and the process ends next: skip freeing them.
    std::mem::forget(linter);
    if had_error {
        return Ok(2);
    }
    Ok(exit_for(&reports, args.fail_on.unwrap_or(FailOn::Warning)).max(i32::from(diffed)))
}

/// Why the pack settings load no table, for the error that says so.
fn why_no_rules(packs: &PackArgs, config: &gate::Loaded) -> String {
    let named = packs.packs.iter().flatten().any(|p| !p.is_empty());
    let dirs = if packs.rules.is_empty() {
        "no rule directory adds one".to_string()
    } else {
        "the rule directories hold no table".to_string()
    };
    match (&config.path, named) {
        (_, true) => format!("the packs loaded hold no table and {dirs}"),
        (Some(path), false) if config.turns_off_packs() => format!(
            "{} turns off every bundled pack (its `packs` and `disable-packs`) and {dirs}",
            path.display()
        ),
        _ => format!("--packs names no bundled pack and {dirs}"),
    }
}

fn check_input(
    pipeline: &spinlint::pipeline::Pipeline<'_>,
    input: &Input,
    stdin_name: &str,
    keep_text: bool,
) -> Result<FileReport, InputError> {
    let (path, text) = match input {
        Input::Stdin => (stdin_name.to_string(), input::read_stdin()?),
        Input::Named(p) | Input::Walked(p) => (p.display().to_string(), input::read_file(p)?),
    };
    let path_buf = PathBuf::from(&path);
    let findings = pipeline.check(&path_buf, gate::format_of(&path_buf), &text);
    // Keep the text only where findings need it for rendering (`--fix` echoes stdin; the HTML
    // report shows every file).
    let text = if findings.is_empty() && *input != Input::Stdin && !keep_text {
        String::new()
    } else {
        text
    };
    Ok(FileReport {
        path,
        text,
        findings,
    })
}

fn exit_for(reports: &[FileReport], fail_on: FailOn) -> i32 {
    let threshold = match fail_on {
        FailOn::Never => return 0,
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failed = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= threshold);
    i32::from(failed)
}

fn write_reports(
    args: &CheckArgs,
    color: ColorChoice,
    reports: &[FileReport],
    unreadable: usize,
) -> Result<()> {
    let mut tally = Tally {
        files: reports.len(),
        ..Tally::default()
    };
    reports
        .iter()
        .flat_map(|r| &r.findings)
        .for_each(|f| tally.add(f.severity));
    match args.format {
        Format::Human => {
            let mut out = StandardStream::stdout(color);
            for r in reports {
                human::emit_file(&mut out, r)?;
            }
            out.flush()?;
            if !args.quiet {
                print_summary(&tally, unreadable);
            }
        }
        Format::Json | Format::Jsonl => write_json(args.format, reports)?,
        Format::Sarif | Format::Github | Format::Html => {}
    }
    Ok(())
}

/// The closing line: files checked, findings by severity, and inputs that could not be read.
fn print_summary(t: &Tally, unreadable: usize) {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let unread = match unreadable {
        0 => String::new(),
        1 => "; 1 input could not be read".to_string(),
        n => format!("; {n} inputs could not be read"),
    };
    eprintln!(
        "checked {}: {}, {}, {}{unread}",
        plural(t.files, "file"),
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        plural(t.infos, "info")
    );
}

fn write_json(format: Format, reports: &[FileReport]) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut first = true;
    let mut result = Ok(());
    if format == Format::Json {
        out.write_all(b"[")?;
    }
    for r in reports {
        json::records(r, |rec| {
            if result.is_err() {
                return;
            }
            result = write_record(&mut out, format, &rec, first);
            first = false;
        });
    }
    result?;
    if format == Format::Json {
        out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    }
    out.flush()?;
    Ok(())
}

fn write_record(
    out: &mut impl Write,
    format: Format,
    rec: &json::Record,
    first: bool,
) -> Result<()> {
    if format == Format::Json {
        out.write_all(if first { b"\n" } else { b",\n" })?;
    }
    serde_json::to_writer(&mut *out, rec)?;
    if format == Format::Jsonl {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Loads the rules `packs` and the configuration select, the configuration read as `check`
/// reads it (its rule directories and bundled packs apply).
fn load_configured(
    packs: &mut PackArgs,
    source: &gate::ConfigSource,
) -> Result<(RuleSet, Vec<PackSource>)> {
    let color = if io::stderr().is_terminal() {
        color_choice(ColorWhen::Auto)
    } else {
        ColorChoice::Never
    };
    let config = gate::Loaded::read(source, color)?;
    config.merge_packs(packs);
    let sources = pack_sources(packs)?;
    let rules = spinlint::rules::load_packs(&sources, !packs.no_cache).map_err(|errors| {
        report_pack_errors(&errors, color);
        anyhow::Error::new(Reported)
    })?;
    config.check_rule_ids(&known_rule_ids(&rules), color)?;
    Ok((rules, sources))
}

/// One row of `spinlint rules`: a table, or a rule id that no table reports (`pack` empty).
struct RuleRow<'a> {
    rule: &'a str,
    pack: Option<&'a str>,
    table: Option<&'a str>,
    kind: &'a str,
    severity: &'a str,
    entries: usize,
    summary: &'a str,
}

fn list_rules(mut args: RulesArgs) -> Result<i32> {
    if !matches!(args.format, Format::Human | Format::Json | Format::Jsonl) {
        if args.format == Format::Html {
            bail!("`spinlint rules` prints as human, json or jsonl; --format html is for `spinlint check`");
        }
        bail!(
            "`spinlint rules` prints as human, json or jsonl, not {}",
            format_name(args.format)
        );
    }
    let (rules, sources) = load_configured(&mut args.packs, &args.config)?;
    if args.test {
        return test_examples(rules, &sources);
    }
    let metas = spinlint::render::sarif::rule_metas(&rules);
    let mut rows: Vec<RuleRow<'_>> = rules
        .tables
        .iter()
        .map(|t| RuleRow {
            rule: &t.rule,
            pack: Some(&t.pack),
            table: Some(&t.name),
            kind: t.kind.as_str(),
            severity: t.severity.as_str(),
            entries: t.entries,
            summary: t.description.as_deref().unwrap_or(""),
        })
        .collect();
    // Rule ids no loaded table reports (`unused-suppression`, `quality`): built in.
    rows.extend(
        metas
            .iter()
            .filter(|m| rules.tables_for(&m.id).next().is_none())
            .map(|m| RuleRow {
                rule: &m.id,
                pack: None,
                table: None,
                kind: "built-in",
                severity: m.severity.as_str(),
                entries: 0,
                summary: &m.summary,
            }),
    );
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.format != Format::Human {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "rule": r.rule, "pack": r.pack, "table": r.table,
                    "kind": r.kind, "severity": r.severity,
                    "entries": r.entries, "description": r.summary,
                })
            })
            .collect();
        if args.format == Format::Json {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        } else {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        out.flush()?;
        return Ok(0);
    }
    writeln!(
        out,
        "{:<18} {:<16} {:<28} {:<16} {:<8} {:>7}  summary",
        "rule", "pack", "table", "kind", "severity", "entries"
    )?;
    for r in &rows {
        writeln!(
            out,
            "{:<18} {:<16} {:<28} {:<16} {:<8} {:>7}  {}",
            r.rule,
            r.pack.unwrap_or("-"),
            r.table.unwrap_or("-"),
            r.kind,
            r.severity,
            r.entries,
            r.summary
        )?;
    }
    out.flush()?;
    Ok(0)
}

/// `spinlint rules --test`: runs every table's examples; 1 when one fails.
fn test_examples(rules: RuleSet, sources: &[PackSource]) -> Result<i32> {
    use spinlint::rules::examples;
    let tables = rules.tables.len();
    let linter = Linter::new(rules, spinlint::rules::examples::options());
    let outcome = examples::run(&linter);
    let mut out = io::stdout().lock();
    for f in &outcome.failures {
        let at = examples::locate(f, sources, linter.rules())
            .map_or_else(String::new, |(path, line)| format!("{path}:{line}: "));
        writeln!(
            out,
            "{at}{}/{}: {}: {:?}",
            f.pack,
            f.table,
            f.expectation(),
            f.text
        )?;
    }
    out.flush()?;
    eprintln!(
        "ran {} of {}: {} failed",
        plural(outcome.checked, "example"),
        plural(tables, "table"),
        outcome.failures.len()
    );
    std::mem::forget(linter);
    Ok(i32::from(!outcome.failures.is_empty()))
}

fn plural(n: usize, w: &str) -> String {
    format!("{n} {w}{}", if n == 1 { "" } else { "s" })
}

fn format_name(f: Format) -> String {
    f.to_possible_value()
        .map_or_else(|| format!("{f:?}"), |v| v.get_name().to_string())
}

/// Wraps prose at 96 columns with a two-space indent.
fn wrap(text: &str) -> String {
    let mut lines = vec![String::from(" ")];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("starts with one line");
        if line.len() + 1 + word.len() > 96 && line.len() > 2 {
            lines.push(format!("  {word}"));
        } else {
            line.push(' ');
            line.push_str(word);
        }
    }
    lines.join("\n")
}

fn explain(mut args: ExplainArgs) -> Result<i32> {
    let (rules, _) = load_configured(&mut args.packs, &args.config)?;
    let known = known_rule_ids(&rules);
    check_rule_ids(std::slice::from_ref(&args.id), &known, "explain")?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let id = args.id.as_str();
    match docs::find(id) {
        Some(d) => {
            writeln!(out, "{id}: {}\n", d.summary)?;
            writeln!(out, "What it catches\n{}\n", wrap(d.what))?;
            writeln!(out, "Why it matters\n{}\n", wrap(d.why))?;
            writeln!(out, "Example\n  {}\nInstead\n  {}\n", d.example, d.instead)?;
        }
        None => writeln!(
            out,
            "{id}: reported by rule-pack tables (no built-in documentation)\n"
        )?,
    }
    writeln!(out, "Tables reporting it")?;
    for t in rules.tables_for(id) {
        writeln!(out, "  {} {}", t.qualified_name(), t.summary())?;
    }
    writeln!(
        out,
        "\nHow to silence it\n{}",
        wrap(&docs::silence_text(id))
    )?;
    out.flush()?;
    Ok(0)
}
