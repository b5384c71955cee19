//! HTML character references: numeric ones, and the named ones prose uses (the Latin-1 set,
//! typographic quotes and dashes, a few symbols). An unknown name is left as written.

/// Names of U+00A0 to U+00FF, in code-point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Other named references, by name.
const OTHER: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("euro", '€'),
    ("trade", '™'),
    ("minus", '−'),
    ("larr", '←'),
    ("rarr", '→'),
];

/// Decodes the character reference at the start of `s` (which starts with `&`): the character
/// and the reference's length in bytes.
pub fn decode_at(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix('&')?;
    let semi = body.bytes().take(33).position(|b| b == b';')?;
    let name = &body[..semi];
    let c = if let Some(num) = name.strip_prefix('#') {
        numeric(num)?
    } else {
        named(name)?
    };
    Some((c, semi + 2))
}

fn numeric(num: &str) -> Option<char> {
    let value = match num.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => num.parse::<u32>().ok()?,
    };
    if num.is_empty() || num.starts_with(['+', '-']) {
        return None;
    }
    Some(match value {
        0 => '\u{fffd}',
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    })
}

fn named(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    OTHER.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode() {
        assert_eq!(decode_at("&amp; x"), Some(('&', 5)));
        assert_eq!(decode_at("&rsquo;s"), Some(('’', 7)));
        assert_eq!(decode_at("&eacute;"), Some(('é', 8)));
        assert_eq!(decode_at("&yuml;"), Some(('ÿ', 6)));
        assert_eq!(decode_at("&#8217;"), Some(('’', 7)));
        assert_eq!(decode_at("&#x1F600;"), Some(('😀', 9)));
        assert_eq!(decode_at("&#xD800;"), Some(('\u{fffd}', 8)));
        assert_eq!(decode_at("&bogus;"), None);
        assert_eq!(decode_at("& plain"), None);
        assert_eq!(decode_at("&#;"), None);
    }
}
