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
    let places: Vec<String> = s.top.iter().map(|r| place(&r.key)).collect();
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
                p.plain,
                p.spin,
                shown(&p.a),
                shown(&p.b)
            )?;
        }
        if c.pairs.len() > PAIRS_SHOWN {
            writeln!(out, "    ... {} more pairs", c.pairs.len() - PAIRS_SHOWN)?;
        }
    }
    Ok(())
}

/// Longest id shown in the table, in characters; longer ones are cut with an ellipsis.
const ID_SHOWN: usize = 60;

/// Where a document is, for the table: its id, and its input and line unless the id says them.
fn place(key: &super::output::DocKey) -> String {
    match key.line {
        Some(l) if key.id != *key.path && key.id != format!("{}:{l}", key.path) => {
            format!("{} ({}:{l})", shown(&key.id), shown(&key.path))
        }
        _ => shown(&key.id),
    }
}

/// Text from the corpus made safe for a terminal: control characters (escape sequences, line
/// breaks) written as escapes, and cut to [`ID_SHOWN`] characters.
fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == ID_SHOWN {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
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
            "; {} {} skipped",
            s.skipped,
            plural(s.skipped as usize, "line")
        ));
    }
    if let (Some(k), Some(d)) = (s.kept, s.dropped) {
        line.push_str(&format!("; kept {k}, dropped {d}"));
    }
    if let Some(r) = s.rejected {
        line.push_str(&format!("; rejected {r}"));
    }
    line
}

/// The one line printed on stderr at the end of a run.
pub fn closing_line(s: &Summary) -> String {
    let findings: usize = s.rules.values().map(|t| t.findings).sum();
    let mut line = format!(
        "audited {} {}",
        s.documents,
        plural(s.documents as usize, "document")
    );
    if s.skipped > 0 {
        line.push_str(&format!(" ({} skipped)", s.skipped));
    }
    line.push_str(&format!(": {findings} {}, ", plural(findings, "finding")));
    if s.clustering {
        line.push_str(&format!(
            "{} {}",
            s.cluster_count,
            plural(s.cluster_count as usize, "cluster")
        ));
    } else {
        line.push_str("no clustering");
    }
    if s.errors > 0 {
        line.push_str(&format!(
            ", {} {}",
            s.errors,
            plural(s.errors as usize, "error")
        ));
    }
    line
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
