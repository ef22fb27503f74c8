"""The comment section and its form written in Python give the templates' markup (comments.section_rendering)."""

import copy
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.html import escape

from articles.models import Article
from comments import section, section_rendering
from comments.forms import CommentForm
from comments.models import Announcement
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def reader_request(query="", user=None):
    request = RequestFactory().get(f"/?{query}")
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def article():
    article = make_article(headline="Rivers & <roads>")
    for n in range(3):
        make_comment(article, name=f'O\'Brien & "Sons" {n}', parent=make_comment(article))
    return Article.objects.for_detail().get(pk=article.pk)


def both(context):
    """The template's markup and the Python one, for the same context.

    Written first: a blank form nothing has asked for yet is written from the copy kept per language.
    """
    written = section_rendering.section_html(copy.copy(context))
    template = render_to_string(section.SECTION_TEMPLATE, copy.copy(context))
    return template, written


def assert_same(context):
    template, written = both(context)
    assert written == template
    return written


def test_open_section_for_a_reader(article):
    html = assert_same(section.section_context(article, request=reader_request()))
    assert 'name="comment"' in html
    assert "Rivers &amp; &lt;roads&gt;" not in html  # (the headline is not part of the section)


def test_signed_in_reader(article):
    user = make_user(first_name="Ada", last_name="<Lovelace>")
    html = assert_same(section.section_context(article, request=reader_request(user=user)))
    assert "You are commenting as Ada &lt;Lovelace&gt;." in html
    assert 'name="email"' not in html


def test_signed_in_reader_without_a_full_name(article):
    user = make_user(username="ada&co", first_name="", last_name="")
    html = assert_same(section.section_context(article, request=reader_request(user=user)))
    assert "You are commenting as ada&amp;co." in html


def test_reply_form_names_the_comment_answered(article):
    parent = make_comment(article, name="<b>Bo</b>")
    html = assert_same(section.section_context(article, request=reader_request(f"reply_to={parent.pk}")))
    assert "Replying to &lt;b&gt;Bo&lt;/b&gt;." in html


def test_closed_comments(article):
    Article.objects.filter(pk=article.pk).update(comments_enabled=False)
    article.refresh_from_db()
    context = section.section_context(article, request=reader_request())
    assert not context["open"]
    html = assert_same(context)
    assert "Comments are closed." in html
    assert 'name="comment"' not in html


def test_closed_comments_with_a_message_of_their_own(article):
    Article.objects.filter(pk=article.pk).update(comments_enabled=False, comments_closed_message="Gone <fishing>")
    article.refresh_from_db()
    html = assert_same(section.section_context(article, request=reader_request()))
    assert "Gone &lt;fishing&gt;" in html


def test_unpublished_target_shows_nothing(article):
    context = section.section_context(article, request=reader_request())
    context["published"] = False
    assert assert_same(context) == "\n"


def test_recaptcha_field_is_rendered_when_configured(settings, article):
    settings.NEWSROOM_RECAPTCHA_PUBLIC_KEY = "public-test-key"
    settings.NEWSROOM_RECAPTCHA_PRIVATE_KEY = "private-test-key"
    html = assert_same(section.section_context(article, request=reader_request()))
    assert 'class="nr-field nr-captcha"' in html
    assert "public-test-key" in html


def test_announcements_views_sorts_more_and_edits(article):
    context = section.section_context(article, request=reader_request())
    context["announcements"] = [Announcement(text="Slow <moderation> & more")]
    context["thread_links"] = {
        "views": [
            section.ThreadLink("Featured (2)", "/a/?x=1&y=2#comments", True),
            section.ThreadLink("All", "/a/", False),
        ],
        "sorts": [section.ThreadLink("Newest", "/a/?sort=newest", False), section.ThreadLink("<Old>", "/a/", True)],
        "more": "/a/?comments_page=2&sort=newest#comments",
    }
    context["editable_ids"] = [7, 12345]
    context["held_comments"] = [make_comment(article, status="pending", name="Held <one>")]
    html = assert_same(context)
    assert "Slow &lt;moderation&gt; &amp; more" in html
    assert 'href="/a/?x=1&amp;y=2#comments" aria-current="page"' in html
    assert "Held &lt;one&gt;" in html
    assert 'href="#c12345"' in html


def test_without_a_spam_notice_or_a_prompt(article):
    context = section.section_context(article, request=reader_request())
    context["spam_notice"] = ""
    html = assert_same(context)
    assert "nr-spam-notice" not in html


def test_another_language(article):
    with translation.override("fr"):
        assert_same(section.section_context(article, request=reader_request()))


def test_a_bound_form_goes_through_the_template(article):
    context = section.section_context(article, request=reader_request())
    context["form"] = CommentForm(article, data={"comment": ""})
    assert "nr-error" in section_rendering.form_html(context)
    assert_same(context)


@pytest.mark.parametrize("name", [section_rendering.SECTION_TEMPLATE, section_rendering.FORM_TEMPLATE])
def test_a_site_that_overrides_a_template_keeps_its_markup(settings, tmp_path, article, name):
    override = tmp_path / name
    override.parent.mkdir(parents=True)
    override.write_text("{{ form.comment.label }} (the site's own)" if "form" in name else "The site's own section")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    assert not section_rendering.is_own_template(name)
    html = assert_same(section.section_context(article, request=reader_request()))
    assert "site's own" in html


def test_the_apps_own_templates_are_recognised():
    assert section_rendering.is_own_template(section_rendering.SECTION_TEMPLATE)
    assert section_rendering.is_own_template(section_rendering.FORM_TEMPLATE)


def test_words_are_those_of_the_active_language():
    with translation.override("fr"):
        french = section_rendering.words()
        assert french["edit"] == translation.gettext("Edit")
    with translation.override("en"):
        assert section_rendering.words()["closed"] == "Comments are closed."
        assert section_rendering.words() is section_rendering.words()  # looked up once


def test_words_are_looked_up_again_when_the_languages_change(settings):
    section_rendering.words()
    settings.LANGUAGES = [("en", "English"), ("de", "German")]
    assert section_rendering._words.cache_info().currsize == 0


def test_words_are_looked_up_again_when_a_catalogue_changes():
    section_rendering.words()
    kept = section_rendering._words.cache_info().currsize
    file_changed.send(sender=None, file_path=Path("locale/de/LC_MESSAGES/django.py"))
    assert section_rendering._words.cache_info().currsize == kept > 0
    file_changed.send(sender=None, file_path=Path("locale/de/LC_MESSAGES/django.mo"))
    assert section_rendering._words.cache_info().currsize == 0


def test_the_forms_labels_follow_the_active_language(article):
    english = translation.override("en")
    with english:
        assert_same(section.section_context(article, request=reader_request()))
    with translation.override("fr"):
        french = assert_same(section.section_context(article, request=reader_request()))
        assert f'<label for="id_comment">{translation.gettext("Comment")}</label>' in french
    with english:
        html = assert_same(section.section_context(article, request=reader_request()))
        assert '<label for="id_comment">Comment</label>' in html
    assert section_rendering._form_texts.cache_info().currsize >= 2


def test_labels_the_form_was_not_built_with_are_written_as_given(article):
    context = section.section_context(article, request=reader_request())
    context["form"].fields["name"].label = translation.gettext_lazy("Your <name>")
    context["form"].fields["email"].help_text = "Kept & private"
    html = assert_same(context)
    assert "Your &lt;name&gt;" in html
    assert "Kept &amp; private" in html


def test_the_forms_own_texts_are_translated_once_per_language(monkeypatch):
    with translation.override("en"):
        section_rendering._form_texts.cache_clear()
        label = CommentForm.base_fields["name"].label
        assert section_rendering._label(label) == "Name"
        monkeypatch.setattr(section_rendering, "_text", lambda text: pytest.fail(f"{text} translated again"))
        assert section_rendering._label(label) == "Name"


def test_the_forms_own_texts_are_looked_up_again_when_a_catalogue_changes():
    section_rendering._label(CommentForm.base_fields["name"].label)
    file_changed.send(sender=None, file_path=Path("locale/de/LC_MESSAGES/django.mo"))
    assert section_rendering._form_texts.cache_info().currsize == 0


def test_the_blank_form_is_written_from_one_copy_with_each_pages_own_fields(article):
    other = Article.objects.for_detail().get(pk=make_article(headline="Another <story>").pk)
    section_rendering._blank_forms.clear()
    contexts = [section.section_context(target, request=reader_request()) for target in (article, other)]
    written = [section_rendering.form_html(context) for context in contexts]
    assert len(section_rendering._blank_forms) == 1  # one copy for the language, filled in for each
    for context, html in zip(contexts, written, strict=True):
        assert not context["form"].is_made()  # no form was made to write it
        assert f'name="object_pk" value="{context["target"].pk}"' in html
        assert f'name="security_hash" value="{context["form_security"]["security_hash"]}"' in html
        assert f'href="{escape(context["target_url"])}#leave-a-comment"' in html
        assert "\x00" not in html
        # The form.html template (which makes the form, with the same anti-forgery fields) writes the same.
        assert html == render_to_string(section_rendering.FORM_TEMPLATE, context)
    assert written[0] != written[1]


def test_a_form_asked_for_before_it_is_written_is_written_from_itself(article):
    context = section.section_context(article, request=reader_request())
    context["form"].fields["name"].label = "Your full name"
    assert context["form"].is_made()
    assert "Your full name" in section_rendering.form_html(context)
