//! `bclint command [NAME]`: the documentation of a template command keyword (`RUN`, `COPY`, …),
//! the same the language server shows on hover. The subcommand is named `command` after the
//! service's word for a template line; in the code it is the keyword subcommand, so that
//! "command" keeps meaning the syntax node.

use bc_lint::commands::{COMMAND_DOCS, find_by_name};

use crate::args::KeywordArgs;
use crate::exit_status::ExitStatus;

pub fn run(args: &KeywordArgs) -> ExitStatus {
    match &args.name {
        None => {
            for doc in COMMAND_DOCS {
                println!("{:<11} {}", doc.name(), doc.summary);
            }
            ExitStatus::Success
        }
        Some(name) => match find_by_name(name) {
            Some(doc) => {
                print!("{}", doc.markdown());
                ExitStatus::Success
            }
            None => {
                eprintln!(
                    "bclint: error: `{name}` is not an Image Builder command; `bclint command` lists them"
                );
                ExitStatus::Error
            }
        },
    }
}
