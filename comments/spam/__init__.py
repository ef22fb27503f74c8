"""The spam filter: a pipeline of small explainable checks and a learned classifier.

Where to start:

- :func:`comments.spam.pipeline.evaluate` judges a new comment (a frozen
  :class:`comments.spam.base.Submission`) and returns a ``Verdict``.
- :func:`comments.spam.learning.learn_from_decision` teaches the filter from a
  moderator's decision (and reports corrections to Akismet).
- :func:`comments.spam.pipeline.recheck` runs the checks again on a stored
  comment ("check again").
- :func:`comments.spam.pipeline.describe` names the filter in use for the
  note under the comment form.

This package's ``__init__`` imports nothing: ``comments.models`` imports
:mod:`comments.spam.models`, :mod:`comments.spam.base` and
:mod:`comments.spam.normalise` while Django loads models.
"""
