//! `spinlint audit --cluster`: the reduce step of a distributed audit.
//!
//! Mappers run `spinlint audit --format jsonl --no-cluster --signatures` on parts of a corpus;
//! this step reads their records (files or `-`, in order), clusters the signatures exactly as a
//! direct run does, and writes every record again with its `cluster` number, then the summary
//! of the clusters (`--format json`: `{"documents": [...], "summary": {...}}`; human: the
//! cluster table). A record without signatures is reported with its file and line and skipped.

use super::io_out::Spool;
use super::{clusters, AuditArgs, AuditFormat};
use anyhow::{Context, Result};
use spinlint::audit::minhash::{LshParams, Signature};
use spinlint::audit::output::{DocKey, SignatureStore, Summary};
use spinlint::audit::{inputs, table};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::Path;

/// Runs the cluster step over the records in `args.paths`.
pub(super) fn run(args: &AuditArgs, lsh: LshParams) -> Result<i32> {
    let mut store = SignatureStore::default();
    let mut spool = Spool::create()?;
    let mut had_error = false;
    let mut summary = Summary::default();
    for path in &args.paths {
        if let Err(e) = read(path, &mut store, &mut spool, &mut summary) {
            eprintln!("error: {}: {e}", path.display());
            had_error = true;
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let (of, total, list) = pool.install(|| clusters(&store, lsh, args.top));
    summary.documents = store.keys.len() as u64;
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
    store: &mut SignatureStore,
    spool: &mut Spool,
    summary: &mut Summary,
) -> io::Result<()> {
    let reader = inputs::open(path)?;
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line?;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            continue;
        }
        match parse(text) {
            Some((key, plain, spin, words)) => {
                summary.words += words;
                store.keys.push(key);
                store.plain.push(&plain);
                store.spin.push(&spin);
                spool.write(text.as_bytes()).map_err(io::Error::other)?;
            }
            None => {
                summary.skipped += 1;
                eprintln!(
                    "warning: {}:{}: not an audit record with signatures (run the mappers with \
                     --signatures); line skipped",
                    path.display(),
                    i + 1
                );
            }
        }
    }
    Ok(())
}

fn parse(line: &str) -> Option<(DocKey, Signature, Signature, u64)> {
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
    let key = DocKey {
        id: v.get("id")?.as_str()?.to_string(),
        path: v.get("path").and_then(|p| p.as_str()).unwrap_or("").into(),
        line: v.get("line").and_then(serde_json::Value::as_u64),
    };
    let words = v
        .get("words")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    Some((key, sig("plain")?, sig("spin")?, words))
}
