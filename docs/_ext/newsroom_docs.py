"""Reference pages written from the code, so the documentation cannot drift from it.

``.. newsroom-settings:: articles.conf``
    Every setting of an app's ``conf`` module: its name, its default (from
    ``DEFAULTS``) and its description (from the module docstring, where each
    setting is a line ````NEWSROOM_X```` followed by an indented description,
    grouped under optional underlined headings). A setting with a default but
    no description, or a description but no default, is an error, and so is a
    reference (````NEWSROOM_X```` in a description) to a setting that does not
    exist: the build runs with ``-W``, so the docs fail before they lie.
``.. newsroom-commands:: comments``
    The management commands an app ships: name, help text and arguments, from
    the commands themselves.
``.. newsroom-templates:: articles``
    The templates an app ships, what each extends and the blocks it defines.

Settings get the ``setting`` object type (``.. setting::`` and
``:setting:`NEWSROOM_X```), as in Django's own documentation.
"""

import argparse
import importlib
import inspect
import pprint
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.management import get_commands, load_command_class
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

logger = logging.getLogger(__name__)

NAME = r"NEWSROOM_[A-Z0-9_]+"
# A definition's term: ``NEWSROOM_X``, or several joined by " / ".
TERM = re.compile(rf"^``{NAME}``(?:\s*/\s*``{NAME}``)*\s*$")
# A literal naming one whole setting (not ``NEWSROOM_PAGE_CACHE_*``).
REFERENCE = re.compile(rf"``({NAME})``")
UNDERLINE = re.compile(r"^([-=~^\"'`#*+])\1{2,}\s*$")
# Headings made from the docstrings' own headings sit one level below the directive's section.
GROUP_UNDERLINE = "~"
INLINE_DEFAULT_WIDTH = 60


@dataclass
class Setting:
    names: list
    description: list


@dataclass
class Group:
    """A heading of the docstring (``""`` before the first) and what follows it, in order: lines of text and
    :class:`Setting` definitions."""

    title: str = ""
    items: list = field(default_factory=list)

    @property
    def settings(self):
        return [item for item in self.items if isinstance(item, Setting)]


def parse_settings_docstring(doc):
    """The module docstring as ``(summary, groups)``; raise ``ValueError`` on a definition it cannot read."""
    lines = inspect.cleandoc(doc or "").splitlines()
    summary = []
    while lines and lines[0].strip():
        summary.append(lines.pop(0))
    groups = [Group()]
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and not line[0].isspace() and UNDERLINE.match(following):
            groups.append(Group(title=line.strip()))
            i += 2
        elif TERM.match(line):
            description, i = _indented_block(lines, i + 1)
            if not any(text.strip() for text in description):
                raise ValueError(f"{line.strip()} has no indented description under it.")
            groups[-1].items.append(Setting(re.findall(NAME, line), description))
        elif line.lstrip().startswith("``NEWSROOM_") and following.startswith(" ") and not line.startswith(" "):
            raise ValueError(f"Cannot read the definition {line.strip()!r}: write ``NEWSROOM_X`` alone on its line.")
        else:
            groups[-1].items.append(line)
            i += 1
    return summary, [group for group in groups if group.title or any(str(item).strip() for item in group.items)]


def _indented_block(lines, start):
    """The indented lines from ``start`` (blank lines inside kept), dedented, and the index after them."""

    def indented(index):
        return index < len(lines) and lines[index].startswith((" ", "\t"))

    end = start
    # A blank line belongs to the block when an indented line follows it.
    while indented(end) or (end < len(lines) and not lines[end].strip() and indented(end + 1)):
        end += 1
    block = inspect.cleandoc("\n".join(lines[start:end])).splitlines()
    return block, end


def _with_references(text):
    return REFERENCE.sub(r":setting:`\1`", text)


def _plain_text(text):
    """Plain text (a command's help) as reStructuredText: markup characters escaped, setting names linked."""
    parts = re.split(rf"\b({NAME})\b", text)
    return "".join(
        f":setting:`{part}`" if index % 2 else re.sub(r"([\\`*_|])", r"\\\1", part) for index, part in enumerate(parts)
    )


def _default_lines(names, defaults):
    values = {name: defaults[name] for name in names}
    if len({repr(value) for value in values.values()}) == 1:
        labelled = [("Default", next(iter(values.values())))]
    else:
        labelled = [(f"Default of ``{name}``", value) for name, value in values.items()]
    lines = []
    for label, value in labelled:
        shown = repr(value)
        if len(shown) <= INLINE_DEFAULT_WIDTH:
            lines += [f"{label}: ``{shown}``", ""]
        else:
            lines += [f"{label}::", ""]
            lines += ["   " + row for row in pprint.pformat(value, width=76, compact=True).splitlines()]
            lines.append("")
    return lines


class SettingsDirective(SphinxDirective):
    """Render one ``conf`` module's settings; warn about every drift between docstring and ``DEFAULTS``."""

    required_arguments = 1
    option_spec = {"summary": directives.flag}

    def run(self):
        module_name = self.arguments[0]
        module = importlib.import_module(module_name)
        self.env.note_dependency(module.__file__)
        defaults = getattr(module, "DEFAULTS", None)
        if not isinstance(defaults, dict):
            raise self.error(f"{module_name} has no DEFAULTS dict.")
        try:
            summary, groups = parse_settings_docstring(module.__doc__)
        except ValueError as error:
            raise self.error(f"{module_name}'s docstring: {error}") from None

        described = [name for group in groups for setting in group.settings for name in setting.names]
        for name in sorted({n for n in described if described.count(n) > 1}):
            self.warn(f"{module_name}: {name} is described more than once in the docstring.")
        for name in [n for n in defaults if n not in described]:
            self.warn(f"{module_name}: {name} is in DEFAULTS but not described in the module docstring.")
        for name in [n for n in dict.fromkeys(described) if n not in defaults]:
            self.warn(f"{module_name}: {name} is described in the module docstring but has no entry in DEFAULTS.")

        rst = []
        if "summary" in self.options:
            rst += [_with_references(line) for line in summary] + [""]
        for group in groups:
            if group.title:
                rst += [group.title, GROUP_UNDERLINE * len(group.title), ""]
            for item in group.items:
                if isinstance(item, str):
                    rst.append(_with_references(item))
                    continue
                rst.append("")
                known = [name for name in item.names if name in defaults]
                if not known:
                    continue
                rst.append(f".. setting:: {known[0]}")
                rst += [f"             {name}" for name in known[1:]]
                rst.append("")
                body = _default_lines(known, defaults) + [_with_references(line) for line in item.description]
                rst += [f"   {line}" if line else "" for line in body]
                rst.append("")
        return self.parse(rst, module_name)

    def warn(self, message):
        logger.warning(message, location=self.get_location(), type="newsroom", subtype="settings")

    def parse(self, rst, source):
        container = nodes.container()
        nested_parse_with_titles(self.state, StringList(rst, source=f"<{source}>"), container)
        return container.children


class CommandsDirective(SphinxDirective):
    """The management commands of one app (its ``AppConfig.name``), with help and arguments."""

    required_arguments = 1

    def run(self):
        app_name = self.arguments[0]
        commands = sorted(name for name, app in get_commands().items() if app == app_name)
        if not commands:
            raise self.error(f"{app_name} has no management commands (is it in INSTALLED_APPS?).")
        rst = []
        for name in commands:
            command = load_command_class(app_name, name)
            self.env.note_dependency(inspect.getfile(type(command)))
            parser = argparse.ArgumentParser(
                prog=f"manage.py {name}",
                add_help=False,
                formatter_class=lambda prog: argparse.HelpFormatter(prog, width=88, max_help_position=36),
            )
            command.add_arguments(parser)
            usage = parser.format_help().rstrip()
            rst += [name, "~" * len(name), "", _plain_text(str(command.help)), "", ".. code-block:: text", ""]
            rst += [f"   {line}" if line else "" for line in usage.splitlines()]
            rst.append("")
        container = nodes.container()
        nested_parse_with_titles(self.state, StringList(rst, source=f"<{app_name} commands>"), container)
        return container.children


EXTENDS = re.compile(r"{%\s*extends\s+\"([^\"]+)\"\s*%}")
BLOCK = re.compile(r"{%\s*block\s+(\w+)\s*%}")
COMMENT = re.compile(r"{#\s*(.+?)\s*#}|{%\s*comment\s*%}(.+?){%\s*endcomment\s*%}", re.S)


class TemplatesDirective(SphinxDirective):
    """A table of the HTML templates an app ships: name, what it extends, its blocks, the comment it opens with."""

    required_arguments = 1
    option_spec = {"under": directives.unchanged}

    def run(self):
        app_config = next((c for c in apps.get_app_configs() if c.name == self.arguments[0]), None)
        if app_config is None:
            raise ExtensionError(f"newsroom-templates: no installed app named {self.arguments[0]!r}")
        root = Path(app_config.path) / "templates"
        under = self.options.get("under", "")
        rows = []
        for path in sorted((root / under).rglob("*.html")):
            self.env.note_dependency(str(path))
            text = path.read_text(encoding="utf-8")
            extends = EXTENDS.search(text)
            comment = COMMENT.search(text)
            # Only a comment before the markup says what the template is; later ones explain a line.
            described = comment and "<" not in text[: comment.start()]
            note = " ".join((comment.group(1) or comment.group(2)).split()) if described else ""
            rows.append(
                [
                    f"``{path.relative_to(root).as_posix()}``",
                    f"``{extends.group(1)}``" if extends else "",
                    ", ".join(f"``{block}``" for block in dict.fromkeys(BLOCK.findall(text))),
                    note.replace("|", "\\|"),
                ]
            )
        if not rows:
            raise ExtensionError(f"No templates under {root / under}.")
        rst = [".. list-table::", "   :header-rows: 1", "   :widths: 30 20 20 30", ""]
        for row in [["template", "extends", "blocks", "what"], *rows]:
            rst.append(f"   * - {row[0]}")
            rst += [f"     - {cell}" for cell in row[1:]]
        container = nodes.container()
        self.state.nested_parse(StringList(rst, source=f"<{app_config.name} templates>"), 0, container)
        return container.children


def setup(app):
    app.add_object_type("setting", "setting", indextemplate="pair: %s; setting")
    app.add_directive("newsroom-settings", SettingsDirective)
    app.add_directive("newsroom-commands", CommandsDirective)
    app.add_directive("newsroom-templates", TemplatesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
