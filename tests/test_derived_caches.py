"""What a new process reuses instead of reading again: themes.yaml as parsed, which
articles carry each theme (see also test_themes_ops). Derived data: a stale, damaged
or foreign cache must never change an answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core.library import Library
from reader.core.themes.file import load_taxonomy
from reader.core.themes.file_cache import load_taxonomy_cached, parsed_path

THEMES = """\
version: 1
themes:
  - id: china
    name: China
    color: "#aa0000"
  - id: taiwan
    name: Taiwan
    color: "#00aa00"
    parent: china
"""


def test_a_parsed_taxonomy_is_reused_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(THEMES, encoding="utf-8")
    first = load_taxonomy_cached(path)
    assert first == load_taxonomy(path)
    assert parsed_path(path).exists()
    # A new process answers from the cache, without importing PyYAML.
    code = (
        "import sys; from pathlib import Path\n"
        "from reader.core.themes.file_cache import load_taxonomy_cached\n"
        f"taxonomy, _ = load_taxonomy_cached(Path({str(path)!r}))\n"
        "print([t.id for t in taxonomy.themes], 'yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['china', 'taiwan'] False"

    path.write_text(THEMES.replace("Taiwan", "Formosa"), encoding="utf-8")
    assert [t.name for t in load_taxonomy_cached(path)[0].themes] == ["China", "Formosa"]


def test_a_damaged_cache_or_a_broken_file_is_parsed_for_real(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(THEMES, encoding="utf-8")
    load_taxonomy_cached(path)
    parsed_path(path).write_bytes(b"\x00garbage")
    assert load_taxonomy_cached(path) == load_taxonomy(path)

    library = Library.open(tmp_path)
    assert [t.id for t in library.taxonomy.themes] == ["china", "taiwan"]
    path.write_text(THEMES + "  - id: [broken\n", encoding="utf-8")
    library.close()
    again = Library.open(tmp_path)
    assert [t.id for t in again.taxonomy.themes] == ["china", "taiwan"]  # the last good
    assert again.taxonomy_problems  # found by a real parse, never answered from a cache
    again.close()
