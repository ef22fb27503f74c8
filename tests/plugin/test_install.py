"""The wheel, installed into a fresh virtualenv beside a new ``django-admin startproject`` project, runs a site
by the documented quick start alone (docs/installation.rst, "Quick start").

The quick start is read from the documentation's own sources, so the two cannot drift: the settings and
URLconf snippets from the part of README.md that the page includes (its ``include`` directive's
``start-after`` and ``end-before``), ``base.html`` and the commands from the page's ``code-block``
directives named ``quickstart-base-html`` and ``quickstart-commands``. The project then passes
``check --fail-level WARNING``, and under ``runserver`` a reader opens a published article and comments
on it through the page's form, with only the standard library's HTTP client. With the defaults the
comment is confirmed by e-mail first (django-comments-xtd's ``COMMENTS_XTD_CONFIRM_EMAIL``), then held for
a moderator as a first comment (``NEWSROOM_SPAM_HOLD_FIRST_COMMENT``); the site's mail, which the quick
start leaves to the site, goes to files here.

pip installs the wheel's dependencies offline (``--no-index``) from the wheelhouse ``make`` fills when
it sets up ``.venv`` (``.venv/wheelhouse``: requirements.txt's pins as wheels), so every run installs
the same releases and no test reaches the network. The wheel is the session's (``built``, conftest.py).
About 30 seconds, so marked ``install``: ``make test`` runs it, on SQLite; ``make test-postgres`` and the
Django 6 legs of the matrix leave it out, since the fresh project has its own database and the pins
install Django 5.2 whatever leg runs it.
"""

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.plugin.building import ROOT

INSTALLATION = ROOT / "docs" / "installation.rst"
REQUIREMENTS = ROOT / "requirements.txt"
# requirements.txt's pins as wheels, made by `make` beside the virtualenv it sets up (Makefile, .venv/.installed).
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"
HEADLINE = "Harbour bridge reopens after a year of repairs"
# Commands of the quick start that run until they are stopped; the reader's visit needs neither.
LONG_RUNNING = {"db_worker", "runserver"}
# NEWSROOM_SPAM_MIN_SECONDS_ON_FORM is 3 by default: a reader takes longer than that to write a comment.
READER_SECONDS_ON_FORM = 3.5

# The site's own mail, which the quick start leaves to the site: to files, where the reader finds it.
SITE_MAIL = """
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = {path!r}
"""

NEW_ARTICLE = f"""
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Author, Byline, Category
news = Category.objects.create(name="News", slug="news")
author = Author.objects.create(name="Rita Vale", slug="rita-vale", job_title="Reporter")
article = Article.objects.create(
    headline={HEADLINE!r}, slug="harbour-bridge-reopens", category=news, status=Article.Status.PUBLISHED,
    publish_at=timezone.now() - timedelta(minutes=5), body="<p>Traffic crossed the bridge at dawn.</p>",
)
Byline.objects.create(article=article, author=author)
print(article.get_absolute_url())
"""

STORED_COMMENTS = """
import json
from comments.models import Comment
print(json.dumps(list(Comment.objects.values("user_name", "user_email", "comment", "status"))))
"""


# The quick start, as the documentation has it --------------------------------------------------------


@dataclass(frozen=True)
class QuickStart:
    settings: str
    urls: str
    base_html: str
    commands: tuple  # each the arguments of one ``python manage.py`` line


def included_markdown(rst_path):
    """The Markdown that ``rst_path`` includes, cut by the directive's ``start-after`` and ``end-before``."""
    rst = rst_path.read_text()
    match = re.search(r"^\.\. include:: (?P<path>\S+\.md)\n(?P<options>(?:   :[\w-]+:.*\n)*)", rst, re.MULTILINE)
    assert match, f"{rst_path.name} includes no Markdown"
    options = dict(re.findall(r"^   :([\w-]+): ?(.*)$", match["options"], re.MULTILINE))
    text = (rst_path.parent / match["path"]).read_text()
    assert options["start-after"] in text and options["end-before"] in text, "the include's markers moved"
    return text.split(options["start-after"], 1)[1].split(options["end-before"], 1)[0]


def named_code_block(rst, name):
    """The text of the ``code-block`` directive in ``rst`` with ``:name: name``."""
    options = r"(?:   :[\w-]+:.*\n)*"
    pattern = rf"^\.\. code-block::.*\n{options}   :name: {re.escape(name)}\n{options}\n(?P<body>(?:   .*\n|\n)+)"
    match = re.search(pattern, rst, re.MULTILINE)
    assert match, f"no code-block named {name!r}"
    return textwrap.dedent(match["body"]).strip() + "\n"


def quick_start():
    python = re.findall(r"^```python\n(.*?)^```$", included_markdown(INSTALLATION), re.MULTILINE | re.DOTALL)
    rst = INSTALLATION.read_text()
    commands = named_code_block(rst, "quickstart-commands").splitlines()
    assert all(line.startswith("python manage.py ") for line in commands), commands
    return QuickStart(
        settings="\n".join(block for block in python if "urlpatterns" not in block),
        urls="\n".join(block for block in python if "urlpatterns" in block),
        base_html=named_code_block(rst, "quickstart-base-html"),
        commands=tuple(tuple(line.split()[2:]) for line in commands),
    )


def test_the_quick_start_has_settings_urls_base_template_and_commands():
    """What the other tests here follow is all there (fast: this one runs on every leg)."""
    steps = quick_start()
    assert '"articles",' in steps.settings and 'COMMENTS_APP = "django_comments_xtd"' in steps.settings
    assert 'include("comments.urls")' in steps.urls and 'include("articles.urls")' in steps.urls
    assert "{% block content %}" in steps.base_html
    assert ("migrate",) in steps.commands and ("setup_roles",) in steps.commands


# A fresh virtualenv and project -------------------------------------------------------------------------


def pins():
    """requirements.txt as constraints (pip takes no extras there)."""
    lines = (line.split("#", 1)[0].strip() for line in REQUIREMENTS.read_text().splitlines())
    return "".join(re.sub(r"\[.*?\]", "", line) + "\n" for line in lines if line)


def run(args, *, cwd, env, timeout=300):
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return result.stdout


@dataclass
class Project:
    venv: Path
    path: Path
    env: dict
    mail: Path
    article_url: str = ""

    @property
    def python(self):
        return self.venv / "bin" / "python"

    def manage(self, *args, timeout=300):
        return run([self.python, "manage.py", *args], cwd=self.path, env=self.env, timeout=timeout)

    def shell(self, code):
        """The last line ``code`` printed, run by ``manage.py shell`` (which may say what it imported first)."""
        return self.manage("shell", "--command", code).strip().splitlines()[-1]


@pytest.fixture(scope="module")
def project(built, tmp_path_factory):
    """The quick start followed in a new project, with the wheel in a virtualenv of its own."""
    tmp = tmp_path_factory.mktemp("install")
    venv = tmp / "venv"
    # This run's environment, less what points at this repository's settings, interpreter or coverage; pip's
    # configuration (PIP_*, its files) passes unchanged, as in make's install.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PYTHON", "VIRTUAL_ENV", "COV_CORE_"))
    }
    env.update(PATH=os.pathsep.join([str(venv / "bin"), env.get("PATH", "")]), VIRTUAL_ENV=str(venv))
    # This run's pip installs into the new virtualenv (--python), which saves installing pip there first.
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp, env=env)
    constraints = tmp / "constraints.txt"
    constraints.write_text(pins())
    venv_python = venv / "bin" / "python"
    if not WHEELHOUSE.is_dir():
        pytest.fail(f"No wheelhouse at {WHEELHOUSE}: `make .venv/.installed` fills it from requirements.txt.")
    install = ["install", "--quiet", "--no-compile", "--no-index", "--find-links", WHEELHOUSE]
    install += ["--constraint", constraints, built[0]]
    run([sys.executable, "-m", "pip", "--python", venv_python, *install], cwd=tmp, env=env, timeout=600)
    run([venv / "bin" / "django-admin", "startproject", "mysite"], cwd=tmp, env=env)

    site = Project(venv=venv, path=tmp / "mysite", env=env, mail=tmp / "mail")
    steps = quick_start()
    with (site.path / "mysite" / "settings.py").open("a") as settings:
        settings.write(f"\n\n# The quick start (docs/installation.rst)\n{steps.settings}")
        settings.write(SITE_MAIL.format(path=str(site.mail)))
    with (site.path / "mysite" / "urls.py").open("a") as urls:
        urls.write(f"\n\n# The quick start (docs/installation.rst)\n{steps.urls}")
    (site.path / "templates").mkdir()
    (site.path / "templates" / "base.html").write_text(steps.base_html)
    for command in steps.commands:
        if command[0] not in LONG_RUNNING:
            site.manage(*command)
    site.article_url = site.shell(NEW_ARTICLE)
    return site


@pytest.mark.install
def test_the_apps_come_from_the_wheel(project):
    where = run(
        [project.python, "-c", "import articles, comments; print(articles.__file__, comments.__file__)"],
        cwd=project.path,
        env=project.env,
    )
    site_packages = str(project.venv / "lib")
    assert all(path.startswith(site_packages) for path in where.split()), where


@pytest.mark.install
def test_the_project_passes_its_checks(project):
    output = project.manage("check", "--fail-level", "WARNING", "--database", "default")
    assert "System check identified no issues" in output


# The site under runserver, and a reader -----------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    log: Path

    def errors(self):
        """Request lines the server logged with a 5xx status."""
        return re.findall(r'"[A-Z]+ \S+ HTTP/[\d.]+" 5\d\d', self.log.read_text())


@pytest.fixture(scope="module")
def server(project):
    """``manage.py runserver`` on a free loopback port, stopped after the module."""
    port = free_port()
    log = project.path / "runserver.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [project.python, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=project.path,
            env=project.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"runserver stopped:\n{log.read_text()[-5000:]}"
            assert time.monotonic() < deadline, f"runserver did not answer in time:\n{log.read_text()[-5000:]}"
            try:
                urllib.request.urlopen(f"{url}/", timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # an answer all the same
            except OSError:
                time.sleep(0.2)
        yield Server(url=url, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _OnlyThisSite(urllib.request.HTTPRedirectHandler):
    """Follows redirects within the site; one anywhere else fails the test instead of leaving this machine."""

    def __init__(self, netloc):
        self.netloc = netloc

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        assert urllib.parse.urlsplit(newurl).netloc == self.netloc, f"redirected off the site to {newurl}"
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class Page:
    status: int
    url: str
    html: str


class Reader:
    """A browser as far as these pages need one: cookies, redirects within the site, forms posted from a page."""

    def __init__(self, base_url):
        self.base_url = base_url
        netloc = urllib.parse.urlsplit(base_url).netloc
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _OnlyThisSite(netloc)
        )

    def get(self, path):
        return self._open(urllib.request.Request(urllib.parse.urljoin(self.base_url, path)))

    def submit(self, page, form, **values):
        """Post ``form`` of ``page`` as a browser would, with ``values`` typed into its fields."""
        data = {**form.fields, **values}
        request = urllib.request.Request(
            urllib.parse.urljoin(page.url, form.action or page.url),
            data=urllib.parse.urlencode(data).encode(),
            # What a current browser sends with a form posted from one of the site's pages.
            headers={"Origin": self.base_url, "Referer": page.url, "Sec-Fetch-Site": "same-origin"},
        )
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return Page(response.status, response.url, response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, error.url, error.read().decode())


@dataclass
class Form:
    attrs: dict
    fields: dict  # what the browser would send as the form stands: hidden fields, text as filled in, checked boxes

    @property
    def action(self):
        return self.attrs.get("action", "")


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._open = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._open = Form(attrs=attrs, fields={})
            self.forms.append(self._open)
        elif self._open is not None and "name" in attrs:
            kind = attrs.get("type", "text")
            if tag == "textarea":
                self._textarea = attrs["name"]
                self._open.fields[self._textarea] = ""
            elif tag == "input" and (kind not in {"checkbox", "radio", "submit", "button"} or "checked" in attrs):
                self._open.fields[attrs["name"]] = attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._open.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._open = None


def forms(html):
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def the_form(html, **attrs):
    """The one form whose attributes include ``attrs`` (``data_comment_form=""`` for ``data-comment-form``)."""
    wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
    found = [form for form in forms(html) if wanted.items() <= form.attrs.items()]
    assert len(found) == 1, f"{len(found)} forms with {wanted}"
    return found[0]


def the_mail(folder):
    (message,) = (path.read_text() for path in folder.iterdir())
    return message


@pytest.mark.install
def test_a_reader_comments_on_an_article(project, server):
    reader = Reader(server.url)
    article = reader.get(project.article_url)
    assert article.status == 200, article.html[-2000:]
    assert HEADLINE in article.html
    assert "Rita Vale" in article.html
    # The comments app's script and stylesheet come from the wheel, served by staticfiles (DEBUG is on).
    assets = re.findall(r'(?:src|href)="(/static/comments/[^"]+)"', article.html)
    assert {Path(asset).name for asset in assets} == {"comments.js", "comments.css"}
    assert [reader.get(asset).status for asset in assets] == [200, 200]
    form = the_form(article.html, data_comment_form="")
    # Every reader gets the same article page, so its form carries no CSRF token of anyone's; a signed-out
    # reader's browser vouches for the post with Sec-Fetch-Site (comments.csrf), and the signed security
    # fields date the form.
    assert {"csrfmiddlewaretoken", "timestamp", "security_hash", "name", "email", "comment"} <= form.fields.keys()
    time.sleep(READER_SECONDS_ON_FORM)

    text = "Good to have it back: the ferry queue was an hour long."
    sent = reader.submit(article, form, name="Jo Reader", email="jo@example.com", comment=text)
    # Signed-out readers confirm their comment by e-mail first (COMMENTS_XTD_CONFIRM_EMAIL, on by default).
    assert sent.status == 200, sent.html[-2000:]
    assert "Please confirm your comment" in sent.html
    assert json.loads(project.shell(STORED_COMMENTS)) == []
    mail = the_mail(project.mail)
    assert "To: jo@example.com" in mail
    (link,) = re.findall(r"https?://\S+/comments/confirm/\S+", mail)

    confirmation = reader.get(urllib.parse.urlsplit(link).path)
    assert confirmation.status == 200, confirmation.html[-2000:]
    assert "Publish your comment?" in confirmation.html
    (button,) = forms(confirmation.html)
    after = reader.submit(confirmation, button)
    # Back on the article, where the reader sees their comment waiting: a first comment is held for a moderator.
    assert after.status == 200, after.html[-2000:]
    assert urllib.parse.urlsplit(after.url).path == project.article_url
    assert "Your comment is awaiting moderation." in after.html
    assert text in after.html
    stored = json.loads(project.shell(STORED_COMMENTS))
    assert stored == [{"user_name": "Jo Reader", "user_email": "jo@example.com", "comment": text, "status": "pending"}]
    assert server.errors() == []
