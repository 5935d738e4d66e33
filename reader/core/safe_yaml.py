"""One bounded YAML loader for every YAML file the app reads (front matter, themes.yaml).

``yaml.safe_load`` is safe against code execution but not against cost: a 600-byte
"billion laughs" alias bomb expands to gigabytes, 10,000 nested brackets exhaust
Python's recursion limit, a control byte or an impossible date (``2025-13-45``) raises
exceptions outside :class:`yaml.YAMLError`, and a 4,300-digit integer raises
``ValueError``. This loader refuses aliases outright (nothing we read needs them),
caps the text's size and the nesting depth before any recursion happens, leaves
timestamps as the text the user wrote, and turns every failure into one
:class:`YamlProblem` with the line it is on, so callers report ``file:line: why``.

PyYAML is imported on first use: the CLI's start-up path does not pay for it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 40  # collections inside collections; a taxonomy needs 4
MAX_NODES = 100_000  # scalars + collections in one document
MAX_INT_DIGITS = 100  # a YAML integer longer than this is kept as text
# What YAML forbids in a stream (PyYAML's Reader raises outside its own error class):
# the complement of YAML's printable set (tab, LF, CR, 0x20-0x7e, 0x85, 0xa0-0xd7ff,
# 0xe000-0xfffd, astral), written as what it forbids: compiling the printable set's
# negation costs ~5 ms (its astral range), on the start-up of every command.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class YamlProblem(ReaderError):
    """YAML that cannot be used. ``line`` is 1-based within the text given (None when
    the problem is the whole text, e.g. its size); ``message`` has no position."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line is not None else message)


def control_character(text: str) -> tuple[int, str] | None:
    """``(1-based line, "U+0007")`` of the first control character in ``text`` (tab and
    line breaks are fine), else None. YAML forbids them; a user cannot see them."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, f"U+{ord(found.group()):04X}"


def load_bounded(text: str, max_chars: int) -> tuple[Any, yaml.Node | None]:
    """Load one YAML document from ``text``; return ``(data, root node)``.

    Raises :class:`YamlProblem` for text longer than ``max_chars``, control characters,
    aliases, nesting deeper than :data:`MAX_DEPTH`, more than :data:`MAX_NODES` nodes,
    and any error of the YAML itself. Never raises anything else for any input text.
    """
    if len(text) > max_chars:
        raise YamlProblem(f"too long ({len(text):,} characters; the limit is {max_chars:,})")
    if (bad := control_character(text)) is not None:
        line, code = bad
        raise YamlProblem(f"control character {code} is not allowed; remove it", line)
    import yaml

    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return data, node
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise YamlProblem(f"invalid YAML: {detail}", mark.line + 1 if mark else None) from exc
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        where = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        raise YamlProblem(f"invalid YAML: {exc}", where) from exc
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        mark = loader.last_mark
        raise YamlProblem(
            f"a value cannot be read ({type(exc).__name__})", mark.line + 1 if mark else None
        ) from exc
    finally:
        loader.dispose()


def _loader_class() -> type[Any]:
    """The loader: libyaml's C parser for the events when PyYAML has it (7 times faster on
    a 2,000-theme file), else PyYAML's own; always PyYAML's composer, which this bounds."""
    import yaml
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.events import AliasEvent
    from yaml.resolver import Resolver

    class Bounds:
        """A depth and node budget, no aliases, timestamps as text, long ints as text."""

        depth = 0
        nodes = 0
        last_mark: Any = None

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[attr-defined]
            self.last_mark = event.start_mark
            if isinstance(event, AliasEvent):
                raise YamlProblem(
                    f"aliases (*{event.anchor}) are not allowed; write the value out",
                    event.start_mark.line + 1,
                )
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise YamlProblem(
                    f"too many values (more than {MAX_NODES:,})", event.start_mark.line + 1
                )
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise YamlProblem(
                        f"nested more than {MAX_DEPTH} levels deep", event.start_mark.line + 1
                    )
                return Composer.compose_node(self, parent, index)
            finally:
                self.depth -= 1

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            self.last_mark = node.start_mark
            return SafeConstructor.construct_object(self, node, deep)

        def construct_yaml_int(self, node: Any) -> Any:
            text = str(self.construct_scalar(node))  # type: ignore[attr-defined]
            if len(text) > MAX_INT_DIGITS:
                return text
            return SafeConstructor.construct_yaml_int(self, node)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            return str(self.construct_scalar(node))  # type: ignore[attr-defined]

    loader: type[Any]
    try:
        from yaml._yaml import CParser
    except ImportError:

        class PyLoader(Bounds, yaml.SafeLoader):  # type: ignore[misc]
            pass

        loader = PyLoader
    else:

        class CLoader(Bounds, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
            get_single_node = Composer.get_single_node
            compose_document = Composer.compose_document
            compose_scalar_node = Composer.compose_scalar_node
            compose_sequence_node = Composer.compose_sequence_node
            compose_mapping_node = Composer.compose_mapping_node

            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                SafeConstructor.__init__(self)
                Resolver.__init__(self)
                Composer.__init__(self)

        loader = CLoader
    loader.add_constructor("tag:yaml.org,2002:int", Bounds.construct_yaml_int)
    loader.add_constructor("tag:yaml.org,2002:timestamp", Bounds.construct_yaml_timestamp)
    return loader


class _LazyLoader:
    """Builds the loader class on first use, so importing this module loads no PyYAML."""

    cls: type[Any] | None = None

    def __call__(self, text: str) -> Any:
        if _LazyLoader.cls is None:
            _LazyLoader.cls = _loader_class()
        return _LazyLoader.cls(text)


_BoundedLoader = _LazyLoader()
