//! Live mode: fetch a host's `/robots.txt`, `/ai.txt` and
//! `/.well-known/tdmrep.json` into a robots cache directory, politely: one
//! request at a time (so never two at once to a host), a delay between two
//! requests to the same host (at least the policy's, or the `Crawl-delay` the
//! host's robots.txt gives the user agent, up to 60 s), a user agent that
//! says who is asking, timeouts, at most five redirects (RFC 9309 §2.3.1.2)
//! and a size limit.
//!
//! Cache layout (what [`crate::decide::Signals`] reads): `DIR/<host>/<file>`
//! holds the body, `DIR/<host>/<file>.status` the HTTP status or
//! `unreachable` (no answer: connection refused, timeout, DNS, TLS). Each
//! file is written to a temporary file and renamed into place.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::decide::{SignalFile, host_key};

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    pub user_agent: String,
    /// Pause between two requests to the same host.
    pub delay: Duration,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Largest body kept (robots.txt is parsed up to 500 KiB anyway).
    pub max_bytes: u64,
    /// `https` normally; `http` for hosts that only speak it.
    pub scheme: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            user_agent: concat!(
                "privasift/",
                env!("CARGO_PKG_VERSION"),
                " (opt-out check: robots.txt, ai.txt, tdmrep.json)"
            )
            .to_owned(),
            delay: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
            max_bytes: 1 << 20,
            scheme: "https".into(),
        }
    }
}

/// What was fetched for one file of one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub host: String,
    pub file: &'static str,
    /// HTTP status, or `None` when unreachable.
    pub status: Option<u16>,
    pub bytes: usize,
    /// Why it was unreachable (no URL content, no body).
    pub error: Option<String>,
}

/// Fetches the three files of every host in `hosts` (domains, `host:port`
/// or URLs) into `cache`, one host after another and one request at a time.
pub fn fetch_all(
    hosts: &[String],
    cache: &Path,
    opts: &FetchOptions,
    mut progress: impl FnMut(&Fetched),
) -> Result<Vec<Fetched>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .user_agent(opts.user_agent.as_str())
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .build()
        .into();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for h in hosts {
        let base = if h.contains("://") {
            h.clone()
        } else {
            format!("{}://{h}/", opts.scheme)
        };
        let url = url::Url::parse(&base).map_err(|e| format!("`{h}` is not a host or URL: {e}"))?;
        let Some(key) = host_key(&url) else {
            return Err(format!("`{h}` has no host"));
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        let dir = cache.join(&key);
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let mut delay = opts.delay;
        let mut last: Option<Instant> = None;
        for which in [SignalFile::Robots, SignalFile::AiTxt, SignalFile::Tdmrep] {
            if let Some(t) = last {
                let wait = delay.saturating_sub(t.elapsed());
                std::thread::sleep(wait);
            }
            let path = match which {
                SignalFile::Robots => "/robots.txt",
                SignalFile::AiTxt => "/ai.txt",
                SignalFile::Tdmrep => "/.well-known/tdmrep.json",
            };
            let mut target = url.clone();
            target.set_path(path);
            target.set_query(None);
            target.set_fragment(None);
            last = Some(Instant::now());
            let result = fetch_one(&agent, target.as_str(), opts.max_bytes);
            let fetched = match result {
                Ok((status, body)) => {
                    write_atomic(&dir, which.name(), &body)?;
                    write_atomic(
                        &dir,
                        &format!("{}.status", which.name()),
                        status.to_string().as_bytes(),
                    )?;
                    if which == SignalFile::Robots && (200..300).contains(&status) {
                        delay = delay.max(crawl_delay(&body, &opts.user_agent));
                    }
                    Fetched {
                        host: key.clone(),
                        file: which.name(),
                        status: Some(status),
                        bytes: body.len(),
                        error: None,
                    }
                }
                Err(e) => {
                    let _ = std::fs::remove_file(dir.join(which.name()));
                    write_atomic(&dir, &format!("{}.status", which.name()), b"unreachable")?;
                    Fetched {
                        host: key.clone(),
                        file: which.name(),
                        status: None,
                        bytes: 0,
                        error: Some(e),
                    }
                }
            };
            progress(&fetched);
            out.push(fetched);
        }
    }
    Ok(out)
}

fn fetch_one(agent: &ureq::Agent, url: &str, max: u64) -> Result<(u16, Vec<u8>), String> {
    let mut resp = agent.get(url).call().map_err(|e| match e {
        ureq::Error::Timeout(_) => "timeout".to_owned(),
        ureq::Error::Io(io) => format!("connection failed: {}", io.kind()),
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        other => format!(
            "request failed: {}",
            other.to_string().chars().take(120).collect::<String>()
        ),
    })?;
    let status = resp.status().as_u16();
    // Read up to the limit and keep that much: a longer robots.txt is cut
    // (and parsed up to 500 KiB anyway, the reason saying so).
    let mut body = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(resp.body_mut().as_reader(), max),
        &mut body,
    )
    .map_err(|e| format!("reading the body: {}", e.kind()))?;
    Ok((status, body))
}

/// The `Crawl-delay` robots.txt gives our agent (or `*`), capped at 60 s.
fn crawl_delay(body: &[u8], user_agent: &str) -> Duration {
    let token = user_agent.split('/').next().unwrap_or("privasift");
    let Ok(robot) = texting_robots::Robot::new(token, body) else {
        return Duration::ZERO;
    };
    robot.delay.map_or(Duration::ZERO, |d| {
        Duration::from_secs_f32(d.clamp(0.0, 60.0))
    })
}

fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let dest = dir.join(name);
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("writing in {}: {e}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("writing {}: {e}", dest.display()))?;
    tmp.persist(&dest)
        .map_err(|e| format!("writing {}: {}", dest.display(), e.error))?;
    Ok(dest)
}
