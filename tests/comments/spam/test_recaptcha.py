"""reCAPTCHA through django-recaptcha with Google's verify call mocked: never the network."""

import io
import json
from urllib.error import HTTPError, URLError

import pytest
from django import forms

from comments.spam import pipeline, recaptcha
from comments.spam.checks.recaptcha import RecaptchaCheck
from tests.comments.spam.builders import submission


@pytest.fixture
def keys(settings):
    settings.NEWSROOM_RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.NEWSROOM_RECAPTCHA_PRIVATE_KEY = "secret-key"


@pytest.fixture
def google(monkeypatch):
    """Replace the one HTTP call django-recaptcha makes; ``google.answer`` is what it returns (or raises)."""

    class Google:
        answer = {"success": True, "score": 0.9, "action": "comment"}
        requests = []

        def __call__(self, params):
            self.requests.append(params)
            if isinstance(self.answer, Exception):
                raise self.answer
            return io.BytesIO(json.dumps(self.answer).encode())

    fake = Google()
    monkeypatch.setattr("django_recaptcha.client.recaptcha_request", fake)
    return fake


def with_token(token="token-from-browser", **kwargs):
    return submission(extra={recaptcha.TOKEN_KEY: token}, **kwargs)


def test_without_keys_there_is_no_field_and_no_check(google):
    assert recaptcha.form_field() is None
    assert RecaptchaCheck()(with_token()) is None
    assert google.requests == []


def test_v3_pass(keys, google):
    result = RecaptchaCheck()(with_token())
    assert (result.score, result.reason) == (0.0, "reCAPTCHA: score 0.9")
    assert b"secret=secret-key" in google.requests[0]
    assert b"remoteip=203.0.113.7" in google.requests[0]


@pytest.mark.parametrize(("score", "expected"), [(0.3, 0.5), (0.1, 1.0)])
def test_v3_low_scores_count_against_the_comment(keys, google, score, expected):
    google.answer = {"success": True, "score": score, "action": "comment"}
    assert RecaptchaCheck()(with_token()).score == expected


def test_v3_token_for_another_action_fails(keys, google):
    google.answer = {"success": True, "score": 0.9, "action": "login"}
    assert RecaptchaCheck()(with_token()).score == 1.0


@pytest.mark.django_db  # the verdict reads the spam threshold, which may be calibrated on the site's decisions
def test_a_rejected_token_fails(keys, google):
    google.answer = {"success": False, "error-codes": ["invalid-input-response"]}
    result = RecaptchaCheck()(with_token())
    assert result.label == "reCAPTCHA: failed (invalid-input-response) (+1.0)"
    assert pipeline.evaluate(with_token(), checks=[RecaptchaCheck()]).band == "spam"


def test_v2_pass_and_fail(keys, google, settings):
    settings.NEWSROOM_RECAPTCHA_VERSION = "v2"
    google.answer = {"success": True}
    assert RecaptchaCheck()(with_token()).reason == "reCAPTCHA: passed"
    google.answer = {"success": False}
    assert RecaptchaCheck()(with_token()).score == 1.0


def test_no_token_is_doubtful(keys, google):
    assert RecaptchaCheck()(with_token("")).score == 0.5
    assert google.requests == []


@pytest.mark.parametrize(
    "error",
    [
        URLError("no route to host"),
        HTTPError("https://www.google.com", 503, "unavailable", {}, None),
        TimeoutError("timed out"),
        ConnectionRefusedError(),
    ],
)
def test_a_network_error_is_no_signal_never_an_error(keys, google, error):
    google.answer = error
    result = RecaptchaCheck()(with_token())
    assert (result.score, result.reason) == (0.0, "reCAPTCHA: no answer from Google (no signal)")
    assert pipeline.evaluate(with_token(), checks=[RecaptchaCheck()]).band == "publish"


def test_a_garbled_answer_is_no_signal(keys, monkeypatch):
    monkeypatch.setattr("django_recaptcha.client.recaptcha_request", lambda params: io.BytesIO(b"<html>oops"))
    assert RecaptchaCheck()(with_token()).score == 0.0


class Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = recaptcha.form_field()
        if field is not None:
            self.fields[recaptcha.FIELD_NAME] = field


def test_v3_field_collects_the_token_without_asking_google(keys, google):
    form = Form(data={recaptcha.FIELD_NAME: "abc"})
    assert form.is_valid()
    assert form.cleaned_data[recaptcha.FIELD_NAME] == "abc"
    assert Form(data={}).is_valid()  # no token (script blocked): the check holds the comment instead
    assert google.requests == []


def test_v2_field_asks_the_reader_to_tick_the_box(keys, settings, google):
    settings.NEWSROOM_RECAPTCHA_VERSION = "v2"
    form = Form(data={})
    assert not form.is_valid()
    assert form.errors[recaptcha.FIELD_NAME] == ["Please tick the box to show you are not a robot."]
    assert Form(data={"g-recaptcha-response": "abc"}).is_valid()
    assert google.requests == []


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_widgets_render_without_inline_code(keys, settings, version):
    settings.NEWSROOM_RECAPTCHA_VERSION = version
    html = str(Form()[recaptcha.FIELD_NAME])
    assert 'data-sitekey="site-key"' in html
    assert "<script>" not in html
    assert "data-callback" not in html
    if version == "v3":
        assert "comments/nr_recaptcha.js" in html
        assert 'data-action="comment"' in html
