"""``themes.yaml`` as last parsed, kept so that a new process need not parse it again.

Every command reads the taxonomy, and parsing it costs ~10 ms, nearly all of it
importing PyYAML (whose reader compiles a large character class); a command-line
search is a new process each time. So the parsed taxonomy and its warnings are kept
in the library's ``cache/`` folder with the exact bytes they were parsed from and a
stamp of the code that parsed them (the app's version, the parser modules' size and
time), and reused only when both match. A broken file is never cached: its problems
are always found by a real parse. Derived data: a missing or damaged cache is rebuilt.
"""

from __future__ import annotations

import marshal
import os
import pickle
from pathlib import Path

from reader.core.files import atomic_write
from reader.core.themes.file import load_taxonomy
from reader.core.themes.taxonomy import Problem, Taxonomy

CACHE_FOLDER = "cache"
_VERSION = 1


def parsed_path(path: Path) -> Path:
    """Where the parsed form of the taxonomy file ``path`` is kept."""
    return path.parent / CACHE_FOLDER / f"{path.name}.parsed"


def load_taxonomy_cached(path: Path) -> tuple[Taxonomy, list[Problem]]:
    """:func:`~reader.core.themes.file.load_taxonomy`, answered from the cache when
    ``path`` holds the same bytes as when it was last parsed by this code."""
    try:
        raw = path.read_bytes()
    except OSError:
        return load_taxonomy(path)  # missing or unreadable: its own answer
    stamp = _code_stamp()
    if stamp is not None and (cached := _cached(path, stamp, raw)) is not None:
        return cached
    result = load_taxonomy(path)
    if stamp is not None:
        _keep(path, stamp, raw, result)
    return result


def _cached(
    path: Path, stamp: tuple[str | int, ...], raw: bytes
) -> tuple[Taxonomy, list[Problem]] | None:
    try:
        version, kept_stamp, kept_raw, payload = marshal.loads(parsed_path(path).read_bytes())
        if (version, kept_stamp, kept_raw) != (_VERSION, stamp, raw):
            return None
        taxonomy, warnings = pickle.loads(payload)
    except Exception:  # missing, damaged, or from other code: parse the file instead
        return None
    if not isinstance(taxonomy, Taxonomy) or not isinstance(warnings, list):
        return None
    return taxonomy, warnings


def _keep(
    path: Path, stamp: tuple[str | int, ...], raw: bytes, result: tuple[Taxonomy, list[Problem]]
) -> None:
    """Best effort: a folder that cannot be written only means parsing next time."""
    target = parsed_path(path)
    try:
        data = marshal.dumps((_VERSION, stamp, raw, pickle.dumps(result)))
        target.parent.mkdir(exist_ok=True)
        atomic_write(target, data)
    except (OSError, ValueError, pickle.PicklingError):
        pass


def _code_stamp() -> tuple[str | int, ...] | None:
    """What changes when the parser or the classes it builds do: the app's version and
    the size and time of every module of this package and of ``safe_yaml`` (None:
    cannot tell, as in a bundle without source files; then nothing is cached)."""
    from reader import __version__

    stamp: list[str | int] = [__version__]
    try:
        folder = Path(__file__).parent
        modules = sorted(e.path for e in os.scandir(folder) if e.name.endswith(".py"))
        # safe_yaml by its path: importing it only to find its file cost ~0.5 ms a run.
        for name in (*modules, str(folder.parent / "safe_yaml.py")):
            st = os.stat(name)
            stamp += [st.st_mtime_ns, st.st_size]
    except OSError:
        return None
    return tuple(stamp)
