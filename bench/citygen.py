"""City-scale data generator: a whole city's enforcement data, through COPY, in minutes.

    python -m bench citygen --scale 1m  --database postgres://postgres@127.0.0.1:5432/portal_bench_1m
    python -m bench citygen --scale 10k --database postgres://postgres@127.0.0.1:5432/portal_bench_10k
    python -m bench citygen --scale tiny --database ...            # CI

The database is dropped, created and migrated afresh (it must be a scratch database), then
filled with one internally consistent data set the real code paths accept: agencies, officers
(portal accounts with roles and enforcement certificates, some expired or suspended), a power
registry with versions and legal bases, registered discretion standards with their bands,
cases in every state with their officers, node visits and deadlines (some steps overdue, some
undecided past 90 days, some closed but not archived after 15 days), decisions (some outside
the discretion band), payments, publications of those decisions (published with their masked
public record and the search text exactly as disclosure.publishing computes them, withdrawn
ones, drafts within and past their deadline), public reports, and an audit trail whose hash
chain is computed as enforcement_portal.audit does, so ``verify_audit`` passes.

Everything is drawn from a seeded RNG; dates are relative to ``--today`` (default: today),
so the same command on the same day gives the same data. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import queue
import random
import sys
import threading
import time
from array import array
from decimal import Decimal
from functools import cache

SCALES = {
    "1m": {
        "agencies": 60,
        "powers": 8_000,
        "officers": 3_000,
        "cases": 1_000_000,
        "publications": 1_000_000,
        "reports": 50_000,
        "audit": 5_000_000,
    },
    "10k": {
        "agencies": 60,
        "powers": 800,
        "officers": 300,
        "cases": 10_000,
        "publications": 10_000,
        "reports": 500,
        "audit": 50_000,
    },
    "tiny": {
        "agencies": 4,
        "powers": 40,
        "officers": 24,
        "cases": 300,
        "publications": 300,
        "reports": 30,
        "audit": 2_000,
    },
}
DEFAULT_DATABASES = {
    "1m": "postgres://postgres@127.0.0.1:5432/portal_bench_1m",
    "10k": "postgres://postgres@127.0.0.1:5432/portal_bench_10k",
    "tiny": "postgres://postgres@127.0.0.1:5432/portal_bench_tiny",
}
# Every generated account has this password (hashed once; fine for a benchmark database).
BENCH_PASSWORD = "bench-city-2026"  # noqa: S105 (a public benchmark fixture)
SPAN_DAYS = 3 * 365  # cases are filed over the last three years

DEPARTMENTS = [
    # name, abbreviation used in document numbers
    ("市场监督管理局", "市监"),
    ("生态环境局", "环"),
    ("交通运输局", "交"),
    ("城市管理综合行政执法局", "城管"),
    ("卫生健康委员会", "卫健"),
    ("应急管理局", "应急"),
    ("自然资源局", "自然"),
    ("文化广电和旅游局", "文旅"),
    ("农业农村局", "农"),
    ("水务局", "水"),
    ("住房和城乡建设局", "住建"),
    ("商务局", "商"),
    ("公安局", "公"),
    ("人力资源和社会保障局", "人社"),
    ("林业和草原局", "林草"),
]
PLACES = [
    ("龙沙区", "龙沙"),
    ("建华区", "建华"),
    ("铁锋区", "铁锋"),
    ("昂昂溪区", "昂溪"),
    ("富拉尔基区", "富区"),
    ("碾子山区", "碾子"),
    ("梅里斯区", "梅里"),
    ("讷河市", "讷河"),
    ("依安县", "依安"),
    ("泰来县", "泰来"),
    ("甘南县", "甘南"),
    ("富裕县", "富裕"),
    ("克山县", "克山"),
    ("克东县", "克东"),
    ("拜泉县", "拜泉"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕春梅晓东红梅玉兰丽娟"
TRADES = [
    "食品",
    "超市",
    "餐饮",
    "化工",
    "建材",
    "物流",
    "药房",
    "网吧",
    "酒店",
    "汽修",
    "印刷",
    "农资",
    "烟花",
    "燃气",
    "加油站",
]
# violation, the law it breaks (title without 《》), violated article, penalty article
VIOLATIONS = [
    ("未取得食品经营许可从事食品经营活动", "中华人民共和国食品安全法", 35, 122),
    ("销售超过保质期的食品", "中华人民共和国食品安全法", 34, 124),
    ("超过大气污染物排放标准排放大气污染物", "中华人民共和国大气污染防治法", 18, 99),
    ("未设置明显的安全警示标志", "中华人民共和国安全生产法", 35, 99),
    ("未按规定公示营业执照", "中华人民共和国市场主体登记管理条例", 20, 48),
    ("未取得道路运输经营许可擅自从事道路运输经营", "中华人民共和国道路运输条例", 10, 63),
    ("违法建设影响城市规划", "中华人民共和国城乡规划法", 40, 64),
    ("经营场所未配备消防器材", "中华人民共和国消防法", 16, 60),
    ("网吧接纳未成年人", "互联网上网服务营业场所管理条例", 21, 31),
    ("使用非卫生技术人员从事医疗卫生技术工作", "医疗机构管理条例", 27, 47),
    ("超标排放水污染物", "中华人民共和国水污染防治法", 10, 83),
    ("未按规定贮存危险废物", "中华人民共和国固体废物污染环境防治法", 81, 112),
]
LAW_META = {
    "中华人民共和国食品安全法": ("law", "全国人民代表大会常务委员会", "2015-04-24"),
    "中华人民共和国大气污染防治法": ("law", "全国人民代表大会常务委员会", "2015-08-29"),
    "中华人民共和国安全生产法": ("law", "全国人民代表大会常务委员会", "2021-06-10"),
    "中华人民共和国市场主体登记管理条例": ("admin_regulation", "国务院", "2021-07-27"),
    "中华人民共和国道路运输条例": ("admin_regulation", "国务院", "2004-04-30"),
    "中华人民共和国城乡规划法": ("law", "全国人民代表大会常务委员会", "2007-10-28"),
    "中华人民共和国消防法": ("law", "全国人民代表大会常务委员会", "2008-10-28"),
    "互联网上网服务营业场所管理条例": ("admin_regulation", "国务院", "2002-09-29"),
    "医疗机构管理条例": ("admin_regulation", "国务院", "1994-02-26"),
    "中华人民共和国水污染防治法": ("law", "全国人民代表大会常务委员会", "2017-06-27"),
    "中华人民共和国固体废物污染环境防治法": ("law", "全国人民代表大会常务委员会", "2020-04-29"),
}
CATEGORY_MIX = [
    ("penalty", 60),
    ("inspection", 15),
    ("permit", 10),
    ("coercion", 5),
    ("confirmation", 4),
    ("levy", 3),
    ("other", 3),
]
PENALTY_MIX = [
    ("罚款", 40),
    ("警告、罚款", 25),
    ("没收违法所得、罚款", 20),
    ("警告", 10),
    ("责令停产停业、罚款", 5),
]
FINES = [500, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 30000, 50000, 100000, 200000]
SEVERITIES = ["minor", "ordinary", "serious", "very_serious"]
SEVERITY_LABEL = {"minor": "轻微", "ordinary": "一般", "serious": "较重", "very_serious": "严重"}
REPORT_TYPES = [
    "arbitrary_penalty",
    "bribery",
    "abuse_of_power",
    "dereliction",
    "no_certificate",
    "other",
]
# The oldest cases take these states first, so even the tiny city has cases overdue for
# a decision, past their archiving date and stuck at a step.
RARE_OLD_STATES = ["closed", "executed", "decided", "open", "closed"]
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


# ------------------------------------------------------------------------------ plumbing


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


class Progress:
    """One self-overwriting progress line per table on stderr: done/total, rate, elapsed."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.started = label, max(total, 1), time.perf_counter()
        self.last = 0.0

    def tick(self, done: int, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self.last < 1.0:
            return
        self.last = now
        elapsed = now - self.started
        rate = done / max(elapsed, 1e-6)
        sys.stderr.write(
            f"\r  {self.label}: {done:,}/{self.total:,} ({100 * done / self.total:.0f}%, "
            f"{rate:,.0f}/s, {elapsed:.0f} s)   "
        )
        sys.stderr.flush()

    def done(self, done: int) -> None:
        self.tick(done, force=True)
        sys.stderr.write("\n")


def _esc(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "")
        )
    return text


def copy_into(cursor, sql: str, buffer) -> None:
    """One ``COPY ... FROM STDIN`` batch through psycopg 3's copy protocol."""
    with cursor.copy(sql) as copy:
        copy.write(buffer.getvalue())


class CopyPipe:
    """Sends COPY batches from a background thread, so Python builds the next batch while
    PostgreSQL loads the last one. CopyWriter hands it batches through ``copy_expert``."""

    def __init__(self, raw_connection):
        self.cursor = raw_connection.cursor()
        self.queue: queue.Queue = queue.Queue(maxsize=3)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is None:
                try:
                    copy_into(self.cursor, *item)
                except BaseException as exc:  # re-raised in the generating thread
                    self.error = exc

    def copy_expert(self, sql: str, buffer) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((sql, buffer))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self.cursor.close()
        if self.error is not None:
            raise self.error


def _implicit_defaults(table: str, columns: list[str]) -> tuple[list[str], list]:
    """The NOT NULL columns of ``table`` the generator does not name, with their model
    defaults, so a column added to a model later does not break COPY (empty text, False...)."""
    import json

    from django.apps import apps
    from django.db import models as m

    model = next((x for x in apps.get_models() if x._meta.db_table == table), None)
    if model is None:
        return [], []
    named, extra_columns, extra = set(columns), [], []
    for f in model._meta.concrete_fields:
        if f.column in named or f.null or f.primary_key:
            continue
        if not f.has_default() and not isinstance(f, m.CharField | m.TextField):
            continue
        value = f.get_default()
        if isinstance(value, bool):
            value = "t" if value else "f"
        elif isinstance(value, dict | list):
            value = json.dumps(value)
        extra_columns.append(f.column)
        extra.append(value)
    return extra_columns, extra


class CopyWriter:
    """Buffers rows for one table and sends them with COPY FROM STDIN in batches."""

    def __init__(self, raw_cursor, table: str, columns: list[str], batch: int = 20_000):
        extra_columns, self.extra = _implicit_defaults(table, columns)
        self.cursor, self.table, self.batch = raw_cursor, table, batch
        self.columns = list(columns) + extra_columns
        self.buffer, self.pending, self.count = io.StringIO(), 0, 0

    def row(self, values) -> None:
        if self.extra:
            values = [*values, *self.extra]
        # Fast path: generated values never hold tabs, newlines or backslashes; PostgreSQL
        # reads True/False as booleans. Anything else is escaped value by value.
        line = "\t".join(["\\N" if v is None else str(v) for v in values])
        if (
            line.count("\\") != line.count("\\N")
            or "\n" in line
            or "\r" in line
            or line.count("\t") != len(values) - 1
        ):
            line = "\t".join(map(_esc, values))
        self.buffer.write(line)
        self.buffer.write("\n")
        self.pending += 1
        self.count += 1
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        sql = f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN"
        if isinstance(self.cursor, CopyPipe):
            self.cursor.copy_expert(sql, self.buffer)
        else:
            copy_into(self.cursor, sql, self.buffer)
        self.buffer, self.pending = io.StringIO(), 0


def _weighted(rnd: random.Random, mix):
    values = [v for v, _w in mix]
    weights = [w for _v, w in mix]
    return lambda: rnd.choices(values, weights)[0]


def recreate_database(url: str) -> None:
    """Drop and create the scratch database named by ``url``."""
    import psycopg

    base, name = url.rsplit("/", 1)
    if not name.startswith(("portal_bench", "test_")) and "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: citygen only refills benchmark databases")
    admin = psycopg.connect(base + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


# Big tables: secondary indexes are dropped before loading and built once at the end.
BULK_TABLES = [
    "workflows_case",
    "workflows_caseofficer",
    "workflows_nodevisit",
    "workflows_decision",
    "workflows_payment",
    "disclosure_publication",
    "oversight_report",
    "core_auditevent",
]


def _drop_secondary_indexes(cursor) -> list[str]:
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = ANY(%s) AND i.schemaname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """,
        [BULK_TABLES],
    )
    definitions = []
    for name, definition in cursor.fetchall():
        cursor.execute(f'DROP INDEX "{name}"')
        definitions.append(definition)
    return definitions


# ------------------------------------------------------------------------------ the city


class City:
    """Generates the data set; the small tables through the ORM, the big ones through COPY."""

    def __init__(self, sizes: dict, today: dt.date, seed: int = 20261122):
        self.n = sizes
        self.today = today
        self.rnd = random.Random(seed)
        self.start = today - dt.timedelta(days=SPAN_DAYS)

    # The app's working-day rule (the State Council calendar; a fresh database has no
    # overrides), memoised per date: enforcement_portal.workdays.add_workdays reads the
    # override table on every call.
    @staticmethod
    @cache
    def is_workday(day: dt.date) -> bool:
        from enforcement_portal.workdays import _is_workday

        return _is_workday(day, {})

    @classmethod
    @cache
    def add_workdays(cls, day: dt.date, n: int) -> dt.date:
        current, remaining = day, n
        while remaining:
            current += dt.timedelta(days=1)
            if cls.is_workday(current):
                remaining -= 1
        return current

    def node_due(self, node, start: dt.date) -> dt.date | None:
        if not node["time_limit"]:
            return None
        if node["day_kind"] == "working":
            return self.add_workdays(start, node["time_limit"])
        return start + dt.timedelta(days=node["time_limit"])

    # -------------------------------------------------------------------- small tables

    def agencies(self) -> None:
        from powers.demo import agency_uscc
        from powers.models import Agency

        rows = []
        for index in range(self.n["agencies"]):
            if index < len(DEPARTMENTS):
                dept, abbr = DEPARTMENTS[index]
                name, short, level = f"齐齐哈尔市{dept}", f"齐{abbr}", Agency.Level.MUNICIPAL
                address = f"齐齐哈尔市龙沙区政府路{index * 8 + 1}号"
            else:
                k = index - len(DEPARTMENTS)
                (place, pshort), (dept, abbr) = (
                    PLACES[k % len(PLACES)],
                    DEPARTMENTS[k // len(PLACES)],
                )
                name, short, level = f"{place}{dept}", f"{pshort}{abbr}", Agency.Level.COUNTY
                address = f"齐齐哈尔市{place}中心大街{k + 1}号"
            rows.append(
                Agency(
                    name=name,
                    short_name=short,
                    code=f"a{index + 1:02d}",
                    uscc=agency_uscc(index + 1),
                    level=level,
                    address=address,
                    phone=f"0452-{2400000 + index * 1111}",
                )
            )
        rows.append(
            Agency(
                name="齐齐哈尔市司法局",
                short_name="齐司",
                code="sfj",
                uscc=agency_uscc(self.n["agencies"] + 1),
                level=Agency.Level.MUNICIPAL,
                is_enforcement_body=False,
            )
        )
        Agency.objects.bulk_create(rows)
        self.agency_rows = list(
            Agency.objects.filter(is_enforcement_body=True)
            .order_by("id")
            .values("id", "name", "uscc", "short_name")
        )
        self.justice = Agency.objects.get(code="sfj")

    def people(self) -> None:
        """Officers with certificates and portal accounts; a leader, a filer and legal reviewers
        per agency; city-level supervisors, registry reviewers and report handlers."""
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from enforcement_portal.models import User
        from enforcement_portal.roles import Role
        from powers.demo import ensure_groups
        from powers.models import Officer

        ensure_groups()
        groups = dict(Group.objects.values_list("name", "id"))
        password = make_password(BENCH_PASSWORD)
        rnd = self.rnd
        agencies = self.agency_rows
        users, roles, officers = [], [], []
        for n in range(self.n["officers"]):
            agency = agencies[n % len(agencies)]
            per_agency = n // len(agencies)
            if per_agency == 0:
                role = Role.AGENCY_LEADER
            elif per_agency == 1:
                role = Role.AGENCY_FILER
            elif per_agency % 17 == 2 and agency["id"] % 7 != 3:  # some agencies lack reviewers
                role = Role.LEGAL_REVIEWER
            else:
                role = Role.CASE_OFFICER
            name = (
                rnd.choice(SURNAMES)
                + rnd.choice(GIVEN)
                + (rnd.choice(GIVEN) if rnd.random() < 0.6 else "")
            )
            users.append(
                User(
                    username=f"o{n + 1:05d}",
                    display_name=name,
                    agency_id=agency["id"],
                    password=password,
                    is_active=True,
                )
            )
            roles.append(role)
            status, until = (
                Officer.CertificateStatus.VALID,
                self.today + dt.timedelta(days=rnd.randrange(200, 1500)),
            )
            draw = rnd.random()
            if draw < 0.01:
                status = Officer.CertificateStatus.SUSPENDED
            elif draw < 0.02:
                status = Officer.CertificateStatus.REVOKED
            elif draw < 0.04:
                until = self.today - dt.timedelta(days=rnd.randrange(1, 300))
            officers.append(
                Officer(
                    name=name,
                    agency_id=agency["id"],
                    certificate_number=f"230200{n + 1:08d}",
                    certificate_status=status,
                    certificate_valid_until=until,
                    has_legal_qualification=role == Role.LEGAL_REVIEWER,
                    post="执法科长" if role == Role.AGENCY_LEADER else "执法人员",
                )
            )
        city_staff = [
            ("supervisor", "城市监督员", Role.DISCIPLINE_SUPERVISOR, None),
            ("registrar", "备案审查员", Role.REGISTRY_REVIEWER, self.justice.pk),
            ("handler1", "举报受理员一", Role.REPORT_HANDLER, None),
            ("handler2", "举报受理员二", Role.REPORT_HANDLER, None),
            ("sysadmin", "系统管理员", Role.SYSTEM_ADMIN, None),
        ]
        for username, name, role, agency_id in city_staff:
            users.append(
                User(username=username, display_name=name, agency_id=agency_id, password=password)
            )
            roles.append(role)
        User.objects.bulk_create(users, batch_size=2000)
        by_name = dict(User.objects.values_list("username", "id"))
        Membership = User.groups.through
        Membership.objects.bulk_create(
            [
                Membership(user_id=by_name[u.username], group_id=groups[r])
                for u, r in zip(users, roles, strict=True)
            ],
            batch_size=5000,
        )
        for officer, user in zip(officers, users, strict=False):
            officer.user_id = by_name[user.username]
        Officer.objects.bulk_create(officers, batch_size=2000)

        # What the audit trail records about an actor, and who acts for each agency.
        self.user_role = {
            by_name[u.username]: (str(u), r) for u, r in zip(users, roles, strict=True)
        }
        self.supervisor_id = by_name["supervisor"]
        self.handler_id = by_name["handler1"]
        self.registrar_id = by_name["registrar"]
        self.case_officers: dict[
            int, list[tuple[int, int, str]]
        ] = {}  # agency -> (officer, user, cert)
        self.leaders: dict[int, int] = {}
        self.filers: dict[int, int] = {}
        for officer_id, agency_id, user_id, cert in Officer.objects.values_list(
            "id", "agency_id", "user_id", "certificate_number"
        ).order_by("id"):
            role = self.user_role[user_id][1]
            if role == Role.CASE_OFFICER:
                self.case_officers.setdefault(agency_id, []).append((officer_id, user_id, cert))
            elif role == Role.AGENCY_LEADER:
                self.leaders[agency_id] = user_id
            elif role == Role.AGENCY_FILER:
                self.filers[agency_id] = user_id
        for agency in agencies:  # tiny scales: the leader handles cases when nobody else can
            if agency["id"] not in self.case_officers:
                self.case_officers[agency["id"]] = [
                    (o, u, c)
                    for o, a, u, c in Officer.objects.filter(agency_id=agency["id"]).values_list(
                        "id", "agency_id", "user_id", "certificate_number"
                    )
                ]
        self.officer_count = len(officers)

    def registry(self) -> None:
        """Regulations, provisions, powers with one filed version each, their legal bases."""
        from django.utils import timezone

        from powers.demo_registry import cn_number
        from powers.models import (
            FilingBatch,
            Power,
            PowerBasis,
            PowerVersion,
            PowerVersionBasis,
            Provision,
            Regulation,
        )

        rnd = self.rnd
        regs = {}
        for title, (level, body, promulgated) in LAW_META.items():
            regs[title] = Regulation.objects.create(
                title=title,
                level=level,
                issuing_body=body,
                promulgated_on=promulgated,
                effective_on=promulgated,
            )
        provisions = {}
        for title, reg in regs.items():
            for article in range(1, 141):
                provisions[(title, article)] = Provision(
                    regulation=reg, article=f"第{cn_number(article)}条", text=""
                )
        Provision.objects.bulk_create(provisions.values(), batch_size=2000)
        self.provisions = provisions
        self.cn_number = cn_number

        category = _weighted(rnd, CATEGORY_MIX)
        powers, self.power_info = [], []
        per_agency: dict[int, int] = {}
        for n in range(self.n["powers"]):
            agency = self.agency_rows[n % len(self.agency_rows)]
            k = per_agency[agency["id"]] = per_agency.get(agency["id"], 0) + 1
            # each agency's first powers are penalties, so even the tiny city can file cases
            cat = "penalty" if k <= 3 else category()
            v = VIOLATIONS[n % len(VIOLATIONS)]
            draw = rnd.random()
            status = (
                "registered"
                if draw < 0.92 or k <= 3
                else (
                    "draft"
                    if draw < 0.95
                    else "submitted"
                    if draw < 0.97
                    else "suspended"
                    if draw < 0.99
                    else "abolished"
                )
            )
            label = {"penalty": "行政处罚", "inspection": "行政检查", "permit": "行政许可"}.get(
                cat, "行政权力"
            )
            name = (
                f"对{v[0]}的{label}"
                if cat == "penalty"
                else f"{v[1].removeprefix('中华人民共和国')}{label}事项（第{k}项）"
            )
            if cat == "penalty" and k > len(VIOLATIONS):
                name += f"（第{k}项）"
            registered_on = (
                self.start + dt.timedelta(days=rnd.randrange(0, 300))
                if status != "draft" and status != "submitted"
                else None
            )
            powers.append(
                Power(
                    agency_id=agency["id"],
                    code=f"QQHR-{agency['id']:02d}-{k:05d}",
                    name=name,
                    category=cat,
                    status=status,
                    registration_number=f"齐权备〔{registered_on.year}〕{n + 1}号"
                    if registered_on
                    else "",
                    registered_on=registered_on,
                    procedure="立案—调查取证—审查—告知—决定—送达—执行",
                    execution_standard="依照本机关公布的裁量基准执行",
                    responsible_post="执法科",
                    time_limit="立案之日起九十日",
                    basis_needs_review=rnd.random() < 0.01,
                )
            )
            self.power_info.append((agency["id"], cat, status, v))
        Power.objects.bulk_create(powers, batch_size=2000)
        batches = {
            a["id"]: FilingBatch(
                agency_id=a["id"],
                title="权力清单首次填报",
                status="closed",
                closed_at=timezone.now(),
            )
            for a in self.agency_rows
        }
        FilingBatch.objects.bulk_create(batches.values())
        versions, bases, vbases = [], [], []
        for power, (_agency, _cat, status, v) in zip(powers, self.power_info, strict=True):
            versions.append(
                PowerVersion(
                    power_id=power.pk,
                    number=1,
                    batch=batches[power.agency_id],
                    status="registered" if power.registered_on else status,
                    name=power.name,
                    category=power.category,
                    procedure=power.procedure,
                    execution_standard=power.execution_standard,
                    responsible_post=power.responsible_post,
                    time_limit=power.time_limit,
                    registration_number=power.registration_number,
                    registered_on=power.registered_on,
                    reviewed_by_id=self.registrar_id if power.registered_on else None,
                )
            )
            for article, kind in ((v[2], "setting"), (v[3], "penalty")):
                provision = provisions[(v[1], article)]
                bases.append(PowerBasis(power_id=power.pk, provision=provision, kind=kind))
        PowerVersion.objects.bulk_create(versions, batch_size=2000)
        for version, basis_pair in zip(
            versions, zip(bases[::2], bases[1::2], strict=True), strict=True
        ):
            for basis in basis_pair:
                vbases.append(
                    PowerVersionBasis(
                        version_id=version.pk, provision=basis.provision, kind=basis.kind
                    )
                )
        PowerBasis.objects.bulk_create(bases, batch_size=2000)
        PowerVersionBasis.objects.bulk_create(vbases, batch_size=2000)
        self.powers = powers
        # registered penalty powers per agency: what cases are filed under
        self.penalty_powers: dict[int, list[int]] = {}
        for index, (agency_id, cat, status, _v) in enumerate(self.power_info):
            if cat == "penalty" and status == "registered":
                self.penalty_powers.setdefault(agency_id, []).append(index)

    def discretion(self) -> None:
        """A registered discretion standard with five bands for each registered penalty power."""
        from discretion.models import DiscretionStandard, PenaltyBand, PenaltyType

        existing = set(PenaltyType.objects.values_list("code", flat=True))
        PenaltyType.objects.bulk_create(
            [
                PenaltyType(code=c, name=n, order=i * 10)
                for i, (c, n) in enumerate(PenaltyType.DEFAULTS)
                if c not in existing
            ]
        )
        types = dict(PenaltyType.objects.values_list("code", "id"))
        standards = []
        for indexes in self.penalty_powers.values():
            for index in indexes:
                power = self.powers[index]
                agency_id, _cat, _status, v = self.power_info[index]
                standards.append(
                    DiscretionStandard(
                        power_id=power.pk,
                        agency_id=agency_id,
                        version=1,
                        status="registered",
                        violation=v[0],
                        violated_provision=self.provisions[(v[1], v[2])],
                        penalty_provision=self.provisions[(v[1], v[3])],
                        fine_basis="amount",
                        fine_min=Decimal(500),
                        fine_max=Decimal(200000),
                        registration_number=f"齐裁备〔{power.registered_on.year}〕{power.pk}号",
                        registered_on=power.registered_on,
                        submission_round=1,
                    )
                )
        DiscretionStandard.objects.bulk_create(standards, batch_size=2000)
        bands_spec = [
            (1, "minor", "初次违法且危害后果轻微并及时改正的", ["no_penalty"], None, None),
            (2, "ordinary", "违法情节一般的", ["warning", "fine"], 500, 5000),
            (3, "ordinary", "违法所得较多或者造成一定危害后果的", ["fine"], 5000, 20000),
            (
                4,
                "serious",
                "多次违法或者造成较大危害后果的",
                ["fine", "confiscate_income"],
                20000,
                100000,
            ),
            (
                5,
                "very_serious",
                "造成严重危害后果或者拒不改正的",
                ["fine", "suspend_business"],
                100000,
                200000,
            ),
        ]
        bands, allowed, band_types = [], [], []
        for standard in standards:
            for code in ("warning", "fine", "confiscate_income", "suspend_business", "no_penalty"):
                allowed.append(
                    DiscretionStandard.allowed_types.through(
                        discretionstandard_id=standard.pk, penaltytype_id=types[code]
                    )
                )
            for position, severity, text, _codes, lo, hi in bands_spec:
                bands.append(
                    PenaltyBand(
                        standard_id=standard.pk,
                        position=position,
                        severity=severity,
                        circumstances=text,
                        fine_min=lo,
                        fine_max=hi,
                    )
                )
        PenaltyBand.objects.bulk_create(bands, batch_size=5000)
        for band in bands:
            spec = bands_spec[band.position - 1]
            for code in spec[3]:
                band_types.append(
                    PenaltyBand.penalty_types.through(
                        penaltyband_id=band.pk, penaltytype_id=types[code]
                    )
                )
        DiscretionStandard.allowed_types.through.objects.bulk_create(allowed, batch_size=5000)
        PenaltyBand.penalty_types.through.objects.bulk_create(band_types, batch_size=5000)
        self.bands_spec = bands_spec

    def process(self) -> None:
        """The ready-made general-penalty process every generated case runs through."""
        from workflows.blueprints import READY_MADE, node_rows
        from workflows.models import ProcessNode, ProcessTemplate

        self.templates = {}
        for kind, (name, _rows) in READY_MADE.items():
            template = ProcessTemplate.objects.create(
                name=name,
                kind=kind,
                status="registered",
                is_ready_made=True,
                registered_on=self.start,
            )
            ProcessNode.objects.bulk_create(
                ProcessNode(template=template, order=i, **row)
                for i, row in enumerate(node_rows(kind), start=1)
            )
            self.templates[kind] = template
        template = self.templates["general_penalty"]
        self.template_id = template.pk
        self.nodes = {
            n["code"]: n
            for n in ProcessNode.objects.filter(template=template).values(
                "id", "code", "name", "time_limit", "day_kind", "order"
            )
        }
        # Where an open case may stand (conditional steps only when their condition holds).
        self.open_nodes = ["filing", "investigation", "review", "notice", "decision"]

    # -------------------------------------------------------------------- party pools

    def parties(self) -> None:
        from stdnum.cn import ric, uscc

        rnd = self.rnd
        size = max(200, min(40_000, self.n["cases"] // 25))
        self.persons, self.orgs = [], []
        for n in range(size):
            name = (
                rnd.choice(SURNAMES)
                + rnd.choice(GIVEN)
                + (rnd.choice(GIVEN) if rnd.random() < 0.7 else "")
            )
            born = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(0, 15000))
            body = f"230202{born:%Y%m%d}{n % 1000:03d}"
            place = PLACES[rnd.randrange(len(PLACES))][0]
            self.persons.append((name, body + ric.calc_check_digit(body), place))
            trade = rnd.choice(TRADES)
            org = f"齐齐哈尔市{place}{rnd.choice(SURNAMES)}氏{trade}有限公司"
            if n % 3 == 1:
                org = f"齐齐哈尔{rnd.choice(SURNAMES)}{rnd.choice(GIVEN)}{trade}店"
            ubody = f"91230200MA{n:07d}{rnd.randrange(10)}"[:17]
            rep = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
            self.orgs.append(
                (
                    f"{org}{n}" if n >= 1000 else org,
                    ubody + uscc.calc_check_digit(ubody),
                    rep,
                    place,
                    trade,
                )
            )

    # -------------------------------------------------------------------- cases & decisions

    def cases_and_publications(self, raw) -> None:
        """Cases with officers, node visits, decisions, payments and their publications."""
        from disclosure import publishing
        from disclosure.redaction import mask_person_name
        from enforcement_portal.textsearch import normalise

        rnd, today, nodes = self.rnd, self.today, self.nodes
        cur = CopyPipe(raw)
        W = CopyWriter
        cases = W(
            cur,
            "workflows_case",
            [
                "agency_id",
                "power_id",
                "template_id",
                "number",
                "title",
                "party_kind",
                "party_name",
                "party_id_number",
                "party_address",
                "legal_representative",
                "source",
                "facts_summary",
                "filed_on",
                "current_node_id",
                "node_due_on",
                "decision_due_on",
                "status",
                "hearing_requested",
                "coercive_measure",
                "is_major",
                "major_reason",
                "closed_on",
                "archive_due_on",
                "archived_on",
                "version",
                "created_by_id",
                "created_at",
                "updated_at",
            ],
        )
        case_officers = W(cur, "workflows_caseofficer", ["case_id", "officer_id", "is_lead"])
        visits = W(
            cur, "workflows_nodevisit", ["case_id", "node_id", "entered_on", "due_on", "left_on"]
        )
        decisions = W(
            cur,
            "workflows_decision",
            [
                "case_id",
                "number",
                "decided_on",
                "facts",
                "evidence",
                "legal_basis",
                "penalty_types",
                "no_penalty",
                "fine_amount",
                "confiscation_amount",
                "severity",
                "circumstances",
                "recommendation",
                "is_deviation",
                "deviation_reason",
                "received_on",
                "performance_due_on",
                "decided_by_id",
                "created_at",
            ],
        )
        payments = W(
            cur,
            "workflows_payment",
            [
                "case_id",
                "bank_receipt_number",
                "bank_name",
                "amount",
                "fine_part",
                "surcharge_part",
                "paid_on",
                "recorded_by_id",
                "created_at",
            ],
        )
        pub_columns = [
            "agency_id",
            "power_id",
            "case_id",
            "kind",
            "decision_number",
            "party_type",
            "party_name",
            "party_uscc",
            "legal_representative",
            "violation_type",
            "facts",
            "basis",
            "penalty_category",
            "penalty_content",
            "fine_amount",
            "confiscation_amount",
            "license_info",
            "extra_redactions",
            "full_text",
            "decided_on",
            "due_by",
            "status",
            "signoff",
            "reviewed_text",
            "published_on",
            "publish_until",
            "revoked_on",
            "withdrawal_due",
            "withdrawn_on",
            "withdrawal_reason",
            "public_data",
            "search_text",
            "created_at",
            "updated_at",
        ]
        pubs = W(cur, "disclosure_publication", pub_columns)

        n_cases, n_pubs = self.n["cases"], self.n["publications"]
        agencies = self.agency_rows
        # Filing dates in order, so ids grow with time as in a real system.
        filed = sorted(rnd.randrange(SPAN_DAYS) for _ in range(n_cases))
        serials: dict[tuple, int] = {}
        self.case_agency = array("I")
        self.case_power = array("I")
        self.case_lead_user = array("I")
        self.case_filed = array("I")
        self.case_status = []
        self.case_numbers = []
        penalty_category = _weighted(rnd, PENALTY_MIX)
        recommendations = [
            json.dumps(
                {
                    "band": position,
                    "severity": severity,
                    "fine_min": str(lo or ""),
                    "fine_max": str(hi or ""),
                    "deviation_reasons": [],
                },
                ensure_ascii=False,
            )
            for position, severity, _text, _codes, lo, hi in self.bands_spec
        ]
        checked = 0
        progress = Progress("cases, decisions, publications", n_cases)
        pub_count = 0
        case_id = 0
        deviation_users = []
        for index in range(n_cases):
            case_id += 1
            filed_on = self.start + dt.timedelta(days=filed[index])
            age = (today - filed_on).days
            agency = agencies[rnd.randrange(len(agencies))]
            aid = agency["id"]
            power_index = rnd.choice(self.penalty_powers[aid])
            power = self.powers[power_index]
            violation = self.power_info[power_index][3]
            team = self.case_officers[aid]
            lead = team[rnd.randrange(len(team))]
            second = team[rnd.randrange(len(team))] if len(team) > 1 else None
            while second is not None and second[0] == lead[0]:
                second = team[rnd.randrange(len(team))]
            key = (aid, filed_on.year)
            serial = serials[key] = serials.get(key, 0) + 1
            number = f"{agency['short_name']}立〔{filed_on.year}〕{serial}号"
            person = rnd.random() < 0.35
            if person:
                pname, pid, place = self.persons[rnd.randrange(len(self.persons))]
                rep, trade = "", rnd.choice(TRADES)
            else:
                pname, pid, rep, place, trade = self.orgs[rnd.randrange(len(self.orgs))]
            draw = rnd.random()
            if age < 100:
                status = (
                    "open"
                    if draw < 0.85
                    else "suspended"
                    if draw < 0.9
                    else "decided"
                    if draw < 0.97
                    else "executed"
                )
                if age > 90 and status == "open" and rnd.random() < 0.8:
                    status = "decided"
            else:
                status = (
                    "archived"
                    if draw < 0.985
                    else "closed"
                    if draw < 0.99
                    else "executed"
                    if draw < 0.994
                    else "decided"
                    if draw < 0.997
                    else "open"
                )
                if index < len(RARE_OLD_STATES):  # even the tiny city has every state
                    status = RARE_OLD_STATES[index]
            hearing = rnd.random() < 0.05
            coercive = rnd.random() < 0.03
            major = rnd.random() < 0.03
            decided_on = closed_on = archived_on = archive_due = node_due = None
            if status in ("open", "suspended"):
                code = rnd.choice(self.open_nodes)
                node = nodes[code]
                entered = filed_on + dt.timedelta(days=rnd.randrange(0, max(1, min(age, 60))))
                node_due = self.node_due(node, entered)
                if status == "open" and node_due and node_due < today and rnd.random() < 0.8:
                    # most cases move on in time; the rest stay overdue
                    entered = today - dt.timedelta(days=rnd.randrange(0, 5))
                    node_due = self.node_due(node, entered)
            else:
                decided_on = filed_on + dt.timedelta(days=rnd.randrange(15, 85))
                if decided_on > today:
                    decided_on = today
                if status == "decided":
                    node, entered = nodes["service"], decided_on
                elif status == "executed":
                    node, entered = nodes["closing"], min(today, decided_on + dt.timedelta(days=20))
                else:
                    closed_on = min(today, decided_on + dt.timedelta(days=rnd.randrange(16, 60)))
                    archive_due = closed_on + dt.timedelta(days=15)
                    node, entered = nodes["archiving"], closed_on
                    if status == "archived":
                        archived_on = min(
                            today, closed_on + dt.timedelta(days=rnd.randrange(1, 15))
                        )
                if status in ("decided", "executed"):
                    node_due = self.node_due(node, entered)
                    if age >= 100 and rnd.random() < 0.5:
                        node_due = None if node["time_limit"] is None else node_due
            created = f"{filed_on.isoformat()}T09:00:00+08:00"
            title = f"{pname if not person else mask_person_name(pname)}{violation[0]}案"
            self.case_agency.append(aid)
            self.case_power.append(power.pk)
            self.case_lead_user.append(lead[1])
            self.case_filed.append(filed[index])
            self.case_status.append(status)
            self.case_numbers.append(number)
            cases.row(
                [
                    aid,
                    power.pk,
                    self.template_id,
                    number,
                    title[:200],
                    "person" if person else "organisation",
                    pname,
                    pid,
                    f"齐齐哈尔市{place}",
                    rep,
                    rnd.choice(["patrol", "complaint", "assigned", "transferred"]),
                    f"当事人涉嫌{violation[0]}。",
                    filed_on,
                    node["id"],
                    node_due,
                    filed_on + dt.timedelta(days=90),
                    status,
                    hearing,
                    coercive,
                    major,
                    "涉及重大公共利益" if major else "",
                    closed_on,
                    archive_due,
                    archived_on,
                    1,
                    lead[1],
                    created,
                    created,
                ]
            )
            case_officers.row([case_id, lead[0], True])
            if second is not None:
                case_officers.row([case_id, second[0], False])
            visits.row([case_id, node["id"], entered, node_due, None])
            if decided_on is None:
                progress.tick(index + 1)
                continue
            # The decision, a payment when the fine is paid, and its publication.
            dkey = (aid, "罚", decided_on.year)
            dserial = serials[dkey] = serials.get(dkey, 0) + 1
            dnumber = f"{agency['short_name']}罚〔{decided_on.year}〕{dserial}号"
            category = penalty_category()
            fine = rnd.choice(FINES) if "罚款" in category else None
            position = (
                2
                if not fine
                else 2
                if fine <= 5000
                else 3
                if fine <= 20000
                else 4
                if fine <= 100000
                else 5
            )
            band = self.bands_spec[position - 1]
            deviation = rnd.random() < 0.02
            if deviation and fine:
                fine = int(fine * 0.5)
                deviation_users.append(lead[1])
            law = violation[1]
            basis = f"《{law}》{self.cn_number_cached(violation[3])}"
            public_party = mask_person_name(pname) if person else pname
            facts_private = (
                f"经查，当事人{pname}于{filed_on.year}年{filed_on.month}月在{place}从事{trade}经营活动中"
                f"{violation[0]}，违法所得{rnd.randrange(100, 99999)}元。"
            )
            facts_public = facts_private.replace(pname, public_party) if person else facts_private
            content = f"{category.replace('罚款', f'罚款人民币{fine}元') if fine else category}"
            decisions.row(
                [
                    case_id,
                    dnumber,
                    decided_on,
                    facts_private,
                    "现场笔录、询问笔录、现场照片",
                    basis,
                    category,
                    False,
                    f"{fine}.00" if fine else None,
                    None,
                    band[1],
                    "",
                    recommendations[position - 1],
                    deviation,
                    "当事人确有经济困难，经集体讨论减轻处罚" if deviation else "",
                    # Served the next day; 15 days to pay from receipt (Art. 67; the bench does
                    # not move a deadline off a day off).
                    decided_on + dt.timedelta(days=1),
                    decided_on + dt.timedelta(days=16),
                    lead[1],
                    f"{decided_on.isoformat()}T10:00:00+08:00",
                ]
            )
            if fine and status in ("executed", "closed", "archived"):
                paid = min(today, decided_on + dt.timedelta(days=rnd.randrange(1, 15)))
                payments.row(
                    [
                        case_id,
                        f"FS{case_id:010d}",
                        "中国工商银行齐齐哈尔分行",
                        f"{fine}.00",
                        f"{fine}.00",
                        "0.00",
                        paid,
                        lead[1],
                        f"{paid.isoformat()}T11:00:00+08:00",
                    ]
                )
            if pub_count >= n_pubs:
                progress.tick(index + 1)
                continue
            pub_count += 1
            due_by = self.add_workdays(decided_on, 7)
            draw = rnd.random()
            if due_by >= today and draw < 0.5:
                pstatus = "draft"
            elif draw < 0.002:
                pstatus = "draft"  # past its deadline: the publication-overdue warning
            elif draw < 0.012:
                pstatus = "withdrawn"
            else:
                pstatus = "published"
            row = self._publication_row(
                agency=agency,
                power=power,
                case_id=case_id,
                number=dnumber,
                person=person,
                pname=pname,
                public_party=public_party,
                uscc="" if person else pid,
                rep=rep,
                violation=violation[0],
                facts=facts_private,
                facts_public=facts_public,
                basis=basis,
                category=category,
                content=content,
                fine=fine,
                decided_on=decided_on,
                due_by=due_by,
                status=pstatus,
                publishing=publishing,
                normalise=normalise,
            )
            pubs.row(row)
            if checked < 50 and pstatus != "draft":  # the search text must be the app's own
                checked += 1
                record = json.loads(row[pub_columns.index("public_data")])
                text, _grams = publishing.search_columns(record)
                assert text == row[pub_columns.index("search_text")], (text, row)
            progress.tick(index + 1)
        progress.done(n_cases)
        # Publications beyond the decided cases: permits and other decisions without a case.
        extra = n_pubs - pub_count
        if extra > 0:
            progress = Progress("publications without a case", extra)
            for k in range(extra):
                agency = agencies[rnd.randrange(len(agencies))]
                decided_on = self.start + dt.timedelta(days=rnd.randrange(SPAN_DAYS))
                pname, uscc, rep, place, trade = self.orgs[rnd.randrange(len(self.orgs))]
                dkey = (agency["id"], "许", decided_on.year)
                dserial = serials[dkey] = serials.get(dkey, 0) + 1
                power_index = rnd.choice(self.penalty_powers[agency["id"]])
                violation = self.power_info[power_index][3]
                due_by = self.add_workdays(decided_on, 7)
                pstatus = "draft" if due_by >= today and k % 2 else "published"
                pubs.row(
                    self._publication_row(
                        agency=agency,
                        power=self.powers[power_index],
                        case_id=None,
                        number=f"{agency['short_name']}许〔{decided_on.year}〕{dserial}号",
                        person=False,
                        pname=pname,
                        public_party=pname,
                        uscc=uscc,
                        rep=rep,
                        violation="",
                        facts=f"{pname}申请{trade}经营许可，经审查符合法定条件。",
                        facts_public=f"{pname}申请{trade}经营许可，经审查符合法定条件。",
                        basis=f"《{violation[1]}》",
                        category="",
                        content=f"准予{trade}经营许可",
                        fine=None,
                        decided_on=decided_on,
                        due_by=due_by,
                        status=pstatus,
                        publishing=publishing,
                        normalise=normalise,
                        kind="permit",
                    )
                )
                progress.tick(k + 1)
            progress.done(extra)
        for writer in (cases, case_officers, visits, decisions, payments, pubs):
            writer.flush()
        cur.close()
        self.series = serials
        self.deviation_users = deviation_users
        say(
            f"  {cases.count:,} cases, {decisions.count:,} decisions, {payments.count:,} payments, {pubs.count:,} publications"
        )

    def cn_number_cached(self, article: int) -> str:
        return f"第{self.cn_number(article)}条"

    def _publication_row(
        self,
        *,
        agency,
        power,
        case_id,
        number,
        person,
        pname,
        public_party,
        uscc,
        rep,
        violation,
        facts,
        facts_public,
        basis,
        category,
        content,
        fine,
        decided_on,
        due_by,
        status,
        publishing,
        normalise,
        kind="penalty",
    ) -> list:
        rnd = self.rnd
        published_on = publish_until = revoked_on = withdrawal_due = withdrawn_on = None
        reason = ""
        public, text = {}, ""
        if status in ("published", "withdrawn"):
            published_on = min(self.today, self.add_workdays(decided_on, rnd.randrange(1, 8)))
            short = (
                kind == "penalty"
                and category
                and set(publishing.penalty_kinds(category)) <= publishing.SHORT_PERIOD_PENALTIES
                and (fine or 0) <= 10000
            )
            publish_until = publishing.add_months(published_on, 3 if short else 36)
            public = {
                "decision_number": number,
                "kind": kind,
                "party_type": "person" if person else "organisation",
                "party_name": public_party,
                "party_uscc": uscc,
                "legal_representative": "" if person else rep,
                "fine_amount": f"{fine}.00" if fine else "",
                "confiscation_amount": "",
                "agency": agency["name"],
                "agency_uscc": agency["uscc"],
                "power_name": power.name,
                "power_code": power.code,
                "decided_on": decided_on.isoformat(),
                "published_on": published_on.isoformat(),
                "publish_until": publish_until.isoformat(),
                "violation_type": violation,
                "facts": facts_public,
                "basis": basis,
                "penalty_category": category,
                "penalty_content": content,
                "license_info": "",
            }
            if status == "withdrawn":
                revoked_on = min(
                    self.today, published_on + dt.timedelta(days=rnd.randrange(10, 200))
                )
                withdrawal_due = self.add_workdays(revoked_on, 3)
                withdrawn_on = min(self.today, self.add_workdays(revoked_on, rnd.randrange(1, 4)))
                reason = "行政复议决定撤销原处罚决定"
                public = {
                    "decision_number": number,
                    "kind": kind,
                    "agency": agency["name"],
                    "decided_on": decided_on.isoformat(),
                    "published_on": published_on.isoformat(),
                    "withdrawn_on": withdrawn_on.isoformat(),
                    "withdrawal_reason": reason,
                }
            # publishing.search_columns; the grams are computed by the search index
            order = (
                "decision_number",
                "party_name",
                "violation_type",
                "facts",
                "penalty_content",
                "basis",
                "power_name",
                "agency",
            )
            text = normalise(" ".join(p for p in (public.get(k, "") for k in order) if p))
        created = f"{decided_on.isoformat()}T16:00:00+08:00"
        return [
            agency["id"],
            power.pk,
            case_id,
            kind,
            number,
            "person" if person else "organisation",
            pname,
            uscc,
            rep,
            violation,
            facts,
            basis,
            category,
            content,
            f"{fine}.00" if fine else None,
            None,
            "",
            "",
            "",
            decided_on,
            due_by,
            status,
            # a public record was signed off by the agency's publicity officer first
            "awaiting" if status == "draft" else "approved",
            "{}",
            published_on,
            publish_until,
            revoked_on,
            withdrawal_due,
            withdrawn_on,
            reason,
            json.dumps(public, ensure_ascii=False),
            text,
            created,
            created,
        ]

    # -------------------------------------------------------------------- reports

    def reports(self, raw) -> None:
        rnd, today = self.rnd, self.today
        n = self.n["reports"]
        from django.contrib.auth.hashers import make_password

        secret_hash = make_password("bench-receipt-secret")  # one hash for all: a benchmark
        cur = CopyPipe(raw)
        writer = CopyWriter(
            cur,
            "oversight_report",
            [
                "lookup",
                "secret_hash",
                "agency_id",
                "officer_id",
                "case_number",
                "handling_agency_id",
                "violation_type",
                "subject",
                "description",
                "happened_on",
                "place",
                "is_anonymous",
                "reporter_name",
                "reporter_contact",
                "received_on",
                "status",
                "accept_due",
                "accepted_on",
                "conclude_due",
                "extension_days",
                "extension_reason",
                "concluded_on",
                "rejection_reason",
                "outcome",
                "conclusion",
                "resulting_case_number",
                "penalty_amount",
                "purged_on",
            ],
        )
        from powers.models import Officer

        officers = list(Officer.objects.values_list("id", "agency_id", "name"))
        # a few officers draw repeated reports (the repeated-report warnings)
        hot = officers[:: max(1, len(officers) // 12)][:12]
        lookups = set()
        progress = Progress("reports", n)
        for k in range(n):
            while True:
                lookup = "".join(rnd.choice(RECEIPT_ALPHABET) for _ in range(8))
                if lookup not in lookups:
                    lookups.add(lookup)
                    break
            received = today - dt.timedelta(days=int(SPAN_DAYS * (1 - (k + 0.5) / n)))
            age = (today - received).days
            if rnd.random() < 0.3:
                officer = (
                    hot[rnd.randrange(len(hot))]
                    if age < 90 and rnd.random() < 0.3
                    else officers[rnd.randrange(len(officers))]
                )
                officer_id, agency_id = officer[0], officer[1]
            else:
                officer_id, agency_id = (
                    None,
                    self.agency_rows[rnd.randrange(len(self.agency_rows))]["id"],
                )
            vtype = rnd.choice(REPORT_TYPES)
            anonymous = rnd.random() < 0.7
            accept_due = received + dt.timedelta(days=15)
            accepted_on = conclude_due = concluded_on = None
            outcome = conclusion = rejection = ""
            draw = rnd.random()
            if age < 15:
                status = "received" if draw < 0.6 else "accepted"
            elif age < 75:
                status = (
                    "investigating"
                    if draw < 0.6
                    else "concluded"
                    if draw < 0.9
                    else "received"
                    if draw < 0.93
                    else "rejected"
                )
            else:
                status = (
                    "concluded" if draw < 0.85 else "rejected" if draw < 0.995 else "investigating"
                )
            if status in ("accepted", "investigating", "concluded"):
                accepted_on = min(today, received + dt.timedelta(days=rnd.randrange(1, 15)))
                conclude_due = accepted_on + dt.timedelta(days=60)
            if status == "concluded":
                concluded_on = min(today, accepted_on + dt.timedelta(days=rnd.randrange(10, 60)))
                outcome = rnd.choice(["substantiated", "partly", "unsubstantiated"])
                conclusion = "经调查核实，已依规处理并反馈。"
            if status == "rejected":
                rejection = "举报事项不属于本机关职责范围，已告知向有权机关反映。"
            writer.row(
                [
                    lookup,
                    secret_hash,
                    agency_id,
                    officer_id,
                    "",
                    None,
                    vtype,
                    "执法人员执法不规范" if officer_id else "执法部门不作为",
                    "举报人反映：执法过程中存在不规范行为，请求调查处理。",
                    received - dt.timedelta(days=rnd.randrange(0, 30)),
                    "齐齐哈尔市龙沙区",
                    anonymous,
                    "" if anonymous else rnd.choice(SURNAMES) + "先生",
                    "" if anonymous else f"139{rnd.randrange(10**8):08d}",
                    received,
                    status,
                    accept_due,
                    accepted_on,
                    conclude_due,
                    0,
                    "",
                    concluded_on,
                    rejection,
                    outcome,
                    conclusion,
                    "",
                    None,
                    None,
                ]
            )
            progress.tick(k + 1)
        writer.flush()
        cur.close()
        progress.done(n)

    # -------------------------------------------------------------------- audit trail

    def audit(self, raw) -> None:
        """``audit`` events in time order forming one valid hash chain (as audit_append does)."""
        from django.core.serializers.json import DjangoJSONEncoder

        from enforcement_portal.audit import GENESIS_HASH
        from enforcement_portal.models import AuditEvent

        rnd = self.rnd
        total = self.n["audit"]
        cur = CopyPipe(raw)
        writer = CopyWriter(
            cur,
            "core_auditevent",
            [
                "seq",
                "created_at",
                "actor_id",
                "actor_name",
                "role",
                "agency_id",
                "action",
                "object_type",
                "object_id",
                "changes",
                "request_id",
                "prev_hash",
                "hash",
            ],
            batch=50_000,
        )
        n_cases = len(self.case_agency)
        begin = dt.datetime.combine(self.start, dt.time(0, 0), tzinfo=dt.UTC)
        end = dt.datetime.combine(self.today, dt.time(0, 0), tzinfo=dt.UTC)
        step = (end - begin) / max(total, 1)
        actions = [
            ("case.open", 20),
            ("case.advance", 40),
            ("record.add", 18),
            ("decision.make", 8),
            ("publication.publish", 7),
            ("payment.record", 5),
            ("case.close", 2),
        ]
        weights = list(itertools.accumulate(w for _a, w in actions))
        names = [a for a, _w in actions]
        node_codes = list(self.nodes)
        prev = GENESIS_HASH
        # AuditEvent.compute_hash with its encoder built once; the first events are checked
        # against the model's own payload_of/compute_hash below.
        encode = DjangoJSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
        plain = json.JSONEncoder(ensure_ascii=False).encode
        sha256 = hashlib.sha256
        progress = Progress("audit events (hash chain)", total)
        role_text = dict(self.user_role)
        begin_us = int(begin.timestamp() * 1_000_000)
        step_us = int(step.total_seconds() * 1_000_000)
        utc = dt.UTC
        from_ts = dt.datetime.fromtimestamp
        randrange, random_ = rnd.randrange, rnd.random
        getrandbits = rnd.getrandbits
        kinds = ["on_site", "inquiry", "photo", "video"]
        case_numbers, case_power, case_agency = self.case_numbers, self.case_power, self.case_agency
        lead_user = self.case_lead_user
        for k in range(total):
            at = from_ts((begin_us + step_us * k + randrange(1_000_000)) / 1_000_000, utc)
            created = at.isoformat(timespec="microseconds")
            c = min(n_cases - 1, k * n_cases // total)
            action = names[bisect.bisect(weights, random_() * weights[-1])]
            user = lead_user[c]
            name, role = role_text[user]
            if action == "case.open":
                changes = {
                    "number": case_numbers[c],
                    "power": case_power[c],
                    "template": self.template_id,
                }
            elif action == "case.advance":
                a = randrange(len(node_codes) - 1)
                changes = {"node": [node_codes[a], node_codes[a + 1]], "due": ""}
            elif action == "record.add":
                changes = {"kind": kinds[randrange(4)], "title": "现场检查笔录"}
            elif action == "decision.make":
                changes = {"case": case_numbers[c], "deviation": False}
            elif action == "publication.publish":
                changes = {"published_on": created[:10], "late": False}
            elif action == "payment.record":
                changes = {"amount": str(FINES[randrange(len(FINES))])}
            else:
                changes = {"closed_on": created[:10]}
            object_type = (
                "disclosure.publication" if action == "publication.publish" else "workflows.case"
            )
            object_id = str(c + 1)
            request_id = f"{getrandbits(128):032x}"
            payload = {
                "seq": k + 1,
                "created_at": created,
                "actor_id": user,
                "actor_name": name,
                "role": role,
                "agency_id": case_agency[c],
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "changes": changes,
                "request_id": request_id,
            }
            digest = sha256((prev + encode(payload)).encode()).hexdigest()
            if k < 20:  # the same hash as the app computes for the row it will read back
                values = dict(payload, created_at=at)
                assert digest == AuditEvent.compute_hash(prev, AuditEvent.payload_of(values))
            writer.row(
                [
                    k + 1,
                    created,
                    user,
                    name,
                    role,
                    payload["agency_id"],
                    action,
                    object_type,
                    object_id,
                    plain(changes),
                    request_id,
                    prev,
                    digest,
                ]
            )
            prev = digest
            if k % 1000 == 0:
                progress.tick(k + 1)
        writer.flush()
        cur.close()
        progress.done(total)

    # -------------------------------------------------------------------- bookkeeping

    def bookkeeping(self) -> None:
        """Document number series continue after the generated numbers; warning rules exist."""
        from workflows.models import DocumentSeries

        prefixes = {a["id"]: a["short_name"] for a in self.agency_rows}
        rows = []
        for (aid, *rest), last in self.series.items():
            if len(rest) == 1:
                prefix, year = f"{prefixes[aid]}立", rest[0]
            else:
                prefix, year = f"{prefixes[aid]}{rest[0]}", rest[1]
            rows.append(DocumentSeries(agency_id=aid, prefix=prefix, year=year, last_serial=last))
        DocumentSeries.objects.bulk_create(rows, batch_size=2000)
        try:
            from oversight.warnings.engine import ensure_rules as sync_rules
        except ImportError:
            sync_rules = None
        if sync_rules is not None:
            sync_rules()


def fill(sizes: dict, today: dt.date | None = None, seed: int = 20261122) -> dict:
    """Fill the (fresh, migrated) database Django is connected to; returns the counts."""
    from django.db import connection
    from django.utils import timezone

    today = today or timezone.localdate()
    started = time.perf_counter()
    city = City(sizes, today, seed)
    say(f"citygen: {', '.join(f'{k} {v:,}' for k, v in sizes.items())}; today {today}")
    for label, step in (
        ("agencies", city.agencies),
        ("officers and accounts", city.people),
        ("power registry", city.registry),
        ("discretion standards", city.discretion),
        ("process templates", city.process),
        ("parties", city.parties),
    ):
        t0 = time.perf_counter()
        step()
        say(f"  {label}: {time.perf_counter() - t0:.1f} s")
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        # Loading without per-row foreign-key and append-only triggers, and without the
        # secondary indexes: each is checked or built once, in bulk, at the end.
        cursor.execute("SET session_replication_role = replica")
        definitions = _drop_secondary_indexes(cursor)
    raw.commit()
    city.cases_and_publications(raw)
    raw.commit()
    city.reports(raw)
    raw.commit()
    city.audit(raw)
    raw.commit()
    with raw.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        t0 = time.perf_counter()
        say(f"  building {len(definitions)} indexes ...")
        for definition in definitions:
            cursor.execute(definition)
        for table in (
            "workflows_case",
            "disclosure_publication",
            "core_auditevent",
            "oversight_report",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        say(f"  indexes: {time.perf_counter() - t0:.1f} s")
    raw.commit()
    city.bookkeeping()
    # The dashboard's per-agency day counts: their triggers were off during the load
    # (replica role), so they are computed once from the loaded rows.
    from oversight.dashboard import figures_sql

    t0 = time.perf_counter()
    with raw.cursor() as cursor:
        for sql in figures_sql.rebuild_statements():
            cursor.execute(sql)
    raw.commit()
    say(f"  dashboard day counts: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    raw.autocommit = True
    with raw.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(f"  VACUUM ANALYZE: {time.perf_counter() - t0:.1f} s")
    counts = count_rows()
    say(
        f"citygen done in {time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    )
    return counts


def count_rows() -> dict:
    from django.db import connection

    tables = {
        "agencies": "powers_agency",
        "officers": "powers_officer",
        "users": "core_user",
        "powers": "powers_power",
        "standards": "discretion_discretionstandard",
        "cases": "workflows_case",
        "decisions": "workflows_decision",
        "publications": "disclosure_publication",
        "reports": "oversight_report",
        "audit": "core_auditevent",
    }
    out = {}
    with connection.cursor() as cursor:
        for label, table in tables.items():
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            out[label] = cursor.fetchone()[0]
    return out


def build(url: str, sizes: dict, today: dt.date | None = None, seed: int = 20261122) -> dict:
    """Recreate the database at ``url``, migrate it and fill it (Django not yet set up)."""
    recreate_database(url)
    setup_django(url)
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    say(f"  migrate: {time.perf_counter() - t0:.1f} s")
    return fill(sizes, today=today, seed=seed)


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=sorted(SCALES), default="10k")
    parser.add_argument("--database", help="scratch database URL (default per scale)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench citygen", description=__doc__.splitlines()[0]
    )
    add_common(parser)
    parser.add_argument("--today", type=dt.date.fromisoformat, help="reference date (YYYY-MM-DD)")
    parser.add_argument("--seed", type=int, default=20261122)
    for key in SCALES["tiny"]:
        parser.add_argument(f"--{key}", type=int, help=f"override the scale's number of {key}")
    args = parser.parse_args(argv)
    sizes = dict(SCALES[args.scale])
    for key in sizes:
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    build(args.database or DEFAULT_DATABASES[args.scale], sizes, today=args.today, seed=args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
