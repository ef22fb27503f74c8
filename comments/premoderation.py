"""Pre-moderation: every new comment on an object its registration marks (a sensitive story) waits for a person.

The spam filter's verdict can only get stricter here: a comment it would
publish is held instead, with one more reason in its history ("held: ...;
this article is pre-moderated"), so a moderator sees why; a comment it holds
or files as spam keeps that verdict. Every path where the filter's verdict
sets a status goes through :func:`apply` (posting, "check again", the
re-check of comments held while a service was down)::

    from comments import premoderation

    verdict = premoderation.apply(verdict, target=article)

Which objects are pre-moderated is the registration's answer
(:meth:`comments.targets.Commentable.premoderated`; for articles, the
"pre-moderate comments" box in the article admin).
"""

from dataclasses import replace

from comments import targets
from comments.spam.base import Band, CheckResult

CHECK_NAME = "premoderation"


def reason(target):
    """What the history says held the comment: "this article is pre-moderated"."""
    return f"this {target._meta.verbose_name} is pre-moderated"


def apply(verdict, *, target):
    """``verdict``, held if ``target`` is pre-moderated and the verdict would publish the comment."""
    if target is None or verdict.band != Band.PUBLISH or not targets.is_registered(target):
        return verdict
    if not targets.get(target).premoderated(target):
        return verdict
    held = CheckResult(score=0.0, reason=reason(target), check=CHECK_NAME, decisive=Band.HOLD.value)
    return replace(verdict, band=Band.HOLD, results=(*verdict.results, held))


def apply_to_stored(verdict, *, comment):
    """:func:`apply` for a verdict on a stored comment (checked again): one query for what it is on."""
    return apply(verdict, target=comment.content_object)
