"""The trust cookie: what lets a signed-out regular's good record count, bound to their browser.

Anyone can type a regular's e-mail address, so the address alone earns
nothing (:func:`comments.spam.memory.proven_identity_keys`). A browser earns
it when a comment it posted is published: at once (the post's response), or
later by a moderator (the next ``/comments/mine/`` answer, while the pending
cookie still names the comment). The cookie is signed with its own salt,
expires (``NEWSROOM_COMMENTS_TRUST_COOKIE_AGE``), is not readable by scripts,
and holds a keyed hash of the address, never the address::

    proof(request)                          # "" when missing, forged or expired
    grant(request, response, comment)       # only for an approved comment with an address
    grant_for_approved(request, response, pending_ids)
"""

from comments.cookies import TRUST
from comments.models import Comment
from comments.spam.memory import email_proof


def proof(request):
    """The e-mail hash this browser's trust cookie names, or ``""`` (no cookie, forged or expired)."""
    value = TRUST.read(request)
    return value if len(value) == 40 and value.isalnum() else ""


def grant(request, response, comment):
    """Give (or renew) the trust cookie for ``comment``'s address, if it is published and has one."""
    if comment.status != Comment.Status.APPROVED or not comment.user_email.strip():
        return
    TRUST.write(request, response, email_proof(comment.user_email))


def grant_for_approved(request, response, pending_ids):
    """Grant the cookie if a moderator has approved one of the comments the pending cookie names (one query)."""
    if not pending_ids:
        return
    approved = (
        Comment.objects.filter(pk__in=pending_ids, status=Comment.Status.APPROVED)
        .exclude(user_email="")
        .order_by("-pk")
        .first()
    )
    if approved is not None:
        grant(request, response, approved)
