from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    # Sections and articles share the pretty path: /news/world/ is a section,
    # /news/world/some-headline/ an article in it.
    path("<path:path>/", views.section_or_article, name="category"),
]
