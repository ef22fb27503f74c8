"""Django's SQLite backend, with statistics for SQLite's query planner kept up to date.

SQLite picks a query's plan from statistics that only ``ANALYZE`` gathers, and
a database made by ``migrate`` has none. Without them the planner takes
"published and already due" (``status = ? AND publish_at <= ?``) for a rare
condition and walks the whole archive through the listing index: at 100,000
articles an article page's "You may also like" took 150 ms per query instead of
a fraction of a millisecond, and a new index (added by a migration, so without
statistics of its own) was enough to tip a database that had them.

So, as SQLite's documentation advises for applications, each connection runs
``PRAGMA optimize`` before it closes: usually nothing, and ``ANALYZE`` of a
table its queries used when that table has no statistics yet or has grown
many times over since, a handful of times in a site's life. It reads whole
indexes (``analysis_limit`` left at 0): sampled statistics steered the section
pages back into the walk above. That is about a second for the whole of an
archive of 100,000 articles and a million comments, in a connection that is
closing, and only the first time. The site's connections live a minute
(``CONN_MAX_AGE``), so each worker looks about once a minute.
``DATABASE_URL=sqlite:///…`` selects it (``newsroom.env.env_database``)::

    DATABASES = {"default": {"ENGINE": "newsroom.sqlite", "NAME": BASE_DIR / "db.sqlite3"}}
"""

import contextlib

from django.db.backends.sqlite3 import base

#: How long the closing connection waits for the write lock ANALYZE needs, in milliseconds: a busy site
#: does not hold up the connection that is closing; the next one to close tries again.
ANALYZE_WAIT_MS = 100


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        if self.connection is not None and not self.connection.in_transaction:
            with contextlib.suppress(base.Database.Error):
                self.connection.execute(f"PRAGMA busy_timeout = {ANALYZE_WAIT_MS}")
                self.connection.execute("PRAGMA optimize")
        super()._close()
