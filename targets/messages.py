"""What the targets command line says when it fails: Chinese first, then the English detail (the
rule of catalogue.messages, shared by etl, targets and briefing)."""

from __future__ import annotations

from catalogue.exceptions import AllocationError, CatalogueError, TargetsError, UnknownQuota
from catalogue.messages import chinese_first
from targets.exceptions import NotMeasurable, WarehouseUnavailable


def targets_zh(exc: TargetsError) -> str:
    """The Chinese half of a targets error."""
    if isinstance(exc, UnknownQuota):
        return f"目录中没有项目「{exc.quota_id}」。运行 python -m targets list 查看全部项目编号。"
    if isinstance(exc, WarehouseUnavailable):
        if "no warehouse here yet" in exc.message:
            return (
                f"{exc.path}：尚无数据仓库。请先运行 python -m etl demo 建立演示数据，或导入台账。"
            )
        return (
            f"{exc.path}：数据仓库无法回答查询。"
            "请用 python -m etl demo --replace 重建，或重新导入台账。"
        )
    if isinstance(exc, NotMeasurable):
        return f"项目「{exc.quota_id}」是手工统计指标，培训记录无法按地区计量。"
    if isinstance(exc, AllocationError):
        where = exc.file if exc.line is None else f"{exc.file} 第{exc.line}行"
        return f"{where}：任务分解文件有误，未使用任何任务分解。请按下面的说明修改后重试。"
    if isinstance(exc, CatalogueError):
        where = exc.file + (f"（项目 {exc.quota_id}）" if exc.quota_id else "")
        return f"{where}：项目目录有误，未加载目录。请按下面的说明修改该文件。"
    return "操作失败。"


def targets_message(exc: TargetsError) -> str:
    """The whole line the targets command prints for `exc`."""
    return chinese_first(targets_zh(exc), str(exc))
