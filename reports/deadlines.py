"""Handling deadlines of 信访工作条例 (2022): register within 15 days, conclude within 60.

Art. 24: a report is registered (受理 or not) within 15 days of receipt; Art. 32: concluded
within 60 days of acceptance, and one extension of at most 30 days with a reason. The
regulation says 日 (not 工作日), so the days are calendar days; each number is a setting.
"""

from __future__ import annotations

import datetime as dt

from .conf import setting


def accept_due(received_on: dt.date) -> dt.date:
    return received_on + dt.timedelta(days=setting("REPORTS_ACCEPT_DAYS"))


def conclude_due(accepted_on: dt.date, extension_days: int = 0) -> dt.date:
    return accepted_on + dt.timedelta(days=setting("REPORTS_CONCLUDE_DAYS") + extension_days)
