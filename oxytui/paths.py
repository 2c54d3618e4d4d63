"""Where oxytui keeps things: the one module that decides paths."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "oxytui"
DB_ENV = "OXYTUI_DB"
DEMO_FILE_NAME = "oxytui-demo.json"  # the data file `oxytui demo` makes in a temporary folder


def default_db_path() -> Path:
    """The data file: $OXYTUI_DB if set, else oxytui.json in the user data folder."""
    if from_env := os.environ.get(DB_ENV):
        return Path(from_env).expanduser()
    return user_data_path(APP_NAME) / "oxytui.json"


def backup_dir(db_path: Path) -> Path:
    """The folder of rotating backups beside the data file."""
    return db_path.parent / "backups"


def lock_path(db_path: Path) -> Path:
    """The lock file beside the data file (never the data file itself)."""
    return db_path.with_name(db_path.name + ".lock")


def user_recall_dir() -> Path:
    """The folder where users may add recall scripts of their own."""
    return user_config_path(APP_NAME) / "recall"
