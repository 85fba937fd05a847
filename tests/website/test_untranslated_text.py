"""No interface text on a public page bypasses translation.

The catalogue tests see only what is marked for translation; a string written straight into a
template or a Python f-string ("… relations", "2 meetings") never reaches a catalogue and
stays English on /az/ and /tr/ pages. Here every translation is replaced by a marked copy
(⟦…⟧), each public page is rendered, and whatever text a reader sees (text, titles, labels,
the map's and the network's tooltips) must be marked, be content the archive holds (a name,
a headline, a place: content stays in the language it was written in), or be numbers and
punctuation.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.translation import trans_real
from django_countries import countries

import core.countries
import core.models
from core.models import Fragment
from tests.browser.test_design import PAGES

# The kinds of public page the design walk leaves out.
MORE_PAGES = [
    "/organisations/turkiye-presidency-of-defence-industries/",
    "/delegations/turkiye-defence-industry-delegation-adex-2024/",
    "/organisations/turkiye-general-staff/",
    "/relations/az-tr/?page=1",
    "/search/?q=Gorgn",
    "/search/?q=Savunma",  # organisations found by an alias
    "/search/?q=zzzzqqq",
]

OPEN, CLOSE = "⟦", "⟧"
MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
# What a reader sees besides text: tooltips, labels, and the description search engines show.
SEEN_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "data-label"}
SHARED_META = {"og:title", "og:description", "og:image:alt"}
# Text that is not interface: names of formats and standards, written the same in every
# language (and the language switcher's own names, each in its language).
NOT_INTERFACE = {"CSV", "API", "Atom", "RSS", "ninjs", "JSON", "CAMEO", "COLT", "UTC"}
NOT_INTERFACE |= {"English", "Azərbaycanca", "Türkçe"}
# Code (the CSV's column names in the codebook) is read as written.
# An event's code and name in the CAMEO codebook ("CAMEO 046 Engage in negotiation") are the
# standard's own words, quoted as the standard writes them.
CODED = "CAMEO "
NOT_READ = {"script", "style", "code"}
# Containers of an article's own text (its body, standfirst, a search hit's excerpt): text
# there is the article's, cut into pieces by the links and highlights around names.
ARTICLE_TEXT_CLASSES = {"article-body", "standfirst", "snippet", "excerpt"}


def _marked(function):
    def marked(*args):
        return f"{OPEN}{function(*args)}{CLOSE}"

    return marked


@pytest.fixture
def pseudo_translated(monkeypatch):
    """Every gettext family call answers its text marked, wherever the call comes from."""
    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        real = getattr(trans_real, name)
        # django.utils.translation keeps the functions it has looked up once; its first look
        # stores trans_real's, so it comes first, to be put back as it was.
        monkeypatch.setattr(translation._trans, name, _marked(real))
        monkeypatch.setattr(trans_real, name, _marked(real))
    # Country names and choice labels are remembered per language once looked up (here and in
    # django-countries' sorted lists): forgotten before, so that they are marked, and after,
    # so that no marked name outlives the test.
    _forget_country_names()
    # The parts of pages stored on write (core.fragments) were rendered before the patch:
    # without them the pages render those parts now, through the marked functions.
    Fragment.objects.all().delete()
    yield
    monkeypatch.undo()
    _forget_country_names()


def _forget_country_names():
    core.countries._name_in.cache_clear()
    core.models._choice_labels.cache_clear()
    if hasattr(countries, "_iter_cache"):
        del countries._iter_cache


def content_values() -> set[str]:
    """Every text the archive holds, whole: names, headlines, places, titles, aliases..."""
    values = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields or model._meta.app_label in {"auth", "sessions", "admin", "axes"}:
            continue
        for row in model.objects.values_list(*fields):
            values.update(_normal(str(v)) for v in row if v)
            # A body is HTML: its text as a reader sees it, paragraphs apart.
            values.update(_normal(re.sub(r"<[^>]+>", " ", v)) for v in row if "<" in str(v))
    return values


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .,:;·–—-")


class SeenText(HTMLParser):
    """The text a reader sees, cut where tags or marks begin and end, each piece with
    whether it lies outside every mark and whether it sits inside an article's own text.

    A translated sentence may hold markup (a link), so a mark can open in one text node and
    close in a later one: the depth of marks is carried from node to node.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unmarked: list[tuple[str, bool]] = []
        self.stack: list[tuple[str, bool]] = []
        self.depth = 0

    def _inside_article(self) -> bool:
        return bool(self.stack and self.stack[-1][1])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        inside = self._inside_article() or bool(classes & ARTICLE_TEXT_CLASSES)
        if tag not in VOID:
            self.stack.append((tag, inside))
        for name, value in attrs.items():
            if name in SEEN_ATTRIBUTES and value:
                self.unmarked += [(part, inside) for part in _unmarked_parts(value)]
        # What search engines and link previews show of the page.
        if tag == "meta" and (
            attrs.get("name") == "description" or attrs.get("property") in SHARED_META
        ):
            self.unmarked += [(part, False) for part in _unmarked_parts(attrs["content"])]

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in NOT_READ:
            return
        outside = []
        for char in data:
            if char == OPEN:
                self.depth += 1
            elif char == CLOSE:
                self.depth -= 1
            outside.append(char if self.depth == 0 and char != CLOSE else "\x00")
        for part in "".join(outside).split("\x00"):
            self.unmarked.append((part, self._inside_article()))


VOID = {"br", "img", "input", "meta", "link", "hr", "source", "path", "rect", "circle", "line"}


def _unmarked_parts(text: str) -> list[str]:
    while MARKED.search(text):  # marks nest: a country's name inside a sentence
        text = MARKED.sub("\x00", text)
    return text.split("\x00")


def unmarked_text(html: str, content: set[str], article_text: str) -> list[str]:
    parser = SeenText()
    # Search highlights cut names and headlines into pieces: read them whole.
    parser.feed(re.sub(r"</?mark\b[^>]*>", "", html))
    found = []
    for piece, inside_article in parser.unmarked:
        if _normal(piece) in content or _normal(piece).startswith(CODED):
            continue
        # Content is joined by punctuation ("APA · Baku", "Zakir Həsənov: "): each part alone.
        for part in re.split(r"\s[·|–—-]\s|[,;:()]\s*|\s*·\s*", _normal(piece)):
            words = re.sub(rf"\b({'|'.join(NOT_INTERFACE)})\b", "", part)
            words = words.strip(" .,:;·–—-()[]/|+*%'\"«»“”?!…#")
            if not re.search(r"[^\W\d_]{2}", words) or part.startswith(CODED):
                continue
            if words in content:
                continue
            if len(words) > 3 and (inside_article or words in article_text):
                # A piece of a longer text the archive holds (a body's sentence around a
                # link), where the links cut sentences.
                if any(words in value for value in content if len(value) > 40):
                    continue
            found.append(words)
    return found


@pytest.mark.parametrize("language", ["az", "tr"])
def test_every_public_page_says_nothing_that_escaped_translation(
    seeded, client, pseudo_translated, language
):
    content = content_values()
    article_text = " ".join(value for value in content if len(value) > 200)
    problems = {}
    for path in [*PAGES, *MORE_PAGES]:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        # The reader's own query is said back as typed.
        query = set(re.findall(r"[?&]q=([^&]+)", path))
        found = unmarked_text(response.content.decode(), content | query, article_text)
        if found:
            problems[path] = sorted(set(found))
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_the_check_finds_text_written_past_the_catalogue(seeded, client, pseudo_translated):
    html = client.get("/az/about/").content.decode()
    assert unmarked_text(html, content_values(), "") == []
    planted = html.replace("</h1>", " relations</h1>", 1)
    assert unmarked_text(planted, content_values(), "") == ["relations"]


@pytest.mark.parametrize("language", ["az", "tr"])
def test_an_official_with_a_long_record_and_no_articles_is_said_in_the_language(
    seeded, client, pseudo_translated, language
):
    """The person page's "all meetings" link (shown from RECENT meetings on) and its empty
    articles section, which the seed's officials never show."""
    from datetime import date

    from events.models import Meeting, Participation
    from events.services import meeting_publish, meeting_save
    from people.models import Person
    from people.services import person_save
    from people.views import RECENT

    official = person_save(
        person=Person(name="Elnur Məmmədov", slug="elnur-mammadov", country="AZ")
    )
    for day in range(1, RECENT + 1):
        meeting = Meeting(
            title=f"Border talks {day}",
            slug=f"border-talks-{day}",
            kind="talks",
            cameo_code="046",
            date=date(2024, 5, day),
            host_country="AZ",
            guest_country="TR",
        )

        def participant(meeting=meeting):
            Participation.objects.create(meeting=meeting, person=official, role="host", side="AZ")

        meeting_publish(meeting=meeting_save(meeting=meeting, related=participant))
    html = client.get(f"/{language}/officials/elnur-mammadov/").content.decode()
    assert "?person=elnur-mammadov" in html  # the link to all of them is shown
    assert unmarked_text(html, content_values(), "") == []


@pytest.mark.parametrize("language", ["az", "tr"])
def test_an_organisation_with_a_website_and_a_search_title_are_said_in_the_language(
    seeded, client, pseudo_translated, language
):
    from people.models import Organisation
    from people.services import organisation_save

    staff = Organisation.objects.get(slug="turkiye-general-staff")
    staff.website = "https://www.tsk.tr/"
    organisation_save(organisation=staff)
    html = client.get(f"/{language}/organisations/turkiye-general-staff/").content.decode()
    assert 'href="https://www.tsk.tr/"' in html
    assert unmarked_text(html, content_values(), "") == []
    title = client.get(f"/{language}/search/?q=Savunma").content.decode()
    title = title.split("<title>")[1].split("</title>")[0]
    assert MARKED.sub("", title).strip(" ·") == "", title
