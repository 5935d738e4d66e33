"""How the window wires its controllers (issue 12): each controller takes the workspace
and the panes it works on by keyword, never a row of positional arguments or a
``lambda: self.library…`` closure."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import reader.ui.controllers

UI = Path(reader.ui.controllers.__file__).resolve().parents[1]


def _controllers() -> list[type]:
    modules = [
        importlib.import_module(f"reader.ui.controllers.{info.name}")
        for info in pkgutil.iter_modules(reader.ui.controllers.__path__)
    ]
    modules.append(importlib.import_module("reader.ui.synthesis.controller"))
    return [
        cls
        for module in modules
        for name, cls in vars(module).items()
        if inspect.isclass(cls)
        and cls.__module__ == module.__name__
        and name.endswith("Controller")
    ]


def test_every_controller_is_found() -> None:
    names = {cls.__name__ for cls in _controllers()}
    assert {"HighlightingController", "ThemesController", "SynthesisController"} <= names
    assert len(names) >= 10


def test_controllers_take_their_parts_by_keyword() -> None:
    positional = {
        cls.__name__: [
            name
            for name, p in list(inspect.signature(cls.__init__).parameters.items())[1:]
            if p.kind is not inspect.Parameter.KEYWORD_ONLY
        ]
        for cls in _controllers()
    }
    assert {name: params for name, params in positional.items() if params} == {}


def test_the_window_keeps_no_closure_over_its_library() -> None:
    source = (UI / "window" / "main_window.py").read_text(encoding="utf-8")
    assert re.findall(r"lambda[^:\n]*:\s*self\.library\b.*", source) == []
