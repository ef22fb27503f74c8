from django.db import models
from django.urls import reverse


class RecipeQuerySet(models.QuerySet):
    def published(self):
        """The recipes readers see."""
        return self.filter(is_published=True)


class Recipe(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    is_published = models.BooleanField(default=True)
    comments_enabled = models.BooleanField(default=True)

    objects = RecipeQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("recipe", kwargs={"slug": self.slug})
