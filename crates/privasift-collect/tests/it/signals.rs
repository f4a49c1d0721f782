//! Every signal alone and in combination: decision and reason per page.

use std::collections::HashSet;

use privasift_collect::Policy;
use privasift_collect::filter::FilterOptions;
use privasift_core::Label;
use privasift_transform::{Key, suppress_hash};

use crate::{Crawl, ENGLISH, FRENCH, html, policy, run, run_with};

#[test]
fn robots_allows_gptbot_but_tdm_header_reserves() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.robots(
        "news.example",
        200,
        b"User-agent: GPTBot\nAllow: /\n\nUser-agent: *\nAllow: /\n",
    );
    c.page(
        "https://news.example/a",
        &[
            ("tdm-reservation", "1"),
            ("tdm-policy", "https://news.example/tdm.json"),
        ],
        "",
    );
    c.page("https://news.example/b", &[], "");
    let p = c.save(dir.path(), "crawl.warc.gz");
    let (got, s) = run(&[p], &Policy::default());
    assert_eq!(got.outcome("https://news.example/a"), "tdm-reserved");
    let ex = got.excluded.iter().find(|e| e.0.ends_with("/a")).unwrap();
    assert_eq!(ex.2, "tdm-reservation-header");
    assert!(ex.3.contains("https://news.example/tdm.json"), "{}", ex.3);
    assert_eq!(got.outcome("https://news.example/b"), "kept");
    let kept = got.kept_page("https://news.example/b");
    assert!(
        kept.decisions
            .iter()
            .any(|c| c.signal == "robots.txt" && c.code == "robots-allowed")
    );
    assert!(kept.text.contains("harbour town"));
    assert!(!kept.text.contains("Legal notice"));
    assert_eq!(kept.lang.as_deref(), Some("en"));
    assert_eq!(s.pages_read, 2);
    assert_eq!(s.excluded_by_reason.get("tdm-reserved"), Some(&1));
    assert_eq!(s.signal_records.get("robots.txt"), Some(&1));
    assert_eq!(s.request_records, 3);
    assert_eq!(s.requests_paired, 3);
    assert_eq!(s.metadata_records, 3);
    assert_eq!(s.metadata_paired, 3);
}

#[test]
fn robots_disallow_for_one_ai_agent_excludes() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(false);
    c.robots(
        "blog.example",
        200,
        b"User-agent: CCBot\nDisallow: /private/\n\nUser-agent: *\nDisallow: /admin/\n",
    );
    c.page("https://blog.example/private/x", &[], "");
    c.page("https://blog.example/admin/y", &[], "");
    c.page("https://blog.example/public", &[], "");
    let p = c.save(dir.path(), "crawl.warc");
    let (got, _) = run(&[p], &Policy::default());
    assert_eq!(
        got.outcome("https://blog.example/private/x"),
        "robots-disallow"
    );
    assert!(
        got.reason("https://blog.example/private/x")
            .contains("CCBot")
    );
    assert!(
        !got.reason("https://blog.example/private/x")
            .contains("GPTBot")
    );
    // Every other agent falls back to `*`.
    assert_eq!(
        got.outcome("https://blog.example/admin/y"),
        "robots-disallow"
    );
    assert!(
        got.reason("https://blog.example/admin/y")
            .contains("GPTBot")
    );
    assert_eq!(got.outcome("https://blog.example/public"), "kept");
}

#[test]
fn robots_missing_unreachable_malformed_huge() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    // missing: no robots.txt for a.example
    c.page("https://a.example/p", &[], "");
    // unavailable (404): allowed
    c.robots("b.example", 404, b"not found");
    c.page("https://b.example/p", &[], "");
    // unreachable (503): everything disallowed
    c.robots("c.example", 503, b"");
    c.page("https://c.example/p", &[], "");
    // malformed: not UTF-8
    c.robots("d.example", 200, b"User-agent: *\nDisallow: /caf\xe9\n");
    c.page("https://d.example/p", &[], "");
    // huge: 10 MB, a rule at the top is honoured, the rest is cut
    let mut huge = b"User-agent: *\nDisallow: /closed/\n".to_vec();
    while huge.len() < 10 << 20 {
        huge.extend_from_slice(b"Disallow: /a/very/long/path/that/never/matches/anything\n");
    }
    huge.extend_from_slice(b"Disallow: /open/\n");
    c.robots("e.example", 200, &huge);
    c.page("https://e.example/closed/p", &[], "");
    c.page("https://e.example/open/p", &[], "");
    let p = c.save(dir.path(), "crawl.warc.gz");
    let (got, s) = run(std::slice::from_ref(&p), &Policy::default());
    assert_eq!(got.outcome("https://a.example/p"), "kept");
    let missing = got.kept_page("https://a.example/p");
    assert!(
        missing
            .decisions
            .iter()
            .any(|c| c.code == "robots-missing" && c.reason.contains("no robots.txt"))
    );
    assert_eq!(got.outcome("https://b.example/p"), "kept");
    assert_eq!(got.outcome("https://c.example/p"), "robots-unreachable");
    assert!(got.reason("https://c.example/p").contains("503"));
    assert_eq!(got.outcome("https://d.example/p"), "robots-unparseable");
    assert!(got.reason("https://d.example/p").contains("not UTF-8"));
    assert_eq!(got.outcome("https://e.example/closed/p"), "robots-disallow");
    assert!(got.reason("https://e.example/closed/p").contains("500 KiB"));
    // The rule past 500 KiB was not read: the page is kept, and its trail
    // says the file was cut.
    assert_eq!(got.outcome("https://e.example/open/p"), "kept");
    assert!(
        got.kept_page("https://e.example/open/p")
            .decisions
            .iter()
            .any(|c| c.reason.contains("500 KiB"))
    );
    assert_eq!(s.errors, 0);

    // A policy that excludes hosts without robots.txt.
    let (got, _) = run(&[p], &policy("[robots]\nmissing = \"exclude\"\n"));
    assert_eq!(got.outcome("https://a.example/p"), "robots-missing");
}

#[test]
fn robots_from_a_separate_warc_and_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    // Common Crawl keeps robots.txt in their own files: given after the
    // pages, they still decide (the pre-scan reads every input first).
    let mut pages = Crawl::new(true);
    pages.page("https://shop.example/cart", &[], "");
    pages.page("https://cached.example/x", &[], "");
    pages.page("https://cached.example/ok", &[], "");
    let pages = pages.save(dir.path(), "pages.warc.gz");
    let mut robots = Crawl::new(true);
    robots.robots(
        "shop.example",
        200,
        b"User-agent: GPTBot\nDisallow: /cart\n",
    );
    let robots = robots.save(dir.path(), "robotstxt.warc.gz");
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(cache.join("cached.example")).unwrap();
    std::fs::write(
        cache.join("cached.example/robots.txt"),
        "User-agent: ClaudeBot\nDisallow: /x\n",
    )
    .unwrap();
    let opts = FilterOptions {
        robots_cache: Some(cache.clone()),
        ..FilterOptions::default()
    };
    let (got, s) = run_with(&[pages, robots], &Policy::default(), &opts);
    assert_eq!(got.outcome("https://shop.example/cart"), "robots-disallow");
    assert_eq!(got.outcome("https://cached.example/x"), "robots-disallow");
    assert!(got.reason("https://cached.example/x").contains("ClaudeBot"));
    assert_eq!(got.outcome("https://cached.example/ok"), "kept");
    assert_eq!(s.hosts_with_signals, 2);
    // Unreachable recorded in the cache.
    std::fs::write(
        cache.join("cached.example/robots.txt.status"),
        "unreachable",
    )
    .unwrap();
    let mut c = Crawl::new(false);
    c.page("https://cached.example/ok", &[], "");
    let p = c.save(dir.path(), "again.warc");
    let (got, _) = run_with(&[p], &Policy::default(), &opts);
    assert_eq!(
        got.outcome("https://cached.example/ok"),
        "robots-unreachable"
    );
}

#[test]
fn ai_txt() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.fetch(
        "https://art.example/ai.txt",
        200,
        &[("Content-Type", "text/plain")],
        b"# Spawning AI\nUser-Agent: *\nDisallow: /gallery/\nDisallow: *.jpg\n",
    );
    c.page("https://art.example/gallery/one", &[], "");
    c.page("https://art.example/about", &[], "");
    let p = c.save(dir.path(), "c.warc.gz");
    let (got, s) = run(std::slice::from_ref(&p), &Policy::default());
    assert_eq!(
        got.outcome("https://art.example/gallery/one"),
        "ai-txt-disallow"
    );
    assert_eq!(got.outcome("https://art.example/about"), "kept");
    assert_eq!(s.signal_records.get("ai.txt"), Some(&1));
    // Switched off by the policy.
    let (got, _) = run(&[p], &policy("[signals]\nai-txt = false\n"));
    assert_eq!(got.outcome("https://art.example/gallery/one"), "kept");
}

#[test]
fn tdmrep_json_with_path_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.fetch(
        "https://press.example/.well-known/tdmrep.json",
        200,
        &[("Content-Type", "application/json")],
        br#"[
          {"location": "/open/*", "tdm-reservation": 0},
          {"location": "/*.pdf$", "tdm-reservation": 1},
          {"location": "/articles/*", "tdm-reservation": 1, "tdm-policy": "https://press.example/policies/tdm.json"}
        ]"#,
    );
    c.page("https://press.example/open/story", &[], "");
    c.page("https://press.example/articles/story", &[], "");
    c.page("https://press.example/other/story", &[], "");
    c.fetch(
        "https://press.example/files/report.pdf",
        200,
        &[("Content-Type", "text/plain")],
        ENGLISH.as_bytes(),
    );
    // A broken tdmrep.json: pages of that host are excluded.
    c.fetch(
        "https://broken.example/.well-known/tdmrep.json",
        200,
        &[("Content-Type", "application/json")],
        br#"[{"location": "/", "tdm-reservation": "maybe"}]"#,
    );
    c.page("https://broken.example/p", &[], "");
    let p = c.save(dir.path(), "c.warc.gz");
    let (got, s) = run(&[p], &Policy::default());
    assert_eq!(got.outcome("https://press.example/open/story"), "kept");
    assert_eq!(
        got.outcome("https://press.example/articles/story"),
        "tdm-reserved"
    );
    assert!(
        got.reason("https://press.example/articles/story")
            .contains("https://press.example/policies/tdm.json")
    );
    assert_eq!(got.outcome("https://press.example/other/story"), "kept");
    assert_eq!(
        got.outcome("https://press.example/files/report.pdf"),
        "tdm-reserved"
    );
    assert_eq!(
        got.outcome("https://broken.example/p"),
        "tdmrep-unparseable"
    );
    assert!(got.reason("https://broken.example/p").contains("rule 1"));
    assert_eq!(s.signal_records.get("tdmrep.json"), Some(&2));
}

#[test]
fn tdm_meta_and_noai() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(false);
    c.page(
        "https://m.example/meta",
        &[],
        r#"<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="https://m.example/p">"#,
    );
    c.page(
        "https://m.example/meta0",
        &[],
        r#"<meta name="tdm-reservation" content="0">"#,
    );
    c.page(
        "https://m.example/metabad",
        &[],
        r#"<meta name="tdm-reservation" content="yes">"#,
    );
    c.page(
        "https://m.example/hdrbad",
        &[("tdm-reservation", "reserved")],
        "",
    );
    c.page(
        "https://m.example/noai-header",
        &[("X-Robots-Tag", "noindex, noai")],
        "",
    );
    c.page(
        "https://m.example/noai-other-bot",
        &[("X-Robots-Tag", "somebot: noai")],
        "",
    );
    c.page(
        "https://m.example/noai-gptbot",
        &[("X-Robots-Tag", "GPTBot: noai")],
        "",
    );
    c.page(
        "https://m.example/noai-meta",
        &[],
        r#"<meta name="robots" content="noai, noimageai">"#,
    );
    c.page(
        "https://m.example/noai-agent-meta",
        &[],
        r#"<meta name="CCBot" content="noai">"#,
    );
    c.page(
        "https://m.example/noimageai",
        &[],
        r#"<meta name="robots" content="noimageai">"#,
    );
    c.fetch(
        "https://m.example/pic.png",
        200,
        &[("Content-Type", "image/png"), ("X-Robots-Tag", "noimageai")],
        b"\x89PNG",
    );
    let p = c.save(dir.path(), "c.warc");
    let (got, _) = run(std::slice::from_ref(&p), &Policy::default());
    assert_eq!(got.outcome("https://m.example/meta"), "tdm-reserved");
    assert_eq!(got.outcome("https://m.example/meta0"), "kept");
    assert_eq!(got.outcome("https://m.example/metabad"), "tdm-unparseable");
    assert_eq!(got.outcome("https://m.example/hdrbad"), "tdm-unparseable");
    assert_eq!(got.outcome("https://m.example/noai-header"), "noai");
    assert_eq!(got.outcome("https://m.example/noai-other-bot"), "kept");
    assert_eq!(got.outcome("https://m.example/noai-gptbot"), "noai");
    assert_eq!(got.outcome("https://m.example/noai-meta"), "noai");
    assert_eq!(got.outcome("https://m.example/noai-agent-meta"), "noai");
    // noimageai covers images: a page is kept (its images are not
    // collected), an image is excluded.
    assert_eq!(got.outcome("https://m.example/noimageai"), "kept");
    let kept = got.kept_page("https://m.example/noimageai");
    assert!(
        kept.decisions
            .iter()
            .any(|c| c.code == "noimageai-images-only")
    );
    let pic = got
        .excluded
        .iter()
        .find(|e| e.0.ends_with("pic.png"))
        .unwrap();
    assert!(pic.4.contains(&"noimageai".to_owned()), "{:?}", pic.4);
    let (got, _) = run(
        &[p],
        &policy("[signals]\nnoimageai-excludes-pages = true\n"),
    );
    assert_eq!(got.outcome("https://m.example/noimageai"), "noimageai");
}

#[test]
fn sensitive_sites_by_domain_and_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.page("https://www.doctolib.fr/medecin", &[], "");
    c.page("https://forum.grindr.com/x", &[], "");
    c.page("https://cgt.fr/actu", &[], "");
    c.page(
        "https://www.forum.example/forums/depression/thread-1",
        &[],
        "",
    );
    c.page("https://clinic.example/", &[], "");
    c.page("https://mine.example/", &[], "");
    let p = c.save(dir.path(), "c.warc.gz");
    let (got, s) = run(std::slice::from_ref(&p), &Policy::default());
    assert_eq!(
        got.outcome("https://www.doctolib.fr/medecin"),
        "sensitive-domain"
    );
    assert!(
        got.reason("https://www.doctolib.fr/medecin")
            .contains("health")
    );
    assert_eq!(
        got.outcome("https://forum.grindr.com/x"),
        "sensitive-domain"
    );
    assert_eq!(got.outcome("https://cgt.fr/actu"), "sensitive-domain");
    assert_eq!(
        got.outcome("https://www.forum.example/forums/depression/thread-1"),
        "sensitive-url"
    );
    assert_eq!(got.outcome("https://clinic.example/"), "kept");
    assert_eq!(s.excluded_by_category.get("health"), Some(&2));
    assert_eq!(s.excluded_by_category.get("sexual-orientation"), Some(&1));
    assert_eq!(s.excluded_by_category.get("trade-union"), Some(&1));
    // Extended by the user; one category kept.
    let (got, s) = run(
        &[p],
        &policy(
            "[sensitive]\ncategories = [\"health\", \"sexual-orientation\"]\nextra-domains = { health = [\"clinic.example\"] }\n",
        ),
    );
    assert_eq!(got.outcome("https://clinic.example/"), "sensitive-domain");
    assert_eq!(got.outcome("https://cgt.fr/actu"), "kept");
    assert_eq!(s.excluded_by_category.get("trade-union"), None);
}

#[test]
fn objections_of_the_controller_and_of_people() {
    let dir = tempfile::tempdir().unwrap();
    let key = Key::from_bytes([7u8; 32]);
    let mut c = Crawl::new(true);
    c.page("https://objector.example/a", &[], "");
    c.page("https://sub.objector.example/b", &[], "");
    c.page("https://site.example/one", &[], "");
    c.page("https://site.example/dir/two", &[], "");
    let with_person =
        format!("{ENGLISH} Write to Jeanne at Jeanne.Exemple@Example.org or call 06 12 34 56 78.");
    c.fetch(
        "https://people.example/contact",
        200,
        &[("Content-Type", "text/html")],
        html("", &with_person).as_bytes(),
    );
    let other = format!("{ENGLISH} Write to someone.else@example.org.");
    c.fetch(
        "https://people.example/other",
        200,
        &[("Content-Type", "text/html")],
        html("", &other).as_bytes(),
    );
    let p = c.save(dir.path(), "c.warc.gz");
    let mut pol = policy(
        "[objections]\ndomains = [\"objector.example\"]\nurls = [\"https://site.example/one\", \"https://site.example/dir/*\"]\n",
    );
    let mut hashes = HashSet::new();
    hashes.insert(suppress_hash(
        &key,
        Label::Email,
        "jeanne.exemple@example.org",
    ));
    pol.people = hashes;
    let people = privasift_collect::people::People::new(key).unwrap();
    let mut got = crate::Collected::default();
    let s = privasift_collect::filter(
        &[p],
        &pol,
        Some(&people),
        &FilterOptions::default(),
        &mut got,
    )
    .unwrap();
    assert_eq!(
        got.outcome("https://objector.example/a"),
        "objection-domain"
    );
    assert_eq!(
        got.outcome("https://sub.objector.example/b"),
        "objection-domain"
    );
    assert_eq!(got.outcome("https://site.example/one"), "objection-url");
    assert_eq!(got.outcome("https://site.example/dir/two"), "objection-url");
    assert_eq!(
        got.outcome("https://people.example/contact"),
        "objection-person"
    );
    let why = got.reason("https://people.example/contact");
    assert!(
        why.contains("e-mail") && !why.to_lowercase().contains("jeanne"),
        "{why}"
    );
    assert_eq!(got.outcome("https://people.example/other"), "kept");
    assert_eq!(s.excluded_by_reason.get("objection-person"), Some(&1));
}

#[test]
fn collection_criteria() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(false);
    c.fetch(
        "https://fr.example/article",
        200,
        &[("Content-Type", "text/html; charset=utf-8")],
        html("", FRENCH).as_bytes(),
    );
    c.page("https://fr.example/english", &[], "");
    c.fetch(
        "https://fr.example/doc.pdf",
        200,
        &[("Content-Type", "application/pdf")],
        b"%PDF-1.4",
    );
    c.fetch_on(
        "https://fr.example/old",
        "2019-05-01T00:00:00Z",
        200,
        &[("Content-Type", "text/html")],
        html("", FRENCH).as_bytes(),
    );
    c.page("https://elsewhere.example/", &[], "");
    c.fetch(
        "https://fr.example/missing",
        404,
        &[("Content-Type", "text/html")],
        b"gone",
    );
    let p = c.save(dir.path(), "c.warc");
    let pol = policy(
        "[criteria]\nlanguages = [\"fr\"]\nfetched-from = \"2024-01-01\"\nfetched-until = \"2025-12-31\"\ndomains = [\"fr.example\"]\n",
    );
    let (got, s) = run(&[p], &pol);
    assert_eq!(got.outcome("https://fr.example/article"), "kept");
    assert_eq!(
        got.kept_page("https://fr.example/article").lang.as_deref(),
        Some("fr")
    );
    assert_eq!(got.outcome("https://fr.example/english"), "language");
    assert_eq!(got.outcome("https://fr.example/doc.pdf"), "content-type");
    assert_eq!(got.outcome("https://fr.example/old"), "fetch-date");
    assert_eq!(
        got.outcome("https://elsewhere.example/"),
        "domain-not-allowed"
    );
    assert_eq!(got.outcome("https://fr.example/missing"), "http-status");
    assert_eq!(s.kept_by_language.get("fr"), Some(&1));
}

#[test]
fn combinations_give_every_reason_in_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.robots("both.example", 200, b"User-agent: GPTBot\nDisallow: /\n");
    c.page(
        "https://both.example/p",
        &[("tdm-reservation", "1"), ("X-Robots-Tag", "noai")],
        "",
    );
    let p = c.save(dir.path(), "c.warc.gz");
    let (got, _) = run(&[p], &Policy::default());
    let ex = &got.excluded[0];
    assert_eq!(ex.1, "robots-disallow");
    assert_eq!(ex.4, vec!["robots-disallow", "tdm-reserved", "noai"]);
}

#[test]
fn gzip_and_plain_give_the_same_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let build = |gz: bool| {
        let mut c = Crawl::new(gz);
        c.robots("g.example", 200, b"User-agent: *\nDisallow: /no\n");
        c.page("https://g.example/no", &[], "");
        c.page("https://g.example/yes", &[], "");
        c.save(dir.path(), if gz { "g.warc.gz" } else { "g.warc" })
    };
    let (a, sa) = run(&[build(true)], &Policy::default());
    let (b, sb) = run(&[build(false)], &Policy::default());
    assert_eq!(a.excluded, b.excluded);
    assert_eq!(a.kept.len(), b.kept.len());
    assert_eq!(sa.excluded_by_reason, sb.excluded_by_reason);
}

#[test]
fn check_one_address() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("x.example")).unwrap();
    std::fs::write(
        dir.path().join("x.example/robots.txt"),
        "User-agent: GPTBot\nDisallow: /\n",
    )
    .unwrap();
    let pol = Policy::default();
    let (_, d) =
        privasift_collect::filter::check_address(&pol, "x.example", Some(dir.path().into()))
            .unwrap();
    assert_eq!(d.reason().unwrap().code, "robots-disallow");
    let (_, d) =
        privasift_collect::filter::check_address(&pol, "https://doctolib.fr/x", None).unwrap();
    assert_eq!(d.reason().unwrap().code, "sensitive-domain");
    let (_, d) = privasift_collect::filter::check_address(&pol, "fine.example", None).unwrap();
    assert!(d.keep());
    assert!(privasift_collect::filter::check_address(&pol, "not a url", None).is_err());
    // The example policy has a fetch-date range: it applies to fetched pages,
    // not to an address.
    let example = Policy::from_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/collect.toml"),
    )
    .unwrap();
    let (_, d) =
        privasift_collect::filter::check_address(&example, "ordinary.example", None).unwrap();
    assert!(d.keep(), "{:?}", d.trail);
}

#[test]
fn the_example_policy_is_valid() {
    let p = Policy::from_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/collect.toml"),
    )
    .unwrap();
    assert!(p.agents.iter().any(|a| a == "ExampleCorpBot"));
    assert_eq!(p.languages, vec!["fr", "en"]);
    assert_eq!(
        p.sensitive
            .domain_category("clinique-exemple.fr")
            .map(|x| x.1),
        Some("health")
    );
    assert_eq!(p.min_text_chars, 200);
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.robots("t.example", 200, b"User-agent: GPTBot\nDisallow: /no/\n");
    for i in 0..60 {
        match i % 4 {
            0 => c.page(&format!("https://t.example/no/{i}"), &[], ""),
            1 => c.page(&format!("https://t.example/yes/{i}"), &[], ""),
            2 => c.fetch(
                &format!("https://t.example/fr/{i}"),
                200,
                &[("Content-Type", "text/html")],
                html("", FRENCH).as_bytes(),
            ),
            _ => c.fetch(
                &format!("https://t.example/empty/{i}"),
                200,
                &[("Content-Type", "text/html")],
                b"<html><body></body></html>",
            ),
        };
    }
    let p = c.save(dir.path(), "t.warc.gz");
    let pol = policy("[criteria]\nlanguages = [\"en\"]\n");
    let outcomes = |threads: usize| {
        let opts = FilterOptions {
            threads,
            ..FilterOptions::default()
        };
        let (got, s) = run_with(std::slice::from_ref(&p), &pol, &opts);
        let kept: Vec<(String, String)> = got
            .kept
            .iter()
            .map(|k| (k.url.clone(), k.text.clone()))
            .collect();
        let excluded: Vec<(String, String)> = got
            .excluded
            .iter()
            .map(|e| (e.0.clone(), e.1.clone()))
            .collect();
        (kept, excluded, s.excluded_by_reason)
    };
    let one = outcomes(1);
    assert_eq!(one.0.len(), 15);
    assert_eq!(one.2.get("language"), Some(&15));
    assert_eq!(one.2.get("no-text"), Some(&15));
    assert_eq!(one, outcomes(2));
    assert_eq!(one, outcomes(5));
}
