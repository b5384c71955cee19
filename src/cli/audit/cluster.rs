//! `spinlint audit --cluster`: the reduce step of a distributed audit.
//!
//! Mappers run `spinlint audit --format jsonl --no-cluster --signatures` on parts of a corpus;
//! this step reads their records (files or `-`, in order), clusters the signatures exactly as a
//! direct run does, and writes every record again with its `cluster` number, then the summary
//! of the summary (`--format json`: `{"documents": [...], "summary": {...}}`; human: the table),
//! whose totals, worst documents and rule counts are read from the records, so they are those of
//! a direct run. A record without signatures is reported with its file and line and skipped; a
//! run that finds no record at all is an error.

use super::io_out::Spool;
use super::{clusters, AuditArgs, AuditFormat};
use anyhow::{Context, Result};
use spinlint::audit::minhash::{LshParams, Signature};
use spinlint::audit::output::{DocKey, RecordFacts, SignatureStore, Summary};
use spinlint::audit::{inputs, table};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::Path;

/// Runs the cluster step over the records in `args.paths`.
pub(super) fn run(args: &AuditArgs, lsh: LshParams) -> Result<i32> {
    let mut store = SignatureStore::default();
    let mut spool = Spool::create()?;
    let mut had_error = false;
    let mut summary = Summary::new(true);
    for path in &args.paths {
        if let Err(e) = read(path, args.top, &mut store, &mut spool, &mut summary) {
            eprintln!("error: {}: {e}", path.display());
            had_error = true;
        }
    }
    if store.keys.is_empty() && summary.skipped > 0 {
        eprintln!(
            "error: no audit record with signatures in the input: the cluster step reads what \
             `spinlint audit --format jsonl --no-cluster --signatures` writes"
        );
        had_error = true;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let (of, total, list) = pool.install(|| clusters(&store, lsh, args.top));
    summary.cluster_count = total as u64;
    summary.clusters = list;
    summary.finish();
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout());
    let mut first = true;
    if args.format != AuditFormat::Human {
        first = spool.replay(&of, &mut out, args.format)?;
    }
    match args.format {
        AuditFormat::Jsonl => {}
        AuditFormat::Json => {
            if first {
                out.write_all(b"{\"documents\": [")?;
            }
            out.write_all(b"\n], \"summary\": ")?;
            serde_json::to_writer_pretty(&mut out, &summary)?;
            out.write_all(b"}\n")?;
        }
        AuditFormat::Human => table::write(&mut out, &summary)?,
    }
    out.flush()?;
    if !args.quiet {
        eprintln!("{}", table::closing_line(&summary));
    }
    Ok(if had_error { 2 } else { 0 })
}

fn read(
    path: &Path,
    top: usize,
    store: &mut SignatureStore,
    spool: &mut Spool,
    summary: &mut Summary,
) -> io::Result<()> {
    let reader = inputs::open(path)?;
    let mut skipped = 0;
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line?;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            continue;
        }
        match parse(text) {
            Some((facts, plain, spin)) => {
                summary.add_record(&facts, top);
                store.keys.push(facts.key);
                store.plain.push(&plain);
                store.spin.push(&spin);
                spool.write(text.as_bytes()).map_err(io::Error::other)?;
            }
            None => {
                summary.skipped += 1;
                skipped += 1;
                if skipped <= super::WARNINGS_PER_INPUT {
                    eprintln!(
                        "warning: {}:{}: not an audit record with signatures (run the mappers \
                         with --signatures); line skipped",
                        path.display(),
                        i + 1
                    );
                }
            }
        }
    }
    if skipped > super::WARNINGS_PER_INPUT {
        eprintln!(
            "warning: {}: {} more lines skipped ({skipped} in all)",
            path.display(),
            skipped - super::WARNINGS_PER_INPUT
        );
    }
    Ok(())
}

/// The facts of a record and its two signatures; `None` when it is not a record with both.
fn parse(line: &str) -> Option<(RecordFacts, Signature, Signature)> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let sig = |name: &str| -> Option<Signature> {
        let values = v.get("signature")?.get(name)?.as_array()?;
        let list: Option<Vec<u32>> = values
            .iter()
            .map(|x| x.as_u64().and_then(|n| u32::try_from(n).ok()))
            .collect();
        let list = list?;
        (list.len() == spinlint::audit::minhash::HASHES).then(|| Signature(list.into()))
    };
    let (plain, spin) = (sig("plain")?, sig("spin")?);
    let key = DocKey {
        id: v.get("id")?.as_str()?.to_string(),
        path: v.get("path").and_then(|p| p.as_str()).unwrap_or("").into(),
        line: v.get("line").and_then(serde_json::Value::as_u64),
    };
    let counts = v
        .get("counts")
        .and_then(serde_json::Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(rule, n)| Some((rule.as_str().into(), n.as_u64()? as usize)))
                .collect()
        })
        .unwrap_or_default();
    // A `quality` finding's message starts with the statistic's name.
    let failed = v
        .get("findings")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter(|f| f.get("rule").and_then(|r| r.as_str()) == Some(spinlint::audit::QUALITY_RULE))
        .filter_map(|f| {
            f.get("message")?
                .as_str()?
                .split(' ')
                .next()
                .map(String::from)
        })
        .collect();
    let facts = RecordFacts {
        key,
        score: v
            .get("score")
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(0.0),
        words: v
            .get("words")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0) as usize,
        counts,
        failed,
        decoded: v.get("encoding").is_some_and(|e| !e.is_null()),
    };
    Some((facts, plain, spin))
}
