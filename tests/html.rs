//! `spinlint check --format html`: the page for a small fixture as a snapshot (without the inline
//! style and script, which change for looks alone), escaping of paths and text from the command
//! line, and the commands that do not print HTML.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn spinlint() -> Command {
    Command::cargo_bin("spinlint").expect("binary builds")
}

/// The page with the contents of `<style>` and `<script>` left out.
fn without_assets(page: &str) -> String {
    let mut out = page.to_string();
    for (open, close) in [("<style>\n", "</style>"), ("<script>\n", "</script>")] {
        if let (Some(a), Some(b)) = (out.find(open), out.rfind(close)) {
            out.replace_range(a + open.len()..b, "...\n");
        }
    }
    out.replace(env!("CARGO_PKG_VERSION"), "VERSION")
}

fn html_of(dir: &Path, args: &[&str]) -> (String, Option<i32>) {
    let out = spinlint()
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "html"])
        .args(args)
        .output()
        .expect("spinlint runs");
    let page = String::from_utf8(out.stdout).expect("UTF-8 page");
    (page, out.status.code())
}

#[test]
fn fixture_page_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (page, code) = html_of(root, &["tests/fixtures/html/article.txt"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("fixture_page", without_assets(&page));
}

#[test]
fn paths_and_text_are_escaped_and_clean_files_are_shown() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let name = "a<b>&\"c'.txt";
    fs::write(
        dir.path().join(name),
        "On the harmony track: <script>alert('&')</script>\r\n",
    )
    .expect("write");
    fs::write(dir.path().join("clean.txt"), "Nothing to see here.\n").expect("write");
    let (page, code) = html_of(dir.path(), &[name, "clean.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        page.matches("<script>").count(),
        1,
        "only the report's own script"
    );
    assert!(page.contains("&lt;script&gt;alert(&#39;&amp;&#39;)&lt;/script&gt;&#13;\n"));
    assert!(page.contains("data-path=\"a&lt;b&gt;&amp;&quot;c&#39;.txt\""));
    assert!(!page.contains(name));
    assert!(page.contains("data-path=\"clean.txt\""));
    assert!(page.contains("Nothing to see here."));
    assert!(page.contains(
        "<title>spinlint report: 2 files, 1 finding: 0 errors, 1 warning, 0 infos</title>"
    ));
}

#[test]
fn rules_and_statistics_do_not_print_html() {
    spinlint()
        .args(["rules", "--format", "html"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--format html is for `spinlint check`",
        ));
    spinlint()
        .args([
            "check",
            "--no-config",
            "--format",
            "html",
            "--statistics",
            "corpus/",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--statistics prints as human, json or jsonl",
        ));
    spinlint()
        .args(["audit", "--format", "html", "corpus/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid value 'html'"));
}

#[test]
fn spin_scores_are_the_audit_scores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(scores_agree(root, "corpus/"), 5);
}

#[test]
fn markdown_is_scored_on_its_prose_as_audit_scores_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = "# Talks\n\nNothing will change until we see improvement on the harmony track, the \
              minister said after the meeting with the press.\n\n```\nharmony track harmony track \
              code code code code code code\n```\n";
    std::fs::write(dir.path().join("a.md"), md).expect("write");
    assert_eq!(scores_agree(dir.path(), "."), 1);
}

/// Checks that every file's words and spin score on the page of `check --format html` are those
/// of `spinlint audit` over `target` in `dir`; returns how many files were compared.
fn scores_agree(dir: &Path, target: &str) -> usize {
    let (page, _) = html_of(dir, &[target]);
    let audit = spinlint()
        .current_dir(dir)
        .args(["audit", "--format", "jsonl", target])
        .output()
        .expect("audit runs");
    let records = String::from_utf8(audit.stdout).expect("UTF-8");
    let mut n = 0;
    for line in records.lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("a record");
        let path = r["path"].as_str().expect("path");
        let score = r["score"].as_f64().expect("score");
        let row = format!(
            "\">{path}</a></th><td>{}</td><td>{score:.2}</td>",
            r["words"]
        );
        assert!(page.contains(&row), "{row}");
        n += 1;
    }
    n
}
