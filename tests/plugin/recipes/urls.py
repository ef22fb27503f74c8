"""The site's URLs with a recipe page in front (``@pytest.mark.urls("tests.plugin.recipes.urls")``)."""

from django.urls import include, path

from tests.plugin.recipes import views

urlpatterns = [
    path("recipes/<slug:slug>/", views.recipe_detail, name="recipe"),
    path("", include("newsroom.urls")),
]
