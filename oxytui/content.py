"""Loads the shipped content/ folder (kinds, texts) into core objects."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from oxytui.core.text import clean, clean_line


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of warm contact offered in the add form."""

    id: str
    label: str
    description: str


class ContentError(Exception):
    """A content file is missing or malformed; the message names the file and the problem."""


def content_dir() -> Path:
    """The content folder: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "_content"
    return shipped if shipped.is_dir() else here.parent / "content"


def read_text(name: str) -> str:
    """The text of a content file such as 'about.md', cleaned of control codes."""
    path = content_dir() / name
    try:
        return clean(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ContentError(f"cannot read {path}: {error.strerror}") from None


@cache
def kinds() -> tuple[Kind, ...]:
    """The kinds of warm contact from content/kinds.toml; what they show is cleaned of control codes."""
    path = content_dir() / "kinds.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return tuple(
            Kind(k["id"], clean_line(k["label"]), clean_line(k["description"])) for k in data["kind"]
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise ContentError(f"{path} is not a valid kinds file: {error}") from None


def kind_label(kind_id: str) -> str:
    """The label of a kind id, or the free text itself when it is not a known kind."""
    return next((k.label for k in kinds() if k.id == kind_id), kind_id)


def kind_id(text: str) -> str:
    """The id for what was typed in the kind field: a known id or label, else the text as typed."""
    wanted = text.strip().casefold()
    for kind in kinds():
        if wanted in (kind.id.casefold(), kind.label.casefold()):
            return kind.id
    return text.strip()
