"""The body field: the rich-text editor's textarea, the sanitiser on save, and what it removed."""

from django.urls import reverse

from articles.editor import removed_by_sanitiser
from articles.models import Article


def _add_form(django_app, editor):
    page = django_app.get(reverse("admin:articles_article_add"), user=editor)
    form = page.forms["article_form"]
    form["headline"] = "Talks in Baku"
    form["slug"] = "talks-in-baku"
    return page, form


def test_body_is_the_editors_textarea_with_readable_help(django_app, editor):
    page, _ = _add_form(django_app, editor)
    # The editor's settings, as the browser reads the attribute (entities decoded).
    settings = page.html.find("textarea", attrs={"data-body-editor": True})["data-body-editor"]
    assert '"Blockquote":true' in settings
    assert "js/body_editor.js" in page.text
    assert '<script type="importmap"' not in page.text  # an inline script the CSP refuses
    assert "The story in paragraphs, with links, bold and italic, lists and quotes" in page.text
    assert "Paragraphs as" not in page.text


def test_sanitiser_removals_are_told_to_the_editor(django_app, editor):
    _, form = _add_form(django_app, editor)
    form["body"] = (
        '<p style="color: red">Kept text.</p><script>alert(1)</script>'
        '<p><a href="javascript:alert(1)">link</a> and <span>more</span></p>'
    )

    page = form.submit().follow()

    article = Article.objects.get(slug="talks-in-baku")
    assert "<script" not in article.body and "style=" not in article.body
    assert "javascript:" not in article.body
    assert "Kept text." in article.body and "more" in article.body
    assert "The body was cleaned on save" in page.text
    for removed in (
        "&lt;script&gt; elements",
        "the style attribute of &lt;p&gt;",
        "a link to “javascript:”",
        "&lt;span&gt; elements",
    ):
        assert removed in page.text


def test_a_clean_body_saves_without_a_warning(django_app, editor):
    _, form = _add_form(django_app, editor)
    form["body"] = (
        "<p>One <strong>bold</strong>, <em>italic</em> and "
        '<a href="https://example.org/">linked</a>.</p>'
        "<ul><li>a list</li></ul><blockquote><p>a quote</p></blockquote>"
    )

    page = form.submit().follow()

    assert "cleaned on save" not in page.text
    assert Article.objects.get(slug="talks-in-baku").body.startswith("<p>One <strong>bold")


def test_removals_are_named_once_each():
    assert removed_by_sanitiser("<p><img src=x><img src=y><!-- note --></p>") == [
        "<img> elements",
        "HTML comments",
    ]
    assert removed_by_sanitiser('<p>fine <a href="https://a.example/" rel="x">a</a></p>') == []
