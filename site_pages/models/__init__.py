from site_pages.models.base import BasePage
from site_pages.models.enquiries import Enquiry, EnquiryStatus, EnquiryTopic
from site_pages.models.navigation import Menu, MenuItem, SiteSettings
from site_pages.models.pages import (
    ContactCentrePage,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    StandardPage,
    WorkingHours,
)

__all__ = [
    "BasePage",
    "ContactCentrePage",
    "Enquiry",
    "EnquiryStatus",
    "EnquiryTopic",
    "HomePage",
    "Menu",
    "MenuItem",
    "NewsArticlePage",
    "NewsIndexPage",
    "SiteSettings",
    "StandardPage",
    "WorkingHours",
]
