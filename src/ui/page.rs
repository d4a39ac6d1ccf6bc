//! The pages of the window, as the navigation lists them: what the state shows and what an
//! intent navigates to.

use crate::domain::access::Role;

/// The areas of the programme in the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Page {
    #[default]
    Home,
    Programme,
    Organisation,
    Roster,
    Standards,
    /// 能力自查: rounds, self-checks, reviews, peer checks, gaps and plans.
    SelfCheck,
    /// 差距分析: a unit's or the bureau's heatmap and completion.
    Analysis,
    /// 學習培訓: the study plan, sessions and attendance, and compliance with the quotas.
    Training,
    /// 平時考核: the periods' records, the 好 quota, 專項考核 and the grade suggestions' settings.
    Routine,
    /// 年度考核: the year-end records, their sign-off chain and the grades.
    YearEnd,
    /// The import preview (shown in the navigation while a preview exists).
    Import,
    Settings,
}

impl Page {
    pub const ALL: [Page; 12] = [
        Page::Home,
        Page::Programme,
        Page::Organisation,
        Page::Roster,
        Page::Standards,
        Page::SelfCheck,
        Page::Analysis,
        Page::Training,
        Page::Routine,
        Page::YearEnd,
        Page::Import,
        Page::Settings,
    ];

    /// Whether the page is offered to `role`: officials see their self-check and settings,
    /// reviewers also the programme's overview and the analysis, administrators everything.
    pub fn offered_to(self, role: Role) -> bool {
        match role {
            Role::Admin => true,
            Role::Reviewer => {
                matches!(
                    self,
                    Page::Home
                        | Page::Programme
                        | Page::SelfCheck
                        | Page::Analysis
                        | Page::Training
                        | Page::Routine
                        | Page::YearEnd
                        | Page::Settings
                )
            }
            Role::Official => matches!(self, Page::SelfCheck | Page::Routine | Page::YearEnd | Page::Settings),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Page::Home => "nav.home",
            Page::Programme => "nav.programme",
            Page::Organisation => "nav.organisation",
            Page::Roster => "nav.roster",
            Page::Standards => "nav.standards",
            Page::SelfCheck => "nav.selfcheck",
            Page::Analysis => "nav.analysis",
            Page::Training => "nav.training",
            Page::Routine => "nav.routine",
            Page::YearEnd => "nav.yearend",
            Page::Import => "nav.import",
            Page::Settings => "nav.settings",
        }
    }
}
