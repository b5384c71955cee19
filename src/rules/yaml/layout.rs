//! A check of block indentation and duplicate keys, run over the source before deserialising.
//!
//! `serde_yaml` reads some indentation mistakes as something else: a key indented one space too
//! far continues the plain scalar above it (`kind: phrases phrases`), a key indented one space too
//! little closes the mapping it belongs to, and the error, if any, comes later and elsewhere. A
//! duplicate key is reported at the start of the document. This pass walks the lines once,
//! keeping the stack of open indentation levels as a YAML parser does, and reports at the line
//! and column where a person would fix the file:
//!
//! - a `key:` line indented deeper than the line above when that line's value is already given;
//! - a line whose indentation matches no enclosing level;
//! - a key written twice in one mapping.
//!
//! It only reads block structure. Block scalars (`|`, `>`), flow collections (`[...]`, `{...}`)
//! and quoted scalars spanning lines are skipped whole, comments and blank lines are ignored, and
//! everything it does not understand is left to the YAML library, so valid YAML is never
//! rejected here: every error it reports is one a YAML parser reports too (or, for a duplicate
//! key, one the YAML specification forbids).

/// A layout mistake: what is wrong and the byte offset of the line's first character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError {
    /// What is wrong.
    pub message: String,
    /// Byte offset of the offending key or line.
    pub offset: usize,
}

/// One open block level: its column and the keys written in it so far.
#[derive(Debug)]
struct Level {
    indent: usize,
    /// A set: a pack's phrase table has thousands of keys.
    keys: rustc_hash::FxHashSet<String>,
}

/// What the previous content line left open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// A key or `-` with no value on its line: a deeper line is its value.
    Opens,
    /// A value was given on the line: a deeper line can only continue a plain scalar.
    Given,
    /// A block scalar (`|`, `>`) whose parent sits at this column: deeper lines are its text.
    BlockScalar(usize),
}

/// What a multi-line construct still needs before block structure resumes.
#[derive(Debug, Default)]
struct Open {
    /// Depth of `[`/`{` not yet closed.
    flow: usize,
    /// Inside a quoted scalar: its quote character.
    quote: Option<char>,
}

impl Open {
    fn is_open(&self) -> bool {
        self.flow > 0 || self.quote.is_some()
    }
}

/// Checks the block layout of `src`; `Ok` says nothing about anything else.
pub fn check(src: &str) -> Result<(), LayoutError> {
    let mut levels: Vec<Level> = Vec::new();
    let mut after = After::Given;
    let mut open = Open::default();
    let mut offset = 0;
    for raw in src.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if open.is_open() {
            scan_value(line, &mut open);
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        if let After::BlockScalar(parent) = after {
            if content.trim().is_empty() || indent > parent {
                continue;
            }
        }
        if content.is_empty() || content.starts_with('#') || content.starts_with('\t') {
            continue;
        }
        if content.starts_with("---") || content.starts_with("...") || content.starts_with('%') {
            levels.clear();
            after = After::Given;
            continue;
        }
        let at = line_start + indent;
        let top = levels.last().map(|l| l.indent);
        match top {
            Some(top) if indent > top => {
                if after != After::Opens {
                    if split_key(content).is_some() {
                        return Err(LayoutError {
                            message: "this line is indented deeper than the line above, whose \
                                      value is already given: indent it like its sibling keys"
                                .into(),
                            offset: at,
                        });
                    }
                    // The continuation of a plain scalar.
                    continue;
                }
                levels.push(Level {
                    indent,
                    keys: Default::default(),
                });
            }
            Some(_) => {
                let enclosing: Vec<String> = levels.iter().map(|l| l.indent.to_string()).collect();
                while levels.last().is_some_and(|l| l.indent > indent) {
                    levels.pop();
                }
                if levels.last().is_none_or(|l| l.indent != indent) {
                    return Err(LayoutError {
                        message: format!(
                            "indentation matches no enclosing level: this line is indented by \
                             {indent} spaces, the levels open above it by {}",
                            enclosing.join(", ")
                        ),
                        offset: at,
                    });
                }
            }
            None => levels.push(Level {
                indent,
                keys: Default::default(),
            }),
        }
        after = read_line(line, indent, line_start, &mut levels, &mut open)?;
    }
    Ok(())
}

/// Reads the content of one line at `indent` (the top level): sequence dashes, a key, its value.
fn read_line(
    line: &str,
    indent: usize,
    line_start: usize,
    levels: &mut Vec<Level>,
    open: &mut Open,
) -> Result<After, LayoutError> {
    let mut col = indent;
    // `- ` items: each dash starts a new node; what follows sits at a deeper column.
    while let Some(rest) = line[col..].strip_prefix('-') {
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            break;
        }
        let inner = col + 1 + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        if let Some(top) = levels.last_mut() {
            // A new item: the keys of the previous item's mapping are not this one's.
            if top.indent == col {
                top.keys.clear();
            }
        }
        let rest = line[inner..].trim_end();
        if rest.is_empty() || rest.starts_with('#') {
            return Ok(After::Opens);
        }
        if split_key(rest).is_none() && !rest.starts_with("- ") && rest != "-" {
            return Ok(value_after(&line[inner..], col, open));
        }
        levels.push(Level {
            indent: inner,
            keys: Default::default(),
        });
        col = inner;
    }
    let content = &line[col..];
    let Some((key, value)) = split_key(content) else {
        return Ok(value_after(content, col, open));
    };
    let top = levels.last_mut().filter(|l| l.indent == col);
    if let Some(top) = top {
        let name = unquote(key);
        if !name.is_empty() && top.keys.contains(&name) {
            return Err(LayoutError {
                message: format!("duplicate key `{name}`: it is already given in this mapping"),
                offset: line_start + col,
            });
        }
        top.keys.insert(name);
    }
    Ok(value_after(value, col, open))
}

/// What a value written on a key's (or dash's) line leaves open; `parent` is the key's column.
fn value_after(value: &str, parent: usize, open: &mut Open) -> After {
    let v = strip_comment(value).trim();
    if v.is_empty() {
        return After::Opens;
    }
    // An anchor or a tag alone: the node follows on the next lines.
    if (v.starts_with('&') || v.starts_with('!')) && !v.contains(' ') {
        return After::Opens;
    }
    let body = if v.starts_with('&') || v.starts_with('!') {
        v.split_once(' ').map_or("", |(_, b)| b.trim_start())
    } else {
        v
    };
    if body.starts_with('|') || body.starts_with('>') {
        return After::BlockScalar(parent);
    }
    if body.starts_with(['[', '{', '"', '\'']) {
        scan_value(body, open);
    }
    After::Given
}

/// Follows quotes and flow brackets through `text`, updating what stays open after it.
fn scan_value(text: &str, open: &mut Open) {
    let mut chars = text.chars().peekable();
    let mut prev_space = true;
    while let Some(c) = chars.next() {
        match open.quote {
            Some('"') => match c {
                '\\' => {
                    chars.next();
                }
                '"' => open.quote = None,
                _ => {}
            },
            Some(_) => {
                if c == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                    } else {
                        open.quote = None;
                    }
                }
            }
            None => match c {
                '"' | '\'' if prev_space => open.quote = Some(c),
                '[' | '{' => open.flow += 1,
                ']' | '}' => open.flow = open.flow.saturating_sub(1),
                '#' if prev_space => return,
                _ => {}
            },
        }
        prev_space = c == ' ' || c == '\t' || (open.flow > 0 && matches!(c, '[' | '{' | ','));
    }
}

/// The value with a trailing ` # comment` removed (outside quotes).
fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    let mut prev_space = true;
    for (i, c) in value.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && prev_space => quote = Some(c),
            None if c == '#' && prev_space => return &value[..i],
            None => {}
        }
        prev_space = c == ' ' || c == '\t';
    }
    value
}

/// `key: value` split at the mapping colon (outside quotes and brackets), if the line is a key.
fn split_key(content: &str) -> Option<(&str, &str)> {
    let bytes = content.as_bytes();
    let first = *bytes.first()?;
    if matches!(
        first,
        b'[' | b'{' | b'#' | b'|' | b'>' | b'&' | b'*' | b'!' | b'?'
    ) {
        return None;
    }
    let key_end = if first == b'"' || first == b'\'' {
        let end = quoted_end(content)?;
        let rest = &content[end..];
        let colon = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let after = rest[colon..].strip_prefix(':')?;
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        end + colon
    } else {
        let mut found = None;
        for (i, c) in content.char_indices() {
            if c == ':' {
                let next = content[i + 1..].chars().next();
                if next.is_none_or(|n| n == ' ' || n == '\t') {
                    found = Some(i);
                    break;
                }
            }
            if c == '#' && i > 0 && content[..i].ends_with([' ', '\t']) {
                return None;
            }
        }
        found?
    };
    Some((content[..key_end].trim_end(), &content[key_end + 1..]))
}

/// The byte after the closing quote of the quoted scalar `s` starts with, if it closes on the line.
fn quoted_end(s: &str) -> Option<usize> {
    let q = s.chars().next()?;
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if q == '"' => {
                chars.next();
            }
            '\'' if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
            }
            c if c == q => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A key as its text: quotes removed from a simply quoted key.
fn unquote(key: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = key.strip_prefix(q).and_then(|k| k.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    key.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;

    fn err_at(src: &str) -> (usize, usize, String) {
        let e = check(src).expect_err("layout should be rejected");
        let before = &src[..e.offset];
        let line = before.matches('\n').count() + 1;
        let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, col, e.message)
    }

    const PACK: &str = "pack: p\ndescription: d\nsource: s\ntables:\n  - rule: tortured-phrase\n    name: fp\n    kind: phrases\n    phrases:\n      profound learning: deep learning\n    severity: error\n";

    #[test]
    fn a_well_indented_pack_passes() {
        check(PACK).unwrap();
    }

    #[test]
    fn a_key_indented_too_far_after_a_value_is_an_error_at_the_key() {
        let src = PACK.replace("    phrases:", "     phrases:");
        let (line, col, msg) = err_at(&src);
        assert_eq!((line, col), (8, 6));
        assert!(msg.contains("indented deeper than the line above"), "{msg}");
        let src = PACK.replace(
            "    severity: error",
            "    confidence: 0.9\n      severity: error",
        );
        assert_eq!(err_at(&src).0, 11);
    }

    #[test]
    fn a_key_indented_too_little_matches_no_level() {
        let src = PACK.replace("    severity: error", "   severity: error");
        let (line, col, msg) = err_at(&src);
        assert_eq!((line, col), (10, 4));
        assert!(msg.contains("matches no enclosing level"), "{msg}");
        let src = PACK.replace("    kind: phrases", "   kind: phrases");
        assert_eq!(err_at(&src).0, 7);
    }

    #[test]
    fn a_duplicate_key_points_at_the_second() {
        let (line, col, msg) = err_at("select: [a]\nfail-on: error\nselect: [b]\n");
        assert_eq!((line, col), (3, 1));
        assert!(msg.contains("duplicate key `select`"), "{msg}");
        // The same key in two items of a list is no duplicate.
        check("tables:\n  - rule: a\n    name: b\n  - rule: a\n    name: c\n").unwrap();
        check("tables:\n- rule: a\n  name: b\n- rule: a\n  name: c\n").unwrap();
    }

    #[test]
    fn valid_yaml_that_looks_unusual_passes() {
        let ok = [
            // A sequence at the indentation of its key; comments anywhere.
            "tables:\n- rule: a # note\n  kind: b\n# a comment\n   # indented comment\n- rule: c\n",
            // Block scalars whose lines look like keys.
            "description: |\n  line one: with a colon\n    deeper: still text\n\n  back\nsource: >-\n  folded\n  text\nnext: 1\n",
            "- |\n  a: b\n- c\n",
            // Quoted strings with colons and hashes, quoted keys.
            "a: \"x: y # z\"\n'b: c': 'it''s: fine'\nd: e\n",
            // Multi-line flow collections and quoted scalars.
            "collocations: [peace track,\n  civil war,\n    a blow to]\nsubstitutions: {peace: [harmony,\n tranquility], war: [battle]}\nnext: 1\n",
            "a: \"a long\n  text: with colon\"\nb: 'x\n y'\nc: 1\n",
            // A plain scalar continued on deeper lines.
            "description: a long\n  line continued\n    further\nsource: s\n",
            // Nested mappings and lists of lists.
            "a:\n  b:\n    c: 1\n  d:\n    - - x\n      - y\n    - z\ne: 2\n",
            // Anchors, tags and documents.
            "base: &b\n  x: 1\nother: !!str text\n---\nnew: doc\n",
            // An empty value closes back to its level.
            "a:\nb: 1\nc:\n  - x\n",
            "",
            "# only a comment\n",
            "key: value\r\nother: value\r\n",
        ];
        for src in ok {
            assert_eq!(check(src), Ok(()), "{src:?}");
            let parsed = serde_yaml::Deserializer::from_str(src)
                .map(serde_yaml::Value::deserialize)
                .collect::<Result<Vec<_>, _>>();
            assert!(parsed.is_ok(), "the test case is not YAML: {src:?}");
        }
    }

    /// Nested mappings, lists and strings (some with colons, quotes, hashes and line breaks).
    fn value() -> impl Strategy<Value = serde_yaml::Value> {
        let leaf = prop_oneof![
            "[a-z :#'\"\\[\\]{},-]{0,12}".prop_map(serde_yaml::Value::from),
            "[a-z]{1,6}( [a-z:]{1,6}){0,3}\n[a-z :]{0,10}\n?".prop_map(serde_yaml::Value::from),
            any::<i32>().prop_map(serde_yaml::Value::from),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(serde_yaml::Value::from),
                prop::collection::btree_map("[a-z][a-z -]{0,8}", inner, 0..5).prop_map(|m| {
                    serde_yaml::Value::Mapping(
                        m.into_iter()
                            .map(|(k, v)| (serde_yaml::Value::from(k), v))
                            .collect(),
                    )
                }),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn what_the_yaml_library_writes_passes(v in value()) {
            let src = serde_yaml::to_string(&v).unwrap();
            proptest::prop_assert_eq!(check(&src), Ok(()), "{}", src);
        }

        #[test]
        fn a_sibling_key_moved_by_one_space_is_rejected(
            m in prop::collection::btree_map("[a-z]{1,6}", "[a-z]{1,6}", 2..6),
            which in 1usize..6,
            deeper in any::<bool>(),
        ) {
            // `outer:` holding a mapping of scalars; one key but the first is moved.
            let mut src = String::from("outer:\n");
            let which = which % m.len();
            for (i, (k, v)) in m.iter().enumerate() {
                let indent = match (i == which.max(1), deeper) {
                    (true, true) => "   ",
                    (true, false) => " ",
                    _ => "  ",
                };
                src.push_str(&format!("{indent}{k}: {v}\n"));
            }
            let e = check(&src);
            proptest::prop_assert!(e.is_err(), "{}", src);
        }
    }

    #[test]
    fn the_bundled_packs_pass() {
        for p in crate::rules::bundled_packs() {
            assert_eq!(check(&p.text), Ok(()), "{}", p.path);
        }
    }
}
