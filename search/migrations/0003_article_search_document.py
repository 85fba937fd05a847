"""PostgreSQL only: each article's weighted search document stored in a column of its own.

The GIN index of 0002 was built on archive_article_document(headline, standfirst, search_text),
so it could say which articles match, but anything more (ranking, or checking one article while
walking the newest first) rebuilt the document from the article's whole text, row by row: about
half a second to rank a common word's matches at 100,000 articles. A generated column keeps the
document next to the row, always in step with the three columns it is built from (PostgreSQL
computes it on every insert and update; Django never writes it and does not know it as a
field). STORAGE MAIN keeps it inside the row rather than in the TOAST table: reading it then
costs no extra lookup. The GIN index moves to the column, under the same name.

Other databases have no such column: there search.matching matches the folded search_text.
"""

from django.db import migrations

FORWARD = [
    # One statement, one rewrite of the table: the column is filled and stored inline at once.
    """
    ALTER TABLE articles_article
        ADD COLUMN search_document tsvector
            GENERATED ALWAYS AS (public.archive_article_document(headline, standfirst, search_text))
            STORED,
        ALTER COLUMN search_document SET STORAGE MAIN
    """,
    "DROP INDEX IF EXISTS search_article_document",
    "CREATE INDEX search_article_document ON articles_article USING gin (search_document)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_article_document",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
    """
    CREATE INDEX search_article_document ON articles_article
    USING gin (public.archive_article_document(headline, standfirst, search_text))
    """,
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_search"),
        ("articles", "0003_indexes_for_lists_and_sync"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
