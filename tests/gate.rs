//! The CI gate end to end through the binary: configuration, suppressions, SARIF and GitHub
//! output, Markdown and HTML input, `--fix`/`--diff`, baselines.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("spinlint").expect("binary builds");
    c.current_dir(dir).env_remove("NO_COLOR");
    c
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON")
}

/// (rule, text) of every finding in JSON output.
fn found(out: &[u8]) -> Vec<(String, String)> {
    json(out)
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            let rule = f["rule"].as_str().unwrap_or_default().to_string();
            (rule, f["text"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

const SPUN: &str = "Nothing will change until we see improvement on the harmony track.\n";
const SEED: &str = include_str!("../corpus/000_dc75caec1d2c0076.txt");

#[test]
fn misspelt_config_key_is_an_error_with_position_and_suggestion() {
    let dir = tmp();
    fs::write(
        dir.path().join("spinlint.yaml"),
        "fail-on: error\nselct: [x]\n",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), SPUN).unwrap();
    cmd(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error[config]: unknown field `selct`",
        ))
        .stderr(predicate::str::contains("(did you mean `select`?)"))
        .stderr(predicate::str::contains("┌─ spinlint.yaml:2:1"));
}

#[test]
fn misspelt_rule_id_in_config_points_at_it() {
    let dir = tmp();
    let sub = dir.path().join("docs");
    fs::create_dir(&sub).unwrap();
    fs::write(
        dir.path().join("spinlint.yaml"),
        "severity:\n  tortured-phrse: error\n",
    )
    .unwrap();
    // Found from a subdirectory: the nearest parent holds it.
    cmd(&sub)
        .args(["check", "--color", "never", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule id `tortured-phrse` (did you mean `tortured-phrase`?)",
        ))
        .stderr(predicate::str::contains("spinlint.yaml:2:3"));
    cmd(dir.path()).args(["config", "--show"]).assert().code(2);
}

#[test]
fn config_settings_apply_and_flags_override_them() {
    let dir = tmp();
    let config = "severity: {tortured-phrase: error}\nfail-on: error\n\
                  allow: [thunder offensive]\nexclude: [archive]\n\
                  per-path-ignores: {'press/*.txt': [tortured-phrase]}\n";
    fs::write(dir.path().join("spinlint.yaml"), config).unwrap();
    for sub in ["archive", "press", "news"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        let text = format!("{SPUN}A thunder offensive began.\n");
        fs::write(dir.path().join(sub).join("a.txt"), text).unwrap();
    }
    let out = cmd(dir.path())
        .args(["check", "--format", "json", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1, "{v:#}");
    assert_eq!(list[0]["path"], "./news/a.txt");
    assert_eq!(list[0]["severity"], "error");
    cmd(dir.path())
        .args(["check", "--fail-on", "never", "news"])
        .assert()
        .code(0);
    cmd(dir.path())
        .args(["check", "--no-config", "--format", "json", "news"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("thunder offensive"))
        .stdout(predicate::str::contains("\"severity\": \"warning\"").not());
    cmd(dir.path())
        .args(["config", "--show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# configuration: spinlint.yaml"))
        .stdout(predicate::str::contains("tortured-phrase: error"))
        .stdout(predicate::str::contains("# min-confidence: 0.5 (default)"));
}

#[test]
fn explicit_config_file_and_bad_values() {
    let dir = tmp();
    fs::write(dir.path().join("ci.yaml"), "min-confidence: 1.5\n").unwrap();
    cmd(dir.path())
        .args(["check", "--config", "ci.yaml", "--color", "never", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("confidence 1.5 is outside [0, 1]"))
        .stderr(predicate::str::contains("ci.yaml:1:17"));
}

#[test]
fn suppressions_silence_findings_and_unused_ones_are_reported() {
    let dir = tmp();
    let text = "<!-- spinlint-disable-next-line tortured-phrase -->\n\
                Talks on the harmony track stalled.\n\
                spinlint-disable-next-line tortured-phrase\n\
                A quiet line.\n\
                A thunder offensive began.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--format", "json", "a.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let rules: Vec<(&str, &str, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let line = f["line"].as_u64().unwrap();
            (
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                line,
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("unused-suppression", "info", 3),
            ("tortured-phrase", "warning", 5)
        ]
    );
    let unused = &v[0];
    assert_eq!(unused["column"], 28);
    // A whole-file suppression with no rule silences everything.
    fs::write(
        dir.path().join("b.txt"),
        format!("{SPUN}<!-- spinlint-disable-file -->\n"),
    )
    .unwrap();
    cmd(dir.path()).args(["check", "b.txt"]).assert().code(0);
    // A region, closed again.
    let region =
        format!("spinlint-disable tortured-phrase\n{SPUN}spinlint-enable tortured-phrase\n{SPUN}");
    fs::write(dir.path().join("c.txt"), region).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--format", "json", "c.txt"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["line"], 4);
}

#[test]
fn markdown_code_is_not_prose_and_spans_point_into_the_file() {
    let dir = tmp();
    let md = "---\ntitle: the harmony track\n---\n# Peace *talks*\n\n\
              Talks on the **harmony** track stalled, O’Brian said.\n\n\
              ```text\nTalks on the harmony track.\n```\n\n\
              Use `harmony track` or see <https://example.org/harmony-track>.\n\n\
              - A thunder offensive began.\n";
    fs::write(dir.path().join("notes.md"), md).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--format", "json", "notes.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2, "{v:#}");
    let (s, e) = (
        list[0]["span"]["start"].as_u64().unwrap() as usize,
        list[0]["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&md[s..e], "harmony** track");
    assert_eq!(list[0]["line"], 6);
    assert_eq!(list[0]["column"], 16);
    assert_eq!(list[1]["text"], "thunder offensive");
    // The same text on stdin is read as Markdown when named so.
    let out = cmd(dir.path())
        .args(["check", "--format", "json", "--stdin-filename", "x.md", "-"])
        .write_stdin(md)
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["path"], "x.md");
    // Only the fix whose span is a verbatim copy of the file is applied; markup stays intact.
    cmd(dir.path())
        .args(["check", "--fix", "--quiet", "notes.md"])
        .assert()
        .code(1);
    let fixed = fs::read_to_string(dir.path().join("notes.md")).unwrap();
    assert_eq!(
        fixed,
        md.replace("- A thunder offensive", "- A lightning offensive")
    );
}

#[test]
fn html_keeps_visible_text_only() {
    let dir = tmp();
    let page = "<!DOCTYPE html>\n<html><head><title>News</title>\n\
                <script>var s = \"the harmony track\";</script>\n\
                <style>.harmony-track { color: red }</style></head>\n\
                <body><p title=\"the harmony track\">Talks on the harmony&nbsp;track, said O&rsquo;Brian.</p>\n\
                <!-- <p>a thunder offensive</p> -->\n</body></html>\n";
    fs::write(dir.path().join("page.html"), page).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--format", "json", "page.html"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1, "{v:#}");
    let (s, e) = (
        list[0]["span"]["start"].as_u64().unwrap() as usize,
        list[0]["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&page[s..e], "harmony&nbsp;track");
    assert_eq!(list[0]["line"], 5);
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json"))
        .expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

#[test]
fn sarif_is_valid_and_fingerprints_survive_line_shifts() {
    let dir = tmp();
    let text = "Ünïcödé: the harmony track.\nA thunder offensive.\n";
    fs::write(dir.path().join("a b.txt"), text).unwrap();
    let run = || {
        let out = cmd(dir.path())
            .args(["check", "--format", "sarif", "a b.txt"])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        json(&out)
    };
    let log = run();
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "unused-suppression"));
    let r = &run0["results"][0];
    assert_eq!(r["ruleId"], "tortured-phrase");
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
        (Some(14), Some(27))
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a%20b.txt"
    );
    assert_eq!(
        rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "tortured-phrase"
    );
    assert!(
        r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
            == "peace track"
    );
    let fp = r["partialFingerprints"].clone();
    fs::write(
        dir.path().join("a b.txt"),
        format!("New first line.\n\n{text}"),
    )
    .unwrap();
    let shifted = run();
    let r2 = &shifted["runs"][0]["results"][0];
    assert_eq!(
        r2["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert_eq!(r2["partialFingerprints"], fp);
}

#[test]
fn empty_sarif_is_valid_too() {
    let dir = tmp();
    let out = cmd(dir.path())
        .args(["check", "--format", "sarif", "-"])
        .write_stdin("Clean text.\n")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let log = json(&out);
    assert!(sarif_validator().is_valid(&log));
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn github_annotations_escape_what_github_reads() {
    let dir = tmp();
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).unwrap();
    let pack = "pack: house\ndescription: d\nsource: s\ntables:\n  - rule: tortured-phrase\n    \
                name: fingerprints\n    kind: phrases\n    phrases:\n      per centum rise: \"100% rise, sharp\"\n";
    fs::write(rules.join("house.yaml"), pack).unwrap();
    fs::write(dir.path().join("odd,name:1.txt"), "A per centum rise.\n").unwrap();
    cmd(dir.path())
        .args([
            "check", "--packs", "general", "--rules", "rules", "--format", "github",
        ])
        .arg("odd,name:1.txt")
        .assert()
        .code(1)
        .stdout(
            "::warning file=odd%2Cname%3A1.txt,line=1,col=3,endLine=1,endColumn=18,\
             title=spinlint tortured-phrase::\"per centum rise\" is a known tortured form of \
             \"100%25 rise, sharp\"; write \"100%25 rise, sharp\"\n",
        );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = tmp();
    fs::write(dir.path().join("seed.txt"), SEED).unwrap();
    cmd(dir.path())
        .args(["check", "--statistics", "seed.txt"])
        .assert()
        .code(1)
        .stdout(
            "     10  tortured-phrase          7 fixable\n      4  name-drift               0 fixable\n      3  quote-placement          0 fixable\n      1  broken-hyphen            1 fixable\n      1  embed-residue            0 fixable\n",
        );
    let out = cmd(dir.path())
        .args(["check", "--statistics", "--format", "json", "seed.txt"])
        .output()
        .unwrap();
    assert_eq!(json(&out.stdout)[0]["count"], 10);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .expect("file exists")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn fix_applies_safe_suggestions_once_and_diff_matches() {
    let dir = tmp();
    let seed = dir.path().join("seed.txt");
    let clean = dir.path().join("clean.txt");
    fs::write(&seed, SEED).unwrap();
    fs::write(&clean, "Nothing to fix here.\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&seed, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let clean_mtime = fs::metadata(&clean).unwrap().modified().unwrap();
    let diff = cmd(dir.path())
        .args(["check", "--diff", "seed.txt", "clean.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "would fix 8 findings in 1 file; 9 remain",
        ))
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(diff).unwrap();
    assert!(
        diff.starts_with("--- a/seed.txt\n+++ b/seed.txt\n"),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(&seed).unwrap(),
        SEED,
        "--diff writes nothing"
    );
    cmd(dir.path())
        .args([
            "check",
            "--fix",
            "--color",
            "never",
            "seed.txt",
            "clean.txt",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "fixed 8 findings in 1 file; 9 remain",
        ))
        .stdout(predicate::str::contains("Cultural Iranian"));
    let fixed = fs::read_to_string(&seed).unwrap();
    assert!(fixed.contains("improvement on the peace track"));
    assert!(!fixed.contains("harmony track"));
    // The diff printed before is exactly the change made.
    for line in diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
    {
        assert!(fixed.contains(&line[1..]), "{line}");
    }
    for line in diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
    {
        assert!(!fixed.contains(&line[1..]), "{line}");
    }
    #[cfg(unix)]
    assert_eq!(mode(&seed), 0o640);
    assert_eq!(
        fs::metadata(&clean).unwrap().modified().unwrap(),
        clean_mtime
    );
    // Fixing again changes nothing.
    cmd(dir.path())
        .args(["check", "--fix", "seed.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "fixed 0 findings in 0 files; 9 remain",
        ));
    assert_eq!(fs::read_to_string(&seed).unwrap(), fixed);
    cmd(dir.path())
        .args(["check", "--diff", "seed.txt"])
        .assert()
        .stdout("");
    // What remains is below the bar: the exit code follows what remains.
    cmd(dir.path())
        .args(["check", "--fix", "--fail-on", "error", "seed.txt"])
        .assert()
        .code(0);
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let dir = tmp();
    let spun = "Talks on the harmony track stalled after the thunder offensive.\n";
    cmd(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(spun)
        .assert()
        .code(0)
        .stdout("Talks on the peace track stalled after the lightning offensive.\n");
}

#[test]
fn a_lone_spun_expression_is_shown_but_not_fixed() {
    // One match in an otherwise ordinary text may be ordinary English ("a vocal harmony track"):
    // the repair is offered, not applied.
    let dir = tmp();
    cmd(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(1)
        .stdout(SPUN);
    cmd(dir.path())
        .args(["check", "-"])
        .write_stdin(SPUN)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("help: write \"peace track\""))
        .stdout(predicate::str::contains("leaves it to you"));
}

#[test]
fn baseline_hides_old_findings_but_shows_new_ones() {
    let dir = tmp();
    let doc = dir.path().join("doc.txt");
    fs::write(&doc, SEED).unwrap();
    cmd(dir.path())
        .args([
            "check",
            "--baseline",
            "base.json",
            "--write-baseline",
            "doc.txt",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "recorded 19 findings in base.json",
        ));
    cmd(dir.path())
        .args(["check", "--baseline", "base.json", "doc.txt"])
        .assert()
        .code(0)
        .stdout("");
    let edited =
        format!("An editor's note.\n\nAnother line.\n\n{SEED}\n\nA thunder offensive began.\n");
    fs::write(&doc, edited).unwrap();
    let out = cmd(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "doc.txt",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "19 findings recorded in the baseline not shown",
        ))
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        found(&out),
        [(
            "tortured-phrase".to_string(),
            "thunder offensive".to_string()
        )]
    );
    fs::write(dir.path().join("bad.json"), "{}").unwrap();
    cmd(dir.path())
        .args(["check", "--baseline", "bad.json", "doc.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "baseline bad.json: not a spinlint baseline",
        ));
}

#[test]
fn baseline_from_config_and_own_files_are_not_checked() {
    let dir = tmp();
    fs::write(dir.path().join("doc.txt"), SEED).unwrap();
    fs::write(
        dir.path().join("spinlint.yaml"),
        "baseline: base.json\n# quoted here, not prose: harmony track\n",
    )
    .unwrap();
    cmd(dir.path())
        .args(["check", "--write-baseline", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "recorded 19 findings in ./base.json",
        ));
    cmd(dir.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn baseline_from_config_works_from_any_directory() {
    let dir = tmp();
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(docs.join("a.txt"), SEED).unwrap();
    fs::write(dir.path().join("spinlint.yaml"), "baseline: base.json\n").unwrap();
    cmd(dir.path())
        .args(["check", "--write-baseline", "docs"])
        .assert()
        .code(0);
    let base = fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(base.contains("\"path\": \"docs/a.txt\""), "{base}");
    // From the root, from inside docs/, and with an absolute path: nothing new.
    let abs = docs.join("a.txt").display().to_string();
    for (cwd, arg) in [
        (dir.path(), "docs"),
        (&*docs, "."),
        (&*docs, "a.txt"),
        (&*docs, &*abs),
    ] {
        cmd(cwd)
            .args(["check", arg])
            .assert()
            .code(0)
            .stdout("")
            .stderr(predicate::str::contains(
                "19 findings recorded in the baseline not shown",
            ));
    }
    // A baseline that matches nothing says so.
    fs::write(
        dir.path().join("base.json"),
        base.replace("docs/a.txt", "docs/old.txt"),
    )
    .unwrap();
    cmd(dir.path())
        .args(["check", "docs"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "note: none of the 19 findings recorded in ./base.json matched this run",
        ));
    // A baseline written by an earlier version, relative to where it ran, still matches.
    fs::write(
        dir.path().join("base.json"),
        base.replace("docs/a.txt", "a.txt"),
    )
    .unwrap();
    cmd(&docs)
        .args(["check", "a.txt"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_missing_baseline_points_at_the_config_and_says_how_to_create_it() {
    let dir = tmp();
    fs::write(dir.path().join("a.txt"), SPUN).unwrap();
    fs::write(dir.path().join("spinlint.yaml"), "baseline: nosuch.json\n").unwrap();
    let out = cmd(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(
        err.contains("does not exist; create it with --write-baseline"),
        "{err}"
    );
    assert!(err.contains("┌─ spinlint.yaml:1:11"), "{err}");
    assert_eq!(err.matches("No such file").count(), 0, "{err}");
    cmd(dir.path())
        .args(["check", "--no-config", "--baseline", "gone.json", "a.txt"])
        .assert()
        .code(2)
        .stderr("error: baseline gone.json does not exist; create it with --write-baseline\n");
}

#[test]
fn select_on_the_command_line_wins_over_ignore_in_the_config() {
    let dir = tmp();
    fs::write(
        dir.path().join("spinlint.yaml"),
        "ignore: [repeated-word, tortured-phrase]\n",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), "We saw the the harmony track.\n").unwrap();
    let rules = |args: &[&str]| {
        let out = cmd(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .arg("a.txt")
            .output()
            .unwrap();
        found(&out.stdout)
            .into_iter()
            .map(|(r, _)| r)
            .collect::<Vec<_>>()
    };
    assert!(rules(&[]).is_empty());
    assert_eq!(rules(&["--select", "repeated-word"]), ["repeated-word"]);
    // `--ignore` adds to the file's list; the file's list still applies.
    assert!(rules(&["--ignore", "name-drift"]).is_empty());
}

#[test]
fn json_text_is_the_input_bytes_at_the_span() {
    let dir = tmp();
    let files = [
        (
            "crlf.txt",
            "The Harmony\r\ntrack stalled, the\r\nthe talks.\r\n",
        ),
        ("a.md", "Talks on the **harmony** track stalled.\n"),
        (
            "a.html",
            "<p>Talks on the harmony&nbsp;track stalled.</p>\n",
        ),
    ];
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
        let out = cmd(dir.path())
            .args(["check", "--no-config", "--format", "json", name])
            .output()
            .unwrap();
        let v = json(&out.stdout);
        let list = v.as_array().unwrap();
        assert!(!list.is_empty(), "{name}");
        for f in list {
            let (start, end) = (
                f["span"]["start"].as_u64().unwrap() as usize,
                f["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(f["text"], text[start..end], "{name}: {f}");
        }
    }
}

#[test]
fn fix_on_stdin_reports_what_remains_on_stderr() {
    let dir = tmp();
    let text = "Talks on the harmony track stalled after the thunder offensive, the the talks. \
                O’Brien and O’Brian met.\n";
    cmd(dir.path())
        .args(["check", "--color", "never", "--fix", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(
            text.replace("harmony", "peace")
                .replace("thunder", "lightning"),
        )
        .stderr(predicate::str::contains("warning[repeated-word]"))
        .stderr(predicate::str::contains("┌─ <stdin>:1:"))
        .stderr(predicate::str::contains("warning[tortured-phrase]").not());
}

#[test]
fn diff_headers_apply_and_diff_refuses_other_formats() {
    let dir = tmp();
    let spun = "Talks on the harmony track stalled after the thunder offensive.\n";
    fs::write(dir.path().join("a.txt"), spun).unwrap();
    cmd(dir.path())
        .args(["check", "--diff", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("--- a/a.txt\n+++ b/a.txt\n"));
    for format in ["json", "sarif"] {
        cmd(dir.path())
            .args(["check", "--diff", "--format", format, "."])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("--diff prints a unified diff"));
    }
}

#[test]
fn a_misnamed_config_file_is_noted() {
    let dir = tmp();
    fs::write(dir.path().join("spinlint.yml"), "select: [name-drift]\n").unwrap();
    fs::write(dir.path().join("a.txt"), SPUN).unwrap();
    cmd(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "note: found spinlint.yml; the configuration file is named spinlint.yaml",
        ));
}

#[test]
fn sarif_records_errors_as_an_unsuccessful_invocation() {
    let dir = tmp();
    fs::write(dir.path().join("a.txt"), SPUN).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--format", "sarif", "a.txt", "nosuch.txt"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let log = json(&out);
    assert!(sarif_validator().is_valid(&log), "{log:#}");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(note["message"]["text"]
        .as_str()
        .unwrap()
        .contains("nosuch.txt"));
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
    let out = cmd(dir.path())
        .args(["check", "--format", "sarif", "a.txt"])
        .output()
        .unwrap();
    let log = json(&out.stdout);
    assert!(sarif_validator().is_valid(&log));
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}
