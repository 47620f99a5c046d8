from django.db import models


class ContentGeneration(models.Model):
    """One row whose number grows by one whenever public content changes.

    Cache keys include it, so invalidating every cached page and API answer is one atomic
    increment that every worker on every host sees (it lives in the database, which they share).
    """

    number = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "content generation"

    def __str__(self) -> str:
        return f"content generation {self.number}"
