"""违法行为类型 was the case's title ("刘某无证经营卤味熟食案") for publications made from cases.

Each such record gets the violation of the discretion standard its decision applied (or the
standard in force for the power), else the power's name. A published record is corrected in
public: its public record and search columns change, and a correction (更正) with the date,
the reason and old → new is shown on its page, as every correction is.
"""

import datetime as dt

from django.db import migrations

NOTE = "违法行为类型误填为案件名称，现更正为裁量基准（或执法职权）所列的违法行为。"


def _violation(apps, publication, decision):
    Standard = apps.get_model("discretion", "DiscretionStandard")
    standard = None
    standard_id = (decision.recommendation or {}).get("standard_id") if decision else None
    if standard_id:
        standard = Standard.objects.filter(pk=standard_id).first()
    if standard is None and publication.power_id:
        standard = (
            Standard.objects.filter(power_id=publication.power_id, status="registered")
            .order_by("-id")
            .first()
        )
    violation = " ".join((standard.violation if standard else "").split())
    power_name = publication.power.name if publication.power_id else ""
    return (violation or power_name)[:300]


def correct_violation_types(apps, schema_editor):
    from disclosure.publishing import agency_grams, search_columns

    Publication = apps.get_model("disclosure", "Publication")
    Correction = apps.get_model("disclosure", "PublicationCorrection")
    Decision = apps.get_model("workflows", "Decision")
    today = dt.date.today()
    rows = Publication.objects.filter(case__isnull=False).select_related("case", "power")
    for publication in rows.iterator(chunk_size=500):
        if publication.violation_type != publication.case.title:
            continue
        decision = Decision.objects.filter(case_id=publication.case_id).first()
        new = _violation(apps, publication, decision)
        if not new or new == publication.violation_type:
            continue
        publication.violation_type = new
        fields = ["violation_type", "updated_at"]
        public = dict(publication.public_data or {})
        if publication.status == "published" and "violation_type" in public:
            old = public["violation_type"]
            public["violation_type"] = new
            publication.public_data = public
            publication.search_text, grams = search_columns(public)
            fields += ["public_data", "search_text"]
            # Stored grams exist in the historical model until 0016 (then the index computes
            # them); the function also runs against today's models in its test.
            if any(f.name == "search_grams" for f in Publication._meta.get_fields()):
                publication.search_grams = grams
                publication.search_agency_grams = agency_grams(publication.agency_id, grams)
                fields += ["search_grams", "search_agency_grams"]
            Correction.objects.create(
                publication=publication,
                corrected_on=today,
                changes={"violation_type": [old, new]},
                note=NOTE,
            )
        publication.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0012_publication_signoff"),
        ("discretion", "0002_penalty_types"),
        ("workflows", "0003_merge_0002_evidence_check_0002_scan_indexes"),
    ]

    operations = [migrations.RunPython(correct_violation_types, migrations.RunPython.noop)]
