"""Only registered powers are exercisable; suspension and abolition take effect at once."""

import pytest
from django.core.exceptions import ValidationError

from powers import services
from powers.models import Power, Regulation
from powers.selectors import exercisable_powers
from powers.services import PowerNotExercisable, power_check_exercisable
from tests.factories import PowerBasisFactory, PowerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status", [Power.Status.DRAFT, Power.Status.SUBMITTED, Power.Status.RETURNED]
)
def test_unregistered_is_not_exercisable(status):
    power = PowerFactory(status=status)
    assert not exercisable_powers(power.agency).exists()
    with pytest.raises(PowerNotExercisable):
        power_check_exercisable(power=power)


def test_suspend_resume_abolish():
    power = PowerFactory()
    stale = Power.objects.get(pk=power.pk)  # a caller holding an old copy
    power_check_exercisable(power=power)
    services.power_suspend(power=power, reason="上位法修改，暂停实施")
    assert not exercisable_powers(power.agency_id).exists()
    with pytest.raises(PowerNotExercisable):
        power_check_exercisable(power=stale)
    services.power_resume(power=power, reason="核实无误")
    power_check_exercisable(power=power)
    services.power_abolish(power=power, reason="权力事项取消")
    with pytest.raises(PowerNotExercisable):
        power_check_exercisable(power=power)
    with pytest.raises(ValidationError):
        services.power_resume(power=power, reason="再试")
    with pytest.raises(ValidationError):
        services.power_suspend(power=PowerFactory(), reason="")


def test_a_power_on_a_repealed_basis_leaves_the_picker_and_is_refused():
    basis = PowerBasisFactory(power=PowerFactory())
    power = basis.power
    assert list(exercisable_powers(power.agency)) == [power]
    services.regulation_update(
        regulation=basis.provision.regulation, status=Regulation.Status.REPEALED
    )
    assert not exercisable_powers(power.agency).exists()
    with pytest.raises(PowerNotExercisable) as refused:
        power_check_exercisable(power=power)
    assert refused.value.code == "power_basis_not_in_force"
    assert "立改废" in refused.value.messages[0]


def test_a_power_flagged_for_review_is_refused_until_confirmed():
    power = PowerFactory()
    Power.objects.filter(pk=power.pk).update(
        basis_needs_review=True, basis_review_note="上位法修改"
    )
    assert not exercisable_powers(power.agency).exists()
    with pytest.raises(PowerNotExercisable) as refused:
        power_check_exercisable(power=power)
    assert refused.value.code == "power_basis_under_review"
    services.power_confirm_basis(power=Power.objects.get(pk=power.pk), reason="已核对，依据有效")
    power_check_exercisable(power=power)
    assert list(exercisable_powers(power.agency)) == [power]
