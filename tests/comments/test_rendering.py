import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from comments import rendering
from comments.threads import Node, Shown, build_tree, thread_page
from tests.factories import make_article, make_comment

OPTIONS = rendering.ThreadOptions(
    labels={
        "like": "Like",
        "report": "Report",
        "reply": "Reply",
        "featured": "Featured",
        "author": "Author",
        "staff": "Staff",
    },
    like_url=("/comments/", "/like/"),
    report_url=("/comments/", "/report/"),
)


def squeeze(html):
    """The markup without the whitespace between tags, which the template and Python lay out differently."""
    return re.sub(r">\s+<", "><", str(html)).strip()


def shown(pk, *, parent=None, name="Reader", url="", text="Hello.", likes=0, minute=0, **marks):
    when = datetime(2026, 3, 7, 9, minute, tzinfo=UTC)
    return Shown(pk, parent or pk, name, url, text, when, likes, **marks)


@pytest.fixture
def tree(settings):
    settings.TIME_ZONE = "Europe/London"
    rows = [
        shown(1, name="<b>Ann</b> & co", url="https://example.org/?a=1&b='2'", text="<script>x()</script>\n\nTwo"),
        shown(2, parent=1, name='Bob "the" builder', url="javascript:alert(1)", likes=1, minute=5, staff=True),
        shown(
            3,
            parent=2,
            text="see https://example.com/a?b=1&c=2.",
            likes=2,
            minute=9,
            featured=True,
            author=True,
            staff=True,
        ),
        shown(4, parent=3, text="deeper than the page nests", minute=10),
        shown(5, text="Second thread", likes=1000, minute=11),
    ]
    return build_tree(rows, max_depth=3)


@pytest.mark.parametrize(
    "options",
    [
        OPTIONS,
        replace(OPTIONS, open=False),
        replace(OPTIONS, csrf_token="tok<en>"),
        replace(
            OPTIONS,
            labels={
                "like": "J'aime",
                "report": "<Report>",
                "reply": "R",
                "featured": "<F>",
                "author": "A&",
                "staff": "S",
            },
        ),
    ],
    ids=["open", "closed", "signed-in", "odd labels"],
)
def test_python_and_template_renderers_write_the_same_markup(tree, options):
    from_python = rendering.render_in_python(tree, options)
    from_template = rendering.render_with_template(tree, options)

    assert squeeze(from_python) == squeeze(from_template)
    assert from_python.count('<li class="nr-comment') == 5
    assert "<F>" not in from_python and "A&<" not in from_python  # the labels are escaped too


def test_the_python_renderer_escapes_everything_a_commenter_wrote(tree):
    html = str(rendering.render_in_python(tree, OPTIONS))

    assert "<script>" not in html and "<b>Ann" not in html
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp; co" in html
    assert 'href="https://example.org/?a=1&amp;b=&#x27;2&#x27;" rel="nofollow ugc"' in html
    assert "javascript:" not in html  # not a link, and not in any attribute
    assert 'data-reply-name="Bob &quot;the&quot; builder"' in html
    assert '<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc">' in html


def test_times_likes_and_reply_links_as_readers_see_them(tree):
    html = str(rendering.render_in_python(tree, OPTIONS))

    assert '<time datetime="2026-03-07T09:05:00+00:00">7 March 2026, 09:05</time>' in html
    assert "1 like<" in html and "2 likes<" in html and "1000 likes<" in html
    # Level 3 is the deepest: no reply link there, and the fourth level sits beside its parent.
    assert 'data-reply-to="3"' not in html and 'data-reply-to="4"' not in html
    assert 'class="nr-comment nr-depth-2" id="c4"' in html


@pytest.mark.parametrize("render", [rendering.render_in_python, rendering.render_with_template])
def test_machine_readable_times_stop_at_the_second(render):
    # HTML takes at most three digits of a fraction of a second; a stored time has six.
    row = shown(1)._replace(submit_date=datetime(2026, 3, 7, 9, 5, 30, 864735, tzinfo=UTC))

    html = str(render(build_tree([row], max_depth=3), OPTIONS))

    assert '<time datetime="2026-03-07T09:05:30+00:00">' in html


def test_times_follow_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    html = str(rendering.render_in_python(build_tree([shown(1)], max_depth=3), OPTIONS))
    assert '<time datetime="2026-03-07T14:30:00+05:30">7 March 2026, 14:30</time>' in html


def test_a_reply_chain_deeper_than_the_recursion_limit_renders(settings):
    top = Node(shown(1), depth=0)
    node = top
    for pk in range(2, 3000):
        child = Node(shown(pk, parent=pk - 1), depth=1)
        node.children.append(child)
        node = child

    html = rendering.render_in_python([top], OPTIONS)

    assert html.count("<li ") == 2999 and html.count("</li>") == 2999


@pytest.mark.django_db
def test_the_renderer_setting_is_honoured(settings):
    article = make_article()
    make_comment(article, text="Rendered elsewhere")
    settings.NEWSROOM_COMMENTS_THREAD_RENDERER = "tests.comments.test_rendering.list_the_texts"

    html = rendering.render_thread(thread_page(article).threads, OPTIONS)

    assert html == "<li>Rendered elsewhere</li>"


def list_the_texts(nodes, options):
    return "".join(f"<li>{n.comment.comment}</li>" for n in nodes)


def test_badges_and_the_featured_mark_are_written_once_per_marked_comment(tree):
    html = str(rendering.render_in_python(tree, OPTIONS))

    assert html.count('<span class="nr-badge nr-badge-staff">Staff</span>') == 1
    assert html.count('<span class="nr-badge nr-badge-author">Author</span>') == 1  # author wins over staff
    assert html.count('<span class="nr-featured-mark">Featured</span>') == 1
    assert html.count('class="nr-comment nr-depth-2 nr-featured" id="c3"') == 1


def test_edited_comments_are_written_as_the_template_writes_them(settings):
    settings.TIME_ZONE = "Europe/London"
    edited = datetime(2026, 7, 1, 23, 30, 59, 999999, tzinfo=UTC)  # summer time: the next day in London
    rows = [shown(1, edited_at=edited, likes=1), shown(2, parent=1, minute=5, edited_at=edited, likes=1)]
    options = replace(OPTIONS, labels={**OPTIONS.labels, "edited": "<edited>"})
    tree = build_tree(rows, max_depth=3)

    html = str(rendering.render_in_python(tree, options))

    assert squeeze(html) == squeeze(rendering.render_with_template(tree, options))
    assert (
        html.count(
            '<span class="nr-edited">&lt;edited&gt; <time datetime="2026-07-02T00:30:59+01:00">'
            "2 July 2026, 00:30</time></span>\n"
        )
        == 2
    )
    assert html.count('<span class="nr-like-count" data-like-count>1 like</span>') == 2
