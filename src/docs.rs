//! What `spinlint explain` says about each built-in rule id.
//!
//! A rule id is documented once, here: what it catches, why it matters, an example and what to
//! write instead, and how to silence it. Rule ids that only user packs define get a generic text
//! built from their tables' descriptions.

/// Documentation of one rule id.
#[derive(Debug)]
pub struct RuleDoc {
    /// The id.
    pub id: &'static str,
    /// One line.
    pub summary: &'static str,
    /// What it catches.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// Flagged text.
    pub example: &'static str,
    /// What to write instead.
    pub instead: &'static str,
}

/// Every built-in rule id.
pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "tortured-phrase",
        summary: "a fixed expression broken by a synonym swap, as article spinners leave it",
        what: "Fixed expressions (\"peace talks\", \"lightning offensive\", \"ethnic Armenian\", \
               \"big data\") in which one or more words were replaced by a thesaurus synonym that \
               no writer would choose (\"harmony talks\", \"thunder offensive\", \"cultural \
               Armenian\", \"colossal information\"). Rule packs list the expressions \
               and the substitutes spinners swap in; the engine derives every variant, including \
               singular and plural forms, and also matches explicit fingerprint lists. Names \
               made of ordinary words are swapped too, and count where written as names: \
               \"Virgin York\", \"Invoice Gates\", \"the Pirate Social gathering\".",
        why: "Spinners rewrite copied text word by word to hide where it came from. The result \
              reads as nonsense to anyone who knows the expression, changes the meaning (\"causes\" \
              for \"forces\") and marks the text as recycled. A spell checker accepts every word.",
        example: "Nothing will change until we see improvement on the harmony track.",
        instead: "Nothing will change until we see improvement on the peace track.",
    },
    RuleDoc {
        id: "quote-placement",
        summary: "a displaced opening quote, or an opening quote followed by a space",
        what: "A closing quotation mark that closes nothing, glued to the end of a word and \
               followed by more of the sentence: an opening quote moved one word along, as \
               spinners and some scrapers leave it. The closing quote that follows then pairs with \
               it and is not reported. Also an opening quote followed by a space. Apostrophes \
               (Baku’s, O’Brien, the US’ role, ’90s), nested quotes and other languages' \
               conventions („…“, «…», »…«, ”…”) are not quotes out of place.",
        why: "The quotation no longer says where it starts: a reader cannot tell what was said \
              from what is reported, and the text visibly went through a machine.",
        example: "Miller said that Washington continues” to help peace deals between Azerbaijan and Armenia” during a briefing.",
        instead: "Miller said that Washington “continues to help peace deals between Azerbaijan and Armenia” during a briefing.",
    },
    RuleDoc {
        id: "unbalanced-quote",
        summary: "a curly quotation mark left open in its paragraph, or closing nothing",
        what: "Curly quotes paired within each paragraph: an opening quote still open when the \
               paragraph ends, or a closing quote with nothing to close. A quotation may run over \
               several paragraphs when each new one opens with a quote, as dialogue does. Straight \
               quotes have no direction, so which one is missing cannot be told: they are paired \
               but never reported.",
        why: "An unclosed quotation swallows the rest of the paragraph: the reader cannot tell \
              where the quoted words end. In scraped and spun text it marks a lost or moved mark.",
        example: "He said “we will go home soon.\n\nThen he left.",
        instead: "He said “we will go home soon.”\n\nThen he left.",
    },
    RuleDoc {
        id: "mixed-quotes",
        summary: "straight and curly double quotes in one document",
        what: "A document that uses both straight (\") and curly (“ ”) double quotes. One finding per \
               document, at the first quote of the rarer style, with the counts of both.",
        why: "Edited text keeps one style. Mixed styles show pieces pasted from different sources \
              or an edit that bypassed the house style; search and replace miss half of them.",
        example: "“One,” he said. \"Two,\" she said.",
        instead: "“One,” he said. “Two,” she said.",
    },
    RuleDoc {
        id: "broken-hyphen",
        summary: "a word broken by a hyphen followed by a space (Nagorno- Karabakh)",
        what: "A hyphen between two letters followed by a space: Nagorno- Karabakh, inter- national, \
               lower- cost. The suggestion is the form the document itself uses elsewhere, joined \
               or hyphenated; without one, the hyphenated form, or the joined form after prefixes \
               such as inter- and trans-. Suspended hyphens (six- to eight-year-olds, nano- and \
               micro-engineering) and dashes typed as hyphens before a new clause are left alone.",
        why: "Copying from hyphenated print or a spinner's tokeniser leaves the split. The word is \
              no longer found by search and reads as a typo.",
        example: "Azerbaijani forces attacked Nagorno- Karabakh in September.",
        instead: "Azerbaijani forces attacked Nagorno-Karabakh in September.",
    },
    RuleDoc {
        id: "joined-words",
        summary: "two words fused without a space, written in camel case (ManyBridgeheads)",
        what: "A camel-case word in prose whose first part is a function word no name starts with \
               (ManyBridgeheads), or whose parts the document writes apart in lower case elsewhere \
               (peace deal ... PeaceDeal). Never reported: forms used twice (a name), lower-case \
               brands (iPhone, eBay), name prefixes (McDonald, MacKenzie, DiCaprio), hashtags, handles, \
               domains and paths, and the names on the table's allow-list (YouTube).",
        why: "Scrapers and spinners drop the space between words, often where markup separated \
              them. The fused word is invisible to search and jars the reader.",
        example: "Ukraine claims to have built ManyBridgeheads along the bank.",
        instead: "Ukraine claims to have built many bridgeheads along the bank.",
    },
    RuleDoc {
        id: "repeated-word",
        summary: "the same word twice in a row (the the)",
        what: "A word repeated with only white space between (the the, foreign foreign money). Not \
               reported: legitimate doubles on the table's allow-list (had had, that that), numbers, \
               and capitalised doubles inside a sentence or before a capitalised word (Duran Duran, \
               Sha La La, law lord Lord Bingham).",
        why: "A doubled word is a slip that a reader notices at once. Spinners produce it too, when \
              a swap lands next to the word it duplicates (money owed owed for debts owed).",
        example: "Another staple of the the firm's business.",
        instead: "Another staple of the firm's business.",
    },
    RuleDoc {
        id: "a-or-an",
        summary: "an indefinite article that does not fit the next word's sound (an concept)",
        what: "\"a\" before a vowel sound or \"an\" before a consonant sound, judged from spelling: \
               words such as university, European and one-off start with a consonant sound, hour, \
               honest and heir with a vowel sound, and a one- or two-letter abbreviation is read by \
               its letters (an MP, a US envoy). Not reported: \"an\" before an h (an historic, a \
               style), abbreviations of three capitals or more (a NATO summit, an FBI agent), a \
               capital A inside a sentence (Plan A, grade A), and numbers.",
        why: "A spinner swaps the word after an article and leaves the article as it was: \"an idea\" \
              becomes \"an concept\", \"a huge\" becomes \"a enormous\". Edited text has about one such \
              slip in 14,000 words; spun text one in 900.",
        example: "It will give you an concept of where to look.",
        instead: "It will give you a concept of where to look.",
    },
    RuleDoc {
        id: "mojibake",
        summary: "UTF-8 text read as Windows-1252 or Latin-1 (â€™ for ’, Ã© for é)",
        what: "Characters that are the Windows-1252 (or Latin-1) reading of UTF-8 bytes: â€™, â€œ, \
               Ã©, Â£. A word is reported when it holds one of the signatures of Western text \
               (a sequence led by Â, Ã, â, ï or ð) or two such sequences; the suggestion is the word \
               decoded. Real accented text (São Paulo, naïve, Straße) is left alone.",
        why: "The text passed through a tool that guessed the wrong encoding. Every accented \
              letter and curly quote is now two or three wrong characters.",
        example: "Following Bakuâ€™s withdrawal, the cafÃ© closed.",
        instead: "Following Baku’s withdrawal, the café closed.",
    },
    RuleDoc {
        id: "confusable",
        summary: "letters of another script hidden in a word (Cyrillic а in Kulebа)",
        what: "A word that mixes Latin letters with Cyrillic or Greek look-alikes (а, е, о, р, с, \
               ο, ν...), reported with the word spelled in its main script. Words wholly in another \
               script, and letters that have no Latin twin (β-blocker), are left alone.",
        why: "The word looks right but is a different string: it escapes search, spelling and \
              filters, which is exactly why spam and plagiarism tools slip such letters in.",
        example: "Foreign minister Dmytro Kulebа spoke.",
        instead: "Foreign minister Dmytro Kuleba spoke.",
    },
    RuleDoc {
        id: "invisible-char",
        summary: "zero-width and bidirectional control characters",
        what: "Zero-width spaces, word joiners, stray byte-order marks, invisible operators and \
               bidirectional controls (U+202A-U+202E, U+2066-U+2069, LRM, RLM). Zero-width \
               joiners, non-joiners and soft hyphens only between Latin letters (they are legitimate \
               in emoji and in Persian or Indic text), bidirectional controls only in text without \
               right-to-left letters, and a byte-order mark at the very start never.",
        why: "Invisible characters split words for search and matching, survive copy and paste, \
              and bidirectional controls can make text display differently from what it says.",
        example: "Progress on the peace<U+200B>track stalled. (a zero-width space inside a word)",
        instead: "Progress on the peacetrack stalled.",
    },
    RuleDoc {
        id: "replacement-char",
        summary: "U+FFFD, the replacement character (caf\u{fffd}, don\u{fffd}t)",
        what: "The character \u{fffd} (U+FFFD) in the text, reported on the word it sits in; a run \
               of them counts once. There is no suggestion: what the character stood for is lost.",
        why: "A decoder writes U+FFFD for bytes it cannot read, so the text was once decoded with \
              the wrong encoding (a curly quote or an accented letter of Windows-1252 read as \
              UTF-8) or cut inside a character. The original has to come from the source.",
        example: "The caf\u{fffd} opened; we don\u{fffd}t know when.",
        instead: "The café opened; we don’t know when.",
    },
    RuleDoc {
        id: "not-nfc",
        summary: "text not in Unicode Normalization Form C",
        what: "Words written with a letter and a combining accent where Unicode has one character \
               (e + U+0301 for é), or with characters that have a canonical replacement (the \
               Ångström sign). The suggestion is the word in NFC.",
        why: "The word looks the same but compares, sorts and searches differently from the \
              composed form everyone else uses.",
        example: "The Cafe<U+0301> reopened. (e and a combining acute accent)",
        instead: "The Café reopened. (é, one character)",
    },
    RuleDoc {
        id: "ligature",
        summary: "a typographic ligature character in a word (ﬁnancial)",
        what: "A word holding one of the Latin ligatures of Unicode's presentation forms: ﬀ, ﬁ, ﬂ, ﬃ, \
               ﬄ, ﬅ, ﬆ. The suggestion writes the letters out. Letters that are ligatures in their own \
               right in a language (æ, œ) are left alone.",
        why: "Text copied from a PDF or a typeset page keeps the ligature glyphs as single \
              characters. The word looks right but search, spell checks and phrase matching miss it \
              (ﬁnancial is not financial), so such text was lifted, not written.",
        example: "The ﬁnancial eﬀect was small.",
        instead: "The financial effect was small.",
    },
    RuleDoc {
        id: "html-entity",
        summary: "an HTML character reference left in the text (&amp;, &#8217;)",
        what: "A character reference that decodes (numeric, such as &#8217; or &#x2014;, or a name \
               prose uses, such as &amp;, &quot;, &nbsp;, &eacute;), with the character it stands for \
               as the suggestion (a space for &nbsp;, nothing for &shy;). HTML and Markdown files are \
               read through their markup, which decodes references; one found in their text was \
               escaped twice (&amp;amp;). Ampersands that start no reference (AT&T, R&D, &c.) are \
               left alone.",
        why: "A scraper that copies a page's source instead of its text leaves the references as \
              written; readers see \"Tom &amp; Jerry\". It marks text taken from the web unchecked.",
        example: "The minister&#8217;s plan failed.",
        instead: "The minister’s plan failed.",
    },
    RuleDoc {
        id: "name-drift",
        summary: "one name spelled two ways in one document (O’Brien ... O’Brian)",
        what: "A name used inside a sentence, spelled later with one letter swapped for one that \
               sounds alike (a vowel for a vowel, v for w, c for k, s for z): O’Brien then O’Brian, \
               Lavrov then Lavrow, Blinken then Blinkin. Every use of the later spelling is \
               reported with the first use as a secondary label; when the later spelling is the \
               more frequent, the message says either may be right. Real different names stay \
               silent: names on the allow-list (Colombia, Columbia), two spellings each used at \
               least twice, given names and titles (a capitalised word follows), spellings that \
               follow different first names, and words the document also uses in lower case. \
               Tables of kind demonym-drift report here too: in a document about one country, a \
               look-alike demonym of another used in the same role (ethnic Armenian ... cultural \
               Iranian), at lower confidence.",
        why: "News introduces a name in full and keeps it. A drifting spelling is a copy error, a \
              transliteration slip or a spinner's doing, and it can attribute words to the wrong \
              person or people.",
        example: "James O’Brien spoke on Monday. Later, O’Brian said talks would go on.",
        instead: "James O’Brien spoke on Monday. Later, O’Brien said talks would go on.",
    },
    RuleDoc {
        id: "foreign-headline",
        summary: "a first line that shares no word with the text below it",
        what: "A short first line (a headline) above a body of text, none of whose content words \
               (four letters or more, not function words; plurals allowed) occurs in the body: \
               the headline of another story that the page put above this one.",
        why: "Scrapers keep whatever heading sits above the article; the document then announces \
              one story and tells another.",
        example: "Ukraine claims to have built bridgeheads along the Dnieper River. (above an article about Armenia and Azerbaijan)",
        instead: "Delete the line, or replace it with the article's own headline.",
    },
    RuleDoc {
        id: "boilerplate-tail",
        summary: "related-article titles and dates after the article ends",
        what: "A block at the end of the text made of date lines (16.Jul.2025, 06.12.2023 09:34, \
               2025-07-16, July 16, 2025) and short title lines, with at least the table's \
               min-count of dates: the list of related or latest articles of the page.",
        why: "It is not part of the article: it pads word counts, misleads statistics and \
              duplicates headlines across every document scraped from the site.",
        example: "...said the ministry.\nA New Chess Game in the South Caucasus\n16.Jul.2025\nLeaders Prepare for Talks\n15.Jul.2025",
        instead: "...said the ministry.",
    },
    RuleDoc {
        id: "embed-residue",
        summary: "an embed label such as WATCH: left at the start of a line",
        what: "Labels that video, audio and link embeds leave in extracted text, at the start of a \
               line below other text: WATCH:, READ MORE:, LISTEN:, VIDEO:, RELATED:, SEE ALSO:.",
        why: "The embed is gone and the label now introduces a sentence it has nothing to do \
              with, a sure sign of scraped text.",
        example: "WATCH: On September 19, a man rode his horse to safety in Armenia.",
        instead: "On September 19, a man rode his horse to safety in Armenia.",
    },
    RuleDoc {
        id: "unused-suppression",
        summary: "a suppression comment that silences nothing",
        what: "A `spinlint-disable-next-line`, `spinlint-disable` or `spinlint-disable-file` \
               comment, or one rule id named in it, under which no finding of that rule was \
               reported; also a rule id in a suppression that is no rule id at all.",
        why: "Suppressions outlive the text they were written for. One that silences nothing hides \
              the next real finding on that line, and a misspelt rule id silences nothing while \
              looking as if it did.",
        example: "<!-- spinlint-disable-next-line tortured-phrase --> above \"Talks on the peace track.\"",
        instead: "Talks on the peace track. (no comment above it)",
    },
    RuleDoc {
        id: "quality",
        summary: "a document statistic outside the thresholds web-corpus filters use (audit only)",
        what: "Reported by `spinlint audit`, once per failed statistic: too few words, a mean word \
               length outside its range, too few lines ending in punctuation, too many duplicated \
               lines, too many symbols (`#`, `...`) per word, too few words with a letter, too few \
               of the common English stop words. The finding names the statistic, its value and \
               the limit; `--min-words` and the other `audit` options set the limits.",
        why: "Scraped pages that are menus, link lists, code, tables or boilerplate are not prose: \
              they skew a corpus and its spin scores, and filters such as those of the Gopher, C4 \
              and FineWeb corpora drop them on these statistics.",
        example: "Home | News | Sport | Weather (a navigation bar kept as the whole document)",
        instead: "An article of prose, or the document dropped from the corpus (`--write-kept`)",
    },
];

/// The documentation of a built-in rule id.
pub fn find(id: &str) -> Option<&'static RuleDoc> {
    RULES.iter().find(|d| d.id == id)
}

/// How to silence a rule, the same for every id.
pub fn silence_text(id: &str) -> String {
    format!(
        "Ignore it for a run with `--ignore {id}`, or keep only other rules with `--select`. \
         Raise the bar with `--min-confidence 0.9` to keep only the surest findings."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::pack::Kind;

    #[test]
    fn every_engine_check_is_documented() {
        for kind in Kind::ALL.iter().filter(|k| k.is_check()) {
            let id = match kind {
                Kind::DemonymDrift => "name-drift",
                k => k.as_str(),
            };
            assert!(find(id).is_some(), "{id} has no documentation");
        }
    }
}
