from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from institution.models import GovernmentEntity


class GovernmentEntityViewSet(SnippetViewSet):
    model = GovernmentEntity
    icon = "site"
    list_display = ["name", "url", "sort_order", "locale"]
    list_filter = ["locale"]
    ordering = ["sort_order", "pk"]


register_snippet(GovernmentEntityViewSet)
