"""Every public list and detail page with the seed story loaded: what a reader must find there."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import article_save
from events.models import Meeting
from tests.articles.factories import ArticleFactory
from tests.events.factories import ExhibitionFactory, MeetingFactory

ARTICLE = "/articles/azerbaijan-turkiye-defence-talks-adex-2024/"
TALKS = "/meetings/hasanov-guler-talks-adex-2024/"
CONTRACTS = "/meetings/hasanov-ssb-delegation-adex-2024/"
DELEGATION = "/delegations/turkiye-defence-industry-delegation-adex-2024/"


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_article_page_shows_the_report_and_everything_it_links(seeded, client):
    html = page(client, ARTICLE)

    assert html.count("<h1>") == 1
    assert "Azerbaijan and Türkiye defence chiefs discuss deeper military cooperation" in html
    assert '<span class="dateline-place">Baku</span>' in html
    assert '<time datetime="2024-09-24">24 September 2024</time>' in html
    # The inferred date is a note that says what it means, not a bare "(date inferred)".
    assert "(date inferred)" not in html[: html.index('class="related-grid"')]
    assert "Date inferred: the original report does not give the full date" in html
    assert '<p class="standfirst">Zakir Həsənov and Yaşar Güler met on the sidelines' in html
    assert "<p>The ministers spoke about joint military-technical projects" in html
    assert "By Archive desk" in html
    assert 'href="/articles/?source=apa">Azeri-Press News Agency (APA)</a>' in html
    assert f'href="{TALKS}"' in html and f'href="{CONTRACTS}"' in html
    assert 'href="/topics/joint-production/">Joint production</a>' in html
    assert 'href="/exhibitions/adex-2024/"' in html


def test_article_page_gives_each_person_the_title_held_on_the_articles_date(seeded, client):
    html = page(client, ARTICLE)

    # Güler was chief of the general staff until June 2023 and minister from then on.
    assert (
        '<a href="/officials/yasar-guler/">Yaşar Güler</a>, '
        '<span class="title">Minister of National Defence of Türkiye</span>'
    ) in html
    assert "Chief of the General Staff of Türkiye" not in html
    assert (
        '<a href="/officials/zakir-hasanov/">Zakir Həsənov</a>, '
        '<span class="title">Minister of Defence of Azerbaijan</span>'
    ) in html
    assert (
        "First Deputy Minister of Defence of Azerbaijan; "
        "Chief of the General Staff of the Azerbaijani Army" in html
    )
    assert "Titles as held on 24 September 2024." in html


def test_article_page_titles_follow_the_date_of_the_story(seeded, client):
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    article.dateline_date = date(2020, 1, 15)
    article_save(article=article)

    html = page(client, ARTICLE)

    assert (
        '<a href="/officials/yasar-guler/">Yaşar Güler</a>, '
        '<span class="title">Chief of the General Staff of Türkiye</span>'
    ) in html


def test_article_page_lists_related_published_articles_only(seeded, client):
    story = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    talks = Meeting.objects.get(slug="hasanov-guler-talks-adex-2024")
    follow_up = ArticleFactory(
        published=True, headline="Follow-up on the ADEX talks", meetings=[talks]
    )
    ArticleFactory(published=False, headline="Draft follow-up", meetings=[talks])
    ArticleFactory(
        published=True,
        headline="Scheduled follow-up",
        published_at=timezone.now() + timedelta(days=1),
        meetings=[talks],
    )
    ArticleFactory(published=True, headline="Unrelated report")

    html = page(client, story.get_absolute_url())

    assert "Related articles" in html
    assert f'href="{follow_up.get_absolute_url()}">Follow-up on the ADEX talks</a>' in html
    for absent in ("Draft follow-up", "Scheduled follow-up", "Unrelated report"):
        assert absent not in html


def test_draft_and_scheduled_articles_have_no_page(seeded, client):
    draft = ArticleFactory(published=False)
    scheduled = ArticleFactory(published=True, published_at=timezone.now() + timedelta(days=1))

    page(client, draft.get_absolute_url(), status=404)
    page(client, scheduled.get_absolute_url(), status=404)


def test_article_list_shows_published_articles_newest_first(seeded, client):
    ArticleFactory(published=False, headline="Unfinished draft")
    newer = ArticleFactory(published=True, headline="A newer report")

    html = page(client, "/articles/")

    assert "Unfinished draft" not in html
    assert html.index(newer.headline) < html.index("Azerbaijan and Türkiye defence chiefs")
    assert "2 articles." in html
    assert '<label for="id_q">' in html and '<label for="id_country">' in html
    assert "<legend>Topics (all of them)</legend>" in html


def test_person_page_shows_positions_meetings_and_articles(seeded, client):
    html = page(client, "/officials/yasar-guler/")

    assert "<h1>Yaşar Güler</h1>" in html
    assert "also written Yasar Guler" in html
    # The timeline, latest first: minister since June 2023, chief of the general staff before.
    minister = html.index("Minister of National Defence of Türkiye")
    chief = html.index("Chief of the General Staff of Türkiye")
    assert minister < chief
    assert '<time datetime="2023-06-03">3 June 2023</time> – present' in html
    assert '<time datetime="2023-06-02">2 June 2023</time>' in html
    assert f'href="{TALKS}">Həsənov and Güler hold defence talks at ADEX 2024</a>' in html
    assert "· Guest</p>" in html
    assert f'href="{ARTICLE}"' in html
    met = html[html.index('id="met-most"') :]
    assert 'href="/officials/zakir-hasanov/">Zakir Həsənov</a>' in met
    assert "1 meeting together" in met


def test_person_page_native_spelling_and_delegations(seeded, client):
    html = page(client, "/officials/zakir-hasanov/")
    assert '<h1><span class="honorific">Colonel General</span> Zakir Həsənov</h1>' in html
    assert "also written Zakir Gasanov, Zakir Hasanov" in html
    # Həsənov met Görgün and Güler's side: everyone he met appears, with the count.
    met = html[html.index('id="met-most"') :]
    assert "Haluk Görgün" in met and "Yaşar Güler" in met

    html = page(client, "/officials/haluk-gorgun/")
    assert f'href="{DELEGATION}">Turkish defence-industry delegation at ADEX 2024</a>' in html
    assert "(head)" in html


def test_person_list_shows_officials_with_current_titles(seeded, client):
    html = page(client, "/officials/")

    assert 'href="/officials/zakir-hasanov/">Zakir Həsənov</a>' in html
    assert "Türkiye · Minister of National Defence of Türkiye" in html
    assert "Chief of the General Staff of Türkiye" not in html  # a past post
    assert "5 officials." in html


def test_meeting_page_shows_date_place_people_outcomes_and_reports(seeded, client):
    html = page(client, CONTRACTS)

    assert "<h1>Həsənov receives Turkish defence-industry delegation led by Görgün</h1>" in html
    assert '<time datetime="2024-09-24">24 September 2024</time>' in html
    assert "(date inferred)" in html
    assert "Baku Expo Center, Baku, Azerbaijan" in html
    assert 'href="/exhibitions/adex-2024/">ADEX 2024</a>' in html
    assert 'href="/relations/az-tr/"' in html
    # Participants with roles and the titles held that day, hosts first.
    assert html.index("Zakir Həsənov</a></th>") < html.index("Haluk Görgün</a></th>")
    assert '<td data-label="Role">Host</td>' in html
    assert "Head of delegation" in html
    assert '<td data-label="Title then">President of Defence Industries of Türkiye</td>' in html
    assert f'href="{DELEGATION}">Turkish defence-industry delegation at ADEX 2024</a>' in html
    # An outcome whose count the report does not give is "several", never 1.
    assert "Contracts on joint military-technical cooperation" in html
    assert "Several contracts" in html
    assert "1 contract" not in html
    assert 'href="/topics/defence-industry/">Defence industry</a>' in html
    assert f'href="{ARTICLE}"' in html


def test_meeting_page_lists_only_published_articles(seeded, client):
    talks = Meeting.objects.get(slug="hasanov-guler-talks-adex-2024")
    ArticleFactory(published=False, headline="Draft about the talks", meetings=[talks])
    ArticleFactory(
        published=True,
        headline="Embargoed report on the talks",
        published_at=timezone.now() + timedelta(hours=2),
        meetings=[talks],
    )

    html = page(client, TALKS)

    assert "Draft about the talks" not in html
    assert "Embargoed report on the talks" not in html
    assert f'href="{ARTICLE}"' in html


def test_meeting_page_states_what_is_known_of_the_date(db, client):
    by_month = MeetingFactory(published=True, date="2019-05-01", date_precision="month")
    by_year = MeetingFactory(published=True, date="2018-01-01", date_precision="year")

    assert '<time datetime="2019-05">May 2019</time>' in page(client, by_month.get_absolute_url())
    assert '<time datetime="2018">2018</time>' in page(client, by_year.get_absolute_url())


def test_meeting_list_shows_meetings_with_people(seeded, client):
    html = page(client, "/meetings/")

    assert f'href="{TALKS}"' in html and f'href="{CONTRACTS}"' in html
    assert 'href="/officials/yasar-guler/">Yaşar Güler</a>' in html
    assert "(date inferred)" in html
    assert "2 meetings." in html


def test_exhibition_page_links_editions_and_meetings(seeded, client):
    from events.models import Exhibition

    adex = Exhibition.objects.get(slug="adex-2024")
    earlier = ExhibitionFactory(
        series=adex.series,
        name="ADEX 2022",
        slug="adex-2022",
        start_date="2022-09-06",
        end_date="2022-09-08",
        edition=4,
    )

    html = page(client, "/exhibitions/adex-2024/")

    assert "<h1>ADEX 2024</h1>" in html
    assert "Baku Expo Center, Baku, Azerbaijan" in html
    assert "Azerbaijan International Defence Exhibition (ADEX), edition 5" in html
    assert f'href="{TALKS}"' in html and f'href="{CONTRACTS}"' in html
    assert 'href="/exhibitions/adex-2022/">ADEX 2022</a>' in html
    assert f'href="{ARTICLE}"' in html
    assert 'href="/exhibitions/adex-2024/">ADEX 2024</a>' in page(
        client, earlier.get_absolute_url()
    )


def test_exhibition_list(seeded, client):
    html = page(client, "/exhibitions/")
    assert 'href="/exhibitions/adex-2024/">ADEX 2024</a>' in html
    assert "2 meetings" in html


def test_organisation_page_shows_people_over_time_and_structure(seeded, client):
    html = page(client, "/organisations/turkiye-general-staff/")

    assert "<h1>General Staff of the Republic of Türkiye" in html
    assert 'href="/officials/yasar-guler/">Yaşar Güler</a>' in html
    assert "Chief of the General Staff of Türkiye" in html
    assert '<time datetime="2018-07-10">10 July 2018</time>' in html
    assert 'Part of <a href="/organisations/turkiye-ministry-of-national-defence/">' in html

    html = page(client, "/organisations/turkiye-presidency-of-defence-industries/")
    assert "Haluk Görgün" in html
    assert "Savunma Sanayii Başkanlığı" in html
    assert f'href="{DELEGATION}"' in html

    html = page(client, "/organisations/turkiye-ministry-of-national-defence/")
    assert 'href="/organisations/turkiye-general-staff/">' in html  # a body under it


def test_organisation_list(seeded, client):
    html = page(client, "/organisations/")
    assert 'href="/organisations/turkiye-presidency-of-defence-industries/">' in html
    assert (
        "Defence-industry agency · Türkiye · part of Presidency of the Republic of Türkiye" in html
    )


def test_choice_labels_follow_the_page_language(seeded, client):
    # Labels are remembered per language (core.models.ChoiceLabels): each language in turn,
    # then English again, must name the kind in its own words.
    for prefix, label in (
        ("", "Defence-industry agency"),
        ("/tr", "Savunma sanayii kurumu"),
        ("/az", "Müdafiə sənayesi qurumu"),
        ("", "Defence-industry agency"),
    ):
        html = page(client, f"{prefix}/organisations/")
        assert f'<p class="meta">{label} · ' in html, prefix


def test_delegation_page(seeded, client):
    html = page(client, DELEGATION)

    assert "<h1>Turkish defence-industry delegation at ADEX 2024</h1>" in html
    assert 'href="/officials/haluk-gorgun/">Haluk Görgün</a> <span class="muted">(head' in html
    assert 'href="/organisations/turkiye-presidency-of-defence-industries/"' in html
    assert f'href="{CONTRACTS}"' in html
    assert f'href="{DELEGATION}"' in page(client, "/delegations/")


def test_topic_pages(seeded, client):
    html = page(client, "/topics/")
    assert 'href="/topics/joint-production/">Joint production</a>' in html
    assert "7 topics." in html

    html = page(client, "/topics/defence-industry/")
    assert "<h1>Defence industry</h1>" in html
    assert "Defence companies, procurement agencies and their contracts." in html
    assert f'href="{ARTICLE}"' in html
    assert f'href="{CONTRACTS}"' in html and f'href="{TALKS}"' not in html
    assert 'href="/articles/?topic=defence-industry"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-article/",
        "/officials/nobody/",
        "/organisations/nothing/",
        "/meetings/never-held/",
        "/exhibitions/no-show/",
        "/delegations/nobody-sent/",
        "/topics/no-topic/",
    ],
)
def test_unknown_objects_are_404(db, client, url):
    page(client, url, status=404)


@pytest.mark.parametrize(
    "url",
    [
        "/articles/",
        ARTICLE,
        "/officials/",
        "/officials/yasar-guler/",
        "/organisations/",
        "/organisations/turkiye-general-staff/",
        "/meetings/",
        CONTRACTS,
        "/exhibitions/",
        "/exhibitions/adex-2024/",
        "/delegations/",
        DELEGATION,
        "/topics/",
        "/topics/joint-production/",
    ],
)
def test_every_page_is_one_labelled_document(seeded, client, url):
    html = page(client, url)

    assert '<html lang="en">' in html
    assert main_of(html).count("<h1") == 1
    assert (
        '<main id="content" class="wrap">' in html
        and '<nav class="site-nav" aria-label="Sections">' in html
    )
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    title = html[html.index("<title>") + 7 : html.index("</title>")]
    assert title.endswith("· Bilateral Relations Archive") and len(title) > 35
    description = html.split('<meta name="description" content="', 1)[1].split('"', 1)[0]
    assert len(description) > 40
    # Every visible form control has a label.
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html):
        assert f'for="{control_id}"' in html, control_id


def test_print_style_keeps_the_article_and_drops_the_rest():
    # The print stylesheet is its own file, linked with media="print" from every page.
    print_rules = (Path(__file__).parents[2] / "static/css/print.css").read_text()
    hidden_rule = print_rules.split("{", 1)[0]
    for hidden in (".site-nav", ".masthead", ".filter-panel", ".pagination", ".related-grid"):
        assert hidden in hidden_rule
