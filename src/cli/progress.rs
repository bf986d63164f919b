//! The build's progress bar on a terminal (indicatif): one bar per stage, pages done of the
//! stage's total, shown only once a build has run for about a second, so short builds print
//! nothing but their summary. Not a terminal (a pipe, a file, CI), or `-q`: no bar at all.

use crate::pipeline::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a build runs before its bar appears.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A progress bar on standard error.
pub struct TerminalBar {
    bar: Mutex<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl TerminalBar {
    /// A bar when standard error is a terminal and `quiet` is off; `None` otherwise.
    pub fn for_terminal(quiet: bool) -> Option<TerminalBar> {
        (!quiet && std::io::stderr().is_terminal()).then(|| TerminalBar {
            bar: Mutex::new(ProgressBar::hidden()),
            started: Instant::now(),
            shown: AtomicBool::new(false),
        })
    }

    fn bar(&self) -> ProgressBar {
        self.bar.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Shows the bar once the build has run for [`SHOW_AFTER`].
    fn show_if_slow(&self, bar: &ProgressBar) {
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= SHOW_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Progress for TerminalBar {
    fn stage(&self, name: &'static str, total: usize) {
        let bar = if total > 0 {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{msg:<32} [{bar:30}] {pos}/{len} pages")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{msg:<32} {spinner}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        };
        bar.set_message(name);
        let old = std::mem::replace(
            &mut *self.bar.lock().unwrap_or_else(|e| e.into_inner()),
            bar.clone(),
        );
        old.finish_and_clear();
        if self.shown.load(Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        } else {
            self.show_if_slow(&bar);
        }
    }

    fn advance(&self, n: usize) {
        let bar = self.bar();
        bar.inc(n as u64);
        self.show_if_slow(&bar);
    }

    fn finish(&self) {
        self.bar().finish_and_clear();
    }
}
