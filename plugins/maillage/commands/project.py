"""The project the command-line tools work on, as ``mkdocs.yml`` describes it.

The scripts and the plugin must read the same cards: the folder comes from the ``maillage``
plugin's options in ``mkdocs.yml`` (``practices_dir``), checked by the plugin's own option
types, never from a name written again here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from ..config import MaillageConfig

CONFIG_FILE = "mkdocs.yml"


class ProjectError(Exception):
    """The configuration cannot be read: the message says why, in French."""


def plugin_options(root: Path) -> MaillageConfig:
    """The ``maillage`` plugin's options of the project at ``root``, validated, paths resolved."""
    config_file = root / CONFIG_FILE
    try:
        with config_file.open(encoding="utf-8") as handle:
            raw = yaml_load(handle) or {}
    except OSError:
        raise ProjectError(f"pas de {CONFIG_FILE} dans {root}") from None
    except Exception as error:  # YAML, or a !!python/name the configuration names
        raise ProjectError(f"{CONFIG_FILE} illisible : {error}") from None
    options: dict = {}
    for plugin in raw.get("plugins") or []:
        if plugin == "maillage":
            break
        if isinstance(plugin, dict) and "maillage" in plugin:
            options = plugin["maillage"] or {}
            break
    config = MaillageConfig(config_file_path=str(config_file))
    config.load_dict(options)
    errors, _ = config.validate()
    if errors:
        raise ProjectError("; ".join(f"option « {name} » du plugin maillage : {error}" for name, error in errors))
    return config


def practices_dir(root: Path) -> Path:
    """For the command-line tools: the folder of cards, or a French usage error (exit status 2)
    when the configuration cannot be read or the folder is missing."""
    try:
        practices = Path(plugin_options(root).practices_dir)
    except ProjectError as error:
        print(f"erreur d'utilisation : {error}", file=sys.stderr)
        raise SystemExit(2) from None
    if not practices.is_dir():
        print(f"erreur d'utilisation : pas de dossier {practices.name}/ dans {root}", file=sys.stderr)
        raise SystemExit(2)
    return practices
