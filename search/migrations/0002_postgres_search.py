"""PostgreSQL full-text and trigram search; nothing at all on other databases.

- archive_fold(): the SQL twin of core.text.fold for the weighted fields. unaccent() folds
  ş ğ ç ö ü ı İ but leaves the Azerbaijani schwa alone, so ə/Ə are translated first.
- archive_article_document(): headline (A), standfirst (B) and the Python-folded search_text
  (C, which holds all three), so matching follows fold() exactly and only ranking uses SQL folding.
- A GIN index on that document, and trigram GIN indexes on the folded name columns, which serve
  both the word-start regular expressions of search.matching and the "did you mean" similarity.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE OR REPLACE FUNCTION public.archive_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT lower(public.unaccent('public.unaccent'::regdictionary, translate(value, 'əƏ', 'aa')))
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION public.archive_article_document(
        headline text, standfirst text, search_text text
    ) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('simple'::regconfig, public.archive_fold(coalesce(headline, ''))), 'A')
            || setweight(to_tsvector('simple'::regconfig, public.archive_fold(coalesce(standfirst, ''))), 'B')
            || setweight(to_tsvector('simple'::regconfig, coalesce(search_text, '')), 'C')
    $$
    """,
    """
    CREATE INDEX IF NOT EXISTS search_article_document ON articles_article
    USING gin (public.archive_article_document(headline, standfirst, search_text))
    """,
    "CREATE INDEX IF NOT EXISTS search_person_names_trgm ON people_person "
    "USING gin (search_names gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_organisation_names_trgm ON people_organisation "
    "USING gin (search_names gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_exhibition_text_trgm ON events_exhibition "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_meeting_text_trgm ON events_meeting "
    "USING gin (search_text gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_meeting_text_trgm",
    "DROP INDEX IF EXISTS search_exhibition_text_trgm",
    "DROP INDEX IF EXISTS search_organisation_names_trgm",
    "DROP INDEX IF EXISTS search_person_names_trgm",
    "DROP INDEX IF EXISTS search_article_document",
    "DROP FUNCTION IF EXISTS public.archive_article_document(text, text, text)",
    "DROP FUNCTION IF EXISTS public.archive_fold(text)",
    # The extensions stay: other code may rely on them.
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
        ("search", "0001_tag_suggestions"),
        ("articles", "0001_initial"),
        ("people", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
