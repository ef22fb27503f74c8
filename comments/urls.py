"""The comments app's URLs, mounted by the site under a prefix (``path("comments/", include("comments.urls"))``).

Only what readers need is exposed. django-comments-xtd's and
django-contrib-comments' own posting, flagging, liking and REST API views are
deliberately not mounted: they would save comments around the spam filter.
The comment permalink redirect (``comments-url-redirect``, which
django-contrib-comments' ``get_absolute_url()`` names) is ours: Django's
``shortcut`` view would lead anyone to drafts and embargoed articles. The
confirmation and "stop these e-mails" links keep xtd's URL names but are
ours: xtd's views unpickle what their links hold (see ``comments.links``).
"""

from django.urls import path

from comments import privacy, views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("form-state/", views.form_state, name="comments-form-state"),
    path("mine/", views.mine, name="comments-mine"),
    path("<int:comment_id>/like/", views.like, name="comments-like"),
    path("<int:comment_id>/report/", views.report, name="comments-report"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("privacy/", privacy.privacy_page, name="comments-privacy"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    path("cr/<int:content_type_id>/<str:object_pk>/", views.commented_object, name="comments-url-redirect"),
]
