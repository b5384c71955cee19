//! Developer tooling for spinlint: `cargo xtask eval --data DIR` measures the bundled (or given)
//! rule packs on outside data, in process, with the definitions of the project's external scorer:
//!
//! - (a) PPS fingerprints: recall in neutral carrier sentences, both with the full tables and
//!   leaving each fold of expected phrases out of every table the packs are built from;
//! - (b) real spinner output: recall over all and over damaging ("tortured") substitutions, and
//!   the share of findings that land on a substitution;
//! - (c) false alarms per 10,000 words on clean news;
//! - (d) the seed corpus: every named artifact found, nothing on the edited seeds.
//!
//! The data folder is always an argument; nothing here assumes where it lives.
//!
//! `cargo xtask pgo [TRAINING...]` builds a spinlint binary with profile-guided optimisation.

mod data;
mod eval;
mod gen_lm;
mod gen_science;
mod pgo;
mod sphinx_lm;
mod yaml_out;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "xtask", about = "spinlint developer tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure the rule packs on the data sets in DIR (the shared data folder).
    Eval(EvalArgs),
    /// Regenerate a generated pack from its sources (or, with --check, verify the committed one).
    Gen(GenArgs),
    /// Build a spinlint binary optimised with a profile of its run on TRAINING inputs (PGO);
    /// prints its path.
    Pgo(pgo::PgoArgs),
}

/// Options of `gen`.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// What to generate: `science` (rules/generated/science.yaml) or `english-bigrams`
    /// (rules/generated/english-bigrams.bin).
    pub pack: String,
    /// The data folder holding pps-tortured-phrases/ (for `science`).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The CMU Sphinx US English model (Debian pocketsphinx-en-us), for `english-bigrams`.
    #[arg(
        long,
        default_value = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
    )]
    pub model: PathBuf,
    /// The LibreOffice thesaurus (Debian mythes-en-us).
    #[arg(long, default_value = "/usr/share/mythes/th_en_US_v2.dat")]
    pub thesaurus: PathBuf,
    /// wordsegment's bigrams.txt (default: found through python3).
    #[arg(long)]
    pub bigrams: Option<PathBuf>,
    /// Compare with the committed pack instead of writing it; exit 1 when they differ.
    #[arg(long)]
    pub check: bool,
}

/// Options of `eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The data folder (holding spinner-wpas/, news-clean/, pps-tortured-phrases/).
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// Which split to read.
    #[arg(long, default_value = "dev")]
    pub split: String,
    /// Sections to run, comma-separated: pps, wpas, clean, seeds, calibration, documents.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "pps,wpas,clean,seeds,calibration,documents"
    )]
    pub only: Vec<String>,
    /// Extra rule-pack directory, as `check --rules`.
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Number of folds for leave-fingerprints-out recall.
    #[arg(long, default_value_t = 5)]
    pub folds: u64,
    /// Count only findings at or above this confidence (default: `check`'s default).
    #[arg(long, default_value_t = spinlint::DEFAULT_MIN_CONFIDENCE)]
    pub min_confidence: f32,
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Eval(args) => eval::run(&args),
        Command::Gen(args) => gen(&args),
        Command::Pgo(args) => pgo::run(&args),
    }
}

fn gen(args: &GenArgs) -> Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (name, bytes) = match args.pack.as_str() {
        "science" => (
            "rules/generated/science.yaml",
            gen_science_pack(args)?.into_bytes(),
        ),
        "english-bigrams" => (
            "rules/generated/english-bigrams.bin",
            gen_lm::generate(&args.model)?,
        ),
        other => anyhow::bail!("unknown generated file `{other}` (science, english-bigrams)"),
    };
    let target = root.join(name);
    if args.check {
        let committed = std::fs::read(&target)?;
        anyhow::ensure!(
            committed == bytes,
            "{name} differs from what the generator produces; run `cargo xtask gen {}`",
            args.pack
        );
        println!("{name} is up to date");
    } else {
        std::fs::write(&target, bytes)?;
        println!("wrote {name}");
    }
    Ok(())
}

fn gen_science_pack(args: &GenArgs) -> Result<String> {
    let Some(data) = &args.data else {
        anyhow::bail!("`gen science` needs --data DIR (the folder holding pps-tortured-phrases/)");
    };
    let bigrams = match &args.bigrams {
        Some(p) => p.clone(),
        None => wordsegment_bigrams()?,
    };
    let pps = data.join("pps-tortured-phrases/tortured_phrases_dev.tsv");
    let res = gen_science::Resources {
        pps: &pps,
        bigrams: &bigrams,
        thesaurus: &args.thesaurus,
    };
    gen_science::generate(&res)
}

/// Where the installed wordsegment package keeps its bigram counts.
pub(crate) fn wordsegment_bigrams() -> Result<PathBuf> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import os, wordsegment; print(os.path.dirname(wordsegment.__file__))",
        ])
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "wordsegment is not installed (pip install wordsegment==1.3.1)"
    );
    let dir = String::from_utf8(out.stdout)?;
    Ok(PathBuf::from(dir.trim()).join("bigrams.txt"))
}
