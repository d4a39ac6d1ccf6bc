//! The self-check round of a 30,000-official bureau: the bureau's heatmap computed by the
//! service (compared with the same aggregate run by the sqlite3 shell on the same file, when
//! it is installed), and one official's page opened in the window (detail read + frame).
//! Run with `cargo bench --bench selfcheck`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::ui::intent::Intent;
use nengli::ui::intent::SelfCheckIntent;
use nengli::ui::state::Page;
use std::time::{Duration, Instant};

/// The heatmap's aggregate in SQL: each serving official's gap on each capability (required
/// by the post's standard at their tier, else the tier's default, less the supervisor's level
/// or else their own), summed per capability.
const HEATMAP_SQL: &str = "
WITH RECURSIVE n(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM n WHERE c < 8),
req AS (
  SELECT o.id AS official, n.c AS capability,
    COALESCE(
      (SELECT l.level FROM post_standard s JOIN post_standard_level l ON l.standard_id = s.id JOIN capability k ON k.id = l.capability_id
        WHERE s.post_id = o.post_id AND s.year = :year AND l.tier = o.tier AND k.position = n.c),
      (SELECT l.level FROM post_standard s JOIN post p ON p.id = s.post_id JOIN post_standard_level l ON l.standard_id = s.id
        JOIN capability k ON k.id = l.capability_id WHERE s.post_id = o.post_id AND s.year = :year AND l.tier = p.tier AND k.position = n.c),
      (SELECT level FROM tier_default_level WHERE tier = o.tier)) AS required
  FROM official o, n WHERE o.status = 'active')
SELECT r.capability, count(*), sum(max(r.required - coalesce(l.supervisor_level, l.own_level), 0))
FROM req r JOIN self_check sc ON sc.official_id = r.official AND sc.round_id = :round
JOIN self_check_level l ON l.check_id = sc.id AND l.capability = r.capability
GROUP BY r.capability;";

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bureau.sqlite");
    let service = common::generated_bureau(&db, 1);
    let round = service.rounds().expect("rounds")[0].clone();

    let samples: Vec<Duration> = (0..7)
        .map(|_| {
            let started = Instant::now();
            let result = service.round_analysis(round.id, None).expect("analysis");
            assert_eq!(result.analysis.rows.len(), 30_000);
            started.elapsed()
        })
        .collect();
    let ours = common::median(samples);
    println!("bureau heatmap (30,000 officials × 8 capabilities): median {ours:.1} ms (goal < 200 ms)");

    let sql = HEATMAP_SQL.replace(":year", &round.data.year.to_string()).replace(":round", &round.id.to_string());
    let shell: Vec<Duration> = (0..5)
        .filter_map(|_| {
            let started = Instant::now();
            let out = std::process::Command::new("sqlite3").arg(&db).arg(&sql).output().ok()?;
            out.status.success().then(|| started.elapsed())
        })
        .collect();
    if shell.is_empty() {
        println!("sqlite3 shell not installed: no comparison");
    } else {
        let theirs = common::median(shell);
        println!("the same aggregate in the sqlite3 shell: median {theirs:.1} ms (ours is {:.2}× of it; goal ≤ 1.5×)", ours / theirs);
    }

    let mut harness = common::open_app(&db, dir.path(), Page::SelfCheck);
    common::log_in(&mut harness);
    let people: Vec<_> = harness.state().state.selfcheck.rows.iter().step_by(997).map(|r| r.official).collect();
    assert!(people.len() > 20);
    let samples: Vec<Duration> = people
        .iter()
        .map(|id| {
            let started = Instant::now();
            harness.state_mut().handle(Intent::SelfCheck(SelfCheckIntent::SelectCheck(Some(*id))));
            harness.step();
            started.elapsed()
        })
        .collect();
    println!("an official's self-check page opens (detail read + frame): median {:.1} ms (goal < 50 ms)", common::median(samples));
    let samples = common::frames(&mut harness, 100);
    println!("self-check page frame: median {:.2} ms", common::median(samples));
    harness.state_mut().handle(Intent::Navigate(Page::Analysis));
    harness.step();
    let samples = common::frames(&mut harness, 100);
    println!("analysis page frame (30,000-row heatmap): median {:.2} ms", common::median(samples));
}
