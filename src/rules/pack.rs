//! The rule-pack schema: what a YAML pack may say, checked strictly while it is read.
//!
//! Every check that concerns one value runs inside that value's serde visitor, so the YAML layer
//! attaches the exact line and column of the offending scalar: unknown keys, wrong types, empty or
//! malformed phrases, duplicate entries, undefined classes, out-of-range confidences. Checks that
//! concern a whole table (which keys go with which `kind`) run when the table is complete; their
//! errors name the key they are about, and the loader places them at that key.

use crate::findings::Severity;
use crate::tokens::tokenize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

thread_local! {
    /// Class names defined by the packs being loaded, for checking `{class}` references.
    static KNOWN_CLASSES: RefCell<Option<BTreeSet<String>>> = const { RefCell::new(None) };
}

/// Runs `f` with `classes` as the set of class names that phrases may reference.
pub(crate) fn with_known_classes<T>(classes: BTreeSet<String>, f: impl FnOnce() -> T) -> T {
    KNOWN_CLASSES.with(|k| *k.borrow_mut() = Some(classes));
    let out = f();
    KNOWN_CLASSES.with(|k| *k.borrow_mut() = None);
    out
}

fn class_is_known(name: &str) -> bool {
    KNOWN_CLASSES.with(|k| k.borrow().as_ref().is_none_or(|set| set.contains(name)))
}

/// A whole pack file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    /// Pack name (kebab-case).
    pub pack: Name,
    /// One line on what the pack covers.
    pub description: String,
    /// Where the content came from, its licence, and how it was made.
    pub source: String,
    /// Named classes, expanded where a phrase says `{name}`.
    #[serde(default)]
    pub classes: Classes,
    /// Substitutions shared by every `collocations` table of the pack.
    #[serde(default)]
    pub substitutions: Substitutions,
    /// The tables.
    pub tables: Vec<RawTable>,
}

/// Only the class names of a pack, read before the full pack so references can be checked.
#[derive(Debug, Deserialize)]
pub struct ClassNames {
    /// Class name -> anything.
    #[serde(default)]
    pub classes: std::collections::BTreeMap<String, de::IgnoredAny>,
}

/// The kind of a table: how its entries are matched, or which engine check it configures.
///
/// `collocations` and `phrases` are matched as phrase tables; every other kind names a check
/// implemented in code ([`crate::checks`]), which the table switches on and configures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Fixed expressions plus the substitutes spinners swap into them.
    Collocations,
    /// Explicit tortured -> original pairs.
    Phrases,
    /// A closing quote glued inside a sentence, an opening quote followed by a space.
    QuotePlacement,
    /// A quotation mark left unpaired in its paragraph.
    UnbalancedQuote,
    /// Straight and curly double quotes in one document.
    MixedQuotes,
    /// A hyphen followed by a space inside a word (`Nagorno- Karabakh`).
    BrokenHyphen,
    /// Two words fused without a space (`ManyBridgeheads`).
    JoinedWords,
    /// The same word twice in a row (`the the`).
    RepeatedWord,
    /// UTF-8 read as Latin-1 or Windows-1252 (`â€™`, `Ã©`).
    Mojibake,
    /// Letters of another script hidden in a word (Cyrillic `а` in a Latin word).
    Confusable,
    /// Zero-width and bidirectional control characters.
    InvisibleChar,
    /// U+FFFD, the replacement character: a character lost in decoding.
    ReplacementChar,
    /// Text not in Unicode Normalization Form C.
    NotNfc,
    /// A proper name spelled two nearly identical ways in one document.
    NameDrift,
    /// A demonym of one country turning into a look-alike of another's.
    DemonymDrift,
    /// A first line that shares no content word with the text below it.
    ForeignHeadline,
    /// A trailing block of related-article titles and dates.
    BoilerplateTail,
    /// Embed labels such as `WATCH:` left at the start of a paragraph.
    EmbedResidue,
    /// An indefinite article that does not fit the sound of the next word (`an concept`).
    AOrAn,
    /// A typographic ligature character in a word (`ﬁnancial`).
    Ligature,
    /// An HTML character reference left in plain text (`&amp;`, `&#8217;`).
    HtmlEntity,
}

impl Kind {
    /// Every kind, in the order of the documentation.
    pub const ALL: [Kind; 21] = [
        Kind::Collocations,
        Kind::Phrases,
        Kind::QuotePlacement,
        Kind::UnbalancedQuote,
        Kind::MixedQuotes,
        Kind::BrokenHyphen,
        Kind::JoinedWords,
        Kind::RepeatedWord,
        Kind::Mojibake,
        Kind::Confusable,
        Kind::InvisibleChar,
        Kind::ReplacementChar,
        Kind::NotNfc,
        Kind::NameDrift,
        Kind::DemonymDrift,
        Kind::ForeignHeadline,
        Kind::BoilerplateTail,
        Kind::EmbedResidue,
        Kind::AOrAn,
        Kind::Ligature,
        Kind::HtmlEntity,
    ];

    /// Name as written in packs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Collocations => "collocations",
            Kind::Phrases => "phrases",
            Kind::QuotePlacement => "quote-placement",
            Kind::UnbalancedQuote => "unbalanced-quote",
            Kind::MixedQuotes => "mixed-quotes",
            Kind::BrokenHyphen => "broken-hyphen",
            Kind::JoinedWords => "joined-words",
            Kind::RepeatedWord => "repeated-word",
            Kind::Mojibake => "mojibake",
            Kind::Confusable => "confusable",
            Kind::InvisibleChar => "invisible-char",
            Kind::ReplacementChar => "replacement-char",
            Kind::NotNfc => "not-nfc",
            Kind::NameDrift => "name-drift",
            Kind::DemonymDrift => "demonym-drift",
            Kind::ForeignHeadline => "foreign-headline",
            Kind::BoilerplateTail => "boilerplate-tail",
            Kind::EmbedResidue => "embed-residue",
            Kind::AOrAn => "a-or-an",
            Kind::Ligature => "ligature",
            Kind::HtmlEntity => "html-entity",
        }
    }

    /// True for kinds that configure an engine check rather than list phrases.
    pub fn is_check(self) -> bool {
        !matches!(self, Kind::Collocations | Kind::Phrases)
    }

    /// The settings keys this kind accepts besides the common ones.
    fn settings(self) -> &'static [&'static str] {
        match self {
            Kind::Collocations => &["inflect", "allow", "names"],
            Kind::Phrases => &["inflect", "allow"],
            Kind::JoinedWords | Kind::RepeatedWord => &["allow"],
            Kind::NameDrift => &["allow", "min-similarity", "min-length"],
            Kind::DemonymDrift => &["allow", "min-similarity", "min-count", "class"],
            Kind::ForeignHeadline => &["max-words", "min-count"],
            Kind::BoilerplateTail => &["min-count"],
            _ => &[],
        }
    }
}

/// What the collocations of a table are, when they are names: a variant then counts only where
/// written as that kind of name is, and the table's swaps make no general substitution classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Names {
    /// Whole names (`new york`, `house of commons`): every word capitalised.
    Proper,
    /// Given names that are ordinary words (`bill`, `frank`): capitalised, before a surname.
    Given,
    /// Words that end names (`party`, `commission`): capitalised, after a capitalised word.
    Heads,
}

/// Thresholds of an engine check, as written; each check documents its defaults.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, Deserialize)]
pub struct Settings {
    /// Least similarity (Jaro-Winkler, 0 to 1) of two spellings read as one name.
    pub min_similarity: Option<f32>,
    /// Fewest letters of a word the check looks at.
    pub min_length: Option<u32>,
    /// Fewest uses or lines before the check speaks.
    pub min_count: Option<u32>,
    /// Most words of a line the check reads as a headline.
    pub max_words: Option<u32>,
    /// The class whose members the check watches (`demonym`).
    pub class: Option<String>,
}

/// One table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, try_from = "TableFields")]
pub struct RawTable {
    /// Rule id reported by this table.
    pub rule: Name,
    /// Table name, unique in its pack.
    pub name: Name,
    /// How entries are matched.
    pub kind: Kind,
    /// One line on the table.
    pub description: Option<String>,
    /// Severity of its findings.
    pub severity: Severity,
    /// Default confidence of its entries.
    pub confidence: f32,
    /// Whether to derive singular/plural forms of the last word.
    pub inflect: bool,
    /// What kind of names the collocations are, if names.
    pub names: Option<Names>,
    /// Fixed expressions (kind `collocations`).
    pub collocations: Vec<Collocation>,
    /// Substitutes per original word (kind `collocations`).
    pub substitutions: Substitutions,
    /// Tortured -> original (kind `phrases`).
    pub phrases: Vec<(Phrase, PhraseTarget)>,
    /// Ordinary English that must never fire.
    pub allow: Vec<Phrase>,
    /// Lines that must fire and lines that must stay silent.
    pub examples: Examples,
    /// Thresholds of an engine check.
    pub settings: Settings,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFields {
    rule: Name,
    name: Name,
    kind: Kind,
    description: Option<String>,
    severity: Option<Severity>,
    confidence: Option<Confidence>,
    inflect: Option<bool>,
    names: Option<Names>,
    collocations: Option<UniqueList<Collocation>>,
    substitutions: Option<Substitutions>,
    phrases: Option<PhraseMap>,
    allow: Option<UniqueList<Phrase>>,
    #[serde(default)]
    examples: Examples,
    #[serde(rename = "min-similarity")]
    min_similarity: Option<Fraction>,
    #[serde(rename = "min-length")]
    min_length: Option<Count>,
    #[serde(rename = "min-count")]
    min_count: Option<Count>,
    #[serde(rename = "max-words")]
    max_words: Option<Count>,
    class: Option<ClassRef>,
}

impl TableFields {
    /// The settings keys written in this table.
    fn written_settings(&self) -> Vec<&'static str> {
        let keys = [
            ("inflect", self.inflect.is_some()),
            ("names", self.names.is_some()),
            ("allow", self.allow.is_some()),
            ("min-similarity", self.min_similarity.is_some()),
            ("min-length", self.min_length.is_some()),
            ("min-count", self.min_count.is_some()),
            ("max-words", self.max_words.is_some()),
            ("class", self.class.is_some()),
        ];
        keys.iter().filter(|(_, on)| *on).map(|(k, _)| *k).collect()
    }

    /// Kind-specific checks of an engine-check table.
    fn check_table(&self, what: &str) -> Result<(), String> {
        let written = [
            ("collocations", self.collocations.is_some()),
            ("substitutions", self.substitutions.is_some()),
            ("phrases", self.phrases.is_some()),
        ];
        if let Some((key, _)) = written.iter().find(|(_, on)| *on) {
            return Err(at_key(key, format!(
                "{what} is an engine check: it takes no `collocations`, `substitutions` or `phrases`"
            )));
        }
        if self.kind == Kind::DemonymDrift && self.class.is_none() {
            return Err(at_key(
                "kind",
                format!("{what} needs `class`: the class of demonyms to watch"),
            ));
        }
        Ok(())
    }
}

/// Marks the key an error of a whole table is about, so that the error is placed at the key
/// ([`key_of_error`] reads it back when positioning the error).
fn at_key(key: &str, message: String) -> String {
    format!("{KEY_MARK}{key}{KEY_MARK}{message}")
}

const KEY_MARK: char = '\u{1}';

/// The key marked in a table's error message (by [`at_key`]) and the message without the mark.
pub(crate) fn key_of_error(message: &str) -> Option<(String, String)> {
    let (head, rest) = message.split_once(KEY_MARK)?;
    let (key, tail) = rest.split_once(KEY_MARK)?;
    Some((key.to_string(), format!("{head}{tail}")))
}

impl TryFrom<TableFields> for RawTable {
    type Error = String;

    fn try_from(t: TableFields) -> Result<Self, String> {
        let what = format!("table `{}` of kind `{}`", t.name.0, t.kind.as_str());
        let accepted = t.kind.settings();
        if let Some(key) = t.written_settings().iter().find(|k| !accepted.contains(k)) {
            let fits = if accepted.is_empty() {
                "no settings".to_string()
            } else {
                format!(
                    "only {}",
                    accepted
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return Err(at_key(
                key,
                format!("{what} does not take `{key}` (it takes {fits})"),
            ));
        }
        match t.kind {
            Kind::Collocations => {
                if t.phrases.is_some() {
                    return Err(at_key(
                        "phrases",
                        format!("{what} takes `collocations`, not `phrases`"),
                    ));
                }
                if t.collocations.as_ref().is_none_or(|c| c.0.is_empty()) {
                    let key = if t.collocations.is_some() {
                        "collocations"
                    } else {
                        "kind"
                    };
                    return Err(at_key(
                        key,
                        format!("{what} needs a non-empty `collocations` list"),
                    ));
                }
            }
            Kind::Phrases => {
                if t.collocations.is_some() || t.substitutions.is_some() {
                    let key = if t.collocations.is_some() {
                        "collocations"
                    } else {
                        "substitutions"
                    };
                    return Err(at_key(
                        key,
                        format!("{what} takes `phrases`, not `collocations` or `substitutions`"),
                    ));
                }
                if t.phrases.as_ref().is_none_or(|p| p.0.is_empty()) {
                    let key = if t.phrases.is_some() {
                        "phrases"
                    } else {
                        "kind"
                    };
                    return Err(at_key(
                        key,
                        format!("{what} needs a non-empty `phrases` map"),
                    ));
                }
            }
            _ => t.check_table(&what)?,
        }
        let settings = Settings {
            min_similarity: t.min_similarity.map(|f| f.0),
            min_length: t.min_length.map(|c| c.0),
            min_count: t.min_count.map(|c| c.0),
            max_words: t.max_words.map(|c| c.0),
            class: t.class.map(|c| c.0),
        };
        Ok(RawTable {
            rule: t.rule,
            name: t.name,
            kind: t.kind,
            description: t.description,
            severity: t.severity.unwrap_or(Severity::Warning),
            confidence: t.confidence.map_or(0.8, |c| c.0),
            inflect: t.inflect.unwrap_or(true),
            names: t.names,
            collocations: t.collocations.map(|c| c.0).unwrap_or_default(),
            substitutions: t.substitutions.unwrap_or_default(),
            phrases: t.phrases.map(|p| p.0).unwrap_or_default(),
            allow: t.allow.map(|a| a.0).unwrap_or_default(),
            examples: t.examples,
            settings,
        })
    }
}

/// Example lines of a table, run as tests.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Each line must draw a finding from the table.
    #[serde(default)]
    pub fire: Vec<String>,
    /// No line may draw a finding from the table.
    #[serde(default)]
    pub silent: Vec<String>,
}

/// A kebab-case name: rule id, pack or table name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Name(pub String);

/// True for lower-case ASCII words joined by single hyphens.
pub fn is_kebab_case(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("a kebab-case name", check_name))
    }
}

fn check_name(s: &str) -> Result<Name, String> {
    if is_kebab_case(s) {
        Ok(Name(s.to_string()))
    } else {
        Err(format!(
            "`{s}` is not kebab-case (lower-case words joined by `-`)"
        ))
    }
}

/// A confidence in `[0, 1]`; anything else is a parse error naming the value.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct Confidence(pub f32);

impl<'de> Deserialize<'de> for Confidence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Confidence;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a confidence between 0 and 1")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Confidence, E> {
                if (0.0..=1.0).contains(&v) {
                    Ok(Confidence(v as f32))
                } else {
                    Err(E::custom(format!("confidence {v} is outside [0, 1]")))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Confidence, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Confidence, E> {
                self.visit_f64(v as f64)
            }
        }
        d.deserialize_f64(V)
    }
}

/// A number in `[0, 1]` (a similarity or a share).
#[derive(Clone, Copy, Debug)]
struct Fraction(f32);

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Fraction;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number between 0 and 1")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Fraction, E> {
                if (0.0..=1.0).contains(&v) {
                    Ok(Fraction(v as f32))
                } else {
                    Err(E::custom(format!("{v} is outside [0, 1]")))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fraction, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Fraction, E> {
                self.visit_f64(v as f64)
            }
        }
        d.deserialize_f64(V)
    }
}

/// Largest count a setting may take.
const MAX_COUNT: u64 = 1_000_000;

/// A whole number from 1 to [`MAX_COUNT`].
#[derive(Clone, Copy, Debug)]
struct Count(u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number from 1")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                if (1..=MAX_COUNT).contains(&v) {
                    Ok(Count(v as u32))
                } else {
                    Err(E::custom(format!("{v} is outside 1..={MAX_COUNT}")))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom(format!("{v} is outside 1..={MAX_COUNT}"))),
                }
            }
        }
        d.deserialize_u64(V)
    }
}

/// The name of a class defined by a loaded pack.
#[derive(Clone, Debug)]
struct ClassRef(String);

impl<'de> Deserialize<'de> for ClassRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("a class name", |s: &str| {
            if !is_kebab_case(s) {
                Err(format!("`{s}` is not a valid class name"))
            } else if !class_is_known(s) {
                Err(format!("class `{s}` is never defined"))
            } else {
                Ok(ClassRef(s.to_string()))
            }
        }))
    }
}

/// A phrase as written: words separated by spaces, possibly with `{class}` slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase(pub String);

impl Phrase {
    /// The phrase's parts: words and class slots, in order.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        self.0.split_whitespace().map(|w| {
            match w.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
                Some(class) => Part::Class(class),
                None => Part::Word(w),
            }
        })
    }
}

/// One part of a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// A literal word, as written.
    Word(&'a str),
    /// A class slot `{name}`.
    Class(&'a str),
}

fn check_phrase(s: &str) -> Result<Phrase, String> {
    if s.trim().is_empty() {
        return Err("empty phrase".into());
    }
    let phrase = Phrase(s.split_whitespace().collect::<Vec<_>>().join(" "));
    for part in phrase.parts() {
        match part {
            Part::Class(name) if !is_kebab_case(name) => {
                return Err(format!("`{{{name}}}` is not a valid class slot"))
            }
            Part::Class(name) if !class_is_known(name) => {
                return Err(format!("class `{name}` is never defined"))
            }
            Part::Class(_) => {}
            Part::Word(w) => check_word(w)?,
        }
    }
    Ok(phrase)
}

fn check_word(w: &str) -> Result<(), String> {
    // Plain letters and digits are always one word; only other words need the tokeniser.
    if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Ok(());
    }
    if w.contains(['{', '}']) {
        return Err(format!(
            "`{w}`: braces only mark a whole-word class slot like `{{demonym}}`"
        ));
    }
    let norm = crate::normalise::normalize_str(w);
    let words = tokenize(&norm);
    let whole = words.len() == 1 && words[0].start == 0 && words[0].end as usize == norm.len();
    if !whole {
        return Err(format!(
            "`{w}` is not one word: punctuation outside a word means the phrase could never match"
        ));
    }
    Ok(())
}

/// Replacement text: any non-empty text, punctuation included (`10-fold cross-validation (CV)`);
/// it is suggested, never matched.
fn check_original(s: &str) -> Result<Phrase, String> {
    let text = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err("empty original".into());
    }
    Ok(Phrase(text))
}

/// An original phrase in a list of originals.
#[derive(Debug)]
struct Original(Phrase);

impl Keyed for Original {
    fn key_text(&self) -> &str {
        &self.0 .0
    }
}

impl<'de> Deserialize<'de> for Original {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("an original phrase", |s: &str| {
            check_original(s).map(Original)
        }))
    }
}

/// A collocation entry: a phrase, an optional confidence and substitutions of its own.
#[derive(Debug)]
pub struct Collocation {
    /// The fixed expression in its correct form.
    pub phrase: Phrase,
    /// Overrides the table's confidence.
    pub confidence: Option<f32>,
    /// Substitutes that apply to this collocation only, besides the table's.
    pub substitutions: Substitutions,
}

/// What a tortured phrase stands for: one or more originals and an optional confidence.
#[derive(Clone, Debug)]
pub struct PhraseTarget {
    /// Likely originals, best first.
    pub originals: Vec<Phrase>,
    /// Overrides the table's confidence.
    pub confidence: Option<f32>,
}

/// Original word or phrase -> its substitutes.
#[derive(Debug, Default)]
pub struct Substitutions(pub Vec<(Phrase, Vec<Phrase>)>);

/// Tortured phrase -> target, in file order.
#[derive(Debug, Default)]
struct PhraseMap(Vec<(Phrase, PhraseTarget)>);

/// Class name -> members, in file order.
#[derive(Debug, Default)]
pub struct Classes(pub Vec<(Name, Vec<Phrase>)>);

/// A list whose entries must be distinct.
#[derive(Debug)]
struct UniqueList<T>(Vec<T>);

/// Something with a key that must be unique in its list or map.
trait Keyed {
    /// The text whose normalised form must be unique.
    fn key_text(&self) -> &str;

    /// The normalised key, for messages.
    fn key(&self) -> String {
        crate::normalise::normalize_str(self.key_text())
    }

    /// A hash of the normalised key, computed without allocating for ASCII text.
    fn key_hash(&self) -> u64 {
        use std::hash::Hasher;
        let text = self.key_text();
        let mut h = rustc_hash::FxHasher::default();
        if text.is_ascii() {
            text.bytes()
                .for_each(|b| h.write_u8(b.to_ascii_lowercase()));
        } else {
            h.write(self.key().as_bytes());
        }
        h.finish()
    }
}

impl Keyed for Phrase {
    fn key_text(&self) -> &str {
        &self.0
    }
}

impl Keyed for Collocation {
    fn key_text(&self) -> &str {
        &self.phrase.0
    }
}

impl Keyed for Name {
    fn key_text(&self) -> &str {
        &self.0
    }
}

/// A visitor for one string, checked by a function.
struct StrVisitor<F>(&'static str, F);

impl<T, F: Fn(&str) -> Result<T, String>> Visitor<'_> for StrVisitor<F> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        (self.1)(s).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("a phrase", check_phrase))
    }
}

/// Deserialises one entry and rejects it when its key was seen before (error at the entry).
struct Unique<'s, T> {
    seen: &'s mut rustc_hash::FxHashSet<u64>,
    _t: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de> + Keyed> DeserializeSeed<'de> for Unique<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        // Checked inside the visitor, so that the error carries the entry's own position.
        d.deserialize_any(self)
    }
}

impl<T: Keyed> Unique<'_, T> {
    fn admit<E: de::Error>(self, value: T) -> Result<T, E> {
        if !self.seen.insert(value.key_hash()) {
            return Err(E::custom(format!("duplicate entry `{}`", value.key())));
        }
        Ok(value)
    }
}

impl<'de, T: Deserialize<'de> + Keyed> Visitor<'de> for Unique<'_, T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an entry")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        let value = T::deserialize(de::value::StrDeserializer::<E>::new(s))?;
        self.admit(value)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let value = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.admit(value)
    }
}

impl<'s, T> Unique<'s, T> {
    fn new(seen: &'s mut rustc_hash::FxHashSet<u64>) -> Self {
        Unique {
            seen,
            _t: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de> + Keyed> Deserialize<'de> for UniqueList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Keyed> Visitor<'de> for V<T> {
            type Value = UniqueList<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut seen = rustc_hash::FxHashSet::default();
                let mut out = Vec::new();
                while let Some(v) = seq.next_element_seed(Unique::new(&mut seen))? {
                    out.push(v);
                }
                Ok(UniqueList(out))
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

/// Reads a map with unique keys, each value read by `value`.
fn unique_map<'de, A, K, V>(
    mut map: A,
    mut value: impl FnMut(&mut A) -> Result<V, A::Error>,
) -> Result<Vec<(K, V)>, A::Error>
where
    A: MapAccess<'de>,
    K: Deserialize<'de> + Keyed,
{
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    while let Some(k) = map.next_key_seed(Unique::<K>::new(&mut seen))? {
        let v = value(&mut map)?;
        out.push((k, v));
    }
    Ok(out)
}

impl<'de> Deserialize<'de> for Substitutions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Substitutions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from a word to a list of substitutes")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Substitutions, A::Error> {
                let entries =
                    unique_map(map, |m| m.next_value::<UniqueList<Phrase>>().map(|l| l.0))?;
                Ok(Substitutions(entries))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for PhraseMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PhraseMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from a tortured phrase to its original")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PhraseMap, A::Error> {
                unique_map(map, |m| m.next_value::<PhraseTarget>()).map(PhraseMap)
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for Classes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Classes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from a class name to its members")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Classes, A::Error> {
                unique_map(map, |m| m.next_value::<UniqueList<Phrase>>().map(|l| l.0)).map(Classes)
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for Collocation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Collocation;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a phrase, or a map with `phrase`, `confidence` and `substitutions`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Collocation, E> {
                let phrase = check_phrase(s).map_err(E::custom)?;
                Ok(Collocation {
                    phrase,
                    confidence: None,
                    substitutions: Substitutions::default(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Collocation, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Full {
                    phrase: Phrase,
                    confidence: Option<Confidence>,
                    #[serde(default)]
                    substitutions: Substitutions,
                }
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Collocation {
                    phrase: full.phrase,
                    confidence: full.confidence.map(|c| c.0),
                    substitutions: full.substitutions,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for PhraseTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PhraseTarget;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an original phrase, a list of them, or a map with `original` and `confidence`",
                )
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<PhraseTarget, E> {
                let phrase = check_original(s).map_err(E::custom)?;
                Ok(PhraseTarget {
                    originals: vec![phrase],
                    confidence: None,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<PhraseTarget, A::Error> {
                let list = UniqueList::<Original>::deserialize(
                    de::value::SeqAccessDeserializer::new(seq),
                )?;
                let list = UniqueList(list.0.into_iter().map(|o| o.0).collect::<Vec<_>>());
                if list.0.is_empty() {
                    return Err(de::Error::custom("empty list of originals"));
                }
                Ok(PhraseTarget {
                    originals: list.0,
                    confidence: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PhraseTarget, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Full {
                    original: PhraseTarget,
                    confidence: Option<Confidence>,
                }
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(PhraseTarget {
                    originals: full.original.originals,
                    confidence: full.confidence.map(|c| c.0),
                })
            }
        }
        d.deserialize_any(V)
    }
}
