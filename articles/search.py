"""Reader search over headline, standfirst and body.

On PostgreSQL this is full-text search ranked by ``SearchRank`` (headline
weighs most); elsewhere (SQLite in development) a plain ``icontains`` on the
three fields, newest first, so the page works everywhere.
"""

from django.db import connection
from django.db.models import Q

MAX_QUERY_LENGTH = 200


def clean_terms(raw):
    """The reader's query, trimmed and capped; empty means "no search"."""
    # NUL cannot be stored or searched for in PostgreSQL; it is never a real search either.
    return " ".join((raw or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def matching(queryset, *, terms):
    """``queryset`` narrowed to articles matching ``terms``, best matches first."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("headline", weight="A")
            + SearchVector("standfirst", weight="B")
            + SearchVector("body", weight="C")
        )
        query = SearchQuery(terms, search_type="websearch")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-publish_at", "-pk")
        )
    return queryset.filter(
        Q(headline__icontains=terms) | Q(standfirst__icontains=terms) | Q(body__icontains=terms)
    ).order_by("-publish_at", "-pk")
