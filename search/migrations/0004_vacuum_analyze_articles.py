"""Emptied: it analysed the table search/migrations/0003 rewrote, which no longer happens here.

Kept, empty, for databases that applied it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_article_search_document")]

    operations = []
