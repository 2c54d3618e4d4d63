"""The end-to-end tests drive oxytui in tmux: where tmux is missing they are skipped, saying why.

.ci/run installs tmux and fails when any of them was skipped.
"""

from __future__ import annotations

import shutil

import pytest

NO_TMUX = "tmux is not installed: the end-to-end tests need it (apt-get install tmux)"


@pytest.fixture(autouse=True)
def needs_tmux() -> None:
    if shutil.which("tmux") is None:
        pytest.skip(NO_TMUX)
