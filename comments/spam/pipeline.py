"""Run a submission through the configured checks and turn their scores into a band.

The checks are listed in ``NEWSROOM_SPAM_CHECKS`` (cheap first, network last),
the way ``AUTH_PASSWORD_VALIDATORS`` lists password validators::

    NEWSROOM_SPAM_CHECKS = [
        "comments.spam.checks.honeypot.HoneypotCheck",
        {"NAME": "comments.spam.checks.links.LinksCheck", "OPTIONS": {"max_links": 3}},
    ]

    verdict = evaluate(submission)
    verdict.band     # "publish", "hold", "spam" or "discard"
    verdict.reasons  # [{"check": "links", "score": 0.5, "reason": "links: 3", "label": "links: 3 (+0.5)"}]

The rules, decided once:

- Checks run in order. A result with ``decisive="spam"`` ends the run as spam.
  One with ``decisive="publish"`` (signed-in staff) ends the run too, but
  what the checks before it found still counts: a comment with a word from
  the moderation list is still held.
- Otherwise the scores are added up: from ``NEWSROOM_SPAM_HOLD_THRESHOLD``
  the comment is held, from the spam threshold it is spam: calibrated on the
  site's own decisions once there are enough of them
  (:mod:`comments.spam.calibration`), ``NEWSROOM_SPAM_SPAM_THRESHOLD`` until then.
- Trust is not a password: a trusted commenter goes through every check.
  Their ``discount`` (a small negative score) offsets small findings, never
  one that holds the comment on its own (:func:`total_score`).
- A service that could not answer (``unavailable``) holds the comment at
  least; so does a check that raises: the failure is logged, the comment is
  kept for a person, the reader never sees an error.
- "discard" (drop unstored) only with ``NEWSROOM_SPAM_DISCARD`` on, only for
  spam scoring ``NEWSROOM_SPAM_DISCARD_THRESHOLD`` or more or called blatant
  by a check (Akismet), and never for a signed-in reader.
"""

import logging
from dataclasses import replace

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from comments import conf, targets
from comments.spam import akismet_client, calibration, memory, recaptcha
from comments.spam.base import REPLIED_TO_LENGTH, Band, CheckResult, Submission, Verdict, target_text
from comments.spam.checks.first_comment import TRUSTED_BY_MODERATOR
from comments.spam.checks.trusted import TrustedCommenterCheck

logger = logging.getLogger(__name__)

PUBLISH, HOLD, SPAM, DISCARD = Band.PUBLISH, Band.HOLD, Band.SPAM, Band.DISCARD


def get_checks(config=None):
    """The checks listed in ``config`` (default: ``NEWSROOM_SPAM_CHECKS``).

    A class is instantiated with the entry's ``OPTIONS``; a function is the check itself (and takes none).
    """
    checks = []
    for entry in conf.get("NEWSROOM_SPAM_CHECKS") if config is None else config:
        if isinstance(entry, dict):
            path, options = entry["NAME"], entry.get("OPTIONS", {})
        else:
            path, options = entry, {}
        target = import_string(path)
        if isinstance(target, type):
            checks.append(target(**options))
        elif options:
            raise ImproperlyConfigured(f"{path} is a function: OPTIONS are for check classes.")
        else:
            checks.append(target)
    return checks


def check_name(check):
    return getattr(check, "name", None) or getattr(check, "__name__", None) or type(check).__name__


def evaluate(submission, *, checks=None, allow_discard=True):
    """The :class:`~comments.spam.base.Verdict` on ``submission``; never raises (a failure holds the comment)."""
    try:
        checks = get_checks() if checks is None else checks
    except Exception:
        logger.exception("NEWSROOM_SPAM_CHECKS could not be loaded; holding the comment for review.")
        return Verdict(
            band=HOLD,
            score=0.0,
            results=(CheckResult(0.0, "spam filter misconfigured", check="pipeline", unavailable=True),),
        )
    results, decisive = _run(checks, submission)
    score = total_score(results)
    band = band_for(score=score, decisive=decisive, unavailable=any(r.unavailable for r in results))
    if band == SPAM and allow_discard and _discards(submission, score=score, results=results):
        band = DISCARD
    payload = next((r.details["akismet_payload"] for r in results if "akismet_payload" in r.details), None)
    return Verdict(
        band=band,
        score=score,
        results=tuple(results),
        akismet_payload=payload if payload is not None else _akismet_payload(submission),
    )


def _run(checks, submission):
    results = []
    with memory.one_run():
        for check in checks:
            name = check_name(check)
            try:
                if getattr(check, "reads_findings", False):
                    result = check(submission, findings=tuple(results))
                else:
                    result = check(submission)
            except Exception:
                logger.exception("Spam check %r failed; holding the comment for review.", name)
                result = CheckResult(0.0, f"{name}: check failed", check=name, unavailable=True)
            if result is None:
                continue
            if not result.check:
                result = replace(result, check=name)
            results.append(result)
            if result.decisive:
                return results, result.decisive
    return results, None


def total_score(results):
    """The scores added up, with a good record's discount bounded.

    A ``discount`` result (a trusted commenter) lowers the total, but a
    finding that reached the hold threshold by itself (too many links, a
    moderation word, a bot's time on the form) keeps the comment at the
    threshold at least: trust gives the benefit of the doubt over small
    signals, it does not switch a rule off. It can still turn "spam" into
    "hold", so a person looks.
    """
    findings = [r.score for r in results if not r.discount]
    total = sum(findings) + sum(r.score for r in results if r.discount)
    hold = conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD")
    if any(score >= hold for score in findings):
        total = max(total, min(sum(findings), hold))
    return total


def band_for(*, score, decisive=None, unavailable=False):
    """The band for a total ``score`` (see the module docstring for the rules)."""
    if decisive == SPAM or (
        score >= conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD") and score >= calibration.spam_threshold()
    ):
        return SPAM
    if unavailable or score >= conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD"):
        return HOLD
    return PUBLISH


def _discards(submission, *, score, results):
    if not conf.get("NEWSROOM_SPAM_DISCARD") or submission.user_id:
        return False
    blatant = any(r.details.get("blatant") for r in results)
    return blatant or score >= conf.get("NEWSROOM_SPAM_DISCARD_THRESHOLD")


def _akismet_payload(submission):
    """What Akismet is (or would be) sent, kept on the comment for later spam / ham reports."""
    if not akismet_client.is_configured():
        return {}
    try:
        return submission.extra.get("akismet_payload") or akismet_client.payload_for(submission)
    except Exception:
        logger.exception("Could not prepare the Akismet payload.")
        return {}


def submission_for(comment, *, moderator_trusted=False, **extra):
    """A :class:`Submission` rebuilt from a stored comment, for checking it again.

    ``moderator_trusted``: a moderator trusts the commenter now (:mod:`comments.commenters`); one who
    was trusted when posting stays trusted, as the trust cookie they showed does.
    """
    user = comment.user if comment.user_id else None
    return Submission(
        moderator_trusted=moderator_trusted or _was_trusted_by_moderator(comment),
        # A signed-out commenter trusted when posting held the trust cookie for this address then.
        trust_email_hash=memory.email_proof(comment.user_email) if _was_trusted(comment) else "",
        text=comment.comment,
        author_name=comment.user_name,
        author_email=comment.user_email,
        author_url=comment.user_url,
        ip_address=comment.ip_address,
        user_agent=comment.user_agent,
        referrer=comment.referrer,
        permalink=(comment.akismet_payload or {}).get("permalink", ""),
        user_id=comment.user_id,
        user_is_staff=bool(user and user.is_staff),
        content_type_id=comment.content_type_id,
        object_pk=comment.object_pk,
        submitted_at=comment.submit_date,
        target_text=_target_text(comment),
        extra={"comment_pk": comment.pk, "akismet_payload": comment.akismet_payload or {}, **extra},
    )


def _target_text(comment):
    """What a stored comment is on, as posting gave it to the checks: two queries (the reply's parent, the object)."""
    replied_to = ""
    if getattr(comment, "parent_id", None) and comment.parent_id != comment.pk:
        replied_to = type(comment)._default_manager.filter(pk=comment.parent_id).values_list("comment", flat=True)
        replied_to = (replied_to.first() or "")[:REPLIED_TO_LENGTH]
    target = targets.visible_object(comment.content_type_id, comment.object_pk)
    return target_text(replied_to, targets.get(target).text(target) if target is not None else "")


def _was_trusted(comment):
    name = TrustedCommenterCheck.name
    return not comment.user_id and any(r.get("check") == name for r in comment.spam_reasons or [])


def _was_trusted_by_moderator(comment):
    return any(r.get("reason") == TRUSTED_BY_MODERATOR for r in comment.spam_reasons or [])


def recheck(comment, *, reason="recheck_queue", save=True, moderator_trusted=False):
    """Run the checks again on a stored comment and store the new verdict on it; return the verdict.

    Checks that judged the original request (honeypot, time on form,
    reCAPTCHA: ``replayable = False``) cannot run again; their stored results
    are carried over, so a bot's comment is not cleared by a second look.
    Nothing is discarded: the comment is already stored. The status is the
    caller's to change (``comments.status.change_status``). ``moderator_trusted``:
    a moderator trusts the commenter now (``comments.commenters``); one trusted
    when posting stays trusted.
    """
    checks = get_checks()
    replayable = [c for c in checks if getattr(c, "replayable", True)]
    kept = {check_name(c) for c in checks if not getattr(c, "replayable", True)}
    carried = tuple(CheckResult.from_dict(r) for r in (comment.spam_reasons or []) if r.get("check") in kept)
    rebuilt = submission_for(comment, moderator_trusted=moderator_trusted, recheck_reason=reason)
    fresh = evaluate(rebuilt, checks=replayable, allow_discard=False)
    results = carried + fresh.results
    score = total_score(results)
    decisive = SPAM if any(r.decisive == SPAM for r in results) else None
    band = band_for(score=score, decisive=decisive, unavailable=any(r.unavailable for r in results))
    verdict = Verdict(band=band, score=score, results=results, akismet_payload=comment.akismet_payload or {})
    if save:
        comment.spam_score = verdict.score
        comment.spam_band = verdict.band
        comment.spam_reasons = verdict.reasons
        comment.save(update_fields=["spam_score", "spam_band", "spam_reasons"])
    return verdict


def describe():
    """A short name for the filter in use, for the note under the form: "our own spam filter and Akismet"."""
    names = ["our own spam filter"]
    if akismet_client.is_configured():
        names.append("Akismet")
    if recaptcha.is_configured():
        names.append("Google reCAPTCHA")
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
