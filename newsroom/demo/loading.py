"""Writing the demo newsroom into the database, safely and repeatably.

Everything is keyed on slugs (comments on article, e-mail and text), so a
second run creates nothing. Rows that already exist are left as they are,
edits included, unless ``overwrite=True`` puts the demo text back. The one
thing a re-run does change is time: when the clock has moved on since the
demo was loaded, every demo article and comment moves forward by the same
amount, so the front page never looks a week old.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db.models import F
from django.db.models.functions import Least
from taggit.models import Tag, TaggedItem

from articles import conf, related, section_lists
from articles.models import Article, Author, Byline, Category, LiveEntry, RelatedPick
from articles.sanitising import sanitise_body
from comments.models import Comment, CommentEvent
from newsroom.demo import AUTHORS, CONVERSATIONS, PUBLICATION, SECTIONS, STORIES, pictures

# Re-running within this long of the last load leaves the dates alone.
REFRESH_AFTER = timedelta(hours=1)
DEMO_DOMAIN = "127.0.0.1:8000"


@dataclass
class Outcome:
    """What one run wrote, for the command's summary."""

    created: dict = field(default_factory=dict)
    rewritten: int = 0
    shifted_by: timedelta | None = None

    def add(self, label, count=1):
        self.created[label] = self.created.get(label, 0) + count


def check_references():
    """Fail loudly, before writing anything, if the demo content refers to something it does not define."""
    problems = []
    paths = [s.path for s in SECTIONS]
    slugs = [s.slug for s in STORIES]
    authors = {a.slug for a in AUTHORS}
    for label, values in (("section", paths), ("article", slugs), ("author", [a.slug for a in AUTHORS])):
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            problems.append(f"duplicate {label}s: {', '.join(duplicates)}")
    for position, section in enumerate(SECTIONS):
        if section.parent_path and section.parent_path not in paths[:position]:
            problems.append(f"section {section.path} comes before its parent")
    for story in STORIES:
        if story.section not in paths:
            problems.append(f"{story.slug}: unknown section {story.section}")
        problems += [f"{story.slug}: unknown author {a}" for a in story.authors if a not in authors]
        problems += [f"{story.slug}: unknown pick {p}" for p in story.picks if p not in slugs or p == story.slug]
        for update in story.live:
            if update.author and update.author not in authors:
                problems.append(f"{story.slug}: unknown author {update.author} of a live update")
            if story.when + update.after > timedelta(0):
                problems.append(f"{story.slug}: a live update set for later")
        if story.status not in Article.Status.values:
            problems.append(f"{story.slug}: unknown status {story.status}")
    problems += [f"comments on unknown article {c.article}" for c in CONVERSATIONS if c.article not in slugs]
    if problems:
        raise ValueError("The demo content is inconsistent: " + "; ".join(problems))


def ensure_site(domain=None):
    """Name the current site after the demo publication, unless someone has already configured it.

    ``domain`` is the address the site is served at (``make run`` gives
    ``127.0.0.1:$PORT``): feeds, sitemaps and mail link there
    (``articles.origin``), so it replaces whatever domain the site had.
    Returns ``(site, changed)``.
    """
    site, created = Site.objects.get_or_create(
        pk=getattr(settings, "SITE_ID", 1), defaults={"domain": domain or DEMO_DOMAIN, "name": PUBLICATION}
    )
    changed = created
    if not created and site.domain == "example.com":
        site.domain, site.name = domain or DEMO_DOMAIN, PUBLICATION
        changed = True
    elif not created and domain and site.domain != domain:
        site.domain = domain
        changed = True
    if changed and not created:
        site.save()
    Site.objects.clear_cache()
    return site, changed


def refresh_dates(*, now):
    """Move the demo forward by however long ago it was loaded; return the shift, or None."""
    offsets = {s.slug: s.when for s in STORIES}
    loaded = Article.objects.filter(slug__in=offsets).values_list("slug", "publish_at")
    drifts = [now + offsets[slug] - publish_at for slug, publish_at in loaded]
    if not drifts:
        return None
    shift = median(drifts)
    if shift < REFRESH_AFTER:
        return None
    shift = timedelta(minutes=round(shift / timedelta(minutes=1)))  # whole minutes
    demo = Article.objects.filter(slug__in=offsets)
    demo.update(
        publish_at=F("publish_at") + shift,
        created_at=Least(F("created_at") + shift, now),
        updated_at=Least(F("updated_at") + shift, now),
    )
    section_lists.rebuild(articles=demo)  # the publish times the sections' lists copy
    demo.filter(first_published_at__isnull=False).update(first_published_at=F("first_published_at") + shift)
    demo.filter(coverage_start__isnull=False).update(coverage_start=F("coverage_start") + shift)
    LiveEntry.objects.filter(article__in=demo).update(published_at=F("published_at") + shift)
    comments = _demo_comments()
    comments.update(submit_date=F("submit_date") + shift)
    comments.filter(status_changed_at__isnull=False).update(status_changed_at=F("status_changed_at") + shift)
    return shift


def load_newsroom(*, now, overwrite=False, outcome=None):
    """Sections, authors, articles with bylines, tags and editors' picks."""
    outcome = outcome or Outcome()
    sections = _load_sections(overwrite=overwrite, outcome=outcome)
    authors = _load_authors(overwrite=overwrite, outcome=outcome)
    articles = Article.objects.in_bulk([s.slug for s in STORIES], field_name="slug")
    fresh = []  # stories whose bylines, tags and picks are (re)written
    for story in STORIES:
        publish_at = now + story.when
        published = story.status == Article.Status.PUBLISHED
        values = {
            "headline": story.headline,
            "standfirst": story.standfirst,
            "body": sanitise_body(_unwrap(story.body)),
            "category": sections[story.section],
            "status": story.status,
            "publish_at": publish_at,
            "first_published_at": publish_at if published else None,
            "seo_description": story.seo_description,
            "reader_prompt": story.reader_prompt,
            "comments_enabled": story.comments_enabled,
            "coverage_start": publish_at if story.live else None,
        }
        if story.slug not in articles:
            articles[story.slug] = Article.objects.create(slug=story.slug, **values)
            outcome.add("articles")
            fresh.append(story)
        elif overwrite:
            _update(articles[story.slug], values)
            outcome.rewritten += 1
            fresh.append(story)
    if fresh:
        _attach(fresh, articles=articles, authors=authors, overwrite=overwrite)
        _post_updates(fresh, now=now, articles=articles, authors=authors, overwrite=overwrite, outcome=outcome)
        # Written just now, but it should not read "Updated today" under a week-old story.
        Article.objects.filter(pk__in=[articles[s.slug].pk for s in fresh], publish_at__lte=now).update(
            created_at=F("publish_at"), updated_at=F("publish_at")
        )
    pictures.attach(articles, overwrite=overwrite, outcome=outcome)
    return outcome


def _attach(stories, *, articles, authors, overwrite):
    """Bylines, tags and picks for ``stories``, a few bulk queries for all of them."""
    pks = [articles[s.slug].pk for s in stories]
    content_type = ContentType.objects.get_for_model(Article)
    if overwrite:
        Byline.objects.filter(article__in=pks).delete()
        TaggedItem.objects.filter(content_type=content_type, object_id__in=pks).delete()
        RelatedPick.objects.filter(article__in=pks).delete()
    Byline.objects.bulk_create(
        Byline(article=articles[s.slug], author=authors[slug], position=position)
        for s in stories
        for position, slug in enumerate(s.authors)
    )
    names = {name for s in stories for name in s.tags}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - tags.keys()):
        tags[name] = Tag.objects.create(name=name)  # taggit picks a free slug
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=tags[name], content_type=content_type, object_id=articles[s.slug].pk)
        for s in stories
        for name in s.tags
    )
    RelatedPick.objects.bulk_create(
        RelatedPick(article=articles[s.slug], picked=articles[slug], position=position)
        for s in stories
        for position, slug in enumerate(s.picks)
    )
    # Related suggestions are ranked after commit (articles.signals), one article
    # at a time; indexing every new article's words first lets the early ones find
    # neighbours among those saved after them in this run.
    for story in stories:
        related.index_terms(articles[story.slug])


def _post_updates(stories, *, now, articles, authors, overwrite, outcome):
    """The entries of the live ones among ``stories``, in one query (no signals: the command purges after)."""
    if overwrite:
        LiveEntry.objects.filter(article__in=[articles[s.slug].pk for s in stories]).delete()
    entries = LiveEntry.objects.bulk_create(
        LiveEntry(
            article=articles[story.slug],
            published_at=now + story.when + update.after,
            headline=update.headline,
            text=sanitise_body(update.text),  # bulk_create skips LiveEntry.save()
            author=authors[update.author] if update.author else None,
        )
        for story in stories
        for update in story.live
    )
    if entries:
        outcome.add("live entries", len(entries))


def load_conversations(*, now, site, outcome=None):
    """Reader comments, threaded as django-comments-xtd threads them, under a few articles."""
    outcome = outcome or Outcome()
    existing = {(c.object_pk, c.user_email, c.comment): c for c in _demo_comments()}
    articles = Article.objects.select_related("category__parent__parent").in_bulk(
        [c.article for c in CONVERSATIONS], field_name="slug"
    )
    for conversation in CONVERSATIONS:
        article = articles.get(conversation.article)
        if article is None:
            continue
        where = {
            "content_type": ContentType.objects.get_for_model(Article),
            "object_pk": str(article.pk),
            "site": site,
            "reader_prompt": _prompt_for(article),  # the prompt the reader was shown
        }
        for remark in conversation.remarks:
            _post(
                remark,
                where=where,
                parent=None,
                published=article.publish_at,
                now=now,
                existing=existing,
                outcome=outcome,
            )
    return outcome


def _load_sections(*, overwrite, outcome):
    by_path = {c.path: c for c in Category.objects.filter(path__in=[s.path for s in SECTIONS])}
    for section in SECTIONS:  # parents come before their children
        values = {
            "name": section.name,
            "description": section.description,
            "position": section.position,
            "reader_prompt": section.reader_prompt,
            "comments_close_after_days": section.comments_close_after_days,
        }
        if section.path in by_path:
            if overwrite:
                _update(by_path[section.path], values)
            continue
        parent = by_path[section.parent_path] if section.parent_path else None
        by_path[section.path] = Category.objects.create(parent=parent, slug=section.slug, **values)
        outcome.add("sections")
    return by_path


def _load_authors(*, overwrite, outcome):
    authors = Author.objects.in_bulk([p.slug for p in AUTHORS], field_name="slug")
    for person in AUTHORS:
        values = {"name": person.name, "job_title": person.job_title, "bio": person.bio}
        if person.slug not in authors:
            authors[person.slug] = Author.objects.create(slug=person.slug, **values)
            outcome.add("authors")
        elif overwrite:
            _update(authors[person.slug], values)
    return authors


def _update(obj, values):
    if any(getattr(obj, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()


def _post(remark, *, where, parent, published, now, existing, outcome):
    comment = existing.get((where["object_pk"], remark.email, remark.text))
    if comment is None:
        submitted = min(published + remark.after, now)
        if parent is not None:
            submitted = max(submitted, parent.submit_date + timedelta(minutes=1))
        comment = Comment(
            **where,
            user_name=remark.name,
            user_email=remark.email,
            comment=remark.text,
            submit_date=submitted,
            ip_address="127.0.0.1",
            status=remark.status,
            status_changed_at=submitted,
            parent_id=parent.pk if parent else 0,
        )
        comment.save()  # XtdComment.save works out thread_id, level and order
        CommentEvent.objects.create(
            comment=comment, actor_label="demo loader", to_status=remark.status, reason="demo content"
        )
        outcome.add("comments")
    for reply in remark.replies:
        _post(reply, where=where, parent=comment, published=published, now=now, existing=existing, outcome=outcome)


def _prompt_for(article):
    """The invitation to comment a reader saw: the article's own, else the nearest section's, else the default."""
    sections = reversed(article.category.ancestors_and_self())
    prompts = [article.reader_prompt, *(section.reader_prompt for section in sections)]
    return next((p for p in prompts if p), conf.get("NEWSROOM_DEFAULT_READER_PROMPT"))


def _unwrap(html):
    """Join the lines the source wraps paragraphs into, keeping one block element per line."""
    return re.sub(r"(?<!>)\n(?!<)", " ", html.strip())


def _demo_comments():
    articles = Article.objects.filter(slug__in=[c.article for c in CONVERSATIONS])
    pks = [str(pk) for pk in articles.values_list("pk", flat=True)]
    emails = {r.email for c in CONVERSATIONS for r in _walk(c.remarks)}
    content_type = ContentType.objects.get_for_model(Article)
    return Comment.objects.filter(content_type=content_type, object_pk__in=pks, user_email__in=emails)


def _walk(remarks):
    for remark in remarks:
        yield remark
        yield from _walk(remark.replies)
