"""The demo's lead images (newsroom.demo.pictures, drawn by newsroom.demo.drawing) as load_demo stores them."""

from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from newsroom.demo import STORIES, drawing, pictures

pytestmark = pytest.mark.django_db


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", "--no-comments", *args, stdout=out)
    return out.getvalue()


def test_every_story_has_a_picture_and_every_picture_a_story():
    assert set(pictures.PICTURES) == {story.slug for story in STORIES}


def test_demo_articles_have_lead_images_with_alt_text_caption_and_credit():
    output = load_demo()

    articles = Article.objects.all()
    assert articles.count() == len(STORIES)
    for article in articles:
        assert article.lead_image.name == f"articles/demo/{article.slug}.png"
        assert len(article.lead_image_alt) > 20, article.slug
        assert article.lead_image_caption and article.lead_image_credit.endswith("The Daily Ledger")
        with default_storage.open(article.lead_image.name) as file, Image.open(file) as image:
            assert (image.format, image.size) == ("PNG", (1600, 900))
    assert f"{len(STORIES)} lead images" in output


def test_pictures_fit_their_stories():
    credits = {slug: picture.credit for slug, picture in pictures.PICTURES.items()}

    assert credits["central-bank-holds-interest-rates"] == pictures.GRAPHIC  # economy: charts
    assert credits["freight-rates-slide-as-shipping-capacity-returns"] == pictures.GRAPHIC
    assert credits["bus-routes-return-to-northwick-estates"] == pictures.MAP  # local news: maps
    assert credits["ashbury-rovers-snatch-late-derby-win"] == pictures.ILLUSTRATION
    assert pictures.PICTURES["ashbury-rovers-snatch-late-derby-win"].args["motif"] == "pitch"


def test_loading_again_draws_nothing_and_keeps_one_file_per_story():
    load_demo()
    before = sorted(default_storage.listdir("articles/demo")[1])

    output = load_demo()

    assert sorted(default_storage.listdir("articles/demo")[1]) == before
    assert len(before) == len(STORIES)
    assert "lead images" not in output


def test_overwrite_puts_the_words_back_and_reuses_the_file():
    load_demo()
    slug = "central-bank-holds-interest-rates"
    Article.objects.filter(slug=slug).update(lead_image_alt="edited", lead_image_credit="someone")
    files = sorted(default_storage.listdir("articles/demo")[1])

    load_demo("--overwrite")

    article = Article.objects.get(slug=slug)
    assert article.lead_image_alt == pictures.PICTURES[slug].alt
    assert article.lead_image_credit == pictures.GRAPHIC
    assert sorted(default_storage.listdir("articles/demo")[1]) == files


def test_an_editors_own_picture_is_kept():
    load_demo()
    slug = "central-bank-holds-interest-rates"
    Article.objects.filter(slug=slug).update(lead_image="articles/2026/01/rates.jpg", lead_image_alt="Mine")

    load_demo()

    assert Article.objects.values_list("lead_image", "lead_image_alt").get(slug=slug) == (
        "articles/2026/01/rates.jpg",
        "Mine",
    )


def test_a_lost_file_is_drawn_again_for_an_article_without_a_picture():
    load_demo()
    slug = "meteor-shower-best-viewing-guide"
    default_storage.delete(pictures.storage_name(slug))
    Article.objects.filter(slug=slug).update(lead_image="")

    assert "1 lead images" in load_demo()
    assert default_storage.exists(pictures.storage_name(slug))


@pytest.mark.parametrize("motif", sorted(drawing.MOTIFS))
def test_every_motif_draws_a_16_9_picture(motif):
    image = drawing.scene(motif=motif, seed=1)

    assert image.size == (1600, 900)
    assert len(image.getcolors(maxcolors=1_000_000)) >= 3  # more than a blank canvas


def test_the_same_arguments_draw_the_same_map():
    first = drawing.street_map(seed=4, label="Here")

    assert first.tobytes() == drawing.street_map(seed=4, label="Here").tobytes()
    assert first.tobytes() != drawing.street_map(seed=5, label="Here").tobytes()
