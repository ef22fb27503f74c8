"""Staff who comment while signed in are shown by the name they write under, never by their login name."""

import pytest

from comments.models import Comment
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def spam_filter(monkeypatch):
    return install_fake_spam_filter(monkeypatch)


@pytest.fixture
def article():
    return make_article()


def post_signed_in(client, article, user):
    client.force_login(user)
    data = form_data(article)
    for name in ("name", "email", "url"):  # the signed-in form has none of these
        del data[name]
    response = client.post("/comments/post/", data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    return Comment.objects.get()


def test_a_writer_is_shown_by_their_byline_name(client, article):
    writer = make_user(username="writer1", groups=["Writers"], first_name="Wen", last_name="Legal-Name")
    make_author(name="Wendy Writer", user=writer)

    comment = post_signed_in(client, article, writer)

    assert comment.user_name == "Wendy Writer"
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Wendy Writer" in page
    assert "writer1" not in page


def test_staff_without_a_byline_are_shown_by_their_full_name(client, article):
    editor = make_user(username="editor1", groups=["Editors"], first_name="Ed", last_name="Itor")
    assert post_signed_in(client, article, editor).user_name == "Ed Itor"


def test_staff_with_no_name_at_all_are_shown_as_staff(client, article):
    moderator = make_user(username="mod1", groups=["Moderators"])

    comment = post_signed_in(client, article, moderator)

    assert comment.user_name == "Staff"
    client.logout()
    assert "mod1" not in client.get(article.get_absolute_url()).content.decode()


def test_a_signed_in_reader_with_no_name_is_shown_as_a_reader(client, article):
    assert post_signed_in(client, article, make_user(username="jo_1987", is_staff=False)).user_name == "Reader"


def test_the_spam_filter_sees_the_public_name_too(client, article, spam_filter):
    writer = make_user(username="writer1", groups=["Writers"])
    make_author(name="Wendy Writer", user=writer)
    post_signed_in(client, article, writer)
    assert spam_filter.seen[0].author_name == "Wendy Writer"
