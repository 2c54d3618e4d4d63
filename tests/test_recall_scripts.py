"""Recall scripts: the shipped ones, validation of broken ones, user scripts and filling in the figure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oxytui.core.recall import (
    FIGURE_KINDS,
    ScriptError,
    figure_prompt,
    figure_suggestions,
    fill,
    script_from_dict,
)
from oxytui.paths import user_recall_dir
from oxytui.recall_scripts import load_script, load_scripts, shipped_recall_dir

GOOD = """
id = "evening-walk"
title = "An evening walk"
minutes = 1
summary = "Walk in your mind beside {figure}? No: summaries are plain."
[[step]]
title = "Walk with {figure}"
seconds = 30
text = "Picture {figure} beside you."
[[step]]
title = "Come back"
seconds = 30
text = "Look around the room."
"""

SHIPPED_IDS = [
    "someone-who-loves-you",
    "hand-on-heart",
    "a-time-you-were-comforted",
    "an-animal-companion",
    "savor-today",
    "compassionate-companion",
    "wishing-well",
    "reaching-out",
]


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_scripts_load_without_problems() -> None:
    loaded = load_scripts()
    assert loaded.problems == ()
    assert [s.id for s in loaded.scripts] == SHIPPED_IDS


def test_each_shipped_script_takes_about_the_minutes_it_says() -> None:
    for script in load_scripts().scripts:
        assert abs(script.seconds / 60 - script.minutes) <= 1, script.id
        assert all(5 <= step.seconds <= 600 for step in script.steps)


def test_the_long_script_follows_the_shape_of_a_guided_recall() -> None:
    script = load_scripts().by_id("someone-who-loves-you")
    assert script is not None
    assert [s.seconds for s in script.steps] == [30, 20, 60, 45, 30, 20]
    assert "{today}" in script.steps[4].text
    assert 3 * 60 <= script.seconds + 15 <= 4 * 60


def test_the_one_minute_script_asks_no_figure() -> None:
    script = load_scripts().by_id("hand-on-heart")
    assert script is not None
    assert (script.minutes, script.seconds, script.asks_figure) == (1, 60, False)


def test_shipped_text_invites_and_never_claims_hormones() -> None:
    texts = [p.read_text(encoding="utf-8").casefold() for p in shipped_recall_dir().glob("*.toml")]
    assert len(texts) >= 5
    for text in texts:
        assert "oxytocin" not in text and "hormone" not in text
        assert "if you like" in text or "you might" in text


def test_figure_is_filled_in_and_cleaned() -> None:
    assert fill("Picture {figure}.", "Sam") == "Picture Sam."
    assert fill("Picture {figure}.", "Sam\x1b[31m\nLee") == "Picture Sam Lee."
    assert fill("Picture {figure}.", "") == "Picture someone who cares about you."
    assert fill("With {today}.", "Sam", "Ana") == "With Ana."
    assert fill("With {today}.", "Sam", "") == "With someone you were close to."
    assert fill("Hi {figure}", "[bold]x[/]") == "Hi [bold]x[/]"


def test_a_step_fills_title_and_text_with_the_script_fallback() -> None:
    script = load_scripts().by_id("an-animal-companion")
    assert script is not None
    assert script.steps[1].filled_title("Biscuit") == "With Biscuit"
    assert "an animal you love" in script.steps[1].filled("", fallback=script.figure_fallback)


def test_a_good_file_loads(tmp_path: Path) -> None:
    script = load_script(write(tmp_path, "walk.toml", GOOD))
    assert (script.id, script.title, script.minutes, script.seconds) == (
        "evening-walk",
        "An evening walk",
        1,
        60,
    )
    assert script.steps[0].filled_title("Ana") == "Walk with Ana"
    assert script.source.endswith("walk.toml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("minutes = 1", 'minutes = "one"'), "'minutes' must be a whole number"),
        (lambda t: t.replace("minutes = 1\n", ""), "'minutes' is missing"),
        (lambda t: t.replace('id = "evening-walk"', 'id = "Evening Walk"'), "may hold only a-z"),
        (lambda t: t.replace('seconds = 30\ntext = "Look', 'seconds = 0\ntext = "Look'), "step 2: 'seconds'"),
        (lambda t: t.replace("Picture {figure}", "Picture {name}"), "step 1: text has {name}"),
        (lambda t: t.replace('title = "Come back"', 'titel = "Come back"'), "step 2: unknown key 'titel'"),
        (lambda t: t.split("[[step]]")[0], "no steps"),
        (lambda t: t + 'figure = "ghost"\n', "step 2: unknown key 'figure'"),
        (lambda t: t.replace("summary = ", 'figure = "ghost"\nsummary = '), "'figure' must be one of"),
        (lambda t: t.replace('text = "Look around the room."', 'text = ""'), "step 2: 'text' is empty"),
        (lambda t: t.replace('title = "An evening walk"', 'title = "\\u200b\\ufeff"'), "'title' is empty"),
        (
            lambda t: t.replace('text = "Look around the room."', 'text = "\\u001b[2J"'),
            "step 2: 'text' is empty",
        ),
        (lambda t: t.replace("summary = ", 'figure = "none"\nsummary = '), "uses {figure} but"),
        (lambda t: "id = [unclosed", "is not valid TOML"),
    ],
)
def test_a_broken_file_is_refused_naming_the_file_and_the_problem(
    tmp_path: Path, change: object, message: str
) -> None:
    assert callable(change)
    path = write(tmp_path, "broken.toml", change(GOOD))
    with pytest.raises(ScriptError) as caught:
        load_script(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(GOOD.replace("walk", "w\xe4lk").encode("latin-1"))
    with pytest.raises(ScriptError, match="not UTF-8"):
        load_script(path)


def test_user_scripts_come_from_the_config_folder(isolated_home: Path) -> None:
    assert user_recall_dir() == Path(os.environ["XDG_CONFIG_HOME"]) / "oxytui" / "recall"
    write(user_recall_dir(), "walk.toml", GOOD)
    loaded = load_scripts()
    assert loaded.problems == ()
    assert [s.id for s in loaded.scripts] == [*SHIPPED_IDS, "evening-walk"]
    assert loaded.title("evening-walk") == "An evening walk"
    assert loaded.title("gone-script") == "gone-script"


def test_broken_user_scripts_are_skipped_and_the_rest_still_load(isolated_home: Path) -> None:
    folder = user_recall_dir()
    write(folder, "a-good.toml", GOOD)
    broken = write(folder, "b-broken.toml", GOOD.replace("seconds = 30", "seconds = -4", 1))
    twin = write(folder, "c-twin.toml", GOOD.replace('id = "evening-walk"', 'id = "hand-on-heart"'))
    write(folder, "notes.txt", "not a script")
    loaded = load_scripts()
    assert [s.id for s in loaded.scripts] == [*SHIPPED_IDS, "evening-walk"]
    assert len(loaded.problems) == 2
    assert (
        str(broken) in loaded.problems[0] and "step 1: 'seconds' must be from 5 to 600" in loaded.problems[0]
    )
    assert str(twin) in loaded.problems[1] and "'hand-on-heart' is already used" in loaded.problems[1]


def test_a_missing_user_folder_is_fine(isolated_home: Path) -> None:
    assert not user_recall_dir().exists()
    assert load_scripts().problems == ()


def test_script_from_dict_refuses_a_step_that_is_not_a_table() -> None:
    with pytest.raises(ScriptError, match="step 1: must be a"):
        script_from_dict({"id": "x", "title": "X", "minutes": 1, "summary": "s", "step": ["text"]})


def test_the_figure_page_asks_for_the_kind_of_figure_the_script_wants() -> None:
    assert figure_prompt("today", logged_today=True).startswith("Which of today's warm moments")
    assert figure_prompt("today", logged_today=False).startswith("Nothing is logged for today yet.")
    assert figure_prompt("pet", logged_today=True).startswith("Which animal")
    for figure in ("any", "person"):  # an imagined figure is always offered where anyone will do
        assert "an imagined figure is a good choice" in figure_prompt(figure, logged_today=False)


def test_figure_suggestions_put_the_right_names_first() -> None:
    recent = ["Ana", "Biscuit", "Sam"]
    assert figure_suggestions("any", recent, [], []) == [*recent, *FIGURE_KINDS]
    assert figure_suggestions("today", recent, ["Sam"], [])[:3] == ["Sam", "Ana", "Biscuit"]
    assert figure_suggestions("pet", recent, [], ["Biscuit"])[:2] == ["Biscuit", "a pet or animal companion"]
    assert figure_suggestions("none", recent, [], []) == []
    assert figure_suggestions("any", ["a friend"], [], []).count("a friend") == 1
