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

mod data;
mod eval;

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
    /// Sections to run, comma-separated: pps, wpas, clean, seeds.
    #[arg(long, value_delimiter = ',', default_value = "pps,wpas,clean,seeds")]
    pub only: Vec<String>,
    /// Extra rule-pack directory, as `check --rules`.
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Number of folds for leave-fingerprints-out recall.
    #[arg(long, default_value_t = 5)]
    pub folds: u64,
    /// Count only findings at or above this confidence.
    #[arg(long, default_value_t = 0.0)]
    pub min_confidence: f32,
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Eval(args) => eval::run(&args),
    }
}
