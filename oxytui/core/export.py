"""Export formats: JSON (the import form), CSV and Markdown, from the JSON export dict."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from oxytui.core.days import format_day
from oxytui.core.people import rhythm_words

CSV_COLUMNS = (
    "record",
    "id",
    "day",
    "logged_at",
    "utc_offset",
    "who",
    "kind",
    "warmth",
    "minutes",
    "note",
    "started_at",
    "finished_at",
    "script",
    "figure",
    "before_stress",
    "before_connected",
    "after_stress",
    "after_connected",
    "completed",
    "reason",
    "every_days",
    "remembered",
)


def to_json(data: dict[str, Any]) -> str:
    """The JSON export, readable and exact."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _blank(value: Any) -> Any:
    return "" if value is None else value


def to_csv(data: dict[str, Any]) -> str:
    """One CSV table: a row per contact, recall, rest day and kept person, told apart by the `record`
    column. A person's row holds the name in `who`, with `every_days`, `remembered` and `note`.

    Rows end in CRLF as RFC 4180 says; with that terminator the csv module also quotes a field
    holding a lone carriage return, which would otherwise split the row when read back.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for contact in data["contacts"]:
        writer.writerow({"record": "contact", **{k: _blank(v) for k, v in contact.items()}})
    for recall in data["recalls"]:
        row = {k: _blank(v) for k, v in recall.items() if k not in ("before", "after")}
        for moment in ("before", "after"):
            for item in ("stress", "connected"):
                row[f"{moment}_{item}"] = _blank(recall[moment][item])
        row["completed"] = "yes" if recall["completed"] else "no"
        writer.writerow({"record": "recall", **row})
    for rest in data["rest_days"]:
        writer.writerow({"record": "rest_day", **rest})
    for person in data.get("people", []):
        writer.writerow(
            {
                "record": "person",
                "who": person["name"],
                "every_days": _blank(person["every_days"]),
                "remembered": "yes" if person["remembered"] else "no",
                "note": person["note"],
            }
        )
    return out.getvalue()


def _rating(ratings: dict[str, Any], item: str) -> str:
    value = ratings.get(item)
    return "–" if value is None else str(value)


def to_markdown(
    data: dict[str, Any],
    clean: Callable[[str], str] = lambda text: text,
    kind_title: Callable[[str], str] = lambda kind: kind,
    script_title: Callable[[str], str] = lambda script: script,
) -> str:
    """A readable Markdown journal, one section per day, newest first; kinds and scripts by their titles."""
    days: dict[str, list[str]] = {}
    for contact in data["contacts"]:
        line = (
            f"- {'♥' * contact['warmth']} **{clean(contact['who'])}** — {clean(kind_title(contact['kind']))}"
        )
        if contact["minutes"] is not None:
            line += f", {contact['minutes']} min"
        if contact["note"]:
            line += f": {clean(contact['note'])}"
        days.setdefault(contact["day"], []).append(line)
    for recall in data["recalls"]:
        before, after = recall["before"], recall["after"]
        state = "completed" if recall["completed"] else "not completed"
        script = clean(script_title(recall["script"]))
        line = (
            f"- Recall *{script}* with {clean(recall['figure']) or 'no one named'} "
            f"({state}): stress {_rating(before, 'stress')}→{_rating(after, 'stress')}, "
            f"connected {_rating(before, 'connected')}→{_rating(after, 'connected')}"
        )
        if recall["note"]:
            line += f": {clean(recall['note'])}"
        days.setdefault(recall["day"], []).append(line)
    for rest in data["rest_days"]:
        reason = f": {clean(rest['reason'])}" if rest["reason"] else ""
        days.setdefault(rest["day"], []).append(f"- Rest day{reason}")
    parts = ["# oxytui journal\n", *_people_markdown(data.get("people", []), clean)]
    for day in sorted(days, reverse=True):
        parts.append(f"\n## {format_day(date.fromisoformat(day))}\n\n" + "\n".join(days[day]) + "\n")
    return "".join(parts)


def _people_markdown(people: list[dict[str, Any]], clean: Callable[[str], str]) -> list[str]:
    """The People section: what was kept about each person (rhythm, remembered, note), by name."""
    lines = []
    for person in sorted(people, key=lambda p: clean(p["name"]).casefold()):
        about = []
        if person["remembered"]:
            about.append("remembered")
        elif person["every_days"] is not None:
            about.append(f"every {rhythm_words(person['every_days'])}")
        line = f"- **{clean(person['name'])}**" + (f" — {', '.join(about)}" if about else "")
        if person["note"]:
            line += f": {clean(person['note'])}"
        lines.append(line)
    return ["\n## People\n\n" + "\n".join(lines) + "\n"] if lines else []


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "json": to_json,
    "csv": to_csv,
    "markdown": to_markdown,
}
