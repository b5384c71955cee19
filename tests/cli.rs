//! The command line as users meet it: exit codes, error messages, output shapes.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn spinlint() -> Command {
    let mut cmd = Command::cargo_bin("spinlint").expect("binary builds");
    cmd.env_remove("NO_COLOR").arg("--color=never");
    cmd
}

fn cmd() -> Command {
    Command::cargo_bin("spinlint").expect("binary builds")
}

const SPUN: &str = "Nothing will change until we see improvement on the harmony track.\n";

#[test]
fn findings_exit_1_and_clean_text_exits_0() {
    cmd()
        .args(["check", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(1);
    cmd()
        .args(["check", "-"])
        .write_stdin("We hope for progress on the peace track.\n")
        .assert()
        .code(0);
}

#[test]
fn fail_on_never_and_error_change_the_exit_code_only() {
    for level in ["never", "error"] {
        cmd()
            .args(["check", "--fail-on", level, "-"])
            .write_stdin(SPUN)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("harmony track"));
    }
}

#[test]
fn human_output_underlines_and_suggests() {
    let _ = spinlint;
    cmd()
        .args(["check", "--color", "never", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "warning[tortured-phrase]: \"harmony track\" looks like a spun form of \"peace track\"",
        ))
        .stdout(predicate::str::contains("┌─ <stdin>:1:53"))
        .stdout(predicate::str::contains("= help: write \"peace track\""))
        .stderr(predicate::str::contains(
            "checked 1 file: 0 errors, 1 warning, 0 infos",
        ));
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let out = cmd()
        .args(["check", "--format", "json", "-"])
        .write_stdin(SPUN)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let f = &v.as_array().expect("an array")[0];
    let keys: Vec<&str> = f
        .as_object()
        .expect("object")
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut expected = vec![
        "path",
        "rule",
        "severity",
        "message",
        "span",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "suggestion",
        "confidence",
        "pack",
    ];
    expected.sort();
    let mut got = keys.clone();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(f["path"], "<stdin>");
    assert_eq!(f["text"], "harmony track");
    assert_eq!(f["suggestion"], "peace track");
    assert_eq!(f["line"], 1);
    assert_eq!(f["column"], 53);
    assert_eq!(f["end_column"], 66);
    let (s, e) = (
        f["span"]["start"].as_u64().unwrap(),
        f["span"]["end"].as_u64().unwrap(),
    );
    assert_eq!(&SPUN[s as usize..e as usize], "harmony track");
}

#[test]
fn jsonl_prints_one_object_per_line_and_empty_json_is_an_empty_array() {
    let out = cmd()
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin(format!("{SPUN}\nThunder offensive, again.\n"))
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(text.lines().count(), 2, "{text}");
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each line is JSON");
    }
    cmd()
        .args(["check", "--format", "json", "-"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn missing_file_is_an_error_but_other_files_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("spun.txt");
    fs::write(&good, SPUN).expect("write");
    cmd()
        .args(["check", "--format", "jsonl", "no/such/file.txt"])
        .arg(&good)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no/such/file.txt: no such file or directory",
        ))
        .stdout(predicate::str::contains("harmony track"));
}

#[test]
fn invalid_utf8_names_the_file_and_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("latin1.txt");
    fs::write(&bad, b"caf\xe9 society\n").expect("write");
    cmd()
        .arg("check")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "latin1.txt: invalid UTF-8 at byte 3 (line 1)",
        ));
}

#[test]
fn binary_named_is_an_error_walked_is_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = dir.path().join("image.png");
    fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    fs::write(dir.path().join("clean.txt"), "Plain words.\n").expect("write");
    cmd()
        .arg("check")
        .arg(&bin)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("image.png: binary file"));
    cmd()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("note:").and(predicate::str::contains("image.png")));
}

#[test]
fn empty_file_is_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").expect("write");
    cmd().arg("check").arg(&empty).assert().code(0);
}

#[test]
fn malformed_pack_points_at_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("house.yaml"),
        "pack: house\ndescription: d\nsource: s\ntables:\n  - rule: tortured-phrase\n    name: t\n    kind: phrases\n    phrases:\n      a b: c d\n    alow: [x y]\n",
    )
    .expect("write");
    cmd()
        .args(["check", "--color", "never", "--rules"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("text")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error[pack]: tables[0]: unknown field `alow`",
        ))
        .stderr(predicate::str::contains("house.yaml:10:5"));
}

#[test]
fn unknown_rule_id_suggests_the_closest() {
    cmd()
        .args(["check", "--select", "tortured-phrases", "-"])
        .write_stdin("text")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule id `tortured-phrases` in --select (did you mean `tortured-phrase`?)",
        ));
}

#[test]
fn ignore_drops_the_rule() {
    cmd()
        .args(["check", "--ignore", "tortured-phrase", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(0);
}

#[test]
fn min_confidence_filters_findings() {
    cmd()
        .args(["check", "--min-confidence", "1", "--format", "json", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn speculative_findings_are_hidden_by_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("hunch.yaml"),
        "pack: hunch\ndescription: Guesses.\nsource: Test.\ntables:\n  - rule: tortured-phrase\n    name: hunches\n    kind: phrases\n    confidence: 0.3\n    phrases:\n      glad tidings: good news\n",
    )
    .expect("write");
    let run = |extra: &[&str]| {
        let mut c = cmd();
        c.args([
            "check", "--packs", "general", "--format", "jsonl", "--rules",
        ])
        .arg(dir.path())
        .args(extra)
        .arg("-")
        .write_stdin("They brought glad tidings.\n");
        c.assert()
    };
    // Below the default threshold: not reported, exit 0.
    run(&[]).code(0).stdout("");
    // Asked for: reported with its confidence.
    run(&["--min-confidence", "0"])
        .code(1)
        .stdout(predicate::str::contains("\"confidence\":0.3"));
}

#[test]
fn unknown_pack_is_an_error() {
    cmd()
        .args(["check", "--packs", "genral", "-"])
        .write_stdin("text")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown pack `genral` (did you mean `general`?)",
        ));
}

#[test]
fn rules_lists_and_explain_documents() {
    cmd().arg("rules").assert().code(0).stdout(
        predicate::str::contains("tortured-phrase").and(predicate::str::contains("news-politics")),
    );
    cmd()
        .args(["explain", "tortured-phrase"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("Why it matters")
                .and(predicate::str::contains("--ignore tortured-phrase")),
        );
    cmd()
        .args(["explain", "toritured-phrase"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `tortured-phrase`?"));
}

/// Runs `check --format FORMAT -` on many findings, reads a little of the output and closes it.
fn close_pipe_early(format: &str) -> std::process::Output {
    // Far more output than a pipe holds.
    let big = SPUN.repeat(2_000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("spinlint"))
        .args(["check", "--no-config", "--format", format, "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    {
        use std::io::{Read, Write};
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(big.as_bytes()).expect("write stdin");
        drop(stdin);
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
    }
    child.wait_with_output().expect("exits")
}

#[test]
fn closed_pipe_ends_quietly_and_keeps_the_exit_code() {
    for format in ["human", "json", "jsonl", "sarif", "github"] {
        let out = close_pipe_early(format);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{format}: {stderr}"
        );
        // The findings fail the gate whether or not anyone read them all.
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
    }
}

#[test]
fn large_packs_are_cached_and_no_cache_leaves_no_trace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let packs = dir.path().join("packs");
    fs::create_dir(&packs).expect("mkdir");
    let mut yaml = String::from(
        "pack: big\ndescription: d\nsource: generated for the test\ntables:\n  - rule: tortured-phrase\n    name: many\n    kind: phrases\n    phrases:\n",
    );
    for i in 0..40_000 {
        yaml.push_str(&format!(
            "      \"spunword{i} variant{i}\": \"original{i} phrase{i}\"\n"
        ));
    }
    fs::write(packs.join("big.yaml"), yaml).expect("write pack");
    let cache = dir.path().join("cache");
    let run = |extra: &[&str]| {
        cmd()
            .env("SPINLINT_CACHE_DIR", &cache)
            .args(["check", "--format", "jsonl", "--rules"])
            .arg(&packs)
            .args(extra)
            .arg("-")
            .write_stdin("A spunword7 variant7 here, and the harmony track.\n")
            .output()
            .expect("runs")
    };
    let no_cache = run(&["--no-cache"]);
    assert!(!cache.exists(), "--no-cache wrote a cache");
    let first = run(&[]);
    let entries = fs::read_dir(&cache).expect("cache written").count();
    assert_eq!(entries, 1);
    let second = run(&[]);
    assert_eq!(first.stdout, no_cache.stdout);
    assert_eq!(second.stdout, first.stdout);
    let out = String::from_utf8(second.stdout).expect("UTF-8");
    assert!(
        out.contains("\"original7 phrase7\"") && out.contains("\"peace track\""),
        "{out}"
    );
}

#[test]
fn findings_are_ordered_by_path_whatever_the_argument_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::write(&a, SPUN).expect("write");
    fs::write(&b, SPUN).expect("write");
    let out = cmd()
        .args(["check", "--format", "jsonl"])
        .arg(&b)
        .arg(&a)
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let paths: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON")["path"].to_string())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(paths[0].ends_with("a.txt\""), "{paths:?}");
}

#[test]
fn engine_checks_are_listed_explained_and_selectable() {
    cmd().arg("rules").assert().code(0).stdout(
        predicate::str::contains("quote-placement")
            .and(predicate::str::contains("hygiene"))
            .and(predicate::str::contains("demonym-drift")),
    );
    cmd()
        .args(["explain", "name-drift"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("news-politics/demonym-drift")
                .and(predicate::str::contains("hygiene/name-drift")),
        );
    let text = "Another staple of the the firm's business is foreign foreign money.\n";
    cmd()
        .args([
            "check",
            "--format",
            "jsonl",
            "--select",
            "repeated-word",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"rule\":\"repeated-word\"").count(2));
    cmd()
        .args(["check", "--ignore", "repeated-word", "-"])
        .write_stdin(text)
        .assert()
        .code(0);
}

#[test]
fn a_run_with_no_rules_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("spinlint.yaml"),
        "packs: [hygiene]\ndisable-packs: [hygiene]\n",
    )
    .expect("write");
    fs::write(dir.path().join("a.txt"), SPUN).expect("write");
    cmd()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no rules to check with: spinlint.yaml turns off every bundled pack",
        ));
}

const HOUSE: &str = "pack: house\ndescription: x\nsource: x\ntables:\n  - rule: house-fingerprint\n    name: fp\n    kind: phrases\n    phrases:\n      profound learning: deep learning\n    examples:\n      fire: [\"We use profound learning.\"]\n      silent: [\"We use deep learning.\"]\n";

/// A project whose `spinlint.yaml` adds the rule directory `house`, holding `pack`.
fn house_project(pack: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("house")).expect("write");
    fs::write(dir.path().join("house/house.yaml"), pack).expect("write");
    fs::write(dir.path().join("spinlint.yaml"), "rules: [house]\n").expect("write");
    dir
}

#[test]
fn rules_and_explain_read_the_configuration() {
    let dir = house_project(HOUSE);
    cmd()
        .current_dir(dir.path())
        .args(["explain", "house-fingerprint"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("house/fp"));
    cmd()
        .current_dir(dir.path())
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("house-fingerprint"));
    cmd()
        .current_dir(dir.path())
        .args(["explain", "--no-config", "house-fingerprint"])
        .assert()
        .code(2);
}

#[test]
fn rules_lists_every_rule_id_in_the_formats_it_prints() {
    let out = cmd()
        .args(["rules", "--no-config", "--format", "jsonl"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object per line"))
        .collect();
    let ids: std::collections::BTreeSet<&str> =
        rows.iter().filter_map(|r| r["rule"].as_str()).collect();
    for id in spinlint::docs::RULES.iter().map(|d| d.id) {
        assert!(ids.contains(id), "{id} missing from `spinlint rules`");
    }
    let built_in = rows
        .iter()
        .find(|r| r["rule"] == "unused-suppression")
        .expect("listed");
    assert_eq!(built_in["kind"], "built-in");
    assert!(built_in["pack"].is_null());
    for format in ["sarif", "github"] {
        cmd()
            .args(["rules", "--format", format])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("prints as human, json or jsonl"));
    }
}

#[test]
fn rules_test_runs_the_examples_of_house_packs() {
    let dir = house_project(HOUSE);
    cmd()
        .current_dir(dir.path())
        .args(["rules", "--test"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(" 0 failed"));
    let failing = HOUSE.replace(
        "[\"We use deep learning.\"]",
        "[\"We use deep learning.\", \"Profound learning again.\"]",
    );
    let dir = house_project(&failing);
    cmd()
        .current_dir(dir.path())
        .args(["rules", "--test"])
        .assert()
        .code(1)
        .stdout(format!(
            "{}:12: house/fp: should be silent: \"Profound learning again.\"\n",
            std::path::Path::new(".")
                .join("house")
                .join("house.yaml")
                .display()
        ));
}
