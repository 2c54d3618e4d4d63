"""Issue 10 item 3: recall script files reach the screen only cleaned, and only from regular files of
a sane size; a FIFO, a device, a folder or a huge file is skipped with a message naming it."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from oxytui import content
from oxytui.core.recall import Script
from oxytui.paths import user_recall_dir
from oxytui.recall_scripts import SCRIPT_FILE_MAX, load_scripts
from oxytui.safe_files import FileTooLargeError, NotRegularFileError, read_regular_file
from oxytui.store import Store
from oxytui.ui.app import create_app
from oxytui.ui.panes.recall import RecallPane
from tests.robust.crashkit import REPO

# What must never come out of a script file onto the screen: ESC, BEL, C1 codes and bidi controls.
FORBIDDEN = {"\x1b", "\x07", "\x00", "\x9b", "\x9d", "\x9c", "\u202e", "\u2066", "\u200f"}
OSC_TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"
CLEAR = "\x1b[2J\x1b[H"


def _q(text: str) -> str:
    """`text` as a TOML basic string; control codes written as escapes (TOML allows no raw ones)."""
    return json.dumps(text)


TITLE = f"Warm{OSC_TITLE} Evening{CLEAR}"
SUMMARY = f"A calm{CLIPBOARD} minute\u202e"
STEP_TITLE = f"Breathe{CLEAR} slowly"
STEP_TEXT = f"In{OSC_TITLE} and out.\x9b31m Again\x1b[5m."
REST_TITLE = "Rest\x07 here"
HOSTILE_SCRIPT = f"""
id = "hostile"
title = {_q(TITLE)}
minutes = 1
summary = {_q(SUMMARY)}
figure = "none"
[[step]]
title = {_q(STEP_TITLE)}
seconds = 30
text = {_q(STEP_TEXT)}
[[step]]
title = {_q(REST_TITLE)}
seconds = 30
text = "Stay a while."
"""

GOOD = """
id = "plain"
title = "Plain"
minutes = 1
summary = "A plain one."
figure = "none"
[[step]]
title = "Only"
seconds = 60
text = "Only this."
"""


def _no_control_codes(text: str) -> bool:
    return not FORBIDDEN & set(text)


def _texts(script: Script) -> list[str]:
    return [script.title, script.summary, *(t for s in script.steps for t in (s.title, s.text))]


def test_every_text_of_a_script_is_cleaned(tmp_path: Path) -> None:
    user = tmp_path / "recall"
    user.mkdir()
    (user / "hostile.toml").write_text(HOSTILE_SCRIPT, encoding="utf-8")
    loaded = load_scripts(shipped=tmp_path / "none", user=user)
    assert loaded.problems == ()
    [script] = loaded.scripts
    assert all(_no_control_codes(text) for text in _texts(script)), _texts(script)
    assert script.title == "Warm Evening"
    assert script.summary == "A calm minute"
    assert [s.title for s in script.steps] == ["Breathe slowly", "Rest here"]
    assert script.steps[0].text == "In and out. Again."  # whole sequences go, not just their ESC


def test_a_broken_scripts_file_name_is_cleaned_in_its_message(tmp_path: Path) -> None:
    user = tmp_path / "recall"
    user.mkdir()
    name = f"bad{OSC_TITLE}{CLEAR}\u202ename.toml"
    (user / name).write_text('id = "x"\n', encoding="utf-8")
    (user / f"dup{CLIPBOARD}.toml").write_text(GOOD, encoding="utf-8")
    (user / "plain.toml").write_text(GOOD, encoding="utf-8")
    loaded = load_scripts(shipped=tmp_path / "none", user=user)
    assert [s.id for s in loaded.scripts] == ["plain"]
    assert len(loaded.problems) == 2
    for problem in loaded.problems:
        assert _no_control_codes(problem) and "\n" not in problem, repr(problem)
    assert any("badname.toml" in p and "title" in p for p in loaded.problems), loaded.problems
    assert any("dup.toml" in p and "already used" in p for p in loaded.problems), loaded.problems


def test_a_huge_script_is_skipped_with_its_size(tmp_path: Path) -> None:
    user = tmp_path / "recall"
    user.mkdir()
    comment = "# " + "x" * 1000 + "\n"
    (user / "huge.toml").write_text(GOOD + comment * (SCRIPT_FILE_MAX // 1000 + 2), encoding="utf-8")
    (user / "plain.toml").write_text(GOOD, encoding="utf-8")
    loaded = load_scripts(shipped=tmp_path / "none", user=user)
    assert [s.id for s in loaded.scripts] == ["plain"]
    [problem] = loaded.problems
    assert "huge.toml" in problem and "too large" in problem and "256 KB" in problem


def test_a_folder_named_like_a_script_is_skipped_by_name(tmp_path: Path) -> None:
    user = tmp_path / "recall"
    (user / "folder.toml").mkdir(parents=True)
    (user / "plain.toml").write_text(GOOD, encoding="utf-8")
    loaded = load_scripts(shipped=tmp_path / "none", user=user)
    assert [s.id for s in loaded.scripts] == ["plain"]
    [problem] = loaded.problems
    assert "folder.toml" in problem and "a folder" in problem


def test_kinds_from_the_content_folder_are_cleaned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kinds.toml").write_text(
        f'[[kind]]\nid = "hug"\nlabel = {_q(TITLE)}\ndescription = {_q(STEP_TEXT)}\n', encoding="utf-8"
    )
    monkeypatch.setattr(content, "content_dir", lambda: tmp_path)
    content.kinds.cache_clear()
    try:
        [kind] = content.kinds()
    finally:
        content.kinds.cache_clear()
    assert (kind.id, kind.label, kind.description) == ("hug", "Warm Evening", "In and out. Again.")


# A loader that blocks on a FIFO or reads /dev/zero without end would hang the test run, or fill the
# memory: it runs in a child with a memory limit, and a child still running after a minute has hung.
CHILD = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from oxytui.recall_scripts import load_scripts
loaded = load_scripts(shipped=Path(sys.argv[1]) / "none", user=Path(sys.argv[1]) / "recall")
print(json.dumps({"ids": [s.id for s in loaded.scripts], "problems": list(loaded.problems)}))
"""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_fifo_and_a_symlink_to_dev_zero_are_skipped_without_waiting(tmp_path: Path) -> None:
    user = tmp_path / "recall"
    user.mkdir()
    os.mkfifo(user / "pipe.toml")
    (user / "zero.toml").symlink_to("/dev/zero")
    (user / "plain.toml").write_text(GOOD, encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(tmp_path)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("loading the recall scripts hung on the FIFO or /dev/zero")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ids"] == ["plain"]
    problems = sorted(result["problems"])
    assert len(problems) == 2, problems
    assert "pipe.toml" in problems[0] and "FIFO" in problems[0]
    assert "zero.toml" in problems[1] and "a device" in problems[1]


def test_the_reader_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotRegularFileError, match="FIFO"):
        read_regular_file(tmp_path / "pipe", 10)
    with pytest.raises(NotRegularFileError, match="a folder"):
        read_regular_file(tmp_path, 10)
    (tmp_path / "eleven").write_bytes(b"x" * 11)
    with pytest.raises(FileTooLargeError):
        read_regular_file(tmp_path / "eleven", 10)
    assert read_regular_file(tmp_path / "eleven", 11) == b"x" * 11
    assert read_regular_file(tmp_path / "eleven") == b"x" * 11
    (tmp_path / "link").symlink_to(tmp_path / "eleven")
    assert read_regular_file(tmp_path / "link", 11) == b"x" * 11  # a symlink to a file is fine


def _shown(app: App[Any]) -> str:
    """The text of the screen as a screenshot holds it."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_hostile_scripts_and_file_names_never_reach_the_screen(db_path: Path) -> None:
    user = user_recall_dir()
    user.mkdir(parents=True)
    (user / "hostile.toml").write_text(HOSTILE_SCRIPT, encoding="utf-8")
    (user / f"broken{OSC_TITLE}{CLEAR}.toml").write_text('id = "x"\n', encoding="utf-8")
    store = Store.open(db_path)
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=30)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screens = {"dashboard": _shown(app)}
        number = [s.id for s in app.dashboard.query_one(RecallPane).scripts.scripts].index("hostile") + 1
        await pilot.press("2", "r")  # the recall pane, and start a recall
        await pilot.pause()
        screens["choose"] = _shown(app)
        await pilot.press(str(number))
        await pilot.pause()
        screens["before"] = _shown(app)
        await pilot.press("enter")  # both ratings skipped: one enter goes on
        await pilot.pause()
        screens["step"] = _shown(app)
    assert "broken.toml" in screens["dashboard"]
    assert "Warm Evening" in screens["choose"]
    assert "Breathe slowly" in screens["step"]
    for name, svg in screens.items():
        assert FORBIDDEN & set(svg) == set(), name
