"""The shapes the demo content is written in: plain frozen dataclasses.

Times are offsets from the moment the demo is loaded, so the site always
looks current: ``ago(days=2)`` was published two days before loading,
``ahead(days=3)`` is scheduled three days after it.
"""

from dataclasses import dataclass
from datetime import timedelta


def ago(*, days=0, hours=0, minutes=0):
    """An offset into the past: ``now + ago(days=1)`` is yesterday."""
    return -timedelta(days=days, hours=hours, minutes=minutes)


def ahead(*, days=0, hours=0, minutes=0):
    """An offset into the future, for scheduled articles."""
    return timedelta(days=days, hours=hours, minutes=minutes)


@dataclass(frozen=True, kw_only=True)
class Section:
    """A section; ``path`` is "news" for a top-level one, "news/world" below it."""

    path: str
    name: str
    description: str
    position: int = 0
    reader_prompt: str = ""
    comments_close_after_days: int | None = None

    @property
    def slug(self):
        return self.path.rsplit("/", 1)[-1]

    @property
    def parent_path(self):
        return self.path.rsplit("/", 1)[0] if "/" in self.path else None


@dataclass(frozen=True, kw_only=True)
class Person:
    """A member of staff with a byline."""

    slug: str
    name: str
    job_title: str
    bio: str


@dataclass(frozen=True, kw_only=True)
class Update:
    """One entry of a live story, ``after`` the story's publication; ``author`` is a slug (or none)."""

    after: timedelta
    text: str
    headline: str = ""
    author: str = ""


@dataclass(frozen=True, kw_only=True)
class Story:
    """One article. ``authors`` and ``picks`` are slugs, ``section`` a path.

    A story with ``live`` updates is live coverage, running since its publication, its updates its entries.
    """

    slug: str
    headline: str
    section: str
    authors: tuple[str, ...]
    standfirst: str
    body: str
    tags: tuple[str, ...]
    when: timedelta
    status: str = "published"
    seo_description: str = ""
    reader_prompt: str = ""
    comments_enabled: bool = True
    picks: tuple[str, ...] = ()
    live: tuple[Update, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Remark:
    """A reader's comment, ``after`` the article's publication, with its replies."""

    name: str
    email: str
    text: str
    after: timedelta
    status: str = "approved"
    replies: tuple["Remark", ...] = ()


@dataclass(frozen=True, kw_only=True)
class Conversation:
    """The comments under one article."""

    article: str
    remarks: tuple[Remark, ...]
