//! The 干部任免審批表 on paper, as the official form lays it out: page 1 the header grid (the
//! photo in its box at the top right, 學歷學位 over its two rows) and the 簡歷 box filling the
//! page; page 2 獎懲情況, 年度考核結果, 任免理由, the family table, then 呈報單位, the two
//! approving bodies' boxes and 填表人; a longer 簡歷 goes on continuation pages after page 2.

use crate::domain::Lang;
use crate::domain::cadre::CadreRecord;
use crate::i18n::{fill, tr};
use crate::report::layout::{Block, Cell, Document, Form, FormBox, Grid, Mm, Picture};
use std::sync::Arc;

/// One official's form: the roster's columns as printed (dates as `YYYY.MM`, the birth month
/// with the age) and the 任免審批表 record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppointmentSheet {
    pub staff_no: String,
    pub name: String,
    pub gender: String,
    /// `1985.03（39歲）`
    pub birth: String,
    pub ethnicity: String,
    pub native_place: String,
    pub birthplace: String,
    pub party_since: String,
    pub work_since: String,
    pub health: String,
    pub education: String,
    pub degree: String,
    pub school: String,
    pub inservice_education: String,
    pub inservice_degree: String,
    pub inservice_school: String,
    pub record: CadreRecord,
    pub photo: Option<Arc<Picture>>,
}

/// The longest side a photo keeps on paper, in pixels (a form's photo is about 376 × 460).
const PHOTO_PIXELS: u32 = 800;

/// A photo's pixels for printing (shrunk when larger than a form needs); `None` when the bytes
/// are not a picture the program reads.
pub fn photo(bytes: &[u8]) -> Option<Arc<Picture>> {
    let image = image::load_from_memory(bytes).ok()?;
    let image =
        if image.width() > PHOTO_PIXELS || image.height() > PHOTO_PIXELS { image.thumbnail(PHOTO_PIXELS, PHOTO_PIXELS) } else { image };
    let rgb = image.to_rgb8();
    Some(Arc::new(Picture { width: rgb.width(), height: rgb.height(), rgb: rgb.into_raw() }))
}

/// Two texts on lines of their own, either left out when empty.
fn two_lines(first: &str, second: &str) -> String {
    [first, second].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
}

fn form(lang: Lang, sheet: &AppointmentSheet) -> Form {
    let r = &sheet.record;
    let label = |key: &str| Cell::label(tr(lang, key));
    let value = |v: &str| Cell::new(v);
    let row = Mm(11.0);
    let photo = Cell::label(tr(lang, "field.photo")).rows(4).picture(sheet.photo.clone());
    let head = Grid {
        columns: vec![1.15, 1.1, 1.1, 1.1, 1.15, 1.2, 1.4],
        header: None,
        rows: vec![
            (
                vec![
                    label("field.name"),
                    value(&sheet.name),
                    label("field.gender"),
                    value(&sheet.gender),
                    label("cadre.birth_age"),
                    value(&sheet.birth),
                    photo,
                ],
                row,
            ),
            (
                vec![
                    label("field.ethnicity"),
                    value(&sheet.ethnicity),
                    label("field.native_place"),
                    value(&sheet.native_place),
                    label("field.birthplace"),
                    value(&sheet.birthplace),
                ],
                row,
            ),
            (
                vec![
                    label("field.party_since"),
                    value(&sheet.party_since),
                    label("field.work_since"),
                    value(&sheet.work_since),
                    label("field.health"),
                    value(&sheet.health),
                ],
                row,
            ),
            (
                vec![
                    label("cadre.professional"),
                    value(&r.professional_title).span(2),
                    label("cadre.speciality"),
                    value(&r.speciality).span(2),
                ],
                row,
            ),
            (
                vec![
                    label("cadre.education").rows(2),
                    label("cadre.fulltime"),
                    value(&two_lines(&sheet.education, &sheet.degree)).span(2),
                    label("field.school"),
                    value(&two_lines(&sheet.school, &r.degree_school)).span(2),
                ],
                row,
            ),
            (
                vec![
                    label("cadre.inservice"),
                    value(&two_lines(&sheet.inservice_education, &sheet.inservice_degree)).span(2),
                    label("field.school"),
                    value(&two_lines(&sheet.inservice_school, &r.inservice_degree_school)).span(2),
                ],
                row,
            ),
            (vec![label("cadre.current"), value(&r.current_post).span(6)], row),
            (vec![label("cadre.proposed"), value(&r.proposed_post).span(6)], row),
            (vec![label("cadre.removal"), value(&r.proposed_removal).span(6)], row),
        ],
        size_pt: 10.5,
    };
    let boxed = |key: &str, text: &str, min: f32, grow: f32, sign: Vec<String>| FormBox {
        label: tr(lang, key).to_owned(),
        text: text.to_owned(),
        min_height: Mm(min),
        grow,
        sign,
        note: None,
    };
    let date = || vec![tr(lang, "cadre.date").to_owned()];
    let sealed = || vec![tr(lang, "sheet.seal").to_owned(), tr(lang, "cadre.date").to_owned()];
    let mut family: Vec<(Vec<Cell>, Mm)> = r
        .family
        .iter()
        .map(|m| {
            let birth = crate::domain::cadre::printed_date(&m.birth);
            (vec![value(&m.relation), value(&m.name), value(&birth), value(&m.political), value(&m.work)], Mm(8.0))
        })
        .collect();
    // The blank form's rows, filled or not.
    while family.len() < 6 {
        family.push((vec![value(""), value(""), value(""), value(""), value("")], Mm(8.0)));
    }
    let family = Grid {
        columns: vec![0.8, 0.9, 1.0, 1.0, 3.3],
        header: Some(vec![
            label("cadre.relation"),
            label("field.name"),
            label("cadre.family_birth"),
            label("field.political"),
            label("cadre.work"),
        ]),
        rows: family,
        size_pt: 10.0,
    };
    let filled_on = crate::domain::cadre::printed_date(&r.filled_on);
    let filled = if filled_on.is_empty() { Vec::new() } else { vec![fill(tr(lang, "cadre.filled_on"), &[&filled_on])] };
    Form {
        title: tr(lang, "cadre.title").to_owned(),
        year: String::new(),
        head,
        summary: boxed("field.resume", &r.resume_text(), 0.0, 0.0, Vec::new()),
        boxes: vec![
            boxed("field.rewards", &r.rewards, 18.0, 1.0, Vec::new()),
            boxed("cadre.assessment", &r.assessment, 14.0, 0.5, Vec::new()),
            boxed("cadre.reason", &r.reason, 18.0, 1.0, Vec::new()),
        ],
        appendix: Some((tr(lang, "cadre.family").to_owned(), family)),
        tail: vec![
            boxed("cadre.reporting", &r.reporting_unit, 22.0, 0.5, date()),
            boxed("cadre.approval", "", 24.0, 0.5, sealed()),
            boxed("cadre.administrative", "", 24.0, 0.5, sealed()),
            boxed("cadre.filled_by", &r.filled_by, 9.0, 0.0, filled),
        ],
        running_head: fill(tr(lang, "cadre.running"), &[tr(lang, "cadre.title"), &sheet.name, &sheet.staff_no]),
        continued: tr(lang, "sheet.continued").to_owned(),
        continued_label: tr(lang, "cadre.resume_continued").to_owned(),
        turn_over: tr(lang, "sheet.turn_over").to_owned(),
        next_page: tr(lang, "sheet.next_page").to_owned(),
        size_pt: 10.5,
    }
}

/// The 干部任免審批表 of `sheets`, one form each (see the module's description).
pub fn appointment_forms(lang: Lang, bureau: &str, sheets: &[AppointmentSheet]) -> Document {
    let mut blocks = Vec::with_capacity(sheets.len() * 2);
    for sheet in sheets {
        if !blocks.is_empty() {
            blocks.push(Block::NewSheet);
        }
        blocks.push(Block::Form(Box::new(form(lang, sheet))));
    }
    Document { title: fill(tr(lang, "cadre.document_title"), &[bureau]), blocks, footer: None }
}
