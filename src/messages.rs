//! Turns every layer's errors (store, service, spreadsheets, printing) into one sentence in
//! the user's language, built from the texts of `crate::i18n`; used only by `ui` and `cli`, the
//! edges where errors are shown.

use crate::domain::Lang;
use crate::domain::problem::Problem;
use crate::exchange::ExchangeError;
use crate::i18n::{field_key, fill, package_problem, problem, problem_text, tr};
use crate::report::pdf::PdfError;
use crate::service::ServiceError;
use crate::store::{CheckProblem, StoreError};

/// One finding of `check`, in the user's language.
pub fn check_problem(lang: Lang, problem: &CheckProblem) -> String {
    match problem {
        CheckProblem::Integrity(line) => fill(tr(lang, "check.integrity"), &[line]),
        CheckProblem::ForeignKey { table, record, parent } => fill(tr(lang, "check.foreign_key"), &[table, record, parent]),
        CheckProblem::AuditChain { first, count } => fill(tr(lang, "check.audit_chain"), &[&first.to_string(), &count.to_string()]),
        CheckProblem::AuditTrigger(name) => fill(tr(lang, "check.audit_trigger"), &[name]),
        CheckProblem::BadText { table, column, record } => fill(tr(lang, "check.bad_text"), &[table, column, record]),
        CheckProblem::Incomplete => tr(lang, "check.incomplete").to_owned(),
        CheckProblem::Unreadable(detail) => fill(tr(lang, "check.unreadable"), &[detail]),
        CheckProblem::ChainRewritten { id, against } if against.is_empty() => fill(tr(lang, "check.head_rewritten"), &[&id.to_string()]),
        CheckProblem::ChainRewritten { id, against } => fill(tr(lang, "check.backup_rewritten"), &[&id.to_string(), against]),
        CheckProblem::ChainTruncated { id, last, against } if against.is_empty() => {
            fill(tr(lang, "check.head_truncated"), &[&id.to_string(), &last.to_string()])
        }
        CheckProblem::ChainTruncated { id, last, against } => {
            fill(tr(lang, "check.backup_truncated"), &[&id.to_string(), &last.to_string(), against])
        }
        CheckProblem::HeadUnrecorded => tr(lang, "check.head_unrecorded").to_owned(),
        CheckProblem::UnknownWal => tr(lang, "check.unknown_wal").to_owned(),
    }
}

/// A path named as input that is a folder, a pipe or a device.
fn not_a_file(lang: Lang, error: &crate::files::NotAFile) -> String {
    fill(tr(lang, "input.not_a_file"), &[&error.0.display().to_string()])
}

/// What went wrong with the database file.
pub fn store_error(lang: Lang, error: &StoreError) -> String {
    let t = |key| tr(lang, key);
    match error {
        StoreError::Missing(path) => fill(t("store.missing"), &[&path.display().to_string()]),
        StoreError::Foreign => t("store.foreign").to_owned(),
        StoreError::NotADatabase => t("store.not_a_database").to_owned(),
        StoreError::TooNew { found, supported } => fill(t("store.too_new"), &[&found.to_string(), &supported.to_string()]),
        StoreError::Busy => t("store.busy").to_owned(),
        StoreError::Damaged(detail) => fill(t("store.damaged"), &[detail]),
        StoreError::Constraint(detail) => fill(t("store.constraint"), &[detail]),
        StoreError::UpgradeFailed { from, detail } => fill(t("store.upgrade_failed"), &[&from.to_string(), detail]),
        StoreError::NotFound => t("store.not_found").to_owned(),
        StoreError::UnknownWal(path) => fill(t("store.unknown_wal"), &[&path.display().to_string()]),
        StoreError::BadText => t("store.bad_text").to_owned(),
        StoreError::IsTheDatabase(path) => fill(t("store.is_the_database"), &[&path.display().to_string()]),
        StoreError::Sqlite(e) => fill(t("store.sqlite"), &[&e.to_string()]),
        StoreError::NotAFile(e) => not_a_file(lang, e),
        StoreError::Io(e) => fill(t("store.io"), &[&e.to_string()]),
    }
}

/// Why a use case was refused or failed.
pub fn service_error(lang: Lang, error: &ServiceError) -> String {
    match error {
        ServiceError::Invalid(problems) => {
            problems.iter().map(|p| problem(lang, p)).collect::<Vec<_>>().join(if lang == Lang::En { "; " } else { ";" })
        }
        ServiceError::Store(e) => store_error(lang, e),
        ServiceError::RowsRefused(rows) => fill(tr(lang, "service.rows_refused"), &[&rows.len().to_string()]),
        ServiceError::Cancelled => tr(lang, "service.cancelled").to_owned(),
        ServiceError::Forbidden => problem_text(lang, &Problem::Forbidden),
        ServiceError::Rows(rows) => rows
            .iter()
            .map(|(row, column, p)| fill(tr(lang, "import.row_problem"), &[&row.to_string(), column, &problem_text(lang, &p.problem)]))
            .collect::<Vec<_>>()
            .join("\n"),
        ServiceError::Exchange(e) => exchange_error(lang, e),
        ServiceError::Unprintable { whose, ch } => {
            fill(tr(lang, "print.unprintable"), &[whose, &ch.to_string(), &format!("U+{:04X}", u32::from(*ch))])
        }
        ServiceError::Ineligible(findings) => fill(tr(lang, "eligibility.refused"), &[&crate::i18n::findings(lang, findings)]),
        ServiceError::Pdf(e) => pdf_error(lang, e),
        ServiceError::Package(file, problem) => {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            fill(tr(lang, "package.refused"), &[&name, &package_problem(lang, problem)])
        }
    }
}

/// Why a PDF was not written.
pub fn pdf_error(lang: Lang, error: &PdfError) -> String {
    match error {
        PdfError::Font => tr(lang, "print.font").to_owned(),
        PdfError::NoGlyph { ch, text } => fill(tr(lang, "print.no_glyph"), &[text, &ch.to_string(), &format!("U+{:04X}", u32::from(*ch))]),
        PdfError::Chunk(detail) => fill(tr(lang, "print.chunk"), &[detail]),
        PdfError::Io(e) => fill(tr(lang, "exchange.io"), &[&e.to_string()]),
        PdfError::Cancelled => tr(lang, "print.cancelled").to_owned(),
    }
}

/// Why an import left a row out, as the preview and the command line say it.
pub fn skip_reason(lang: Lang, skip: &crate::exchange::header::Skip) -> String {
    use crate::exchange::header::Skip;
    match skip {
        Skip::Subheading(text) => fill(tr(lang, "import.skip_subheading"), &[text]),
        Skip::RepeatedHeader => tr(lang, "import.skip_header").to_owned(),
        Skip::Footer(text) => fill(tr(lang, "import.skip_footer"), &[text]),
    }
}

/// How a month column's `YYYY.1` is read, and why.
pub fn month_reading(lang: Lang, reading: crate::exchange::preview::DotOneReading) -> String {
    use crate::exchange::preview::{DotOne, DotOneReading as R};
    tr(
        lang,
        match reading {
            R::TenWritten => "import.month_ten_written",
            R::Shortened => "import.month_shortened",
            R::IdNumbers => "import.month_id_numbers",
            R::Chosen(DotOne::January) => "import.month_chosen_january",
            R::Chosen(DotOne::October) => "import.month_chosen_october",
            R::Undecided => "import.month_undecided",
        },
    )
    .to_owned()
}

/// Why a spreadsheet could not be read or written.
pub fn exchange_error(lang: Lang, error: &ExchangeError) -> String {
    let t = |key| tr(lang, key);
    match error {
        ExchangeError::TooLarge { bytes, max } => fill(t("exchange.too_large"), &[&bytes.to_string(), &max.to_string()]),
        ExchangeError::TooManyRows { rows, max } => fill(t("exchange.too_many_rows"), &[&rows.to_string(), &max.to_string()]),
        ExchangeError::TooManyColumns { columns, max } => fill(t("exchange.too_many_columns"), &[&columns.to_string(), &max.to_string()]),
        ExchangeError::TooManyStrings { declared, most } => {
            fill(t("exchange.too_many_strings"), &[&declared.to_string(), &most.to_string()])
        }
        ExchangeError::NoRows => t("exchange.no_rows").to_owned(),
        ExchangeError::TooBig { max } => fill(t("exchange.too_big"), &[&max.to_string()]),
        ExchangeError::UnknownFormat(ext) => fill(t("exchange.unknown_format"), &[ext]),
        ExchangeError::Unreadable(detail) => fill(t("exchange.unreadable"), &[detail]),
        ExchangeError::Empty => t("exchange.empty").to_owned(),
        ExchangeError::MissingColumns(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| tr(lang, field_key(*f))).collect();
            fill(t("exchange.missing_columns"), &[&names.join(if lang == Lang::En { ", " } else { "、" })])
        }
        ExchangeError::NoHeader { sheet, missing } => {
            let names: Vec<&str> = missing.iter().map(|f| tr(lang, field_key(*f))).collect();
            fill(t("exchange.no_header"), &[sheet, &names.join(if lang == Lang::En { ", " } else { "、" })])
        }
        ExchangeError::UnknownEncoding { tried } => fill(t("exchange.unknown_encoding"), &[tried]),
        ExchangeError::Write(detail) => fill(t("exchange.write"), &[detail]),
        ExchangeError::NotAFile(e) => not_a_file(lang, e),
        ExchangeError::Io(e) => fill(t("exchange.io"), &[&e.to_string()]),
    }
}
