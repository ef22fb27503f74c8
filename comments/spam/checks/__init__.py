"""The spam filter's checks, one module each, listed by dotted path in ``NEWSROOM_SPAM_CHECKS``.

A check is a class; its options come from the setting's ``OPTIONS`` and
calling it with a :class:`comments.spam.base.Submission` returns a
:class:`comments.spam.base.CheckResult` or ``None`` (nothing to say)::

    class ShoutingCheck:
        name = "shouting"

        def __init__(self, *, share=0.8):
            self.share = share

        def __call__(self, submission):
            letters = [c for c in submission.text if c.isalpha()]
            if letters and sum(c.isupper() for c in letters) / len(letters) >= self.share:
                return CheckResult(score=0.3, reason="shouting: mostly capitals")
            return None

Attributes the pipeline and the tools read:

``name``
    Short, shown to moderators before every reason.
``uses_request``
    ``True`` for checks that judge the HTTP request rather than the comment
    (honeypot, time on form, reCAPTCHA, Akismet); the benchmark leaves them out.
``uses_identity``
    ``True`` for checks about who wrote (staff, trusted, first comment); the
    benchmark, which only has texts, leaves them out too.
``replayable``
    ``False`` for checks that cannot run again on a stored comment (the form is
    gone); :func:`comments.spam.pipeline.recheck` keeps their first result.
"""
