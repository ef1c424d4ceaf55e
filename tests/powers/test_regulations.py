"""立改废: amending or repealing a regulation flags its powers; clearing the flag."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from powers import services
from powers.citations import Citation
from powers.models import Power, Regulation
from tests.factories import PowerBasisFactory, PowerFactory, ProvisionFactory, UserFactory

from .factories import FilingBatchFactory

pytestmark = pytest.mark.django_db


def test_repeal_flags_every_citing_power_at_once(agency, other_agency):
    provision = ProvisionFactory()
    reg = provision.regulation
    citing = [
        PowerBasisFactory(provision=provision, power__agency=a).power
        for a in (agency, other_agency)
    ]
    unrelated = PowerBasisFactory().power
    services.regulation_update(regulation=reg, status=Regulation.Status.REPEALED)
    for power in citing:
        power.refresh_from_db()
        assert power.basis_needs_review
        assert reg.title in power.basis_review_note
    unrelated.refresh_from_db()
    assert not unrelated.basis_needs_review
    event = AuditEvent.objects.filter(action="regulation.update").last()
    assert event.changes["powers_flagged"] == 2


def test_a_filed_version_citing_it_is_flagged_too(agency):
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    reg = ProvisionFactory().regulation
    version = services.power_create(
        batch=FilingBatchFactory(agency=agency),
        code="X-1",
        citations=[Citation(reg.title, "第一条")],
        actor=filer,
        name="某权力",
        category=Power.Category.INSPECTION,
    )
    services.regulation_update(regulation=reg, status=Regulation.Status.AMENDED)
    version.power.refresh_from_db()
    assert version.power.basis_needs_review


def test_confirming_needs_a_reason_and_clears_the_flag():
    basis = PowerBasisFactory()
    services.regulation_update(regulation=basis.provision.regulation, status="repealed")
    power = Power.objects.get(pk=basis.power_id)
    with pytest.raises(ValidationError):
        services.power_confirm_basis(power=power, reason="")
    services.power_confirm_basis(power=power, reason="已核对，新法对应条款未变")
    power.refresh_from_db()
    assert not power.basis_needs_review
    assert AuditEvent.objects.filter(
        action="power.basis_confirmed", object_id=str(power.pk)
    ).exists()


def test_registering_new_bases_clears_the_flag(agency):
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    old = PowerBasisFactory(power__agency=agency, power__registration_number="旧备〔2025〕1号")
    power = old.power
    services.regulation_update(regulation=old.provision.regulation, status="repealed")
    new_reg = ProvisionFactory().regulation
    batch = FilingBatchFactory(agency=agency)
    version = services.power_edit(
        power=power,
        batch=batch,
        citations=[Citation(new_reg.title, "第八条")],
        actor=filer,
        name=power.name,
        category=power.category,
    )
    power.refresh_from_db()
    assert power.basis_needs_review  # the registered bases still cite the repealed law
    services.batch_submit(batch=batch, actor=filer)
    services.version_register(version=version)
    power.refresh_from_db()
    assert not power.basis_needs_review
    assert list(power.bases.values_list("provision__regulation", flat=True)) == [new_reg.pk]


def test_home_panels_show_own_flags_to_staff_and_all_to_supervisors(agency, other_agency):
    mine = PowerFactory(agency=agency, basis_needs_review=True, basis_review_note="《甲法》已废止")
    theirs = PowerFactory(agency=other_agency, basis_needs_review=True, basis_review_note="x")
    staff = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    client = Client()
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert mine.name in html and theirs.name not in html
    client.force_login(supervisor)
    html = client.get("/").content.decode()
    assert mine.name in html and theirs.name in html


def test_regulation_pages_and_repeal_through_the_form(agency):
    basis = PowerBasisFactory(power__agency=agency)
    reg = basis.provision.regulation
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    client = Client()
    client.force_login(filer)
    assert reg.title in client.get("/powers/regulations/?q=" + reg.title[:3]).content.decode()
    response = client.post(
        f"/powers/regulations/{reg.pk}/edit/",
        {
            "title": reg.title,
            "level": reg.level,
            "status": "repealed",
            "promulgated_on": "2020-01-01",
        },
    )
    assert response.status_code == 302
    assert Power.objects.get(pk=basis.power_id).basis_needs_review
    # adding an article: malformed refused at the field, duplicate refused, good one added
    bad = client.post(f"/powers/regulations/{reg.pk}/", {"article": "35条", "text": ""})
    assert bad.status_code == 200 and "第二十五条第一款" in bad.content.decode()
    dup = client.post(
        f"/powers/regulations/{reg.pk}/", {"article": basis.provision.article, "text": ""}
    )
    assert dup.status_code == 200 and reg.provisions.count() == 1
    client.post(f"/powers/regulations/{reg.pk}/", {"article": "第九十九条", "text": "罚则"})
    assert reg.provisions.filter(article="第九十九条").exists()
    found = client.get("/powers/regulations/search/", {"q": f"{reg.title} 第九十九"}).json()
    assert [r["article"] for r in found["results"]] == ["第九十九条"]


def test_a_repealed_regulation_never_comes_back_into_force_by_service_or_page(agency):
    reg = ProvisionFactory().regulation
    services.regulation_update(regulation=reg, status=Regulation.Status.REPEALED)
    with pytest.raises(ValidationError) as refused:
        services.regulation_update(regulation=reg, status=Regulation.Status.EFFECTIVE)
    assert "status" in refused.value.message_dict
    reg.refresh_from_db()
    assert reg.status == Regulation.Status.REPEALED

    reviewer = UserFactory(roles=[Role.REGISTRY_REVIEWER], agency=agency)
    client = Client()
    client.force_login(reviewer)
    response = client.post(
        f"/powers/regulations/{reg.pk}/edit/",
        {"title": reg.title, "level": reg.level, "status": Regulation.Status.EFFECTIVE},
    )
    assert response.status_code == 200  # the form again, with the reason at the field
    assert set(response.context["form"].errors) == {"status"}
    assert "废止" in response.content.decode() or "repealed" in response.content.decode()
    reg.refresh_from_db()
    assert reg.status == Regulation.Status.REPEALED
    assert not AuditEvent.objects.filter(
        action="regulation.update", changes__status__1="effective"
    ).exists()


def test_a_regulation_not_yet_in_force_comes_into_force_then_is_amended():
    reg = ProvisionFactory(regulation__status=Regulation.Status.NOT_YET_EFFECTIVE).regulation
    services.regulation_update(regulation=reg, status=Regulation.Status.EFFECTIVE)
    services.regulation_update(regulation=reg, status=Regulation.Status.AMENDED)
    reg.refresh_from_db()
    assert reg.status == Regulation.Status.AMENDED
    moves = [
        e.changes["status"]
        for e in AuditEvent.objects.filter(action="regulation.update").order_by("seq")
    ]
    assert moves == [["not_yet_effective", "effective"], ["effective", "amended"]]
