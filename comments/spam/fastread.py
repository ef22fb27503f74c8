"""One plain ``SELECT ... WHERE column IN (...)`` for the filter's hot lookups.

The checks run on every comment posted, and for these short lookups building
the query through the ORM costs more than running it. Same SQL on SQLite and
PostgreSQL, parameters passed separately, table and column names from the
model's own metadata::

    select_in(SpamMemory, ["key", "spam_count", "ham_count"], key="key", values=["domain:example.net"])
"""

from django.db import connections, router

BATCH = 500


def select_in(model, fields, *, key, values, limit=None):
    """Rows (tuples of ``fields``) of ``model`` whose ``key`` is one of ``values`` (at most ``limit`` per batch)."""
    values = list(values)
    if not values:
        return []
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    meta = model._meta

    def column(name):
        return quote((meta.pk if name == "pk" else meta.get_field(name)).column)

    columns = ", ".join(column(name) for name in fields)
    table = quote(meta.db_table)
    key_column = column(key)
    rows = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            batch = values[start : start + BATCH]
            placeholders = ", ".join(["%s"] * len(batch))
            sql = f"SELECT {columns} FROM {table} WHERE {key_column} IN ({placeholders})"
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
            cursor.execute(sql, batch)
            rows.extend(cursor.fetchall())
    return rows
