"""Emptied: this used to create the search extensions, functions and indexes, on other apps' tables.

Each now lives with the app that owns it: the extensions and archive_fold() in
core/migrations/0002, the article document in articles/migrations/0004, the trigram indexes in
people/migrations/0003 and events/migrations/0004. Kept, empty, for databases that applied it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_tag_suggestions"),
        ("articles", "0001_initial"),
        ("people", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = []
