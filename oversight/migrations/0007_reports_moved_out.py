"""Public reports moved to the reports app: a state-only delete here (the tables stay, under
their names, and belong to reports now), the content types follow the models, and open
warnings about reports take the new subject type so a rescan does not open them twice."""

from django.db import migrations

MOVED = ["report", "reportattachment", "reportmessage", "identityaccessrequest", "rewardrule",
         "rewarddecision"]


def _move(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)
    EarlyWarning = apps.get_model("oversight", "EarlyWarning")
    EarlyWarning.objects.filter(subject_type=f"{source}.report").update(
        subject_type=f"{target}.report"
    )


def forwards(apps, schema_editor):
    _move(apps, schema_editor, source="oversight", target="reports")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, source="reports", target="oversight")


class Migration(migrations.Migration):

    dependencies = [
        ('oversight', '0006_agency_day'),
        ('reports', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
            migrations.RemoveField(
                model_name='report',
                name='agency',
            ),
            migrations.RemoveField(
                model_name='report',
                name='handling_agency',
            ),
            migrations.RemoveField(
                model_name='report',
                name='officer',
            ),
            migrations.RemoveField(
                model_name='report',
                name='resulting_case',
            ),
            migrations.RemoveField(
                model_name='reportmessage',
                name='report',
            ),
            migrations.RemoveField(
                model_name='rewarddecision',
                name='report',
            ),
            migrations.RemoveField(
                model_name='reportattachment',
                name='report',
            ),
            migrations.RemoveField(
                model_name='reportmessage',
                name='handler',
            ),
            migrations.RemoveField(
                model_name='rewarddecision',
                name='decided_by',
            ),
            migrations.RemoveField(
                model_name='rewarddecision',
                name='paid_by',
            ),
            migrations.RemoveField(
                model_name='rewarddecision',
                name='rule',
            ),
            migrations.DeleteModel(
                name='IdentityAccessRequest',
            ),
            migrations.DeleteModel(
                name='Report',
            ),
            migrations.DeleteModel(
                name='ReportAttachment',
            ),
            migrations.DeleteModel(
                name='ReportMessage',
            ),
            migrations.DeleteModel(
                name='RewardDecision',
            ),
            migrations.DeleteModel(
                name='RewardRule',
            ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
