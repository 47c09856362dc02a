//! `check --statistics`: the number of findings per rule instead of the findings.

use std::io::{self, Write};

use super::report::{Report, Tally, summary};

/// Findings per rule for `--statistics`: code, name, count, and whether any has a safe fix.
#[derive(Default)]
pub struct RuleCounts(Vec<(&'static str, &'static str, usize, bool)>);

impl RuleCounts {
    pub fn add(&mut self, report: &Report<'_>) {
        for (_, diagnostic) in report.findings() {
            let fixable = diagnostic.safe_fix().is_some();
            match self
                .0
                .iter_mut()
                .find(|(code, ..)| *code == diagnostic.code)
            {
                Some(entry) => {
                    entry.2 += 1;
                    entry.3 |= fixable;
                }
                None => self.0.push((diagnostic.code, diagnostic.name, 1, fixable)),
            }
        }
    }

    /// The table, most frequent first, then the summary line.
    pub fn write(mut self, out: &mut impl Write, tally: &Tally, fix_mode: bool) -> io::Result<()> {
        self.0.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        for (code, name, count, fixable) in &self.0 {
            writeln!(
                out,
                "{count:>5}  {code}  {name}{}",
                if *fixable { "  [*] fixable" } else { "" }
            )?;
        }
        writeln!(out, "{}", summary(tally, fix_mode))
    }
}
