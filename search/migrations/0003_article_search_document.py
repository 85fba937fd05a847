"""Emptied: Article.search_document is now declared on Article (articles/migrations/0004).

This migration used to add the column to articles_article from outside the articles app. Kept,
empty, for databases that applied it (which keep their column: 0004 adds it only if missing).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_search"),
        ("articles", "0003_indexes_for_lists_and_sync"),
    ]

    operations = []
