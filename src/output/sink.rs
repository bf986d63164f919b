//! Where finished files go while a build makes them on many threads: kept in memory (the
//! preview server, tests) or written straight into a staging folder (`senpack build`).

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::model::file::OutputFile;
use crate::output::Staging;
use std::sync::Mutex;

/// Where finished files go: kept in the build, or written straight into a staging folder.
#[derive(Default)]
pub struct Sink<'a> {
    staging: Option<&'a Staging>,
    /// Paths of the files written into the staging folder.
    pub streamed: Mutex<Vec<String>>,
    kept: Mutex<Vec<OutputFile>>,
    errors: Mutex<Vec<Diagnostic>>,
}

impl<'a> Sink<'a> {
    /// Whether files go to a staging folder (and so are not kept).
    pub fn streams(&self) -> bool {
        self.staging.is_some()
    }

    pub fn to(staging: &'a Staging) -> Self {
        Sink {
            staging: Some(staging),
            ..Sink::default()
        }
    }

    /// Writes `file` out now when there is a staging folder, else keeps it. Called from many
    /// threads: what is kept, and any write error, wait for [`Sink::take`].
    pub fn sink(&self, mut file: OutputFile) {
        if let Some(path) = crate::output::normal_path(&file.path) {
            file.path = path;
        }
        let Some(staging) = self.staging else {
            lock(&self.kept).push(file);
            return;
        };
        match staging.put(&file) {
            Ok(()) => lock(&self.streamed).push(file.path),
            Err(e) => self.error(
                Diagnostic::error(Code::Output, format!("output/{}", file.path), e.to_string())
                    .with_hint("check that the output folder's disk has space and can be written"),
            ),
        }
    }

    /// Holds a problem met while making files on many threads, until [`Sink::take`].
    pub fn error(&self, d: Diagnostic) {
        lock(&self.errors).push(d);
    }

    /// The files [`Sink::sink`] kept and the problems held.
    pub fn take(&self, files: &mut Vec<OutputFile>, diags: &mut Vec<Diagnostic>) {
        files.append(&mut lock(&self.kept));
        diags.append(&mut lock(&self.errors));
    }
}

/// Locks a mutex, carrying on after a panic elsewhere (the data is a plain list).
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
