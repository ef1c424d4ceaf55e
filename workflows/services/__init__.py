"""Writes of workflows, one module per concern.

- ``templates``: ready-made and adapted process templates, their nodes, review and registration;
- ``cases``: opening a case, moving it between nodes, flags;
- ``limits``: the limitation check, suspensions and extensions (Arts. 36, 60);
- ``on_the_spot``: the on-the-spot procedure and its filing with the agency (Arts. 51-52);
- ``records``: written records and evidence files;
- ``decisions``: the decision at the decision node;
- ``execution``: the decision's receipt, payments (fine and surcharge), closing and archiving;
- ``instalments``: reconsideration and lawsuits, deferral and instalments (Art. 66);
- ``enforcement``: the 催告书 and the application to the court (行政强制法 Arts. 53-54);
- ``revocation``: a decision changed, revoked, illegal or void (Art. 48) and refunds;
- ``documents``: generated PDF documents.

Code in this repository imports from those modules (``from workflows.services.cases import
case_open``); the names below (and the exceptions services raise) are re-exported only as a
convenience for a shell or a script.
Reads live in ``workflows.selectors``, the party check in ``workflows.validators`` and the
refusals callers catch in ``workflows.exceptions``.
"""

from ..exceptions import CaseChanged, EvidenceTampered, GateRefused
from .cases import (
    case_advance,
    case_event_add,
    case_open,
    case_refused_power_record,
    case_resume,
    case_set_flag,
)
from .decisions import decision_make
from .documents import document_render, document_request
from .enforcement import court_apply, court_ruling, urge_record
from .execution import case_archive, case_close, payment_record
from .instalments import challenge_end, challenge_record, deferral_apply, deferral_decide
from .limits import extension_decide, extension_request, suspension_end, suspension_start
from .on_the_spot import on_the_spot_decide, on_the_spot_file
from .records import record_add, record_open_file
from .revocation import refund_record, revocation_record
from .templates import (
    node_add,
    node_delete,
    node_move,
    node_update,
    template_copy,
    template_ensure_ready_made,
    template_register,
    template_send_back,
    template_submit,
)

__all__ = [
    "CaseChanged",
    "EvidenceTampered",
    "GateRefused",
    "case_advance",
    "case_archive",
    "case_close",
    "case_event_add",
    "case_open",
    "case_refused_power_record",
    "case_resume",
    "case_set_flag",
    "challenge_end",
    "challenge_record",
    "court_apply",
    "court_ruling",
    "decision_make",
    "deferral_apply",
    "deferral_decide",
    "document_render",
    "document_request",
    "extension_decide",
    "extension_request",
    "node_add",
    "node_delete",
    "node_move",
    "node_update",
    "on_the_spot_decide",
    "on_the_spot_file",
    "payment_record",
    "record_add",
    "record_open_file",
    "refund_record",
    "revocation_record",
    "suspension_end",
    "suspension_start",
    "template_copy",
    "template_ensure_ready_made",
    "template_register",
    "template_send_back",
    "template_submit",
    "urge_record",
]
