"""Theme chips are readable: WCAG AA contrast for every colour of the default taxonomy."""

from __future__ import annotations

from pathlib import Path

import yaml

from reader.core.export.contrast import contrast_ratio, text_color

DEFAULT = Path(__file__).resolve().parents[1] / "resources" / "themes" / "default.yaml"


def _colours() -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("color"), str):
                found.append(node["color"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(DEFAULT.read_text(encoding="utf-8")))
    return found


def test_every_default_chip_colour_reaches_aa() -> None:
    colours = _colours()
    assert len(colours) >= 10
    for colour in colours:
        assert contrast_ratio(text_color(colour), colour) >= 4.5, colour


def test_dark_colours_get_light_text_and_back() -> None:
    assert contrast_ratio(text_color("#4e79a7"), "#4e79a7") >= 4.5  # Command structure
    assert text_color("#79706e") == "#ffffff"  # Russia
    assert text_color("#edc948") == "#000000"  # China: black on yellow
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0


def test_any_colour_reaches_aa() -> None:
    for value in range(0, 256, 5):
        for colour in (
            f"#{value:02x}{value:02x}{value:02x}",
            f"#{value:02x}4080",
            f"#ff{value:02x}00",
        ):
            assert contrast_ratio(text_color(colour), colour) >= 4.5, colour
