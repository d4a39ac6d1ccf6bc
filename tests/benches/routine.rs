//! 平時考核 of a 30,000-official bureau over four quarters (120,000 records, a year-end proposal
//! for everyone): a unit's summary of a quarter (its people, their results, the 好 quota of its
//! quota group), the bureau's summary, and the grade suggestions for the whole bureau from the
//! weighted rule set. Run with `cargo bench --bench routine`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::domain::routine::{Attendance, Cadence, Period, Rating, RoutineData, RoutineRecord, RuleBook, Stage};
use nengli::domain::yearend::{Grade, Stage as YearStage, YearEnd, YearEndData};
use nengli::service::command::RoutineCommand;
use nengli::store::new_uuid;
use std::time::Instant;

fn main() {
    let (_dir, mut service, year) = common::one_year_bureau();
    let started = Instant::now();
    service
        .store_mut()
        .write(|db| {
            let officials = db.officials()?;
            for number in 1..=4u8 {
                let period = Period { year, cadence: Cadence::Quarterly, number };
                let id = db.save_routine_period(&period, period.default_deadline())?;
                for (i, o) in officials.iter().enumerate() {
                    let result = Rating::ALL[(i * 7 + usize::from(number)) % 4];
                    let data = RoutineData {
                        summary: "本季度完成崗位工作。".into(),
                        criteria: [Some(result); 5],
                        result: Some(result),
                        comment: "完成較好。".into(),
                        attendance: Attendance { present: 60, ..Default::default() },
                        ..Default::default()
                    };
                    db.save_routine_record(&RoutineRecord {
                        id: 0,
                        uuid: new_uuid(),
                        period: id,
                        official: o.id,
                        stage: Stage::Rated,
                        data,
                    })?;
                }
            }
            for (i, o) in officials.iter().enumerate() {
                let data = YearEndData { proposed: Some(Grade::ALL[i % 4]), ..Default::default() };
                db.save_yearend(&YearEnd { id: 0, uuid: new_uuid(), official: o.id, year, stage: YearStage::Commented, data, version: 0 })?;
            }
            Ok::<_, nengli::service::ServiceError>(())
        })
        .unwrap();
    println!("filled 4 quarters × 30,000 officials and their year-end proposals in {:.1} s", started.elapsed().as_secs_f64());
    let q3 = service.routine_period(&format!("{year}Q3")).unwrap().unwrap().id;
    // The unit with the most people directly in it.
    let roster = service.read().roster_rows().unwrap();
    let mut sizes = std::collections::HashMap::new();
    for r in &roster {
        *sizes.entry(r.unit).or_insert(0usize) += 1;
    }
    let (unit, size) = sizes.into_iter().max_by_key(|(_, n)| *n).unwrap();
    let time = common::median_of_seven;
    let unit_ms = time(&mut || {
        let summary = service.routine_summary(q3, Some(unit)).unwrap();
        assert!(summary.rows.len() >= size && summary.quota.assessed >= size);
    });
    println!("a unit's summary of a quarter ({size} people): median {unit_ms:.1} ms (goal < 100 ms)");
    let bureau_ms = time(&mut || {
        let summary = service.routine_summary(q3, None).unwrap();
        assert_eq!(summary.quota.assessed, 30_000);
    });
    println!("the bureau's summary of a quarter (30,000 people): median {bureau_ms:.1} ms");
    let book = RuleBook { chosen: 2, ..service.routine_rules().unwrap() };
    let _ = service.execute(RoutineCommand::SaveRules(book)).unwrap();
    let suggest_ms = time(&mut || {
        let rows = service.routine_suggestions(year).unwrap();
        assert_eq!(rows.len(), 30_000);
        assert!(rows.iter().all(|r| r.suggestion.grade.is_some()));
    });
    println!(
        "the bureau's grade suggestions (30,000 officials × 4 quarters, weighted rule set): median {suggest_ms:.1} ms (goal < 200 ms)"
    );
}
