"""Hot read queries compiled once per process: the SQL is kept, only the parameter values change.

A page that runs the same query on every request, with only a key or two changing, spends more
time building the QuerySet and compiling its SQL than the database spends answering it. Here a
query is built and compiled once per process (per ``key``, database and backend) with stand-in
values, the *markers*, in place of the values that change; each call then sends the kept SQL to the
database with the real values where the markers were. It is not a cache of results: every call runs
its query. ::

    from articles import prepared

    def shown(pk):
        return Comment.objects.filter(object_pk=str(pk), is_public=True).values_list("pk", "comment")

    rows = prepared.values_list("shown-comments", shown, pk=article.pk)

``build`` gets the markers as keyword arguments and returns a ``values()`` (for :func:`values`) or
``values_list()`` (for :func:`values_list`) QuerySet; the call returns what the QuerySet would,
values converted as the ORM converts them (booleans, aware datetimes). Everything that shapes the
SQL other than the marked values belongs in ``key``: a branch taken, an order, a slice (``LIMIT``
and ``OFFSET`` are written into the SQL, not passed as parameters).

A marker stands for a value of the real value's type, ``int`` or ``str``; an ``int`` marker may also
come back as its text (a key kept in a text column, as ``object_pk``) or typed for the driver
(psycopg's ``Int4``, for some integer columns on PostgreSQL), and is passed the same way. A query is not kept when a
marker is not found among the compiled parameters, shows up anywhere else (written into the SQL,
inside a longer text such as a ``LIKE`` pattern), when a value is of another type, or the QuerySet
is empty by construction: such a query runs through the ORM on each call, and the ``fallbacks``
count in :data:`stats` and a debug log line say so.

The query runs on the database the routers pick for the QuerySet's model (without hints), through
``django.db.connections[alias]`` at call time, so transactions and test databases apply as usual.
What is kept is written once per key, so threads can share it.

This module leans on a few ORM methods that are not documented but stable since Django 1.x:
``Query.get_compiler()``, ``SQLCompiler.as_sql()``, ``select``/``col_count`` and
``get_converters()``; ``Query.selected`` (Django 5.2) names the columns of a ``values()`` row.
On SQLite, Django's datetime converter is swapped for one that gives the same values in one call
(it reads the connection's ``timezone``, which is ``None`` without ``USE_TZ``); a test compares
the two on edge values, so a change in Django shows there first.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections, router

logger = logging.getLogger(__name__)

#: How many times queries were compiled here (``compiled``) or left to the ORM (``fallbacks``).
stats = Counter()

#: Queries kept at most: past this, new shapes run through the ORM (a ``key`` holding an unbounded
#: value, a page number say, cannot grow the process without end).
MAX_KEPT = 500

# Far from any constant a query holds (0, 1, statuses), and within a 32-bit integer column's range.
_INT_MARKER = 1_987_650_000
_STR_MARKER = "newsroom-prepared-marker-{}"

_TUPLES, _DICTS, _OBJECTS = "tuples", "dicts", "objects"  # what a row comes back as
_UNPREPARED = object()  # kept for a key whose query runs through the ORM

_models = {}  # key -> the model of the key's QuerySet
_kept = {}  # (key, alias, vendor) -> _Prepared or _UNPREPARED


@dataclass(frozen=True)
class _Prepared:
    sql: str
    params: tuple  # the compiled parameters, markers included
    slots: tuple  # (position in params, parameter name, what the value is passed through: str, a driver's int type)
    converters: tuple  # (column, converter function, expression), in the order get_converters() applies them
    names: tuple | None  # the keys of a values() row; None for values_list() tuples
    col_count: int
    trimmed: bool  # the SQL selects columns past col_count (for its ORDER BY), left out of the rows
    types: tuple  # (parameter name, type of its marker)
    model: type | None  # for objects(): the model whose instances the rows are
    alias: str  # the database the rows come from, for the instances' state

    def takes(self, values):
        """Whether ``values`` are of the types the markers stood for (else the ORM converts them)."""
        return all(type(values.get(name)) is kind for name, kind in self.types)

    def rows(self, connection, values):
        params = list(self.params)
        for position, name, wrap in self.slots:
            params[position] = values[name] if wrap is None else wrap(values[name])
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters or self.trimmed:
            rows = [self._convert(row, connection) for row in rows]
        if self.model is not None:
            return [self.model.from_db(self.alias, self.names, row) for row in rows]
        if self.names is None:
            return rows
        return [dict(zip(self.names, row, strict=True)) for row in rows]

    def _convert(self, row, connection):
        row = list(row[: self.col_count])
        for column, function, expression in self.converters:
            row[column] = function(row[column], expression, connection)
        return tuple(row)


def _quicker(function, connection):
    """``function``, a converter of ``connection``'s backend, or a quicker one giving the same values.

    On SQLite a page reads hundreds of datetimes, each through Django's converter: a handful of
    Python calls to attach the connection's time zone to what the driver has already parsed.
    """
    if connection.vendor == "sqlite" and _is_sqlite_datetime_converter(function):
        return _sqlite_datetime
    return function


def _is_sqlite_datetime_converter(function):
    # (Imported here: the SQLite backend's module is only loaded when a SQLite database is.)
    from django.db.backends.sqlite3.operations import DatabaseOperations

    return getattr(function, "__func__", None) is DatabaseOperations.convert_datetimefield_value


_DATETIME = datetime.datetime
_parse_datetime_text = datetime.datetime.fromisoformat


def _sqlite_datetime(value, expression, connection):
    """What SQLite's ``convert_datetimefield_value()`` gives for ``value``, in fewer Python calls.

    The driver hands over a naive datetime (a column declared ``datetime``), or text (an expression
    the driver cannot type); anything else, and text ``fromisoformat()`` refuses, goes to Django's.
    """
    kind = type(value)
    if kind is _DATETIME or kind is str:
        if kind is str:
            try:
                value = _parse_datetime_text(value)  # what django.utils.dateparse.parse_datetime() tries first
            except ValueError:
                return connection.ops.convert_datetimefield_value(value, expression, connection)
        # The connection's time zone is None without USE_TZ (and forgotten when the setting changes):
        # read once per connection, where settings.USE_TZ is a lazy object's attribute on every value.
        tz = connection.timezone
        if value.tzinfo is None and tz is not None:
            return value.replace(tzinfo=tz)  # timezone.make_aware(value, connection.timezone)
        return value
    if value is None:
        return None
    return connection.ops.convert_datetimefield_value(value, expression, connection)


def objects(key, build, **params):
    """The model instances of ``build(**params)``, as the ORM loads them; the SQL is compiled once per process.

    For a QuerySet of one model's own columns (``defer()`` and ``only()`` are fine): one with
    ``select_related()``, annotations or ``extra()`` stays on the ORM, and one with
    ``prefetch_related()`` is refused (prefetch on the result, with ``prefetch_related_objects()``).
    """
    return _rows(key, build, params, shape=_OBJECTS)


def values(key, build, **params):
    """The rows of ``build(**params)``, a ``values()`` QuerySet, as dicts; the SQL is compiled once per process."""
    return _rows(key, build, params, shape=_DICTS)


def values_list(key, build, **params):
    """The rows of ``build(**params)``, a ``values_list()`` QuerySet, as tuples; compiled once per process."""
    return _rows(key, build, params, shape=_TUPLES)


def clear():
    """Forget every kept query (tests; a process otherwise keeps them for its lifetime)."""
    _models.clear()
    _kept.clear()
    stats.clear()


def _rows(key, build, params, *, shape):
    model = _models.get(key)
    if model is not None:
        alias = router.db_for_read(model)
        connection = connections[alias]
        prepared = _kept.get((key, alias, connection.vendor))
        if prepared is _UNPREPARED:
            return list(build(**params))
        if prepared is not None and prepared.takes(params):
            return prepared.rows(connection, params)
        if prepared is not None:
            return list(build(**params))
    return _prepare(key, build, params, shape=shape)


def _prepare(key, build, params, *, shape):
    markers = _markers(params)
    if markers is None or len(_kept) >= MAX_KEPT:
        return list(build(**params))  # a value without a marker (None, a date): this call only
    queryset = build(**markers)
    alias = router.db_for_read(queryset.model)
    connection = connections[alias]
    prepared = _compile(queryset, connection, markers, shape=shape)
    _models.setdefault(key, queryset.model)
    _kept[key, alias, connection.vendor] = prepared or _UNPREPARED
    if prepared is None:
        stats["fallbacks"] += 1
        logger.debug("Query %r runs through the ORM: its values could not be marked in the SQL", key)
        return list(build(**params))
    stats["compiled"] += 1
    return prepared.rows(connection, params)


def _markers(params):
    """A distinct stand-in for each value, of the value's own type; ``None`` if a value cannot have one."""
    markers = {}
    for n, (name, value) in enumerate(params.items()):
        if type(value) is int:
            markers[name] = _INT_MARKER + n
        elif type(value) is str:
            markers[name] = _STR_MARKER.format(n)
        else:
            return None
    return markers


def _compile(queryset, connection, markers, *, shape):
    """The query as :class:`_Prepared`, or ``None`` when the markers cannot be told apart in it."""
    query = queryset.query
    compiler = query.get_compiler(connection=connection)
    try:
        sql, compiled = compiler.as_sql()
    except (EmptyResultSet, FullResultSet):
        return None
    # Each marker, and an int marker's text, as (type, value): True rather than 1 is no marker.
    slots_by_value = {}
    for name, marker in markers.items():
        slots_by_value[type(marker), marker] = (name, None)
        if type(marker) is int:
            slots_by_value[str, str(marker)] = (name, str)
    texts = [str(value) for _, value in slots_by_value]
    slots = []
    for position, value in enumerate(compiled):
        kind = _kind(value)
        slot = slots_by_value.get((kind, value)) if kind is not None else None
        if slot is not None and type(value) is not kind:
            slot = (slot[0], type(value))  # an int the backend typed for the driver (psycopg's Int4): typed the same
        if slot is not None:
            slots.append((position, *slot))
        elif any(text in str(value) for text in texts):
            return None  # part of a longer value (a pattern, an array): not a plain parameter
    if {name for _, name, _ in slots} != set(markers) or any(text in sql for text in texts):
        return None
    if any(_is_time(value) for value in compiled):
        return None  # most likely a clock read while building (timezone.now()), which would be kept with the SQL
    columns = [expression for expression, _, _ in compiler.select[: compiler.col_count]]
    converters = tuple(
        (column, _quicker(function, connection), expression)
        for column, (functions, expression) in compiler.get_converters(columns).items()
        for function in functions
    )
    model = None
    if shape == _DICTS:
        names = tuple(query.selected or (*query.extra_select, *query.values_select, *query.annotation_select))
    elif shape == _OBJECTS:
        if queryset._prefetch_related_lookups:  # the one private attribute read here: see objects()
            raise ValueError(f"{queryset!r} prefetches: prefetch on the objects prepared.objects() returns.")
        names = _attnames(queryset.model, compiler)
        if names is None:
            return None
        model = queryset.model
    else:
        names = None
    types = tuple((name, type(marker)) for name, marker in markers.items())
    return _Prepared(
        sql,
        tuple(compiled),
        tuple(slots),
        converters,
        names,
        compiler.col_count,
        compiler.has_extra_select,
        types,
        model,
        connection.alias,
    )


def _kind(value):
    """``int`` or ``str`` for a value that may be a marker (an int subclass but ``bool`` too), else ``None``."""
    if type(value) is str:
        return str
    if isinstance(value, int) and not isinstance(value, bool):
        return int
    return None


def _is_time(value):
    """Whether a compiled parameter is a date or time: as an object, or as text (SQLite is sent text)."""
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return True
    if isinstance(value, str):
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


def _attnames(model, compiler):
    """The attribute name of each selected column, if all are columns of ``model``'s own table; else ``None``."""
    if compiler.annotation_col_map or compiler.klass_info is None or compiler.klass_info.get("related_klass_infos"):
        return None
    own = {field.column: field.attname for field in model._meta.concrete_fields}
    names = []
    for expression, _, _ in compiler.select[: compiler.col_count]:
        target = getattr(expression, "target", None)
        if target is None or getattr(expression, "alias", None) != model._meta.db_table or target.column not in own:
            return None
        names.append(own[target.column])
    return tuple(names)
