//! Rendering a [`Report`]: plain text for the terminal (`check`), Markdown
//! and HTML for a DPO (`report`). JSON is the report's serde form. Nothing
//! here decides anything.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::decisions::{Decisions, DpiaLevel, LegalRegime};
use crate::engine::{Finding, Report};
use crate::parse::kebab;
use crate::rule::Sheet;

fn regime_name(r: LegalRegime) -> &'static str {
    match r {
        LegalRegime::Gdpr => "GDPR",
        LegalRegime::LawEnforcementDirective => "Law Enforcement Directive (police-justice)",
        LegalRegime::NationalSecurity => "national defence / State security (outside EU law)",
        LegalRegime::OutOfScope => "out of scope (no personal data)",
    }
}

fn dpia_line(d: &Decisions) -> String {
    let level = match d.dpia_required.level {
        DpiaLevel::Required => "required",
        DpiaLevel::Recommended => "recommended",
        DpiaLevel::NotRequired => "not required",
    };
    let crit: Vec<String> = d
        .dpia_required
        .criteria
        .iter()
        .map(|c| format!("({}) {} [{}]", c.number, c.criterion.describe(), c.from))
        .collect();
    if crit.is_empty() {
        level.to_owned()
    } else {
        format!("{level}; WP248 criteria met: {}", crit.join(", "))
    }
}

/// One line per decision, with its reasons (text and Markdown share it).
fn decision_lines(d: &Decisions) -> Vec<(String, Vec<String>)> {
    let mut v = Vec::new();
    v.push((
        format!(
            "Legal regime: {}{}",
            regime_name(d.legal_regime.value),
            if d.legal_regime.sheets_apply {
                " — the CNIL AI sheets apply"
            } else {
                " — the CNIL AI sheets do not apply"
            }
        ),
        d.legal_regime.reasons.clone(),
    ));
    v.push((
        format!("Personal data: {}", kebab(&d.personal_data.value)),
        d.personal_data.reasons.clone(),
    ));
    v.push((
        format!("DPIA: {}", dpia_line(d)),
        d.dpia_required.reasons.clone(),
    ));
    for b in &d.legal_basis {
        v.push((
            format!(
                "Legal basis of `{}`: {} — {}",
                b.source,
                b.basis.map_or_else(
                    || "none".to_owned(),
                    |b| format!("{} ({})", kebab(&b), b.article())
                ),
                kebab(&b.verdict)
            ),
            b.reasons.clone(),
        ));
    }
    for s in &d.sensitive_data {
        let declared: Vec<String> = s.declared.iter().map(kebab).collect();
        let found: Vec<String> = s.found.iter().map(kebab).collect();
        v.push((
            format!(
                "Sensitive data in `{}`: {} (declared: {}; found by scans: {})",
                s.source,
                kebab(&s.outcome),
                if declared.is_empty() {
                    "none".into()
                } else {
                    declared.join(", ")
                },
                if found.is_empty() {
                    "none".into()
                } else {
                    found.join(", ")
                },
            ),
            s.reasons.clone(),
        ));
    }
    for r in &d.reuse {
        v.push((
            format!(
                "Re-use of `{}` ({}): {}",
                r.source,
                kebab(&r.mode),
                kebab(&r.outcome)
            ),
            r.reasons.clone(),
        ));
    }
    v
}

fn location(f: &Finding, origin: &str) -> String {
    match (&f.at, f.line, f.column) {
        (Some(at), Some(l), Some(c)) => format!("{at} ({origin}:{l}:{c})"),
        (Some(at), _, _) => at.clone(),
        _ => origin.to_owned(),
    }
}

fn counts_line(r: &Report) -> String {
    let c = &r.counts;
    format!(
        "{} error(s), {} warning(s), {} suggestion(s), {} cleared by a justified deviation; {} rules evaluated",
        c.errors, c.warnings, c.suggestions, c.cleared, r.rules_evaluated
    )
}

/// The terminal output of `privasift check`.
pub fn text(r: &Report, origin: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "privasift check: {} ({})", r.project, r.controller);
    let _ = writeln!(s, "\nDecisions");
    for (line, reasons) in decision_lines(&r.decisions) {
        let _ = writeln!(s, "  {line}");
        for reason in reasons {
            let _ = writeln!(s, "      · {reason}");
        }
    }
    let _ = writeln!(s, "\nFindings");
    if r.findings.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for f in &r.findings {
        let label = if f.open() {
            f.severity.name()
        } else {
            "cleared"
        };
        let _ = writeln!(s, "{label}[{}] {}", f.rule, location(f, origin));
        let _ = writeln!(s, "  {}", f.message);
        if let Some(d) = &f.deviation {
            let _ = writeln!(s, "  deviation: {d}");
        } else {
            let _ = writeln!(s, "  fix: {}", f.fix);
        }
        let _ = writeln!(s, "  {} · {} · {}", f.sheet_title, f.kind.name(), f.source);
    }
    let _ = writeln!(s, "\n{}", counts_line(r));
    s
}

fn by_sheet(r: &Report) -> BTreeMap<Sheet, Vec<&Finding>> {
    let mut m: BTreeMap<Sheet, Vec<&Finding>> = BTreeMap::new();
    for f in &r.findings {
        m.entry(f.sheet).or_default().push(f);
    }
    m
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A text bar for Markdown charts.
fn bar(n: u64, max: u64, width: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let len = ((n as f64 / max as f64) * width as f64).round() as usize;
    "█".repeat(len.max(usize::from(n > 0)))
}

/// Findings per label over all scans, largest first.
fn label_totals(r: &Report) -> Vec<(String, u64)> {
    let mut m: BTreeMap<String, u64> = BTreeMap::new();
    for s in &r.evidence.scans {
        for (l, n) in &s.labels {
            *m.entry(l.clone()).or_default() += n;
        }
    }
    let mut v: Vec<(String, u64)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// The Markdown report of `privasift report`.
pub fn markdown(r: &Report, origin: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Compliance report: {}\n", r.project);
    let _ = writeln!(
        s,
        "Controller: {}. Manifest: `{origin}`. Checked against the CNIL's recommendations on the development of AI systems (how-to sheets, 2024-2025) by privasift {}.\n",
        r.controller,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(s, "## Summary\n");
    let verdict = if r.fails() {
        "**At least one legal obligation is not met**: the processing should not go on as declared."
    } else if r.counts.warnings > 0 {
        "No legal obligation fails; some recommendations are not followed and not justified."
    } else {
        "No legal obligation fails and every recommendation is followed or justified."
    };
    let _ = writeln!(s, "{verdict}\n\n{}\n", counts_line(r));
    let _ = writeln!(s, "## Decisions\n");
    for (line, reasons) in decision_lines(&r.decisions) {
        let _ = writeln!(s, "- **{}**", md_cell(&line));
        for reason in reasons {
            let _ = writeln!(s, "  - {}", md_cell(&reason));
        }
    }
    let _ = writeln!(s, "\n## Findings by sheet\n");
    if r.findings.is_empty() {
        let _ = writeln!(s, "No finding.\n");
    }
    for (sheet, fs) in by_sheet(r) {
        let _ = writeln!(s, "### {}\n", sheet.title());
        let _ = writeln!(
            s,
            "| Rule | Severity | Finding | What would fix it | Where |\n|---|---|---|---|---|"
        );
        for f in fs {
            let sev = if f.open() {
                f.severity.name().to_owned()
            } else {
                "cleared".to_owned()
            };
            let fix = f
                .deviation
                .as_ref()
                .map_or_else(|| f.fix.clone(), |d| format!("Deviation: {d}"));
            let _ = writeln!(
                s,
                "| {} ({}, {}) | {sev} | {} | {} | {} |",
                f.rule,
                f.kind.name(),
                kebab(&f.confidence),
                md_cell(&f.message),
                md_cell(&fix),
                md_cell(&location(f, origin))
            );
        }
        let _ = writeln!(s);
    }
    evidence_md(r, &mut s);
    let _ = writeln!(s, "## Sources\n");
    let mut cited: Vec<(&str, &str)> = r.findings.iter().map(|f| (f.rule, f.source)).collect();
    cited.sort_unstable();
    cited.dedup();
    for (id, src) in cited {
        let _ = writeln!(s, "- {id}: {}", md_cell(src));
    }
    let _ = writeln!(
        s,
        "\nRules marked S rest on a secondary summary of the CNIL's text and U on a point not confirmed in a CNIL text: they are reported as warnings or suggestions, never as errors."
    );
    s
}

fn evidence_md(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Evidence\n");
    if r.evidence.scans.is_empty()
        && r.evidence.ledgers.is_empty()
        && r.evidence.collects.is_empty()
    {
        let _ = writeln!(
            s,
            "No evidence was given: every decision above rests on the manifest's declarations alone. Run `privasift scan --report` on the data and pass the report with `--evidence`.\n"
        );
        return;
    }
    if !r.evidence.scans.is_empty() {
        let _ = writeln!(
            s,
            "### Scans\n\n| Report | Records scanned | With findings | Verdict | Special categories (records) |\n|---|---|---|---|---|"
        );
        for sc in &r.evidence.scans {
            let special: Vec<String> = sc
                .special
                .iter()
                .map(|(c, n)| format!("{} ({n})", c.label()))
                .collect();
            let _ = writeln!(
                s,
                "| `{}` | {} | {} | {} | {} |",
                sc.path.display(),
                sc.records_scanned,
                sc.records_with_findings,
                sc.verdict,
                if special.is_empty() {
                    "none".into()
                } else {
                    special.join(", ")
                }
            );
        }
        let totals = label_totals(r);
        if !totals.is_empty() {
            let max = totals.first().map_or(0, |t| t.1);
            let _ = writeln!(s, "\nFindings per label, all scans:\n\n```");
            for (l, n) in &totals {
                let _ = writeln!(s, "{l:<28} {n:>10} {}", bar(*n, max, 40));
            }
            let _ = writeln!(s, "```");
        }
        let _ = writeln!(s);
    }
    if !r.evidence.collects.is_empty() {
        let _ = writeln!(
            s,
            "### Web collection\n\n| Summary | Pages read | Kept | Excluded | Excluded by signal | Sensitive-site categories excluded |\n|---|---|---|---|---|---|"
        );
        for c in &r.evidence.collects {
            let _ = writeln!(
                s,
                "| `{}` | {} | {} | {} | {} | {} |",
                c.path.display(),
                c.pages_read,
                c.kept,
                c.excluded,
                md_cell(&collect_signals(c)),
                md_cell(&collect_categories(c))
            );
        }
        let _ = writeln!(s);
    }
    if !r.evidence.ledgers.is_empty() {
        let _ = writeln!(
            s,
            "### Processing ledgers\n\n| Ledger | Chain | Run | Command | Finished | Records with special categories | Of which deleted |\n|---|---|---|---|---|---|---|"
        );
        for l in &r.evidence.ledgers {
            let chain = if l.verified {
                "verified".to_owned()
            } else {
                format!("BROKEN: {}", l.error.as_deref().unwrap_or("unknown"))
            };
            for run in &l.runs {
                let _ = writeln!(
                    s,
                    "| `{}` | {chain} | {} | {} | {} | {} | {} |",
                    l.path.display(),
                    run.run,
                    run.command.as_deref().unwrap_or("?"),
                    if run.finished { "yes" } else { "no" },
                    run.special_records,
                    run.special_dropped
                );
            }
        }
        let _ = writeln!(s);
    }
}

/// HTML-escapes text.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}.error{color:#a00;font-weight:600}.warning{color:#a60}.suggestion{color:#06a}.cleared{color:#666}\
.reasons{color:#444;margin:.2rem 0 .6rem 1rem}.summary{padding:.8rem 1rem;border-left:4px solid #888;background:#fafafa}\
code{background:#f3f3f3;padding:0 .2rem}";

/// The HTML report of `privasift report`: one self-contained file.
pub fn html(r: &Report, origin: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Compliance report: {}</title><style>{CSS}</style></head><body>\n",
        esc(&r.project)
    );
    let _ = writeln!(s, "<h1>Compliance report: {}</h1>", esc(&r.project));
    let _ = writeln!(
        s,
        "<p>Controller: {}. Manifest: <code>{}</code>. Checked against the CNIL's recommendations on the development of AI systems (how-to sheets, 2024-2025) by privasift {}.</p>",
        esc(&r.controller),
        esc(origin),
        env!("CARGO_PKG_VERSION")
    );
    let class = if r.fails() {
        "error"
    } else if r.counts.warnings > 0 {
        "warning"
    } else {
        "suggestion"
    };
    let verdict = if r.fails() {
        "At least one legal obligation is not met: the processing should not go on as declared."
    } else if r.counts.warnings > 0 {
        "No legal obligation fails; some recommendations are not followed and not justified."
    } else {
        "No legal obligation fails and every recommendation is followed or justified."
    };
    let _ = writeln!(
        s,
        "<h2>Summary</h2><div class=\"summary\"><p class=\"{class}\">{verdict}</p><p>{}</p></div>",
        esc(&counts_line(r))
    );
    let _ = writeln!(s, "<h2>Decisions</h2><ul>");
    for (line, reasons) in decision_lines(&r.decisions) {
        let _ = write!(
            s,
            "<li><strong>{}</strong><ul class=\"reasons\">",
            esc(&line.replace('`', ""))
        );
        for reason in reasons {
            let _ = write!(s, "<li>{}</li>", esc(&reason));
        }
        let _ = writeln!(s, "</ul></li>");
    }
    let _ = writeln!(s, "</ul><h2>Findings by sheet</h2>");
    if r.findings.is_empty() {
        let _ = writeln!(s, "<p>No finding.</p>");
    }
    for (sheet, fs) in by_sheet(r) {
        let _ = writeln!(
            s,
            "<h3>{}</h3><table><tr><th>Rule</th><th>Severity</th><th>Finding</th><th>What would fix it</th><th>Where</th><th>Source</th></tr>",
            esc(sheet.title())
        );
        for f in fs {
            let (cls, sev) = if f.open() {
                (f.severity.name(), f.severity.name())
            } else {
                ("cleared", "cleared")
            };
            let fix = f
                .deviation
                .as_ref()
                .map_or_else(|| f.fix.clone(), |d| format!("Deviation: {d}"));
            let _ = writeln!(
                s,
                "<tr><td>{}<br><small>{}, {}</small></td><td class=\"{cls}\">{sev}</td><td>{}</td><td>{}</td><td>{}</td><td><small>{}</small></td></tr>",
                esc(f.rule),
                esc(f.kind.name()),
                esc(&kebab(&f.confidence)),
                esc(&f.message),
                esc(&fix),
                esc(&location(f, origin)),
                esc(f.source)
            );
        }
        let _ = writeln!(s, "</table>");
    }
    evidence_html(r, &mut s);
    let _ = writeln!(
        s,
        "<p><small>Rules marked S rest on a secondary summary of the CNIL's text and U on a point not confirmed in a CNIL text: they are reported as warnings or suggestions, never as errors. This report is a working aid, not legal advice.</small></p></body></html>"
    );
    s
}

fn evidence_html(r: &Report, s: &mut String) {
    let _ = writeln!(s, "<h2>Evidence</h2>");
    if r.evidence.scans.is_empty()
        && r.evidence.ledgers.is_empty()
        && r.evidence.collects.is_empty()
    {
        let _ = writeln!(
            s,
            "<p>No evidence was given: every decision above rests on the manifest's declarations alone.</p>"
        );
        return;
    }
    if !r.evidence.scans.is_empty() {
        let _ = writeln!(
            s,
            "<h3>Scans</h3><table><tr><th>Report</th><th>Records scanned</th><th>With findings</th><th>Verdict</th><th>Special categories (records)</th></tr>"
        );
        for sc in &r.evidence.scans {
            let special: Vec<String> = sc
                .special
                .iter()
                .map(|(c, n)| format!("{} ({n})", c.label()))
                .collect();
            let _ = writeln!(
                s,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&sc.path.display().to_string()),
                sc.records_scanned,
                sc.records_with_findings,
                esc(&sc.verdict),
                esc(&if special.is_empty() {
                    "none".into()
                } else {
                    special.join(", ")
                })
            );
        }
        let _ = writeln!(s, "</table>");
        let totals = label_totals(r);
        if let Some(max) = totals.first().map(|t| t.1).filter(|m| *m > 0) {
            let row = 22;
            let height = totals.len() * row + 10;
            let _ = writeln!(
                s,
                "<h3>Findings per label</h3><svg role=\"img\" aria-label=\"findings per label\" width=\"720\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">"
            );
            for (i, (l, n)) in totals.iter().enumerate() {
                let y = i * row + 5;
                let w = ((*n as f64 / max as f64) * 440.0).max(1.0);
                let _ = writeln!(
                    s,
                    "<text x=\"0\" y=\"{}\">{}</text><rect x=\"200\" y=\"{y}\" width=\"{w:.1}\" height=\"16\" fill=\"#4a78a8\"/><text x=\"{:.1}\" y=\"{}\">{n}</text>",
                    y + 12,
                    esc(l),
                    205.0 + w,
                    y + 12
                );
            }
            let _ = writeln!(s, "</svg>");
        }
    }
    if !r.evidence.collects.is_empty() {
        let _ = writeln!(
            s,
            "<h3>Web collection</h3><table><tr><th>Summary</th><th>Pages read</th><th>Kept</th><th>Excluded</th><th>Excluded by signal</th><th>Sensitive-site categories excluded</th></tr>"
        );
        for c in &r.evidence.collects {
            let _ = writeln!(
                s,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&c.path.display().to_string()),
                c.pages_read,
                c.kept,
                c.excluded,
                esc(&collect_signals(c)),
                esc(&collect_categories(c))
            );
        }
        let _ = writeln!(s, "</table>");
    }
    if !r.evidence.ledgers.is_empty() {
        let _ = writeln!(
            s,
            "<h3>Processing ledgers</h3><table><tr><th>Ledger</th><th>Chain</th><th>Run</th><th>Command</th><th>Finished</th><th>Records with special categories</th><th>Of which deleted</th></tr>"
        );
        for l in &r.evidence.ledgers {
            let chain = if l.verified {
                "verified".to_owned()
            } else {
                format!("BROKEN: {}", l.error.as_deref().unwrap_or("unknown"))
            };
            for run in &l.runs {
                let _ = writeln!(
                    s,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&l.path.display().to_string()),
                    esc(&chain),
                    esc(&run.run),
                    esc(run.command.as_deref().unwrap_or("?")),
                    if run.finished { "yes" } else { "no" },
                    run.special_records,
                    run.special_dropped
                );
            }
        }
        let _ = writeln!(s, "</table>");
    }
}

/// `privasift rules`: one line per rule, grouped by sheet.
pub fn rule_list(rules: &[&'static dyn crate::rule::Rule]) -> String {
    let mut s = String::new();
    let mut sheet = None;
    for r in rules {
        let m = r.meta();
        if sheet != Some(m.sheet) {
            let _ = writeln!(s, "\n{}", m.sheet.title());
            sheet = Some(m.sheet);
        }
        let sev = crate::engine::severity(m.kind, m.confidence);
        let _ = writeln!(s, "  {:<14} {:<10} {}", m.id, sev.name(), m.title);
    }
    let _ = writeln!(
        s,
        "\n{} rules. Severity follows the kind (obligation, recommendation, good practice) and how sure the source is: `privasift rules explain ID` says more.",
        rules.len()
    );
    s
}

/// `privasift rules explain ID`.
pub fn explain(m: &crate::rule::RuleMeta) -> String {
    let mut s = String::new();
    let sev = crate::engine::severity(m.kind, m.confidence);
    let conf = match m.confidence {
        crate::rule::Confidence::Verified => "read in a CNIL text or settled by the seeds (V)",
        crate::rule::Confidence::Secondary => {
            "read only in a secondary summary of the CNIL's text (S)"
        }
        crate::rule::Confidence::Unconfirmed => "not confirmed in a CNIL text (U)",
    };
    let _ = writeln!(s, "{}: {}\n", m.id, m.title);
    let _ = writeln!(s, "  sheet:      {}", m.sheet.title());
    let _ = writeln!(
        s,
        "  kind:       {} (reported as {})",
        m.kind.name(),
        sev.name()
    );
    let _ = writeln!(s, "  confidence: {conf}");
    let _ = writeln!(s, "  applies:    {}", m.applies);
    let _ = writeln!(s, "  source:     {}\n", m.source);
    let _ = writeln!(s, "{}\n", m.doc);
    if m.kind == crate::rule::RuleKind::Recommendation {
        let _ = writeln!(
            s,
            "To depart from it, record why in the manifest:\n\n  [[deviations]]\n  rule = \"{}\"\n  justification = \"...\"\n  approved-by = \"...\"\n  date = 2025-01-01\n",
            m.id
        );
    }
    for (name, ex) in [("breaks it", &m.bad), ("satisfies it", &m.good)] {
        let body = if ex.manifest.trim().is_empty() {
            "  (the example project as it is)\n".to_owned()
        } else {
            ex.manifest.lines().map(|l| format!("  {l}\n")).collect()
        };
        let _ = writeln!(
            s,
            "Example that {name} (edits of examples/project.toml):\n{body}"
        );
        if let Some(scan) = ex.scan {
            let _ = writeln!(s, "  with the scan report: {scan}\n");
        }
    }
    s
}

fn collect_signals(c: &crate::evidence::CollectEvidence) -> String {
    let v: Vec<String> = c
        .excluded_by_signal
        .iter()
        .map(|(k, n)| format!("{k}: {n}"))
        .collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

fn collect_categories(c: &crate::evidence::CollectEvidence) -> String {
    match &c.policy {
        None => "not stated by the summary".into(),
        Some(p) if p.sensitive_categories.is_empty() => "none".into(),
        Some(p) => p.sensitive_categories.join(", "),
    }
}
