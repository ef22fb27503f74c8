import pytest

from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_saving_an_approved_parent_never_publishes_a_held_reply():
    article = make_article()
    parent = make_comment(article, status="approved")
    reply = make_comment(article, status="pending", parent=parent)

    parent.comment = "Edited by a moderator."
    parent.save()

    reply.refresh_from_db()
    assert (reply.status, reply.is_public) == ("pending", False)
