"""Every kind of reader's page through the W3C Nu HTML Checker (vnu): no errors; and no dangling references.

The checker runs once, over all the pages written to files, since starting the JVM costs seconds. Its
warnings are printed (``pytest -s``, or with a failure's captured output) but do not fail the test.
"""

import json
import subprocess

import lxml.html
import pytest

from tests.validators import tools

pytestmark = pytest.mark.django_db

# Attributes whose value names other elements by id: a screen reader reads nothing for a name that is not there.
ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


def vnu(files):
    """vnu's messages about ``files`` (``{name: path}``), as ``[(name, message)]``."""
    by_url = {path.resolve().as_uri(): name for name, path in files.items()}
    command = [tools.java(), "-jar", str(tools.vnu_jar()), "--format", "json", "--exit-zero-always"]
    result = subprocess.run([*command, *map(str, files.values())], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"vnu did not run:\n{result.stderr[-2000:]}"
    report = json.loads(result.stderr)  # vnu writes its report to standard error
    return [(by_url.get(_file_uri(m.get("url", "")), m.get("url", "?")), m) for m in report["messages"]]


def _file_uri(url):
    """vnu names a file ``file:/tmp/x.html`` where Python's ``as_uri()`` says ``file:///tmp/x.html``."""
    return url.replace("file:/", "file:///", 1) if url.startswith("file:/") and not url.startswith("file://") else url


def describe(name, message):
    extract = message.get("extract", "").strip().replace("\n", " ")
    return f"{name}, line {message.get('lastLine', '?')}: {message['message']}\n      {extract}"


def test_every_kind_of_page_is_valid_html(pages, tmp_path):
    files = {}
    for name, html in pages.items():
        files[name] = tmp_path / f"{name.replace(' ', '-')}.html"
        files[name].write_text(html)

    messages = vnu(files)

    errors = [describe(name, m) for name, m in messages if m["type"] != "info"]
    warnings = [describe(name, m) for name, m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    counts = {name: sum(1 for n, m in messages if n == name and m["type"] != "info") for name in files}
    print(f"vnu errors per page: {counts}")
    if warnings:
        print(f"vnu warnings ({len(warnings)}):\n  " + "\n  ".join(warnings))
    assert not errors, f"vnu found {len(errors)} errors:\n  " + "\n  ".join(errors)


def test_every_reference_by_id_names_an_element_on_the_page(pages):
    dangling = []
    for name, html in pages.items():
        tree = lxml.html.fromstring(html)
        ids = set(tree.xpath("//@id"))
        for attribute in ID_REFERENCES:
            for element in tree.xpath(f"//*[@{attribute}]"):
                missing = [ref for ref in element.get(attribute).split() if ref not in ids]
                if missing:
                    dangling.append(f"{name}: <{element.tag} {attribute}=...> names {', '.join(missing)}")

    assert not dangling, "references to no element:\n  " + "\n  ".join(dangling)


def test_every_page_search_engines_index_has_a_description(pages):
    unindexed = {"search results", "refused comment", "edit comment", "statement of reasons"}
    indexed = {name: html for name, html in pages.items() if name not in unindexed}
    without = [
        name
        for name, html in indexed.items()
        if not "".join(lxml.html.fromstring(html).xpath('string(//meta[@name="description"]/@content)')).strip()
    ]

    assert not without, f"no <meta name=description> on: {', '.join(without)}"


def test_a_live_article_page_is_valid_html_and_its_references_resolve(client, live_story, tmp_path):
    from tests.validators.conftest import LIVE_URL

    html = client.get(LIVE_URL).content.decode()
    assert 'class="live-entry"' in html
    path = tmp_path / "live-article.html"
    path.write_text(html)
    errors = [describe("live article", m) for _name, m in vnu({"live article": path}) if m["type"] != "info"]
    assert not errors, "\n  ".join(errors)
    document = lxml.html.fromstring(html)
    ids = set(document.xpath("//@id"))
    for attribute in ID_REFERENCES:
        for element in document.xpath(f"//*[@{attribute}]"):
            assert set(element.get(attribute).split()) <= ids, (attribute, element.get(attribute))
