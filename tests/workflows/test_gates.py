"""The gate registry and the built-in gates: each refusal names its reason and changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from powers.models import Officer
from workflows import gates
from workflows.exceptions import GateRefused
from workflows.gates import GateResult, register_gate
from workflows.models import ProcessTemplate
from workflows.services.cases import case_set_flag
from workflows.services.templates import template_ensure_ready_made

from .factories import add_record, advance, case_officer, decide, open_case, penalty_power, to_node

pytestmark = pytest.mark.django_db


@pytest.fixture
def temp_gate():
    codes = []

    def _register(code, check):
        register_gate(code, check, replace=True)
        codes.append(code)

    yield _register
    for code in codes:
        gates.unregister_gate(code)
    gates.register_builtin_gates()


def test_builtin_gates_are_registered():
    assert {"two_officers", "audio_video", "legal_review"} <= set(gates.registered_gates())


def test_registering_a_code_twice_needs_replace():
    with pytest.raises(gates.GateAlreadyRegistered):
        register_gate("two_officers", lambda c, n, u: GateResult(True))


def test_a_gate_that_says_no_stops_the_transition_with_its_reason(temp_gate):
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    seen = []

    def check(case, node, who):
        seen.append((case.pk, node.code, who.pk))
        return GateResult(False, "测试闸门：不予通过")

    temp_gate("test_gate", check)
    investigation = case.template.nodes.get(code="investigation")
    # A filer's own template could name the gate; here the ready-made node is edited in place.
    investigation.gate_codes = [*investigation.gate_codes, "test_gate"]
    investigation.save(update_fields=["gate_codes"])
    with pytest.raises(GateRefused) as exc:
        advance(case, user)
    assert "测试闸门：不予通过" in exc.value.messages
    assert seen == [(case.pk, "investigation", user.pk)]
    case.refresh_from_db()
    assert case.current_node.code == "filing" and case.version == 1


def test_a_gate_nobody_registered_refuses(temp_gate):
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    node = case.template.nodes.get(code="investigation")
    node.gate_codes = ["no_such_gate"]
    node.save(update_fields=["gate_codes"])
    with pytest.raises(GateRefused) as exc:
        advance(case, user)
    assert "no_such_gate" in str(exc.value)


def test_two_officers_gate_refuses_once_a_certificate_lapses():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    officer = case.officers.first()
    Officer.objects.filter(pk=officer.pk).update(
        certificate_status=Officer.CertificateStatus.SUSPENDED
    )
    with pytest.raises(GateRefused) as exc:
        advance(case, user)
    assert "第四十二条" in str(exc.value)


def test_mandatory_audio_video_for_a_seizure():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user, coercive_measure=True)
    advance(case, user)
    case.refresh_from_db()
    assert case.current_node.code == "seizure"
    add_record(case, user, kind="property_list", title="查封扣押财物清单")
    advance(case, user)  # into investigation: its gate is two officers only
    add_record(case, user)
    with pytest.raises(GateRefused) as exc:
        advance(case, user)  # review names the audio/video gate
    assert "查封扣押" in str(exc.value)
    case.refresh_from_db()
    assert case.current_node.code == "investigation"


def test_audio_video_recorded_at_the_seizure_opens_the_gate():
    from django.core.files.uploadedfile import SimpleUploadedFile

    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user, coercive_measure=True)
    advance(case, user)
    add_record(case, user, kind="property_list", title="财物清单")
    video = SimpleUploadedFile("clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200)
    add_record(case, user, kind="video", title="查封过程录像", content="", upload=video)
    advance(case, user)
    add_record(case, user)
    advance(case, user)
    case.refresh_from_db()
    assert case.current_node.code == "review"


def test_major_case_cannot_be_decided_without_legal_review():
    power = penalty_power()
    user = case_officer(power.agency)
    case = to_node(open_case(power, user=user), user, "notice")
    case_set_flag(
        case=case, user=user, expected_version=case.version, flag="is_major", reason="罚款数额较大"
    )
    advance(case, user)  # into legal review (a conditional node)
    case.refresh_from_db()
    assert case.current_node.code == "legal_review"
    with pytest.raises(GateRefused) as exc:
        advance(case, user)
    assert "法制审核" in str(exc.value) or "legal review" in str(exc.value)


def test_oversight_can_replace_the_legal_review_gate(temp_gate):
    power = penalty_power()
    user = case_officer(power.agency)
    case = to_node(open_case(power, user=user), user, "notice")
    case_set_flag(
        case=case, user=user, expected_version=case.version, flag="is_major", reason="听证案件"
    )
    temp_gate("legal_review", lambda c, n, u: GateResult(True))
    advance(case, user)
    advance(case, user)
    case.refresh_from_db()
    assert case.current_node.code == "decision"
    # The service call itself re-asks the gates, so a decision cannot slip past a gate either.
    temp_gate("legal_review", lambda c, n, u: GateResult(False, "审核未通过"))
    with pytest.raises(ValidationError) as exc:
        decide(case, user)
    assert "审核未通过" in str(exc.value)


def test_ready_made_templates_are_public_and_one_per_kind():
    template = template_ensure_ready_made(kind="general_penalty")
    again = template_ensure_ready_made(kind="general_penalty")
    assert template.pk == again.pk and template.is_public
    assert ProcessTemplate.objects.filter(is_ready_made=True).count() == 1
    assert timezone.localdate()  # the registry above ran without a request
