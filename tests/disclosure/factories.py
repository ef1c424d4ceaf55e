"""Publications: ``PublicationFactory`` makes a draft as a decision leaves it (awaiting the
publicity officer's sign-off); ``PublishedFactory(published_on=day, ...)`` has the agency's
publicity officer sign it off and publishes it through the services (masked public record,
search columns, publication period), as the portal does. ``publish(publication)`` does the
same for a draft made otherwise."""

import datetime as dt

import factory
from stdnum.cn import uscc

from disclosure import services
from disclosure.models import Publication
from enforcement_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory


def publicity_officer(agency):
    """The agency's publicity officer (made on first use)."""
    from django.contrib.auth import get_user_model

    existing = (
        get_user_model()
        .objects.filter(agency=agency, groups__name=Role.PUBLICITY_OFFICER)
        .order_by("pk")
        .first()
    )
    return existing or UserFactory(
        roles=[Role.PUBLICITY_OFFICER], agency=agency, display_name="公示审核员"
    )


def sign_off(publication, *, texts=None, reviewer=None):
    """The publicity officer signs off the masked record (with ``texts`` as their edits)."""
    reviewer = reviewer or publicity_officer(publication.agency)
    return services.publication_sign_off(publication=publication, reviewer=reviewer, texts=texts)


def publish(publication, *, on=None, texts=None):
    """Sign off and publish, as the agency does."""
    return services.publication_publish(publication=sign_off(publication, texts=texts), on=on)


def valid_uscc(n: int) -> str:
    body = f"91230200MA{n:07d}"
    return body + uscc.calc_check_digit(body)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    agency = factory.SubFactory(AgencyFactory)
    kind = Publication.Kind.PENALTY
    decision_number = factory.Sequence(lambda n: f"测市监罚〔2026〕{n + 1}号")
    party_type = Publication.PartyType.ORGANISATION
    party_name = factory.Sequence(lambda n: f"齐齐哈尔市第{n}食品有限公司")
    party_uscc = factory.Sequence(lambda n: valid_uscc(n + 1))
    violation_type = "未取得食品经营许可从事食品经营活动"
    facts = "经查，当事人未取得食品经营许可从事食品销售。"
    basis = "《中华人民共和国食品安全法》第一百二十二条第一款"
    penalty_category = "罚款；没收违法所得"
    penalty_content = "没收违法所得，并处罚款人民币伍万元整"
    fine_amount = 50000
    decided_on = dt.date(2026, 11, 2)
    due_by = dt.date(2026, 11, 11)


class PublishedFactory(PublicationFactory):
    published_on = None  # the day of publication; today when not given

    @classmethod
    def _create(cls, model_class, *args, published_on=None, **kwargs):
        draft = super()._create(model_class, *args, **kwargs)
        return publish(draft, on=published_on)
