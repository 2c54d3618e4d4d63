"""Loads recall scripts: the ones shipped in content/recall/ and the user's own from the config folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from oxytui.content import content_dir
from oxytui.core.recall import Script, ScriptError, script_from_dict
from oxytui.paths import user_recall_dir

SCRIPT_FILE_MAX = 200_000  # bytes; a script is a few kilobytes


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


def load_script(path: Path) -> Script:
    """One script file; raise ScriptError whose message names the file and the problem."""
    try:
        if path.stat().st_size > SCRIPT_FILE_MAX:
            raise ScriptError(f"{path}: too large to be a recall script (over {SCRIPT_FILE_MAX} bytes)")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ScriptError(f"{path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ScriptError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ScriptError(f"{path}: is not valid TOML ({error})") from None
    try:
        return script_from_dict(data, str(path))
    except ScriptError as error:
        raise ScriptError(f"{path}: {error}") from None


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
            problems.append(
                f"{path}: id {script.id!r} is already used by {seen[script.id]}; give it another id"
            )
            continue
        seen[script.id] = str(path)
        scripts.append(script)
    return LoadedScripts(tuple(scripts), tuple(problems))
