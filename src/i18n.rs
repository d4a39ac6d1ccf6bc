//! Every text the user reads, in 繁體中文, 简体中文 and English, in one table; plus the
//! sentences for validation problems and errors, so the UI and the CLI say the same thing.

use crate::domain::Lang;
use crate::domain::catalogue::{Gender, OfficialStatus, UnitKind};
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::exchange::ExchangeError;
use crate::service::ServiceError;
use crate::store::StoreError;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `(key, 繁體, 简体, English)`.
pub static TEXTS: &[(&str, &str, &str, &str)] = &[
    ("app.title", "能力建設年管理系統", "能力建设年管理系统", "Capability-Building Year Manager"),
    (
        "welcome.subtitle",
        "崗位、能力席位標準、幹部名冊、自查、培訓與年度考核",
        "岗位、能力席位标准、干部名册、自查、培训与年度考核",
        "Posts, capability standards, roster, self-checks, training and year-end review",
    ),
    ("welcome.new_title", "建立新的本局資料庫", "建立新的本局数据库", "Create a new bureau database"),
    (
        "welcome.new_help",
        "填寫單位名稱與活動年度;資料保存在本機的一個檔案中。",
        "填写单位名称与活动年度;数据保存在本机的一个文件中。",
        "Enter the bureau's name and programme year; everything is kept in one file on this PC.",
    ),
    ("welcome.create", "建立資料庫", "建立数据库", "Create database"),
    ("welcome.choose", "選擇位置…", "选择位置…", "Choose…"),
    ("welcome.demo_title", "開啟示範單位", "打开示范单位", "Open the demo bureau"),
    (
        "welcome.demo_help",
        "一個虛構的縣稅務局:十餘個科室和分局、約40個崗位、約120名幹部,可隨意試用。",
        "一个虚构的县税务局:十余个科室和分局、约40个岗位、约120名干部,可随意试用。",
        "A fictional county tax bureau with a dozen units, about 40 posts and 120 officials to try things on.",
    ),
    ("welcome.open_demo", "開啟示範單位", "打开示范单位", "Open demo bureau"),
    ("welcome.open_title", "開啟已有資料庫", "打开已有数据库", "Open an existing database"),
    ("welcome.open_file", "開啟檔案…", "打开文件…", "Open file…"),
    ("menu.file", "檔案", "文件", "File"),
    ("menu.new_database", "新建資料庫…", "新建数据库…", "New database…"),
    ("menu.open_database", "開啟資料庫…", "打开数据库…", "Open database…"),
    ("menu.recent", "最近開啟", "最近打开", "Open recent"),
    ("menu.recent_none", "(無)", "(无)", "(none)"),
    ("menu.open_demo", "開啟示範單位", "打开示范单位", "Open demo bureau"),
    ("menu.close_database", "關閉資料庫", "关闭数据库", "Close database"),
    ("menu.quit", "結束", "退出", "Quit"),
    ("menu.edit", "編輯", "编辑", "Edit"),
    ("menu.undo", "復原", "撤销", "Undo"),
    ("menu.redo", "重做", "重做", "Redo"),
    ("menu.view", "檢視", "视图", "View"),
    ("nav.organisation", "組織機構", "组织机构", "Organisation"),
    ("nav.roster", "幹部名冊", "干部名册", "Roster"),
    ("nav.settings", "設定", "设置", "Settings"),
    ("status.no_database", "未開啟資料庫", "未打开数据库", "No database open"),
    (
        "status.counts",
        "{0} 個單位 · {1} 個崗位 · {2} 名幹部",
        "{0} 个单位 · {1} 个岗位 · {2} 名干部",
        "{0} units · {1} posts · {2} officials",
    ),
    ("status.dismiss", "關閉訊息", "关闭消息", "Dismiss"),
    ("status.in_use", "使用中", "使用中", "In use"),
    ("status.retired_post", "已撤銷", "已撤销", "Retired"),
    ("field.bureau_name", "單位名稱", "单位名称", "Bureau name"),
    ("field.year", "活動年度", "活动年度", "Programme year"),
    ("field.location", "檔案位置", "文件位置", "File location"),
    ("field.unit_name", "名稱", "名称", "Name"),
    ("field.unit_kind", "類型", "类型", "Kind"),
    ("field.parent", "上級單位", "上级单位", "Parent unit"),
    ("field.title", "崗位名稱", "岗位名称", "Post title"),
    ("field.tier", "職級層次", "职级层次", "Rank tier"),
    ("field.duties", "崗位職責", "岗位职责", "Duties"),
    ("field.standard", "標準", "标准", "Standard"),
    ("field.authority", "權限", "权限", "Authority"),
    ("field.time_limits", "時限", "时限", "Time limits"),
    ("field.responsibility", "責任", "责任", "Responsibility"),
    ("field.headcount", "編制人數", "编制人数", "Headcount"),
    ("field.staff_no", "工號", "工号", "Staff no."),
    ("field.name", "姓名", "姓名", "Name"),
    ("field.gender", "性別", "性别", "Gender"),
    ("field.birth", "出生年月", "出生年月", "Born (YYYY.MM)"),
    ("column.staff_no", "工號", "工号", "No."),
    ("column.position", "職務", "职务", "Position"),
    ("column.birth", "出生年月", "出生年月", "Born"),
    ("field.political", "政治面貌", "政治面貌", "Political status"),
    ("field.education", "學歷", "学历", "Education"),
    ("field.position_title", "職務/職級", "职务/职级", "Position/grade"),
    ("field.unit", "單位", "单位", "Unit"),
    ("field.post", "崗位", "岗位", "Post"),
    ("field.post_since", "任現職時間", "任现职时间", "In post since"),
    ("field.status", "狀態", "状态", "Status"),
    ("field.record", "記錄", "记录", "Record"),
    ("org.units", "單位", "单位", "Units"),
    ("org.unit_heading", "單位:{0}", "单位:{0}", "Unit: {0}"),
    ("org.pick_unit", "請在左側選擇一個單位。", "请在左侧选择一个单位。", "Choose a unit on the left."),
    ("org.retired_mark", "(已撤銷)", "(已撤销)", "(retired)"),
    (
        "org.unit_is_retired",
        "此單位已撤銷,只保留歷史記錄。",
        "此单位已撤销,只保留历史记录。",
        "This unit is retired and kept for the record.",
    ),
    ("org.save_unit", "保存單位", "保存单位", "Save unit"),
    ("org.move", "移至此處", "移至此处", "Move here"),
    ("org.retire", "撤銷單位", "撤销单位", "Retire unit"),
    ("org.reinstate", "恢復單位", "恢复单位", "Reinstate unit"),
    ("org.delete_unit", "刪除單位", "删除单位", "Delete unit"),
    ("org.add_child", "新增下級單位", "新增下级单位", "Add a sub-unit"),
    ("org.child_name", "下級單位名稱", "下级单位名称", "Sub-unit name"),
    ("org.child_kind", "下級單位類型", "下级单位类型", "Sub-unit kind"),
    ("org.add_child_button", "新增", "新增", "Add"),
    ("org.posts", "崗位", "岗位", "Posts"),
    ("org.new_post", "新增崗位", "新增岗位", "New post"),
    ("org.no_posts", "此單位尚無崗位。", "此单位尚无岗位。", "This unit has no posts yet."),
    ("org.holders", "在崗", "在岗", "Holders"),
    ("org.duty_statement", "崗位職位說明書", "岗位职位说明书", "Duty statement"),
    ("org.new_post_title", "新崗位的職位說明書", "新岗位的职位说明书", "Duty statement of a new post"),
    ("org.retire_post", "撤銷崗位", "撤销岗位", "Retire post"),
    ("org.reinstate_post", "恢復崗位", "恢复岗位", "Reinstate post"),
    ("org.delete_post", "刪除崗位", "删除岗位", "Delete post"),
    ("roster.search", "搜尋", "搜索", "Search"),
    ("roster.search_hint", "工號、姓名、單位、崗位…", "工号、姓名、单位、岗位…", "Staff no., name, unit, post…"),
    ("roster.filter_unit", "按單位篩選", "按单位筛选", "Filter by unit"),
    ("roster.filter_tier", "按職級層次篩選", "按职级层次筛选", "Filter by rank tier"),
    ("roster.filter_status", "按狀態篩選", "按状态筛选", "Filter by status"),
    ("roster.all", "全部", "全部", "All"),
    ("roster.count", "顯示 {0} / 共 {1} 人", "显示 {0} / 共 {1} 人", "{0} of {1} shown"),
    ("roster.new", "新增幹部", "新增干部", "New official"),
    ("roster.sort_hint", "按此欄排序;再按一次反向", "按此列排序;再按一次反向", "Sort by this column; click again to reverse"),
    (
        "roster.pick",
        "在名冊中選擇一名幹部以查看和編輯,或按「新增幹部」。",
        "在名册中选择一名干部以查看和编辑,或按“新增干部”。",
        "Choose an official in the roster to view and edit, or press New official.",
    ),
    ("roster.detail", "幹部資料", "干部资料", "Official"),
    ("roster.new_title", "新增幹部", "新增干部", "New official"),
    ("roster.no_post", "(未定崗)", "(未定岗)", "(no post)"),
    ("roster.delete", "刪除", "删除", "Delete"),
    ("hint.year_month", "例:1985.03", "例:1985.03", "e.g. 1985.03"),
    ("hint.date", "例:2010-07-01", "例:2010-07-01", "e.g. 2010-07-01"),
    ("action.save", "保存", "保存", "Save"),
    ("action.cancel", "取消", "取消", "Cancel"),
    ("action.revert", "還原修改", "还原修改", "Revert"),
    ("confirm.title", "請確認", "请确认", "Please confirm"),
    ("confirm.yes", "確定", "确定", "Yes"),
    ("confirm.no", "取消", "取消", "No"),
    (
        "confirm.delete_unit",
        "刪除單位「{0}」?可用「復原」(Ctrl+Z)撤回。",
        "删除单位“{0}”?可用“撤销”(Ctrl+Z)撤回。",
        "Delete the unit \"{0}\"? Undo (Ctrl+Z) brings it back.",
    ),
    (
        "confirm.delete_post",
        "刪除崗位「{0}」?可用「復原」(Ctrl+Z)撤回。",
        "删除岗位“{0}”?可用“撤销”(Ctrl+Z)撤回。",
        "Delete the post \"{0}\"? Undo (Ctrl+Z) brings it back.",
    ),
    (
        "confirm.delete_official",
        "刪除幹部 {0}({1})?調離或退休請改「狀態」;誤刪可用「復原」(Ctrl+Z)撤回。",
        "删除干部 {0}({1})?调离或退休请改“状态”;误删可用“撤销”(Ctrl+Z)撤回。",
        "Delete {0} ({1})? For a transfer or retirement change the status instead; Undo (Ctrl+Z) brings them back.",
    ),
    ("settings.language", "介面語言", "界面语言", "Interface language"),
    ("settings.theme", "外觀", "外观", "Appearance"),
    ("settings.light", "淺色", "浅色", "Light"),
    ("settings.dark", "深色", "深色", "Dark"),
    ("settings.database", "資料庫", "数据库", "Database"),
    ("settings.file", "檔案", "文件", "File"),
    ("settings.schema", "結構版本", "结构版本", "Schema version"),
    ("settings.check", "檢查資料庫", "检查数据库", "Check database"),
    ("settings.check_ok", "檢查通過:資料完整。", "检查通过:数据完整。", "Check passed: the data is intact."),
    ("settings.check_failed", "發現 {0} 個問題:", "发现 {0} 个问题:", "{0} problems found:"),
    ("settings.catalogue", "活動目錄(隨資料庫保存)", "活动目录(随数据库保存)", "Programme catalogue (kept in this database)"),
    ("catalogue.capabilities", "八種能力", "八种能力", "The eight capabilities"),
    ("catalogue.tiers", "職級層次與要求", "职级层次与要求", "Rank tiers and expectations"),
    ("catalogue.phases", "活動階段與任務", "活动阶段与任务", "Phases and tasks"),
    ("settings.audit", "修改記錄", "修改记录", "Change log"),
    ("audit.filter_text", "內容包含", "内容包含", "Record contains"),
    ("audit.from", "自", "自", "From"),
    ("audit.to", "至", "至", "To"),
    (
        "audit.bad_date",
        "「{0}」不是有效日期(格式 YYYY-MM-DD)。",
        "“{0}”不是有效日期(格式 YYYY-MM-DD)。",
        "“{0}” is not a real day (YYYY-MM-DD).",
    ),
    ("audit.none", "沒有符合條件的記錄。", "没有符合条件的记录。", "No entries match."),
    ("audit.before", "修改前", "修改前", "Before"),
    ("audit.entity", "記錄", "记录", "Record"),
    ("audit.export", "匯出…", "导出…", "Export…"),
    ("audit.after", "修改後", "修改后", "After"),
    ("audit.at", "時間 (UTC)", "时间 (UTC)", "When (UTC)"),
    ("audit.actor", "操作人", "操作人", "By"),
    ("audit.action", "操作", "操作", "Action"),
    ("audit.record", "內容", "内容", "Record"),
    ("notice.undone", "已復原上一步。", "已撤销上一步。", "Undone."),
    ("notice.redone", "已重做。", "已重做。", "Redone."),
    (
        "notice.empty_database",
        "這是一個空的資料庫:請填寫單位名稱和年度以建立。",
        "这是一个空的数据库:请填写单位名称和年度以建立。",
        "This database is empty: enter the bureau's name and year to set it up.",
    ),
    ("check.integrity", "檔案內部損壞:{0}", "文件内部损坏:{0}", "Damage inside the file: {0}"),
    ("check.foreign_key", "{0} 第 {1} 行指向不存在的 {2}", "{0} 第 {1} 行指向不存在的 {2}", "{0} row {1} refers to a missing {2}"),
    (
        "check.audit_chain",
        "修改記錄自第 {0} 條起被改動或刪除(共 {1} 處)",
        "修改记录自第 {0} 条起被改动或删除(共 {1} 处)",
        "The change log was altered or cut from entry {0} ({1} places)",
    ),
    ("status.safe_mode", "安全模式(網路共用)", "安全模式(网络共享)", "Safe mode (network share)"),
    (
        "notice.network_share",
        "這個資料庫在網路共用資料夾上:已用安全模式開啟(回復日誌,較慢)。請勿在多台電腦同時開啟;建議存放在本機。",
        "这个数据库在网络共享文件夹上:已用安全模式打开(回滚日志,较慢)。请勿在多台电脑同时打开;建议存放在本机。",
        "This database is on a network share: opened in safe mode (rollback journal, slower). Do not open it on several PCs at once; keeping it on this PC is recommended.",
    ),
    ("error.open", "無法開啟 {0}:{1}", "无法打开 {0}:{1}", "Cannot open {0}: {1}"),
    ("done.bureau.init", "已建立資料庫", "已建立数据库", "Database created"),
    ("done.bureau.demo", "已建立示範單位", "已建立示范单位", "Demo bureau created"),
    ("done.bureau.generate", "已生成測試單位", "已生成测试单位", "Test bureau generated"),
    ("done.unit.create", "已新增單位", "已新增单位", "Unit added"),
    ("done.unit.update", "已保存單位", "已保存单位", "Unit saved"),
    ("done.unit.move", "已移動單位", "已移动单位", "Unit moved"),
    ("done.unit.retire", "已撤銷單位", "已撤销单位", "Unit retired"),
    ("done.unit.reinstate", "已恢復單位", "已恢复单位", "Unit reinstated"),
    ("done.unit.delete", "已刪除單位", "已删除单位", "Unit deleted"),
    ("done.unit.restore", "已恢復被刪除的單位", "已恢复被删除的单位", "Deleted unit restored"),
    ("done.post.create", "已新增崗位", "已新增岗位", "Post added"),
    ("done.post.update", "已保存崗位", "已保存岗位", "Post saved"),
    ("done.post.retire", "已撤銷崗位", "已撤销岗位", "Post retired"),
    ("done.post.reinstate", "已恢復崗位", "已恢复岗位", "Post reinstated"),
    ("done.post.delete", "已刪除崗位", "已删除岗位", "Post deleted"),
    ("done.post.restore", "已恢復被刪除的崗位", "已恢复被删除的岗位", "Deleted post restored"),
    ("done.official.create", "已新增幹部", "已新增干部", "Official added"),
    ("done.official.update", "已保存幹部資料", "已保存干部资料", "Official saved"),
    ("done.official.delete", "已刪除幹部", "已删除干部", "Official deleted"),
    ("done.official.restore", "已恢復被刪除的幹部", "已恢复被删除的干部", "Deleted official restored"),
    (
        "cli.demo_done",
        "已建立示範單位:{0} 個單位、{1} 個崗位、{2} 名幹部,位於 {3}",
        "已建立示范单位:{0} 个单位、{1} 个岗位、{2} 名干部,位于 {3}",
        "demo bureau created: {0} units, {1} posts, {2} officials in {3}",
    ),
    ("cli.init_done", "已建立「{0}」({1} 年度)資料庫:{2}", "已建立“{0}”({1} 年度)数据库:{2}", "database for {0} ({1}) created: {2}"),
    (
        "cli.gen_done",
        "已生成測試單位:{0} 個單位、{1} 個崗位、{2} 名幹部,位於 {3}",
        "已生成测试单位:{0} 个单位、{1} 个岗位、{2} 名干部,位于 {3}",
        "test bureau generated: {0} units, {1} posts, {2} officials in {3}",
    ),
    ("cli.export_done", "已匯出 {0} 行到 {1}", "已导出 {0} 行到 {1}", "exported {0} rows to {1}"),
    ("cli.no_sheet", "檔案中沒有名為「{0}」的工作表", "文件中没有名为“{0}”的工作表", "the file has no sheet named \"{0}\""),
    (
        "cli.import_counts",
        "新增 {0},修改 {1},不變 {2},有問題 {3}",
        "新增 {0},修改 {1},不变 {2},有问题 {3}",
        "new {0}, changed {1}, unchanged {2}, refused {3}",
    ),
    ("cli.warning", "提示:", "提示:", "warning:"),
    (
        "cli.import_refused",
        "有問題的行未改正,沒有儲存任何資料",
        "有问题的行未改正,没有保存任何数据",
        "rows with problems remain; nothing was stored",
    ),
    (
        "cli.dry_run",
        "僅檢查(--dry-run),沒有儲存任何資料",
        "仅检查(--dry-run),没有保存任何数据",
        "checked only (--dry-run); nothing was stored",
    ),
    ("cli.import_done", "已儲存:新增 {0},修改 {1}", "已保存:新增 {0},修改 {1}", "stored: {0} created, {1} updated"),
    ("nav.import", "匯入預覽", "导入预览", "Import preview"),
    ("menu.import", "匯入試算表…", "导入表格…", "Import spreadsheet…"),
    ("menu.export", "匯出", "导出", "Export"),
    ("menu.export.officials", "幹部名冊(按目前篩選與排序)", "干部名册(按当前筛选与排序)", "Roster (as filtered and sorted)"),
    ("menu.export.units", "單位", "单位", "Units"),
    ("menu.export.posts", "崗位與職位說明書", "岗位与职位说明书", "Posts with duty statements"),
    ("menu.template", "下載範本", "下载模板", "Download template"),
    ("exchange.template", "範本", "模板", "template"),
    ("notice.saved", "已儲存 {0}", "已保存 {0}", "Saved {0}"),
    ("job.reading", "正在讀取試算表…", "正在读取表格…", "Reading the spreadsheet…"),
    ("job.importing", "正在匯入…", "正在导入…", "Importing…"),
    ("job.checking", "正在檢查資料庫…", "正在检查数据库…", "Checking the database…"),
    ("job.backing_up", "正在備份並檢查備份…", "正在备份并检查备份…", "Backing up and checking the copy…"),
    ("import.title", "匯入預覽:{0}", "导入预览:{0}", "Import preview: {0}"),
    ("import.kind", "內容", "内容", "Contents"),
    ("import.sheet", "工作表", "工作表", "Sheet"),
    (
        "import.counts",
        "新增 {0} · 修改 {1} · 不變 {2} · 有問題 {3} · 未勾選 {4}",
        "新增 {0} · 修改 {1} · 不变 {2} · 有问题 {3} · 未勾选 {4}",
        "new {0} · changed {1} · unchanged {2} · with problems {3} · unticked {4}",
    ),
    ("import.commit", "匯入 {0} 行", "导入 {0} 行", "Import {0} rows"),
    ("import.untick_refused", "取消勾選有問題的行", "取消勾选有问题的行", "Untick rows with problems"),
    ("import.tick_all", "全部勾選", "全部勾选", "Tick all"),
    ("import.only_problems", "只顯示有問題或提示的行", "只显示有问题或提示的行", "Only rows with problems or warnings"),
    ("import.discard", "放棄這次匯入", "放弃这次导入", "Discard this import"),
    ("import.line", "行", "行", "Row"),
    ("import.problems", "問題", "问题", "Problems"),
    ("import.keep_row", "匯入第 {0} 行", "导入第 {0} 行", "Import row {0}"),
    ("import.new", "新增", "新增", "New"),
    ("import.changed", "修改", "修改", "Changed"),
    ("import.unchanged", "不變", "不变", "Unchanged"),
    ("import.refused", "有問題", "有问题", "Problem"),
    ("import.done", "匯入完成:新增 {0},修改 {1}", "导入完成:新增 {0},修改 {1}", "Import done: {0} created, {1} updated"),
    ("print.duty_statement", "崗位職位說明書", "岗位职位说明书", "Post duty statement"),
    ("print.duty_statements_title", "{0} 崗位職位說明書", "{0} 岗位职位说明书", "{0} post duty statements"),
    ("print.expectation", "能力要求", "能力要求", "Expected level"),
    ("print.footer", "第 {page} 頁,共 {pages} 頁", "第 {page} 页,共 {pages} 页", "Page {page} of {pages}"),
    ("cli.print_done", "已列印 {0} 頁到 {1}", "已打印 {0} 页到 {1}", "printed {0} pages to {1}"),
    ("org.print_duty_statements", "列印職位說明書…", "打印职位说明书…", "Print duty statements…"),
    (
        "org.print_hint",
        "本單位及下級單位全部在用崗位,每崗一頁",
        "本单位及下级单位全部在用岗位,每岗一页",
        "Every post in use in this unit and its sub-units, one sheet each",
    ),
    ("print.preview", "列印預覽", "打印预览", "Print preview"),
    ("print.pages", "共 {0} 頁", "共 {0} 页", "{0} pages"),
    ("print.zoom", "縮放", "缩放", "Zoom"),
    ("print.save", "另存為 PDF…", "另存为 PDF…", "Save as PDF…"),
    ("print.open_after", "儲存後開啟", "保存后打开", "Open after saving"),
    ("print.close", "關閉", "关闭", "Close"),
    ("nav.standards", "能力席位標準", "能力席位标准", "Capability standards"),
    ("standards.none", "未制定", "未制定", "None"),
    ("standards.complete", "完整", "完整", "Complete"),
    ("standards.missing", "缺 {0} 項能力要求", "缺 {0} 项能力要求", "{0} capability levels missing"),
    ("standards.year", "{0} 年度", "{0} 年度", "Year {0}"),
    ("standards.counts", "標準完整的崗位:{0} / {1}", "标准完整的岗位:{0} / {1}", "Posts with a complete standard: {0} / {1}"),
    (
        "standards.carry_forward",
        "開始下一年度(結轉計劃與標準)…",
        "开始下一年度(结转计划与标准)…",
        "Start the next year (carry the programme and standards forward)…",
    ),
    ("standards.carried", "已結轉 {0} 個標準到 {1} 年度", "已结转 {0} 个标准到 {1} 年度", "{0} standards carried forward to {1}"),
    ("standards.only_incomplete", "只顯示標準未完整的崗位", "只显示标准未完整的岗位", "Only posts without a complete standard"),
    ("standards.state", "標準", "标准", "Standard"),
    (
        "standards.pick",
        "在左側選擇一個崗位以制定或修改它的能力席位標準。",
        "在左侧选择一个岗位以制定或修改它的能力席位标准。",
        "Choose a post on the left to set or edit its capability standard.",
    ),
    ("standards.post_tier", "崗位層次:{0}({1})", "岗位层次:{0}({1})", "Post tier: {0} ({1})"),
    ("standards.capability", "能力", "能力", "Capability"),
    ("standards.level", "{0} 級", "{0} 级", "Level {0}"),
    ("standards.add_tier", "加入職級層次", "加入职级层次", "Add a tier"),
    ("standards.items", "應知應會條目", "应知应会条目", "Knowledge and skill items"),
    ("standards.knowledge", "知識", "知识", "Knowledge"),
    ("standards.skill", "技能", "技能", "Skill"),
    ("standards.item_kind", "第 {0} 條的類別", "第 {0} 条的类别", "Kind of item {0}"),
    ("standards.item_text", "第 {0} 條的內容", "第 {0} 条的内容", "Text of item {0}"),
    ("standards.item_level", "第 {0} 條的要求", "第 {0} 条的要求", "Level of item {0}"),
    ("standards.remove_item", "刪除這一條", "删除这一条", "Remove this item"),
    ("standards.add_item", "新增條目", "新增条目", "Add an item"),
    ("standards.copy_from", "從其他崗位複製", "从其他岗位复制", "Copy from post"),
    ("standards.compare_with", "與其他崗位對照", "与其他岗位对照", "Compare with post"),
    (
        "problem.locked",
        "已確認的記錄不能修改;請先退回草稿",
        "已确认的记录不能修改;请先退回草稿",
        "a confirmed record cannot be changed; return it to draft first",
    ),
    (
        "problem.bad_status_change",
        "不能這樣改變狀態(草稿 → 已提交 → 已確認,或退回草稿)",
        "不能这样改变状态(草稿 → 已提交 → 已确认,或退回草稿)",
        "that status change is not allowed (draft → submitted → confirmed, or back to draft)",
    ),
    ("done.standard.save", "已保存能力席位標準", "已保存能力席位标准", "Standard saved"),
    ("done.standard.delete", "已刪除能力席位標準", "已删除能力席位标准", "Standard deleted"),
    ("done.standard.carry_forward", "已將標準結轉到新年度", "已将标准结转到新年度", "Standards carried forward to the new year"),
    ("done.seat.save", "已保存能力席位書", "已保存能力席位书", "Seat statement saved"),
    ("done.seat.delete", "已刪除能力席位書", "已删除能力席位书", "Seat statement deleted"),
    ("print.seat_statement", "能力席位書", "能力席位书", "Capability seat statement"),
    ("print.seat_statements_title", "{0} {1} 年度能力席位書", "{0} {1} 年度能力席位书", "{0} capability seat statements {1}"),
    ("print.post_standard", "崗位能力席位標準", "岗位能力席位标准", "Post capability standard"),
    ("print.post_standards_title", "{0} {1} 年度崗位能力席位標準", "{0} {1} 年度岗位能力席位标准", "{0} post capability standards {1}"),
    ("print.year_line", "{0}({1} 年度)", "{0}({1} 年度)", "{0} ({1})"),
    ("print.slogan", "要求", "要求", "Motto of the capability"),
    ("print.level", "等級", "等级", "Level"),
    ("print.descriptor", "等級說明", "等级说明", "What the level means"),
    ("print.motto", "工作格言", "工作格言", "Work motto"),
    ("print.commitments", "履職承諾", "履职承诺", "Commitments"),
    ("print.signature", "本人簽名", "本人签名", "Signature"),
    ("print.sign_date", "簽名:　　　　　　　　年　　月　　日", "签名:　　　　　　　　年　　月　　日", "Signed:                    Date:"),
    ("print.item_kind", "類別", "类别", "Kind"),
    ("cli.nothing_to_print", "沒有可列印的內容", "没有可打印的内容", "there is nothing to print"),
    ("org.print_seat_statements", "列印能力席位書…", "打印能力席位书…", "Print seat statements…"),
    (
        "org.print_seat_hint",
        "本單位及下級單位在職幹部的能力席位書,每人一頁",
        "本单位及下级单位在职干部的能力席位书,每人一页",
        "Seat statements of the serving officials of this unit and its sub-units, one sheet each",
    ),
    ("seat.title", "能力席位書({0} 年度)", "能力席位书({0} 年度)", "Capability seat statement ({0})"),
    ("seat.none", "尚未起草。", "尚未起草。", "Not drafted yet."),
    ("seat.draft", "按崗位標準起草", "按岗位标准起草", "Draft from the post's standard"),
    ("seat.status", "狀態:{0}", "状态:{0}", "Status: {0}"),
    ("seat.state.draft", "草稿", "草稿", "Draft"),
    ("seat.state.submitted", "已提交", "已提交", "Submitted"),
    ("seat.state.confirmed", "已確認", "已确认", "Confirmed"),
    ("seat.save", "保存草稿", "保存草稿", "Save draft"),
    ("seat.submit", "提交", "提交", "Submit"),
    ("seat.confirm", "確認", "确认", "Confirm"),
    ("seat.return", "退回草稿", "退回草稿", "Return to draft"),
    ("seat.print", "列印…", "打印…", "Print…"),
    ("standards.print", "列印此崗位標準…", "打印此岗位标准…", "Print this standard…"),
    ("standards.print_hint", "崗位能力席位標準,一頁", "岗位能力席位标准,一页", "The post's capability standard, one sheet"),
    ("standards.print_all", "列印全部崗位標準…", "打印全部岗位标准…", "Print all standards…"),
    ("field.capability.1", "學習力", "学习力", "Learning"),
    ("field.capability.2", "敏銳力", "敏锐力", "Acuity"),
    ("field.capability.3", "創新力", "创新力", "Innovation"),
    ("field.capability.4", "組織力", "组织力", "Organisation"),
    ("field.capability.5", "團結力", "团结力", "Solidarity"),
    ("field.capability.6", "自律力", "自律力", "Self-discipline"),
    ("field.capability.7", "執行力", "执行力", "Execution"),
    ("field.capability.8", "服務力", "服务力", "Service"),
    ("exchange.sheet.standards", "能力席位標準", "能力席位标准", "Standards"),
    ("menu.export.standards", "能力席位標準(本年度)", "能力席位标准(本年度)", "Capability standards (this year)"),
    ("done.import.standards", "已匯入能力席位標準", "已导入能力席位标准", "Standards imported"),
    ("exchange.example.standard_post", "文秘崗", "文秘岗", "Secretary post"),
    ("done.scale.save", "已保存能力等級說明", "已保存能力等级说明", "Capability scale saved"),
    ("scale.title", "能力等級說明(本局可修改)", "能力等级说明(本局可修改)", "Capability scale (this bureau's own)"),
    ("scale.tier_levels", "各層次的預設要求等級", "各层次的默认要求等级", "Default level of each tier"),
    ("scale.descriptor", "{0} 第 {1} 級說明", "{0} 第 {1} 级说明", "{0}, level {1}"),
    ("scale.save", "保存等級說明", "保存等级说明", "Save the scale"),
    ("standards.filter_capability", "按能力查看", "按能力查看", "Show a capability"),
    (
        "standards.only_missing_capability",
        "只顯示缺少這項能力要求的崗位",
        "只显示缺少这项能力要求的岗位",
        "Only posts missing this capability's level",
    ),
    ("org.edit_standard", "能力席位標準…", "能力席位标准…", "Capability standard…"),
    ("done.milestone.update", "已更新任務", "已更新任务", "Milestone updated"),
    ("done.phase.update", "已更新階段日期", "已更新阶段日期", "Phase dates updated"),
    ("done.member.add", "已加入領導小組成員", "已加入领导小组成员", "Member added"),
    ("done.member.delete", "已移除領導小組成員", "已移除领导小组成员", "Member removed"),
    ("nav.home", "首頁", "首页", "Home"),
    ("nav.programme", "活動進度", "活动进度", "Programme"),
    ("home.today", "今天", "今天", "today"),
    ("home.today_is", "今天:{0}", "今天:{0}", "Today: {0}"),
    ("home.current_phase", "目前處於:{0}", "目前处于:{0}", "Current phase: {0}"),
    ("home.agenda", "任務(逾期的在前)", "任务(逾期的在前)", "Milestones (overdue first)"),
    ("home.mark_done", "「{0}」已完成", "“{0}”已完成", "\"{0}\" done"),
    ("home.figures", "按資料計算的進度", "按数据计算的进度", "Progress measured from the data"),
    ("home.open_list", "查看尚未完成的清單", "查看尚未完成的清单", "Open the list of what is still missing"),
    ("home.not_available", "尚無資料(相關功能尚未啟用)", "尚无数据(相关功能尚未启用)", "Not yet available"),
    ("home.by_unit", "各單位完成情況", "各单位完成情况", "Completion by unit"),
    ("home.missing", "尚未完成:{0}", "尚未完成:{0}", "Still missing: {0}"),
    ("home.missing_count", "共 {0} 項", "共 {0} 项", "{0} items"),
    ("home.no_programme", "本年度還沒有活動計劃。", "本年度还没有活动计划。", "There is no programme for this year yet."),
    ("measure.duty_statements", "有職位說明書的崗位", "有职位说明书的岗位", "Posts with a duty statement"),
    ("measure.standards", "有完整能力席位標準的崗位", "有完整能力席位标准的岗位", "Posts with a complete standard"),
    ("measure.seat_statements", "有能力席位書的幹部", "有能力席位书的干部", "Officials with a seat statement"),
    ("measure.self_checks", "本輪自查完成", "本轮自查完成", "Self-check round completion"),
    ("measure.improvement_plans", "已商定的提升計劃", "已商定的提升计划", "Improvement plans agreed"),
    ("measure.training", "培訓達標", "培训达标", "Training compliance"),
    ("milestone.overdue", "逾期", "逾期", "Overdue"),
    ("milestone.in_progress", "進行中", "进行中", "In progress"),
    ("milestone.not_started", "未開始", "未开始", "Not started"),
    ("milestone.done_late", "逾期完成", "逾期完成", "Done late"),
    ("milestone.done", "已完成", "已完成", "Done"),
    (
        "confirm.start_year",
        "開始 {1} 年度:活動計劃按年份順延複製,{0} 年度的能力席位標準結轉到 {1} 年度,活動年度改為 {1}?{0} 年度的記錄保持不變。",
        "开始 {1} 年度:活动计划按年份顺延复制,{0} 年度的能力席位标准结转到 {1} 年度,活动年度改为 {1}?{0} 年度的记录保持不变。",
        "Start {1}: copy the programme with its dates moved a year, carry the {0} standards to {1} and make {1} the programme year? The {0} records stay as they are.",
    ),
    ("programme.report_date", "報告日期", "报告日期", "Report date"),
    ("programme.print_report", "列印活動進展報告…", "打印活动进展报告…", "Print the programme report…"),
    ("programme.dates", "起止日期", "起止日期", "Dates"),
    ("programme.end_of", "{0}的結束日期", "{0}的结束日期", "End of {0}"),
    ("programme.save_dates", "保存日期", "保存日期", "Save dates"),
    ("programme.group", "領導小組及辦公室", "领导小组及办公室", "Leading group and its office"),
    ("programme.remove_member", "移除", "移除", "Remove"),
    ("programme.role", "職務", "职务", "Role"),
    ("programme.duty", "分工", "分工", "Duty"),
    ("programme.add_member", "加入", "加入", "Add"),
    ("programme.pick", "選擇左側的一項任務以編輯。", "选择左侧的一项任务以编辑。", "Choose a milestone to edit it."),
    ("programme.unit", "責任單位", "责任单位", "Responsible unit"),
    ("programme.lead", "牽頭領導", "牵头领导", "Lead"),
    ("programme.due", "完成時限", "完成时限", "Due"),
    ("programme.done_on", "完成日期", "完成日期", "Done on"),
    ("programme.notes", "工作記錄", "工作记录", "Notes"),
    ("programme.evidence", "佐證材料", "佐证材料", "Evidence"),
    ("role.leader", "組長", "组长", "Head"),
    ("role.deputy", "副組長", "副组长", "Deputy head"),
    ("role.member", "成員", "成员", "Member"),
    ("role.office_director", "辦公室主任", "办公室主任", "Office director"),
    ("role.office_member", "辦公室成員", "办公室成员", "Office member"),
    ("report.title", "能力建設年活動進展報告", "能力建设年活动进展报告", "Capability-Building Year progress report"),
    ("report.subtitle", "{0}({1} 年度)· 截至 {2}", "{0}({1} 年度)· 截至 {2}", "{0} ({1}) · as of {2}"),
    ("report.file_title", "{0} 活動進展報告 {1}", "{0} 活动进展报告 {1}", "{0} progress report {1}"),
    ("report.phases", "一、活動階段", "一、活动阶段", "1. Phases"),
    ("report.milestones", "二、任務進展", "二、任务进展", "2. Milestones"),
    ("report.phase", "階段", "阶段", "Phase"),
    ("report.milestone", "任務", "任务", "Milestone"),
    ("report.phase_over", "已結束", "已结束", "Over"),
    ("report.phase_current", "進行中", "进行中", "Current"),
    ("report.phase_ahead", "未開始", "未开始", "Ahead"),
    ("report.not_available", "尚無資料", "尚无数据", "Not yet available"),
    ("report.figures", "三、按資料計算的進度", "三、按数据计算的进度", "3. Progress measured from the data"),
    ("report.by_unit", "四、各單位完成情況", "四、各单位完成情况", "4. Completion by unit"),
    ("report.group", "五、領導小組及辦公室", "五、领导小组及办公室", "5. Leading group and its office"),
    ("programme.measured", "按資料計算的進度", "按数据计算的进度", "Progress measured from the data"),
    ("cli.backup_done", "已備份到 {0}", "已备份到 {0}", "backed up to {0}"),
    (
        "cli.restore_done",
        "已從 {0} 還原;原來的檔案已移到 {1}",
        "已从 {0} 还原;原来的文件已移到 {1}",
        "restored from {0}; the previous file is now {1}",
    ),
    ("backups.title", "備份", "备份", "Backups"),
    (
        "backups.help",
        "開啟資料庫時、有修改後每隔一段時間及關閉時,會自動備份到資料庫旁的 backups 資料夾,按日、週、月分層保留。",
        "打开数据库时、有修改后每隔一段时间及关闭时,会自动备份到数据库旁的 backups 文件夹,按日、周、月分层保留。",
        "A backup is taken when the database opens, every few minutes of work after changes, and when it closes after changes, into the backups folder beside it, kept by day, week and month.",
    ),
    ("backups.every", "工作時每隔", "工作时每隔", "Also back up every"),
    ("backups.every_unit", "分鐘備份一次(0 = 關閉)", "分钟备份一次(0 = 关闭)", "minutes of work (0 = off)"),
    ("backups.now", "立即備份", "立即备份", "Back up now"),
    ("backups.keep", "保留:", "保留:", "Keep:"),
    ("backups.keep_daily", "每日", "每日", "daily"),
    ("backups.keep_weekly", "每週", "每周", "weekly"),
    ("backups.keep_monthly", "每月", "每月", "monthly"),
    (
        "backups.keep_note",
        "份(最新的一份和升級前的備份總會保留)",
        "份(最新的一份和升级前的备份总会保留)",
        "(the newest and those before upgrades are always kept)",
    ),
    ("backups.restore", "還原…", "还原…", "Restore…"),
    ("backups.to_file", "備份到…", "备份到…", "Back up to…"),
    ("backups.from_file", "從檔案還原…", "从文件还原…", "Restore from a file…"),
    ("backups.before_upgrade", "升級前", "升级前", "before an upgrade"),
    (
        "confirm.restore_file",
        "用 {0} 取代目前的資料庫?會先檢查這個檔案;目前的檔案會先保存在旁邊,不會刪除。",
        "用 {0} 取代当前的数据库?会先检查这个文件;当前的文件会先保存在旁边,不会删除。",
        "Replace the database with {0}? The file is checked first, and the current file is kept aside, not deleted.",
    ),
    (
        "confirm.restore",
        "用 {0} 的備份取代目前的資料庫?目前的檔案會先保存在旁邊,不會刪除。",
        "用 {0} 的备份取代当前的数据库?当前的文件会先保存在旁边,不会删除。",
        "Replace the database with the backup of {0}? The current file is kept aside first, not deleted.",
    ),
    (
        "error.open_elsewhere",
        "這個資料庫已在另一個視窗或另一台電腦上開啟;為免兩邊同時寫入,請先在那邊關閉",
        "这个数据库已在另一个窗口或另一台电脑上打开;为免两边同时写入,请先在那边关闭",
        "this database is open in another window or on another computer; close it there first so the two do not both write",
    ),
    (
        "store.damaged",
        "資料庫檔案已損壞({0});未寫入任何內容",
        "数据库文件已损坏({0});未写入任何内容",
        "the database file is damaged ({0}); nothing was written to it",
    ),
    ("damaged.title", "資料庫檔案已損壞", "数据库文件已损坏", "The database file is damaged"),
    (
        "damaged.moved",
        "損壞的檔案已移到 {0},沒有被修改。",
        "损坏的文件已移到 {0},没有被修改。",
        "The damaged file was moved to {0}, unchanged.",
    ),
    ("damaged.offer", "還原 {0} 的備份", "还原 {0} 的备份", "Restore the backup of {0}"),
    ("damaged.no_backup", "沒有找到可用的備份。", "没有找到可用的备份。", "No usable backup was found."),
    ("gender.male", "男", "男", "Male"),
    ("gender.female", "女", "女", "Female"),
    ("status.active", "在職", "在职", "Serving"),
    ("status.transferred", "調離", "调离", "Transferred"),
    ("status.retired", "退休", "退休", "Retired"),
    ("kind.bureau", "局", "局", "Bureau"),
    ("kind.section", "科室/中心", "科室/中心", "Section"),
    ("kind.inspection", "稽查局", "稽查局", "Inspection bureau"),
    ("kind.branch", "稅務分局", "税务分局", "Branch office"),
    ("kind.team", "股/所/組", "股/所/组", "Team"),
    ("problem.required", "必須填寫", "必须填写", "is required"),
    ("problem.too_long", "太長:最多 {0} 個字", "太长:最多 {0} 个字", "is too long: at most {0} characters"),
    ("problem.control", "含有不可見的控制字元", "含有不可见的控制字符", "contains invisible control characters"),
    ("problem.bad_year_month", "應寫作 年.月,例如 1985.03", "应写作 年.月,例如 1985.03", "should be written year.month, e.g. 1985.03"),
    ("problem.bad_date", "不是有效的日期(應寫作 2012-08-01)", "不是有效的日期(应写作 2012-08-01)", "is not a real date (write 2012-08-01)"),
    ("problem.in_future", "不能晚於今天", "不能晚于今天", "cannot be later than today"),
    ("problem.too_early", "不能早於 {0} 年", "不能早于 {0} 年", "cannot be earlier than {0}"),
    ("problem.out_of_range", "應在 {0} 到 {1} 之間", "应在 {0} 到 {1} 之间", "should be between {0} and {1}"),
    ("problem.duplicate_staff_no", "已被 {0} 使用", "已被 {0} 使用", "is already used by {0}"),
    ("problem.post_other_unit", "這個崗位不屬於所選單位", "这个岗位不属于所选单位", "belongs to another unit"),
    ("problem.unit_retired", "已撤銷,不能再使用", "已撤销,不能再使用", "is retired and cannot be used"),
    ("problem.post_retired", "這個崗位已撤銷", "这个岗位已撤销", "is a retired post"),
    ("problem.not_found", "找不到(可能已被刪除)", "找不到(可能已被删除)", "was not found (it may have been deleted)"),
    (
        "problem.cycle",
        "不能移到自己或自己的下級單位之下",
        "不能移到自己或自己的下级单位之下",
        "cannot go under itself or one of its own sub-units",
    ),
    (
        "problem.root_fixed",
        "本局是組織樹的根,不能移動、撤銷或刪除",
        "本局是组织树的根,不能移动、撤销或删除",
        "the bureau is the root of the tree and cannot be moved, retired or deleted",
    ),
    (
        "problem.unit_not_empty",
        "此單位仍有 {0} 個下級單位、{1} 個崗位、{2} 名幹部;請先移走或撤銷",
        "此单位仍有 {0} 个下级单位、{1} 个岗位、{2} 名干部;请先移走或撤销",
        "this unit still holds {0} sub-units, {1} posts and {2} officials; move or retire them first",
    ),
    (
        "problem.post_held",
        "仍有 {0} 名幹部在此崗位;請先為他們調整崗位",
        "仍有 {0} 名干部在此岗位;请先为他们调整岗位",
        "{0} officials still hold this post; move them first",
    ),
    (
        "problem.post_move_held",
        "仍有 {0} 名幹部在此崗位,不能改到其他單位",
        "仍有 {0} 名干部在此岗位,不能改到其他单位",
        "{0} officials hold this post, so it cannot move to another unit",
    ),
    ("problem.already_set_up", "這個資料庫已經建立過單位", "这个数据库已经建立过单位", "this database is already set up for a bureau"),
    ("problem.unknown", "「{0}」不是可選的值", "“{0}”不是可选的值", "\"{0}\" is not one of the choices"),
    ("problem.unknown_unit", "沒有名為「{0}」的單位", "没有名为“{0}”的单位", "there is no unit named \"{0}\""),
    (
        "problem.ambiguous_unit",
        "有多個單位名為「{0}」;請寫出路徑,如「本局 / 稽查局 / {0}」",
        "有多个单位名为“{0}”;请写出路径,如“本局 / 稽查局 / {0}”",
        "several units are named \"{0}\"; write the path, e.g. \"Bureau / Inspection / {0}\"",
    ),
    ("problem.unknown_post", "這個單位沒有「{0}」崗位", "这个单位没有“{0}”岗位", "the unit has no post \"{0}\""),
    ("problem.duplicate_in_file", "與第 {0} 行重複", "与第 {0} 行重复", "repeats row {0}"),
    (
        "problem.similar_name",
        "與已有幹部 {0}({1})只差繁簡寫法,是否同一人?",
        "与已有干部 {0}({1})只差繁简写法,是否同一人?",
        "differs from existing official {0} ({1}) only in script: the same person?",
    ),
    (
        "service.rows_refused",
        "仍有 {0} 個勾選的行有問題:請修改檔案,或取消勾選這些行",
        "仍有 {0} 个勾选的行有问题:请修改文件,或取消勾选这些行",
        "{0} ticked rows still have problems: fix the file or untick them",
    ),
    ("service.cancelled", "已取消,未儲存任何資料", "已取消,未保存任何数据", "Cancelled; nothing was stored"),
    (
        "exchange.too_large",
        "檔案太大({0} 位元組);最多讀取 {1} 位元組",
        "文件太大({0} 字节);最多读取 {1} 字节",
        "the file is too large ({0} bytes); at most {1} bytes are read",
    ),
    (
        "exchange.too_many_rows",
        "工作表有 {0} 行資料;最多匯入 {1} 行",
        "工作表有 {0} 行数据;最多导入 {1} 行",
        "the sheet has {0} data rows; at most {1} are imported",
    ),
    (
        "exchange.unknown_format",
        "不認識的檔案類型「{0}」:請用 .xlsx、.xls、.ods 或 .csv",
        "不认识的文件类型“{0}”:请用 .xlsx、.xls、.ods 或 .csv",
        "unknown file type \"{0}\": use .xlsx, .xls, .ods or .csv",
    ),
    (
        "exchange.unreadable",
        "無法讀取這個試算表(檔案可能已損壞):{0}",
        "无法读取这个表格(文件可能已损坏):{0}",
        "the spreadsheet cannot be read (the file may be damaged): {0}",
    ),
    ("exchange.empty", "檔案裡沒有任何資料", "文件里没有任何数据", "the file holds no data"),
    ("exchange.missing_columns", "標題行缺少必需的欄:{0}", "标题行缺少必需的列:{0}", "the header row lacks required columns: {0}"),
    ("exchange.write", "無法寫出檔案:{0}", "无法写出文件:{0}", "the file could not be written: {0}"),
    ("exchange.io", "檔案錯誤:{0}", "文件错误:{0}", "file error: {0}"),
    ("exchange.sheet.officials", "幹部名冊", "干部名册", "Officials"),
    ("exchange.sheet.units", "單位", "单位", "Units"),
    ("exchange.sheet.posts", "崗位", "岗位", "Posts"),
    ("exchange.example.name", "林小雨", "林小雨", "Lin Xiaoyu"),
    ("exchange.example.political", "中共黨員", "中共党员", "CPC member"),
    ("exchange.example.education", "大學本科", "大学本科", "Bachelor's degree"),
    ("exchange.example.position", "科員", "科员", "Clerk"),
    ("exchange.example.unit", "督察內審科", "督察内审科", "Audit section"),
    ("exchange.example.post", "內審崗", "内审岗", "Internal audit post"),
    ("exchange.example.duties", "開展內部審計和執法督察。", "开展内部审计和执法督察。", "Internal audit and enforcement review."),
    ("done.import.officials", "已匯入幹部名冊", "已导入干部名册", "Roster imported"),
    ("done.import.units", "已匯入單位", "已导入单位", "Units imported"),
    ("done.import.posts", "已匯入崗位", "已导入岗位", "Posts imported"),
    ("store.missing", "找不到資料庫檔案 {0}", "找不到数据库文件 {0}", "no database file at {0}"),
    (
        "store.foreign",
        "這個檔案不是本系統的資料庫(屬於其他程式),未作任何修改",
        "这个文件不是本系统的数据库(属于其他程序),未作任何修改",
        "this file is not a nengli database (it belongs to another program); it was left untouched",
    ),
    (
        "store.not_a_database",
        "這個檔案不是資料庫,或已經損壞;未作任何修改",
        "这个文件不是数据库,或已经损坏;未作任何修改",
        "this file is not a database, or it is damaged; it was left untouched",
    ),
    (
        "store.too_new",
        "這個檔案由較新版本的系統建立(結構 {0},本版本只認識到 {1});請先升級軟件。檔案未作任何修改",
        "这个文件由较新版本的系统建立(结构 {0},本版本只认识到 {1});请先升级软件。文件未作任何修改",
        "this file was made by a newer version of nengli (schema {0}; this version knows {1}); please upgrade. The file was left untouched",
    ),
    (
        "store.busy",
        "資料庫正被其他程式使用,請稍後再試",
        "数据库正被其他程序使用,请稍后再试",
        "the database is in use by another program; try again shortly",
    ),
    (
        "store.upgrade_failed",
        "無法把資料庫從第 {0} 版結構升級,檔案保持原樣(升級前的備份在 backups 資料夾):{1}",
        "无法把数据库从第 {0} 版结构升级,文件保持原样(升级前的备份在 backups 文件夹):{1}",
        "the database could not be upgraded from schema {0}; the file was left as it was (the backup taken before is in the backups folder): {1}",
    ),
    (
        "store.constraint",
        "資料庫拒絕了這次修改(資料不符合規則):{0}",
        "数据库拒绝了这次修改(数据不符合规则):{0}",
        "the database refused the change (the data breaks a rule): {0}",
    ),
    ("store.not_found", "記錄不存在(可能已被刪除)", "记录不存在(可能已被删除)", "the record does not exist (it may have been deleted)"),
    ("store.sqlite", "資料庫錯誤:{0}", "数据库错误:{0}", "database error: {0}"),
    ("store.io", "檔案錯誤:{0}", "文件错误:{0}", "file error: {0}"),
    ("field.username", "帳號", "账号", "User name"),
    ("field.password", "密碼", "密码", "Password"),
    ("field.role", "角色", "角色", "Role"),
    ("field.official", "對應幹部", "对应干部", "Roster entry"),
    ("field.shortfalls", "能力不足", "能力不足", "Shortfalls found"),
    ("field.reflection", "個人能力反思", "个人能力反思", "Reflection"),
    ("field.comment", "評語", "评语", "Comment"),
    ("field.reason", "退回原因", "退回原因", "Reason for return"),
    ("field.score", "成績", "成绩", "Score"),
    ("field.action", "提升措施", "提升措施", "Action"),
    ("field.support", "所需支持", "所需支持", "Support needed"),
    ("field.training", "配套培訓", "配套培训", "Linked training"),
    ("field.deadline", "截止日期", "截止日期", "Deadline"),
    ("problem.too_short", "至少 {0} 個字元", "至少 {0} 个字符", "at least {0} characters"),
    ("problem.duplicate_username", "此帳號已有人使用", "此账号已有人使用", "this user name is taken"),
    ("problem.not_in_round", "此人不在本輪自查範圍內", "此人不在本轮自查范围内", "this official does not take part in the round"),
    ("problem.round_closed", "本輪自查已結束,不能再修改", "本轮自查已结束,不能再修改", "the round is closed; nothing more can change"),
    (
        "problem.forbidden",
        "目前登入的帳號無權進行此項修改",
        "当前登录的账号无权进行此项修改",
        "the account logged in may not make this change",
    ),
    ("done.round.save", "已保存自查輪次", "已保存自查轮次", "Round saved"),
    ("done.round.delete", "已刪除自查輪次", "已删除自查轮次", "Round deleted"),
    ("done.selfcheck.save", "已保存自查草稿", "已保存自查草稿", "Self-check draft saved"),
    ("done.selfcheck.submit", "自查已提交", "自查已提交", "Self-check submitted"),
    ("done.selfcheck.review", "已保存審核意見", "已保存审核意见", "Review saved"),
    ("done.selfcheck.return", "已退回修改", "已退回修改", "Returned for rework"),
    ("done.selfcheck.accept", "已審核通過", "已审核通过", "Self-check accepted"),
    ("done.selfcheck.restore", "已恢復自查", "已恢复自查", "Self-check restored"),
    ("done.peer.assign", "已安排互查", "已安排互查", "Peer check assigned"),
    ("done.peer.save", "已保存互查", "已保存互查", "Peer check saved"),
    ("done.peer.delete", "已取消互查", "已取消互查", "Peer check removed"),
    ("done.opinion.add", "已記錄意見", "已记录意见", "Opinion recorded"),
    ("done.opinion.delete", "已刪除意見", "已删除意见", "Opinion deleted"),
    ("done.test.add", "已新增測試", "已新增测试", "Test added"),
    ("done.test.delete", "已刪除測試", "已删除测试", "Test deleted"),
    ("done.test.score", "已記錄成績", "已记录成绩", "Score recorded"),
    ("done.plan.add", "已新增計劃事項", "已新增计划事项", "Plan item added"),
    ("done.plan.save", "已保存計劃事項", "已保存计划事项", "Plan item saved"),
    ("done.plan.delete", "已刪除計劃事項", "已删除计划事项", "Plan item deleted"),
    (
        "problem.has_records",
        "此人已有 {0} 項記錄(自查、席位書、帳號等),不能刪除;請把狀態改為調離或退休",
        "此人已有 {0} 项记录(自查、席位书、账号等),不能删除;请把状态改为调离或退休",
        "this official has {0} records (self-checks, seat statements, an account…) and cannot be deleted; mark them transferred or retired instead",
    ),
    ("done.user.create", "已建立帳號", "已建立账号", "Account created"),
    ("done.user.update", "已修改帳號", "已修改账号", "Account changed"),
    ("done.user.login", "登入", "登录", "Logged in"),
    ("done.user.login_failed", "登入失敗", "登录失败", "Failed log-in"),
    ("done.user.logout", "登出", "退出登录", "Logged out"),
    ("done.user.reset_password", "已重設密碼", "已重设密码", "Password reset"),
    ("done.user.change_password", "已修改密碼", "已修改密码", "Password changed"),
];

static INDEX: LazyLock<HashMap<&'static str, [&'static str; 3]>> =
    LazyLock::new(|| TEXTS.iter().map(|(k, tc, sc, en)| (*k, [*tc, *sc, *en])).collect());

/// The text for `key` in `lang`; a missing key shows as itself in debug builds' tests.
pub fn tr(lang: Lang, key: &str) -> &'static str {
    let Some(texts) = INDEX.get(key) else {
        debug_assert!(false, "missing text key {key}");
        return "?";
    };
    match lang {
        Lang::Tc => texts[0],
        Lang::Sc => texts[1],
        Lang::En => texts[2],
    }
}

/// Replaces `{0}`, `{1}`… in `template` with `args`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

/// The key of a measured figure's name.
pub fn measure_key(measure: crate::domain::programme::Measure) -> &'static str {
    use crate::domain::programme::Measure;
    match measure {
        Measure::DutyStatements => "measure.duty_statements",
        Measure::Standards => "measure.standards",
        Measure::SeatStatements => "measure.seat_statements",
        Measure::SelfChecks => "measure.self_checks",
        Measure::ImprovementPlans => "measure.improvement_plans",
        Measure::Training => "measure.training",
    }
}

pub fn gender(lang: Lang, gender: Gender) -> &'static str {
    tr(lang, &format!("gender.{}", gender.code()))
}

pub fn status(lang: Lang, status: OfficialStatus) -> &'static str {
    tr(lang, &format!("status.{}", status.code()))
}

pub fn unit_kind(lang: Lang, kind: UnitKind) -> &'static str {
    tr(lang, &format!("kind.{}", kind.code()))
}

/// The header keys of the eight capability columns, by position.
const CAPABILITY_KEYS: [&str; 8] = [
    "field.capability.1",
    "field.capability.2",
    "field.capability.3",
    "field.capability.4",
    "field.capability.5",
    "field.capability.6",
    "field.capability.7",
    "field.capability.8",
];

/// The key of a field's label.
pub fn field_key(field: Field) -> &'static str {
    match field {
        Field::BureauName => "field.bureau_name",
        Field::Year => "field.year",
        Field::UnitName => "field.unit_name",
        Field::UnitKind => "field.unit_kind",
        Field::Parent => "field.parent",
        Field::Title => "field.title",
        Field::Tier => "field.tier",
        Field::Duties => "field.duties",
        Field::Standard => "field.standard",
        Field::Authority => "field.authority",
        Field::TimeLimits => "field.time_limits",
        Field::Responsibility => "field.responsibility",
        Field::Headcount => "field.headcount",
        Field::StaffNo => "field.staff_no",
        Field::Name => "field.name",
        Field::Gender => "field.gender",
        Field::Birth => "field.birth",
        Field::Political => "field.political",
        Field::Education => "field.education",
        Field::PositionTitle => "field.position_title",
        Field::Unit => "field.unit",
        Field::Post => "field.post",
        Field::PostSince => "field.post_since",
        Field::Status => "field.status",
        Field::Capability(n) => CAPABILITY_KEYS.get(usize::from(n).wrapping_sub(1)).copied().unwrap_or("field.record"),
        Field::Username => "field.username",
        Field::Password => "field.password",
        Field::Role => "field.role",
        Field::Official => "field.official",
        Field::Shortfalls => "field.shortfalls",
        Field::Reflection => "field.reflection",
        Field::Comment => "field.comment",
        Field::Reason => "field.reason",
        Field::Score => "field.score",
        Field::Action => "field.action",
        Field::Support => "field.support",
        Field::Training => "field.training",
        Field::Deadline => "field.deadline",
        Field::Record => "field.record",
    }
}

/// The problem alone, as shown under its field.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    let t = |key| tr(lang, key);
    match problem {
        Problem::Required => t("problem.required").to_owned(),
        Problem::TooLong { max } => fill(t("problem.too_long"), &[&max.to_string()]),
        Problem::ControlCharacters => t("problem.control").to_owned(),
        Problem::BadYearMonth => t("problem.bad_year_month").to_owned(),
        Problem::BadDate => t("problem.bad_date").to_owned(),
        Problem::InFuture => t("problem.in_future").to_owned(),
        Problem::TooEarly { min_year } => fill(t("problem.too_early"), &[&min_year.to_string()]),
        Problem::OutOfRange { min, max } => fill(t("problem.out_of_range"), &[&min.to_string(), &max.to_string()]),
        Problem::DuplicateStaffNo { holder } => fill(t("problem.duplicate_staff_no"), &[holder]),
        Problem::PostInOtherUnit => t("problem.post_other_unit").to_owned(),
        Problem::UnitRetired => t("problem.unit_retired").to_owned(),
        Problem::PostRetired => t("problem.post_retired").to_owned(),
        Problem::NotFound => t("problem.not_found").to_owned(),
        Problem::Cycle => t("problem.cycle").to_owned(),
        Problem::RootFixed => t("problem.root_fixed").to_owned(),
        Problem::UnitNotEmpty { children, posts, officials } => {
            fill(t("problem.unit_not_empty"), &[&children.to_string(), &posts.to_string(), &officials.to_string()])
        }
        Problem::PostHeld { officials } => fill(t("problem.post_held"), &[&officials.to_string()]),
        Problem::PostMoveHeld { officials } => fill(t("problem.post_move_held"), &[&officials.to_string()]),
        Problem::AlreadySetUp => t("problem.already_set_up").to_owned(),
        Problem::Unknown { value } => fill(t("problem.unknown"), &[value]),
        Problem::UnknownUnit { name } => fill(t("problem.unknown_unit"), &[name]),
        Problem::AmbiguousUnit { name } => fill(t("problem.ambiguous_unit"), &[name]),
        Problem::UnknownPost { title } => fill(t("problem.unknown_post"), &[title]),
        Problem::DuplicateInFile { row } => fill(t("problem.duplicate_in_file"), &[&row.to_string()]),
        Problem::SimilarName { name, staff_no } => fill(t("problem.similar_name"), &[name, staff_no]),
        Problem::Locked => t("problem.locked").to_owned(),
        Problem::BadStatusChange => t("problem.bad_status_change").to_owned(),
        Problem::HasRecords { records } => fill(t("problem.has_records"), &[&records.to_string()]),
        Problem::TooShort { min } => fill(t("problem.too_short"), &[&min.to_string()]),
        Problem::DuplicateUsername => t("problem.duplicate_username").to_owned(),
        Problem::NotInRound => t("problem.not_in_round").to_owned(),
        Problem::RoundClosed => t("problem.round_closed").to_owned(),
        Problem::Forbidden => t("problem.forbidden").to_owned(),
    }
}

/// The problem with its field's name, e.g. `出生年月:不能晚於今天`.
pub fn problem(lang: Lang, problem: &FieldProblem) -> String {
    if problem.field == Field::Record {
        let text = problem_text(lang, &problem.problem);
        let mut chars = text.chars();
        return chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default();
    }
    let separator = if lang == Lang::En { ": " } else { ":" };
    format!("{}{separator}{}", tr(lang, field_key(problem.field)), problem_text(lang, &problem.problem))
}

/// One finding of `check`, in the user's language.
pub fn check_problem(lang: Lang, problem: &crate::store::CheckProblem) -> String {
    use crate::store::CheckProblem;
    match problem {
        CheckProblem::Integrity(line) => fill(tr(lang, "check.integrity"), &[line]),
        CheckProblem::ForeignKey { table, row, parent } => fill(tr(lang, "check.foreign_key"), &[table, &row.to_string(), parent]),
        CheckProblem::AuditChain { first, count } => fill(tr(lang, "check.audit_chain"), &[&first.to_string(), &count.to_string()]),
    }
}

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
        StoreError::Sqlite(e) => fill(t("store.sqlite"), &[&e.to_string()]),
        StoreError::Io(e) => fill(t("store.io"), &[&e.to_string()]),
    }
}

pub fn service_error(lang: Lang, error: &ServiceError) -> String {
    match error {
        ServiceError::Invalid(problems) => {
            problems.iter().map(|p| problem(lang, p)).collect::<Vec<_>>().join(if lang == Lang::En { "; " } else { ";" })
        }
        ServiceError::Store(e) => store_error(lang, e),
        ServiceError::RowsRefused(rows) => fill(tr(lang, "service.rows_refused"), &[&rows.len().to_string()]),
        ServiceError::Cancelled => tr(lang, "service.cancelled").to_owned(),
        ServiceError::Forbidden => problem_text(lang, &Problem::Forbidden),
    }
}

pub fn exchange_error(lang: Lang, error: &ExchangeError) -> String {
    let t = |key| tr(lang, key);
    match error {
        ExchangeError::TooLarge { bytes, max } => fill(t("exchange.too_large"), &[&bytes.to_string(), &max.to_string()]),
        ExchangeError::TooManyRows { rows, max } => fill(t("exchange.too_many_rows"), &[&rows.to_string(), &max.to_string()]),
        ExchangeError::UnknownFormat(ext) => fill(t("exchange.unknown_format"), &[ext]),
        ExchangeError::Unreadable(detail) => fill(t("exchange.unreadable"), &[detail]),
        ExchangeError::Empty => t("exchange.empty").to_owned(),
        ExchangeError::MissingColumns(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| tr(lang, field_key(*f))).collect();
            fill(t("exchange.missing_columns"), &[&names.join(if lang == Lang::En { ", " } else { "、" })])
        }
        ExchangeError::Write(detail) => fill(t("exchange.write"), &[detail]),
        ExchangeError::Io(e) => fill(t("exchange.io"), &[&e.to_string()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_language_has_text() {
        let mut seen = std::collections::HashSet::new();
        for (key, tc, sc, en) in TEXTS {
            assert!(seen.insert(*key), "duplicate key {key}");
            for (lang, text) in [("tc", tc), ("sc", sc), ("en", en)] {
                assert!(!text.trim().is_empty(), "{key} has no {lang} text");
            }
            let placeholders = |t: &str| (0..5).filter(|i| t.contains(&format!("{{{i}}}"))).count();
            assert_eq!(placeholders(tc), placeholders(en), "{key}: placeholders differ between tc and en");
            assert_eq!(placeholders(sc), placeholders(en), "{key}: placeholders differ between sc and en");
        }
    }

    #[test]
    fn vocabularies_and_actions_have_texts() {
        for lang in Lang::ALL {
            for g in Gender::ALL {
                assert_ne!(gender(lang, *g), "?");
            }
            for s in OfficialStatus::ALL {
                assert_ne!(status(lang, *s), "?");
            }
            for k in UnitKind::ALL {
                assert_ne!(unit_kind(lang, *k), "?");
            }
        }
        let service = include_str!("service/mod.rs").to_owned() + include_str!("service/seed.rs") + include_str!("service/selfcheck.rs");
        for (i, _) in service.match_indices("action: \"").chain(service.match_indices("\"bureau.")) {
            let rest = &service[i..];
            let start = rest.find('"').unwrap() + 1;
            let action = &rest[start..start + rest[start..].find('"').unwrap()];
            assert!(INDEX.contains_key(format!("done.{action}").as_str()), "action {action} has no message");
        }
    }

    #[test]
    fn problems_read_as_sentences() {
        let p = FieldProblem::new(Field::Birth, Problem::InFuture);
        assert_eq!(problem(Lang::Tc, &p), "出生年月:不能晚於今天");
        assert_eq!(problem(Lang::Sc, &p), "出生年月:不能晚于今天");
        assert_eq!(problem(Lang::En, &p), "Born (YYYY.MM): cannot be later than today");
        let dup = Problem::DuplicateStaffNo { holder: "李娜".into() };
        assert_eq!(problem_text(Lang::Sc, &dup), "已被 李娜 使用");
    }
}
