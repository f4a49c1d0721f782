//! Postal blocks: the lines above a street line that name who the address
//! is for, as an envelope or a signature lays them out,
//!
//! ```text
//! > Rolando Lettiere        <- the recipient (PERSON)
//! > Caspio                  <- a company (ORGANIZATION)
//! > Rolando Lettiere        <- the recipient again
//! > 03220 Augsburger Str. 12
//! ```
//!
//! A block is read upwards from a street line (a house number, then a word:
//! "03220 Augsburger Str. 12", "688 rue du centre 320", or a military
//! "Unit 1009 Box 0219" / "PSC 3294, Box 9168") over at most three short
//! lines (one to five words, no digit, no sentence punctuation at the end,
//! maybe quoted with `>` or indented), up to a blank line or a line that is
//! not short. With two short lines or more, the top one is the recipient
//! when it reads as a name (two to four words, one of them in the name
//! gazetteers, or repeated lower in the block); the lines between that are
//! not the name again are organisations. A single line above a street line
//! is the person detector's (`envelope_name`): it may be either.
//!
//! Lines in lower case count only in text written all in lower case.

use crate::names::{is_first_name, is_surname};
use crate::words::title_case;

/// A postal block's recipient and the lines naming an organisation, as
/// byte ranges of the text (each a whole line without its quoting).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Block {
    /// The recipient's name, each line that holds it.
    pub names: Vec<(usize, usize)>,
    /// Lines between the name and the street: companies, departments.
    pub organisations: Vec<(usize, usize)>,
}

/// How many short lines a block holds above its street line.
const MAX_LINES: usize = 3;

/// The postal blocks of `text`. Cheap on text without a line that opens
/// with a number: each line's first bytes are looked at once.
pub(crate) fn postal_blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    if !may_hold_street(text.as_bytes()) {
        return out;
    }
    let lower_text = !text.bytes().any(|b| b.is_ascii_uppercase());
    let lines = lines(text);
    for (k, &(s, e)) in lines.iter().enumerate() {
        if !street_line(&text[s..e]) {
            continue;
        }
        // The short lines above, top first.
        let mut above: Vec<(usize, usize)> = Vec::new();
        for &(ls, le) in lines[..k].iter().rev() {
            if above.len() == MAX_LINES || !short_line(&text[ls..le], lower_text) {
                break;
            }
            above.push((ls, le));
        }
        if above.len() < 2 {
            continue;
        }
        above.reverse();
        let top = above[0];
        let top_text = &text[top.0..top.1];
        let repeated = above[1..].iter().any(|&(a, b)| &text[a..b] == top_text);
        if !(name_line(top_text, lower_text) || repeated && word_count(top_text) >= 2) {
            continue;
        }
        let mut block = Block::default();
        for &(a, b) in &above {
            if &text[a..b] == top_text {
                block.names.push((a, b));
            } else {
                block.organisations.push((a, b));
            }
        }
        out.push(block);
    }
    out
}

/// Whether a line after the first opens (past its quoting) with a house
/// number and a space, or with `Unit`, `PSC` or `CMR`: a street line may
/// follow others. One `memchr` per line.
fn may_hold_street(b: &[u8]) -> bool {
    memchr::memchr_iter(b'\n', b).any(|nl| {
        let mut at = nl + 1;
        while b
            .get(at)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'>' | b'?'))
        {
            at += 1;
        }
        let rest = &b[at.min(b.len())..];
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=5).contains(&digits) {
            return rest.get(digits) == Some(&b' ');
        }
        rest.get(..4).is_some_and(|w| {
            let w = [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20, w[3] | 0x20];
            matches!(&w, b"unit" | b"psc " | b"cmr ")
        })
    })
}

/// Each line's byte range without its quoting (`>`, `?` marks, indentation)
/// and trailing blanks. A blank line is an empty range.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for line in text.split('\n') {
        let e = s + line.len();
        let body = line.trim_start_matches([' ', '\t', '>', '?']);
        let body_end = body.trim_end().len();
        let from = e - body.len();
        out.push((from, from + body_end));
        s = e + 1;
    }
    out
}

/// A house number and a street, or a military unit's box.
fn street_line(line: &str) -> bool {
    let lower = line.get(..4).map(str::to_ascii_lowercase);
    if matches!(lower.as_deref(), Some("unit" | "psc " | "cmr ")) {
        return line.to_ascii_lowercase().contains("box ");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=5).contains(&digits) || line.as_bytes().get(digits) != Some(&b' ') {
        return false;
    }
    line[digits + 1..]
        .split(' ')
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

fn word_count(line: &str) -> usize {
    line.split(' ').filter(|w| !w.is_empty()).count()
}

/// One to five words of letters (and `-`, `'`, `.`, `&`, `,`), no digit,
/// not ending as a sentence or a label does; capitalised unless the whole
/// text is in lower case.
fn short_line(line: &str, lower_text: bool) -> bool {
    let n = word_count(line);
    if n == 0 || n > 5 || line.len() > 60 {
        return false;
    }
    if line.ends_with([':', '.', '?', '!', ',', ';']) {
        return false;
    }
    if !line
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | '&' | ','))
    {
        return false;
    }
    lower_text || line.chars().next().is_some_and(char::is_uppercase)
}

/// Two to four words, each capitalised (or, in lower-case text, in lower
/// case) or an initial, one of them a first name or a surname of the
/// gazetteers.
fn name_line(line: &str, lower_text: bool) -> bool {
    let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    if !(2..=4).contains(&words.len()) || line.contains(['&', ',']) {
        return false;
    }
    let cased = |w: &str| {
        let first = w.chars().next().is_some_and(|c| {
            if lower_text {
                c.is_lowercase()
            } else {
                c.is_uppercase()
            }
        });
        first && !w.chars().skip(1).any(char::is_uppercase)
    };
    if !words.iter().all(|w| cased(w)) {
        return false;
    }
    words.iter().any(|w| {
        let w = if lower_text {
            title_case(w)
        } else {
            (*w).to_owned()
        };
        w.chars().count() >= 3 && (is_first_name(&w) || is_surname(&w))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Vec<&str>, Vec<&str>)> {
        postal_blocks(text)
            .iter()
            .map(|b| {
                let of = |v: &[(usize, usize)]| v.iter().map(|&(a, e)| &text[a..e]).collect();
                (of(&b.names), of(&b.organisations))
            })
            .collect()
    }

    #[test]
    fn recipient_and_company_above_the_street() {
        assert_eq!(
            read(">Marta Palermo\n>Cityscan\n>Marta Palermo\n>1072 Pohlstrasse 9\n>Suite 1"),
            vec![(vec!["Marta Palermo", "Marta Palermo"], vec!["Cityscan"])]
        );
        assert_eq!(
            read("Dreux Joly\nPaxata\nPSC 3294, Box 9168\nAPO AA 61487"),
            vec![(vec!["Dreux Joly"], vec!["Paxata"])]
        );
        assert_eq!(
            read("emidio p lombardo\ngarcia-smith\nunit 1009 box 0219\ndpo ap 51065"),
            vec![(vec!["emidio p lombardo"], vec!["garcia-smith"])]
        );
    }

    #[test]
    fn what_is_no_block() {
        for text in [
            // One line above the street: the person detector's.
            "Marta Palermo\n1072 Pohlstrasse 9",
            // A sentence above, not a name.
            "Please send it to:\nCityscan\n1072 Pohlstrasse 9",
            "Contact Us\nOpening Hours\n12 Main Street",
            // A blank line between.
            "Marta Palermo\n\nCityscan\n1072 Pohlstrasse 9",
            // Lower case in a text that has capitals.
            "Marta Palermo\ncityscan\n1072 Pohlstrasse 9",
            "no newline 12 Main Street",
            "",
        ] {
            assert_eq!(read(text), Vec::new(), "{text:?}");
        }
    }

    #[test]
    fn offsets_stay_on_char_boundaries() {
        let text = "> Élodie Gérard\n> Société Générale\n> 12 rue de la Paix\n";
        let got = read(text);
        assert_eq!(got, vec![(vec!["Élodie Gérard"], vec!["Société Générale"])]);
    }
}
