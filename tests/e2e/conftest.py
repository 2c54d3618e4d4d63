"""The end-to-end tests drive oxytui in tmux: where tmux is missing they are skipped, saying why.

.ci/run installs tmux and fails when any of them was skipped.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator

import pytest

from tests.e2e.terminal import Tmux

NO_TMUX = "tmux is not installed: the end-to-end tests need it (apt-get install tmux)"


@pytest.fixture(autouse=True)
def needs_tmux() -> None:
    if shutil.which("tmux") is None:
        pytest.skip(NO_TMUX)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux(f"oxytui-e2e-{uuid.uuid4().hex[:10]}")
    try:
        yield session
    finally:
        session.kill()
