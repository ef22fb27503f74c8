"""Moving a comment between statuses: the one place that does it.

``change_status`` writes the history line, keeps ``previous_status`` for an
exact "restore", and (with the spam filter) teaches the classifier, all in
the caller's transaction. Side effects that may fail or be slow (mail, cache
purges) are deferred with ``transaction.on_commit``.
"""
