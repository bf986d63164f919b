//! The files a build makes: a path inside the output folder and its bytes (or the file they
//! are copied from). Every layer that makes files makes these; `output` writes them.

use std::io;
use std::path::PathBuf;

/// What goes into one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copied from this file as it is (theme static files, content assets).
    Copy(PathBuf),
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated, no leading slash: `parents/index.html`.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(bytes.into()),
        }
    }

    pub fn copy(path: impl Into<String>, from: impl Into<PathBuf>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Copy(from.into()),
        }
    }

    /// The file's bytes (reading copied files from disk).
    pub fn read(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.contents {
            Contents::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Contents::Copy(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
        }
    }
}
