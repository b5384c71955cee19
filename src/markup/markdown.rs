//! The prose of a Markdown file, read with `pulldown-cmark`'s offset iterator.
//!
//! Prose: paragraphs, headings, list items, block quotes, table cells, footnotes, emphasis and
//! link texts. Not prose: code blocks, YAML or TOML front matter, raw HTML (comments are kept
//! aside for suppressions), image descriptions, autolinks and link targets (which never appear as
//! text events). Inline code and URLs inside a sentence become holes. Each block ends with a
//! break, so no phrase runs from a heading into the paragraph below it.

use super::{Builder, Extracted};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Extracts the prose of `src`.
pub fn extract(src: &str) -> Extracted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut b = Builder::new(src);
    // Depth inside elements whose text is not prose.
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    b.block_break(range.start);
                }
                if skip > 0 || skips(&tag) {
                    if skip == 0 {
                        b.skipped(range.clone());
                    }
                    skip += 1;
                }
            }
            Event::End(tag) => {
                if skip > 0 && (skip > 1 || ends_skip(tag)) {
                    skip -= 1;
                }
                if is_block_end(tag) {
                    b.block_break(range.end);
                }
            }
            _ if skip > 0 => {}
            Event::Text(text) => b.decoded(range, &text),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => b.hole(range),
            Event::SoftBreak | Event::HardBreak => b.decoded(range, "\n"),
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.contains("<!--") {
                    b.comment(range);
                } else {
                    b.skipped(range);
                }
            }
            Event::Rule => b.block_break(range.start),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => b.skipped(range),
        }
    }
    b.finish()
}

/// Elements whose text is not prose.
fn skips(tag: &Tag<'_>) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

/// True for the end of an element that [`skips`] (links and images end with the same tag, and
/// only skipped ones are counted).
fn ends_skip(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::Link
    )
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn prose(src: &str) -> String {
        extract(src).text().to_string()
    }

    #[test]
    fn code_front_matter_and_link_targets_are_not_prose() {
        let md = "---\ntitle: harmony track\n---\n\n# Harmony *track*\n\nSee [the harmony track](https://x.org/harmony-track) \
                  and `harmony track`.\n\n```\nharmony track\n```\n\n<!-- spinlint-disable-file -->\n\
                  ![harmony track](a.png) <https://harmony.track>\n";
        let ex = extract(md);
        let text = ex.text();
        assert_eq!(text.matches("armony").count(), 2, "{text:?}");
        assert!(text.contains("Harmony track\n\n"), "{text:?}");
        assert!(text.contains("See the harmony track and |."), "{text:?}");
        assert!(
            !text.contains("x.org") && !text.contains("title"),
            "{text:?}"
        );
        assert_eq!(ex.comments().len(), 1);
        let code = md.find("```\nharmony").unwrap() + 4;
        assert!(ex.in_skipped(Span::new(code, code + 7)));
    }

    #[test]
    fn list_items_and_headings_are_separate_blocks() {
        assert!(!prose("- harmony\n- track\n").contains("harmony\ntrack"));
        assert!(!prose("# Harmony\ntrack record\n").contains("Harmony\ntrack"));
        assert!(prose("The harmony\ntrack resumed.\n").contains("harmony\ntrack"));
    }

    #[test]
    fn spans_map_to_the_source() {
        let md = "> Talks on the *harmony* track &amp; more\n";
        let ex = extract(md);
        let at = ex.text().find("harmony").unwrap();
        let span = ex
            .to_original(Span::new(at, at + "harmony track".len()))
            .unwrap();
        assert_eq!(&md[span.start..span.end], "harmony* track");
        assert!(!ex.is_verbatim(Span::new(at, at + "harmony track".len())));
    }
}
