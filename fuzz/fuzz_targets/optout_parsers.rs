//! The opt-out parsers: robots.txt / ai.txt (texting_robots behind our
//! statuses and 500 KiB limit), tdmrep.json and its path patterns,
//! `X-Robots-Tag` directives, the HTML head scanner and charset decoding.
//!
//! Input: a control byte (which parser, and a path for the matchers), then
//! the bytes. Checks beyond "no panic": a verdict is `allowed` exactly when
//! its code says so; `*` matches every path; a pattern matches itself when
//! it holds no `*` or `$`; decoding as windows-1252 never fails.
#![no_main]

use libfuzzer_sys::fuzz_target;
use privasift_collect::html;
use privasift_collect::robots::{RobotsFile, verdict};
use privasift_collect::tdm::{self, NoAi, TdmrepFile, pattern_matches};

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    let agents = vec!["GPTBot".to_owned(), "CCBot".to_owned()];
    // The path to test: the part of the input after the last newline.
    let text = String::from_utf8_lossy(rest);
    let path = text.rsplit('\n').next().unwrap_or("/").to_owned();
    let path = if path.starts_with('/') { path } else { format!("/{path}") };
    match control % 5 {
        0 => {
            let status = [200u16, 404, 503, 301][usize::from(control / 5) % 4];
            let f = RobotsFile::from_fetch(status, rest, &agents);
            for missing in [true, false] {
                let v = verdict(&f, "robots.txt", &path, &agents, missing);
                assert_eq!(v.allowed, matches!(v.code, "allowed" | "unavailable") || (v.code == "missing" && missing));
            }
        }
        1 => {
            let f = TdmrepFile::parse(rest);
            let _ = f.rule_for(&path);
        }
        2 => {
            let (pat, subject) = text.split_once('\n').unwrap_or((&text, "/"));
            let _ = pattern_matches(pat, subject);
            assert!(pattern_matches("*", subject));
            if !pat.contains(['*', '$']) {
                assert!(pattern_matches(pat, pat));
            }
        }
        3 => {
            let mut n = NoAi::default();
            tdm::parse_robots_directives(&text, &agents, &mut n);
        }
        _ => {
            let head = html::scan_head(rest);
            let _ = html::decode(rest, head.charset.as_deref());
            assert!(html::decode(rest, Some("windows-1252")).is_ok());
        }
    }
});
