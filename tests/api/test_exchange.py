import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.services import article_withdraw
from exchange.archive import export_lines, import_lines
from people.models import Person
from tests.api.factories import make_article


def export_bytes(**options) -> bytes:
    out = io.BytesIO()
    for line in export_lines(**options):
        out.write(line)
    return out.getvalue()


def wipe_content():
    """Empty the content tables so the same test database can receive the import."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import connection

    models = [get_user_model()]
    for label in ("articles", "events", "people"):
        models += list(apps.get_app_config(label).get_models(include_auto_created=True))
    with connection.constraint_checks_disabled():
        for model in models:
            model._base_manager.all()._raw_delete(model._base_manager.db)


@pytest.fixture
def archive(seeded):
    make_article(published=False, headline="A draft nobody outside may read")
    withdrawn = make_article()
    article_withdraw(article=withdrawn)
    return Article.objects.count()


@pytest.mark.parametrize("scope", ["published", "all"])
def test_export_import_export_is_byte_identical(archive, scope):
    first = export_bytes(scope=scope)
    wipe_content()
    import_lines(io.BytesIO(first))
    second = export_bytes(scope=scope)
    assert second == first
    assert first.count(b"\n") > 50


def test_published_export_leaves_drafts_and_notes_out(archive):
    Person.objects.filter(slug="zakir-hasanov").update(notes="internal only")
    data = export_bytes(scope="published")
    assert b"A draft nobody outside may read" not in data
    assert b"internal only" not in data
    assert data.count(b'"model":"articles.article"') == 1
    full = export_bytes(scope="all")
    assert b"A draft nobody outside may read" in full
    assert b"articles.historicalarticle" in full
    assert b"pbkdf2" not in full and b'"password"' not in full


def test_command_writes_a_file_and_imports_it(archive, tmp_path, capsys):
    path = tmp_path / "archive.ndjson"
    call_command("export_archive", "--all", "-o", str(path))
    before = path.read_bytes()
    wipe_content()
    call_command("import_archive", str(path))
    again = tmp_path / "again.ndjson"
    call_command("export_archive", "--all", "-o", str(again))
    assert again.read_bytes() == before
    assert Article.objects.filter(status="draft").exists()


def test_since_exports_only_later_changes(archive):
    person = Person.objects.get(slug="cahit-bagci")
    cut = person.updated_at
    Person.objects.filter(pk=person.pk).update(updated_at=cut)  # unchanged
    person.honorific = "Ambassador"
    person.save()
    data = export_bytes(scope="published", since=cut)
    assert b'"slug":"cahit-bagci"' in data
    assert b'"slug":"zakir-hasanov"' not in data


def test_import_refuses_a_non_empty_database(archive):
    data = export_bytes()
    with pytest.raises(Exception, match="empty database"):
        import_lines(io.BytesIO(data))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda lines: lines[:-1], "end line"),  # truncated at a line boundary
        (lambda lines: lines[:-1] + [lines[-1][:-9]], "line"),  # cut mid-line
        (lambda lines: lines[:5] + [b'{"model": "people.person", "pk": \n'] + lines[5:], "line 6"),
        (
            lambda lines: (
                lines[:3] + [b'{"model": "nope.nope", "pk": 1, "fields": {}}\n'] + lines[3:]
            ),
            "line 4",
        ),
        (lambda lines: [b'{"format": "other"}\n'] + lines[1:], "line 1"),
    ],
)
def test_a_damaged_file_is_refused_naming_the_line_and_nothing_is_written(
    archive, tmp_path, damage, message
):
    lines = io.BytesIO(export_bytes()).readlines()
    wipe_content()
    path = tmp_path / "damaged.ndjson"
    path.write_bytes(b"".join(damage(lines)))
    with pytest.raises(CommandError, match=message):
        call_command("import_archive", str(path))
    assert not Person.objects.exists()
    assert not Article.objects.exists()


def test_a_bad_value_is_refused_naming_the_line(archive, tmp_path):
    lines = io.BytesIO(export_bytes()).readlines()
    wipe_content()
    number = next(i for i, line in enumerate(lines) if b'"model":"events.meeting"' in line)
    lines[number] = lines[number].replace(b'"date":"2024-09-24"', b'"date":"24 September"')
    path = tmp_path / "bad.ndjson"
    path.write_bytes(b"".join(lines))
    with pytest.raises(CommandError, match=f"line {number + 1}"):
        call_command("import_archive", str(path))
    assert not Person.objects.exists()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_export_shows_a_progress_bar_on_a_terminal_only(archive, tmp_path, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    call_command("export_archive", "-o", str(tmp_path / "a.ndjson"))
    rows = (tmp_path / "a.ndjson").read_bytes().count(b"\n")
    assert f"{rows}/{rows}" in terminal.getvalue()
    assert "rows" in terminal.getvalue()

    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    call_command("export_archive", "-o", str(tmp_path / "b.ndjson"))
    assert pipe.getvalue() == ""


def test_a_generated_archive_round_trips_byte_for_byte(db):
    from seeds.synthetic import generate_archive

    generate_archive(articles=40, seed=3)
    first = export_bytes(scope="all")
    wipe_content()
    import_lines(io.BytesIO(first))
    assert export_bytes(scope="all") == first
