"""Every word the dashboard shows, in Simplified Chinese first and English second.

`t(key, lang, **values)` looks a string up and fills its {placeholders}. A missing key is a
KeyError at once (tests render every page in both languages).
"""

from __future__ import annotations

from typing import Literal

from ui.access_text import ACCESS_STRINGS
from ui.i18n_subsidy import SUBSIDY_STRINGS
from ui.theme import STATUS_KEYS, STATUS_WORDS, status_icon, status_key

Lang = Literal["zh", "en"]


STRINGS: dict[str, tuple[str, str]] = {
    # app, navigation, sidebar
    "app_title": ("技能培训目标进度", "Skills training progress"),
    "language": ("语言 Language", "语言 Language"),
    "as_of": ("统计截至", "As of"),
    "as_of_help": (
        "只统计结业日期在此日期及以前的记录。默认为最新一条记录的日期。",
        "Counts records that ended on or before this day. Defaults to the latest record's date.",
    ),
    "region": ("地区（计划）", "Region (plan)"),
    "all_regions": ("全部地区", "All regions"),
    "programme": ("培训项目", "Programme"),
    "all_programmes": ("全部项目", "All programmes"),
    "data_as_of": (
        "数据：{records} 条记录，最新结业日期 {latest}",
        "Data: {records} records, latest end date {latest}",
    ),
    # warehouse states
    "building_demo": (
        "首次运行：正在生成演示数据仓库（五个地区约 475 万条合成记录，约需 1–3 分钟，只需一次）…",
        "First run: building the demo warehouse (about 4.75 million synthetic records for the "
        "five regions; 1–3 minutes, once)…",
    ),
    "demo_writing": ("正在生成演示台账…", "Writing the demo ledgers…"),
    "demo_loading": ("正在导入 {file}…", "Loading {file}…"),
    "building_demo_n": (
        "首次运行：正在生成演示数据仓库（{rows} 条合成记录）…",
        "First run: building the demo warehouse ({rows} synthetic records)…",
    ),
    "built_demo": ("演示数据仓库已建成。", "Demo warehouse built."),
    "missing": (
        "还没有数据仓库。请到「数据」页上传培训台账，或在终端运行 "
        "`python -m etl demo` 生成演示数据。",
        "There is no warehouse yet. Upload training ledgers on the Data page, or run "
        "`python -m etl demo` to build the demo.",
    ),
    "empty": (
        "数据仓库中还没有培训记录。请到「数据」页上传培训台账（CSV 或 XLSX）。",
        "The warehouse holds no training records yet. Upload ledgers (CSV or XLSX) on the "
        "Data page.",
    ),
    "unreadable": (
        "无法读取数据仓库：{detail}。如果它是旧版本生成的，请运行 "
        "`python -m etl demo --replace` 重建，或重新导入台账。",
        "Cannot read the warehouse: {detail}. If an older version built it, rebuild it "
        "with `python -m etl demo --replace` or load the ledgers again.",
    ),
    "go_data": ("前往「数据」页", "Go to the Data page"),
    "error_targets": (
        "无法计算进度：{detail}。请检查 catalogue/ 下的目标目录和任务分解文件，改正后刷新页面。",
        "Cannot compute progress: {detail}. Check the catalogue and allocation files under "
        "catalogue/, then reload.",
    ),
    "error_etl": (
        "数据处理出错：{detail}。请按提示修改文件后重新上传。",
        "Data error: {detail}. Fix the file as the message says and upload it again.",
    ),
    "nothing_here": ("所选范围内没有可计量的项目。", "Nothing measurable in this selection."),
    # shared column names and words
    "col_plan": ("计划", "Plan"),
    "col_programme": ("项目", "Programme"),
    "col_status": ("状态", "Status"),
    "col_target": ("目标", "Target"),
    "col_actual": ("实际", "Actual"),
    "col_unit": ("单位", "Unit"),
    "col_completion": ("完成率", "Completion"),
    "col_time_progress": ("序时进度", "Time elapsed"),
    "col_gap": ("差距", "Gap"),
    "col_cert_rate": ("取证率", "Certificate rate"),
    "col_cert_thr": ("取证率要求", "Certificate threshold"),
    "col_emp_rate": ("就业率", "Employment rate"),
    "col_emp_thr": ("就业率要求", "Employment threshold"),
    "col_needed": ("赶上序时还差", "To catch up"),
    "col_projected": ("预计完成日期", "Projected finish"),
    "col_trained": ("培训人次", "Trained"),
    "col_certified": ("取证人数", "Certified"),
    "col_employed": ("就业人数", "Employed"),
    "col_year": ("年度", "Year"),
    "col_month": ("月份", "Month"),
    "col_institution": ("培训机构", "Institution"),
    "col_no": ("编号", "No."),
    "help_no": ("上图中该机构标记旁的编号", "The number beside the institution's marker above"),
    "col_eligible": ("明年资格", "Eligible next year"),
    "col_margin": ("距离门槛", "Margin"),
    "col_city": ("市", "City"),
    "col_county": ("县（市、区）", "County"),
    "col_town": ("镇街", "Town"),
    "col_allocated": ("有任务分解", "Allocated"),
    "col_occupation": ("工种", "Occupation"),
    "col_category": ("人员类别", "Person category"),
    "unfilled": ("（未填）", "(blank)"),
    "eligible_yes": ("保留", "keeps it"),
    "eligible_no": ("取消", "loses it"),
    "reference_below": ("低于参考线 80%/30%", "below 80%/30%"),
    "reference_ok": ("达到参考线", "meets the lines"),
    "time_progress_marker": ("序时进度", "Time elapsed"),
    "target_line": ("目标", "Target"),
    "hover_actual": ("实际", "Actual"),
    "hover_target": ("目标", "Target"),
    "of_target": ("完成率", "of target"),
    # overview
    "overview_title": ("总览：各项目完成进度", "Overview: every programme's progress"),
    "overview_caption": (
        "统计截至 {as_of}。完成率 = 实际 ÷ 目标；序时进度 = 计划期已过去的比例。"
        "完成率低于序时进度 10 个百分点以内为「滞后」，10 个百分点及以上为「落后」。",
        "As of {as_of}. Completion = actual ÷ target; time elapsed = the share of the period "
        "gone by. Below it by less than 10 points is lagging, by 10 or more behind.",
    ),
    "manual_note": (
        "另有 {n} 项手工统计指标（基地、工作室、示范班等）不由培训记录计量，未列入",
        "{n} manual quotas (bases, studios, classes) are not measured by records and not listed",
    ),
    "metric_help": (
        "箭头数字为完成率减序时进度：正数表示快于时间进度。",
        "The delta is completion minus time elapsed: positive means ahead of time.",
    ),
    "card_numbers": (
        "序时进度 {tp}  \n实际 {actual} / 目标 {target} {unit}",
        "Time elapsed {tp}  \nactual {actual} / target {target} {unit}",
    ),
    "attention_title": ("需要关注", "Needs attention"),
    "attention_programmes": ("进度落后的项目", "Programmes behind time"),
    "attention_institutions": (
        "取证率或就业率未达要求的培训机构",
        "Institutions below a threshold",
    ),
    "attention_towns": ("进度落后的镇街", "Towns behind their allocation"),
    "attention_none_programmes": ("没有落后或滞后的项目。", "No programme is behind or lagging."),
    "attention_none_institutions": (
        "本年度没有取证率或就业率不达标的机构。",
        "No institution is below a threshold this year.",
    ),
    "attention_none_towns": (
        "没有落后于任务分解的镇街（或没有任务分解）。",
        "No town is behind its allocation (or there is no allocation).",
    ),
    "attention_more": ("……另有 {n} 项", "… {n} more"),
    "attention_progress": (
        "{status} {name}　{completion}｜序时 {tp}",
        "{status} {name}　{completion} | time {tp}",
    ),
    "attention_institution": ("✖ {name}　{failing}　{verdict}", "✖ {name}　{failing}　{verdict}"),
    # what follows for the institution: only a document's rule takes eligibility away
    "attention_loses": ("明年失去资格", "loses eligibility next year"),
    "attention_below_ref": ("低于参考线", "below the reference line"),
    "attention_cert": ("取证 {rate}", "cert. {rate}"),
    "attention_emp": ("就业 {rate}", "empl. {rate}"),
    "attention_institution_help": (
        "取证率 {cert}（要求 {cert_thr}），就业率 {emp}（要求 {emp_thr}）",
        "Certificate rate {cert} (needs {cert_thr}), employment rate {emp} (needs {emp_thr})",
    ),
    "programmes_title": ("各项目进度", "Every programme"),
    "help_needed": (
        "要赶上序时进度还需要的人数（人次）。",
        "How many more are needed to be level with the time elapsed.",
    ),
    "help_projected": (
        "按最近 90 天的速度推算达到目标的日期；空白表示已完成或最近没有进展。",
        "When the target is reached at the last 90 days' pace; blank: done or no recent progress.",
    ),
    "help_margin": (
        "取证率、就业率中离门槛较近的一项与门槛之差；负数表示不达标。",
        "The smaller distance of the two rates to their thresholds; negative means below.",
    ),
    # programmes
    "focus_note": (
        "未选择具体项目，显示所选地区的总计划。请在左侧「培训项目」中选择要查看的项目。",
        "No programme chosen: showing the plan's total. Pick a programme in the sidebar.",
    ),
    "programme_caption": (
        "统计截至 {as_of} · 计划期 {start} 至 {end} · 依据：{source}",
        "As of {as_of} · period {start} to {end} · source: {source}",
    ),
    "of_target_n": ("目标 {target}", "target {target}"),
    "threshold_n": ("要求 ≥ {thr}", "needs ≥ {thr}"),
    "subquotas_title": ("子项目", "Sub-programmes"),
    "trajectory_title": ("累计完成与序时目标", "Cumulative actual vs straight-line target"),
    "projected_note": (
        "按最近 90 天的速度，预计 {day} 完成目标。",
        "At the last 90 days' pace the target is reached on {day}.",
    ),
    "projected_late": (
        "按最近 90 天的速度，要到 {day} 才能完成目标，晚于计划期末 {end}。"
        "赶上序时进度还差 {needed} {unit}；按期完成需每月约 {monthly} {unit}。",
        "At the last 90 days' pace the target is reached only on {day}, after the period ends "
        "on {end}. {needed} {unit} short of the time elapsed; finishing on time needs about "
        "{monthly} {unit} a month.",
    ),
    "rates_title": ("取证率、就业率（累计）", "Certificate and employment rates (cumulative)"),
    "years_title": ("分年度", "By year"),
    "no_yearly_split": (
        "该项目的文件未规定分年度任务，图中为各年度实际完成数。",
        "The document sets no per-year split; the chart shows each year's actual.",
    ),
    "breakdown_title": ("构成", "Breakdown"),
    "breakdown_by": ("按", "By"),
    # towns
    "towns_title": ("各地进度：{name}", "Places: {name}"),
    "no_places": (
        "这个项目的记录没有填写镇街、县区或城市，无法按地点统计。",
        "This programme's records name no town, county or city.",
    ),
    "place_level": ("层级", "Level"),
    "drill_into": ("只看某个{level}", "Only inside one {level}"),
    "all_places": ("全部", "All"),
    "towns_allocated": (
        "按任务分解比较：{total} 个地点中 {n} 个低于序时进度（落后、滞后，或计划期结束时未完成；"
        "统计截至 {as_of}）。最落后的排在最前。",
        "Against the allocation: {n} of {total} places are below the time elapsed (behind, "
        "lagging, or missed once the period is over; as of {as_of}). Worst first.",
    ),
    "towns_no_allocation": (
        "此项目没有分解到镇街的任务，按取证率、就业率排序（最低的在前），虚线为要求。",
        "No allocation to places: ranked by certificate and employment rate (lowest first); "
        "dashed lines are the thresholds.",
    ),
    "ranking_title": ("排名（最落后的在前）", "Ranking (worst first)"),
    "heatmap_title": ("各月完成情况", "Month by month"),
    # institutions
    "institutions_title": ("培训机构：取证率与就业率", "Institutions: certificate vs employment"),
    "no_institutions": (
        "所选范围内没有填写培训机构的记录。",
        "No record in this selection names an institution.",
    ),
    "institutions_rule": (
        "{year} 年度：取证率低于 {cert} 或就业率低于 {emp} 的机构，取消 {next} 年度定点培训资格"
        "（{source}）。{whom}",
        "{year}: an institution below {cert} certificates or {emp} employment loses eligibility "
        "for {next} ({source}). {whom}",
    ),
    "institutions_reference": (
        "{year} 年度：参考线为取证率 {cert}、就业率 {emp}；本地区文件未规定取消资格。{whom}",
        "{year}: the reference lines are {cert} certificates and {emp} employment; no document "
        "here takes eligibility away. {whom}",
    ),
    "rule_whole": (
        "按机构当年全部结业记录计算。",
        "Judged on all its records that ended in the year.",
    ),
    "rule_programme": (
        "按机构在「{name}」中的记录计算，门槛为该项目的要求。",
        "Judged on its records of {name}, against that programme's thresholds.",
    ),
    "inst_count": ("机构数", "Institutions"),
    "failing_title": ("{next} 年将失去资格", "Losing eligibility for {next}"),
    "failing_none": ("没有机构失去资格。", "No institution loses eligibility."),
    "below_title": ("低于参考线", "Below the reference lines"),
    "upload_region": ("导入地区", "Region of the files"),
    "upload_region_rows": ("按各行填写的地区", "as each row's own cells say"),
    "upload_region_help": (
        "本批记录所属地区：行内未填地区的记录归入该地区，与之矛盾的行被拒绝（region_conflict）。"
        "默认为文件中各行所填的地区。",
        "The batch's region: rows naming no place get it, rows naming another are rejected "
        "(region_conflict). Defaults to the region the file's rows name.",
    ),
    "below_none": ("没有机构低于参考线。", "No institution is below the lines."),
    "near_title": ("距门槛 5 个百分点以内", "Within 5 points of a line"),
    "near_none": ("没有接近门槛的机构。", "No institution is close to a line."),
    "all_institutions": ("全部 {n} 家机构", "All {n} institutions"),
    # data
    "data_title": ("数据：导入台账与数据新鲜度", "Data: loading ledgers, freshness"),
    "data_caption": (
        "每个文件作为一个批次导入，全部成功或全部不导入；重复记录只计一次。"
        "命令行 `python -m etl load` 也写入同一仓库，导入完成后各页面即显示新数据，无需重启。",
        "Each file loads as one batch, whole or not at all; duplicates count "
        "once. `python -m etl load` writes the same warehouse; pages show new data at once.",
    ),
    "upload_label": (
        "上传培训台账（CSV、XLSX、XLS、XLSB、ODS、WPS 表格 .et 或 Parquet，可多选）",
        "Upload ledgers (CSV, XLSX, XLS, XLSB, ODS, WPS .et, Parquet)",
    ),
    "upload_button": ("选择文件", "Upload"),
    "upload_limits": ("每个文件不超过 {mb}MB · {types}", "{mb}MB per file • {types}"),
    "upload_refused": (
        "「{file}」不是可导入的文件类型，未导入。请另存为 {types} 后重新选择。",
        "{file} is not a file type that can be loaded; it was left out. Save it as {types} and "
        "choose it again.",
    ),
    "upload_help": (
        "表头可用常见写法（姓名、身份证号码、培训项目、开班日期、结业日期……），标题行和合计行会自动跳过。",
        "Common header wordings are recognised; title rows and totals rows are skipped.",
    ),
    "load_button": ("开始导入", "Load"),
    "loading_start": ("准备导入…", "Preparing…"),
    "loading_file": ("正在读取 {file}…", "Reading {file}…"),
    "loading_rows": ("{file}：已处理 {rows} 行", "{file}: {rows} rows done"),
    "loading_done": ("导入完成", "Done"),
    "load_result_title": ("本次导入结果", "This load"),
    "load_ok": ("已导入 {n} 条新记录。", "{n} new records loaded."),
    "load_repeat": (
        "{file} 与之前导入的批次 {batch} 内容完全相同，没有新增记录。",
        "{file} has the same content as batch {batch}: nothing new.",
    ),
    "reasons_of": (
        "{file} 有 {n} 行被拒（按首要原因统计）：",
        "{file}: {n} rows rejected (by first reason):",
    ),
    "download_rejects": ("下载被拒记录（{file}）", "Download rejected rows ({file})"),
    "error_header": (
        "{file}：找不到包含全部必填列的表头行，未导入任何数据。找到的表头：{found}。"
        "缺少的列及可接受的写法：{wanted}。请修改表头后重新上传。",
        "{file}: no header row with every required column; nothing was loaded. Headers found: "
        "{found}. Missing, with accepted wordings: {wanted}. Rename the headers and upload again.",
    ),
    "error_unreadable": (
        "无法读取 {file}，未导入任何数据：{detail}",
        "Cannot read {file}; nothing was loaded: {detail}",
    ),
    "freshness_title": ("各地区数据新鲜度", "How fresh each region's data is"),
    "batches_title": ("导入批次记录", "Batch history"),
    "rejects_title": ("被拒记录", "Rejected rows"),
    "rejects_none": ("所选地区没有被拒记录。", "No rejected rows in this selection."),
    "rejects_batch": ("批次", "Batch"),
    "rejects_masked": (
        "共 {n} 行；任何列中的身份证号（显示前 6 位和后 4 位）和手机号（显示前 3 位和后 4 位）"
        "都已脱敏。",
        "{n} rows; ID numbers (first 6 and last 4 shown) and mobile numbers (first 3 and last 4) "
        "are masked in every column.",
    ),
    "col_file": ("文件", "File"),
    "col_rows": ("总行数", "Rows"),
    "col_loaded": ("导入", "Loaded"),
    "col_duplicates": ("重复", "Duplicates"),
    "col_rejected": ("被拒", "Rejected"),
    "col_skipped": ("跳过", "Skipped"),
    "col_reason": ("原因", "Reason"),
    "col_code": ("代码", "Code"),
    "col_count": ("行数", "Rows"),
    "col_batch": ("批次号", "Batch"),
    "col_loaded_at": ("导入时间", "Loaded at"),
    "col_latest_record": ("最新结业日期", "Latest end date"),
    "col_age": ("距今天数", "Days ago"),
    "help_age": ("今天与最新结业日期相差的天数。", "Days between today and the latest end date."),
    "col_records": ("记录数", "Records"),
    "col_batches": ("批次数", "Batches"),
    "col_latest_load": ("最近导入", "Latest load"),
    "col_latest_file": ("最近导入的文件", "Latest file"),
    # charts
    "chart_straight_line": ("序时目标线", "Straight-line target"),
    "chart_cumulative": ("累计完成", "Cumulative actual"),
    "chart_in_month": ("当月", "In the month"),
    "chart_projection": ("按近 90 天速度预计", "Projection at the last 90 days' pace"),
    "chart_cumulative_rate": ("累计比率", "Cumulative rate"),
    "inst_failing": ("明年失去资格", "Loses eligibility"),
    "inst_below": ("低于参考线", "Below a line"),
    "inst_near": ("距门槛 5 个百分点以内", "Within 5 points of a line"),
    "inst_ok": ("达标", "Meets both"),
    "quadrant_ok": ("两项均达标", "Both rates met"),
    "quadrant_fail": ("阴影区：不达标，明年失去资格", "Shaded: below a line, loses eligibility"),
    "quadrant_below": ("阴影区：低于参考线", "Shaded: below a reference line"),
}

STRINGS.update(SUBSIDY_STRINGS)  # the 补贴审核 page's (ui/i18n_subsidy.py)
STRINGS |= ACCESS_STRINGS  # sign-in, roles and the audit log (ui/access_text.py)


def t(key: str, lang: Lang, **values: object) -> str:
    """The string for key in lang, with {placeholders} filled."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


# The documents' units in English: people as people, person-times as person-times (what
# CONTRACT §3 counts under each), the things manual quotas count by their kind.
UNIT_WORDS = {
    "人次": "person-times",
    "人": "people",
    "名": "people",
    "个": "units",
    "期": "classes",
    "家": "enterprises",
}


def unit_label(unit: str | None, lang: Lang) -> str:
    """A count's unit as the reader's language writes it: 人次 in Chinese, person-times in
    English (a unit the table does not know is shown as given)."""
    if unit is None:
        return ""
    return UNIT_WORDS.get(unit, unit) if lang == "en" else unit


def actual_metric(count: str, unit: str, lang: Lang) -> tuple[str, str]:
    """A headline count's (label, value): 实际 / 186 人次; in English the unit goes in the label,
    Actual (person-times) / 186, since "186 person-times" overflows a metric's width."""
    if lang == "en":
        return f"{t('col_actual', lang)} ({unit})", count
    return t("col_actual", lang), f"{count} {unit}"


def status_word(status: str | None, lang: Lang) -> str:
    zh, en = STATUS_WORDS[status_key(status)]
    return en if lang == "en" else zh


def status_label(status: str | None, lang: Lang) -> str:
    """Icon and word, e.g. ▼ 落后: what a table cell and a chart label show."""
    return f"{status_icon(status)} {status_word(status, lang)}"


def status_labels(lang: Lang) -> list[str]:
    """Every status label, in palette order."""
    return [status_label(k if k != "none" else None, lang) for k in STATUS_KEYS]
