"""Agencies, officers, the regulation ledger and the power registry (权力清单), one module per
concern (app label, tables and migrations unchanged)."""

from .agencies import (
    Agency,
    Officer,
)
from .filing import (
    PENDING_VERSION_STATUSES,
    FilingBatch,
    PowerVersion,
    PowerVersionBasis,
    PowerVersionStatus,
)
from .imports import (
    ImportJob,
)
from .registry import (
    Power,
    PowerBasis,
    PowerContent,
)
from .regulations import (
    Provision,
    Regulation,
    RegulationRequest,
)

__all__ = [
    "PENDING_VERSION_STATUSES",
    "Agency",
    "FilingBatch",
    "ImportJob",
    "Officer",
    "Power",
    "PowerBasis",
    "PowerContent",
    "PowerVersion",
    "PowerVersionBasis",
    "PowerVersionStatus",
    "Provision",
    "Regulation",
    "RegulationRequest",
]
