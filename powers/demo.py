"""The demo city: agencies, officers and one portal account per role. Idempotent."""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from stdnum.cn import uscc

from enforcement_portal.roles import Role

from .models import Agency, Officer

QIQIHAR_DIVISION = "230200"

# code, name, document prefix, enforcement body
AGENCIES = [
    ("scjg", "齐齐哈尔市市场监督管理局", "齐市监", True),
    ("sthj", "齐齐哈尔市生态环境局", "齐环", True),
    ("jtys", "齐齐哈尔市交通运输局", "齐交", True),
    ("cgzf", "齐齐哈尔市城市管理综合行政执法局", "齐城管", True),
    ("yjgl", "齐齐哈尔市应急管理局", "齐应急", True),
    ("wsjk", "齐齐哈尔市卫生健康委员会", "齐卫健", True),
    ("wglv", "齐齐哈尔市文化广电和旅游局", "齐文旅", True),
    ("zrzy", "齐齐哈尔市自然资源和规划局", "齐自然资源", True),
    ("sfj", "齐齐哈尔市司法局", "齐司", False),
    ("jwjw", "中共齐齐哈尔市纪律检查委员会 齐齐哈尔市监察委员会", "齐纪", False),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "海燕",
    "国庆",
    "晓东",
    "春梅",
]

# username, role, agency code (None: city level), display name
DEMO_USERS = [
    ("filer", Role.AGENCY_FILER, "scjg", "赵立新"),
    ("officer", Role.CASE_OFFICER, "scjg", "王建华"),
    ("officer2", Role.CASE_OFFICER, "scjg", "李秀英"),
    ("reviewer", Role.LEGAL_REVIEWER, "scjg", "陈静"),
    ("registrar", Role.REGISTRY_REVIEWER, "sfj", "孙志强"),
    ("leader", Role.AGENCY_LEADER, "scjg", "刘国庆"),
    ("supervisor", Role.DISCIPLINE_SUPERVISOR, None, "周海燕"),
    ("handler", Role.REPORT_HANDLER, "jwjw", "吴晓东"),
    ("admin", Role.SYSTEM_ADMIN, None, "系统管理员"),
    ("env_filer", Role.AGENCY_FILER, "sthj", "郑春梅"),
]


def agency_uscc(index: int) -> str:
    """A well-formed code for a government body (机关, '11') in the city's division."""
    body = f"11{QIQIHAR_DIVISION}MB{index:07d}"[:17]
    return body + uscc.calc_check_digit(body)


@functools.cache
def _demo_password_hash(password: str) -> str:
    return make_password(password)


def demo_password_hash() -> str:
    """The hashed ``DEMO_PASSWORD``, hashed once per process: every demo account shares the
    published password, and hashing it anew for each of two dozen accounts took seconds."""
    return _demo_password_hash(settings.DEMO_PASSWORD)


def ensure_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def seed_city(*, stdout=None, quiet: bool = False) -> None:
    ensure_groups()
    agencies = {}
    for index, (code, name, prefix, enforcing) in enumerate(AGENCIES, start=1):
        agency, _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": prefix,
                "uscc": agency_uscc(index),
                "level": Agency.Level.MUNICIPAL,
                "is_enforcement_body": enforcing,
                "address": f"齐齐哈尔市龙沙区政府路{index * 8}号",
                "phone": f"0452-{2400000 + index * 1111}",
            },
        )
        agencies[code] = agency
    _seed_officers(agencies)
    _seed_users(agencies)


def _seed_officers(agencies: dict[str, Agency]) -> None:
    valid_until = dt.date(2029, 12, 31)
    for a_index, (code, _name, _prefix, enforcing) in enumerate(AGENCIES, start=1):
        if not enforcing:
            continue
        agency = agencies[code]
        for n in range(1, 13):
            seed = a_index * 31 + n * 7
            name = SURNAMES[seed % len(SURNAMES)] + GIVEN[(seed * 3 + n) % len(GIVEN)]
            Officer.objects.update_or_create(
                certificate_number=f"23020{a_index:02d}{n:05d}",
                defaults={
                    "name": name,
                    "agency": agency,
                    "certificate_valid_until": valid_until if n != 12 else dt.date(2025, 6, 30),
                    "certificate_status": Officer.CertificateStatus.VALID,
                    "has_legal_qualification": n in (3, 9),
                    "post": "执法科员" if n > 2 else "执法科长",
                },
            )


def _seed_users(agencies: dict[str, Agency]) -> None:
    User = get_user_model()
    groups = {g.name: g for g in Group.objects.all()}
    for username, role, agency_code, display_name in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display_name,
                "agency": agencies.get(agency_code) if agency_code else None,
                "is_staff": role == Role.SYSTEM_ADMIN,
                "is_superuser": role == Role.SYSTEM_ADMIN,
            },
        )
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        user.groups.add(groups[role.value])
        if role in (Role.CASE_OFFICER, Role.LEGAL_REVIEWER) and agency_code:
            number = {"officer": "2302099001", "officer2": "2302099002", "reviewer": "2302099003"}
            Officer.objects.update_or_create(
                certificate_number=number[username],
                defaults={
                    "name": display_name,
                    "agency": agencies[agency_code],
                    "certificate_valid_until": dt.date(2029, 12, 31),
                    "has_legal_qualification": role == Role.LEGAL_REVIEWER,
                    "post": "执法科员" if role == Role.CASE_OFFICER else "法制审核员",
                    "user": user,
                },
            )
