"""Articles, their authors and the section tree.

"Published" has exactly one definition, :meth:`ArticleQuerySet.published`:
status *published* and a publish time that has passed. A scheduled article
is simply a published one whose time has not come; it appears by itself when
the clock passes it, with no cron job to flip a flag.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from articles import addresses
from articles.sanitising import sanitise_body


class Author(models.Model):
    """A person who writes for the site, shown "by NAME, JOB TITLE" on bylines."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    job_title = models.CharField(max_length=120, help_text=_('Shown after the name, e.g. "Senior News Editor".'))
    bio = models.TextField(blank=True, help_text=_("Two or three sentences for the author page."))
    photo = models.ImageField(upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("The account this author logs in with, if any."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return addresses.reverse("articles:author", kwargs={"slug": self.slug})


# Top-level URL prefixes taken by other pages; a top-level section with one of
# these slugs would be unreachable (or hide the page).
RESERVED_SECTION_SLUGS = frozenset(
    {
        "admin",
        "author",
        "comments",
        "corrections",
        "feeds",
        "live",
        "media",
        "privacy",
        "search",
        "sitemap",
        "static",
        "tag",
    }
)


class CategoryQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class Category(models.Model):
    """A section of the site. Sections nest: News » World."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Order among its siblings."))
    reader_prompt = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Invitation to comment used by this section's articles that have none of their own."),
    )
    comments_close_after_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Close comments this many days after publication. Empty: never."),
    )
    # Denormalised "news/world" so URLs resolve with one query and
    # breadcrumbs need no walk up the tree.
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # "News » World", so lists and drop-downs name a section without walking the tree.
    full_name = models.CharField(max_length=500, editable=False, default="")

    objects = CategoryQuerySet.as_manager()

    #: Its pages' tag in the page cache and the shared cache in front: ``section-3``.
    page_cache_tag = "section"

    class Meta:
        ordering = ["path"]
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="category_unique_slug_per_parent"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(parent__isnull=True), name="category_unique_top_level_slug"
            ),
        ]

    def __str__(self):
        return self.full_name or self.name

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        self.depth = self.parent.depth + 1 if self.parent_id else 0
        self.full_name = f"{self.parent.full_name} » {self.name}" if self.parent_id else self.name
        super().save(*args, **kwargs)
        # Keep descendants' paths right when a section is renamed or moved.
        for child in self.children.all():
            child.save()

    def get_absolute_url(self):
        return addresses.reverse("articles:category", kwargs={"path": self.path})

    def clean(self):
        if self.parent_id is None and self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError(
                {"slug": _("“%(slug)s” is used by another part of the site; choose another.") % {"slug": self.slug}}
            )
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("A section cannot sit inside itself.")})
            node = node.parent

    def ancestor_paths(self):
        """``["news", "news/world"]`` for ``news/world``: enough to fetch the chain in one query."""
        parts = self.path.split("/")
        return ["/".join(parts[: i + 1]) for i in range(len(parts))]

    def ancestors_and_self(self):
        chain = []
        node = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


def published_now(prefix=""):
    """The rule :meth:`ArticleQuerySet.published` applies, as a ``Q`` on ``status`` and ``publish_at``
    (``prefix="article__"``: on the article of a related row).

    Also applied to the copies of those two fields in :class:`SectionListing`, so a section's list and the
    article pages never disagree on what is published.
    """
    return Q(**{f"{prefix}status": Article.Status.PUBLISHED, f"{prefix}publish_at__lte": Now()})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Visible to readers: status published and a publish time that has passed.

        The one rule used by every page, feed, sitemap, search and related
        list. ``Now()`` lets the database compare, so cached querysets and
        scheduled articles need no clock in Python.
        """
        return self.filter(published_now())

    def scheduled(self):
        """Approved for publication, waiting for their time."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=Now())

    def in_review(self):
        """Submitted by their writers, waiting for an editor to approve them or send them back."""
        return self.filter(status=Article.Status.REVIEW)

    def with_submitted_at(self):
        """Each with ``submitted_at``: when it was last submitted for review (``None`` if never)."""
        submitted = ReviewNote.objects.filter(article=models.OuterRef("pk"), kind=ReviewNote.Kind.SUBMITTED)
        return self.annotate(submitted_at=models.Subquery(submitted.order_by("-created").values("created")[:1]))

    def review_queue(self):
        """In review, whoever has waited longest first, each with ``submitted_at``."""
        return self.in_review().with_submitted_at().order_by(models.F("submitted_at").asc(nulls_first=True), "pk")

    def next_publication(self):
        """When the soonest scheduled article goes live (``None`` if none waits): readers' pages change then."""
        return self.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()

    def in_category_tree(self, category):
        """Articles in ``category`` or any section below it."""
        return self.filter(Q(category__path=category.path) | Q(category__path__startswith=category.path + "/"))

    def in_categories(self, categories):
        """Articles in any of ``categories`` (a section's tree from :func:`articles.sections.tree`, say).

        By the sections' keys, with no join: the database answers a deep page of a
        section from the listing index alone.
        """
        return self.filter(category_id__in=[category.pk for category in categories])

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def for_listing(self, *, sections=True, bylines=True):
        """What an article teaser needs: section and bylines, without the body.

        ``sections=False`` leaves the sections out (no join) for a page that takes them from the
        sections snapshot (:func:`articles.sections.attach`); ``bylines=False`` leaves the bylines
        to one :func:`prefetch_bylines` for every list on the page.
        """
        queryset = self.select_related("category") if sections else self
        if bylines:
            queryset = queryset.prefetch_related(bylines_prefetch())
        return queryset.defer("body")

    def for_detail(self, *, sections=True):
        """What the article page shows: bylines with their authors, tags, corrections, and three levels of sections.

        ``sections=False`` leaves the sections out (no join) for a page that takes them from the
        sections snapshot it reads anyway (:func:`articles.sections.attach`).
        """
        queryset = self.select_related("category", "category__parent", "category__parent__parent") if sections else self
        return queryset.prefetch_related(*detail_prefetches())


def detail_prefetches():
    """What :meth:`ArticleQuerySet.for_detail` prefetches, for ``prefetch_related_objects()`` on articles read
    without it (the article page reads its article through a query compiled once, see :mod:`articles.prepared`)."""
    return (bylines_prefetch(), "tags", "corrections")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True, help_text=_("The summary under the headline."))
    body = ProseEditorField(
        extensions={
            "Bold": True,
            "Italic": True,
            "Strike": True,
            "Underline": True,
            "Heading": {"levels": [2, 3]},
            "BulletList": True,
            "OrderedList": True,
            "ListItem": True,
            "Blockquote": True,
            "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
            "HardBreak": True,
            "HorizontalRule": True,
        },
        sanitize=sanitise_body,
        blank=True,
    )
    lead_image = models.ImageField(upload_to="articles/%Y/%m/", blank=True)
    lead_image_alt = models.CharField(
        max_length=250, blank=True, help_text=_("Describe the picture for screen readers.")
    )
    lead_image_caption = models.CharField(max_length=250, blank=True)
    lead_image_credit = models.CharField(max_length=120, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(blank=True)
    # The tagging rows themselves, so an article's revisions keep its tags (articles.revisions follows them).
    tagged_items = GenericRelation(TaggedItem)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        default=timezone.now,
        help_text=_("A time in the future schedules the article; it appears by itself at that time."),
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    comments_enabled = models.BooleanField(
        default=True, help_text=_("Untick to close comments now; the comments already published stay.")
    )
    comments_closed_message = models.CharField(
        max_length=300,
        blank=True,
        help_text=_('Shown where comments are closed, instead of "Comments are closed.", e.g. why and until when.'),
    )
    comments_premoderated = models.BooleanField(
        _("pre-moderate comments"),
        default=False,
        help_text=_("Hold every new comment for a moderator, whatever the spam filter says (for a sensitive story)."),
    )
    reader_prompt = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            'A question inviting comments, e.g. "What will this mean for supply chains? '
            'Share your predictions in the comments below!"'
        ),
    )
    seo_description = models.CharField(
        max_length=300, blank=True, help_text=_("For search engines; the standfirst if empty.")
    )
    exclude_from_related = models.BooleanField(
        default=False, help_text=_('Never suggest this article under "You may also like".')
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    related_picks = models.ManyToManyField(
        "self", through="RelatedPick", symmetrical=False, related_name="+", blank=True
    )
    # Live coverage (articles.live): a story told in timed entries while it runs.
    coverage_start = models.DateTimeField(
        _("live coverage from"),
        null=True,
        blank=True,
        help_text=_("Makes this a live article: entries added below show newest first, and readers' pages update."),
    )
    coverage_end = models.DateTimeField(
        _("live coverage until"),
        null=True,
        blank=True,
        help_text=_("When the coverage ended (or will end). Empty: it runs until you set a time."),
    )

    objects = ArticleQuerySet.as_manager()

    #: What decides which lists show an article, and where: a save that changes one purges the lists it left and
    #: those it joined (``articles.signals``).
    LISTING_FIELDS = ("status", "publish_at", "category_id")

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx"),
            models.Index(fields=["category", "status", "-publish_at"], name="article_cat_status_pub_idx"),
            # Lists of a section's tree (several sections), newest first: walked from the newest, the section
            # read from the index itself, so the first page stops early and a deep one never reads a row.
            models.Index(fields=["status", "-publish_at", "-id", "category"], name="article_listing_idx"),
            # The news sitemap: the last 48 hours' first publications, newest first, without a walk through
            # the whole archive (it is rendered again after every publication, for crawlers that come often).
            models.Index(fields=["status", "-first_published_at", "-id"], name="article_first_published_idx"),
        ]
        permissions = [("publish_article", "Can publish and unpublish articles")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # The editor's sanitiser only runs on form validation; this covers
        # every other way in (imports, the shell, the demo loader).
        self.body = sanitise_body(self.body)
        if self.status == self.Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = self.publish_at or timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return addresses.reverse("articles:category", kwargs={"path": f"{self.category.path}/{self.slug}"})

    def listing_state(self):
        """What decides the lists this article is in (``LISTING_FIELDS``), as a tuple to compare."""
        return tuple(getattr(self, name) for name in self.LISTING_FIELDS)

    def clean(self):
        super().clean()
        if self.coverage_end is not None and self.coverage_start is None:
            raise ValidationError({"coverage_end": _("Set when the live coverage started first.")})
        if self.coverage_end is not None and self.coverage_end <= self.coverage_start:
            raise ValidationError({"coverage_end": _("The coverage must end after it starts.")})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def last_modified(self):
        """When readers last saw the article change: its last save, its publication or its newest note."""
        notes = [note.published_at for note in self.corrections.all()]
        return max(self.updated_at, self.publish_at, *notes)

    @property
    def ordered_bylines(self):
        return sorted(self.bylines.all(), key=lambda b: b.position)

    @property
    def is_live(self):
        """A live article: told in timed entries (:class:`LiveEntry`), whether or not the coverage runs now."""
        return self.coverage_start is not None

    def coverage_running(self, now=None):
        """Whether the live coverage runs at ``now``: started, and not ended (an empty end runs on)."""
        now = now or timezone.now()
        return self.is_live and self.coverage_start <= now and (self.coverage_end is None or now < self.coverage_end)

    def coverage_changes_at(self, now=None):
        """When the coverage starts or ends by itself after ``now`` (the "Live" badge comes or goes), or ``None``."""
        now = now or timezone.now()
        times = [when for when in (self.coverage_start, self.coverage_end) if when is not None and when > now]
        return min(times, default=None)

    def breadcrumbs(self):
        """(name, url) pairs from Home down to this article's section."""
        crumbs = [(_("Home"), addresses.reverse("articles:home"))]
        crumbs += [(c.name, c.get_absolute_url()) for c in self.category.ancestors_and_self()]
        return crumbs


class SectionListingQuerySet(models.QuerySet):
    def published(self):
        """Rows of articles visible to readers, by :func:`published_now` (the database's clock decides)."""
        return self.filter(published_now())

    def keys_of(self, section):
        """The keys of the articles in ``section``'s list (it and every section below it), newest first.

        One range of the listing index, read from the index alone: ``values("article_id")`` for
        ``pk__in`` and for counting.
        """
        return self.filter(section=section).order_by("-publish_at", "-article_id").values("article_id")


class SectionListing(models.Model):
    """One article in one section's list: a row for the article's own section and one for each above it.

    A section's page lists the articles of its whole tree. Read from the articles themselves that is
    ``category IN (the tree)`` over an index ordered by time, which walks the whole site's archive newest
    first to skip to a deep page; here each section's list is one range of its own index
    (``section, status, -publish_at, -article``), so its count and any page of its keys are read from that
    range alone, however deep. ``status`` and ``publish_at`` are the article's, copied, so the rule of
    :meth:`ArticleQuerySet.published` applies to the rows as it is (``Now()`` in the database: a scheduled
    article joins its lists by itself).

    Derived data, kept by ``articles.section_lists`` (an article saved, a section moved) and by the
    database (an article or section deleted); a bulk ``QuerySet.update()`` of an article's status, publish
    time or section must call ``section_lists.rebuild(articles=…)`` after it.
    """

    section = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+", db_index=False)
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="+", db_index=False)
    status = models.CharField(max_length=10, choices=Article.Status.choices)
    publish_at = models.DateTimeField()

    objects = SectionListingQuerySet.as_manager()

    class Meta:
        constraints = [
            # Also the index that finds an article's rows to rewrite them.
            models.UniqueConstraint(fields=["article", "section"], name="sectionlisting_unique"),
        ]
        indexes = [
            models.Index(fields=["section", "status", "-publish_at", "-article"], name="sectionlisting_list_idx"),
        ]

    def __str__(self):
        return f"{self.article_id} in {self.section_id}"


def bylines_prefetch():
    """The bylines of articles with their authors, as a ``Prefetch`` (teasers and the article page show both)."""
    return models.Prefetch("bylines", queryset=Byline.objects.select_related("author"))


def prefetch_bylines(articles):
    """Read the bylines of ``articles`` (a list, from any number of querysets) in one query."""
    models.prefetch_related_objects(articles, bylines_prefetch())


class Byline(models.Model):
    """One author's credit on an article; ``position`` orders co-bylines."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")]

    def __str__(self):
        return f"{self.author} on {self.article}"


class RelatedPick(models.Model):
    """An editor's hand-picked "You may also like" article, shown before any suggestion."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="picks")
    picked = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="picked_by")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "picked"], name="relatedpick_unique"),
            models.CheckConstraint(condition=~Q(article=models.F("picked")), name="relatedpick_not_self"),
        ]

    def __str__(self):
        return f"{self.article} → {self.picked}"


class RelatedSuggestion(models.Model):
    """A precomputed automatic suggestion, so article pages never rank at request time.

    Rows are rewritten when the article (or a close neighbour) is published
    or edited. ``reasons`` tells editors why: shared tags, section, terms.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    suggested = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggested_for")
    score = models.FloatField()
    reasons = models.JSONField(default=dict)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["article", "suggested"], name="relatedsuggestion_unique")]

    def __str__(self):
        return f"{self.article} ~ {self.suggested} ({self.score:.2f})"


class ArticleTerm(models.Model):
    """One of an article's strongest words, so "related" finds neighbours by index, not by reading the archive.

    Written by :func:`articles.related.index_terms`; up to sixteen rows per
    article. The (term, weight) index answers "which articles are most about
    this word?" without a scan.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)
    weight = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "term"], name="articleterm_unique")]
        indexes = [models.Index(fields=["term", "-weight"], name="articleterm_term_weight_idx")]

    def __str__(self):
        return f"{self.term} ({self.weight:.2f}) in {self.article_id}"


class SiteSettings(models.Model):
    """Site-wide choices editors make in the admin rather than in settings files; one row.

    Read it with :meth:`load`, which costs at most one query and is cached
    until the next save. Today it holds the notice asking readers who block
    ads to support the site (see ``articles/static/articles/adblock.js``).
    """

    class Frequency(models.TextChoices):
        SESSION = "session", _("Once per browser session")
        DAYS = "days", _("Once every few days")

    CACHE_KEY = "articles:site-settings"
    CACHE_SECONDS = 300

    adblock_notice_enabled = models.BooleanField(
        _("show the adblock notice"),
        default=True,
        help_text=_("Ask readers whose browser blocks ads to support the site. Staff never see it."),
    )
    adblock_notice_heading = models.CharField(_("heading"), max_length=120, default="Adblock detected")
    adblock_notice_text = models.TextField(
        _("text"),
        default=(
            "It looks like your browser is blocking adverts. They pay for the reporting you are reading: "
            "please consider allowing them on this site, or supporting our journalism another way. "
            "You can close this message and carry on reading either way."
        ),
        help_text=_("Plain text; a blank line starts a new paragraph."),
    )
    adblock_notice_delay_seconds = models.PositiveSmallIntegerField(
        _("delay in seconds"), default=5, help_text=_("How long a reader is on the page before the notice appears.")
    )
    adblock_notice_frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.SESSION
    )
    adblock_notice_every_days = models.PositiveSmallIntegerField(
        _("every how many days"), default=7, help_text=_('Used with "Once every few days".')
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def load(cls):
        """The settings row, or unsaved defaults if nobody has saved any yet. One query, then cached."""
        site_settings = cache.get(cls.CACHE_KEY)
        if site_settings is None:
            site_settings = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, site_settings, cls.CACHE_SECONDS)
        return site_settings


class LiveEntryQuerySet(models.QuerySet):
    def published(self):
        """What readers see of a live article: entries whose time has come (the database's clock decides)."""
        return self.filter(published_at__lte=Now())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_page(self):
        """What an entry on the page needs: its author, in the same query."""
        return self.select_related("author")


class LiveEntry(models.Model):
    """One timed update of a live article ("14:02 The minister has arrived"), shown newest first.

    The text is rich text cleaned with the body's allow-list
    (:func:`articles.sanitising.sanitise_body`) on every save; the headline,
    author name and image alt text are plain text, escaped wherever shown.
    Saving or deleting an entry purges the article's page cache tag, so its
    page and the live endpoint (:mod:`articles.live`) refresh together.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_entries")
    published_at = models.DateTimeField(
        _("time"), default=timezone.now, help_text=_("Shown with the entry; entries are ordered by it.")
    )
    headline = models.CharField(max_length=200, blank=True, help_text=_("Optional: a few words in bold above it."))
    text = ProseEditorField(
        extensions={
            "Bold": True,
            "Italic": True,
            "BulletList": True,
            "OrderedList": True,
            "ListItem": True,
            "Blockquote": True,
            "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
            "HardBreak": True,
        },
        sanitize=sanitise_body,
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_entries",
        help_text=_("Optional: who reports this entry."),
    )
    image = models.ImageField(upload_to="live/%Y/%m/", blank=True)
    image_alt = models.CharField(
        max_length=250, blank=True, help_text=_("Describe the picture for screen readers (needed with an image).")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        indexes = [models.Index(fields=["article", "-published_at", "-id"], name="liveentry_article_time_idx")]

    def __str__(self):
        return self.headline or strip_tags(self.text)[:60]

    def save(self, *args, **kwargs):
        self.text = sanitise_body(self.text)  # imports and the shell too, as for the body
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the picture for readers who cannot see it.")})
        # Readers see an entry once its time has come; one set ahead would sit unseen on cached pages until then.
        if self.published_at and self.published_at > timezone.now() + LIVE_ENTRY_CLOCK_SLACK:
            raise ValidationError({"published_at": _("An entry cannot be scheduled: set a time that has passed.")})


# Clocks of editors' machines drift; a minute ahead is still "now".
LIVE_ENTRY_CLOCK_SLACK = timedelta(minutes=1)


class ReviewNote(models.Model):
    """A line in an article's review history, for staff only: a note, or a step of the review.

    Writers submit an article for review, editors send it back with a note or
    approve it, and anyone working on it may leave a note. Readers never see
    any of it: no page, feed, sitemap, search or structured data reads this
    model. See :mod:`articles.review`.
    """

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        SUBMITTED = "submitted", _("Submitted for review")
        WITHDRAWN = "withdrawn", _("Moved back to draft")
        SENT_BACK = "sent_back", _("Sent back")
        APPROVED = "approved", _("Approved")

    #: Decisions the article's writers are told about, in the admin and by mail.
    DECISIONS = (Kind.SENT_BACK, Kind.APPROVED)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="review_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When one of the article's writers opened it after this decision.")
    )

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["article", "kind", "created"], name="reviewnote_article_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article_id}"


class CorrectionQuerySet(models.QuerySet):
    def published(self):
        """What readers see: notes on published articles (:meth:`ArticleQuerySet.published`)."""
        return self.filter(article__status=Article.Status.PUBLISHED, article__publish_at__lte=Now())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_listing(self):
        """The corrections page and feed: each note with its article's headline and section, not its body."""
        return self.select_related("article", "article__category").defer("article__body")


class Correction(models.Model):
    """A note an editor appends to a published article: a correction of an error, or an update.

    Readers see it on the article (a correction marked as one), in the
    article's structured data and on the site's corrections page and feed.
    Every change to a note is kept in the article's revisions, so none is
    edited away silently.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text=_("Plain text: what was wrong and what is right, or what is new."))
    published_at = models.DateTimeField(
        _("time"), default=timezone.now, help_text=_("When the note was made; shown to readers.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = CorrectionQuerySet.as_manager()

    #: The tag of the corrections page and feed in the page cache.
    PAGE_CACHE_TAG = "corrections"

    class Meta:
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["-published_at", "-id"], name="correction_newest_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self):
        # A note says what was done and when: a time to come would be a promise, not a record.
        if self.published_at and self.published_at > timezone.now() + CORRECTION_CLOCK_SLACK:
            raise ValidationError({"published_at": _("A correction or update cannot be dated in the future.")})

    @property
    def is_correction(self):
        return self.kind == self.Kind.CORRECTION


# A form filled in a minute ago on a clock a little ahead of the server's is still "now".
CORRECTION_CLOCK_SLACK = timedelta(minutes=5)
