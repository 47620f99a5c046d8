from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_pages.models import Menu


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    list_display = ["title", "slot", "locale"]
    list_filter = ["slot", "locale"]


register_snippet(MenuViewSet)
