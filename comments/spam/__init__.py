"""The spam filter: a pipeline of small explainable checks and a learned classifier.

Where to start:

- :func:`comments.spam.pipeline.evaluate` judges a new comment (a frozen
  :class:`comments.spam.base.Submission`) and returns a ``Verdict``.
- :func:`comments.spam.learning.learn_from_decision` teaches the filter from a
  moderator's decision (and reports corrections to Akismet).
- :func:`recheck` runs the checks again on a stored comment ("check again").
- :func:`describe` names the filter in use for the note under the comment form.

This package imports no models at import time: ``comments.models`` imports
:mod:`comments.spam.models` and :mod:`comments.spam.normalise` from here.
"""


def describe():
    """A short name for the filter in use: "our own spam filter and Akismet"."""
    from comments.spam import akismet_client, recaptcha

    names = ["our own spam filter"]
    if akismet_client.is_configured():
        names.append("Akismet")
    if recaptcha.is_configured():
        names.append("Google reCAPTCHA")
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def recheck(comment, **kwargs):
    """Run the checks again on a stored comment; see :func:`comments.spam.pipeline.recheck`."""
    from comments.spam.pipeline import recheck as _recheck

    return _recheck(comment, **kwargs)
