"""Template loaders that look in themes/<active>/templates, then themes/base/templates.

A theme overrides a template by putting a file at the same relative path. The cached loader keys
its cache by theme, so two requests with different themes never share a compiled template.
"""

from django.conf import settings
from django.template.loaders import cached, filesystem

from themes.active import get_active_theme, theme_search_path


class ThemeLoader(filesystem.Loader):
    def get_dirs(self):
        return [settings.THEMES_DIR / name / "templates" for name in theme_search_path(get_active_theme())]


class CachedThemeLoader(cached.Loader):
    def cache_key(self, template_name, skip=None):
        return f"{get_active_theme()}:{super().cache_key(template_name, skip)}"
