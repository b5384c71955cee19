//! Embeds every `rules/*.yaml` pack into the binary.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    // Hand-curated packs in rules/, generated ones in rules/generated/.
    let mut packs = Vec::new();
    for dir in [root.clone(), root.join("generated")] {
        println!("cargo:rerun-if-changed={}", dir.display());
        let found: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        packs.extend(
            found
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        );
    }
    packs.sort();
    let mut code = String::from(
        "/// Bundled packs: (path under rules/, YAML text).\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for p in &packs {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            p.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("bundled.rs");
    std::fs::write(out, code).expect("write bundled.rs");
}
