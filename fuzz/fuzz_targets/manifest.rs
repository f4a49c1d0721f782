//! The project manifest parser and the compliance engine: arbitrary text as
//! a manifest. Parsing never panics; a refused manifest names a line and
//! column inside the text; an accepted one is checked (every decision tree
//! and rule) without panicking, and checking twice gives the same findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match privasift_rules::parse(text, "fuzz.toml") {
        Err(e) => {
            let lines = text.lines().count().max(1) + 1;
            assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}", e.line);
            assert!(e.column >= 1);
        }
        Ok(m) => {
            let ev = privasift_rules::Evidence::default();
            let a = privasift_rules::check(&m, text, &ev);
            let b = privasift_rules::check(&m, text, &ev);
            assert_eq!(a.findings.len(), b.findings.len());
        }
    }
});
