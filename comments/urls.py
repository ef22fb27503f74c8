"""The comments app's URLs, mounted by the site under a prefix (``path("comments/", include("comments.urls"))``).

Only what readers need is exposed. django-comments-xtd's and
django-contrib-comments' own posting, flagging, liking and REST API views are
deliberately not mounted: they would save comments around the spam filter.
Kept from them: the "mute" link of follow-up mail and the comment permalink
redirect. The confirmation link keeps xtd's URL name but is ours.
"""

from django.contrib.contenttypes.views import shortcut
from django.urls import path, re_path
from django_comments_xtd import views as xtd_views

from comments import privacy, views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("form-state/", views.form_state, name="comments-form-state"),
    path("mine/", views.mine, name="comments-mine"),
    path("<int:comment_id>/like/", views.like, name="comments-like"),
    path("<int:comment_id>/report/", views.report, name="comments-report"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("privacy/", privacy.privacy_page, name="comments-privacy"),
    re_path(r"^mute/(?P<key>[^/]+)/$", xtd_views.mute, name="comments-xtd-mute"),
    re_path(r"^cr/(\d+)/(.+)/$", shortcut, name="comments-url-redirect"),
]
