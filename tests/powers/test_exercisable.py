"""Only registered powers are exercisable; suspension and abolition take effect at once."""

import pytest
from django.core.exceptions import ValidationError

from powers import services
from powers.models import Power
from powers.selectors import exercisable_powers
from powers.services import PowerNotExercisable, power_check_exercisable
from tests.factories import PowerFactory

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
