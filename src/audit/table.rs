//! The human summary of an audit: worst documents, rules, quality failures and clusters.

use super::output::Summary;
use std::io::{self, Write};

/// Writes the ranked summary table.
pub fn write(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    writeln!(out, "{}", headline(s))?;
    if !s.top.is_empty() {
        write_top(out, s)?;
    }
    if !s.rules.is_empty() {
        writeln!(out, "\nrules")?;
        let mut rules: Vec<_> = s.rules.iter().collect();
        rules.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
        for (rule, t) in rules {
            writeln!(
                out,
                "  {rule:<24} {:>8} {} in {} {}",
                t.findings,
                plural(t.findings, "finding"),
                t.documents,
                plural(t.documents, "document")
            )?;
        }
    }
    if !s.quality.is_empty() {
        writeln!(out, "\nquality statistics outside their thresholds")?;
        for (stat, n) in &s.quality {
            writeln!(
                out,
                "  {stat:<28} {n:>8} {}",
                plural(*n as usize, "document")
            )?;
        }
    }
    write_clusters(out, s)
}

/// Rules named per document in the table, the most frequent first.
const RULES_SHOWN: usize = 3;

fn write_top(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    writeln!(
        out,
        "\nworst documents (score: weighted evidence per 1,000 words)"
    )?;
    let places: Vec<String> = s
        .top
        .iter()
        .map(|r| match r.key.line {
            Some(l) if r.key.id != r.key.path.as_ref() => {
                format!("{} ({}:{l})", r.key.id, r.key.path)
            }
            _ => r.key.id.clone(),
        })
        .collect();
    let width = places
        .iter()
        .map(|p| p.chars().count())
        .max()
        .unwrap_or(0)
        .min(60);
    writeln!(
        out,
        "{:>5} {:>8} {:>7}  {:<width$}  findings",
        "rank", "score", "words", "document"
    )?;
    for (i, (r, place)) in s.top.iter().zip(&places).enumerate() {
        let mut counts: Vec<_> = r.counts.iter().collect();
        counts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut findings: Vec<String> = counts
            .iter()
            .take(RULES_SHOWN)
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        if counts.len() > RULES_SHOWN {
            findings.push(format!("{} more rules", counts.len() - RULES_SHOWN));
        }
        let line = format!(
            "{:>5} {:>8.2} {:>7}  {place:<width$}  {}",
            i + 1,
            r.score,
            r.words,
            findings.join(", ")
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Joining pairs shown per cluster in the table (JSON lists them all).
const PAIRS_SHOWN: usize = 10;

fn write_clusters(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    if s.cluster_count == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "\nclusters of near-duplicates: {} in all{} (estimated similarity: plain / spin-aware)",
        s.cluster_count,
        if (s.clusters.len() as u64) < s.cluster_count {
            format!(", the {} largest listed", s.clusters.len())
        } else {
            String::new()
        }
    )?;
    for c in &s.clusters {
        writeln!(
            out,
            "  cluster {}: {} documents",
            c.cluster,
            c.members.len()
        )?;
        for p in c.pairs.iter().take(PAIRS_SHOWN) {
            writeln!(
                out,
                "    {:.2} / {:.2}  {}  ~  {}",
                p.plain, p.spin, p.a, p.b
            )?;
        }
        if c.pairs.len() > PAIRS_SHOWN {
            writeln!(out, "    ... {} more pairs", c.pairs.len() - PAIRS_SHOWN)?;
        }
    }
    Ok(())
}

fn headline(s: &Summary) -> String {
    let mut line = format!(
        "audited {} {}, {} words; mean score {:.2}",
        s.documents,
        plural(s.documents as usize, "document"),
        s.words,
        s.mean_score
    );
    if s.decoded > 0 {
        line.push_str(&format!("; {} decoded from a legacy charset", s.decoded));
    }
    if s.skipped > 0 {
        line.push_str(&format!(
            "; {} malformed {} skipped",
            s.skipped,
            plural(s.skipped as usize, "line")
        ));
    }
    if let (Some(k), Some(d)) = (s.kept, s.dropped) {
        line.push_str(&format!("; kept {k}, dropped {d}"));
    }
    line
}

/// The one line printed on stderr at the end of a run.
pub fn closing_line(s: &Summary) -> String {
    let findings: usize = s.rules.values().map(|t| t.findings).sum();
    format!(
        "audited {} {}: {} {}, {} {}{}",
        s.documents,
        plural(s.documents as usize, "document"),
        findings,
        plural(findings, "finding"),
        s.cluster_count,
        plural(s.cluster_count as usize, "cluster"),
        if s.errors > 0 {
            format!(", {} {}", s.errors, plural(s.errors as usize, "error"))
        } else {
            String::new()
        }
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
