//! Why the service refused a command: the typed error every use case returns (the edges turn it
//! into a sentence in the user's language).

use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::store::StoreError;

/// Why a command was refused.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("the input has problems: {0:?}")]
    Invalid(Vec<FieldProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An import was asked to store rows that have problems (their spreadsheet rows).
    #[error("rows with problems are still selected: {0:?}")]
    RowsRefused(Vec<usize>),
    /// The user stopped a long job; nothing was stored.
    #[error("cancelled")]
    Cancelled,
    /// The account logged in may not make this change.
    #[error("not allowed for the account logged in")]
    Forbidden,
    /// Rows of an imported file that cannot be stored: (row, column header, problem); nothing
    /// was stored.
    #[error("rows with problems: {0:?}")]
    Rows(Vec<(usize, String, FieldProblem)>),
    /// A spreadsheet that cannot be read (too large, not a spreadsheet, a required column missing).
    #[error(transparent)]
    Exchange(#[from] crate::exchange::ExchangeError),
    /// A printout holds a character no font prints: whose form (or the text it is in) and the
    /// character. Nothing was printed.
    #[error("no font prints {ch:?} ({whose})")]
    Unprintable { whose: String, ch: char },
    /// The eligibility rules forbid this grade (or, under an open 立案審查, any comment): the
    /// findings that say why, heaviest first. An administrator may override a grade with a reason.
    #[error("refused by the eligibility rules: {0:?}")]
    Ineligible(Vec<crate::domain::eligibility::Finding>),
    /// A PDF that could not be written (or whose writing the user stopped); no file was left.
    #[error(transparent)]
    Pdf(#[from] crate::report::pdf::PdfError),
    /// A self-check package that cannot be taken in (its file and why).
    #[error("package {0}: {1}")]
    Package(std::path::PathBuf, crate::domain::package::PackageProblem),
}

impl ServiceError {
    /// One problem with one field.
    pub(crate) fn one(field: Field, problem: Problem) -> ServiceError {
        ServiceError::Invalid(vec![FieldProblem::new(field, problem)])
    }
}

impl From<Vec<FieldProblem>> for ServiceError {
    fn from(problems: Vec<FieldProblem>) -> Self {
        ServiceError::Invalid(problems)
    }
}

pub type Result<T> = std::result::Result<T, ServiceError>;
