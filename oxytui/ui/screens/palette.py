"""The command palette's list of actions, read from the same bindings as the footer and the help screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher

from oxytui.ui.widgets.keys import KeyAction, key_actions


@dataclass(frozen=True, slots=True)
class _Command:
    name: str
    help: str
    run: Callable[[], Awaitable[None]]


def _where(node: DOMNode) -> str:
    """Where an action lives, in words."""
    if node is node.app:
        return "anywhere"
    if node is node.screen:
        return "dashboard" if node.id == "dashboard" else "this screen"
    return f"{(node.id or type(node).__name__).capitalize()} pane"


class KeyCommands(Provider):
    """Every action that has a key: the app's, the dashboard's and each pane's."""

    def _nodes(self) -> list[DOMNode]:
        nodes: list[DOMNode] = [self.app, self.screen]
        panes = getattr(self.screen, "panes", None)
        if panes is not None:
            nodes.extend(panes)
        return nodes

    def _commands(self) -> list[_Command]:
        commands: list[_Command] = []
        for node in self._nodes():
            for action in key_actions(type(node), self.app.get_key_display):
                if action.action == "command_palette":
                    continue
                _, name, parameters = parse(action.action)
                available = node.check_action(name, parameters) is True
                where = _where(node)
                help_text = f"key {action.keys_text} · {where}" + (
                    "" if available else " · not available now"
                )
                commands.append(_Command(action.sentence, help_text, partial(self._run, node, action)))
        return commands

    async def _run(self, node: DOMNode, action: KeyAction) -> None:
        focus_pane = getattr(self.screen, "focus_pane", None)
        if focus_pane is not None and node.id is not None and node in getattr(self.screen, "panes", ()):
            focus_pane(node.id)
        await self.app.run_action(action.action, node)

    async def discover(self) -> Hits:
        """All actions, shown before anything is typed."""
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """The actions whose sentence matches what was typed."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)


def plain_highlight(matcher: Matcher, text: str) -> Content:
    """`text` as plain text, never read as markup (it holds a name), with the letters matched highlighted.

    Matcher.highlight reads its text as markup, so "[bold]Sam[/]" would show as a bold "Sam".
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PeopleCommands(Provider):
    """Open any person: "Open Alex" for everyone logged."""

    def _people(self) -> list[tuple[str, str]]:
        store = getattr(self.app, "store", None)
        if store is None:
            return []
        from oxytui.core.people import ordered
        from oxytui.core.text import shorten

        return [(f"Open {shorten(p.name, 60)}", p.name) for p in ordered(store.everyone().values())]

    async def _open(self, name: str) -> None:
        screen = self.app.screen_stack[0]
        focus_pane = getattr(screen, "focus_pane", None)
        if focus_pane is not None:
            focus_pane("people")
            screen.query_one("#people").open_person(name)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        """Everyone, before anything is typed."""
        for title, name in self._people():
            yield DiscoveryHit(Content(title), partial(self._open, name), text=title, help="a person")

    async def search(self, query: str) -> Hits:
        """The people whose name matches what was typed."""
        matcher = self.matcher(query)
        for title, name in self._people():
            score = matcher.match(title)
            if score > 0:
                shown = plain_highlight(matcher, title)
                yield Hit(score, shown, partial(self._open, name), text=title, help="a person")
