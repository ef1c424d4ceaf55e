"""Demo random-inspection lists (双随机 抽查事项清单) for a few agencies. Idempotent."""

from powers.models import Agency

from .models import InspectionItem

ITEMS = {
    "scjg": [
        (
            "食品经营者检查",
            "食品经营许可情况",
            "《中华人民共和国食品安全法》第三十五条、第一百一十条",
            "现场检查、书面检查",
            "检查是否取得食品经营许可、许可事项与实际经营是否一致",
            "5%",
            "每年不少于1次",
        ),
        (
            "食品经营者检查",
            "食品安全管理制度落实情况",
            "《中华人民共和国食品安全法》第四十四条",
            "现场检查",
            "检查食品安全管理人员配备、从业人员健康管理及进货查验记录",
            "5%",
            "每年不少于1次",
        ),
        (
            "特种设备使用单位检查",
            "特种设备使用登记",
            "《中华人民共和国特种设备安全法》第三十三条、第五十七条",
            "现场检查",
            "检查特种设备使用登记、定期检验和安全管理人员持证情况",
            "3%",
            "每年1次",
        ),
    ],
    "sthj": [
        (
            "排污单位检查",
            "大气污染物排放情况",
            "《中华人民共和国大气污染防治法》第十八条、第二十九条",
            "现场检查、监测",
            "检查大气污染物排放是否符合排放标准及总量控制指标",
            "5%",
            "每年不少于2次",
        ),
        (
            "排污单位检查",
            "排污许可证执行情况",
            "《排污许可管理条例》第三十条",
            "现场检查、书面检查",
            "检查排污许可证载明事项落实和执行报告提交情况",
            "5%",
            "每年1次",
        ),
    ],
    "yjgl": [
        (
            "生产经营单位安全生产检查",
            "安全警示标志设置",
            "《中华人民共和国安全生产法》第三十五条、第六十五条",
            "现场检查",
            "检查有较大危险因素的生产经营场所和设施设备是否设置明显的安全警示标志",
            "5%",
            "每年1次",
        ),
    ],
}


def seed_inspection_items(*, stdout=None, quiet: bool = False) -> None:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=ITEMS)}
    for code, rows in ITEMS.items():
        agency = agencies.get(code)
        if agency is None:
            continue
        for item, sub_item, basis, method, content, ratio, frequency in rows:
            InspectionItem.objects.update_or_create(
                agency=agency,
                item=item,
                sub_item=sub_item,
                defaults={
                    "inspecting_body": agency.name,
                    "basis": basis,
                    "method": method,
                    "content": content,
                    "ratio": ratio,
                    "frequency": frequency,
                },
            )
