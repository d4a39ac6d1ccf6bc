//! Printing checked from the outside: the PDF's text read back with poppler's pdftotext, the
//! font embedded as a subset according to pdffonts, page counts, and long texts that
//! paginate without losing a character.

use crate::support::demo;
use nengli::domain::Lang;
use nengli::report::layout::{self, Block, Cell, Document, Grid, Mm};
use nengli::report::{metrics, pdf};
use std::process::Command;

fn poppler(tool: &str, pdf: &[u8], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool).args(extra).arg(&path).args(if tool == "pdftotext" { vec!["-"] } else { vec![] }).output();
    let out = out.unwrap_or_else(|e| panic!("{tool} is needed (poppler-utils, installed by .ci/run): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn duty_statements_print_with_their_text_and_an_embedded_subset_font() {
    let service = demo();
    let (pages, bytes) = nengli::cli::print_duty_statements(&service, Some("辦公室"), Lang::Tc).unwrap();
    let posts: Vec<_> = service
        .read()
        .posts()
        .unwrap()
        .into_iter()
        .filter(|p| p.unit == service.read().units().unwrap().iter().find(|u| u.name == "辦公室").unwrap().id)
        .collect();
    assert_eq!(pages, posts.len(), "one sheet per post, each fits one page");
    let info = poppler("pdfinfo", &bytes, &[]);
    assert!(info.contains(&format!("Pages:           {pages}")), "{info}");
    let text = squeeze(&poppler("pdftotext", &bytes, &["-layout"]));
    for post in &posts {
        assert!(text.contains(&squeeze(&post.title)), "{} missing", post.title);
        assert!(text.contains(&squeeze(&post.duties)), "duties of {} missing", post.title);
    }
    assert!(text.contains("崗位職位說明書") && text.contains("行家里手"));
    let fonts = poppler("pdffonts", &bytes, &[]);
    let line = fonts.lines().find(|l| l.contains("NotoSansCJK")).unwrap_or_else(|| panic!("{fonts}"));
    assert!(line.contains("yes yes yes"), "embedded, subset, with a ToUnicode map: {line}");
    assert!(line.split('+').next().is_some_and(|tag| tag.len() == 6), "subset tag: {line}");
    assert!(bytes.len() < 40_000 * pages, "{} bytes for {pages} pages", bytes.len());
}

#[test]
fn simplified_chinese_prints_with_the_sc_face() {
    let service = demo();
    let (_, bytes) = nengli::cli::print_duty_statements(&service, Some("人教科"), Lang::Sc).unwrap();
    assert!(poppler("pdffonts", &bytes, &[]).contains("NotoSansCJKsc"));
    assert!(squeeze(&poppler("pdftotext", &bytes, &[])).contains("岗位职位说明书"));
}

#[test]
fn a_3000_character_text_paginates_without_losing_a_character() {
    let commitment: String = "本人承諾:認真履行崗位職責,刻苦鑽研業務(稅收征管、納稅評估),嚴守廉潔紀律;2013年完成「五基」達標考試。"
        .chars()
        .cycle()
        .take(3000)
        .collect();
    let grid = Grid {
        columns: vec![1.0, 4.0],
        header: Some(vec![Cell::label("Item"), Cell::label("Text")]),
        rows: vec![(vec![Cell::label("Pledge"), Cell::new(commitment.clone())], Mm(0.0))],
        size_pt: 11.0,
    };
    let document = Document {
        title: "承諾書".into(),
        blocks: vec![Block::Title { text: "能力席位書".into(), size_pt: 18.0 }, Block::Grid(grid)],
        footer: None,
    };
    let pages = layout::layout(&document, layout::A4, metrics::for_lang(Lang::Tc));
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let bytes = pdf::render("承諾書", &pages, layout::A4, Lang::Tc).unwrap();
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    // The repeated header and the label are Latin, so the commitment's characters read in order.
    let body: String = text.chars().filter(|c| squeeze(&commitment).contains(*c)).collect();
    assert!(body.contains(&squeeze(&commitment)), "every character of the commitment is printed, in order");
    assert_eq!(
        poppler("pdfinfo", &bytes, &[]).lines().find(|l| l.starts_with("Pages:")).map(|l| l
            .split_whitespace()
            .last()
            .unwrap()
            .parse::<usize>()
            .unwrap()),
        Some(pages.len())
    );
}
