"""The readers' pages. Every list and page starts from ``Article.objects.published()``.

Staff who may change articles can open an unpublished article's URL to
preview it; the page says so, is marked ``noindex`` and is never cached.

Each page names what it shows to the page cache (:func:`articles.pagecache.tag`),
so a change purges just the pages showing it: ``home``; on every list of
articles the list's own tag (:func:`articles.pagecache.listing`:
``listing-latest`` on the home page, ``listing-section-<pk>``,
``listing-author-<pk>``, ``listing-tag-<pk>``), which ``articles.signals``
purges when an article joins or leaves it; ``section-<pk>``, ``author-<pk>``,
``tag-<pk>`` on the pages showing their names; ``article-<pk>`` and its
authors' tags wherever a teaser of it shows; and on an article's page its
section and tags as well, and ``related-article-<pk>`` for its "You may also
like" (:func:`articles.related.page_cache_tag`).
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db import connections
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles import (
    addresses,
    conf,
    detail,
    images,
    live,
    page_parts,
    pagecache,
    prepared,
    roles,
    sections,
    structured_data,
)
from articles.listing import decorate
from articles.models import Article, Author, SectionListing, prefetch_bylines
from articles.origin import public_url
from articles.related import page_cache_tag as related_tag
from articles.related import you_may_also_like
from articles.search import clean_terms, matching

HOME_LATEST = 10
HOME_PER_SECTION = 4
# Deeper paths than this are not sections or articles; refuse before querying.
MAX_PATH_SEGMENTS = 8
# URL names kept out of crawlers' way (robots.txt), where the site routes them.
ROBOTS_DISALLOW = ("admin:index", "articles:search", "comments-form-state", "comments-mine")
# An edit this soon after publication is part of publishing, not an update.
UPDATE_GRACE = timedelta(minutes=5)


@pagecache.cache_for_readers
def home(request):
    latest = prepared.objects(("articles:home-latest", HOME_LATEST), _home_latest)
    top = sections.top_level()
    # The section blocks go on from "Latest": a story shows once on the page.
    by_section = latest_by_top_section(top, count=HOME_PER_SECTION, exclude=[article.pk for article in latest])
    blocks = [(section, by_section.get(section.pk, [])) for section in top]
    # One call for the whole page (bylines, decorators): one query each, not one per block.
    shown = latest + [article for _section, articles in blocks for article in articles]
    prefetch_bylines(shown)
    sections.attach(*latest)
    shown = decorate(shown)
    pagecache.tag(request, "home", pagecache.LATEST, *teaser_tags(shown))
    return render(request, "articles/home.html", {"latest": latest, "blocks": blocks})


def latest_by_top_section(top, *, count, exclude=()):
    """``{section pk: [newest articles in that section's tree]}`` in one query, leaving out ``exclude``.

    One small subquery per section ("its newest ``count``"), so the database
    walks the publication-time index from the top and stops early instead of
    ranking the whole archive. The articles come without their bylines
    (:func:`articles.models.prefetch_bylines`) and with their sections from
    the snapshot.
    """
    if not top:
        return {}
    trees = tuple(tuple(category.pk for category in sections.tree(section)) for section in top)
    # The sections' trees and how many to leave out shape the SQL; the keys left out are its values.
    shape = ("articles:home-blocks", count, len(exclude), trees)
    left_out = {f"exclude_{n}": pk for n, pk in enumerate(exclude)}
    found = prepared.objects(shape, lambda **pks: _newest_by_tree(trees, count=count, exclude=pks.values()), **left_out)
    pk_by_path = {section.path: section.pk for section in top}
    grouped = {}
    sections.attach(*found)
    for article in found:
        grouped.setdefault(pk_by_path[article.category.ancestor_paths()[0]], []).append(article)
    return grouped


def _home_latest():
    return Article.objects.published().for_listing(sections=False, bylines=False).newest_first()[:HOME_LATEST]


def _newest_by_tree(trees, *, count, exclude):
    """The newest ``count`` articles of each tree of section keys, leaving out the keys ``exclude``."""
    candidates = Article.objects.published().exclude(pk__in=list(exclude)).newest_first().values("pk")
    per_section = [candidates.filter(category_id__in=tree)[:count] for tree in trees]
    if connections[Article.objects.db].features.supports_slicing_ordering_in_compound:
        # One list of keys (PostgreSQL): an OR of subqueries would read the whole table to test each row.
        newest = Q(pk__in=per_section[0].union(*per_section[1:], all=True))
    else:
        # SQLite allows no LIMIT inside a UNION; it looks each subquery's keys up by primary key instead.
        newest = Q()
        for ids in per_section:
            newest |= Q(pk__in=ids)
    return Article.objects.filter(newest).for_listing(sections=False, bylines=False).newest_first()


@pagecache.cache_for_readers
def section_or_article(request, path):
    """``/news/world/`` is a section; ``/news/world/<slug>/`` an article in it.

    The sections along the path come from the shared snapshot
    (:mod:`articles.sections`); the longest match decides.
    """
    parts = path.split("/")
    if len(parts) > MAX_PATH_SEGMENTS or not all(parts):
        raise Http404
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    found = sections.by_path(prefixes)
    if path in found:
        return section_page(request, chain=[found[p] for p in prefixes])
    if len(parts) > 1 and all(p in found for p in prefixes[:-1]):
        return article_page(request, slug=parts[-1], chain=[found[p] for p in prefixes[:-1]])
    raise Http404


def section_page(request, *, chain):
    category = chain[-1]
    subsections = sections.children(category)
    # Counted and paged in the section's own list (one index range, however deep the page); the page's
    # articles then read by key.
    page = paginate(
        request,
        Article.objects.published().for_listing(sections=False).newest_first(),
        keys=SectionListing.objects.published().keys_of(category),
    )
    # Its own list: it shows the articles of the sections below it too, whose changes purge it as well.
    pagecache.tag(request, pagecache.key(category), pagecache.listing(category))
    context = {"category": category, "crumbs": section_crumbs(chain), "subsections": subsections, "page_obj": page}
    return render(request, "articles/section.html", context)


def article_page(request, *, slug, chain):
    # The same for every reader until the next purge; a preview (below) is always read afresh.
    article = pagecache.shared(
        f"articles:article:{slug}",
        lambda: _article(slug),
        tags=article_tags,
        read_only=True,
    )
    preview = False
    if article is None and can_preview(request.user):
        article = roles.articles_for(request.user, Article.objects.for_detail()).filter(slug=slug).first()
        preview = article is not None
    if article is None:
        raise Http404
    if article.category_id != chain[-1].pk:
        redirect = HttpResponseRedirect if preview else HttpResponsePermanentRedirect
        return redirect(article.get_absolute_url())
    coverage = live.coverage(request, article, preview=preview)
    crumbs = section_crumbs(chain, current=False) + [(article.headline, None)]
    trail = [*crumbs[:-1], (article.headline, article.get_absolute_url())]
    shared = images.share_images(article, request=request)
    context = {
        "article": article,
        "bylines": article.ordered_bylines,
        "tags": list(article.tags.all()),
        # The same for every reader until the next purge, as the comment thread is.
        "related": pagecache.shared(
            f"articles:related:{article.pk}",
            lambda: _related(article),
            tags=lambda related: [
                pagecache.key(article),
                related_tag(article.pk),
                *(pagecache.key(item) for item in related),
            ],
            read_only=True,
        ),
        "crumbs": crumbs,
        "page_parts": page_parts.context(),
        "preview": preview,
        # The name of the page's shared text ({% shared_fragment %}); none for a preview, which one reader sees.
        "shared_content": None if preview else f"article-{article.pk}-{coverage.number if coverage else 1}",
        "updated": article.last_modified if article.last_modified - article.publish_at > UPDATE_GRACE else None,
        "corrections": list(article.corrections.all()),
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
        "lead_picture": images.lead_picture(article),
        # The 16:9 crop for social networks, or the site's own image.
        "share_image": shared[0] if shared else None,
        "live": coverage,
        "json_ld": [
            structured_data.script_tag(
                structured_data.live_blog_posting(article, coverage.entries, request=request, share_images=shared)
                if coverage
                else structured_data.news_article(article, request=request, share_images=shared)
            ),
            # The whole visible trail, the article itself last (under its own URL, which the trail shows as text).
            structured_data.script_tag(structured_data.breadcrumb_list(trail, request=request)),
        ],
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex"
        add_never_cache_headers(response)
    return response


def _article(slug):
    """The published article ``slug`` with what ``for_detail(sections=False)`` prefetches, its sections from
    the snapshot the path was resolved with. It and those come through queries compiled once per process."""
    found = prepared.objects("articles:article", _published, slug=slug)
    if not found:
        return None
    detail.prefetch(found[0])
    sections.attach(*found)
    return found[0]


def _published(slug):
    return Article.objects.published().filter(slug=slug)[:1]  # as first() reads it (in the model's order)


def _related(article):
    """The "You may also like" teasers, their sections from the snapshot."""
    teasers = you_may_also_like(article, sections=False)
    sections.attach(*teasers)
    return teasers


@pagecache.cache_for_readers
def author(request, slug):
    person = get_object_or_404(Author, slug=slug)
    page = paginate(
        request, Article.objects.published().filter(bylines__author=person).for_listing(sections=False).newest_first()
    )
    pagecache.tag(request, pagecache.key(person), pagecache.listing(person))
    return render(request, "articles/author.html", {"author": person, "page_obj": page})


@pagecache.cache_for_readers
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, Article.objects.published().filter(tags=tag).for_listing(sections=False).newest_first())
    pagecache.tag(request, pagecache.key(tag), pagecache.listing(tag))
    return render(request, "articles/tag.html", {"tag": tag, "page_obj": page})


def search(request):
    terms = clean_terms(request.GET.get("q"))
    page = None
    if terms:
        page = paginate(
            request, matching(Article.objects.published().for_listing(sections=False), terms=terms), params={"q": terms}
        )
    response = render(request, "articles/search.html", {"terms": terms, "page_obj": page})
    response["X-Robots-Tag"] = "noindex"
    return response


def robots_txt(request):
    """Keep crawlers out of the admin, search and the comment script's JSON; point them at the sitemaps.

    Lists whichever of the URL names ``admin:index``, ``articles:search``,
    ``comments-form-state``, ``comments-mine`` (the comments app's per-reader
    endpoints), ``sitemap`` and ``sitemap-news`` the site routes.
    """
    lines = ["User-agent: *"]
    lines += [f"Disallow: {url}" for url in _urls(*ROBOTS_DISALLOW)]
    lines += [f"Sitemap: {public_url(url)}" for url in _urls("sitemap", "sitemap-news")]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _urls(*names):
    for name in names:
        try:
            yield reverse(name)
        except NoReverseMatch:
            continue


def paginate(request, queryset, *, params=None, keys=None):
    """The requested page of ``queryset``, decorated, its sections from the snapshot; 404 for a page that isn't there.

    ``keys`` are the list's article keys in the list's order (a ``values()`` queryset of one column), when
    a cheaper source than ``queryset`` counts them and finds a page's (a section's list,
    ``SectionListing``); by default ``queryset``'s own. ``params`` are the page's own other query
    parameters (a search's ``q``).
    The links to the pages before and after (``page.previous_url``,
    ``page.next_url``) carry those and the page number, never the rest of
    the request's query string: a cached page is served to every URL that
    shares its key, ``?utm_source=…`` included, so one reader's trackers
    must not end up in everyone's links. The page number is declared to the
    page cache, which redirects ``?page=1`` and ``?page=02`` to the canonical
    URL instead of keeping copies of the same page.
    """
    keys = queryset.values("pk") if keys is None else keys
    paginator = Paginator(keys, conf.get("NEWSROOM_ARTICLES_PER_PAGE"))
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404(_("No such page.")) from exc
    pagecache.page_param(request, "page", page.number if page.number > 1 else None)
    # The page's rows by key, from a subquery the listing index answers alone (one query still): a deep
    # page (?page=554) no longer reads the whole rows, and their joins, of every article before it.
    start = (page.number - 1) * paginator.per_page
    page.object_list = decorate(queryset.filter(pk__in=keys[start : start + paginator.per_page]))
    sections.attach(*page.object_list)
    pagecache.tag(request, *teaser_tags(page.object_list))  # the list's own tag is its view's
    params = params or {}
    if page.has_previous():
        page.previous_url = _page_url(request, params, page.previous_page_number())
    if page.has_next():
        page.next_url = _page_url(request, params, page.next_page_number())
    return page


def _page_url(request, params, number):
    """The canonical URL of page ``number``: ``?page=2``, or the bare path for page 1."""
    query = {**params, "page": number} if number > 1 else params
    return f"?{urlencode(query)}" if query else escape_uri_path(request.path)


def teaser_tags(articles):
    """The page cache tags of teasers of ``articles``: each article and its authors, whose names they show."""
    return [
        tag
        for article in articles
        for tag in (
            pagecache.key(article),
            *(pagecache.key(Author, byline.author_id) for byline in article.bylines.all()),
        )
    ]


def article_tags(article):
    """The page cache tags of an article's own page: the article, its section, its authors and its tags."""
    return [
        *teaser_tags([article]),
        pagecache.key(article.category),
        *(pagecache.key(tag) for tag in article.tags.all()),
    ]


def section_crumbs(chain, *, current=True):
    """``(name, url)`` pairs Home » News » World; the current page's url is ``None``."""
    crumbs = [(_("Home"), addresses.reverse("articles:home"))]
    crumbs += [(c.name, c.get_absolute_url()) for c in chain]
    if current:
        crumbs[-1] = (crumbs[-1][0], None)
    return crumbs


def can_preview(user):
    return user.is_authenticated and user.is_staff and user.has_perm("newsroom_articles.change_article")
