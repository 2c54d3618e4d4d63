"""Loads recall scripts: the ones shipped in content/recall/ and the user's own from the config folder.

Script files come from outside: each is read only if it is a regular file under SCRIPT_FILE_MAX bytes
(safe_files.py: a FIFO or device is refused unread), and every text in it, like every file name in a
message, is cleaned of control codes before anything shows it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oxytui.content import content_dir
from oxytui.core.recall import Script, ScriptError, script_from_dict
from oxytui.core.text import clean, clean_line
from oxytui.paths import user_recall_dir
from oxytui.safe_files import FileTooLargeError, NotRegularFileError, read_regular_file

SCRIPT_FILE_MAX = 256 * 1024  # bytes; a script is a few kilobytes


@dataclass(frozen=True, slots=True)
class LoadedScripts:
    """The usable scripts, and one message per script file that was skipped (naming the file first)."""

    scripts: tuple[Script, ...]
    problems: tuple[str, ...]

    def by_id(self, script_id: str) -> Script | None:
        """The script with this id, if it was loaded."""
        return next((s for s in self.scripts if s.id == script_id), None)

    def title(self, script_id: str) -> str:
        """The title of a script id, or the id itself for a script no longer around."""
        script = self.by_id(script_id)
        return script.title if script else script_id


def shipped_recall_dir() -> Path:
    """The folder of shipped recall scripts."""
    return content_dir() / "recall"


def shown_path(path: Path) -> str:
    """A file name as a message may show it: control codes and line breaks removed."""
    return clean_line(str(path))


def cleaned(value: Any) -> Any:
    """Parsed TOML with every text in it, keys too, cleaned of control codes and escape sequences."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(str(key)): cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    return value


def _read(path: Path) -> str:
    name = shown_path(path)
    try:
        raw = read_regular_file(path, SCRIPT_FILE_MAX)
    except NotRegularFileError as error:
        raise ScriptError(
            f"{name}: is {error.what}, not a script file; remove it or replace it with one"
        ) from None
    except FileTooLargeError:
        raise ScriptError(
            f"{name}: too large to be a recall script (over {SCRIPT_FILE_MAX // 1024} KB)"
        ) from None
    except OSError as error:
        raise ScriptError(f"{name}: cannot be read ({clean_line(error.strerror or str(error))})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScriptError(f"{name}: is not UTF-8 text; save it as UTF-8") from None


def load_script(path: Path) -> Script:
    """One script file; raise ScriptError whose message names the file (cleaned) and the problem."""
    name = shown_path(path)
    text = _read(path)
    try:
        data = cleaned(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ScriptError(f"{name}: is not valid TOML ({clean_line(str(error))})") from None
    except RecursionError:
        raise ScriptError(f"{name}: is nested too deeply to be a recall script") from None
    try:
        return script_from_dict(data, str(path))
    except ScriptError as error:
        raise ScriptError(f"{name}: {clean_line(str(error))}") from None


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))
    except OSError:
        return []


def load_scripts(shipped: Path | None = None, user: Path | None = None) -> LoadedScripts:
    """Every usable script, shipped ones first (in file order), then the user's; broken files skipped."""
    scripts: list[Script] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in _files(shipped or shipped_recall_dir()) + _files(user or user_recall_dir()):
        try:
            script = load_script(path)
        except ScriptError as error:
            problems.append(str(error))
            continue
        if script.id in seen:
            used_by = seen[script.id]
            problems.append(
                f"{shown_path(path)}: id {script.id!r} is already used by {used_by}; give it another id"
            )
            continue
        seen[script.id] = shown_path(path)
        scripts.append(script)
    return LoadedScripts(tuple(scripts), tuple(problems))
