"""The 补贴审核 (Subsidy audit) page's words, Simplified Chinese first and English second; merged
into ui.i18n.STRINGS."""

from __future__ import annotations

from catalogue.rules import FLAG_LABELS

SUBSIDY_STRINGS: dict[str, tuple[str, str]] = {
    "subsidy_title": ("补贴审核：应补贴、可支付与暂缓", "Subsidy audit: due, payable, withheld"),
    "subsidy_intro": (
        "每条培训记录按其所属文件的补贴规则审核（截至 {as_of} 已结业的培训）。被标记的培训"
        "仍计入培训人次；只有规则规定不予补贴的标记才排除补贴。文件未规定补贴标准的项目金额为 0。",
        "Each training is checked against the subsidy rules of its own document (trainings "
        "ended by {as_of}). A flagged training still counts as trained; only a flag whose rule "
        "says so excludes it from subsidy. Programmes whose document sets no amount show 0 yuan.",
    ),
    "subsidy_year": ("结业年份", "Year ended"),
    "subsidy_all_years": ("全部年份", "All years"),
    "subsidy_institution": ("培训机构", "Institution"),
    "subsidy_all_institutions": ("全部机构", "All institutions"),
    "subsidy_amount": ("应补贴（元）", "Due (yuan)"),
    "subsidy_payable": ("可支付（元）", "Payable (yuan)"),
    "subsidy_withheld": ("暂缓支付（元）", "Withheld (yuan)"),
    "subsidy_lapsed": ("条件未满足不再支付（元）", "Lapsed (yuan)"),
    "subsidy_flagged": ("有问题的培训", "Flagged trainings"),
    "subsidy_flagged_of": ("占 {share}", "{share} of all"),
    "subsidy_excluded": ("不予补贴", "Excluded from subsidy"),
    "subsidy_why_title": ("暂缓原因", "Why it is withheld"),
    "subsidy_why_none": ("截至该日没有暂缓支付的补贴。", "Nothing is withheld at this date."),
    "subsidy_flags_title": ("问题类型", "Flags"),
    "subsidy_flags_none": ("没有被标记的培训。", "No training is flagged."),
    "subsidy_worst_title": ("培训机构（问题占比高的在前）", "Institutions, worst first"),
    "subsidy_download": ("下载问题培训清单（{n} 条）", "Download the flagged list ({n} rows)"),
    "subsidy_download_help": (
        "身份证号、电话已脱敏；任何单元格都不会被表格软件当作公式执行。",
        "ID and phone numbers masked; no cell runs as a formula in a spreadsheet.",
    ),
    "subsidy_no_data": ("所选范围没有培训记录。", "No training records in this selection."),
    "not_audited": (
        "此数据仓库的培训记录尚未经过补贴审核（由本版本之前的版本生成）。下一次导入台账时将审核全部"
        "记录；也可运行 python -m etl demo --replace 重建演示数据。",
        "The records of this warehouse have not been audited yet (it was made by an earlier "
        "version). The next load audits every record; python -m etl demo --replace rebuilds "
        "the demo.",
    ),
    "col_condition": ("条件", "Condition"),
    "col_waiting": ("暂缓人次", "Trainings waiting"),
    "col_flag": ("问题", "Flag"),
    "col_flag_code": ("代码", "Code"),
    "col_flag_count": ("标记人次", "Flagged"),
    "col_flag_excluded": ("因此不予补贴", "Excluded"),
    "col_records": ("培训人次", "Trainings"),
    "col_flagged": ("有问题", "Flagged"),
    "col_flagged_share": ("问题占比", "Flagged share"),
    "col_ineligible": ("不予补贴", "Excluded"),
    "help_flagged_share": (
        "该机构当年结业的培训中被补贴审核标记的比例（见「补贴审核」页）。",
        "Share of the institution's trainings ended in the year that the subsidy audit flags "
        "(see the Subsidy audit page).",
    ),
    "cond_on_completion": ("结业后支付", "Paid on completion"),
    "cond_employment": ("待学员就业（期限内）", "Awaiting employment (within the period)"),
    "cond_certificate": ("待取得证书", "Awaiting the certificate"),
    "cond_project_employment": ("待项目就业率达标", "Awaiting the project's employment rate"),
    "cond_employment_grant": ("就业服务补助：待就业", "Employment grant: awaiting employment"),
    **{f"flag_{code}": labels for code, labels in FLAG_LABELS.items()},
}
