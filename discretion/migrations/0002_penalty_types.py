"""The penalty types of 行政处罚法 Art. 9 as data; agencies may add others."""

from django.db import migrations

TYPES = [
    ("no_penalty", "不予处罚"),
    ("warning", "警告"),
    ("criticism", "通报批评"),
    ("fine", "罚款"),
    ("confiscate_income", "没收违法所得"),
    ("confiscate_property", "没收非法财物"),
    ("suspend_licence", "暂扣许可证件"),
    ("lower_qualification", "降低资质等级"),
    ("revoke_licence", "吊销许可证件"),
    ("restrict_business", "限制开展生产经营活动"),
    ("suspend_business", "责令停产停业"),
    ("close", "责令关闭"),
    ("restrict_employment", "限制从业"),
]


def create(apps, schema_editor):
    PenaltyType = apps.get_model("discretion", "PenaltyType")
    for order, (code, name) in enumerate(TYPES, start=1):
        PenaltyType.objects.update_or_create(code=code, defaults={"name": name, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("discretion", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
