import pytest

from articles.sanitising import sanitise_body
from tests.factories import make_article, make_category


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a rel="noopener">x</a>'),
        ('<img src="x" onerror="steal()">', ""),
        ("<style>body{}</style><p>ok</p>", "<p>ok</p>"),
        ("<iframe src='https://example.com'></iframe>", ""),
        ("<!-- note --><p>ok</p>", "<p>ok</p>"),
        (
            '<a href="https://example.com" onmouseover="x()">ok</a>',
            '<a href="https://example.com" rel="noopener">ok</a>',
        ),
        ('<p style="color:red" class="x">ok</p>', "<p>ok</p>"),
    ],
)
def test_sanitise_body_removes_scripts_handlers_and_dangerous_links(dirty, clean):
    assert sanitise_body(dirty) == clean


def test_allowed_markup_survives():
    html = "<h2>Head</h2><p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul><blockquote>d</blockquote>"

    assert sanitise_body(html) == html


def test_none_becomes_empty():
    assert sanitise_body(None) == ""


@pytest.mark.django_db
@pytest.mark.usefixtures("app_pages")
def test_saving_sanitises_and_the_page_shows_only_clean_markup(client):
    make_article(
        slug="dirty",
        category=make_category(slug="news"),
        body='<p onload="x()">Text</p><script>alert(1)</script><a href="javascript:void(0)">link</a>',
    )

    html = client.get("/news/dirty/").content.decode()
    body = html[html.index('<div class="article-body">') :]
    body = body[: body.index("</div>")]

    assert body == '<div class="article-body"><p>Text</p><a rel="noopener">link</a>'
    assert "javascript:" not in html
    assert "onload" not in html
