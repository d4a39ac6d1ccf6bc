//! The window driven as a user would, through egui_kittest: widgets found by their labels,
//! with the bundled font installed (a missing glyph fails the test), results checked in the
//! database behind the app.

use crate::support::demo_file;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nengli::domain::Lang;
use nengli::service::command::{RosterCommand, TrainingCommand};
use nengli::ui::app::{NengliApp, Startup};
use nengli::ui::intent::{ImportIntent, PrintIntent, SelfCheckIntent, SettingsIntent, TrainingIntent, YearEndIntent};
use nengli::ui::state::{Page, Prefs};
use std::path::{Path, PathBuf};

fn harness(dir: &Path, db: Option<PathBuf>, lang: Lang) -> Harness<'static, NengliApp> {
    harness_sized(dir, db, lang, egui::vec2(1400.0, 900.0))
}

fn harness_sized(dir: &Path, db: Option<PathBuf>, lang: Lang, size: egui::Vec2) -> Harness<'static, NengliApp> {
    let startup = Startup { db, lang, default_db: dir.join("default.sqlite"), demo_db: dir.join("demo.sqlite") };
    let app = NengliApp::new(Prefs::default(), startup);
    let mut harness =
        Harness::builder().with_size(size).with_context_setup(move |ctx| nengli::ui::fonts::install(ctx, lang)).build_eframe(|_cc| app);
    harness.run();
    sign_in_if_asked(&mut harness);
    harness
}

/// Hires a newcomer (an official with no records, who may be deleted) through the app.
fn hire(h: &mut Harness<'_, NengliApp>, staff_no: &str) -> nengli::domain::OfficialId {
    let command = crate::support::newcomer(h.state().service().unwrap(), staff_no);
    h.state_mut().handle(nengli::ui::intent::Intent::Do(command));
    crate::support::official_id(h.state().service().unwrap(), staff_no)
}

/// Logs in as the demo's administrator (or makes the first administrator of a file without
/// accounts) through the log-in screen's widgets, when the screen is showing.
fn sign_in_if_asked(h: &mut Harness<'_, NengliApp>) {
    let state = &h.state().state;
    if state.data.is_none() || state.session.is_some() {
        return;
    }
    let (username, password, _) = nengli::service::seed::DEMO_ACCOUNTS[0];
    sign_in(h, username, password);
}

/// Logs in through the widgets as `username`; a file without accounts makes it its administrator.
fn sign_in(h: &mut Harness<'_, NengliApp>, username: &str, password: &str) {
    let lang = h.state().state.lang;
    let t = |key| nengli::i18n::tr(lang, key);
    type_into(h, t("field.username"), username);
    if h.state().state.login.first_admin {
        type_into(h, t("field.password"), password);
        type_into(h, t("login.repeat"), password);
        click(h, Role::Button, t("login.create_admin"));
    } else {
        type_into(h, t("field.password"), password);
        click(h, Role::Button, t("login.button"));
    }
    assert!(h.state().state.session.is_some(), "logged in as {username}: {:?}", h.state().state.login.message);
}

fn demo_harness(lang: Lang) -> (tempfile::TempDir, Harness<'static, NengliApp>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let harness = harness(dir.path(), Some(db), lang);
    (dir, harness)
}

fn type_into(harness: &mut Harness<'_, NengliApp>, label: &str, text: &str) {
    let field = |node: &egui_kittest::kittest::AccessKitNode<'_>| {
        matches!(node.role(), Role::TextInput | Role::MultilineTextInput | Role::PasswordInput) && node.label().as_deref() == Some(label)
    };
    harness.get_by(field).scroll_to_me();
    harness.run();
    harness.get_by(field).focus();
    harness.run();
    harness.get_by(field).type_text(text);
    harness.run();
}

fn click(harness: &mut Harness<'_, NengliApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

/// Opens the drop-down named `combo` and picks the option whose text contains `option`.
fn pick(harness: &mut Harness<'_, NengliApp>, combo: &str, option: &str) {
    click(harness, Role::ComboBox, combo);
    let choice =
        |node: &egui_kittest::kittest::AccessKitNode<'_>| node.role() == Role::Button && node.label().is_some_and(|l| l.contains(option));
    harness.get_by(choice).scroll_to_me();
    harness.run();
    harness.get_by(choice).click();
    harness.run();
}

/// Opens the drop-down named `combo` and picks the option whose text is exactly `option` (the
/// list is drawn last, so an open list's option comes after any closed box showing that text).
fn pick_exact(harness: &mut Harness<'_, NengliApp>, combo: &str, option: &str) {
    click(harness, Role::ComboBox, combo);
    let choice = |node: &egui_kittest::kittest::AccessKitNode<'_>| node.role() == Role::Button && node.label().as_deref() == Some(option);
    harness.query_all_by(choice).last().expect("the option is listed").click();
    harness.run();
}

#[test]
fn a_unit_a_post_and_an_official_are_made_through_the_widgets() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "組織機構");
    // A sub-unit of the bureau.
    type_into(&mut h, "下級單位名稱", "督察內審科");
    click(&mut h, Role::Button, "新增");
    let service = h.state().service().unwrap();
    let unit = service.read().units().unwrap().into_iter().find(|u| u.name == "督察內審科").expect("unit created");
    assert_eq!(h.state().state.org.selected_unit, Some(unit.id));
    // A post with its duty statement.
    click(&mut h, Role::Button, "新增崗位");
    type_into(&mut h, "崗位名稱", "內審崗");
    pick(&mut h, "職級層次", "一般幹部");
    type_into(&mut h, "崗位職責", "開展內部審計，督察執法和財務管理。");
    click(&mut h, Role::Button, "保存");
    let post = h.state().service().unwrap().read().posts().unwrap().into_iter().find(|p| p.title == "內審崗");
    let post = post.unwrap_or_else(|| panic!("post not created: {:?} {:?}", h.state().state.notice, h.state().state.org.post_form));
    assert_eq!((post.unit, post.duties.as_str()), (unit.id, "開展內部審計，督察執法和財務管理。"));
    // An official on that post.
    click(&mut h, Role::Button, "幹部名冊");
    click(&mut h, Role::Button, "新增幹部");
    type_into(&mut h, "工號", "N0001");
    type_into(&mut h, "姓名", "林小雨");
    pick(&mut h, "性別", "女");
    type_into(&mut h, "出生年月", "1990.05");
    pick(&mut h, "職級層次", "一般幹部");
    pick(&mut h, "單位", "督察內審科");
    pick(&mut h, "崗位", "內審崗");
    click(&mut h, Role::Button, "保存");
    let rows = h.state().service().unwrap().read().roster_rows().unwrap();
    let row = rows.iter().find(|r| r.staff_no == "N0001").expect("official created");
    assert_eq!((row.name.as_str(), row.unit, row.post), ("林小雨", unit.id, Some(post.id)));
    assert_eq!(h.state().state.roster.selected, Some(row.id));
}

#[test]
fn a_duplicate_staff_number_is_shown_next_to_the_field() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    let holder = h.state().service().unwrap().read().roster_rows().unwrap().into_iter().find(|r| r.staff_no == "GS00001").unwrap();
    click(&mut h, Role::Button, "幹部名冊");
    click(&mut h, Role::Button, "新增幹部");
    type_into(&mut h, "工號", "GS00001");
    type_into(&mut h, "姓名", "重號測試");
    pick(&mut h, "性別", "男");
    type_into(&mut h, "出生年月", "1980.01");
    pick(&mut h, "職級層次", "一般幹部");
    pick(&mut h, "單位", "辦公室");
    let count = h.state().service().unwrap().read().official_count().unwrap();
    click(&mut h, Role::Button, "保存");
    h.get_by_label(&format!("已被 {} 使用", holder.name));
    assert_eq!(h.state().service().unwrap().read().official_count().unwrap(), count, "nothing stored");
}

#[test]
fn the_roster_filters_as_the_user_types() {
    let (_dir, mut h) = demo_harness(Lang::Sc);
    click(&mut h, Role::Button, "干部名册");
    let total = h.state().state.data.as_ref().unwrap().roster.len();
    assert_eq!(h.state().state.data.as_ref().unwrap().roster_visible.len(), total);
    type_into(&mut h, "搜索", "GS00002");
    let data = h.state().state.data.as_ref().unwrap();
    assert_eq!(data.roster_visible.len(), 1);
    let name = data.roster[data.roster_visible[0] as usize].name.clone();
    h.get_by_label(&name);
    h.get_by_label(&format!("显示 1 / 共 {total} 人"));
}

#[test]
fn switching_language_relabels_the_same_page() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "設定");
    h.get_by_label("介面語言");
    h.get_by_label("學習力");
    h.get_by_label("全面展開階段");
    click(&mut h, Role::RadioButton, "English");
    assert_eq!(h.state().state.page, Page::Settings);
    h.get_by_label("Interface language");
    h.get_by_role_and_label(Role::Button, "Roster");
    click_starting_job(&mut h, "Check database");
    h.get_by_label("Check passed: the data is intact.");
    assert!(h.query_by_label("介面語言").is_none());
    assert_eq!(h.state().prefs().lang, Some(Lang::En), "the choice is remembered");
    h.get_by_label("Learning");
    h.get_by_label("Full roll-out");
    click(&mut h, Role::RadioButton, "简体中文");
    h.get_by_label("界面语言");
    h.get_by_label("学习力");
    h.get_by_label("应知应会");
}

#[test]
fn ctrl_z_undoes_the_last_change_and_ctrl_y_redoes_it() {
    let (_dir, mut h) = demo_harness(Lang::En);
    click(&mut h, Role::Button, "Organisation");
    type_into(&mut h, "Sub-unit name", "Audit team");
    click(&mut h, Role::Button, "Add");
    let count =
        |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().units().unwrap().iter().filter(|u| u.name == "Audit team").count();
    assert_eq!(count(&h), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(count(&h), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(count(&h), 1);
}

#[test]
fn the_welcome_screen_creates_a_bureau_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), None, Lang::Tc);
    h.get_by_label("建立新的本局資料庫");
    type_into(&mut h, "單位名稱", "新縣稅務局");
    click(&mut h, Role::Button, "建立資料庫");
    let service = h.state().service().expect("database open");
    assert_eq!(service.read().bureau().unwrap().unwrap().name, "新縣稅務局");
    assert_eq!(service.store().path(), Some(dir.path().join("default.sqlite").as_path()));
    // The first run of the new file makes its administrator, who is then logged in.
    h.get_by_label("建立管理員帳號");
    assert!(h.query_by_role_and_label(Role::Button, "組織機構").is_none(), "nothing shows before the administrator exists");
    type_into(&mut h, "帳號", "renjiao");
    type_into(&mut h, "密碼", "short");
    type_into(&mut h, "再輸入一次", "short");
    click(&mut h, Role::Button, "建立管理員並登入");
    h.get_by_label("至少 8 個字元");
    // The fields keep what was typed; longer passwords now.
    type_into(&mut h, "密碼", "-2012年");
    type_into(&mut h, "再輸入一次", "-2012年");
    click(&mut h, Role::Button, "建立管理員並登入");
    h.get_by_role_and_label(Role::Button, "組織機構");
    let users = h.state().service().unwrap().read().users().unwrap();
    assert_eq!(
        users.iter().map(|u| (u.data.username.as_str(), u.data.role)).collect::<Vec<_>>(),
        vec![("renjiao", Some(nengli::domain::access::Role::Admin))]
    );
}

#[test]
fn the_demo_bureau_is_one_click_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), None, Lang::En);
    click(&mut h, Role::Button, "Open demo bureau");
    let data = h.state().state.data.as_ref().unwrap_or_else(|| panic!("demo not open: {:?}", h.state().state.notice));
    assert!(data.roster.len() >= 100);
    assert!(dir.path().join("demo.sqlite").exists());
}

#[test]
fn a_foreign_file_is_refused_with_a_message_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("roster.csv");
    std::fs::write(&csv, "工號,姓名\n").unwrap();
    let h = harness(dir.path(), Some(csv.clone()), Lang::Sc);
    assert!(h.state().service().is_none());
    h.get_by_label_contains("不是数据库");
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "工號,姓名\n");
}

#[test]
fn headers_sort_and_arrow_keys_walk_the_roster() {
    let (_dir, mut h) = demo_harness(Lang::En);
    click(&mut h, Role::Button, "Roster");
    click(&mut h, Role::Button, "Born");
    let visible = |h: &Harness<'_, NengliApp>| {
        let data = h.state().state.data.as_ref().unwrap();
        data.roster_visible.iter().map(|&i| data.roster[i as usize].clone()).collect::<Vec<_>>()
    };
    let rows = visible(&h);
    assert!(rows.windows(2).all(|w| w[0].birth <= w[1].birth), "sorted by birth, oldest first");
    click(&mut h, Role::Button, "Born ▲");
    let rows = visible(&h);
    assert!(rows.windows(2).all(|w| w[0].birth >= w[1].birth), "a second click reverses");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().state.roster.selected, Some(rows[0].id));
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().state.roster.selected, Some(rows[1].id));
    h.get_by_role_and_label(Role::TextInput, "Name");
    h.key_press(Key::End);
    h.run();
    assert_eq!(h.state().state.roster.selected, Some(rows[rows.len() - 1].id));
}

/// Clicks a button that starts a job (which repaints until it ends), then waits for the job.
fn click_starting_job(harness: &mut Harness<'_, NengliApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    wait_for_job(harness);
}

/// Steps the harness until the running job (if any) has finished.
fn wait_for_job(h: &mut Harness<'_, NengliApp>) {
    for _ in 0..400 {
        h.step();
        if h.state().state.job.is_none() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the job did not finish");
}

#[test]
fn a_spreadsheet_is_previewed_its_bad_rows_unticked_and_committed() {
    let (dir, mut h) = demo_harness(Lang::Tc);
    let sheet = dir.path().join("名冊.csv");
    std::fs::write(&sheet, "工號,姓名,性別,出生年月,職級層次,單位\nN1,林小雨,女,1990.05,一般幹部,辦公室\nN2,王五,男,2030.01,一般幹部,辦公室\nN3,趙六,男,1980.01,特級,辦公室\n").unwrap();
    let before = h.state().service().unwrap().read().official_count().unwrap();
    h.state_mut().handle(nengli::ui::intent::Intent::Import(ImportIntent::ImportFile(sheet)));
    wait_for_job(&mut h);
    assert_eq!(h.state().state.page, Page::Import);
    h.get_by_label("匯入預覽：名冊.csv");
    h.get_by_label("出生年月：不能晚於今天");
    h.get_by_label("職級層次：「特級」不是可選的值");
    assert!(
        h.query_by_role_and_label(Role::Button, "匯入 1 行").is_some_and(|b| b.accesskit_node().is_disabled()),
        "commit is off while bad rows are ticked"
    );
    click(&mut h, Role::Button, "取消勾選有問題的行");
    click_starting_job(&mut h, "匯入 1 行");
    let service = h.state().service().unwrap();
    assert_eq!(service.read().official_count().unwrap(), before + 1);
    assert!(service.read().officials().unwrap().iter().any(|o| o.staff_no == "N1" && o.name == "林小雨"));
    assert!(h.state().state.import.is_none());
    assert_eq!(h.state().state.page, Page::Roster);
}

#[test]
fn appointment_forms_are_previewed_like_a_spreadsheet_and_committed_all_together() {
    let (dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, nengli::i18n::tr(Lang::Tc, "menu.file"));
    h.get_by_label("匯入任免審批表");
    h.key_press(Key::Escape);
    h.run();
    let files = dir.path().join("forms");
    std::fs::create_dir(&files).unwrap();
    let id = crate::lrmx::id_number("430421", "19810315", "123");
    std::fs::write(files.join("a.lrmx"), crate::lrmx::lrmx_text("劉建國", &id, &crate::lrmx::photo())).unwrap();
    std::fs::write(files.join("b.lrmx"), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]><Person/>").unwrap();
    h.state_mut().handle(nengli::ui::intent::Intent::Import(ImportIntent::ImportCadre(vec![files.clone()])));
    h.run();
    assert_eq!(h.state().state.page, Page::Import);
    h.get_by_label("匯入預覽：forms");
    assert!(h.query_by_label(nengli::i18n::tr(Lang::Tc, "import.kind")).is_none(), "no sheet or kind to choose for files");
    assert!(
        h.query_by_role_and_label(Role::Button, "匯入 1 行").is_some_and(|b| b.accesskit_node().is_disabled()),
        "commit is off while the refused file is ticked"
    );
    click(&mut h, Role::Button, "取消勾選有問題的行");
    click_starting_job(&mut h, "匯入 1 行");
    let service = h.state().service().unwrap();
    let official = service.read().officials().unwrap().into_iter().find(|o| o.identity.id_number == id).expect("imported");
    assert_eq!(service.cadre(official.id).unwrap().family.len(), 2);
    assert!(h.state().state.import.is_none());
    assert_eq!(h.state().state.page, Page::Roster);
}

/// Types into the last text input labelled `label` (a family member's 姓名 after the form's own).
fn type_into_last(h: &mut Harness<'_, NengliApp>, label: &str, text: &str) {
    let field = |node: &egui_kittest::kittest::AccessKitNode<'_>| {
        matches!(node.role(), Role::TextInput | Role::MultilineTextInput) && node.label().as_deref() == Some(label)
    };
    h.get_all_by(field).last().unwrap().scroll_to_me();
    h.run();
    h.get_all_by(field).last().unwrap().focus();
    h.run();
    h.get_all_by(field).last().unwrap().type_text(text);
    h.run();
}

#[test]
fn the_appointment_form_is_edited_on_the_persons_page_saved_and_printed() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    let id = hire(&mut h, "N900");
    h.state_mut().state.page = Page::Roster;
    h.state_mut().handle(nengli::ui::intent::Intent::Roster(nengli::ui::intent::RosterIntent::SelectOfficial(Some(id))));
    h.run();
    h.get_by_label(nengli::i18n::tr(Lang::Tc, "roster.cadre_form")).scroll_to_me();
    h.run();
    h.get_by_label(nengli::i18n::tr(Lang::Tc, "roster.cadre_form")).click();
    h.run();
    type_into(&mut h, "簡歷", "2008.07--2012.06  辦公室科員\n2012.06--  辦公室一級主任科員");
    click(&mut h, Role::Button, "新增家庭成員");
    type_into(&mut h, "稱謂", "妻子");
    type_into_last(&mut h, "姓名", "王芳");
    type_into(&mut h, "出生日期", "1982.05");
    type_into(&mut h, "擬任職務", "辦公室副主任");
    click(&mut h, Role::Button, "儲存任免審批表");
    let record = h.state().service().unwrap().cadre(id).unwrap();
    assert_eq!(record.resume, vec!["2008.07--2012.06  辦公室科員", "2012.06--  辦公室一級主任科員"]);
    assert_eq!((record.family.len(), record.family[0].name.as_str(), record.family[0].birth.as_str()), (1, "王芳", "1982.05"));
    assert_eq!(record.proposed_post, "辦公室副主任");
    // A family member without a name is refused, and nothing is stored.
    click(&mut h, Role::Button, "新增家庭成員");
    type_into_last(&mut h, "稱謂", "兒子");
    click(&mut h, Role::Button, "儲存任免審批表");
    assert_eq!(h.state().service().unwrap().cadre(id).unwrap().family.len(), 1);
    assert!(h.state().state.roster.problems.iter().any(|p| p.field == nengli::domain::Field::Family));
    click(&mut h, Role::Button, "列印任免審批表");
    let print = h.state().state.print.as_ref().expect("preview open");
    assert_eq!(print.pages.len(), 2);
    let text = print.pages.iter().map(|p| p.text()).collect::<String>();
    assert!(text.contains("辦公室副主任") && text.contains("王芳") && text.contains("2008.07--2012.06"), "{text}");
}

#[test]
fn duty_statements_open_in_a_print_preview_from_the_layout() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "組織機構");
    click(&mut h, Role::Button, "辦公室");
    click(&mut h, Role::Button, "列印職位說明書…");
    let print = h.state().state.print.as_ref().expect("preview open");
    let pages = print.pages.len();
    assert_eq!(pages, 4, "one page per post of 辦公室");
    assert!(print.pages[0].text().contains("崗位職位說明書"));
    h.get_by_label("共 4 頁");
    h.get_by_role_and_label(Role::Button, "另存為 PDF…");
    click(&mut h, Role::Button, "關閉");
    assert!(h.state().state.print.is_none());
}

#[test]
fn editing_a_posts_required_levels_changes_the_librarys_completeness_count() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "能力席位標準");
    // The demo has most standards complete; 法規科科長 has none yet.
    let complete = |h: &Harness<'_, NengliApp>| {
        let data = h.state().state.data.as_ref().unwrap();
        data.posts.iter().filter(|p| data.standards.get(&p.id).is_some_and(|s| s.data.is_complete(p.data.tier))).count()
    };
    let before = complete(&h);
    assert!(before > 30 && before < 41, "{before}");
    h.get_by_label(&format!("標準完整的崗位：{before} / 41"));
    h.get_by_label("法規科科長").click();
    h.run();
    click(&mut h, Role::Button, "保存");
    h.get_by_label(&format!("標準完整的崗位：{} / 41", before + 1));
    let post = h.state().state.standards.selected.unwrap();
    let year = h.state().state.data.as_ref().unwrap().bureau.year;
    let stored = h.state().service().unwrap().read().standard(post, year).unwrap().expect("stored");
    assert!(stored.data.levels.values().all(|l| *l == 4), "科級 posts start at level 4 (行家里手)");
    // Clear one level: the standard is incomplete and the count drops.
    pick(&mut h, "學習力", "—");
    click(&mut h, Role::Button, "保存");
    h.get_by_label(&format!("標準完整的崗位：{before} / 41"));
    assert_eq!(h.get_all_by_label("缺 1 項能力要求").count(), 2, "in the library and under the editor");
    let stored = h.state().service().unwrap().read().standard(post, year).unwrap().expect("stored");
    assert_eq!(stored.data.missing(nengli::domain::catalogue::RankTier::Section), vec![1]);
}

#[test]
fn an_official_drafts_submits_and_prints_a_seat_statement() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "幹部名冊");
    // One of the few the demo left without a statement, chosen as a click on their row does.
    let data = h.state().state.data.as_ref().unwrap();
    let without = data
        .roster
        .iter()
        .find(|r| r.status == nengli::domain::catalogue::OfficialStatus::Active && !data.seats.contains_key(&r.id))
        .expect("someone without a statement")
        .id;
    h.state_mut().handle(nengli::ui::intent::Intent::Roster(nengli::ui::intent::RosterIntent::SelectOfficial(Some(without))));
    h.run();
    let official = h.state().state.roster.selected.expect("official selected");
    assert_eq!(official, without);
    click(&mut h, Role::Button, "按崗位標準起草");
    type_into(&mut h, "工作格言", "忠誠乾淨擔當");
    click(&mut h, Role::Button, "保存草稿");
    let year = h.state().state.data.as_ref().unwrap().bureau.year;
    let stored = h.state().service().unwrap().read().seat_statement(official, year).unwrap().expect("saved");
    assert_eq!((stored.data.motto.as_str(), stored.data.levels.len()), ("忠誠乾淨擔當", 8));
    click(&mut h, Role::Button, "提交");
    // Submitting asks first: nothing is handed in until the official says yes.
    let status =
        |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().seat_statement(official, year).unwrap().unwrap().data.status;
    assert_eq!(status(&h), nengli::domain::standards::SeatStatus::Draft);
    h.get_by_label_contains("提交能力席位書？");
    click(&mut h, Role::Button, "確定");
    assert_eq!(status(&h), nengli::domain::standards::SeatStatus::Submitted);
    h.get_by_label("狀態：已提交");
    click(&mut h, Role::Button, "列印…");
    let print = h.state().state.print.as_ref().expect("preview");
    assert_eq!(print.pages.len(), 1);
    assert!(print.pages[0].text().contains("忠誠乾淨擔當"));
}

#[test]
fn marking_a_milestone_done_updates_the_home_page_and_overdue_comes_first() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    // The demo is seen as of its own day inside its 2012–2013 programme, whatever the calendar
    // says: the training milestone is past its day (overdue), the self-check's still ahead.
    let today = h.state().state.data.as_ref().unwrap().today;
    assert_eq!(today, nengli::service::seed::demo_today());
    h.get_by_label("示範資料：以 2013-06-15 為今日");
    let programme = h.state().state.data.as_ref().unwrap().programme.clone().expect("the demo has a programme");
    let agenda = programme.agenda(today);
    let overdue = agenda.iter().take_while(|(_, s)| *s == nengli::domain::programme::Shown::Overdue).count();
    assert!(overdue > 0 && agenda[overdue..].iter().all(|(_, s)| *s != nengli::domain::programme::Shown::Overdue), "overdue first");
    h.get_by_label("有職位說明書的崗位");
    let (first, _) = agenda[0];
    let title = first.title.tc.clone();
    click(&mut h, Role::CheckBox, &format!("「{title}」已完成"));
    let programme = h.state().state.data.as_ref().unwrap().programme.clone().unwrap();
    let done = programme.phases.iter().flat_map(|p| &p.milestones).find(|m| m.id == first.id).unwrap();
    assert_eq!(done.data.status, nengli::domain::programme::MilestoneStatus::Done);
    assert_eq!(
        nengli::domain::programme::shown_status(done.data.status, done.data.due, done.data.done_on, today),
        nengli::domain::programme::Shown::DoneLate
    );
    let stored = h.state().service().unwrap().read().programme(programme.year).unwrap().unwrap();
    assert!(stored.phases.iter().flat_map(|p| &p.milestones).any(|m| m.id == first.id && m.data.done_on == Some(today)));
    let agenda = programme.agenda(today);
    assert!(
        agenda.iter().position(|(m, _)| m.id == first.id).unwrap()
            >= agenda.len()
                - agenda
                    .iter()
                    .filter(|(_, s)| matches!(s, nengli::domain::programme::Shown::Done | nengli::domain::programme::Shown::DoneLate))
                    .count(),
        "done items go last"
    );
}

#[test]
fn settings_back_up_and_restore_the_database() {
    let (_dir, mut h) = demo_harness(Lang::En);
    h.state_mut().wait_for_backup();
    let victim = hire(&mut h, "N9001");
    click(&mut h, Role::Button, "Settings");
    click_starting_job(&mut h, "Back up now");
    assert!(!h.state().state.settings.backups.is_empty());
    let count = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().official_count().unwrap();
    let before = count(&h);
    h.state_mut().handle(nengli::ui::intent::Intent::Do(nengli::service::Command::Roster(RosterCommand::DeleteOfficial { id: victim })));
    assert_eq!(count(&h), before - 1);
    let newest = h.state().state.settings.backups[0].path.clone();
    h.state_mut().handle(nengli::ui::intent::Intent::Settings(SettingsIntent::RestoreBackup(newest)));
    assert_eq!(count(&h), before, "the backup is back in place");
    assert_eq!(h.state().state.page, Page::Settings);
}

#[test]
fn the_change_log_filters_by_record_and_day_and_shows_before_and_after() {
    let (dir, mut h) = demo_harness(Lang::En);
    let id = hire(&mut h, "N9001");
    let official = h.state().service().unwrap().read().official(id).unwrap().unwrap();
    h.state_mut()
        .handle(nengli::ui::intent::Intent::Do(nengli::service::Command::Roster(RosterCommand::DeleteOfficial { id: official.id })));
    click(&mut h, Role::Button, "Settings");
    let shown = |h: &Harness<'_, NengliApp>| h.state().state.data.as_ref().unwrap().audit.clone();
    assert!(shown(&h).len() >= 2, "the demo's setup and the deletion");
    type_into(&mut h, "Record contains", &official.name);
    let entries = shown(&h);
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["official.delete", "official.create"], "only the hiring and the deletion name {}", official.name);
    let file = dir.path().join("log.csv");
    h.state_mut().handle(nengli::ui::intent::Intent::Settings(SettingsIntent::ExportAudit(file.clone())));
    let mut sheet = csv::Reader::from_path(&file).unwrap();
    assert_eq!(sheet.headers().unwrap().iter().collect::<Vec<_>>(), ["When (UTC)", "By", "Action", "Record", "Before", "After"]);
    let rows: Vec<csv::StringRecord> = sheet.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "the list as filtered is what is saved");
    assert_eq!(&rows[0][1], entries[0].actor);
    assert!(rows[0][4].contains(&official.name) && rows[0][5].is_empty(), "{:?}", rows[0]);
    type_into(&mut h, "From", "2013-02-30");
    h.get_by_label_contains("is not a real day");
    assert_eq!(shown(&h), entries, "a bad day leaves the list as it was");
    // Read as a clerk reads it: local time, each field by its label, the unit by its name.
    h.state_mut().state.settings.audit_selected = Some(0);
    h.run();
    let line = h.state().state.data.as_ref().unwrap().audit_lines[0].clone();
    assert_eq!(line.at, nengli::domain::audit::local_stamp(&entries[0].at, &chrono::Local), "the stamp in local time");
    assert!(!line.at.contains('T') && !line.at.ends_with('Z'), "{}", line.at);
    let unit = h.state().state.data.as_ref().unwrap().units.iter().find(|u| u.id == official.unit).unwrap().name.clone();
    let field = |label: &str| line.changes.iter().find(|c| c.label == label).unwrap_or_else(|| panic!("{label} in {line:?}")).clone();
    assert_eq!((field("Unit").before, field("Unit").after), (unit.clone(), String::new()), "the unit by its name, nothing after");
    assert_eq!(field("Staff no.").before, official.staff_no);
    assert!(line.changes.iter().all(|c| !c.label.contains('_')), "labels, not stored keys: {line:?}");
    h.get_by_label("Field");
    assert!(h.query_all_by_label(&unit).count() >= 1 && h.query_all_by_label(&official.staff_no).count() >= 1);
    assert!(h.query_by_label_contains("\"unit\"").is_none(), "no raw JSON on the page");
}

#[test]
fn while_working_a_backup_is_taken_every_few_minutes_after_changes() {
    let (dir, mut h) = demo_harness(Lang::En);
    h.state_mut().wait_for_backup();
    let db = dir.path().join("bureau.sqlite");
    click(&mut h, Role::Button, "Settings");
    h.get_by_label("Also back up every");
    h.state_mut().handle(nengli::ui::intent::Intent::Settings(SettingsIntent::SetBackupEvery(5)));
    assert_eq!(h.state().prefs().backup_every, Some(5), "remembered on this computer");
    let first = nengli::backup::list(&db).unwrap()[0].path.clone();
    h.state_mut().pretend_last_backup_was(std::time::Duration::from_secs(600));
    h.run();
    h.state_mut().wait_for_backup();
    assert_eq!(nengli::backup::list(&db).unwrap()[0].path, first, "nothing stored since: no new backup");
    let victim = hire(&mut h, "N9001");
    h.state_mut().handle(nengli::ui::intent::Intent::Do(nengli::service::Command::Roster(RosterCommand::DeleteOfficial { id: victim })));
    h.state_mut().pretend_last_backup_was(std::time::Duration::from_secs(240));
    h.run();
    h.state_mut().wait_for_backup();
    assert_eq!(nengli::backup::list(&db).unwrap()[0].path, first, "not before five minutes");
    std::thread::sleep(std::time::Duration::from_millis(1100)); // backups are named to the second
    h.state_mut().pretend_last_backup_was(std::time::Duration::from_secs(300));
    h.run();
    h.state_mut().wait_for_backup();
    let newest = nengli::backup::list(&db).unwrap()[0].path.clone();
    assert_ne!(newest, first, "a backup after five minutes of work");
    let store = nengli::store::Store::open(&newest, nengli::store::OpenMode::Existing).unwrap();
    let live = h.state().service().unwrap().read().official_count().unwrap();
    assert_eq!(store.read().official_count().unwrap(), live, "it holds the change");
}

#[test]
fn the_status_bar_says_when_the_database_is_open_in_network_share_safe_mode() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    assert!(h.query_by_label("安全模式（網路共用）").is_none(), "a local file is not in safe mode");
    h.state_mut().state.data.as_mut().unwrap().network_share = true;
    h.run();
    h.get_by_label("安全模式（網路共用）");
}

#[test]
fn a_copy_goes_to_a_chosen_file_and_comes_back_and_a_foreign_file_is_refused() {
    let (dir, mut h) = demo_harness(Lang::En);
    h.state_mut().wait_for_backup();
    let victim = hire(&mut h, "N9001");
    click(&mut h, Role::Button, "Settings");
    h.get_by_label("Back up to…");
    h.get_by_label("Restore from a file…");
    let stick = dir.path().join("stick").join("copy.sqlite");
    h.state_mut().handle(nengli::ui::intent::Intent::Settings(SettingsIntent::BackupTo(stick.clone())));
    wait_for_job(&mut h);
    nengli::store::verify_file(&stick).unwrap();
    h.run();
    h.get_by_label_contains("copy.sqlite");
    let count = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().official_count().unwrap();
    let before = count(&h);
    h.state_mut().handle(nengli::ui::intent::Intent::Do(nengli::service::Command::Roster(RosterCommand::DeleteOfficial { id: victim })));
    let foreign = dir.path().join("roster.csv");
    std::fs::write(&foreign, "staff_no,name\n").unwrap();
    h.state_mut().handle(nengli::ui::intent::Intent::Settings(SettingsIntent::RestoreBackup(foreign)));
    assert_eq!(count(&h), before - 1, "a file that is not a nengli database changes nothing");
    h.run();
    h.get_by_label_contains("not a database");
    h.state_mut().handle(nengli::ui::intent::Intent::Settings(SettingsIntent::RestoreBackup(stick)));
    assert_eq!(count(&h), before, "the copy is back in place");
}

#[test]
fn the_backups_kept_follow_the_retention_chosen_in_settings() {
    let (dir, mut h) = demo_harness(Lang::En);
    h.state_mut().wait_for_backup();
    let db = dir.path().join("bureau.sqlite");
    let regular = || nengli::backup::list(&db).unwrap().into_iter().filter(|b| !b.before_upgrade).count();
    // Backups from three earlier days, as if the bureau had worked then.
    let first = nengli::backup::list(&db).unwrap()[0].path.clone();
    for days in 2..5 {
        let at = chrono::Local::now().naive_local() - chrono::Duration::days(days);
        std::fs::copy(&first, first.with_file_name(nengli::domain::backups::file_name(at))).unwrap();
    }
    assert_eq!(regular(), 4);
    click(&mut h, Role::Button, "Settings");
    h.get_by_label("weekly");
    click_starting_job(&mut h, "Back up now");
    assert_eq!(regular(), 4, "the default keeps a backup of each of the last 12 days");
    let two = nengli::domain::backups::Retention { daily: 2, weekly: 0, monthly: 0 };
    h.state_mut().handle(nengli::ui::intent::Intent::Settings(SettingsIntent::SetRetention(two)));
    assert_eq!(h.state().prefs().retention, Some(two), "remembered on this computer");
    click_starting_job(&mut h, "Back up now");
    assert_eq!(regular(), 2, "today's and the one before it");
}

#[test]
fn a_second_window_is_told_the_database_is_open_elsewhere() {
    let (dir, first) = demo_harness(Lang::En);
    assert!(first.state().service().is_some());
    let second = harness(dir.path(), Some(dir.path().join("bureau.sqlite")), Lang::En);
    assert!(second.state().service().is_none(), "only one window writes");
    second.get_by_label_contains("open in another window");
    drop(first);
    let third = harness(dir.path(), Some(dir.path().join("bureau.sqlite")), Lang::En);
    assert!(third.state().service().is_some(), "the lock goes with the window that held it");
}

#[test]
fn a_damaged_database_is_set_aside_and_its_newest_good_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let store = nengli::store::Store::open(&db, nengli::store::OpenMode::Existing).unwrap();
    let _backup = nengli::backup::take(&store, chrono::Local::now().naive_local(), Default::default()).unwrap();
    drop(store);
    let mut bytes = std::fs::read(&db).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 8192].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    let mut h = harness(dir.path(), Some(db.clone()), Lang::En);
    assert!(h.state().service().is_none());
    h.get_by_label("The database file is damaged");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains(".damaged-") && !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept aside");
    assert_eq!(std::fs::read(aside[0].path()).unwrap(), bytes, "unchanged");
    let offer = h.get_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with("Restore the backup of")));
    offer.click();
    h.run();
    let service = h.state().service().expect("the restored database is open");
    assert!(service.read().official_count().unwrap() >= 100);
    assert!(service.store().check().unwrap().is_empty());
}

#[test]
fn an_official_submits_a_self_check_and_the_reviewer_returns_it_with_a_reason() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "登出 / 切換使用者");
    assert!(h.state().state.session.is_none());
    sign_in(&mut h, "official", "demo-official");
    // An official sees only their own self-check, already open.
    let me = h.state().state.session.as_ref().unwrap().official.unwrap();
    assert_eq!(h.state().state.page, Page::SelfCheck);
    assert_eq!(h.state().state.selfcheck.rows.iter().map(|r| r.official).collect::<Vec<_>>(), vec![me]);
    assert!(h.query_by_role_and_label(Role::Button, "幹部名冊").is_none(), "no roster for an official");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert_eq!(h.state().state.page, Page::SelfCheck, "nor through its shortcut");
    let capabilities: Vec<String> =
        h.state().state.data.as_ref().unwrap().catalogue.capabilities.iter().map(|c| c.name.tc.clone()).collect();
    for (i, name) in capabilities.iter().enumerate() {
        let level = [4, 3, 4, 2, 4, 5, 4, 3][i];
        let descriptor: String =
            h.state().state.data.as_ref().unwrap().scale.descriptor(i as u8 + 1, level, Lang::Tc).chars().take(14).collect();
        pick(&mut h, &format!("{name} 自評"), &format!("{level} {descriptor}"));
    }
    type_into(&mut h, "學習力 事實依據", "全年參加網上稅校學習 96 學時");
    click(&mut h, Role::Button, "保存草稿");
    let round = h.state().state.selfcheck.round.unwrap();
    let stored = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().self_check(round, me).unwrap().unwrap();
    assert_eq!(stored(&h).status, nengli::domain::selfcheck::CheckStatus::Draft);
    assert_eq!(stored(&h).data.levels, [4, 3, 4, 2, 4, 5, 4, 3].map(Some));
    click(&mut h, Role::Button, "提交");
    // Submitting asks first: nothing is handed in until the official says yes.
    assert_eq!(stored(&h).status, nengli::domain::selfcheck::CheckStatus::Draft);
    h.get_by_label_contains("提交後不能再修改");
    click(&mut h, Role::Button, "確定");
    assert_eq!(stored(&h).status, nengli::domain::selfcheck::CheckStatus::Submitted);
    // The reviewer of 征管科 returns it with a reason.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "reviewer", "demo-reviewer");
    click(&mut h, Role::Button, "能力自查");
    let row = h.state().state.selfcheck.rows.iter().find(|r| r.official == me).unwrap().clone();
    click(&mut h, Role::Button, &format!("{}  {}", row.name, row.staff_no));
    // Without the supervisor's levels and a comment there is nothing to accept on.
    assert!(h.get_by_role_and_label(Role::Button, "審核通過").accesskit_node().is_disabled(), "accept needs the supervisor's levels");
    type_into(&mut h, "退回原因", "請補充各項能力的具體工作實例");
    click(&mut h, Role::Button, "退回修改");
    assert_eq!(stored(&h).status, nengli::domain::selfcheck::CheckStatus::Returned);
    // Back with the official: returned, with the reason, and editable again.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "official", "demo-official");
    assert_eq!(h.state().state.selfcheck.rows[0].status, Some(nengli::domain::selfcheck::CheckStatus::Returned));
    h.get_by_label("已退回修改：請補充各項能力的具體工作實例");
    h.get_by_role_and_label(Role::Button, "提交");
}

#[test]
fn accounts_made_for_a_unit_log_in_once_with_a_one_time_password_then_choose_their_own() {
    let (_dir, mut h) = demo_harness(Lang::Sc);
    click(&mut h, Role::Button, "设置");
    pick(&mut h, "为整个单位建立账号", "征管科");
    click(&mut h, Role::Button, "建立");
    let made = h.state().state.users.made.clone();
    assert!(!made.is_empty(), "{:?}", h.state().state.notice);
    h.get_by_label(&made[0].password);
    click(&mut h, Role::Button, "退出 / 切换用户");
    sign_in(&mut h, &made[0].username, &made[0].password);
    // A one-time password: choose one's own before anything else.
    h.get_by_label("设置新密码");
    assert!(h.query_by_role_and_label(Role::Button, "能力自查").is_none());
    type_into(&mut h, "新密码", "我的新密码2012");
    type_into(&mut h, "再输入一次", "我的新密码2012");
    click(&mut h, Role::Button, "修改密码");
    h.get_by_role_and_label(Role::Button, "能力自查");
    assert_eq!(h.state().state.page, Page::SelfCheck);
    click(&mut h, Role::Button, "退出 / 切换用户");
    sign_in(&mut h, &made[0].username, "我的新密码2012");
    assert!(!h.state().state.session.as_ref().unwrap().must_change);
}

#[test]
fn an_official_fills_a_package_on_their_own_pc_and_the_personnel_section_merges_it() {
    let (dir, mut admin) = demo_harness(Lang::Tc);
    // The personnel section exports 征管科's packages.
    let unit = {
        let service = admin.state().service().unwrap();
        nengli::service::printing::find_unit(service, "征管科").unwrap().unwrap()
    };
    admin.state_mut().state.page = Page::SelfCheck;
    admin.state_mut().handle(nengli::ui::intent::Intent::Navigate(Page::SelfCheck));
    admin.state_mut().state.selfcheck.package_unit = Some(unit);
    let out = dir.path().join("packages");
    admin.state_mut().export_packages(None, &out);
    // The codes are shown once, to export or copy, and to hand out with the packages.
    admin.run();
    admin.get_by_label("資料包代碼");
    let issued = admin.state().state.selfcheck.issued.clone();
    click(&mut admin, Role::Button, "已交給本人，關閉");
    assert!(admin.state().state.selfcheck.issued.is_empty());
    let me = admin.state().service().unwrap().read().users().unwrap().into_iter().find(|u| u.data.username == "official").unwrap();
    let staff_no = admin.state().service().unwrap().read().official(me.data.official.unwrap()).unwrap().unwrap().data.staff_no;
    let file = nengli::service::packages::package_files(&out)
        .unwrap()
        .into_iter()
        .find(|f| f.file_name().unwrap().to_string_lossy().starts_with(&staff_no))
        .unwrap();
    let code = issued.iter().find(|i| i.file == file).unwrap().code.clone();
    // On the official's PC: the app opens the package itself, no database.
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(home.path(), Some(file.clone()), Lang::Tc);
    h.get_by_label("能力自查資料包");
    assert!(h.state().state.data.is_none(), "no bureau database on the official's PC");
    let package = nengli::service::packages::open_package(&file).unwrap();
    for capability in &package.meta.capabilities {
        let descriptor: String = capability.descriptors[3].chars().take(14).collect();
        pick(&mut h, &format!("{} 自評", capability.name), &format!("4 {descriptor}"));
    }
    type_into(&mut h, "個人能力反思", "在家中完成自查");
    // Without the code on the slip, nothing is saved.
    click(&mut h, Role::Button, "填好交回");
    assert!(!nengli::service::packages::open_package(&file).unwrap().ready);
    assert!(h.state().state.package.as_ref().unwrap().code_problem.is_some(), "the code is asked for");
    type_into(&mut h, "本人代碼", &code);
    click(&mut h, Role::Button, "填好交回");
    let returned = nengli::service::packages::open_package(&file).unwrap();
    assert!(returned.ready);
    assert_eq!(returned.form.levels, [Some(4); 8]);
    // Back at the personnel PC: previewed, merged, handed in.
    admin.state_mut().review_packages(&file);
    admin.run();
    admin.get_by_label("交回的自查資料包");
    click(&mut admin, Role::Button, "合併");
    let round = admin.state().state.selfcheck.round.unwrap();
    let check = admin.state().service().unwrap().read().self_check(round, me.data.official.unwrap()).unwrap().unwrap();
    assert_eq!((check.status, check.data.reflection.as_str()), (nengli::domain::selfcheck::CheckStatus::Submitted, "在家中完成自查"));
}

#[test]
fn a_session_for_a_unit_is_held_three_are_marked_present_and_their_files_and_compliance_show_it() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "學習培訓");
    let compliance = |h: &mut Harness<'_, NengliApp>| {
        h.state_mut().state.training.tab = nengli::ui::state::TrainingTab::Compliance;
        h.state_mut().handle(nengli::ui::intent::Intent::Training(TrainingIntent::TrainingScope));
        h.state().state.training.compliance.clone().unwrap()
    };
    let before = compliance(&mut h);
    h.state_mut().state.training.tab = nengli::ui::state::TrainingTab::Sessions;
    h.run();
    click(&mut h, Role::Button, "新增場次");
    assert!(h.state().state.training.form.is_some(), "the session form is open");
    type_into(&mut h, "名稱", "征管業務集中學習");
    type_into(&mut h, "日期", "2012-11-20");
    pick(&mut h, "參學單位", "征管科");
    click(&mut h, Role::Button, "保存");
    let session = h.state().state.training.sessions.iter().find(|s| s.data.title == "征管業務集中學習").cloned();
    let session =
        session.unwrap_or_else(|| panic!("session not made: {:?} {:?}", h.state().state.notice, h.state().state.training.problems));
    assert_eq!(h.state().state.training.selected, Some(session.id));
    let expected = h.state().state.training.expected.clone();
    assert!(expected.len() >= 3 && expected.iter().all(|e| e.unit_name == "征管科"), "the unit's people are expected");
    for person in &expected[..3] {
        click(&mut h, Role::CheckBox, &format!("勾選 {}", person.name));
    }
    click(&mut h, Role::Button, "出席");
    let marks = h.state().service().unwrap().read().attendance(session.id).unwrap();
    assert_eq!(marks.len(), 3);
    assert!(marks.iter().all(|m| m.mark == nengli::domain::training::Mark::Present && m.hours == 2.0));
    // Their training files list the session…
    let three: Vec<_> = expected[..3].iter().map(|e| e.official).collect();
    for official in &three {
        let file = h.state().service().unwrap().training_file(*official, 2012).unwrap();
        assert!(file.lines.iter().any(|l| l.study.title == "征管業務集中學習"));
    }
    click(&mut h, Role::Button, "能力自查");
    h.state_mut().handle(nengli::ui::intent::Intent::SelfCheck(SelfCheckIntent::SelectCheck(Some(three[0]))));
    h.run();
    click(&mut h, Role::Button, "培訓檔案");
    h.get_by_label("征管業務集中學習");
    assert!(h.query_all_by_label("集中學習").next().is_some(), "types by name, not code");
    assert!(h.query_all_by_label("collective").next().is_none());
    // …and the compliance page counts one more collective session for each.
    click(&mut h, Role::Button, "學習培訓");
    let after = compliance(&mut h);
    for official in &three {
        let done = |c: &nengli::service::training::Compliance| {
            c.people.iter().find(|p| p.official == *official).unwrap().standings.iter().flatten().map(|s| s.done).sum::<f32>()
        };
        assert!(done(&after) > done(&before), "{official:?} moved on the quotas");
    }
}

#[test]
fn an_attendance_file_is_shown_before_it_is_stored() {
    let (dir, mut h) = demo_harness(Lang::Sc);
    let session = h.state().service().unwrap().sessions(2012).unwrap().into_iter().find(|s| s.data.kind == "class").unwrap();
    let staff = h.state().service().unwrap().read().roster_rows().unwrap()[20].staff_no.clone();
    let file = dir.path().join("出勤.csv");
    std::fs::write(&file, format!("场次,工号,出勤,学时\n{},{staff},迟到,20\n", session.id)).unwrap();
    let before = h.state().service().unwrap().read().attendance(session.id).unwrap();
    h.state_mut().import_attendance(&file);
    h.run();
    h.get_by_label("1 条出勤，涉及 1 个场次；全部正确，确认后一次保存。");
    assert_eq!(h.state().service().unwrap().read().attendance(session.id).unwrap(), before, "nothing stored yet");
    click(&mut h, Role::Button, "保存出勤");
    let after = h.state().service().unwrap().read().attendance(session.id).unwrap();
    let id = crate::support::official_id(h.state().service().unwrap(), &staff);
    let mark = after.iter().find(|a| a.official == id).unwrap();
    assert_eq!((mark.mark, mark.hours), (nengli::domain::training::Mark::Late, 20.0));
}

#[test]
fn the_quota_rules_tab_edits_and_saves_the_rules() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "學習培訓");
    click(&mut h, Role::Button, "定額規則");
    let rules = h.state().state.training.quotas.clone().expect("the rules are read for the tab");
    assert_eq!(rules.len(), 7);
    h.state_mut().state.training.quotas.as_mut().unwrap()[0].min = 5.0;
    click(&mut h, Role::Button, "新增定額");
    click(&mut h, Role::Button, "保存");
    let stored = h.state().service().unwrap().read().quota_rules().unwrap();
    assert_eq!((stored.len(), stored[0].min), (8, 5.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().service().unwrap().read().quota_rules().unwrap().len(), 7, "undo brings the rules back");
}

#[test]
fn the_year_end_chain_runs_as_three_users_to_a_locked_record() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "official", "demo-official");
    click(&mut h, Role::Button, "年度考核");
    let me = h.state().state.session.as_ref().unwrap().official.unwrap();
    assert_eq!(h.state().state.yearend.selected, Some(me), "an official starts on their own record");
    click(&mut h, Role::Button, "按德、能、勤、績、廉列出提綱");
    type_into(&mut h, "個人總結", "全年完成稅收分析報告十二篇。");
    for standard in ["崗位職責規範明確", "能力素質勝任崗位需要", "履責意識明顯增強", "職責任務圓滿完成"] {
        pick_exact(&mut h, &format!("{standard} 本人"), "達到");
    }
    click(&mut h, Role::Button, "提交");
    let record = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().yearend(me, 2012).unwrap().unwrap();
    // Handing it in asks first: only "確定" moves it on.
    assert!(
        h.state().service().unwrap().read().yearend(me, 2012).unwrap().is_none_or(|r| r.stage == nengli::domain::yearend::Stage::Draft)
    );
    h.get_by_label_contains("把個人總結交給主管領導？");
    click(&mut h, Role::Button, "確定");
    assert_eq!(record(&h).stage, nengli::domain::yearend::Stage::Submitted, "{:?}", h.state().state.yearend.problems);
    assert!(record(&h).data.summary.starts_with("德："));
    // The supervisor comments and proposes a grade.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "reviewer", "demo-reviewer");
    click(&mut h, Role::Button, "年度考核");
    h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::SelectYearEnd(Some(me))));
    h.run();
    type_into(&mut h, "主管領導評語和考核等次建議", "工作扎實。");
    pick_exact(&mut h, "建議等次", "稱職");
    click(&mut h, Role::Button, "保存評語和建議");
    assert_eq!(record(&h).stage, nengli::domain::yearend::Stage::Commented);
    // The committee grades it.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "admin", "demo-admin");
    click(&mut h, Role::Button, "年度考核");
    h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::SelectYearEnd(Some(me))));
    h.run();
    click(&mut h, Role::RadioButton, "同意。");
    pick_exact(&mut h, "考核等次", "稱職");
    click(&mut h, Role::Button, "保存意見和等次");
    assert_eq!(record(&h).stage, nengli::domain::yearend::Stage::Decided);
    // The official signs: locked.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "official", "demo-official");
    click(&mut h, Role::Button, "年度考核");
    type_into(&mut h, "被考核人意見", "同意。");
    click(&mut h, Role::Button, "簽署並鎖定");
    let locked = record(&h);
    assert_eq!(
        (locked.stage, locked.data.grade),
        (nengli::domain::yearend::Stage::Locked, Some(nengli::domain::yearend::Grade::Competent))
    );
    h.get_by_label_contains("已簽署鎖定");
}

#[test]
fn year_end_forms_print_a_selection_in_the_preview_and_many_into_a_file_with_progress_and_stop() {
    let (dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "年度考核");
    let rows = h.state().state.yearend.rows.clone();
    // Two ticked officials on 16K paper: a preview of their forms.
    for row in &rows[..2] {
        h.state_mut().state.yearend.ticked.insert(row.official);
    }
    click(&mut h, Role::CheckBox, "16開紙");
    click(&mut h, Role::Button, "列印所選的考核登記表（2）…");
    let preview = h.state().state.print.as_ref().expect("a preview");
    assert_eq!(preview.preview.paper, nengli::report::layout::K16);
    let text: String = preview.pages.iter().map(|p| p.text()).collect();
    assert!(text.contains(&rows[0].name) && text.contains(&rows[1].name) && !text.contains(&rows[2].name));
    h.state_mut().handle(nengli::ui::intent::Intent::Print(PrintIntent::ClosePrint));
    // Everyone shown, ticked from the list, into one file on a worker thread.
    click(&mut h, Role::Button, "勾選列出的人員");
    assert_eq!(h.state().state.yearend.ticked.len(), rows.len());
    let file = dir.path().join("考核登記表.pdf");
    h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::PrintYearEndTo { ticked: true, dest: file.clone() }));
    assert!(h.state().state.job.is_some(), "a long print runs as a job with progress");
    wait_for_job(&mut h);
    let notice = format!("{:?}", h.state().state.notice);
    assert!(notice.contains(&format!("已列印 {} 份考核登記表", rows.len())), "{notice}");
    let pages = crate::pdfread::Pdf::open(&file).pages();
    assert!(pages >= rows.len(), "{pages} pages for {} forms", rows.len());
    // Stopped at once: no file, and the window says so.
    let stopped = dir.path().join("stopped.pdf");
    h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::PrintYearEndTo { ticked: true, dest: stopped.clone() }));
    h.state_mut().handle(nengli::ui::intent::Intent::CancelJob);
    wait_for_job(&mut h);
    assert!(!stopped.exists() && !dir.path().join("stopped.pdf.partial").exists());
    assert!(format!("{:?}", h.state().state.notice).contains("已取消列印"), "{:?}", h.state().state.notice);
}

/// However many forms are printed, the preview holds a window of them: the pager moves through
/// them (buttons and Ctrl+PageDown / Ctrl+PageUp), and Save as PDF writes every one on a worker
/// thread; a long made document (every duty statement) pages and saves the same way.
#[test]
fn the_preview_pages_through_every_form_a_window_at_a_time_and_saves_them_all() {
    use nengli::service::preview::WINDOW_SHEETS;
    use nengli::ui::intent::Intent;
    let (dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "年度考核");
    let rows = h.state().state.yearend.rows.clone();
    assert!(rows.len() > 2 * WINDOW_SHEETS, "{} rows", rows.len());
    click(&mut h, Role::Button, "勾選列出的人員");
    click(&mut h, Role::Button, &format!("列印所選的考核登記表（{}）…", rows.len()));
    let shown = |h: &Harness<'_, NengliApp>| {
        let print = h.state().state.print.as_ref().expect("a preview");
        (print.first, print.pages.iter().map(|p| p.text()).collect::<String>(), print.pages.len(), print.preview.len())
    };
    let (first, text, pages, total) = shown(&h);
    assert_eq!((first, total), (0, rows.len()));
    let mut by_staff: Vec<_> = rows.iter().map(|r| (r.staff_no.clone(), r.name.clone())).collect();
    by_staff.sort();
    assert!(by_staff[..WINDOW_SHEETS].iter().all(|(_, name)| text.contains(name.as_str())), "the first window's forms");
    h.get_by_label(&format!("第 1–{WINDOW_SHEETS} 份，共 {total} 份（本批 {pages} 頁）"));
    assert!(h.get_by_role_and_label(Role::Button, "上一批").accesskit_node().is_disabled());
    click(&mut h, Role::Button, "下一批");
    let (first, text, ..) = shown(&h);
    assert_eq!(first, WINDOW_SHEETS);
    assert!(by_staff[WINDOW_SHEETS..2 * WINDOW_SHEETS].iter().all(|(_, name)| text.contains(name.as_str())), "the second window's forms");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(shown(&h).0, 2 * WINDOW_SHEETS, "Ctrl+PageDown");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(shown(&h).0, WINDOW_SHEETS, "Ctrl+PageUp");
    // Save as PDF writes every form, not the window, as a job.
    let save = |h: &mut Harness<'_, NengliApp>, file: &Path| {
        let then = Box::new(Intent::Print(PrintIntent::SavePdf { open_after: false }));
        h.state_mut().state.path_prompt = Some((file.display().to_string(), then));
        h.state_mut().handle(Intent::PathTyped);
        assert!(h.state().state.job.is_some(), "a long save runs as a job with progress");
        wait_for_job(h);
        assert!(h.state().state.print.is_none(), "the preview closes once saved");
    };
    let file = dir.path().join("考核登記表.pdf");
    save(&mut h, &file);
    assert!(format!("{:?}", h.state().state.notice).contains("已儲存"), "{:?}", h.state().state.notice);
    assert!(crate::pdfread::Pdf::open(&file).pages() >= 2 * total);
    // Stopped at once: no file.
    click(&mut h, Role::Button, &format!("列印所選的考核登記表（{}）…", rows.len()));
    let stopped = dir.path().join("stopped.pdf");
    let then = Box::new(Intent::Print(PrintIntent::SavePdf { open_after: false }));
    h.state_mut().state.path_prompt = Some((stopped.display().to_string(), then));
    h.state_mut().handle(Intent::PathTyped);
    h.state_mut().handle(Intent::CancelJob);
    wait_for_job(&mut h);
    assert!(!stopped.exists() && !dir.path().join("stopped.pdf.partial").exists());
    // Every duty statement of the bureau: a made document, paged and saved whole.
    let printout = nengli::service::printing::Printout::DutyStatements { scope: nengli::service::printing::Scope::All };
    h.state_mut().handle(Intent::Print(PrintIntent::Print(printout.clone())));
    h.run();
    let (_, _, pages, total) = shown(&h);
    assert_eq!(pages, WINDOW_SHEETS, "one page per post, ten at a time");
    let statements = dir.path().join("職位說明書.pdf");
    save(&mut h, &statements);
    assert!(format!("{:?}", h.state().state.notice).contains("已儲存"), "{:?}", h.state().state.notice);
    let service = h.state().service().unwrap();
    let document = nengli::service::printing::document(service, &printout, Lang::Tc).unwrap().unwrap();
    let whole = nengli::report::layout::layout(&document, nengli::report::layout::A4, nengli::report::metrics::for_lang(Lang::Tc));
    assert_eq!((crate::pdfread::Pdf::open(&statements).pages(), whole.len()), (whole.len(), total));
}

#[test]
fn the_personnel_section_reviews_a_unit_against_the_five_standards() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "年度考核");
    click(&mut h, Role::Button, "單位檢查驗收");
    h.get_by_label("在左側選擇一個單位。");
    click(&mut h, Role::Button, "征管科");
    h.get_by_label("征管科 2012年度檢查驗收");
    for standard in ["機構和崗位職責明確", "履責、問責和崗位目標責任考核等制度規範健全", "整體能力適應發展需要", "中心業務運轉高效"]
    {
        pick_exact(&mut h, standard, "達到");
    }
    pick_exact(&mut h, "社會評價良好", "基本達到");
    type_into(&mut h, "社會評價良好 說明", "納稅人滿意度九成");
    type_into(&mut h, "檢查驗收意見", "基本達到能力建設年要求。");
    click(&mut h, Role::Button, "保存檢查驗收");
    let unit = nengli::service::printing::find_unit(h.state().service().unwrap(), "征管科").unwrap().unwrap();
    let (_, review) = h.state().service().unwrap().read().unit_review(unit, 2012).unwrap().expect("stored");
    assert_eq!(
        (review.met(), review.standards[4].text.as_str(), review.notes.as_str()),
        (4, "納稅人滿意度九成", "基本達到能力建設年要求。")
    );
    h.get_by_label("4/5 項達到");
}

#[test]
fn the_official_fills_full_time_training_from_the_register() {
    use nengli::domain::training::{Attendance, Mark};
    let (_dir, mut h) = demo_harness(Lang::Tc);
    let me = h
        .state()
        .service()
        .unwrap()
        .read()
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.data.username == "official")
        .unwrap()
        .data
        .official
        .unwrap();
    let session = h.state().service().unwrap().sessions(2012).unwrap().into_iter().find(|s| s.data.kind == "class").unwrap();
    let set = vec![Attendance { official: me, mark: Mark::Present, hours: session.data.hours, walk_in: true }];
    h.state_mut().handle(nengli::ui::intent::Intent::Do(nengli::service::Command::Training(TrainingCommand::SetAttendance {
        session: session.id,
        set,
        clear: vec![],
    })));
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "official", "demo-official");
    click(&mut h, Role::Button, "年度考核");
    click(&mut h, Role::Button, "從培訓登記填入");
    let written = h.state().state.yearend.form.training.clone();
    assert!(written.contains(&session.data.title) && written.contains(&format!("{} 學時", session.data.hours)), "{written}");
}

#[test]
fn the_demo_bureaus_log_in_screen_names_its_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let startup =
        Startup { db: Some(db), lang: Lang::Tc, default_db: dir.path().join("d.sqlite"), demo_db: dir.path().join("demo.sqlite") };
    let app = NengliApp::new(Prefs::default(), startup);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(|ctx| nengli::ui::fonts::install(ctx, Lang::Tc))
        .build_eframe(|_cc| app);
    h.run();
    h.get_by_label("示範帳號\u{FF1A}");
    h.get_by_label("admin / demo-admin\u{FF08}管理員\u{FF09}");
    h.get_by_label("official / demo-official\u{FF08}幹部\u{FF09}");
    // A bureau of its own says nothing of the kind.
    sign_in(&mut h, "admin", "demo-admin");
    h.state_mut().state.data.as_mut().unwrap().bureau.name = "某縣稅務局".into();
    click(&mut h, Role::Button, "登出 / 切換使用者");
    h.get_by_label("請以本人帳號登入。");
    assert!(h.query_by_label_contains("示範帳號").is_none());
}

/// A refused change puts its problems under the form it came from: a standard's on the standards
/// page (not on the unit form, where they once landed), an official's on the roster's form.
#[test]
fn a_refusals_problems_land_on_the_form_it_came_from() {
    use nengli::service::Command;
    use nengli::service::command::{RosterCommand, StandardsCommand};
    let (_dir, mut h) = demo_harness(Lang::En);
    let post = h.state().state.data.as_ref().unwrap().posts[0].clone();
    let mut data = nengli::domain::standards::StandardData::default();
    data.levels.insert((post.tier, 1), 9);
    let refused = Command::Standards(StandardsCommand::SaveStandard { post: post.id, year: 2012, data });
    h.state_mut().handle(nengli::ui::intent::Intent::Do(refused));
    let state = &h.state().state;
    assert!(!state.standards.problems.is_empty(), "the standards page shows the problem");
    assert!(state.org.unit_problems.is_empty() && state.roster.problems.is_empty());

    let service = h.state().service().unwrap();
    let mut draft = nengli::domain::official::OfficialDraft::from_official(&service.officials().unwrap()[0]);
    draft.name = String::new();
    let id = service.officials().unwrap()[0].id;
    h.state_mut().handle(nengli::ui::intent::Intent::Do(Command::Roster(RosterCommand::UpdateOfficial { id, draft })));
    let state = &h.state().state;
    assert!(state.roster.problems.iter().any(|p| p.field == nengli::domain::Field::Name), "{:?}", state.roster.problems);
    assert!(state.org.unit_problems.is_empty());
}

#[test]
fn a_reviewer_accepts_after_rating_every_capability_and_saying_yes() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    let service = h.state().service().unwrap();
    let people = service.read().users().unwrap();
    let me = people.iter().find(|u| u.data.username == "official").unwrap().data.official.unwrap();
    let round = service.read().rounds().unwrap()[0].id;
    let submit = nengli::service::command::SelfCheckCommand::SaveSelfCheck {
        round,
        official: me,
        data: Box::new(nengli::domain::selfcheck::SelfCheckData { levels: [Some(3); 8], ..Default::default() }),
        submit: true,
    };
    h.state_mut().handle(nengli::ui::intent::Intent::Do(nengli::service::Command::SelfCheck(submit)));
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "reviewer", "demo-reviewer");
    click(&mut h, Role::Button, "能力自查");
    let row = h.state().state.selfcheck.rows.iter().find(|r| r.official == me).unwrap().clone();
    click(&mut h, Role::Button, &format!("{}  {}", row.name, row.staff_no));
    let capabilities: Vec<String> =
        h.state().state.data.as_ref().unwrap().catalogue.capabilities.iter().map(|c| c.name.tc.clone()).collect();
    for (i, name) in capabilities.iter().enumerate() {
        assert!(h.get_by_role_and_label(Role::Button, "審核通過").accesskit_node().is_disabled(), "disabled until every level is given");
        let descriptor: String =
            h.state().state.data.as_ref().unwrap().scale.descriptor(i as u8 + 1, 3, Lang::Tc).chars().take(14).collect();
        pick(&mut h, &format!("{name} 主管評定"), &format!("3 {descriptor}"));
    }
    assert!(h.get_by_role_and_label(Role::Button, "審核通過").accesskit_node().is_disabled(), "and a comment");
    type_into(&mut h, "評語", "自查客觀，同意。");
    click(&mut h, Role::Button, "審核通過");
    let status = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().self_check(round, me).unwrap().unwrap().status;
    assert_eq!(status(&h), nengli::domain::selfcheck::CheckStatus::Submitted, "it asks first");
    click(&mut h, Role::Button, "確定");
    assert_eq!(status(&h), nengli::domain::selfcheck::CheckStatus::Reviewed);
}

#[test]
fn the_log_in_field_has_the_cursor_and_its_message_follows_the_language() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "登出 / 切換使用者");
    h.run();
    let username = nengli::i18n::tr(Lang::Tc, "field.username");
    let field =
        |node: &egui_kittest::kittest::AccessKitNode<'_>| node.role() == Role::TextInput && node.label().as_deref() == Some(username);
    assert!(h.get_by(field).is_focused(), "the cursor starts in the user name");
    type_into(&mut h, username, "official");
    type_into(&mut h, nengli::i18n::tr(Lang::Tc, "field.password"), "not-the-password");
    click(&mut h, Role::Button, nengli::i18n::tr(Lang::Tc, "login.button"));
    h.get_by_label(nengli::i18n::tr(Lang::Tc, "login.wrong"));
    h.state_mut().handle(nengli::ui::intent::Intent::SetLang(Lang::En));
    h.run();
    h.get_by_label(nengli::i18n::tr(Lang::En, "login.wrong"));
}

#[test]
fn the_next_user_inherits_nothing_of_the_previous_ones_window() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    let official = h.state().service().unwrap().read().users().unwrap().into_iter().find(|u| u.data.username == "official").unwrap();
    let me = official.data.official.unwrap();
    // The administrator looks at someone else's year-end record and filters the roster.
    click(&mut h, Role::Button, "年度考核");
    let other = h.state().state.yearend.rows.iter().find(|r| r.official != me).unwrap().official;
    h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::SelectYearEnd(Some(other))));
    h.state_mut().state.roster.filter_text = "王".into();
    h.state_mut().state.notice = Some(nengli::ui::state::Notice::Error("上一位使用者的訊息".into()));
    h.run();
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "official", "demo-official");
    click(&mut h, Role::Button, "年度考核");
    let state = &h.state().state;
    assert_eq!(state.yearend.selected, Some(me), "the official's own record, not the administrator's choice");
    assert!(state.roster.filter_text.is_empty());
    assert!(!matches!(state.notice, Some(nengli::ui::state::Notice::Error(_))), "no refusal shown: {:?}", state.notice);
    assert!(h.query_by_label("上一位使用者的訊息").is_none());
    // Nor is the official offered the bureau's files or tables.
    click(&mut h, Role::Button, nengli::i18n::tr(Lang::Tc, "menu.file"));
    for key in ["menu.import", "menu.export", "menu.new_database", "menu.open_demo", "menu.close_database"] {
        assert!(h.query_by_label(nengli::i18n::tr(Lang::Tc, key)).is_none(), "{key} offered to an official");
    }
    h.get_by_label(nengli::i18n::tr(Lang::Tc, "menu.open_package"));
}

#[test]
fn a_reviewer_reads_the_milestones_but_cannot_tick_them_and_is_named_as_the_person() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "reviewer", "demo-reviewer");
    assert_eq!(h.state().state.page, Page::Home, "a new user starts at home, not on the previous one's page");
    let data = h.state().state.data.as_ref().unwrap();
    let programme = data.programme.as_ref().unwrap();
    let (milestone, _) = programme.agenda(data.today).into_iter().next().unwrap();
    let label = nengli::i18n::fill(nengli::i18n::tr(Lang::Tc, "home.mark_done"), &[milestone.title.get(Lang::Tc)]);
    assert!(h.get_by_role_and_label(Role::CheckBox, &label).accesskit_node().is_disabled(), "no tick offered to a reviewer");
    let head = h.state().state.session.as_ref().unwrap().official.unwrap();
    let name = h.state().state.data.as_ref().unwrap().roster.iter().find(|r| r.id == head).unwrap().name.clone();
    h.get_by_label_contains(&format!("{name} (reviewer)"));
}

#[test]
fn an_official_writes_the_routine_summary_the_supervisor_rates_it_and_the_summary_counts_it() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    let (q3, office) = {
        let service = h.state().service().unwrap();
        let q3 = service.routine_period("2012Q3").unwrap().unwrap().id;
        (q3, nengli::service::printing::find_unit(service, "征管科").unwrap().unwrap())
    };
    let counted = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().routine_summary(q3, Some(office)).unwrap();
    let before = counted(&h);
    assert_eq!(before.unrated.len(), 1, "the demo official is unrated in the third quarter");
    let open_q3 = |h: &mut Harness<'_, NengliApp>| {
        click(h, Role::Button, "平時考核");
        pick_exact(h, "考核期間", "2012年第3季度");
        assert_eq!(h.state().state.routine.period, Some(q3));
    };
    // The official writes the 個人小結 and hands it in.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "official", "demo-official");
    let me = h.state().state.session.as_ref().unwrap().official.unwrap();
    open_q3(&mut h);
    assert_eq!(h.state().state.routine.selected, Some(me), "an official's own record opens");
    type_into(&mut h, "個人小結", "本季度完成納稅評估 12 戶");
    click(&mut h, Role::Button, "提交小結");
    let stored = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().routine_record(q3, me).unwrap().unwrap();
    assert_eq!(stored(&h).stage, nengli::domain::routine::Stage::Submitted);
    assert!(h.query_by_role_and_label(Role::Button, "評定").is_none(), "an official does not rate");
    // The supervisor rates it 好.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "reviewer", "demo-reviewer");
    open_q3(&mut h);
    let row = h.state().state.routine.summary.as_ref().unwrap().rows.iter().find(|r| r.official == me).unwrap().clone();
    click(&mut h, Role::Button, &format!("{}  {}", row.name, row.staff_no));
    pick_exact(&mut h, "政治品質", "好");
    pick_exact(&mut h, "考核結果", "好");
    click(&mut h, Role::Button, "評定");
    let record = stored(&h);
    assert_eq!((record.stage, record.data.result), (nengli::domain::routine::Stage::Rated, Some(nengli::domain::routine::Rating::Good)));
    assert_eq!(record.data.criteria[0], Some(nengli::domain::routine::Rating::Good));
    assert_eq!(record.data.summary, "本季度完成納稅評估 12 戶");
    // The official sees the result and acknowledges it.
    click(&mut h, Role::Button, "登出 / 切換使用者");
    sign_in(&mut h, "official", "demo-official");
    open_q3(&mut h);
    click(&mut h, Role::Button, "確認已閱");
    assert_eq!(stored(&h).stage, nengli::domain::routine::Stage::Acknowledged);
    // The unit's summary counts it: one more assessed, one more 好, nobody unrated.
    let after = counted(&h);
    assert_eq!((after.quota.assessed, after.quota.excellent), (before.quota.assessed + 1, before.quota.excellent + 1));
    assert!(after.unrated.is_empty());
}

#[test]
fn what_the_grades_bring_shows_on_the_persons_page_as_the_service_reads_it() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    // Someone whose grades bring the most to show: every non-empty cell must appear.
    let cells = |c: &nengli::domain::consequences::Consequences| nengli::report::model::consequence_cells(Lang::Tc, c);
    let rows = h.state().service().unwrap().consequence_rows(2012).unwrap();
    let row = rows.iter().max_by_key(|r| cells(&r.consequences).iter().filter(|c| !c.is_empty()).count()).unwrap().clone();
    assert!(cells(&row.consequences).iter().filter(|c| !c.is_empty()).count() >= 2, "{row:?}");
    h.state_mut().state.page = Page::Roster;
    h.state_mut().handle(nengli::ui::intent::Intent::Roster(nengli::ui::intent::RosterIntent::SelectOfficial(Some(row.official))));
    h.run();
    assert_eq!(h.state().state.roster.consequences, Some((2012, row.consequences.clone())), "read once, as the service reads it");
    let heading = nengli::i18n::fill(nengli::i18n::tr(Lang::Tc, "consequence.person"), &["2012"]);
    h.get_by_label(&heading).scroll_to_me();
    h.run();
    let line = |node: &egui_kittest::kittest::AccessKitNode<'_>| {
        node.role() == Role::Label && node.value().is_some_and(|l| l.starts_with(nengli::i18n::tr(Lang::Tc, "consequence.title")))
    };
    let shown = h.get_by(line).accesskit_node().value().unwrap();
    for cell in cells(&row.consequences).iter().filter(|c| !c.is_empty()) {
        assert!(shown.contains(cell.as_str()), "{cell} missing from {shown}");
    }
    // Another person chosen: their own consequences replace the first one's.
    let other = rows.iter().find(|r| r.consequences != row.consequences).unwrap();
    h.state_mut().handle(nengli::ui::intent::Intent::Roster(nengli::ui::intent::RosterIntent::SelectOfficial(Some(other.official))));
    h.run();
    assert_eq!(h.state().state.roster.consequences, Some((2012, other.consequences.clone())));
}

#[test]
fn leave_and_probation_are_entered_on_the_persons_page_and_a_bad_day_is_refused() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    let id = hire(&mut h, "N901");
    h.state_mut().state.page = Page::Roster;
    h.state_mut().handle(nengli::ui::intent::Intent::Roster(nengli::ui::intent::RosterIntent::SelectOfficial(Some(id))));
    h.run();
    let title = nengli::i18n::tr(Lang::Tc, "standing.title");
    h.get_by_label(title).scroll_to_me();
    h.run();
    h.get_by_label(title).click();
    h.run();
    click(&mut h, Role::Button, "新增請假");
    type_into_last(&mut h, "年度", "2024");
    type_into(&mut h, "天數", "190");
    type_into(&mut h, "試用期滿日期", "2013-02-30");
    click(&mut h, Role::Button, "保存處分、審查與請假");
    assert!(h.state().service().unwrap().standing(id).unwrap().is_empty(), "nothing stored");
    assert!(!h.state().state.roster.problems.is_empty(), "the bad day is said");
    let field =
        |node: &egui_kittest::kittest::AccessKitNode<'_>| node.role() == Role::TextInput && node.label().as_deref() == Some("試用期滿日期");
    h.get_by(field).focus();
    h.run();
    for _ in 0.."2013-02-30".len() {
        h.key_press(egui::Key::Backspace);
        h.run();
    }
    h.get_by(field).type_text("2025-07-31");
    h.run();
    click(&mut h, Role::Button, "保存處分、審查與請假");
    let standing = h.state().service().unwrap().standing(id).unwrap();
    assert_eq!(
        standing.leave,
        vec![nengli::domain::standing::Leave { year: 2024, kind: nengli::domain::standing::LeaveKind::Sick, days: 190 }]
    );
    assert_eq!(standing.probation_ends, chrono::NaiveDate::from_ymd_opt(2025, 7, 31));
}

#[test]
fn the_committee_is_refused_a_forbidden_grade_with_the_reason_and_overrides_it_only_in_writing() {
    use nengli::domain::yearend::{Grade, Met, Step, YearEndData};
    use nengli::service::command::YearEndCommand;
    let (_dir, mut h) = demo_harness(Lang::Tc);
    // The demo's official with a 警告, in the year it took effect.
    let (warned, year) = {
        let service = h.state().service().unwrap();
        let officials = service.read().officials().unwrap();
        officials
            .iter()
            .find_map(|o| {
                let s = service.standing(o.id).unwrap();
                s.sanctions.first().map(|x| (o.id, chrono::Datelike::year(&x.effective)))
            })
            .unwrap()
    };
    let mut own = YearEndData { summary: "德能勤績廉".into(), ..Default::default() };
    for e in &mut own.own {
        e.met = Some(Met::Yes);
    }
    // The demo's record for that year, wherever it stands, goes back to the official first.
    let back = match h.state().service().unwrap().read().yearend(warned, year).unwrap().map(|r| r.stage) {
        Some(nengli::domain::yearend::Stage::Locked) => Some(Step::Reopen),
        Some(nengli::domain::yearend::Stage::Draft) | None => None,
        Some(_) => Some(Step::Return),
    };
    let back = back.map(|step| (step, YearEndData { reason: "重新考核".into(), ..Default::default() }));
    for (step, data) in back
        .into_iter()
        .chain([(Step::Submit, own), (Step::Comment, YearEndData { proposed: Some(Grade::Excellent), ..Default::default() })])
    {
        let command = YearEndCommand::YearEndStep { official: warned, year, step, data: Box::new(data) };
        h.state_mut().handle(nengli::ui::intent::Intent::Do(nengli::service::Command::YearEnd(command)));
        h.run();
    }
    click(&mut h, Role::Button, "年度考核");
    h.state_mut().state.yearend.year = year;
    h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::YearEndScope));
    h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::SelectYearEnd(Some(warned))));
    h.run();
    h.get_by_label_contains("受警告（示稅紀");
    click(&mut h, Role::RadioButton, "同意。");
    pick_exact(&mut h, "考核等次", "優秀");
    click(&mut h, Role::Button, "保存意見和等次");
    let record = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().yearend(warned, year).unwrap().unwrap();
    assert_ne!(record(&h).data.grade, Some(Grade::Excellent), "refused");
    let said = match &h.state().state.notice {
        Some(nengli::ui::state::Notice::Error(text)) => text.clone(),
        other => panic!("{:?}", other.as_ref().map(|_| "not an error")),
    };
    assert!(said.contains("不得確定為優秀等次"), "{said}");
    type_into(&mut h, "破例理由", "經局考核委員會研究，警告前已有突出貢獻。");
    click(&mut h, Role::Button, "保存意見和等次");
    let decided = record(&h);
    assert_eq!(
        (decided.data.grade, decided.data.override_reason.as_str()),
        (Some(Grade::Excellent), "經局考核委員會研究，警告前已有突出貢獻。")
    );
    assert_eq!(h.state().service().unwrap().read().audit_rows(1).unwrap()[0].action, "yearend.decide_override");
}

#[test]
fn settings_save_a_quarter_share_of_excellent_only_with_the_approvals_number() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "設定");
    assert_eq!(h.state().state.yearend.quota_rules, h.state().service().unwrap().excellent_rules().unwrap(), "the rules as set");
    h.state_mut().state.yearend.quota_rules.percent = 25;
    h.run();
    click(&mut h, Role::Button, "保存優秀比例與分組");
    assert_eq!(h.state().service().unwrap().excellent_percent().unwrap(), 20, "25% without the approval is refused");
    let said = match &h.state().state.notice {
        Some(nengli::ui::state::Notice::Error(text)) => text.clone(),
        _ => String::new(),
    };
    assert!(said.contains("須填寫批准文號"), "{said}");
    type_into(&mut h, "批准文號", "稅人〔2012〕8號");
    click(&mut h, Role::Button, "保存優秀比例與分組");
    let rules = h.state().service().unwrap().excellent_rules().unwrap();
    assert_eq!((rules.percent, rules.approval.as_str()), (25, "稅人〔2012〕8號"));
}

#[test]
fn the_personnel_section_enters_paper_tallies_and_issues_ballot_codes_on_the_year_end_page() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "年度考核");
    click(&mut h, Role::Button, "民主測評與公示");
    h.get_by_label("在左側名單中選擇被測評人，以錄入紙質票數。");
    let rows = h.state().state.yearend.rows.clone();
    let untallied =
        |h: &Harness<'_, NengliApp>, o| h.state().service().unwrap().paper_tallies(o, 2012).unwrap().iter().all(|(_, t)| t.is_none());
    let row = rows.into_iter().find(|r| untallied(&h, r.official)).expect("someone without ballots yet");
    click(&mut h, Role::Button, &format!("{}  {}", row.name, row.staff_no));
    h.get_by_label(&format!("{} 的紙質測評票數", row.name));
    type_into(&mut h, "中層幹部 優秀", "4");
    type_into(&mut h, "中層幹部 稱職", "2");
    click(&mut h, Role::Button, "保存 中層幹部");
    let tally = h.state().service().unwrap().read().paper_tally(2012, row.official, "中層幹部").unwrap();
    assert_eq!(tally, Some(nengli::domain::ballots::Tally([4, 2, 0, 0])), "{:?}", h.state().state.yearend.problems);
    // Codes are shown once; only their hashes are kept.
    let unused = |h: &Harness<'_, NengliApp>| h.state().service().unwrap().read().unused_ballot_codes(2012).unwrap();
    let before: u32 = unused(&h).iter().map(|(_, n)| n).sum();
    type_into(&mut h, "張數", "3");
    click(&mut h, Role::Button, "生成測評票代碼");
    assert_eq!(h.state().state.yearend.appraisal.codes.lines().count(), 3);
    assert_eq!(unused(&h).iter().map(|(_, n)| n).sum::<u32>(), before + 3);
    // Anyone casts a ballot with a slip's code: read it, mark a person, cast; the code is used up.
    let code = h.state().state.yearend.appraisal.codes.lines().next().unwrap().to_owned();
    click(&mut h, Role::Button, "民主測評投票");
    type_into(&mut h, "測評票代碼", &code);
    click(&mut h, Role::Button, "讀取測評票");
    let person = h.state().state.yearend.ballot.subjects.as_ref().expect("the code reads").people[0].clone();
    click(&mut h, Role::RadioButton, &format!("{} 優秀", person.2));
    let people = h.state().state.yearend.ballot.subjects.as_ref().unwrap().people.len();
    click(&mut h, Role::Button, &format!("投票（已選 1/{people} 人）"));
    assert!(h.state().state.yearend.ballot.cast, "{:?}", h.state().state.yearend.problems);
    h.get_by_label("已投票，謝謝。");
    assert_eq!(unused(&h).iter().map(|(_, n)| n).sum::<u32>(), before + 2);
    let cast = h.state().service().unwrap().ballot_result(person.0, 2012).unwrap().unwrap();
    assert!(cast.classes.iter().any(|(class, s)| class == "一般幹部" && s.ballots >= 1));
    click(&mut h, Role::Button, "民主測評與公示");
    // The demo's notice is there with its days; a bad end day is refused in the user's language.
    assert!(!h.state().state.yearend.appraisal.start.is_empty());
    // A day that is not one: the field's text replaced by "x".
    let end =
        |node: &egui_kittest::kittest::AccessKitNode<'_>| node.role() == Role::TextInput && node.label().as_deref() == Some("公示結束");
    h.get_by(end).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by(end).type_text("x");
    h.run();
    click(&mut h, Role::Button, "保存公示");
    assert!(!h.state().state.yearend.problems.is_empty());
}

/// Where no file dialog can be shown, the window's own path field asks for the path and the
/// action goes on with it (here a copy of the database); cancelling it does nothing.
#[test]
fn without_a_file_dialog_the_windows_own_path_field_takes_the_path() {
    use nengli::ui::intent::Intent;
    let (dir, mut h) = demo_harness(Lang::Tc);
    // What choosing a file does when the dialog could not be shown.
    let choose = Intent::Settings(SettingsIntent::ChooseBackupFile);
    h.state_mut().handle(Intent::AskPath(Box::new(choose.clone())));
    h.run();
    h.get_by_label_contains("無法顯示檔案對話框");
    click(&mut h, Role::Button, "取消");
    assert!(h.state().state.path_prompt.is_none(), "cancelled");
    h.state_mut().handle(Intent::AskPath(Box::new(choose)));
    h.run();
    let file = dir.path().join("副本.sqlite");
    let field = |node: &egui_kittest::kittest::AccessKitNode<'_>| node.role() == Role::TextInput && node.label().as_deref() == Some("路徑");
    h.get_by(field).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by(field).type_text(&file.display().to_string());
    h.run();
    // The copy runs as a job with a progress bar: step until it ends.
    h.get_by_role_and_label(Role::Button, "使用這個路徑").click();
    h.step();
    wait_for_job(&mut h);
    assert!(h.state().state.path_prompt.is_none());
    assert!(std::fs::read(&file).unwrap().starts_with(b"SQLite format 3"), "the copy is written where the path said");
}

/// A post's name in the organisation's list opens the post (the name takes no click of its
/// own), and its duty statement is brought into view.
#[test]
fn a_posts_name_opens_it_and_its_duty_statement_shows() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    click(&mut h, Role::Button, "組織機構");
    let office = h.state().state.data.as_ref().unwrap().units.iter().find(|u| u.name == "辦公室").unwrap().id;
    h.state_mut().handle(nengli::ui::intent::Intent::Org(nengli::ui::intent::OrgIntent::SelectUnit(office)));
    h.run();
    let post = h.state().state.data.as_ref().unwrap().posts.iter().find(|p| p.title == "文秘崗").unwrap().id;
    h.get_by_label("文秘崗").click();
    h.run();
    assert_eq!(h.state().state.org.selected_post, Some(post), "the name opens the post");
    let heading = h.get_by_label("崗位職位說明書").rect();
    assert!(heading.top() >= 0.0 && heading.bottom() <= 900.0, "the duty statement is in view: {heading:?}");
}

/// At 1024×700 the headline counts and the filters are not covered by buttons or the panel
/// beside them (Standards, Roster).
#[test]
fn at_1024_by_700_counts_and_filters_stay_clear_of_buttons_and_panels() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    for lang in [Lang::Tc, Lang::En] {
        let mut h = harness_sized(dir.path(), Some(db.clone()), lang, egui::vec2(1024.0, 700.0));
        let t = |key| nengli::i18n::tr(lang, key);
        click(&mut h, Role::Button, t("nav.standards"));
        let count = h.get_by_label_contains(&nengli::i18n::fill(t("standards.counts"), &["35", "41"])).rect();
        for button in ["standards.carry_forward", "standards.print_all"] {
            let rect = h.get_by_role_and_label(Role::Button, t(button)).rect();
            assert!(!count.intersects(rect), "{lang:?}: {button} covers the count {count:?} / {rect:?}");
        }
        let hint = h.get_by_label(t("standards.pick")).rect();
        assert!(count.right() <= hint.left(), "{lang:?}: the count stays left of the editor");
        // The list's rows keep their height: the state column is not squeezed into wrapping.
        let (first, second) = (h.get_by_label("局長").rect(), h.get_by_label("副局長").rect());
        assert!(second.top() - first.top() < 40.0, "{lang:?}: rows {first:?} and {second:?}");
        // A filter's label stays on the line of its chooser when the filters wrap.
        let beside = |h: &Harness<'_, NengliApp>, label: &str, combo: &str| {
            let field = h.get_by_role_and_label(Role::ComboBox, combo).rect();
            let label = h
                .get_all_by_label(label)
                .map(|n| n.rect())
                .filter(|r| r.right() <= field.left())
                .min_by(|a, b| (a.center().y - field.center().y).abs().total_cmp(&(b.center().y - field.center().y).abs()));
            assert!(label.is_some_and(|l| (l.center().y - field.center().y).abs() < 8.0), "{lang:?}: {combo} {field:?} / {label:?}");
            field
        };
        beside(&h, t("field.unit"), t("roster.filter_unit"));
        click(&mut h, Role::Button, t("nav.roster"));
        let shown = h.get_by_label(&nengli::i18n::fill(t("roster.count"), &["120", "120"])).rect();
        let status = beside(&h, t("field.status"), t("roster.filter_status"));
        beside(&h, t("field.tier"), t("roster.filter_tier"));
        let panel = h.get_by_label(t("roster.pick")).rect();
        assert!(shown.right() <= panel.left() && status.right() <= panel.left(), "{lang:?}: {shown:?} {status:?} {panel:?}");
        // The 平時 page's choosers wrap with their labels rather than running off the window.
        click(&mut h, Role::Button, t("nav.routine"));
        let unit = h.get_by_role_and_label(Role::ComboBox, t("routine.unit")).rect();
        let label = h
            .get_all_by_label(t("routine.unit"))
            .map(|n| n.rect())
            .filter(|r| r.right() <= unit.left())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap();
        assert!(unit.right() <= 1024.0 && (unit.center().y - label.center().y).abs() < 8.0, "{lang:?}: {label:?} {unit:?}");
    }
}

/// At 1024×700 the self-check form fits the window in every language: the evidence fields end
/// inside it (no sideways scroll bar), and the review buttons are on screen, uncovered.
#[test]
fn at_1024_by_700_the_self_check_form_fits_without_a_sideways_scroll() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    for lang in [Lang::En, Lang::Tc, Lang::Sc] {
        let mut h = harness_sized(dir.path(), Some(db.clone()), lang, egui::vec2(1024.0, 700.0));
        let t = |key| nengli::i18n::tr(lang, key);
        click(&mut h, Role::Button, t("nav.selfcheck"));
        let submitted = h.state().state.selfcheck.rows.iter().find(|r| r.status == Some(nengli::domain::selfcheck::CheckStatus::Submitted));
        let official = submitted.expect("the demo has a self-check waiting for review").official;
        h.state_mut().handle(nengli::ui::intent::Intent::SelfCheck(SelfCheckIntent::SelectCheck(Some(official))));
        // The supervisor's levels picked: their boxes must not widen and push the evidence out.
        h.state_mut().state.selfcheck.review.levels = [Some(5); 8];
        h.run();
        let capability = h.state().state.data.as_ref().unwrap().catalogue.capabilities[0].name.get(lang).to_owned();
        let evidence = nengli::i18n::fill(t("selfcheck.evidence_of"), &[&capability]);
        let field = h.get_by_role_and_label(Role::TextInput, &evidence).rect();
        assert!(field.right() <= 1024.0, "{lang:?}: the evidence field ends at {}", field.right());
        for button in ["selfcheck.save_review", "selfcheck.return", "selfcheck.accept"] {
            h.get_by_role_and_label(Role::Button, t(button)).scroll_to_me();
            h.run();
            let rect = h.get_by_role_and_label(Role::Button, t(button)).rect();
            // A sideways scroll bar would lie along the bottom of the page, over the last row.
            assert!(rect.right() <= 1024.0 && rect.bottom() <= 700.0 - 24.0, "{lang:?}: {button} at {rect:?}");
        }
    }
}

/// A reviewer or an official opening Settings sees their preferences and no error: the bureau's
/// change log is not asked for on their behalf.
#[test]
fn settings_open_without_an_error_for_every_role() {
    let (_dir, mut h) = demo_harness(Lang::Tc);
    for (user, password) in [("admin", ""), ("reviewer", "demo-reviewer"), ("official", "demo-official")] {
        if !password.is_empty() {
            click(&mut h, Role::Button, "登出 / 切換使用者");
            sign_in(&mut h, user, password);
        }
        h.state_mut().state.notice = None;
        click(&mut h, Role::Button, "設定");
        let notice = &h.state().state.notice;
        assert!(!matches!(notice, Some(nengli::ui::state::Notice::Error(_))), "{user}: {notice:?}");
    }
}

/// The demo at 1024×700 in `lang`, logged in as its administrator, on the page `nav`.
fn at_1024_by_700(lang: Lang, nav: &str) -> (tempfile::TempDir, Harness<'static, NengliApp>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let mut h = harness_sized(dir.path(), Some(db), lang, egui::vec2(1024.0, 700.0));
    click(&mut h, Role::Button, nengli::i18n::tr(lang, nav));
    (dir, h)
}

/// Fails unless `rect` ends inside a 1024 px window.
fn inside(lang: Lang, rect: egui::Rect, what: &str) {
    assert!(rect.right() <= 1024.0, "{lang:?}: {what} ends at {rect:?}");
}

/// At 1024×700 the 民主測評 settings fit in every language: the minimum's label is one line
/// (it was drawn a letter a line at the window's edge), above its box, and Save is on screen.
#[test]
fn at_1024_by_700_the_ballot_minimum_keeps_its_label_and_box_on_screen() {
    for lang in [Lang::En, Lang::Sc, Lang::Tc] {
        let (_dir, mut h) = at_1024_by_700(lang, "nav.yearend");
        let t = |key| nengli::i18n::tr(lang, key);
        click(&mut h, Role::Button, t("yearend.mode_appraisal"));
        let field = h.get_by_role_and_label(Role::TextInput, t("ballot.minimum")).rect();
        let label = h.get_by_role_and_label(Role::Label, t("ballot.minimum")).rect();
        inside(lang, field, "the fewest ballots' box");
        inside(lang, label, "the fewest ballots' label");
        assert!(label.height() < 30.0 && label.bottom() <= field.top() + 2.0, "{lang:?}: {label:?} over {field:?}");
        inside(lang, h.get_by_role_and_label(Role::Button, t("ballot.save_settings")).rect(), "save the ballot settings");
    }
}

/// At 1024×700 a unit's review fits in every language: the five choices, their notes and the
/// review notes end inside the window (in English they ran 70 px past it).
#[test]
fn at_1024_by_700_a_unit_review_ends_inside_the_window() {
    for lang in [Lang::En, Lang::Sc, Lang::Tc] {
        let (_dir, mut h) = at_1024_by_700(lang, "nav.yearend");
        let t = |key| nengli::i18n::tr(lang, key);
        click(&mut h, Role::Button, t("yearend.mode_units"));
        let unit = h.state().state.data.as_ref().unwrap().unit_tree[1].1;
        h.state_mut().handle(nengli::ui::intent::Intent::YearEnd(YearEndIntent::SelectReviewUnit(unit)));
        h.run();
        for i in 1..=5 {
            let name = nengli::i18n::tr(lang, &format!("yearend.unit_standard.{i}"));
            inside(lang, h.get_by_role_and_label(Role::ComboBox, name).rect(), name);
            let note = nengli::i18n::fill(t("yearend.note_of"), &[name]);
            inside(lang, h.get_by_role_and_label(Role::TextInput, &note).rect(), &note);
        }
        inside(lang, h.get_by_role_and_label(Role::MultilineTextInput, t("yearend.unit_notes")).rect(), "the review notes");
    }
}

/// At 1024×700 a training session's detail fits in every language: its buttons lie clear of
/// its title (Edit covered it), the last mark button and each person's hours are on screen.
#[test]
fn at_1024_by_700_a_session_keeps_its_buttons_off_the_title_and_its_hours_on_screen() {
    for lang in [Lang::En, Lang::Sc, Lang::Tc] {
        let (_dir, mut h) = at_1024_by_700(lang, "nav.training");
        let t = |key| nengli::i18n::tr(lang, key);
        let session = h.state().state.training.sessions.iter().find(|s| s.data.title.chars().count() > 8).cloned().unwrap();
        h.state_mut().handle(nengli::ui::intent::Intent::Training(TrainingIntent::SelectSession(Some(session.id))));
        h.run();
        let title = h.get_all_by_label(&session.data.title).map(|n| n.rect()).max_by(|a, b| a.left().total_cmp(&b.left())).unwrap();
        for button in ["training.edit_session", "training.print_sign_in", "action.delete", "training.all_present"] {
            let rect = h.get_by_role_and_label(Role::Button, t(button)).rect();
            inside(lang, rect, button);
            assert!(!rect.intersects(title), "{lang:?}: {button} {rect:?} lies over the title {title:?}");
        }
        let present = h.state().state.training.expected.iter().find(|e| e.attendance.as_ref().is_some_and(|a| a.mark.credits())).unwrap();
        let hours = nengli::i18n::fill(t("training.hours_of"), &[&present.name]);
        inside(lang, h.get_by_label(&hours).rect(), &hours);
    }
}

/// At 1024×700 an official's own year-end record fits in every language: the outline button
/// beside the summary's label, the summary box and the 自查驗收 choices and notes end inside
/// the window.
#[test]
fn at_1024_by_700_the_officials_own_summary_and_outline_button_are_on_screen() {
    for lang in [Lang::En, Lang::Sc, Lang::Tc] {
        let (_dir, mut h) = at_1024_by_700(lang, "nav.yearend");
        let t = |key| nengli::i18n::tr(lang, key);
        click(&mut h, Role::Button, t("login.log_out"));
        sign_in(&mut h, "official", "demo-official");
        click(&mut h, Role::Button, t("nav.yearend"));
        let button = h.get_by_role_and_label(Role::Button, t("yearend.outline")).rect();
        let label = h.get_by_role_and_label(Role::Label, t("sheet.summary")).rect();
        inside(lang, button, "the outline button");
        assert!(button.top() >= label.top() - 4.0, "{lang:?}: the button {button:?} stays by its label {label:?}");
        inside(lang, h.get_by_role_and_label(Role::MultilineTextInput, t("sheet.summary")).rect(), "the personal summary");
        // The 自查驗收 choices and notes, the official's and the supervisor's.
        for i in 1..=nengli::domain::yearend::STANDARDS {
            let standard = nengli::i18n::tr(lang, &format!("yearend.standard.{i}"));
            for whose in ["yearend.own_of", "yearend.reviewed_of"] {
                let name = nengli::i18n::fill(t(whose), &[standard]);
                inside(lang, h.get_by_role_and_label(Role::ComboBox, &name).rect(), &name);
                let note = nengli::i18n::fill(t("yearend.note_of"), &[&name]);
                inside(lang, h.get_by_role_and_label(Role::TextInput, &note).rect(), &note);
            }
        }
    }
}

/// Fails unless each field named `text` ends inside a 1024 px window with a label of that text
/// on its line, before it.
fn labelled_inside(h: &Harness<'_, NengliApp>, lang: Lang, text: &str) {
    let nodes: Vec<(Role, egui::Rect)> =
        h.query_all(egui_kittest::kittest::By::new().label(text).include_labels()).map(|n| (n.accesskit_node().role(), n.rect())).collect();
    let fields: Vec<egui::Rect> = nodes.iter().filter(|n| n.0 != Role::Label).map(|n| n.1).collect();
    assert!(!fields.is_empty(), "{lang:?}: no field named {text}");
    for field in fields {
        inside(lang, field, text);
        let label =
            nodes.iter().any(|n| n.0 == Role::Label && n.1.right() <= field.left() && (n.1.center().y - field.center().y).abs() < 8.0);
        assert!(label, "{lang:?}: {text}'s field {field:?} has no label beside it in {nodes:?}");
    }
}

/// At 1024×700 the 平時 page's figures stay with their labels inside the window in every
/// language: the weighted rule set's bands (in English "Basica…" was cut at the edge) and the
/// days absent on an official's record (cut at x≈997).
#[test]
fn at_1024_by_700_the_routine_figures_stay_with_their_labels_on_screen() {
    for lang in [Lang::En, Lang::Sc, Lang::Tc] {
        let (_dir, mut h) = at_1024_by_700(lang, "nav.routine");
        let t = |key| nengli::i18n::tr(lang, key);
        let official = h.state().state.routine.summary.as_ref().unwrap().rows[0].official;
        h.state_mut().handle(nengli::ui::intent::Intent::Routine(nengli::ui::intent::RoutineIntent::Select(Some(official))));
        h.run();
        h.get_by_role_and_label(Role::Label, t("routine.days.4")).scroll_to_me();
        h.run();
        labelled_inside(&h, lang, t("routine.days.4"));
        h.state_mut().state.routine.tab = nengli::ui::state::RoutineTab::Settings;
        h.run();
        for key in ["routine.weight", "grade.excellent", "grade.competent", "grade.basic"] {
            labelled_inside(&h, lang, t(key));
        }
    }
}
