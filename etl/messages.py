"""What the command line says when a tool fails: Chinese first, then the English detail, as the
briefing's messages and the dashboard do (one rule for etl, targets and briefing).

Each error class says in Chinese what went wrong and what to do, with the error's own fields
(the file, the path); the English message that follows keeps every detail (the headers found, the
reader's words) for whoever has to dig. A message that already opens in Chinese is shown as it is
(catalogue.messages.chinese_first).
"""

from __future__ import annotations

from catalogue.messages import chinese_first
from etl.exceptions import EtlError, ExportError, HeaderNotFound, SourceError, UnreadableFile
from warehouse.exceptions import WarehouseError


def etl_zh(exc: EtlError | WarehouseError) -> str:
    """The Chinese half of an ETL error."""
    if isinstance(exc, HeaderNotFound):
        found = "、".join(h for h in exc.headers_found if h) or "（无）"
        return (
            f"{exc.file}：找不到包含全部必填列（姓名、身份证号、培训项目、开班日期、结业日期）的表头行，"
            f"找到的表头为：{found}。请修改表头或补齐缺少的列后重新导入，未导入任何记录。"
        )
    if isinstance(exc, UnreadableFile):
        return (
            f"{exc.file}：无法读取该文件，未导入任何记录。"
            "请检查文件是否存在、格式是否为 CSV/XLSX/Parquet。"
        )
    if isinstance(exc, SourceError):
        return f"{exc.file}：该文件无法导入，未导入任何记录。"
    if isinstance(exc, WarehouseError):
        if "no warehouse here yet" in str(exc):
            return (
                f"{exc.path}：尚无数据仓库。请先运行 python -m etl demo 建立演示数据，或导入台账。"
            )
        if "already exists" in str(exc):
            return f"{exc.path}：数据仓库已存在；如需重建为演示数据，请加 --replace。"
        return f"{exc.path}：数据仓库无法打开或写入，未做任何修改。"
    if isinstance(exc, ExportError):
        return f"{exc.path}：导出失败，未写入任何文件。请换一个空目录或检查密钥文件。"
    if "export as one of" in str(exc):
        return "导出文件须以 .xlsx 或 .csv 结尾。"
    return "操作失败。"


def etl_message(exc: EtlError | WarehouseError) -> str:
    """The whole line the ETL command prints for `exc`."""
    return chinese_first(etl_zh(exc), str(exc))
