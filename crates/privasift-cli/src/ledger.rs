//! `privasift ledger verify` and `privasift ledger show`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

use crate::emit;

#[derive(Subcommand)]
pub enum LedgerCommand {
    /// Re-walk the hash chain; exit 1 and name the line when anything was changed.
    Verify {
        /// The ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
        file: Option<PathBuf>,
    },
    /// Summarise the runs recorded, for a DPO.
    Show {
        /// The ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
        file: Option<PathBuf>,
        /// Only this run, with its records counted by action and kind.
        #[arg(long, value_name = "ID")]
        run: Option<String>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn ledger(c: LedgerCommand) -> Result<ExitCode> {
    match c {
        LedgerCommand::Verify { file } => {
            let path = crate::clean::ledger_path(file);
            match privasift_ledger::verify(&path) {
                Ok(v) => {
                    emit(&format!(
                        "{}: the chain holds: {} entries, {} runs, last hash {}\n",
                        path.display(),
                        v.entries,
                        v.runs,
                        v.last_hash
                    ))?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("{}: the chain is broken at {e}", path.display());
                    Ok(ExitCode::from(1))
                }
            }
        }
        LedgerCommand::Show { file, run, json } => {
            let path = crate::clean::ledger_path(file);
            let summary = privasift_ledger::summarise(&path, run.as_deref())?;
            if json {
                emit(&format!("{}\n", serde_json::to_string_pretty(&summary)?))?;
            } else {
                emit(&privasift_ledger::render(&summary))?;
            }
            Ok(if summary.verified {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
