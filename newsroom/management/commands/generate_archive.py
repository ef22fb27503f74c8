"""Fill the database with a large made-up archive, for benchmarks only::

    DATABASE_URL=sqlite:////tmp/archive.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/archive.sqlite3 python manage.py generate_archive --articles 100000 --comments 1000000

Rows go in with ``bulk_create`` in batches, so no signal fires: no purge,
no related-article recompute, no mail. The sections' lists are rebuilt once the
articles are in (``articles.section_lists.rebuild``). Term index rows are written for every
article (so "You may also like" can rank new articles against the archive),
but suggestions are only precomputed for ``--related-sample`` articles.
Comments get real thread fields (thread, parent, level, depth-first order,
nested count) and a realistic mix of statuses, bunched on popular articles.
The words are generated from a small vocabulary; nothing here is real news.

A command of this repository's host site (``newsroom``), not of the apps:
a site that installs them from the wheel has no use for made-up data.
"""

import random
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from django_comments.models import Comment as BaseComment
from django_comments_xtd.models import XtdComment
from taggit.models import Tag, TaggedItem

from articles import related, section_lists
from articles.models import Article, ArticleTerm, Author, Byline, Category
from comments.models import Comment, email_key
from comments.spam.base import Band
from comments.spam.normalise import text_hash

# The band a generated comment records, from the status it was given (trash was held first).
BAND_FOR_STATUS = {band.status: band for band in (Band.PUBLISH, Band.HOLD, Band.SPAM)}


def _words(text):
    return text.split()


SECTIONS = {
    "news": ["world", "politics", "local", "health"],
    "business": ["markets", "economy", "companies"],
    "science": ["space", "climate", "technology"],
    "sport": ["football", "cricket", "athletics"],
    "culture": ["books", "film", "music"],
    "opinion": [],
}
SUBJECTS = _words(
    "council tenants harbour ferry orchard bakery railway reservoir library glacier satellite vaccine "
    "startup tariff festival stadium museum river wetland lighthouse quarry telescope pension budget "
    "referendum hospital classroom bridge motorway airport vineyard fishery forest coastline"
)
VERBS = _words("approve reject delay expand question celebrate reopen rebuild protect review test launch")
PLACES = _words("Northbrook Ashworth Kelsey Marlow Tarnby Eastmere Holloway Redcastle Wyndham Brackley")
FILLER = _words(
    "officials said the plan would take several years and cost more than first thought while residents "
    "asked for clearer answers about timing funding and the effect on nearby streets schools and shops "
    "researchers measured the change over three seasons and found a steady rise that surprised them"
)
FIRST = _words("Ada Ben Cara Dev Ema Finn Gita Hugo Iris Jon Kemi Leo Mira Noor Owen Pia Ravi Sara Tom Una")
LAST = _words("Abbott Bryce Chen Dowd Evans Fox Gill Hart Iqbal Jones Khan Lund Moss Nash Ortiz Price Reid Shaw")
STATUSES = [("approved", 85), ("pending", 8), ("spam", 5), ("trash", 2)]
MAX_LEVEL = 2


def insert_own_rows(model, objs):
    """Insert ``objs`` into ``model``'s own table only, their parent rows being there already.

    ``bulk_create`` refuses models with multi-table inheritance, and the rows of
    all three comment tables are built here anyway. Values are prepared as a
    save prepares them (``pre_save``, then ``get_db_prep_save``): defaults,
    dates and JSON come out as Django would write them.
    """
    if not objs:
        return
    db = connections[DEFAULT_DB_ALIAS]  # the proxy django.db.connection looks it up again on every use
    fields = [f for f in model._meta.get_fields(include_parents=False) if f.concrete and not f.many_to_many]
    quote = db.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), db) for f in fields] for obj in objs]
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            # One array per column, as Django's own bulk inserts on PostgreSQL do: binding a
            # parameter per value costs twice the time. Array types drop the length (varchar[]).
            arrays = ", ".join(f"(%s)::{f.db_type(db).split('(')[0]}[]" for f in fields)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays})",
                list(map(list, zip(*rows, strict=True))),
            )
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


class Command(BaseCommand):
    help = "Bulk-create a large made-up archive of articles and comments (for benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--comments", type=int, default=100_000)
        parser.add_argument("--authors", type=int, default=200)
        parser.add_argument("--tags", type=int, default=400)
        parser.add_argument("--related-sample", type=int, default=200, help="Articles whose suggestions are stored.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if Article.objects.exists():
            raise CommandError("The database already has articles; generate_archive wants an empty, migrated one.")
        self.rng = random.Random(options["seed"])
        self.batch = options["batch_size"]
        self.now = timezone.now()
        self.started = started = time.monotonic()
        sections = self.make_sections()
        authors = self.make_authors(options["authors"])
        tags = self.make_tags(options["tags"])
        article_ids = self.make_articles(options["articles"], sections=sections, authors=authors, tags=tags)
        section_lists.rebuild()  # bulk_create skips the saves that keep the sections' lists
        self.say("sections' lists: written")
        self.index_terms()
        self.precompute_related(options["related_sample"])
        self.make_comments(options["comments"], article_ids=article_ids)
        # Fresh statistics, as a live database would have: without them SQLite's
        # planner scans the article index instead of following a foreign key.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.say("statistics: analysed")
        self.stdout.write(f"Done in {time.monotonic() - started:.0f} s.")

    def say(self, message):
        self.stdout.write(f"{message} ({time.monotonic() - self.started:.0f} s)")
        self.stdout.flush()

    # --- Sections, people, tags ---------------------------------------------------------------------------

    def make_sections(self):
        leaves = []
        for position, (slug, children) in enumerate(SECTIONS.items()):
            top = Category.objects.create(name=slug.title(), slug=slug, position=position)
            leaves.append(top)
            for child_position, child in enumerate(children):
                leaves.append(
                    Category.objects.create(name=child.title(), slug=child, parent=top, position=child_position)
                )
        return leaves

    def make_authors(self, count):
        authors = [
            Author(name=f"{first} {last}", slug=f"{slugify(first)}-{slugify(last)}-{i}", job_title="Reporter")
            for i, (first, last) in enumerate((self.rng.choice(FIRST), self.rng.choice(LAST)) for _ in range(count))
        ]
        return Author.objects.bulk_create(authors, batch_size=self.batch)

    def make_tags(self, count):
        pairs = [f"{subject} {place.lower()}" for subject in SUBJECTS for place in PLACES] + SUBJECTS
        names = [f"{pair} {n // len(pairs) + 1}" if n >= len(pairs) else pair for n, pair in enumerate(pairs * 50)]
        return Tag.objects.bulk_create([Tag(name=n, slug=slugify(n)) for n in names[:count]], batch_size=self.batch)

    # --- Articles -----------------------------------------------------------------------------------------

    def make_articles(self, count, *, sections, authors, tags):
        article_type = ContentType.objects.get_for_model(Article)
        ids = []
        for start in range(0, count, self.batch):
            with transaction.atomic():
                articles = Article.objects.bulk_create(
                    [self.article(n, sections=sections) for n in range(start, min(start + self.batch, count))],
                    batch_size=self.batch,
                )
                Byline.objects.bulk_create(
                    [
                        Byline(article_id=a.pk, author_id=author.pk, position=p)
                        for a in articles
                        for p, author in enumerate(self.rng.sample(authors, self.rng.choice((1, 1, 1, 2))))
                    ],
                    batch_size=self.batch,
                )
                TaggedItem.objects.bulk_create(
                    [
                        TaggedItem(content_type_id=article_type.pk, object_id=a.pk, tag_id=tag.pk)
                        for a in articles
                        for tag in self.rng.sample(tags, self.rng.randint(1, 4))
                    ],
                    batch_size=self.batch,
                )
            ids += [a.pk for a in articles]
            self.say(f"articles: {len(ids):,}")
        return ids

    def article(self, n, *, sections):
        subject, verb, place = self.rng.choice(SUBJECTS), self.rng.choice(VERBS), self.rng.choice(PLACES)
        headline = f"{place} {verb}s {subject} plan after {self.rng.randint(2, 40)} months of talks"
        roll = self.rng.random()
        if roll < 0.005:
            status, publish_at = Article.Status.PUBLISHED, self.now + timedelta(hours=self.rng.randint(1, 72))
        elif roll < 0.015:
            status, publish_at = Article.Status.DRAFT, self.now
        else:
            status = Article.Status.PUBLISHED
            publish_at = self.now - timedelta(minutes=self.rng.randint(1, 10 * 365 * 24 * 60))
        paragraphs = [" ".join(self.rng.choices(FILLER, k=40)).capitalize() + "." for _ in range(5)]
        return Article(
            headline=headline,
            slug=f"{slugify(headline)}-{n}",
            standfirst=f"What the {subject} decision in {place} means for the people who live there.",
            body="".join(f"<p>{p}</p>" for p in paragraphs),
            category_id=self.rng.choice(sections).pk,
            status=status,
            publish_at=publish_at,
            first_published_at=publish_at if status == Article.Status.PUBLISHED else None,
        )

    def index_terms(self):
        done = 0
        queryset = Article.objects.only("pk", "headline", "standfirst", "body").order_by("pk")
        last = 0
        while True:
            articles = list(queryset.filter(pk__gt=last)[: self.batch])
            if not articles:
                break
            ArticleTerm.objects.bulk_create(
                [
                    ArticleTerm(article_id=a.pk, term=term, weight=weight)
                    for a in articles
                    for term, weight in related.term_weights(a).items()
                ],
                batch_size=self.batch,
            )
            last = articles[-1].pk
            done += len(articles)
            if done % (self.batch * 10) == 0:
                self.say(f"term index: {done:,}")

    def precompute_related(self, sample):
        pks = list(Article.objects.published().values_list("pk", flat=True).order_by("?")[:sample])
        for article in Article.objects.filter(pk__in=pks).select_related("category"):
            related.recompute(article)
        self.say(f"related suggestions: {len(pks):,} articles")

    # --- Comments -----------------------------------------------------------------------------------------

    def make_comments(self, count, *, article_ids):
        article_type = ContentType.objects.get_for_model(Article)
        # Popular articles draw most comments: a Pareto weight per article.
        weights = [self.rng.paretovariate(1.2) for _ in article_ids]
        targets = self.rng.choices(article_ids, weights=weights, k=count)
        targets.sort()
        statuses, status_weights = zip(*STATUSES, strict=True)
        made = 0
        for start in range(0, count, self.batch):
            chunk = targets[start : start + self.batch]
            with transaction.atomic():
                submitted = [self.now - timedelta(minutes=self.rng.randint(1, 5 * 365 * 24 * 60)) for _ in chunk]
                texts = [" ".join(self.rng.choices(FILLER, k=self.rng.randint(8, 60))).capitalize() for _ in chunk]
                chosen = self.rng.choices(statuses, weights=status_weights, k=len(chunk))
                bases = BaseComment.objects.bulk_create(
                    [
                        BaseComment(
                            content_type_id=article_type.pk,
                            object_pk=str(article_pk),
                            site_id=1,
                            user_name=f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}",
                            user_email=f"reader{start + i}@example.com",
                            comment=texts[i],
                            submit_date=submitted[i],
                            ip_address=f"10.{i % 250}.{(start // 250) % 250}.{self.rng.randint(1, 250)}",
                            is_public=chosen[i] == "approved",
                            is_removed=chosen[i] in {"spam", "trash"},
                        )
                        for i, article_pk in enumerate(chunk)
                    ],
                    batch_size=self.batch,
                )
                threads = self.threads([(b.pk, int(b.object_pk)) for b in bases])
                insert_own_rows(
                    XtdComment, [XtdComment(comment_ptr_id=b.pk, followup=False, **threads[b.pk]) for b in bases]
                )
                rows = [
                    Comment(
                        xtdcomment_ptr_id=b.pk,
                        status=chosen[i],
                        status_changed_at=submitted[i],
                        spam_score=round(self.rng.random(), 3),
                        spam_band=BAND_FOR_STATUS.get(chosen[i], Band.HOLD),
                        text_hash=text_hash(texts[i]),
                        email_key=email_key(b.user_email),
                    )
                    for i, b in enumerate(bases)
                ]
                insert_own_rows(Comment, rows)
            made += len(chunk)
            if made % (self.batch * 25) == 0 or made == count:
                self.say(f"comments: {made:,}")

    def threads(self, comments):
        """Thread fields for ``[(pk, article pk)]``: about a third are replies within the same article.

        A batch's comments on one article form that article's threads here;
        threads never span batches, which keeps the order exact.
        """
        fields = {}
        by_article = {}
        for pk, article_pk in comments:
            by_article.setdefault(article_pk, []).append(pk)
        for pks in by_article.values():
            children = {}
            roots = []
            level = {}
            for pk in pks:
                candidates = [p for p in level if level[p] < MAX_LEVEL]
                if candidates and self.rng.random() < 0.35:
                    parent = self.rng.choice(candidates)
                    children.setdefault(parent, []).append(pk)
                    level[pk] = level[parent] + 1
                else:
                    roots.append(pk)
                    level[pk] = 0
            for root in roots:
                self.walk(root, parent=root, thread=root, children=children, level=level, fields=fields, order=[0])
        return fields

    def walk(self, pk, *, parent, thread, children, level, fields, order):
        """Depth-first: a comment, then its replies; returns how many replies lie below it."""
        order[0] += 1
        row = fields[pk] = {"thread_id": thread, "parent_id": parent, "level": level[pk], "order": order[0]}
        nested = 0
        for child in children.get(pk, []):
            nested += 1 + self.walk(
                child, parent=pk, thread=thread, children=children, level=level, fields=fields, order=order
            )
        row["nested_count"] = nested
        return nested
