//! `spinlint audit` as users meet it: inputs, output shapes, clusters, quality, filtering.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::io::Write;

fn audit() -> Command {
    let mut cmd = Command::cargo_bin("spinlint").expect("binary builds");
    cmd.env_remove("NO_COLOR").arg("audit");
    cmd
}

fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const SPUN: &str = "Nothing will change until we see improvement on the harmony track. The \
    ministers said that they have met with the press and will talk to the people of the region \
    about the future of the talks and the hopes that the two sides have for a lasting peace.";

fn corpus_records() -> Vec<Value> {
    let out = audit()
        .args(["--format", "jsonl", "corpus"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    jsonl(&out)
}

fn by_name<'a>(records: &'a [Value], prefix: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["path"].as_str().expect("path").contains(prefix))
        .expect("document present")
}

#[test]
fn spun_seeds_cluster_together_and_edited_seeds_stay_apart() {
    let recs = corpus_records();
    assert_eq!(recs.len(), 5);
    let c0 = &by_name(&recs, "000_")["cluster"];
    assert!(c0.is_u64(), "000 is in a cluster");
    assert_eq!(&by_name(&recs, "001_")["cluster"], c0);
    for other in ["002_", "003_", "004_"] {
        assert_ne!(
            &by_name(&recs, other)["cluster"],
            c0,
            "{other} joined the cluster"
        );
    }
}

/// Exact Jaccard similarity of the word 3-shingle sets of two seed texts, over the words as
/// written and over the words mapped to their substitution-class representatives.
fn exact_similarities(a: &str, b: &str) -> (f64, f64) {
    use spinlint::audit::{canon::Canon, words::words};
    use std::collections::HashSet;
    let canon = Canon::from_sources(&spinlint::rules::bundled_packs());
    let read = |prefix: &str| -> Vec<String> {
        let path = fs::read_dir("corpus")
            .expect("corpus")
            .map(|e| e.expect("entry").path())
            .find(|p| p.to_string_lossy().contains(prefix))
            .expect("seed present");
        words(&fs::read_to_string(path).expect("seed text"))
    };
    let shingles =
        |ws: &[String]| -> HashSet<Vec<String>> { ws.windows(3).map(<[String]>::to_vec).collect() };
    let jaccard = |x: &HashSet<Vec<String>>, y: &HashSet<Vec<String>>| {
        x.intersection(y).count() as f64 / x.union(y).count() as f64
    };
    let (wa, wb) = (read(a), read(b));
    let spin = |ws: &[String]| -> Vec<String> {
        ws.iter().map(|w| canon.canonical(w).to_string()).collect()
    };
    (
        jaccard(&shingles(&wa), &shingles(&wb)),
        jaccard(&shingles(&spin(&wa)), &shingles(&spin(&wb))),
    )
}

#[test]
fn spin_aware_shingles_of_the_spun_pair_overlap_more_and_estimates_report_both() {
    let (plain, spin) = exact_similarities("000_", "001_");
    assert!(spin > plain, "exact: plain {plain}, spin-aware {spin}");
    let out = audit()
        .args(["--format", "json", "corpus"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("one JSON document");
    let clusters = v["summary"]["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 1);
    assert_eq!(v["summary"]["cluster_count"], 1);
    // 128 positions estimate a similarity near 0.43 with a standard error of about 0.044.
    let pair = &clusters[0]["pairs"][0];
    let estimate = |k: &str| pair[k].as_f64().expect("estimate");
    assert!((estimate("plain") - plain).abs() < 0.1, "{pair} vs {plain}");
    assert!((estimate("spin") - spin).abs() < 0.1, "{pair} vs {spin}");
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
    assert_eq!(v["summary"]["documents"], 5);
}

#[test]
fn human_summary_ranks_spun_seeds_first() {
    let out = audit()
        .arg("corpus")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let ranks: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("corpus/0"))
        .take(2)
        .collect();
    assert!(ranks.iter().any(|l| l.contains("000_")), "{text}");
    assert!(ranks.iter().any(|l| l.contains("001_")), "{text}");
    assert!(text.contains("cluster 1: 2 documents"), "{text}");
    assert!(text.contains("tortured-phrase"), "{text}");
}

#[test]
fn records_have_the_documented_fields() {
    let recs = corpus_records();
    let r = by_name(&recs, "000_");
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut want = [
        "id", "path", "line", "encoding", "words", "score", "evidence", "counts", "stats",
        "findings", "cluster",
    ];
    want.sort_unstable();
    assert_eq!(keys, want);
    assert!(r["score"].as_f64().unwrap() > 0.0);
    assert!(r["counts"]["tortured-phrase"].as_u64().unwrap() > 0);
    let f = &r["findings"][0];
    for field in [
        "rule",
        "span",
        "line",
        "column",
        "text",
        "confidence",
        "pack",
    ] {
        assert!(!f[field].is_null(), "finding field {field}");
    }
    let edited = by_name(&recs, "002_");
    assert!(edited["score"].as_f64() < r["score"].as_f64());
    assert!(edited["counts"]["tortured-phrase"].is_null());
    assert_eq!(edited["evidence"]["findings"], 0.0);
    assert!(edited["evidence"]["unseen-pairs"].is_number());
    assert!(edited["evidence"]["weak-association"].is_number());
}

#[test]
fn jsonl_documents_come_with_ids_lines_and_a_skipped_malformed_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.jsonl");
    let body = format!(
        "{}\n{{\"id\": \"b\", \"text\": \n\n{}\n",
        serde_json::json!({"id": "a", "text": SPUN}),
        serde_json::json!({"id": 3, "text": "Plain words here."})
    );
    fs::write(&path, body).unwrap();
    let out = audit()
        .args(["--format", "jsonl"])
        .arg(&path)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("c.jsonl:2: malformed JSON"))
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(
        (recs[0]["id"].as_str(), recs[0]["line"].as_u64()),
        (Some("a"), Some(1))
    );
    assert_eq!(
        (recs[1]["id"].as_str(), recs[1]["line"].as_u64()),
        (Some("3"), Some(4))
    );
    let f = &recs[0]["findings"][0];
    assert_eq!(f["text"], "harmony track");
    let start = f["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&SPUN[start..start + 13], "harmony track");
}

#[test]
fn lone_surrogate_escapes_read_as_replacement_characters() {
    // As Python's `json.dumps` writes text decoded with `surrogateescape`; the second line has a
    // nested value, so it takes the general JSON reader.
    let input = concat!(
        r#"{"id": "a", "text": "Caf\udce9: nothing changes until we see improvement on the harmony track."}"#,
        "\n",
        r#"{"id": "b", "meta": {"k": [1]}, "text": "\ud83d Nothing changes until we see improvement on the harmony track."}"#,
        "\n",
    );
    let out = audit()
        .args(["--format", "jsonl", "-"])
        .write_stdin(input)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("malformed").not())
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 2);
    let texts = [
        "Caf\u{fffd}: nothing changes until we see improvement on the harmony track.",
        "\u{fffd} Nothing changes until we see improvement on the harmony track.",
    ];
    for (r, text) in recs.iter().zip(texts) {
        let findings = r["findings"].as_array().expect("findings");
        let f = (findings.iter().find(|f| f["text"] == "harmony track"))
            .unwrap_or_else(|| panic!("harmony track in {r}"));
        let start = f["span"]["start"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..start + 13], "harmony track");
        // The lost character itself is reported where it now stands.
        let lost = (findings.iter().find(|f| f["rule"] == "replacement-char"))
            .unwrap_or_else(|| panic!("replacement-char in {r}"));
        let at = lost["span"]["start"].as_u64().unwrap() as usize;
        let end = lost["span"]["end"].as_u64().unwrap() as usize;
        assert!(text[at..end].contains('\u{fffd}'), "{lost}");
    }
}

#[test]
fn custom_fields_and_missing_text_field() {
    let input = "{\"doc\": \"x1\", \"body\": \"Peace on the harmony track.\"}\n{\"doc\": \"x2\"}\n";
    let out = audit()
        .args([
            "--format",
            "jsonl",
            "--text-field",
            "body",
            "--id-field",
            "doc",
            "-",
        ])
        .write_stdin(input)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "<stdin>:2: no string field `body`",
        ))
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "x1");
    assert_eq!(recs[0]["path"], "<stdin>");
}

#[test]
fn stdin_as_plain_text() {
    let out = audit()
        .args(["--format", "jsonl", "--stdin-format", "text", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["counts"]["tortured-phrase"], 1);
}

fn two_docs() -> String {
    format!(
        "{}\n{}\n",
        serde_json::json!({"id": "a", "text": SPUN}),
        serde_json::json!({"id": "b", "text": "Quiet words."})
    )
}

#[test]
fn gzip_and_zstd_corpora() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("c.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(two_docs().as_bytes()).unwrap();
    fs::write(&gz, enc.finish().unwrap()).unwrap();
    let zst = dir.path().join("c.jsonl.zst");
    fs::write(&zst, zstd::encode_all(two_docs().as_bytes(), 3).unwrap()).unwrap();
    let txt = dir.path().join("t.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(SPUN.as_bytes()).unwrap();
    fs::write(&txt, enc.finish().unwrap()).unwrap();
    for (p, n) in [(&gz, 2), (&zst, 2), (&txt, 1)] {
        let out = audit()
            .args(["--format", "jsonl"])
            .arg(p)
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let recs = jsonl(&out);
        assert_eq!(recs.len(), n, "{}", p.display());
        assert_eq!(recs[0]["counts"]["tortured-phrase"], 1, "{}", p.display());
    }
}

#[test]
fn legacy_charset_is_decoded_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    let mut bytes = b"Le caf\xe9 \xe9tait ferm\xe9. ".to_vec();
    bytes.extend_from_slice(b"Nothing will change until we see improvement on the harmony track.");
    fs::write(&p, &bytes).unwrap();
    let out = audit()
        .args(["--format", "jsonl"])
        .arg(&p)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("decoded from windows-1252"))
        .get_output()
        .stdout
        .clone();
    let r = &jsonl(&out)[0];
    assert_eq!(r["encoding"], "windows-1252");
    let f = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "tortured-phrase")
        .unwrap();
    // Offsets count bytes of the decoded UTF-8 text: each é is two bytes there.
    let decoded = String::from_utf8_lossy(&bytes).replace('\u{fffd}', "é");
    let start = f["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&decoded[start..start + 13], "harmony track");
}

#[test]
fn short_documents_get_quality_findings() {
    let out = audit()
        .args(["--format", "jsonl", "--stdin-format", "text", "-"])
        .write_stdin("x y z")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let r = &jsonl(&out)[0];
    let messages: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "quality")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"words 3 is below the minimum 50"),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("mean_word_length 1 ")),
        "{messages:?}"
    );
    assert_eq!(r["counts"]["quality"], messages.len());
    // Thresholds are flags.
    let out = audit()
        .args([
            "--format",
            "jsonl",
            "--stdin-format",
            "text",
            "--min-words",
            "2",
        ])
        .args(["--min-mean-word-length", "0", "--min-stop-words", "0"])
        .args(["--min-punctuated-lines", "0", "-"])
        .write_stdin("x y z")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(jsonl(&out)[0]["counts"], serde_json::json!({}));
}

#[test]
fn top_limits_the_ranking() {
    let out = audit()
        .args(["--format", "json", "--top", "1", "corpus"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let top = v["summary"]["top"].as_array().unwrap();
    assert_eq!(top.len(), 1);
    assert!(top[0]["id"].as_str().unwrap().contains("000_"));
}

#[test]
fn kept_and_dropped_files_split_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let (kept, dropped) = (
        dir.path().join("kept.jsonl"),
        dir.path().join("dropped.jsonl"),
    );
    let body = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "spun", "text": SPUN}),
        serde_json::json!({"id": "clean", "text": SPUN.replace("harmony", "peace")})
    );
    audit()
        .args([
            "--format",
            "jsonl",
            "--keep-failing-quality",
            "-",
            "--write-kept",
        ])
        .arg(&kept)
        .arg("--write-dropped")
        .arg(&dropped)
        .write_stdin(body.clone())
        .assert()
        .code(0);
    let lines = body.lines().collect::<Vec<_>>();
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        format!("{}\n", lines[1])
    );
    assert_eq!(
        fs::read_to_string(&dropped).unwrap(),
        format!("{}\n", lines[0])
    );
}

#[test]
fn missing_inputs_are_errors_but_the_rest_is_audited() {
    let out = audit()
        .args([
            "--format",
            "jsonl",
            "no-such-file.jsonl",
            "corpus/004_4bbd317e59388d95.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no-such-file.jsonl: no such file or directory",
        ))
        .get_output()
        .stdout
        .clone();
    assert_eq!(jsonl(&out).len(), 1);
}

#[test]
fn no_cluster_streams_records_without_cluster_numbers() {
    let out = audit()
        .args([
            "--format",
            "jsonl",
            "--no-cluster",
            "--signatures",
            "corpus",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 5);
    assert!(recs.iter().all(|r| r["cluster"].is_null()));
    assert_eq!(recs[0]["signature"]["spin"].as_array().unwrap().len(), 128);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_rows_are_documents() {
    use parquet::data_type::{ByteArray, ByteArrayType};
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.parquet");
    let schema = "message doc { required binary id (UTF8); optional binary text (UTF8); \
                  required int32 n; }";
    let schema = Arc::new(parse_message_type(schema).unwrap());
    let mut w =
        SerializedFileWriter::new(fs::File::create(&path).unwrap(), schema, Default::default())
            .unwrap();
    let mut rg = w.next_row_group().unwrap();
    let ids: Vec<ByteArray> = ["p1", "p2", "p3"]
        .iter()
        .map(|s| ByteArray::from(*s))
        .collect();
    let texts: Vec<ByteArray> = [SPUN, "Quiet words."]
        .iter()
        .map(|s| ByteArray::from(*s))
        .collect();
    let mut col = rg.next_column().unwrap().unwrap();
    col.typed::<ByteArrayType>()
        .write_batch(&ids, None, None)
        .unwrap();
    col.close().unwrap();
    let mut col = rg.next_column().unwrap().unwrap();
    // The third row's text is null.
    col.typed::<ByteArrayType>()
        .write_batch(&texts, Some(&[1, 1, 0]), None)
        .unwrap();
    col.close().unwrap();
    let mut col = rg.next_column().unwrap().unwrap();
    col.typed::<parquet::data_type::Int32Type>()
        .write_batch(&[1, 2, 3], None, None)
        .unwrap();
    col.close().unwrap();
    rg.close().unwrap();
    w.close().unwrap();

    let out = audit()
        .args(["--format", "jsonl"])
        .arg(&path)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "c.parquet: row 3: no text in column `text`",
        ))
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(
        (recs[0]["id"].as_str(), recs[0]["line"].as_u64()),
        (Some("p1"), Some(1))
    );
    assert_eq!(recs[0]["counts"]["tortured-phrase"], 1);
    assert_eq!(recs[1]["id"], "p2");
    // A missing text column is an error for that file.
    audit()
        .args(["--format", "jsonl", "--text-field", "body"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("c.parquet: no column `body`"));
}

#[test]
fn cluster_step_over_mapper_output_equals_a_direct_run() {
    let direct = jsonl(
        &audit()
            .args(["--format", "jsonl", "corpus"])
            .assert()
            .code(0)
            .get_output()
            .stdout,
    );
    let dir = tempfile::tempdir().unwrap();
    let map = |files: &[&str], out: &std::path::Path| {
        let mut cmd = audit();
        cmd.args(["--format", "jsonl", "--no-cluster", "--signatures"]);
        for f in files {
            cmd.arg(format!("corpus/{f}"));
        }
        let stdout = cmd.assert().code(0).get_output().stdout.clone();
        fs::write(out, stdout).unwrap();
    };
    let (a, b) = (
        dir.path().join("part-0.jsonl"),
        dir.path().join("part-1.jsonl"),
    );
    map(
        &["000_dc75caec1d2c0076.txt", "001_1cb1e3202df0fe09.txt"],
        &a,
    );
    map(
        &[
            "002_9ccef687f09b7d79.txt",
            "003_ed5a135d6ad044a9.txt",
            "004_4bbd317e59388d95.txt",
        ],
        &b,
    );
    let mut bad = fs::read_to_string(&b).unwrap();
    bad.push_str("{\"id\": \"no-signature\"}\n");
    fs::write(&b, bad).unwrap();
    let out = audit()
        .args(["--cluster", "--format", "jsonl"])
        .arg(&a)
        .arg(&b)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "part-1.jsonl:4: not an audit record with signatures",
        ))
        .get_output()
        .stdout
        .clone();
    let mut reduced = jsonl(&out);
    for r in &mut reduced {
        r.as_object_mut().unwrap().remove("signature");
    }
    assert_eq!(reduced, direct);
    // The summary of the reduce step is the direct run's: totals, worst documents, rules.
    let summary = |cmd: &mut Command| -> Value {
        let out = cmd.assert().code(0).get_output().stdout.clone();
        serde_json::from_slice::<Value>(&out).unwrap()["summary"].clone()
    };
    let reduced = summary(
        audit()
            .args(["--cluster", "--format", "json"])
            .arg(&a)
            .arg(&b),
    );
    let direct = summary(audit().args(["--format", "json", "corpus"]));
    for field in ["documents", "words", "rules", "quality", "top", "clusters"] {
        assert_eq!(reduced[field], direct[field], "{field}");
    }
    // The records' scores are rounded to four decimals, so their mean may differ in the last.
    let mean = |s: &Value| s["mean_score"].as_f64().unwrap();
    assert!((mean(&reduced) - mean(&direct)).abs() < 1e-3);
    assert!(direct["rules"]["tortured-phrase"]["findings"].as_u64() > Some(0));
}

#[test]
fn quality_findings_can_be_ignored_and_unknown_ids_are_refused() {
    let out = audit()
        .args([
            "--format",
            "jsonl",
            "--stdin-format",
            "text",
            "--ignore",
            "quality",
            "-",
        ])
        .write_stdin("x y z")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let r = &jsonl(&out)[0];
    assert_eq!(r["counts"], serde_json::json!({}));
    assert_eq!(r["stats"]["words"], 3);
    audit()
        .args(["--ignore", "qualty", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule id `qualty`"));
}

#[test]
fn markdown_and_html_files_are_audited_on_their_prose() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = "# Talks\n\nNothing will change until we see improvement on the harmony track.\n\n\
              ```\nharmony track in a code block is not prose\n```\n";
    let html = "<html><body><p>Nothing will change until we see improvement on the \
                <b>harmony track</b>.</p><script>var harmony_track = 1;</script></body></html>";
    fs::write(dir.path().join("a.md"), md).expect("write");
    fs::write(dir.path().join("b.html"), html).expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(md.as_bytes()).expect("gzip");
    fs::write(dir.path().join("c.md.gz"), gz.finish().expect("gzip")).expect("write");
    let out = audit()
        .args(["--format", "jsonl", "--no-cluster"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let records = jsonl(&out);
    assert_eq!(records.len(), 3);
    for (name, text) in [("a.md", md), ("b.html", html), ("c.md.gz", md)] {
        let r = by_name(&records, name);
        let phrases: Vec<(usize, usize)> = r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "tortured-phrase")
            .map(|f| {
                let span = &f["span"];
                (
                    span["start"].as_u64().unwrap() as usize,
                    span["end"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        // One finding, in the prose, pointing at the file's own bytes; the code is not read.
        assert_eq!(phrases.len(), 1, "{name}: {r}");
        let (start, end) = phrases[0];
        assert_eq!(&text[start..end], "harmony track", "{name}");
        // Statistics count the prose, not the markup.
        assert!(r["words"].as_u64().unwrap() < 14, "{name}: {}", r["words"]);
    }
}

/// A record's findings are written as `check --format jsonl` writes them, field for field and in
/// the same order (audit has its own writer for speed; this keeps the two in step).
#[test]
fn findings_in_records_are_what_check_writes() {
    let mut check = Command::cargo_bin("spinlint").expect("binary builds");
    let out = check
        .args(["check", "--format", "jsonl", "corpus"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let from_check: Vec<String> = String::from_utf8_lossy(&out)
        .lines()
        .map(str::to_string)
        .collect();
    assert!(from_check.len() > 10, "the corpus has findings");
    let mut from_audit = Vec::new();
    for rec in corpus_records() {
        for f in rec["findings"].as_array().expect("findings") {
            // `quality` findings are audit's own.
            if f["rule"] != "quality" {
                from_audit.push(serde_json::to_string(f).expect("finding"));
            }
        }
    }
    let reparse = |lines: &[String]| -> Vec<String> {
        let mut v: Vec<String> = lines
            .iter()
            .map(|l| {
                let value: Value = serde_json::from_str(l).expect("JSON");
                serde_json::to_string(&value).expect("finding")
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(reparse(&from_audit), reparse(&from_check));
    // Field order too: the first finding's keys, as written.
    let first_key_order = |line: &str| -> Vec<String> {
        let mut keys = Vec::new();
        let mut rest = line;
        while let Some(at) = rest.find("\":") {
            let key_start = rest[..at].rfind('"').map_or(0, |i| i + 1);
            keys.push(rest[key_start..at].to_string());
            rest = &rest[at + 2..];
            if keys.len() == 13 {
                break;
            }
        }
        keys
    };
    let audit_out = audit()
        .args(["--format", "jsonl", "corpus"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&audit_out);
    let line = text
        .lines()
        .find(|l| l.contains("\"findings\":[{"))
        .expect("a record with findings");
    let finding = &line[line.find("\"findings\":[").expect("findings") + 12..];
    assert_eq!(first_key_order(finding), first_key_order(&from_check[0]));
}

#[test]
fn outputs_that_would_overwrite_an_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let body = format!("{}\n", serde_json::json!({"id": "a", "text": SPUN}));
    fs::write(&corpus, &body).unwrap();
    audit()
        .arg(&corpus)
        .arg("--write-kept")
        .arg(dir.path().join(".").join("corpus.jsonl"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is also an input of this audit"));
    assert_eq!(fs::read_to_string(&corpus).unwrap(), body);
    let out = dir.path().join("out.jsonl");
    audit()
        .arg(&corpus)
        .arg("--write-kept")
        .arg(&out)
        .arg("--write-dropped")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("both name"));
    assert!(!out.exists());
}

#[test]
fn byte_order_marks_and_utf16_jsonl() {
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "a", "text": SPUN}),
        serde_json::json!({"id": "b", "text": "Un café crème, s'il vous plaît."})
    );
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend(lines.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(lines.encode_utf16().flat_map(u16::to_le_bytes));
    for (input, encoding) in [(utf8, Value::Null), (utf16, Value::from("UTF-16LE"))] {
        let out = audit()
            .args(["--format", "jsonl", "--no-cluster", "-"])
            .write_stdin(input)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("skipped").not())
            .get_output()
            .stdout
            .clone();
        let recs = jsonl(&out);
        assert_eq!(recs.len(), 2, "{encoding}");
        assert_eq!(recs[0]["id"], "a");
        assert_eq!(recs[1]["encoding"], encoding);
        let f = &recs[0]["findings"].as_array().unwrap()[0];
        let start = f["span"]["start"].as_u64().unwrap() as usize;
        assert_eq!(&SPUN[start..start + 13], "harmony track");
    }
}

#[test]
fn utf8_with_a_stray_byte_stays_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    let mut bytes = "Le café était fermé à cause de la grève. "
        .repeat(3)
        .into_bytes();
    bytes.extend(b"Un na\xefve r\xc3\xa9sum\xc3\xa9.");
    fs::write(&path, bytes).unwrap();
    let out = audit()
        .args(["--format", "jsonl", "--no-cluster"])
        .arg(&path)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let rec = &jsonl(&out)[0];
    assert_eq!(rec["encoding"], "UTF-8 (invalid bytes replaced)");
    assert_eq!(rec["counts"]["replacement-char"], 1);
    assert!(rec["counts"].get("mojibake").is_none(), "{rec}");
}

#[test]
fn rejected_lines_and_an_input_that_gives_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    let good = serde_json::json!({"id": "a", "text": SPUN}).to_string();
    let bad: Vec<String> = (0..12)
        .map(|i| format!("{{\"id\": {i}, \"text\": "))
        .collect();
    fs::write(&corpus, format!("{good}\n{}\n", bad.join("\n"))).unwrap();
    let (kept, dropped, rejected) = (
        dir.path().join("k.jsonl"),
        dir.path().join("d.jsonl"),
        dir.path().join("r.jsonl"),
    );
    audit()
        .args(["--no-cluster", "--keep-failing-quality"])
        .arg(&corpus)
        .arg("--write-kept")
        .arg(&kept)
        .arg("--write-dropped")
        .arg(&dropped)
        .arg("--write-rejected")
        .arg(&rejected)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("c.jsonl:11: malformed JSON"))
        .stderr(predicate::str::contains("c.jsonl:12:").not())
        .stderr(predicate::str::contains("2 more lines skipped (12 in all)"))
        .stderr(predicate::str::contains("audited 1 document (12 skipped)"));
    let lines = |p: &std::path::Path| fs::read_to_string(p).unwrap().lines().count();
    assert_eq!(lines(&kept) + lines(&dropped), 1);
    assert_eq!(
        fs::read_to_string(&rejected).unwrap(),
        format!("{}\n", bad.join("\n"))
    );
    // No line read: an error that names the fields there are.
    audit()
        .arg(&corpus)
        .args(["--text-field", "body"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no document could be read (13 lines skipped): its lines have the fields `id`, `text`",
        ));
    // Plain text on stdin, read as JSONL.
    audit()
        .arg("-")
        .write_stdin("Nothing changes on the harmony track.\nSo it goes.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--stdin-format text"));
}

#[test]
fn thresholds_are_checked() {
    for args in [
        &["--max-score", "nan"][..],
        &["--max-duplicated-lines", "5"],
        &["--min-words", "200", "--max-words", "100"],
    ] {
        audit().args(args).arg("corpus").assert().code(2);
    }
}
