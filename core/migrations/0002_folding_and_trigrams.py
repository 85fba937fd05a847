"""PostgreSQL's unaccent and pg_trgm extensions, and archive_fold(), the SQL twin of core.text.fold.

unaccent() is only STABLE (it reads its dictionary by search_path), so a generated column or an
index cannot call it directly: archive_fold() names the dictionary with its schema and is
declared IMMUTABLE, which is true as long as the dictionary is not edited. unaccent folds
ş ğ ç ö ü ı İ but leaves the Azerbaijani schwa alone, so ə/Ə are translated first.

The extensions and the function used to be created by search/migrations/0002 (hence IF NOT
EXISTS and OR REPLACE: a database migrated before keeps what it has).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

ARCHIVE_FOLD = """
CREATE OR REPLACE FUNCTION public.archive_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(public.unaccent('public.unaccent'::regdictionary, translate(value, 'əƏ', 'aa')))
$$
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0001_content_version")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(ARCHIVE_FOLD, "DROP FUNCTION IF EXISTS public.archive_fold(text)"),
    ]
