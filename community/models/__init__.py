from community.models.loadgen import LoadDataRun
from community.models.pages import HomePage
from community.models.settings import SiteSettings
from community.models.users import User

__all__ = ["HomePage", "LoadDataRun", "SiteSettings", "User"]
from community.notifications.models import Notification, NotificationPreference  # noqa: F401
