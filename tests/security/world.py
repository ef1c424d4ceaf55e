"""One fixture world for the security tests: two agencies with objects of every kind.

Agency A holds one user per agency role; the cross-agency roles (registry reviewer,
discipline supervisor, system administrator) and the report handler (who sits in the
discipline commission) have no part in A. Agency B has the same objects and its own
staff, who act only to make B's objects exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosure.models import InspectionItem
from disclosure.statistics import annual_report_publish
from discretion.models import OutcomeListEntry
from enforcement_portal.roles import Role
from oversight.evaluation import services as evaluation
from oversight.legal_review import services as legal_services
from oversight.models import ReviewCatalogue
from oversight.supervision import services as supervision
from oversight.warnings.engine import scan
from powers import services as power_services
from powers.citations import Citation
from powers.import_jobs import import_job_create
from powers.models import FilingBatch, Power, RegulationRequest
from reports.models import IdentityAccessRequest
from reports.uploads import clean_image
from tests.disclosure.factories import PublicationFactory
from tests.disclosure.factories import publish as disclosure_publish
from tests.discretion.factories import make_standard
from tests.factories import AgencyFactory, OfficerFactory, RegulationFactory, UserFactory
from tests.oversight.legal_factories import reviewer_for
from tests.powers.factories import FOOD, food_law, sheet
from tests.powers.factories import row as sheet_row
from tests.reports.factories import handler, handling_body, png_with_text, submit_report
from tests.workflows.factories import add_record, open_case, penalty_power, to_node
from workflows.models import CasePerson, Deferral, ProcessTemplate
from workflows.services.documents import document_request
from workflows.services.limits import extension_request
from workflows.services.templates import template_copy

# The columns of the matrix, in order. "anon" is a visitor; "norole" a signed-in account
# without any role (e.g. a disabled colleague).
ROLES = (
    "anon",
    "norole",
    "filer",
    "officer",
    "reviewer",
    "leader",
    "handler",
    "registrar",
    "supervisor",
    "admin",
)


@dataclass
class Side:
    """The objects of one agency."""

    agency: object
    power: object = None
    version: object = None
    batch: object = None
    import_job: object = None
    standard: object = None
    case: object = None
    record: object = None
    deferral: object = None
    person: object = None
    list_entry: object = None
    extension: object = None
    document: object = None
    legal_review: object = None
    catalogue: object = None
    publication: object = None
    published: object = None
    inspection_item: object = None
    annual_report: object = None
    warning: object = None
    report: object = None
    attachment: object = None
    identity_request: object = None
    template: object = None
    node: object = None
    supervision: object = None
    finding: object = None
    supervision_file: object = None


@dataclass
class World:
    users: dict = field(default_factory=dict)
    own: Side | None = None
    other: Side | None = None
    regulation: object = None
    regulation_request: object = None
    city_template: object = None
    evaluation: object = None


def _side(agency, *, officer_user, filer_user, handler_user) -> Side:
    side = Side(agency=agency)
    # Powers: a registered penalty power with its basis, a batch, an import job.
    side.power = penalty_power(agency)
    side.batch = FilingBatch.objects.create(agency=agency, title="2026年第1批")
    food_law()
    side.version = power_services.power_create(
        batch=side.batch,
        code="SEC-1",
        citations=[Citation(FOOD, "第三十五条第一款", "setting")],
        actor=filer_user,
        name="对无证经营的行政处罚",
        category=Power.Category.PENALTY,
        time_limit="九十日",
    )
    upload = SimpleUploadedFile("powers.xlsx", sheet([sheet_row(agency)]))
    side.import_job = import_job_create(agency=agency, upload=upload, actor=filer_user)
    # Discretion: a registered standard (public) and a first-violation list entry.
    side.standard = make_standard(agency=agency)
    side.list_entry = OutcomeListEntry.objects.create(
        agency=agency,
        kind="first_violation",
        power=side.power,
        violation="首次未按规定公示证照",
        basis="《中华人民共和国行政处罚法》第三十三条第一款",
        conditions="首次违法、危害后果轻微并及时改正",
        created_by=filer_user,
    )
    # Workflows: a major case at the legal-review stage, a record, an extension, a document.
    team = [OfficerFactory(agency=agency) for _ in range(2)]
    side.case = open_case(side.power, user=officer_user, team=team)
    side.case = to_node(side.case, officer_user, "investigation")
    side.record = add_record(side.case, officer_user, kind="on_site")
    side.person = CasePerson.objects.create(
        case=side.case, role="witness", name="欧阳明远", added_by=officer_user
    )
    side.extension = extension_request(
        case=side.case, user=officer_user, days=10, reason="案情复杂"
    )
    side.document = document_request(case=side.case, kind="service_receipt", user=officer_user)
    side.deferral = Deferral.objects.create(
        case=side.case,
        kind="instalments",
        reason="经营困难",
        applied_on=dt.date(2026, 1, 5),
        recorded_by=officer_user,
    )
    side.legal_review = legal_services.legal_review_submit(
        case=side.case,
        user=officer_user,
        draft_decision="拟对当事人罚款二十万元。",
        case_file="立案审批表、现场检查笔录",
        proposed_fine=Decimal("200000"),
    )
    side.catalogue = ReviewCatalogue.objects.create(agency=agency, is_published=True)
    # Disclosure: an unpublished and a published decision, an inspection item, a report.
    side.publication = PublicationFactory(agency=agency, due_by=dt.date(2020, 1, 1))
    side.published = disclosure_publish(
        PublicationFactory(agency=agency, full_text="行政处罚决定书\n经查，当事人销售过期食品。")
    )
    side.inspection_item = InspectionItem.objects.create(
        agency=agency,
        item="食品经营者检查",
        inspecting_body=agency.name,
        basis="食品安全法第三十五条",
        method="现场检查",
        content="检查许可",
        ratio="5%",
        frequency="每年1次",
    )
    side.annual_report = annual_report_publish(agency=agency, year=2025, on=dt.date(2026, 1, 20))
    # Oversight: a report naming the reporter, with a photo, and an identity request.
    side.report, _code = submit_report(
        agency,
        is_anonymous=False,
        reporter_name="王小明",
        reporter_contact="13812345678",
        files=[clean_image(png_with_text())],
    )
    side.attachment = side.report.attachments.first()
    now = timezone.now()
    side.identity_request = IdentityAccessRequest.objects.create(
        report=side.report, requested_by=handler_user, reason="核实举报内容", requested_at=now
    )
    # Process templates: an agency copy of the ready-made one, and its first node.
    source = ProcessTemplate.objects.filter(agency__isnull=True).order_by("pk").first()
    side.template = template_copy(source=source, power=side.power, user=filer_user)
    side.node = side.template.nodes.order_by("pk").first()
    return side


def build_world() -> World:
    w = World()
    a, b = AgencyFactory(code="agency-a"), AgencyFactory(code="agency-b")
    body = handling_body()
    users = {
        "norole": UserFactory(agency=a, username="sec_norole"),
        "filer": UserFactory(roles=[Role.AGENCY_FILER], agency=a, username="sec_filer"),
        "officer": UserFactory(roles=[Role.CASE_OFFICER], agency=a, username="sec_officer"),
        "reviewer": reviewer_for(a, username="sec_reviewer"),
        "leader": UserFactory(roles=[Role.AGENCY_LEADER], agency=a, username="sec_leader"),
        "handler": handler(body, username="sec_handler"),
        "registrar": UserFactory(roles=[Role.REGISTRY_REVIEWER], username="sec_registrar"),
        "supervisor": UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR], username="sec_supervisor"),
        "admin": UserFactory(
            roles=[Role.SYSTEM_ADMIN], username="sec_admin", is_staff=True, is_superuser=True
        ),
    }
    w.users = users
    w.regulation = RegulationFactory(title="测试安全条例")
    w.regulation_request = RegulationRequest.objects.create(
        title="测试待补录条例", agency=a, requested_by=users["filer"]
    )
    w.city_template = ProcessTemplate.objects.filter(agency__isnull=True).order_by("pk").first()
    b_officer = UserFactory(roles=[Role.CASE_OFFICER], agency=b)
    b_filer = UserFactory(roles=[Role.AGENCY_FILER], agency=b)
    w.own = _side(
        a, officer_user=users["officer"], filer_user=users["filer"], handler_user=users["handler"]
    )
    w.other = _side(b, officer_user=b_officer, filer_user=b_filer, handler_user=users["handler"])
    # Supervision: a check of each agency by the discipline unit, with a finding and a file;
    # and this year's evaluation.
    unit = AgencyFactory(code="unit-sec", name="测试市纪委监委", is_enforcement_body=False)
    for side in (w.own, w.other):
        side.supervision = supervision.record_create(
            actor=users["supervisor"],
            data={
                "unit": unit,
                "agency": side.agency,
                "checked_on": timezone.localdate() - dt.timedelta(days=2),
                "method": "special",
                "matters": "专项检查行政处罚案卷",
                "case_numbers": "",
                "warning_ids": "",
            },
        )
        side.finding = supervision.finding_add(
            record=side.supervision,
            actor=users["supervisor"],
            data={
                "kind": "procedure",
                "description": "案卷缺少送达回证",
                "requirement": "限期补正",
                "deadline": timezone.localdate() + dt.timedelta(days=30),
            },
        )
        side.supervision_file = supervision.attachment_add(
            record=side.supervision,
            actor=users["supervisor"],
            upload=SimpleUploadedFile("检查记录.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
        )
    w.evaluation = evaluation.evaluation_period_open(
        kind="year", day=timezone.localdate(), actor=users["admin"]
    )
    evaluation.evaluation_compute(period=w.evaluation, actor=users["admin"])
    # Warnings: one per agency (the overdue unpublished decisions above).
    scan(codes=["publication_overdue"])
    from oversight.models import EarlyWarning

    for side in (w.own, w.other):
        side.warning = EarlyWarning.objects.filter(agency=side.agency).order_by("pk").first()
    return w
