//! `spinlint audit` as a PySpark mapper (RDD.pipe in local mode) plus the cluster step, compared
//! with a direct run. It needs Python with `pyspark` and a Java runtime, so it runs only when
//! `SPINLINT_TEST_SPARK=1` is set (as `.ci/run` does after installing them) and passes with a
//! note otherwise.

use std::process::Command;

#[test]
fn spark_pipe_then_cluster_equals_a_direct_run() {
    if std::env::var_os("SPINLINT_TEST_SPARK").is_none_or(|v| v != "1") {
        eprintln!("skipped: set SPINLINT_TEST_SPARK=1 (needs pyspark and Java)");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("spinlint");
    let out = Command::new("python3")
        .arg("tests/spark/pipe_audit.py")
        .arg(&bin)
        .arg("corpus")
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("same as a direct run"), "{stdout}");
}
