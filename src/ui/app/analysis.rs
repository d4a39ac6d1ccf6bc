//! The analysis page's intents: the heatmap's scope and order.

use super::NengliApp;
use crate::messages;
use crate::ui::intent::AnalysisIntent;
use crate::ui::state::Page;

impl NengliApp {
    /// Carries out what the analysis page asked for.
    pub(super) fn handle_analysis(&mut self, intent: AnalysisIntent) {
        match intent {
            AnalysisIntent::AnalysisUnit(unit) => {
                self.state.analysis.unit = unit;
                self.reload_analysis();
            }
            AnalysisIntent::SortHeatmap(column) => {
                let sort = &mut self.state.analysis.sort;
                *sort = if sort.0 == column { (column, !sort.1) } else { (column, column != 0) };
                self.order_heatmap();
            }
        }
    }

    /// Recomputes the analysis page's heatmap for its round and scope.
    pub(super) fn reload_analysis(&mut self) {
        let (Some(service), Some(round)) = (&self.service, self.state.selfcheck.round) else {
            self.state.analysis.result = None;
            return;
        };
        if !self.state.session.as_ref().is_some_and(|s| Page::Analysis.offered_to(s.role)) {
            return;
        }
        let year = self.state.selfcheck.rounds.iter().find(|r| r.id == round).map_or(0, |r| r.data.year);
        let unit_plan = match self.state.analysis.unit {
            Some(unit) => service.plan_items(crate::domain::plans::PlanOwner::Unit(unit), year).unwrap_or_default(),
            None => Vec::new(),
        };
        self.state.analysis.unit_plan = unit_plan;
        self.state.selfcheck.plan_reviews.clear();
        match service.round_analysis(round, self.state.analysis.unit) {
            Ok(result) => {
                if let Some(data) = &self.state.data {
                    self.state.analysis.names = data.roster.iter().map(|r| (r.id, (r.name.clone(), r.staff_no.clone()))).collect();
                }
                self.state.analysis.result = Some(result);
                self.order_heatmap();
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    pub(super) fn order_heatmap(&mut self) {
        let analysis = &mut self.state.analysis;
        let Some(result) = &analysis.result else { return };
        let rows = &result.analysis.rows;
        let names = &analysis.names;
        let (column, descending) = analysis.sort;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let key = |i: &usize| -> (i64, String) {
            let row = &rows[*i];
            let gap = match column {
                1..=8 => row.gaps[column - 1].map_or(-1, i64::from),
                9 => row.total().map_or(-1, i64::from),
                _ => 0,
            };
            (gap, names.get(&row.official).map(|n| n.1.clone()).unwrap_or_default())
        };
        order.sort_by_cached_key(key);
        if descending {
            order.reverse();
        }
        analysis.order = order;
    }
}
