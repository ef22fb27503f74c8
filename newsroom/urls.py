from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import sitemaps
from articles import views as article_views
from newsroom import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("robots.txt", article_views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("site.webmanifest", views.web_manifest, name="web-manifest"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap-news"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap-section"),
    # Uploads and the lead images' renditions, served by runserver while DEBUG is on (nothing otherwise:
    # in production the web server serves MEDIA_ROOT, see docs/deployment.md).
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    path("", include("articles.urls")),
]
