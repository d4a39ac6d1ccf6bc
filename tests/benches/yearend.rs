//! The year-end rules over a 30,000-official bureau, 900 of whom have a standing (a 警告, long
//! sick leave, an open 立案審查): the year-end list with what the rules say of each, the quota's
//! pools with their 名額分配表, and the 名額分配表 printed. Run with `cargo bench --bench yearend`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::domain::Lang;
use nengli::domain::standing::{Investigation, Leave, LeaveKind, Sanction, SanctionKind, Standing};
use nengli::domain::yearend::{Pool, QuotaRules};
use nengli::service::command::StandingCommand;
use nengli::service::printing::{self, Printout};

fn main() {
    let (_dir, mut service, year) = common::one_year_bureau();
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(year, m, d).unwrap();
    let officials: Vec<_> = service.read().officials().unwrap().into_iter().map(|o| o.id).collect();
    let _ = service.execute(StandingCommand::SetWorkingDays { year, days: Some(250) }).unwrap();
    for (i, official) in officials.iter().step_by(officials.len() / 900).take(900).enumerate() {
        let standing = match i % 3 {
            0 => Standing {
                sanctions: vec![Sanction {
                    kind: SanctionKind::Warning,
                    doc_no: "稅紀〔2012〕3號".into(),
                    effective: day(3, 5),
                    ends: None,
                }],
                ..Default::default()
            },
            1 => Standing { leave: vec![Leave { year, kind: LeaveKind::Sick, days: 190 }], ..Default::default() },
            _ => Standing { investigations: vec![Investigation { opened: day(9, 1), closed: None, outcome: None }], ..Default::default() },
        };
        let _ = service.execute(StandingCommand::SetStanding { official: *official, standing: Box::new(standing) }).unwrap();
    }
    let units = service.read().units().unwrap();
    let pools: Vec<Pool> = units
        .iter()
        .filter(|u| u.parent.is_some_and(|p| units.iter().any(|root| root.id == p && root.parent.is_none())))
        .take(3)
        .map(|u| Pool { name: u.name.clone(), units: vec![u.id], percent: 20, ..Default::default() })
        .collect();
    let _ = service.execute(StandingCommand::SaveQuota(QuotaRules { pools, ..QuotaRules::default() })).unwrap();
    let time = common::median_of_seven;
    let verdicts_ms = time(&mut || {
        assert_eq!(service.verdicts(year).unwrap().len(), 900);
    });
    println!("what the rules say of the 900 with a standing: median {verdicts_ms:.1} ms (goal < 50 ms)");
    let list_ms = time(&mut || {
        let rows = service.yearend_rows(year).unwrap();
        assert_eq!(rows.iter().filter(|r| !r.findings.is_empty()).count(), 900);
    });
    println!("the year-end list of 30,000 officials with what the rules say of 900: median {list_ms:.1} ms (goal < 300 ms)");
    let pools_ms = time(&mut || {
        let pools = service.quota_pools(year).unwrap();
        assert_eq!(pools.iter().map(|p| p.quota.assessed).sum::<usize>(), 30_000);
    });
    println!("the quota's pools of 30,000 officials: median {pools_ms:.1} ms (goal < 300 ms)");
    let print_ms = time(&mut || {
        let document = printing::document(&service, &Printout::QuotaAllocation { year }, Lang::Tc).unwrap().unwrap();
        let (bytes, _) =
            nengli::report::write_pdf(Vec::new(), &document.title, [&document], nengli::report::layout::A4, Lang::Tc, &mut |_| true)
                .unwrap();
        assert!(bytes.starts_with(b"%PDF"));
    });
    println!("the 名額分配表 as a PDF: median {print_ms:.1} ms (goal < 1 s)");
}
