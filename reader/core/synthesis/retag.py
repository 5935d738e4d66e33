"""What a highlight's themes become when its card is dragged to another column."""

from __future__ import annotations

from collections.abc import Collection


def retagged(
    themes: tuple[str, ...], source: Collection[str], target: str | None, keep: bool = False
) -> tuple[str, ...]:
    """The themes after moving a card from a column gathering ``source`` (empty: the
    unthemed group) to ``target`` (None: the unthemed group, which clears every theme).

    A move puts ``target`` where the first source theme was, so a highlight keeps its
    colour slot; ``keep`` (a copy) adds ``target`` and leaves the rest."""
    if target is None:
        return ()
    if keep or not source:
        return themes if target in themes else (*themes, target)
    out: list[str] = []
    for theme in themes:
        if theme in source:
            if target not in out and target not in themes:
                out.append(target)
            continue
        out.append(theme)
    if target not in out:
        out.append(target)
    return tuple(out)
