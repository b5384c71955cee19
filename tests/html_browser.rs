//! The HTML report in a real browser: `spinlint check --format html corpus/` opened from a file in
//! headless Chromium by `tests/browser/report.mjs` (playwright-core), which reports what it saw
//! as JSON; this test checks that against the corpus files and `--format json`.
//!
//! It needs Node.js, npm and Chromium (`/usr/bin/chromium`, or `CHROMIUM`), so it runs only when
//! `SPINLINT_TEST_BROWSER=1` is set (as `.ci/run` does after installing them) and passes with a
//! note otherwise. playwright-core is installed with `npm ci` in `tests/browser` when missing.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn spinlint(format: &str) -> Vec<u8> {
    let out = Command::new(assert_cmd::cargo::cargo_bin("spinlint"))
        .args(["check", "--no-config", "--format", format, "corpus/"])
        .current_dir(root())
        .output()
        .expect("spinlint runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn install_playwright() {
    let dir = root().join("tests/browser");
    if dir.join("node_modules/playwright-core").is_dir() {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .status()
        .expect("npm runs");
    assert!(status.success(), "npm ci in tests/browser failed");
}

/// What the browser saw, from `report.mjs`.
fn browse(report: &Path, shot: &Path) -> Value {
    let out = Command::new("node")
        .arg(root().join("tests/browser/report.mjs"))
        .arg(report)
        .arg(shot)
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "report.mjs failed:\n{stderr}");
    serde_json::from_slice(&out.stdout).expect("report.mjs prints JSON")
}

fn num(v: &Value) -> usize {
    v.as_u64().expect("a count") as usize
}

#[test]
fn report_works_in_chromium() {
    if std::env::var_os("SPINLINT_TEST_BROWSER").is_none_or(|v| v != "1") {
        // Straight to stderr, past the test harness's capture, so the skip shows.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: set SPINLINT_TEST_BROWSER=1 to open the HTML report in Chromium \
             (needs node, npm and /usr/bin/chromium)"
        );
        return;
    }
    install_playwright();
    let dir = tempfile::tempdir().expect("temporary directory");
    let report = dir.path().join("report.html");
    std::fs::write(&report, spinlint("html")).expect("write report");
    let findings: Vec<Value> = serde_json::from_slice(&spinlint("json")).expect("json findings");
    let shot = dir.path().join("report.png");
    let seen = browse(&report, &shot);

    let requests: Vec<&str> = seen["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!requests.is_empty(), "the page was never requested");
    assert!(
        requests.iter().all(|u| u.starts_with("file:")),
        "network requests: {requests:?}"
    );
    assert_eq!(seen["errors"], Value::Array(vec![]), "console errors");
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "screenshot"
    );
    assert_eq!(
        seen["screenshot"]["tipVisible"], true,
        "tooltip in screenshot"
    );

    check_marks(&seen["marks"], &findings);
    check_filters(&seen["filters"]);
    check_focus(&seen, &findings);
    check_print(&seen["print"]);
}

/// Every mark holds exactly the bytes it names, and the marks are the findings of `--format json`.
fn check_marks(marks: &Value, findings: &[Value]) {
    let marks = marks.as_array().expect("marks");
    let mut texts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for m in marks {
        let path = m["path"].as_str().expect("mark in a file section");
        let bytes = texts
            .entry(path.to_string())
            .or_insert_with(|| std::fs::read(root().join(path)).expect("corpus file"));
        let (start, end) = (num(&m["start"]), num(&m["end"]));
        let original = std::str::from_utf8(&bytes[start..end]).expect("span on char boundaries");
        assert_eq!(m["text"].as_str(), Some(original), "mark {m}");
    }
    let firsts: Vec<&Value> = marks.iter().filter(|m| m["first"] == true).collect();
    assert_eq!(firsts.len(), findings.len(), "one mark per finding");
    for (m, f) in firsts.iter().zip(findings) {
        assert_eq!(m["path"], f["path"]);
        assert_eq!(m["rule"], f["rule"]);
        assert_eq!(m["severity"], f["severity"]);
        assert_eq!(m["start"], f["span"]["start"]);
        assert_eq!(m["text"], f["text"]);
        assert_eq!(m["focusable"], true);
        assert_eq!(m["described"], true, "aria-describedby names the tooltip");
    }
}

/// Turning a rule off hides its marks and entries and nothing else; info off hides the infos.
fn check_filters(f: &Value) {
    let rule = f["rule"].as_str().expect("rule toggled");
    let initial = &f["initial"]["byRule"];
    let total: usize = initial
        .as_object()
        .expect("rules")
        .values()
        .map(|c| num(&c["marksOn"]))
        .sum();
    for (id, c) in initial.as_object().expect("rules") {
        assert_eq!(num(&c["marksOff"]) + num(&c["entriesHidden"]), 0, "{id}");
        let off = &f["ruleOff"]["byRule"][id];
        if id == rule {
            assert_eq!(
                num(&off["marksOn"]) + num(&off["entriesShown"]),
                0,
                "{id} hidden"
            );
            assert_eq!(off["marksOff"], c["marksOn"]);
        } else {
            assert_eq!(off, c, "{id} untouched");
        }
    }
    let hidden = num(&initial[rule]["marksOn"]);
    let status = f["ruleOff"]["status"].as_str().unwrap_or_default();
    assert!(
        status.contains(&format!("{} of {total}", total - hidden)),
        "{status}"
    );
    assert_eq!(f["ruleBack"]["byRule"], *initial);
    let info = &f["infoOff"]["bySeverity"]["info"];
    assert_eq!(num(&info["marksOn"]) + num(&info["entriesShown"]), 0);
    assert!(num(&info["marksOff"]) > 0);
    assert_eq!(
        f["infoOff"]["bySeverity"]["warning"],
        f["initial"]["bySeverity"]["warning"]
    );
    assert_eq!(f["showAll"]["byRule"], *initial);
}

/// A list entry focuses its mark; focus and pointer show the tooltip with the suggestion.
fn check_focus(seen: &Value, findings: &[Value]) {
    let click = &seen["click"];
    assert_eq!(click["focused"], click["key"], "{click}");
    assert_eq!(click["inView"], true);
    assert_eq!(click["tipVisible"], true);
    let keyboard = &seen["keyboard"];
    assert_eq!(keyboard["tipVisible"], true, "{keyboard}");
    assert_eq!(keyboard["hiddenByEscape"], true);
    let key = keyboard["key"].as_str().expect("Tab reached a mark");
    let finding = finding_of(key, seen, findings);
    let tip = keyboard["tipText"].as_str().unwrap_or_default();
    assert!(
        tip.contains(finding["message"].as_str().unwrap_or("?")),
        "{tip}"
    );
    match finding["suggestion"].as_str() {
        Some("") => assert!(tip.contains("remove it"), "{tip}"),
        Some(s) => assert!(tip.contains(&format!("Suggestion: {s}")), "{tip}"),
        None => {}
    }
    assert_eq!(seen["hover"]["tipVisible"], true, "{}", seen["hover"]);
}

/// Printing hides the controls and writes each suggestion after its mark.
fn check_print(print: &Value) {
    assert_eq!(print["controlsShown"], false, "{print}");
    let suggestion = print["suggestion"]
        .as_str()
        .expect("a mark with a suggestion");
    let after = print["after"].as_str().unwrap_or_default();
    assert!(after.contains(suggestion) && after.contains('→'), "{print}");
}

/// The JSON finding behind mark key `i-j`, by the order of the first marks.
fn finding_of<'a>(key: &str, seen: &Value, findings: &'a [Value]) -> &'a Value {
    let n = seen["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .filter(|m| m["first"] == true)
        .position(|m| m["finding"] == key)
        .expect("mark of the key");
    &findings[n]
}
