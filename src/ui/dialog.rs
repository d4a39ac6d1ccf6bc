//! File dialogs, and telling a dialog that could not be shown from one the user cancelled.
//!
//! On Linux the system's dialog comes through the XDG desktop portal, else zenity; on a desktop
//! with neither, the dialog library returns at once with nothing, exactly as a cancel would.
//! A "cancel" that comes back faster than a person can close a dialog is taken for a dialog that
//! never appeared, and the window asks for the path in its own field instead of silently doing
//! nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog could be shown (Linux without the XDG desktop portal and without zenity).
    Unavailable,
}

/// Faster than anyone closes a dialog they have seen.
const NO_DIALOG: Duration = Duration::from_millis(300);

/// Judges a dialog's result by how long it was open; only on Linux does a dialog fail silently.
pub fn judge(result: Option<PathBuf>, open_for: Duration, linux: bool) -> Picked {
    match result {
        Some(path) => Picked::Path(path),
        None if linux && open_for < NO_DIALOG => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// Shows a dialog (`show` builds and runs it) and judges what came back.
pub fn run(show: impl FnOnce() -> Option<PathBuf>) -> Picked {
    let started = Instant::now();
    let result = show();
    judge(result, started.elapsed(), cfg!(target_os = "linux"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_empty_answer_on_linux_is_a_dialog_that_never_appeared() {
        let quick = Duration::from_millis(20);
        let slow = Duration::from_secs(3);
        assert_eq!(judge(None, quick, true), Picked::Unavailable);
        assert_eq!(judge(None, slow, true), Picked::Cancelled, "a person closed it");
        assert_eq!(judge(None, quick, false), Picked::Cancelled, "elsewhere the system dialog always shows");
        assert_eq!(judge(Some("a.pdf".into()), quick, true), Picked::Path("a.pdf".into()));
    }
}
