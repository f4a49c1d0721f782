//! Web collection that respects the CNIL's sheets: filter crawled data
//! (WARC files, Common Crawl layout) for the opt-outs of site publishers
//! (robots.txt for AI agents, ai.txt, the TDM Reservation Protocol in its
//! three forms, `noai`), sites with inherently sensitive content, the
//! controller's objection list (domains, URLs, and people by keyed hashes)
//! and the collection criteria (languages, content types, fetch dates,
//! domains), with a decision and its reasons for every page.
//!
//! The seam it owns: WARC records ([`warc::WarcReader`]) → pages
//! ([`http::parse_response`]) → a [`decide::Decision`] per page, from the
//! [`policy::Policy`] and the per-host opt-out files ([`decide::Signals`])
//! → a [`filter::Sink`] (the CLI writes kept pages as JSON Lines and
//! exclusions to the ledger).
//!
//! ```no_run
//! use privasift_collect::{Policy, filter::{filter, FilterOptions, Sink, KeptPage, Exclusion}};
//! struct Count(u64);
//! impl Sink for Count {
//!     fn kept(&mut self, _: usize, _: &KeptPage) -> Result<(), String> { self.0 += 1; Ok(()) }
//!     fn excluded(&mut self, _: &Exclusion<'_>) -> Result<(), String> { Ok(()) }
//!     fn error(&mut self, _: usize, _: &privasift_collect::warc::RecordError) -> Result<(), String> { Ok(()) }
//! }
//! let policy = Policy::default();
//! let summary = filter(&["crawl.warc.gz".into()], &policy, None, &FilterOptions::default(), &mut Count(0)).unwrap();
//! println!("{} kept of {}", summary.kept, summary.pages_read);
//! ```

pub mod decide;
pub mod filter;
pub mod html;
pub mod http;
#[cfg(feature = "live")]
pub mod live;
pub mod people;
pub mod policy;
pub mod robots;
pub mod tdm;
pub mod warc;

pub use decide::{Check, Decision};
pub use filter::{FilterOptions, KeptPage, Summary, filter};
pub use policy::Policy;
