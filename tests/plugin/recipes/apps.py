from django.apps import AppConfig

from comments import targets


class RecipeComments(targets.Commentable):
    """Readers comment on published recipes, unless a recipe has comments turned off."""

    enable_field = "comments_enabled"

    def visible(self):
        return self.model.objects.published()

    def is_visible(self, recipe):
        return recipe.is_published


class RecipesConfig(AppConfig):
    name = "tests.plugin.recipes"
    label = "recipes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tests.plugin.recipes.models import Recipe

        targets.register(Recipe, RecipeComments)
