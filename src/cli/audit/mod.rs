//! `spinlint audit`: batch audit of a corpus, in parallel, with bounded memory.
//!
//! One thread reads inputs into batches of units (see `spinlint::audit::inputs`); the worker pool
//! parses and audits each batch in parallel and serialises the records; this thread writes them
//! in reading order, keeps the summary (totals and the `--top` worst documents) and, unless
//! `--no-cluster`, the two signatures per document that clustering needs. While clustering, records
//! wait in a temporary file until every cluster number is known; with `--no-cluster`, JSONL
//! records stream out as soon as their batch is done.

mod cluster;
mod io_out;

use super::{color_choice, known_rule_ids, load_rules, rule_options, ColorWhen, PackArgs};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use io_out::{progress_bar, write_record, Spool};
use rayon::prelude::*;
use spinlint::audit::canon::Canon;
use spinlint::audit::inputs::{self, Meter, Unit};
use spinlint::audit::minhash::{self, LshParams};
use spinlint::audit::output::{self, ClusterOut, DocKey, PairOut, SignatureStore, Summary};
use spinlint::audit::stats::Thresholds;
use spinlint::audit::{
    Auditor, DocResult, Fields, Problem, ProblemKind, StdinFormat, QUALITY_RULE,
};
use spinlint::input::Input;
use spinlint::Linter;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum AuditFormat {
    Human,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum StdinKind {
    Jsonl,
    Text,
}

#[derive(Debug, Args)]
pub(super) struct AuditArgs {
    /// Files, directories, JSONL corpora (.jsonl, .ndjson; gzip or zstd compressed too), Parquet
    /// files (.parquet), or `-`.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(super) paths: Vec<PathBuf>,
    /// Output: a ranked summary table, one JSON document, or one JSON record per document.
    #[arg(long, value_enum, default_value_t = AuditFormat::Human)]
    pub(super) format: AuditFormat,
    /// JSONL field holding a document's text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// JSONL field holding a document's id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// Follow symbolic links while walking directories (a link that loops back is skipped).
    #[arg(short = 'L', long)]
    follow: bool,
    /// Walk only files matching this glob (`*.jsonl.gz`), or not matching it with `!`
    /// (`!archive/`); repeatable.
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    globs: Vec<String>,
    /// What standard input (`-`) holds.
    #[arg(long, value_enum, default_value_t = StdinKind::Jsonl)]
    stdin_format: StdinKind,
    /// How many of the worst documents, and of the largest clusters, the summary lists.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub(super) top: usize,
    /// Write documents at or under --max-score that pass the quality thresholds here (JSONL).
    #[arg(long, value_name = "FILE")]
    write_kept: Option<PathBuf>,
    /// Write the other documents here (JSONL).
    #[arg(long, value_name = "FILE")]
    write_dropped: Option<PathBuf>,
    /// Write the input lines skipped as unreadable here, as read (malformed JSON, no text).
    #[arg(long, value_name = "FILE")]
    write_rejected: Option<PathBuf>,
    /// Documents scoring above this are dropped by --write-kept / --write-dropped.
    #[arg(long, value_name = "X", default_value_t = 4.0, value_parser = parse_number)]
    max_score: f64,
    /// Keep documents that fail a quality threshold (only the score decides).
    #[arg(long)]
    keep_failing_quality: bool,
    /// Do not look for near-duplicates (records then stream out as they are done).
    #[arg(long)]
    no_cluster: bool,
    /// Smallest estimated spin-aware similarity that makes two documents near-duplicates.
    #[arg(long, value_name = "X", default_value_t = LshParams::default().threshold as f32, value_parser = super::parse_confidence)]
    similarity: f32,
    /// Add each document's MinHash signatures (plain and spin-aware) to its record.
    #[arg(long)]
    signatures: bool,
    /// Reduce step of a distributed run: read records written with --no-cluster --signatures and
    /// write them again with their cluster numbers.
    #[arg(long, conflicts_with_all = ["no_cluster", "write_kept", "write_dropped", "write_rejected"])]
    cluster: bool,
    #[command(flatten)]
    packs: PackArgs,
    /// Count only these rule ids, comma-separated.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Never count these rule ids, comma-separated.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Drop findings below this confidence (audit weighs every finding by its confidence).
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = super::parse_confidence)]
    min_confidence: f32,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// No notes, no summary line on stderr.
    #[arg(short, long)]
    pub(super) quiet: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(flatten)]
    quality: QualityArgs,
}

/// Quality thresholds (defaults from the Gopher and FineWeb filters).
#[derive(Debug, Args)]
#[command(next_help_heading = "Quality thresholds")]
struct QualityArgs {
    /// Fewest words.
    #[arg(long, value_name = "N", default_value_t = Thresholds::default().min_words)]
    min_words: usize,
    /// Most words.
    #[arg(long, value_name = "N", default_value_t = Thresholds::default().max_words)]
    max_words: usize,
    /// Smallest mean word length.
    #[arg(long, value_name = "X", default_value_t = Thresholds::default().min_mean_word_length, value_parser = parse_number)]
    min_mean_word_length: f64,
    /// Largest mean word length.
    #[arg(long, value_name = "X", default_value_t = Thresholds::default().max_mean_word_length, value_parser = parse_number)]
    max_mean_word_length: f64,
    /// Smallest share of lines ending in punctuation.
    #[arg(long, value_name = "X", default_value_t = Thresholds::default().min_lines_ending_in_punctuation, value_parser = parse_share)]
    min_punctuated_lines: f64,
    /// Largest share of duplicated lines.
    #[arg(long, value_name = "X", default_value_t = Thresholds::default().max_duplicated_lines, value_parser = parse_share)]
    max_duplicated_lines: f64,
    /// Largest ratio of `#` and ellipses to words.
    #[arg(long, value_name = "X", default_value_t = Thresholds::default().max_symbol_ratio, value_parser = parse_number)]
    max_symbol_ratio: f64,
    /// Smallest share of words with a letter.
    #[arg(long, value_name = "X", default_value_t = Thresholds::default().min_alphabetic_words, value_parser = parse_share)]
    min_alphabetic_words: f64,
    /// Fewest distinct stop words (the, be, to, of, and, that, have, with).
    #[arg(long, value_name = "N", default_value_t = Thresholds::default().min_stop_words)]
    min_stop_words: usize,
}

/// A number for a threshold: anything but NaN (`inf` turns a maximum off).
fn parse_number(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if !v.is_nan() => Ok(v),
        _ => Err(format!("`{s}` is not a number")),
    }
}

/// A share of lines or words, in [0, 1].
fn parse_share(s: &str) -> Result<f64, String> {
    let v = parse_number(s)?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is a share of lines or words, so in [0, 1]"))
    }
}

impl QualityArgs {
    /// The thresholds, or why a minimum and its maximum leave no room.
    fn checked(&self) -> Result<Thresholds> {
        if self.min_words > self.max_words {
            anyhow::bail!(
                "--min-words {} is above --max-words {}: every document would fail",
                self.min_words,
                self.max_words
            );
        }
        if self.min_mean_word_length > self.max_mean_word_length {
            anyhow::bail!(
                "--min-mean-word-length {} is above --max-mean-word-length {}: every document \
                 would fail",
                self.min_mean_word_length,
                self.max_mean_word_length
            );
        }
        Ok(self.thresholds())
    }

    fn thresholds(&self) -> Thresholds {
        Thresholds {
            min_words: self.min_words,
            max_words: self.max_words,
            min_mean_word_length: self.min_mean_word_length,
            max_mean_word_length: self.max_mean_word_length,
            min_lines_ending_in_punctuation: self.min_punctuated_lines,
            max_duplicated_lines: self.max_duplicated_lines,
            max_symbol_ratio: self.max_symbol_ratio,
            min_alphabetic_words: self.min_alphabetic_words,
            min_stop_words: self.min_stop_words,
            report: true,
        }
    }
}

/// Units per batch, and bytes per batch: enough to keep every core busy, small enough to bound
/// memory (a batch is in flight while the next is read).
const BATCH_UNITS: usize = 1024;
const BATCH_BYTES: usize = 4 << 20;

pub(super) fn audit(args: AuditArgs) -> Result<i32> {
    let lsh = LshParams {
        threshold: f64::from(args.similarity),
        ..LshParams::default()
    };
    if args.cluster {
        return cluster::run(&args, lsh);
    }
    let err_color = if io::stderr().is_terminal() {
        color_choice(args.color)
    } else {
        codespan_reporting::term::termcolor::ColorChoice::Never
    };
    // The bigram index is built beside the rule compilation; the word classes come with the rules.
    let rules = std::thread::scope(|s| {
        let side = s.spawn(|| spinlint::lm::Bigrams::english().prepare());
        let rules = load_rules(&args.packs, err_color);
        side.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        rules
    });
    let rules = rules?;
    let canon = Canon::from_rules(&rules);
    // `quality` is a built-in rule id (`spinlint explain quality`), so it is known here.
    let known = known_rule_ids(&rules);
    let options = rule_options(
        args.select.as_deref(),
        &args.ignore,
        args.min_confidence,
        &known,
    )?;
    let mut thresholds = args.quality.checked()?;
    thresholds.report = options.wants(QUALITY_RULE);
    let auditor = Auditor::new(Linter::new(rules, options), canon, thresholds);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let walk = spinlint::input::Walk {
        follow: args.follow,
        globs: args.globs.clone(),
    };
    let (inputs, problems, total) = inputs::collect(&args.paths, &walk);
    outputs_apart(&args, &inputs)?;
    let n_inputs = inputs.len();
    let stdin_used = args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut run = Run::new(&args, progress_bar(args.quiet, total, stdin_used))?;
    for p in &problems {
        run.problem(p);
    }
    let (tx, rx) = mpsc::sync_channel::<Vec<Unit>>(2);
    let stdin = match args.stdin_format {
        StdinKind::Jsonl => StdinFormat::Jsonl,
        StdinKind::Text => StdinFormat::Text,
    };
    let meter = Arc::new(Meter::default());
    let reader_meter = meter.clone();
    let fields = Fields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
    };
    let reader_fields = fields.clone();
    let reader = std::thread::spawn(move || {
        read_batches(inputs, stdin, &reader_fields, &reader_meter, &tx);
    });
    let with_sig = args.signatures;
    let audit_batch = |batch: Vec<Unit>| -> Vec<Result<(DocResult, Vec<u8>), Problem>> {
        batch
            .into_par_iter()
            .filter_map(|u| match inputs::parse(u, &fields) {
                Ok(Some(doc)) => {
                    let r = auditor.audit(doc);
                    let rec = output::record(&r, with_sig);
                    Some(Ok((r, rec)))
                }
                Ok(None) => None,
                Err(p) => Some(Err(p)),
            })
            .collect()
    };
    // Results of one batch are written while the workers audit the next, so no core waits for
    // the output.
    let mut pending = None;
    for batch in rx {
        let previous = pending.take();
        let (done, written) = pool.install(|| {
            rayon::join(
                || audit_batch(batch),
                || previous.map_or(Ok(()), |p| run.take(p)),
            )
        });
        written?;
        pending = Some(done);
        run.bar.set_position(meter.bytes.load(Ordering::Relaxed));
        run.bar.set_message(format!(
            "{}/{n_inputs} inputs, {} documents",
            meter.inputs.load(Ordering::Relaxed),
            run.summary.documents
        ));
    }
    if let Some(p) = pending {
        run.take(p)?;
    }
    run.bar.set_position(meter.bytes.load(Ordering::Relaxed));
    run.bar.finish_and_clear();
    let _ = reader.join();
    // The compiled rules are large and the process ends soon: skip freeing them.
    std::mem::forget(auditor);
    pool.install(|| run.finish())
}

/// Refuses output files that are inputs of the run, or one another: the output is created
/// (emptied) before the input is read, so the corpus would be lost.
fn outputs_apart(args: &AuditArgs, inputs: &[Input]) -> Result<()> {
    let outputs = [
        ("--write-kept", &args.write_kept),
        ("--write-dropped", &args.write_dropped),
        ("--write-rejected", &args.write_rejected),
    ];
    let outputs: Vec<(&str, PathBuf, &PathBuf)> = outputs
        .into_iter()
        .filter_map(|(flag, p)| p.as_ref().map(|p| (flag, resolved(p), p)))
        .collect();
    for (i, (flag, at, shown)) in outputs.iter().enumerate() {
        if let Some((other, _, _)) = outputs[..i].iter().find(|(_, a, _)| a == at) {
            anyhow::bail!(
                "{other} and {flag} both name {}: give each its own file",
                shown.display()
            );
        }
        let input = inputs.iter().find(|inp| match inp {
            Input::Named(p) | Input::Walked(p) => resolved(p) == *at,
            Input::Stdin => false,
        });
        if input.is_some() {
            anyhow::bail!(
                "{flag} {} is also an input of this audit: writing it would destroy the input",
                shown.display()
            );
        }
    }
    Ok(())
}

/// A path made absolute with its links resolved, as far as it exists (an output file may not yet).
fn resolved(p: &std::path::Path) -> PathBuf {
    if let Ok(full) = p.canonicalize() {
        return full;
    }
    match (p.parent(), p.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                dir
            };
            dir.canonicalize()
                .map_or_else(|_| p.to_path_buf(), |d| d.join(name))
        }
        _ => p.to_path_buf(),
    }
}

fn read_batches(
    inputs: Vec<Input>,
    stdin: StdinFormat,
    fields: &Fields,
    meter: &Arc<Meter>,
    tx: &mpsc::SyncSender<Vec<Unit>>,
) {
    let mut batch = Vec::new();
    let mut bytes = 0;
    inputs::read_inputs(inputs, stdin, fields, meter, |unit| {
        bytes += match &unit {
            Unit::Text { bytes, .. } | Unit::Line { bytes, .. } => bytes.len(),
            Unit::Doc(d) => d.text.len(),
            Unit::Problem(_) => 0,
        };
        batch.push(unit);
        if batch.len() >= BATCH_UNITS || bytes >= BATCH_BYTES {
            bytes = 0;
            return tx.send(std::mem::take(&mut batch)).is_ok();
        }
        true
    });
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

/// Skipped-line warnings shown per input; the rest are counted in one line at the end.
const WARNINGS_PER_INPUT: u64 = 10;

/// What an input with skipped lines gave.
#[derive(Debug, Default)]
struct Tally {
    skipped: u64,
    /// What would read the input, from its first skipped line that had a guess.
    hint: Option<String>,
}

/// State of a run on the writing thread.
struct Run {
    format: AuditFormat,
    top: usize,
    quiet: bool,
    summary: Summary,
    store: Option<SignatureStore>,
    lsh: LshParams,
    out: BufWriter<io::Stdout>,
    spool: Option<Spool>,
    first_record: bool,
    kept: Option<BufWriter<File>>,
    dropped: Option<BufWriter<File>>,
    rejected: Option<BufWriter<File>>,
    /// Per input with skipped lines: what it gave.
    tallies: std::collections::HashMap<Arc<str>, Tally>,
    /// Inputs that gave a document, and the last one that did.
    with_documents: std::collections::HashSet<Arc<str>>,
    last_input: Option<Arc<str>>,
    max_score: f64,
    drop_quality: bool,
    had_error: bool,
    bar: ProgressBar,
}

impl Run {
    fn new(args: &AuditArgs, bar: ProgressBar) -> Result<Run> {
        let create = |p: &Option<PathBuf>| -> Result<Option<BufWriter<File>>> {
            p.as_ref()
                .map(|p| {
                    File::create(p)
                        .map(BufWriter::new)
                        .with_context(|| format!("cannot create {}", p.display()))
                })
                .transpose()
        };
        let cluster = !args.no_cluster;
        let records = args.format != AuditFormat::Human;
        let mut summary = Summary::new(cluster);
        if args.write_kept.is_some() || args.write_dropped.is_some() {
            summary.kept = Some(0);
            summary.dropped = Some(0);
        }
        if args.write_rejected.is_some() {
            summary.rejected = Some(0);
        }
        Ok(Run {
            format: args.format,
            top: args.top,
            quiet: args.quiet,
            summary,
            store: cluster.then(SignatureStore::default),
            lsh: LshParams {
                threshold: f64::from(args.similarity),
                ..LshParams::default()
            },
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
            spool: if cluster && records {
                Some(Spool::create()?)
            } else {
                None
            },
            first_record: true,
            kept: create(&args.write_kept)?,
            dropped: create(&args.write_dropped)?,
            rejected: create(&args.write_rejected)?,
            tallies: Default::default(),
            with_documents: Default::default(),
            last_input: None,
            max_score: args.max_score,
            drop_quality: !args.keep_failing_quality,
            had_error: false,
            bar,
        })
    }

    fn take(&mut self, done: Vec<Result<(DocResult, Vec<u8>), Problem>>) -> Result<()> {
        for item in done {
            match item {
                Ok((r, rec)) => self.document(&r, rec)?,
                Err(p) => {
                    self.reject(&p)?;
                    self.problem(&p);
                }
            }
        }
        Ok(())
    }

    /// Writes a skipped line to `--write-rejected`, as it was read.
    fn reject(&mut self, p: &Problem) -> Result<()> {
        let (Some(w), Some(raw)) = (
            &mut self.rejected,
            p.skip.as_ref().and_then(|s| s.raw.as_ref()),
        ) else {
            return Ok(());
        };
        w.write_all(raw)?;
        w.write_all(b"\n")?;
        *self.summary.rejected.get_or_insert(0) += 1;
        Ok(())
    }

    fn problem(&mut self, p: &Problem) {
        let line = match p.kind {
            ProblemKind::Error => {
                self.had_error = true;
                self.summary.errors += 1;
                format!("error: {p}")
            }
            ProblemKind::Skipped => {
                self.summary.skipped += 1;
                if let Some(skip) = &p.skip {
                    let t = self.tallies.entry(skip.input.clone()).or_default();
                    t.skipped += 1;
                    if t.hint.is_none() {
                        t.hint.clone_from(&skip.hint);
                    }
                    if t.skipped > WARNINGS_PER_INPUT {
                        return;
                    }
                }
                format!("warning: {p}")
            }
            ProblemKind::Note if !self.quiet => format!("note: {p}"),
            ProblemKind::Note => return,
        };
        self.say(&line);
    }

    /// A line on stderr, around the progress bar.
    fn say(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    fn document(&mut self, r: &DocResult, rec: Vec<u8>) -> Result<()> {
        self.summary.add(r, self.top);
        // Documents come in reading order, an input's sharing one path: one insertion per input.
        if !self
            .last_input
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(p, &r.doc.path))
        {
            self.last_input = Some(r.doc.path.clone());
            self.with_documents.insert(r.doc.path.clone());
        }
        if let Some(store) = &mut self.store {
            store.keys.push(DocKey::of(r));
            store.plain.push(&r.plain);
            store.spin.push(&r.spin);
        }
        if let Some(enc) = r.doc.encoding {
            if !self.quiet {
                self.say(&format!("note: {}: decoded from {enc}", r.doc.id));
            }
        }
        self.filter(r)?;
        if self.format == AuditFormat::Human {
            return Ok(());
        }
        match &mut self.spool {
            Some(spool) => spool.write(&rec)?,
            None => {
                write_record(&mut self.out, self.format, &rec, None, self.first_record)?;
                self.first_record = false;
            }
        }
        Ok(())
    }

    fn filter(&mut self, r: &DocResult) -> Result<()> {
        if self.kept.is_none() && self.dropped.is_none() {
            return Ok(());
        }
        let drop = r.score > self.max_score || (self.drop_quality && r.failed_quality());
        let counter = if drop {
            &mut self.summary.dropped
        } else {
            &mut self.summary.kept
        };
        *counter.get_or_insert(0) += 1;
        let Some(w) = (if drop {
            &mut self.dropped
        } else {
            &mut self.kept
        }) else {
            return Ok(());
        };
        match &r.doc.raw {
            Some(raw) => w.write_all(raw)?,
            None => serde_json::to_writer(
                &mut *w,
                &serde_json::json!({"id": r.doc.id, "text": r.doc.text}),
            )?,
        }
        w.write_all(b"\n")?;
        Ok(())
    }

    /// Says how many more lines of each input were skipped than were shown, and makes an input
    /// that gave no document at all an error, with a guess at what would read it.
    fn close_inputs(&mut self) {
        let mut tallies: Vec<_> = std::mem::take(&mut self.tallies).into_iter().collect();
        tallies.sort_by(|a, b| a.0.cmp(&b.0));
        for (input, t) in tallies {
            if t.skipped > WARNINGS_PER_INPUT {
                let more = t.skipped - WARNINGS_PER_INPUT;
                self.say(&format!(
                    "warning: {input}: {more} more {} skipped ({} in all)",
                    if more == 1 { "line" } else { "lines" },
                    t.skipped
                ));
            }
            if !self.with_documents.contains(&input) {
                self.had_error = true;
                self.summary.errors += 1;
                let hint = t.hint.map(|h| format!(": {h}")).unwrap_or_default();
                self.say(&format!(
                    "error: {input}: no document could be read ({} {} skipped){hint}",
                    t.skipped,
                    if t.skipped == 1 { "line" } else { "lines" }
                ));
            }
        }
    }

    fn finish(mut self) -> Result<i32> {
        self.close_inputs();
        let clusters = self.store.take().map(|s| self.cluster(&s));
        self.summary.finish();
        for w in [&mut self.kept, &mut self.dropped, &mut self.rejected]
            .into_iter()
            .flatten()
        {
            w.flush()?;
        }
        if let (Some(spool), Some((of, _, _))) = (self.spool.take(), &clusters) {
            self.first_record = spool.replay(of, &mut self.out, self.format)?;
        }
        if let Some((_, total, list)) = clusters {
            self.summary.cluster_count = total as u64;
            self.summary.clusters = list;
        }
        match self.format {
            AuditFormat::Jsonl => {}
            AuditFormat::Json => {
                if self.first_record {
                    self.out.write_all(b"{\"documents\": [")?;
                }
                self.out.write_all(b"\n], \"summary\": ")?;
                serde_json::to_writer_pretty(&mut self.out, &self.summary)?;
                self.out.write_all(b"}\n")?;
            }
            AuditFormat::Human => spinlint::audit::table::write(&mut self.out, &self.summary)?,
        }
        self.out.flush()?;
        if !self.quiet {
            eprintln!("{}", spinlint::audit::table::closing_line(&self.summary));
        }
        Ok(if self.had_error { 2 } else { 0 })
    }

    fn cluster(&self, s: &SignatureStore) -> (Vec<Option<u32>>, usize, Vec<ClusterOut>) {
        clusters(s, self.lsh, self.top)
    }
}

/// Clusters the stored signatures: the cluster of each document, the number of clusters, and
/// the `top` largest clusters with their members and joining pairs.
pub(super) fn clusters(
    s: &SignatureStore,
    lsh: LshParams,
    top: usize,
) -> (Vec<Option<u32>>, usize, Vec<ClusterOut>) {
    let c = minhash::cluster(&s.spin, lsh.rows, lsh.threshold);
    let mut sizes: Vec<(usize, u32)> = Vec::new();
    for n in c.of.iter().flatten() {
        let k = *n as usize - 1;
        if sizes.len() <= k {
            sizes.resize(k + 1, (0, 0));
        }
        sizes[k] = (sizes[k].0 + 1, *n);
    }
    let total = sizes.len();
    sizes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut slot = vec![usize::MAX; total];
    let mut list: Vec<ClusterOut> = Vec::new();
    for &(_, n) in sizes.iter().take(top) {
        slot[n as usize - 1] = list.len();
        list.push(ClusterOut {
            cluster: n,
            members: Vec::new(),
            pairs: Vec::new(),
        });
    }
    let listed = |doc: u32| {
        c.of[doc as usize]
            .map(|n| slot[n as usize - 1])
            .filter(|&k| k != usize::MAX)
    };
    for (i, key) in s.keys.iter().enumerate() {
        if let Some(k) = listed(i as u32) {
            list[k].members.push(key.clone());
        }
    }
    for &(a, b, spin) in &c.pairs {
        let Some(k) = listed(a) else { continue };
        list[k].pairs.push(PairOut {
            a: s.keys[a as usize].id.clone(),
            b: s.keys[b as usize].id.clone(),
            plain: output::round4(s.plain.similarity(a as usize, b as usize)),
            spin: output::round4(spin),
        });
    }
    (c.of, total, list)
}
