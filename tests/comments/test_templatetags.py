import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.utils.html import escape
from django.utils.safestring import SafeString

from articles.models import Article
from comments.prompts import comments_are_open, reader_prompt_for
from comments.text import _PARAGRAPH_BREAK, comment_html, comment_markup, linkify, safe_url
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db


def render(source, **context):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return engines["django"].from_string("{% load newsroom_comments %}" + source).render(context, request)


def detail(article):
    return Article.objects.for_detail().get(pk=article.pk)


# Reader prompt -------------------------------------------------------------------------------


def test_the_articles_own_prompt_wins():
    article = make_article(reader_prompt="Own?", category=make_category(reader_prompt="Section?"))

    assert reader_prompt_for(article) == "Own?"


def test_the_nearest_section_with_a_prompt_is_next():
    news = make_category(reader_prompt="News?")
    world = make_category(parent=news)
    europe = make_category(parent=world)

    article = make_article(category=europe)
    assert reader_prompt_for(detail(article)) == "News?"
    world.reader_prompt = "World?"
    world.save()
    assert reader_prompt_for(detail(article)) == "World?"


def test_the_site_default_is_last(settings):
    settings.NEWSROOM_DEFAULT_READER_PROMPT = "Tell us."

    assert reader_prompt_for(make_article()) == "Tell us."


def test_reader_prompt_tag_links_to_the_form_or_says_closed(django_assert_num_queries):
    open_article = detail(make_article(reader_prompt="What next?"))
    closed = detail(make_article(comments_enabled=False))

    with django_assert_num_queries(0):  # everything comes with for_detail()
        html = render("{% reader_prompt article %}", article=open_article)
    assert "What next?" in html and 'href="#leave-a-comment"' in html
    closed_html = render("{% reader_prompt article %}", article=closed)
    assert "Comments are closed." in closed_html and "leave-a-comment" not in closed_html


def test_a_draft_gets_no_prompt_and_no_section():
    draft = detail(make_article(status="draft"))

    assert render("{% reader_prompt article %}{% comment_section article %}", article=draft).strip() == ""


def test_comments_are_open_until_the_closing_day():
    from datetime import timedelta

    from django.utils import timezone

    article = make_article(category=make_category(comments_close_after_days=3))
    published = article.first_published_at

    assert comments_are_open(article, now=published + timedelta(days=2, hours=23))
    assert not comments_are_open(article, now=published + timedelta(days=3))
    assert published <= timezone.now()


# Comment section -----------------------------------------------------------------------------


# Queries for {% comment_section %} on an article from for_detail():
# 1 counts of approved comments and top-level threads, 2 the page's threads
# with their approved replies, 3 the announcements running now. Nothing else:
# names are stored on the comments, the prompt's sections came with the
# article, the form needs no query.
def test_the_comment_section_costs_three_queries(django_assert_num_queries):
    article = make_article()
    for _ in range(3):
        make_comment(article, parent=make_comment(article))
    article = detail(article)

    with django_assert_num_queries(3):
        render("{% comment_section article %}", article=article)


def test_ten_more_threads_with_signed_in_commenters_cost_the_same(django_assert_num_queries):
    from django.contrib.auth.models import User

    article = make_article()
    for i in range(10):
        top = make_comment(article, user=User.objects.create_user(f"r{i}", first_name="Named"))
        make_comment(article, parent=top)
    article = detail(article)

    with django_assert_num_queries(3):
        html = render("{% comment_section article %}", article=article)
    assert "20 comments" in html


def test_user_text_and_names_are_escaped_and_links_are_nofollow_ugc():
    article = make_article()
    make_comment(
        article,
        name="<script>alert('name')</script>",
        text="<script>alert('text')</script> see http://example.com/a?b=1&c=2.",
        user_url="https://example.org/me",
    )
    make_comment(article, name="Mallory", user_url="javascript:alert(1)")

    html = render("{% comment_section article %}", article=detail(article))

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;text&#x27;)&lt;/script&gt;" in html
    assert '<a href="http://example.com/a?b=1&amp;c=2" rel="nofollow ugc">' in html
    assert '<a href="https://example.org/me" rel="nofollow ugc">&lt;script&gt;' in html
    assert "javascript:" not in html


# Text ----------------------------------------------------------------------------------------


def test_paragraphs_and_line_breaks_are_kept():
    assert comment_html("One\nline\n\n\nTwo") == "<p>One<br>line</p>\n<p>Two</p>"


def test_only_http_and_https_become_links():
    assert linkify("javascript:alert(1) data:text/html,x ftp://x.org") == (
        "javascript:alert(1) data:text/html,x ftp://x.org"
    )
    assert linkify("(see https://en.example.org/wiki/Thing_(x))") == (
        '(see <a href="https://en.example.org/wiki/Thing_(x)" rel="nofollow ugc">'
        "https://en.example.org/wiki/Thing_(x)</a>)"
    )


def test_quotes_cannot_break_out_of_a_link():
    html = linkify('https://example.com/"onmouseover="alert(1)')

    assert 'href="https://example.com/"' in html
    assert "&quot;onmouseover=&quot;alert(1)" in html


def test_long_addresses_are_shortened_for_display_only():
    url = "https://example.com/" + "a" * 100

    assert f'href="{url}"' in linkify(url)
    assert "…</a>" in linkify(url)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com", "https://example.com"),
        ("http://example.com/x", "http://example.com/x"),
        ("javascript:alert(1)", ""),
        (" JAVASCRIPT:alert(1)", ""),
        ("data:text/html,x", ""),
        ("//example.com", ""),
        ("https://", ""),
        ("", ""),
        (None, ""),
        ("http://[::1", ""),
    ],
)
def test_safe_url(url, safe):
    assert safe_url(url) == safe


def test_text_without_an_address_is_escaped_as_django_escapes_it():
    text = """<script>alert("x")</script> & 'quotes' ftp:/ not a link"""
    assert linkify(text) == escape(text)
    assert comment_html(f"{text}\n\n{text}") == f"<p>{escape(text)}</p>\n<p>{escape(text)}</p>"


def paragraphs_the_long_way(text):
    """What comment_html() wrote before it took a short cut for one paragraph without an address."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip("\n") for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    return "\n".join(f"<p>{linkify(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "   ",
        " \r\n\t ",
        "Plain words.",
        "  padded <b>&</b> 'quoted' \"double\"  ",
        "\r\nafter a line break\r\n",
        "carriage\rreturn",
        "two\n\nparagraphs",
        "line\nbreak",
        "tab\tand\x0bvertical\x0cfeed\u2028separator\u00a0space",
        "see https://example.com/a.",
        "ftp://not.a/link and javascript:x",
        "\u3000wide space\u3000",
    ],
)
def test_the_short_cut_writes_what_the_long_way_writes(text):
    assert comment_markup(text) == paragraphs_the_long_way(text)
    assert comment_html(text) == paragraphs_the_long_way(text)
    assert isinstance(comment_html(text), SafeString)
