//! What the HTML says before its text is extracted: the `<meta>` tags of
//! the head (robots, per-agent robots, `tdm-reservation`, `tdm-policy`,
//! charset), read with a small byte scanner so that deciding a page never
//! costs a DOM; then the main text (`dom_smoothie`, a port of Mozilla's
//! Readability) and its language (`whatlang` on a sample).

/// How far into a page the head is looked for.
const HEAD_SCAN_BYTES: usize = 64 << 10;

/// A `<meta name=... content=...>` of the head.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub name: String,
    pub content: String,
}

/// The head's meta tags of interest, and the declared charset.
#[derive(Clone, Debug, Default)]
pub struct Head {
    pub metas: Vec<Meta>,
    pub charset: Option<String>,
}

/// Scans the start of `html` for `<meta>` tags until `<body` or
/// [`HEAD_SCAN_BYTES`].
pub fn scan_head(html: &[u8]) -> Head {
    let hay = html.get(..HEAD_SCAN_BYTES.min(html.len())).unwrap_or(html);
    let mut head = Head::default();
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', hay.get(i..).unwrap_or_default()) {
        let start = i + off + 1;
        let rest = hay.get(start..).unwrap_or_default();
        if starts_with_ci(rest, b"body") {
            break;
        }
        if starts_with_ci(rest, b"!--") {
            // Skip comments.
            match memchr::memmem::find(rest, b"-->") {
                Some(e) => {
                    i = start + e + 3;
                    continue;
                }
                None => break,
            }
        }
        let end = memchr::memchr(b'>', rest).map_or(rest.len(), |e| e);
        let tag = rest.get(..end).unwrap_or_default();
        i = start + end;
        if !(starts_with_ci(tag, b"meta") && tag.get(4).is_some_and(u8::is_ascii_whitespace)) {
            continue;
        }
        let attrs = parse_attrs(tag.get(4..).unwrap_or_default());
        let get = |n: &str| {
            attrs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
        };
        if let Some(cs) = get("charset") {
            head.charset = Some(cs.trim().to_ascii_lowercase());
        }
        if let Some(he) = get("http-equiv") {
            if he.eq_ignore_ascii_case("content-type")
                && let Some(c) = get("content")
                && let Some(cs) = c.split(';').find_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    k.trim()
                        .eq_ignore_ascii_case("charset")
                        .then(|| v.trim().to_ascii_lowercase())
                })
            {
                head.charset = Some(cs);
            }
            // `<meta http-equiv="X-Robots-Tag">` is read like a name.
            if he.eq_ignore_ascii_case("x-robots-tag") {
                head.metas.push(Meta {
                    name: "robots".into(),
                    content: get("content").unwrap_or_default(),
                });
            }
        }
        if let Some(name) = get("name").or_else(|| get("property")) {
            head.metas.push(Meta {
                name: name.trim().to_ascii_lowercase(),
                content: get("content").unwrap_or_default(),
            });
        }
    }
    head
}

fn starts_with_ci(s: &[u8], p: &[u8]) -> bool {
    s.len() >= p.len() && s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
}

/// Attributes of a tag (`name="v"`, `name='v'`, `name=v`, `name`).
fn parse_attrs(s: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let at = |i: usize| s.get(i).copied();
    while i < s.len() {
        while at(i).is_some_and(|b| b.is_ascii_whitespace() || b == b'/') {
            i += 1;
        }
        let ns = i;
        while at(i).is_some_and(|b| !b.is_ascii_whitespace() && b != b'=' && b != b'/') {
            i += 1;
        }
        if i == ns {
            break;
        }
        let name = String::from_utf8_lossy(s.get(ns..i).unwrap_or_default()).into_owned();
        while at(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let mut value = String::new();
        if at(i) == Some(b'=') {
            i += 1;
            while at(i).is_some_and(|b| b.is_ascii_whitespace()) {
                i += 1;
            }
            if let Some(q @ (b'"' | b'\'')) = at(i) {
                let vs = i + 1;
                let ve =
                    memchr::memchr(q, s.get(vs..).unwrap_or_default()).map_or(s.len(), |e| vs + e);
                value = String::from_utf8_lossy(s.get(vs..ve).unwrap_or_default()).into_owned();
                i = ve + 1;
            } else {
                let vs = i;
                while at(i).is_some_and(|b| !b.is_ascii_whitespace()) {
                    i += 1;
                }
                value = String::from_utf8_lossy(s.get(vs..i).unwrap_or_default()).into_owned();
            }
        }
        out.push((name, decode_entities(&value)));
    }
    out
}

fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_owned();
    }
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Why a body could not be turned into text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    InvalidUtf8 { at: usize },
    Unsupported(String),
}

/// The body as text: UTF-8 (the default), or windows-1252 / ISO-8859-1 /
/// ASCII when the page declares them. Other charsets are refused.
pub fn decode(body: &[u8], charset: Option<&str>) -> Result<String, DecodeError> {
    let cs = charset.unwrap_or("utf-8");
    match cs {
        "utf-8" | "utf8" => {
            let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
            std::str::from_utf8(body)
                .map(str::to_owned)
                .map_err(|e| DecodeError::InvalidUtf8 {
                    at: e.valid_up_to(),
                })
        }
        "iso-8859-1" | "latin1" | "latin-1" | "windows-1252" | "cp1252" | "us-ascii" | "ascii"
        | "iso-8859-15" => Ok(body.iter().map(|&b| cp1252(b)).collect()),
        other => Err(DecodeError::Unsupported(other.chars().take(40).collect())),
    }
}

/// windows-1252, the superset browsers use for ISO-8859-1 labels.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH.get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{fffd}')
    } else {
        char::from(b)
    }
}

/// The main text of an HTML page (boilerplate, menus and scripts removed),
/// paragraphs separated by blank lines. `None` when the extractor finds no
/// article.
pub fn main_text(html: &str, url: &str) -> Option<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..dom_smoothie::Config::default()
    };
    let url = url::Url::parse(url).ok().map(|u| u.to_string());
    // The extractor is a large third-party DOM library: should it panic on
    // some page, that page has no text and the run goes on.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut r = dom_smoothie::Readability::new(html, url.as_deref(), Some(cfg)).ok()?;
        let article = r.parse().ok()?;
        let text = article.text_content.trim().to_owned();
        (!text.is_empty()).then_some(text)
    }))
    .ok()
    .flatten()
}

/// The language of `text` from a sample of its first 2,000 bytes (whatlang
/// is slow on long texts): an ISO 639-1 code where one exists, else ISO
/// 639-3; `None` when too short or unreliable.
pub fn language(text: &str) -> Option<(String, f64)> {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = text.get(..end)?;
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some((iso639_1(info.lang().code()).to_owned(), info.confidence()))
}

/// ISO 639-3 (whatlang) to ISO 639-1 for the languages that have one.
pub fn iso639_1(code3: &str) -> &str {
    match code3 {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "pol" => "pl",
        "rus" => "ru",
        "ukr" => "uk",
        "ces" => "cs",
        "slk" => "sk",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "bul" => "bg",
        "ron" => "ro",
        "hun" => "hu",
        "fin" => "fi",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "est" => "et",
        "lav" => "lv",
        "lit" => "lt",
        "ell" => "el",
        "tur" => "tr",
        "ara" => "ar",
        "heb" => "he",
        "pes" => "fa",
        "hin" => "hi",
        "ben" => "bn",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "cat" => "ca",
        "epo" => "eo",
        "lat" => "la",
        other => other,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn reads_meta_tags() {
        let h = scan_head(
            br#"<!doctype html><html><head><meta charset="ISO-8859-1"><!-- <meta name="robots" content="noai"> -->
            <META NAME="robots" CONTENT="noindex, noai"><meta name=tdm-reservation content=1>
            <meta content="https://x.example/p" name="tdm-policy"/></head><body><meta name="robots" content="noimageai">"#,
        );
        assert_eq!(h.charset.as_deref(), Some("iso-8859-1"));
        let names: Vec<(&str, &str)> = h
            .metas
            .iter()
            .map(|m| (m.name.as_str(), m.content.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("robots", "noindex, noai"),
                ("tdm-reservation", "1"),
                ("tdm-policy", "https://x.example/p")
            ]
        );
    }

    #[test]
    fn decodes_latin1_and_refuses_bad_utf8() {
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1")).unwrap(), "café");
        assert_eq!(
            decode(b"caf\xe9", None),
            Err(DecodeError::InvalidUtf8 { at: 3 })
        );
    }

    #[test]
    fn extracts_main_text_and_language() {
        let html = format!(
            "<html><head><title>t</title></head><body><nav>Accueil | Contact</nav><article><h1>Titre</h1><p>{}</p><p>{}</p></article><footer>mentions</footer></body></html>",
            "Le chat dort sur le canapé pendant que la pluie tombe doucement sur les toits de la ville. ".repeat(8),
            "Les enfants rentrent de l'école et racontent leur journée à leurs parents. ".repeat(8)
        );
        let text = main_text(&html, "https://a.example/p").unwrap();
        assert!(text.contains("Le chat dort"));
        assert!(!text.contains("Accueil | Contact"));
        assert_eq!(language(&text).unwrap().0, "fr");
    }
}
