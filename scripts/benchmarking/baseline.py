"""The baseline: plain MkDocs + Material building the same pages, pre-written as Markdown.

The plugin itself writes the baseline: its ``on_config`` and ``on_files`` run once on the
synthetic handbook, and every page and asset it would add is written to ``docs/`` instead.
The baseline's mkdocs.yml is the handbook's without the plugin, with what the plugin adds to
the configuration spelt out (Markdown extensions, stylesheets and scripts, theme templates)
and its pages out of the navigation (``not_in_nav``), as the plugin leaves them. What is left
to measure is the plugin's own cost: loading and validating, modelling, generating,
sanitising and folding the search index.

Print pages are written by the plugin as a cover, contents and placeholders, completed after
MkDocs has rendered them with the cards, cases, sources, terms and deck faces they share with
other print pages, rendered once (printing/fragments.py). Their baseline files are each page
as one Markdown document, every fragment's Markdown in place: what plain MkDocs would need to
build the same pages. (Their finished HTML as raw HTML in the ``.md`` would be the same pages
too, but Python-Markdown's raw HTML parsing makes it the slower of the two: 1,000 cards took
12 s more CPU time, which would flatter the plugin.)
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel, get_files
from mkdocs.utils.yaml import yaml_load

from maillage.printing.fragments import Assembly

PLUGIN = "maillage"


@dataclass
class PluginOutput:
    """What the plugin adds to a build: files, and the configuration before and after it."""

    config: MkDocsConfig
    files: list[File]
    theme_dirs: list[str]
    extensions: list[str]


def plugin_output(handbook: Path) -> PluginOutput:
    """Run the plugin's configuration and file events once, as ``mkdocs build`` would."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(handbook / "mkdocs.yml"))
    theme_dirs = list(config.theme.dirs)
    extensions = list(config.markdown_extensions)
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    return PluginOutput(config, [file for file in files if file.generated_by == PLUGIN], theme_dirs, extensions)


def write_baseline(handbook: Path, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    output = plugin_output(handbook)
    config, theme_dirs, extensions = output.config, output.theme_dirs, output.extensions
    shutil.copytree(handbook / "docs", root / "docs")
    hidden = []
    for file in output.files:
        target = root / "docs" / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        finish = config.plugins[PLUGIN].finishers.get(file.src_uri)
        if isinstance(finish, Assembly):
            target.write_text(finish.markdown(file.content_string), encoding="utf-8")
        else:
            target.write_bytes(file.content_bytes)
        if file.inclusion == InclusionLevel.NOT_IN_NAV:
            hidden.append("/" + file.src_uri)

    raw = yaml_load((handbook / "mkdocs.yml").read_text(encoding="utf-8"))
    raw["plugins"] = [entry for entry in raw.get("plugins", []) if _name(entry) != PLUGIN]
    raw["markdown_extensions"] = raw.get("markdown_extensions", []) + [
        name for name in config.markdown_extensions if name not in extensions]
    raw["extra_css"] = [str(path) for path in config.extra_css]
    raw["extra_javascript"] = [str(path) for path in config.extra_javascript]
    raw["not_in_nav"] = "\n".join(hidden)
    added_dirs = [folder for folder in config.theme.dirs if folder not in theme_dirs]
    if added_dirs:
        # One custom_dir: the plugin's templates first, the site's own over them (its precedence).
        custom = root / "overrides"
        for folder in [*reversed(added_dirs), *([handbook / raw["theme"]["custom_dir"]]
                                                  if raw.get("theme", {}).get("custom_dir") else [])]:
            shutil.copytree(folder, custom, dirs_exist_ok=True)
        raw.setdefault("theme", {})["custom_dir"] = "overrides"
    elif raw.get("theme", {}).get("custom_dir"):
        shutil.copytree(handbook / raw["theme"]["custom_dir"], root / raw["theme"]["custom_dir"])
    (root / "mkdocs.yml").write_text(yaml.dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _name(entry: object) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)
