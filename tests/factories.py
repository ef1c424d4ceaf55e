"""factory_boy factories for the models tests build most often."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group
from stdnum.cn import uscc

from enforcement_portal.models import User
from powers.models import Agency, Officer, Power, PowerBasis, Provision, Regulation

TEST_PASSWORD = "pw-Secret-2026"


def _uscc(n: int) -> str:
    body = f"11230200MB{n:07d}"
    return body + uscc.calc_check_digit(body)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试市第{n}执法局")
    short_name = factory.Sequence(lambda n: f"测{n}")
    code = factory.Sequence(lambda n: f"agency{n}")
    uscc = factory.Sequence(lambda n: _uscc(n + 500))
    level = Agency.Level.MUNICIPAL
    is_enforcement_body = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    agency = None
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        for role in extracted or ():
            group, _ = Group.objects.get_or_create(name=str(role))
            self.groups.add(group)
        self.save()
        self.__dict__.pop("role_codes", None)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    name = factory.Sequence(lambda n: f"执法员{n}")
    agency = factory.SubFactory(AgencyFactory)
    certificate_number = factory.Sequence(lambda n: f"99{n:08d}")
    certificate_valid_until = dt.date(2030, 12, 31)


class RegulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regulation

    title = factory.Sequence(lambda n: f"测试条例{n}")
    level = Regulation.Level.LOCAL_REGULATION
    promulgated_on = dt.date(2020, 1, 1)


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    regulation = factory.SubFactory(RegulationFactory)
    article = factory.Sequence(lambda n: f"第{n + 1}条")
    text = "违反本条例规定的，由有关部门责令改正。"


class PowerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Power

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"CF{n:05d}")
    name = factory.Sequence(lambda n: f"对违反规定行为的行政处罚{n}")
    category = Power.Category.PENALTY
    status = Power.Status.REGISTERED


class PowerBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PowerBasis

    power = factory.SubFactory(PowerFactory)
    provision = factory.SubFactory(ProvisionFactory)
