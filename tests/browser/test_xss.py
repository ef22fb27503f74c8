"""The XSS corpus in a real browser: an article and its comments full of attacks, and nothing fires."""

from django.contrib.contenttypes.models import ContentType

from comments.models import Comment
from tests import factories
from tests.browser.conftest import csp_violations
from tests.security.xss_vectors import STORABLE_VECTORS as VECTORS
from tests.security.xss_vectors import URL_VECTORS


def test_nothing_in_the_corpus_runs(page, site, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 200
    payload = " ".join(vector for _name, vector in VECTORS)
    section = factories.make_category(name=VECTORS[0][1][:80], slug="hostile")
    author = factories.make_author(name=VECTORS[1][1][:120], job_title=VECTORS[2][1][:120])
    article = factories.make_article(
        headline=VECTORS[3][1][:200],
        slug="hostile-article",
        category=section,
        authors=[author],
        standfirst=payload,
        reader_prompt=VECTORS[40][1][:300],
        body=payload,
        tags=["<script>alert('nrxss')</script>"],
    )
    article_type = ContentType.objects.get_for_model(article)
    urls = [url for _name, url in URL_VECTORS]
    for n, (_name, vector) in enumerate(VECTORS):
        Comment(
            content_type=article_type,
            object_pk=str(article.pk),
            site_id=1,
            user_name=vector[:50],
            user_email=f"x{n}@example.com",
            user_url=urls[n % len(urls)],  # stored as if the form had let it through
            comment=vector,
            status=Comment.Status.APPROVED,
        ).save()

    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(article.get_absolute_url())
    comments = page.locator(".nr-comment")
    assert comments.count() == len(VECTORS)
    for comment in comments.all():  # mouse-over handlers, had any survived
        comment.hover()
    for _ in range(30):  # focus handlers
        page.keyboard.press("Tab")
    for url in ("/", section.get_absolute_url(), author.get_absolute_url(), "/search/?q=alert"):
        page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.dialogs == []
    assert page.page_errors == []
    assert csp_violations(page) == [], "something tried to run inline"
    assert page.outside_requests == []
