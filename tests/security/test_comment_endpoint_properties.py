"""Property-based tests of ``POST /comments/post/``: whatever arrives, never a 500, never half a comment.

A post either is accepted (a redirect, exactly one comment and its first
history line stored) or refused (a 4xx, nothing stored). Sizes are chosen to
keep the run to a few seconds: see ``EXAMPLES``.
"""

import html
import json
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.forms import CommentForm
from comments.models import Comment, CommentEvent
from tests.factories import make_article

POST_URL = "/comments/post/"
ACCEPTED = {302}
REFUSED = {400, 403, 413, 415, 429}
EXAMPLES = {"unicode": 60, "fields": 50, "bodies": 30}


def sized(kind):
    # Function-scoped fixtures are fine here: each example counts rows before and after itself.
    return settings(
        max_examples=EXAMPLES[kind], deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_flood_limit(settings):
    # Many posts from one address in a second; the limits have their own tests (test_posting_rate_limit.py).
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP = 0


@pytest.fixture
def article(db):
    return make_article()


def valid_fields(article, **overrides):
    data = CommentForm(article).generate_security_data()
    data.update({"name": "Reader", "email": "reader@example.com", "url": "", "comment": "A thought."})
    data.update(overrides)
    return data


def rows():
    return Comment.objects.count(), CommentEvent.objects.count()


def assert_all_or_nothing(response, before):
    after = rows()
    assert response.status_code in ACCEPTED | REFUSED, response.status_code
    if response.status_code in REFUSED:
        assert after == before, "a refused post stored something"
    else:
        assert after[0] - before[0] in {0, 1}  # 0: e-mail confirmation or discarded spam
        if after[0] == before[0] + 1:
            assert after[1] > before[1], "a comment was stored without its history line"
            assert Comment.objects.order_by("-pk").first().status


names = st.text(max_size=120)
texts = st.text(min_size=0, max_size=600)


@sized("unicode")
@given(name=names, text=texts, url=st.sampled_from(["", "https://example.org/", "not a url", "ftp://x.example/"]))
def test_any_unicode_name_and_text(client, article, name, text, url):
    before = rows()
    response = client.post(POST_URL, valid_fields(article, name=name, comment=text, url=url))
    assert_all_or_nothing(response, before)
    if response.status_code == 400 and text.strip():
        # Refused: what the reader typed comes back to them.
        assert text in html.unescape(response.content.decode())


FIELD_NAMES = [
    "content_type",
    "object_pk",
    "timestamp",
    "security_hash",
    "name",
    "email",
    "url",
    "comment",
    "reply_to",
    "remember",
    "followup",
    "contact_phone",
    "honeypot",
    "csrfmiddlewaretoken",
]


@sized("fields")
@given(
    drop=st.sets(st.sampled_from(FIELD_NAMES)),
    extra=st.lists(st.tuples(st.sampled_from(FIELD_NAMES), st.text(max_size=40)), max_size=6),
)
def test_missing_and_repeated_fields(client, article, drop, extra):
    fields = [(key, value) for key, value in valid_fields(article).items() if key not in drop]
    fields += extra  # a second value for a field, or a stray one
    before = rows()
    response = client.post(POST_URL, urlencode(fields), content_type="application/x-www-form-urlencoded")
    assert_all_or_nothing(response, before)


@sized("bodies")
@given(
    content_type=st.sampled_from(
        [
            "application/json",
            "text/plain",
            "text/html",
            "application/xml",
            "multipart/form-data",  # without a boundary
            "multipart/form-data; boundary=nope",
            "application/x-www-form-urlencoded; charset=utf-16",
            "application/x-www-form-urlencoded; charset=no-such-charset",
            "",
        ]
    ),
    body=st.one_of(st.binary(max_size=2000), st.just(b"comment=hi&name=x"), st.just(b"{}")),
)
def test_wrong_content_types_and_bodies(client, article, content_type, body):
    before = rows()
    response = client.generic("POST", POST_URL, body, content_type=content_type)
    assert_all_or_nothing(response, before)


def test_a_json_body_with_every_field_is_refused_cleanly(client, article):
    before = rows()
    response = client.post(POST_URL, json.dumps(valid_fields(article)), content_type="application/json")
    assert response.status_code == 400
    assert rows() == before


def test_a_multipart_post_works_like_a_form(client, article):
    response = client.post(POST_URL, valid_fields(article))  # the test client sends multipart
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_one_megabyte_comment_is_a_clear_400_and_keeps_nothing(client, article):
    before = rows()
    response = client.post(POST_URL, valid_fields(article, comment="word " * 200_000))
    assert response.status_code == 400
    assert "10000 characters" in response.content.decode() or "10,000 characters" in response.content.decode()
    assert rows() == before


def test_a_body_over_the_upload_limit_is_a_clear_400(article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client = Client(raise_request_exception=False)
    before = rows()
    response = client.post(
        POST_URL,
        urlencode(valid_fields(article, comment="x" * 200_000)),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode().lower()
    assert rows() == before


def test_too_many_fields_is_a_clear_400(article):
    client = Client(raise_request_exception=False)
    before = rows()
    fields = [*valid_fields(article).items(), *((f"f{i}", "x") for i in range(1500))]
    response = client.post(POST_URL, urlencode(fields), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert rows() == before
