"""The recall scripts as a reader meets them: every shipped and example script passes the schema, each step
can be read unhurried in its time, and the words invite, offer other touch, assume no feeling and read
naturally whoever the figure is."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from oxytui.core.recall import FIGURE_KINDS, TODAY_FALLBACK, Script, script_from_dict
from oxytui.core.recall_session import Phase, RecallSession
from oxytui.recall_scripts import load_script, shipped_recall_dir
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_SECOND = 2.5  # an unhurried reading pace
SHIPPED = sorted(shipped_recall_dir().glob("*.toml"))
FIGURES = ("Sam", "Biscuit", "your own kind voice", "an imagined ideal caring figure", *FIGURE_KINDS)

ORDERS = (
    "think",
    "feel",
    "notice",
    "take",
    "let",
    "picture",
    "bring",
    "rest",
    "look",
    "imagine",
    "remember",
    "breathe",
    "close",
    "stay",
    "find",
    "choose",
    "go",
    "settle",
    "recall",
    "hold",
)
"""Verbs that make an order when a sentence opens with them; the scripts invite instead."""

ASSUMED_FEELINGS = (
    "the good feeling",
    "the warmth you already",
    "let the feeling grow",
    "feel the warmth",
    "you feel loved",
    "you will feel",
)
SOFT_TOUCH = ("cheek", "belly", "lap", "hand in the other", "other hand", "your own hand")


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```toml\n(.*?)```", text, re.DOTALL)
    assert found, "README shows an example script"
    return found.group(1)


def all_scripts() -> list[Script]:
    scripts = [load_script(path) for path in SHIPPED]
    scripts.append(script_from_dict(tomllib.loads(readme_example()), "README.md"))
    return scripts


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!:;])\s+|\n+", text) if s.strip()]


def test_every_shipped_and_example_script_passes_the_schema() -> None:
    assert len(SHIPPED) == 8
    ids = [script.id for script in all_scripts()]
    assert len(ids) == len(set(ids)) == 9


@pytest.mark.parametrize("script", all_scripts(), ids=lambda s: s.id)
def test_each_step_can_be_read_unhurried_in_its_time(script: Script) -> None:
    longest = max(FIGURES, key=lambda f: len(f.split()))
    for step in script.steps:
        words = len(step.filled(longest, TODAY_FALLBACK).split())
        assert words / WORDS_PER_SECOND <= step.seconds, (script.id, step.title, words, step.seconds)


@pytest.mark.parametrize("script", all_scripts(), ids=lambda s: s.id)
def test_the_words_invite_rather_than_order(script: Script) -> None:
    for step in script.steps:
        for sentence in sentences(step.text):
            first = re.sub(r"^[\"'(]+", "", sentence).split()[0].casefold().strip(",")
            assert first not in ORDERS, (script.id, sentence)


@pytest.mark.parametrize("script", all_scripts(), ids=lambda s: s.id)
def test_no_line_assumes_a_feeling_is_there(script: Script) -> None:
    for step in script.steps:
        text = step.text.casefold()
        for phrase in ASSUMED_FEELINGS:
            assert phrase not in text, (script.id, step.title, phrase)


def test_a_hand_on_the_heart_always_comes_with_other_places() -> None:
    for script in all_scripts():
        for step in script.steps:
            if "heart" in step.text.casefold() and "hand" in step.text.casefold():
                assert any(place in step.text for place in SOFT_TOUCH), (script.id, step.title)


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_lines_read_naturally_for_anyone(figure: str) -> None:
    for script in all_scripts():
        for step in script.steps:
            text = step.filled(figure, "Mia")
            assert f"{figure}'s" not in text, (script.id, step.title)  # no possessive on a voice or a figure
            assert "{" not in text


def test_no_article_or_owner_stands_before_a_figure() -> None:
    # "the your own kind voice" or "your an imagined figure" would read badly, whatever is chosen
    for script in all_scripts():
        for step in script.steps:
            for text in (step.text, step.title):
                assert not re.search(
                    r"\b(a|an|the|your|my|their|our|his|her)\s+\{(figure|today)\}", text, re.I
                )


def test_someone_with_no_one_safe_or_a_mixed_bond_is_offered_another_way() -> None:
    texts = " ".join(step.text for script in all_scripts() for step in script.steps)
    assert "imagined caring figure" in texts
    assert "someone simpler" in texts
    assert "no longer alive" in texts
    ids = {script.id for script in all_scripts()}
    assert {"compassionate-companion", "wishing-well", "reaching-out"} <= ids


def test_savor_today_keeps_a_detail_and_offers_sharing_or_thanking() -> None:
    script = next(s for s in all_scripts() if s.id == "savor-today")
    text = " ".join(step.text for step in script.steps)
    assert "photo" in text and ("thanking" in text or "thank" in text) and "telling" in text


@pytest.mark.parametrize("script", all_scripts(), ids=lambda s: s.id)
def test_a_closed_eyes_step_waits_for_a_key_when_no_cue_is_set(script: Script, clock: FakeClock) -> None:
    from datetime import timedelta

    session = RecallSession(clock, hold_closed_eyes=True)
    session.choose(script, "Sam", clock.now.date())
    session.rate_before(session.before)
    for index, step in enumerate(script.steps):
        assert session.step_index == index
        clock.now += timedelta(seconds=step.seconds)
        if step.invites_closed_eyes:
            assert not session.tick() and session.view().waiting
            session.next_step()
        else:
            assert session.tick()
    assert session.phase is Phase.AFTER


def test_the_closed_eyes_rule_finds_the_steps_that_invite_it() -> None:
    flagged = [step.title for script in all_scripts() for step in script.steps if step.invites_closed_eyes]
    assert "Settling" in flagged
    unflagged = [step for script in all_scripts() for step in script.steps if not step.invites_closed_eyes]
    assert all("eyes" not in step.text for step in unflagged)
