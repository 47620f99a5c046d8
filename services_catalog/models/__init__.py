from services_catalog.models.category import ServiceCategory
from services_catalog.models.choices import (
    Audience,
    ChannelKind,
    Currency,
    FeedbackReason,
    KpiEvent,
    LifeEvent,
    ServiceStatus,
)
from services_catalog.models.kpi import ServiceDailyStats, ServiceFeedback
from services_catalog.models.pages import RelatedService, ServiceIndexPage, ServicePage

__all__ = [
    "Audience",
    "ChannelKind",
    "Currency",
    "FeedbackReason",
    "KpiEvent",
    "LifeEvent",
    "RelatedService",
    "ServiceCategory",
    "ServiceDailyStats",
    "ServiceFeedback",
    "ServiceIndexPage",
    "ServicePage",
    "ServiceStatus",
]
