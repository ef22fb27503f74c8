"""The comments app's URLs, mounted by the site under a prefix (``path("comments/", include("comments.urls"))``).

Only what readers need is exposed. django-comments-xtd's and
django-contrib-comments' own posting, flagging, liking and REST API views are
deliberately not mounted: they would save comments around the spam filter.
The comment permalink redirect (``comments-url-redirect``, which
django-contrib-comments' ``get_absolute_url()`` names) is ours: Django's
``shortcut`` view would lead anyone to drafts and embargoed articles. The
confirmation and "stop these e-mails" links keep xtd's URL names but are
ours: xtd's views unpickle what their links hold (see ``comments.links``).
The statement of reasons (``comments-statement``) is a signed link of ours too.
The comment feeds (:mod:`comments.feeds`) are cached like readers' pages.
"""

from django.urls import path

from articles.pagecache import cache_for_readers
from comments import feeds, privacy, views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("form-state/", views.form_state, name="comments-form-state"),
    path("mine/", views.mine, name="comments-mine"),
    path("<int:comment_id>/like/", views.like, name="comments-like"),
    path("<int:comment_id>/report/", views.report, name="comments-report"),
    path("<int:comment_id>/edit/", views.edit_comment, name="comments-edit"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("privacy/", privacy.privacy_page, name="comments-privacy"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    path("statement/<str:key>/", views.statement_of_reasons, name="comments-statement"),
    path("cr/<int:content_type_id>/<str:object_pk>/", views.commented_object, name="comments-url-redirect"),
    # Feeds of comments readers see: the whole site's, and one object's ("newsroom_articles.article", its key).
    path("feeds/rss/", cache_for_readers(feeds.LatestCommentsFeed()), name="comments-feed-rss"),
    path("feeds/atom/", cache_for_readers(feeds.LatestCommentsAtomFeed()), name="comments-feed-atom"),
    path(
        "feeds/rss/<str:label>/<str:object_pk>/",
        cache_for_readers(feeds.TargetCommentsFeed()),
        name="comments-feed-target-rss",
    ),
    path(
        "feeds/atom/<str:label>/<str:object_pk>/",
        cache_for_readers(feeds.TargetCommentsAtomFeed()),
        name="comments-feed-target-atom",
    ),
]
