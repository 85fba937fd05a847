"""manage.py import_article: plain-text stories become drafts with suggestions attached."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleStatus
from search.models import TagSuggestion

STORY = """\
Ankara hosts Baku delegation for talks on joint drone output

ANKARA—Turkish defence minister Yasar Guler received Zakir Hasanov on Tuesday for a \
second round of talks on shared production lines.
The two sides agreed a working timetable.

Officials from the SSB joined the afternoon session, where Haluk Gorgun presented
figures on export orders.

A statement from the Azerbaijani side thanked the hosts.

Share this article

Back To Top
"""

FALSE_FRIEND = """\
Harbour works resume after the storm

GANJA—Crews at the bay cleared the quay on Monday. Engineers said capacity would
return to normal by the weekend, and the apa of the old town was untouched.

Read more
"""


def run(tmp_path, content, *args, name="story.txt"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = StringIO()
    call_command("import_article", str(path), *args, stdout=out)
    return out.getvalue()


def test_story_becomes_a_draft_with_suggestions_not_applied(tmp_path, seeded):
    output = json.loads(run(tmp_path, STORY, "--json", "--date", "2024-09-26"))
    article = Article.objects.get(pk=output["article"]["id"])
    assert article.status == ArticleStatus.DRAFT
    assert article.headline == "Ankara hosts Baku delegation for talks on joint drone output"
    assert article.dateline_place == "Ankara"
    assert article.body.startswith("<p>Turkish defence minister Yasar Guler received")
    assert article.body.count("<p>") == 3
    assert "Back To Top" not in article.body and "Share this" not in article.body
    assert "The two sides agreed" in article.body  # lines of a paragraph are joined

    found = output["suggestions"]
    assert {p["name"] for p in found["people"]} == {
        "Yaşar Güler",
        "Zakir Həsənov",
        "Haluk Görgün",
    }
    assert {o["name"] for o in found["organisations"]} == {"Presidency of Defence Industries"}
    assert {c["id"] for c in found["countries"]} == {"TR", "AZ"}
    assert found["exhibitions"] == []
    for entry in found["people"]:
        assert isinstance(entry["id"], int)

    # Attached, not applied: no tags until an editor accepts them.
    assert not article.people.exists() and not article.countries.exists()
    assert TagSuggestion.objects.filter(article=article).count() == 6
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_false_friends_are_not_suggested(tmp_path, seeded):
    output = json.loads(run(tmp_path, FALSE_FRIEND, "--json", "--date", "2024-09-26"))
    found = output["suggestions"]
    assert found["people"] == [] and found["organisations"] == []
    assert output["article"]["dateline"] == "Ganja"


def test_plain_output_names_the_draft(tmp_path, seeded):
    output = run(tmp_path, STORY, "--date", "2024-09-26")
    assert "Draft article" in output and "Yaşar Güler" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Başlıq\n\nMətn burada.".encode("cp1254", errors="replace") + b"\xe6\xff", "UTF-8"),
        (b"Headline only\n\nBack To Top\n", "no story"),
    ],
)
def test_unreadable_files_are_refused_and_nothing_written(tmp_path, seeded, content, message):
    before = Article.objects.count()
    with pytest.raises(CommandError, match=message):
        run(tmp_path, content)
    assert Article.objects.count() == before
    assert not TagSuggestion.objects.exists()


def test_missing_file_and_bad_date_are_command_errors(tmp_path, db):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_article", str(tmp_path / "nope.txt"))
    (tmp_path / "s.txt").write_text(STORY, encoding="utf-8")
    with pytest.raises(CommandError, match="date"):
        call_command("import_article", str(tmp_path / "s.txt"), "--date", "yesterday")
    assert not Article.objects.exists()


def test_same_headline_twice_gets_a_new_address(tmp_path, seeded):
    first = json.loads(run(tmp_path, STORY, "--json", "--date", "2024-09-26"))["article"]["slug"]
    second = json.loads(run(tmp_path, STORY, "--json", "--date", "2024-09-26"))["article"]["slug"]
    assert first != second


def test_without_date_the_datelines_date_is_the_storys(tmp_path, seeded):
    dated = STORY.replace("ANKARA—", "ANKARA, Sept. 26, 2024 —")
    output = json.loads(run(tmp_path, dated, "--json"))
    assert output["article"]["dateline"] == "Ankara"
    assert output["article"]["dateline_date"] == "2024-09-26"
    article = Article.objects.get(pk=output["article"]["id"])
    assert article.body.startswith("<p>Turkish defence minister")


def test_a_date_opening_the_story_counts_as_the_datelines(tmp_path, seeded):
    dated = STORY.replace("ANKARA—", "ANKARA—On 26 September 2024, ")
    output = json.loads(run(tmp_path, dated, "--json"))
    assert output["article"]["dateline_date"] == "2024-09-26"


@pytest.mark.parametrize(
    ("dateline", "missing"),
    [
        ("ANKARA—", "The dateline gives no date"),
        ("ANKARA—On September 26, ", "The dateline gives “September 26” but no year"),
        ("ANKARA, 31 September 2024 —", "is not a real date"),
        ("", "The story has no dateline"),
    ],
)
def test_without_date_a_dateline_lacking_one_is_refused_naming_what_is_missing(
    tmp_path, seeded, dateline, missing
):
    story = STORY.replace("ANKARA—", dateline)
    with pytest.raises(CommandError, match=missing) as refused:
        run(tmp_path, story)
    assert "--date YYYY-MM-DD" in str(refused.value)
    assert not Article.objects.filter(headline__startswith="Ankara hosts").exists()


def test_the_weekday_named_is_offered_as_the_meeting_date_inferred(tmp_path, seeded):
    # 26 September 2024 was a Thursday: "on Tuesday" is the 24th.
    output = json.loads(run(tmp_path, STORY, "--json", "--date", "2024-09-26"))
    assert output["meeting_date"] == {
        "date": "2024-09-24",
        "precision": "inferred",
        "from": "on Tuesday",
    }
    plain = run(tmp_path, STORY, "--date", "2024-09-26")
    assert "meeting date offered: Tuesday 2024-09-24 (inferred from “on Tuesday”)" in plain


def test_a_weekday_of_the_storys_own_day_is_that_day(tmp_path, seeded):
    output = json.loads(run(tmp_path, STORY, "--json", "--date", "2024-09-24"))
    assert output["meeting_date"]["date"] == "2024-09-24"


def test_no_weekday_no_meeting_date(tmp_path, seeded):
    story = STORY.replace(" on Tuesday", "")
    output = json.loads(run(tmp_path, story, "--json", "--date", "2024-09-26"))
    assert output["meeting_date"] is None
