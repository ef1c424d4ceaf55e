"""Public disclosure pages (no login) and the staff pages that maintain them.

One module per concern.
"""

from .decisions import (
    PublicDecisionDetailView,
    PublicDecisionFullTextPdfView,
    PublicDecisionFullTextView,
    PublicDecisionListView,
)
from .open_data import (
    CreditUploadView,
    OpenDataDecisionsView,
    OpenDataPenaltiesView,
    OpenDataPowersView,
    OpenDataStandardsView,
    OpenDataView,
)
from .public import (
    AnnualReportDetailView,
    AnnualReportListView,
    AnnualReportPdfView,
    CertificateCheckView,
    PublicAgencyDetailView,
    PublicAgencyListView,
    PublicPowerDetailView,
    PublicStandardDetailView,
    PublicStandardListView,
)
from .staff import (
    InspectionItemCreateView,
    InspectionItemListView,
    InspectionItemUpdateView,
    ServiceGuideEditView,
    StaffPublicationActionView,
    StaffPublicationCreateView,
    StaffPublicationDetailView,
    StaffPublicationEditView,
    StaffPublicationListView,
    StaffPublicationMixin,
    StaffPublicationSignoffView,
)

__all__ = [
    "AnnualReportDetailView",
    "AnnualReportListView",
    "AnnualReportPdfView",
    "CertificateCheckView",
    "CreditUploadView",
    "InspectionItemCreateView",
    "InspectionItemListView",
    "InspectionItemUpdateView",
    "OpenDataDecisionsView",
    "OpenDataPenaltiesView",
    "OpenDataPowersView",
    "OpenDataStandardsView",
    "OpenDataView",
    "PublicAgencyDetailView",
    "PublicAgencyListView",
    "PublicDecisionDetailView",
    "PublicDecisionFullTextPdfView",
    "PublicDecisionFullTextView",
    "PublicDecisionListView",
    "PublicPowerDetailView",
    "PublicStandardDetailView",
    "PublicStandardListView",
    "ServiceGuideEditView",
    "StaffPublicationActionView",
    "StaffPublicationCreateView",
    "StaffPublicationDetailView",
    "StaffPublicationEditView",
    "StaffPublicationListView",
    "StaffPublicationMixin",
    "StaffPublicationSignoffView",
]
