"""Packaging: the desktop file and AppStream metainfo validate, and the PyInstaller bundle
built by ``packaging/build-linux.sh`` runs without the checkout (issue 8)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader import __version__

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "io.github.research_reader.ResearchReader"
DESKTOP = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
BUNDLE_LIMIT_MB = 200  # measured 138 MB (PySide6-Essentials 6.11.3, Python 3.11)

pytestmark = pytest.mark.slow


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package {package})")
    return path


# -- desktop integration files ---------------------------------------------------------


def test_desktop_file_validates() -> None:
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "error" not in output and "warning" not in output, output


def test_metainfo_validates() -> None:
    tool = _tool("appstreamcli", "appstream")
    # --no-net: the homepage and screenshot URLs are checked by people, not by CI.
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ids_agree_across_files() -> None:
    """One application id everywhere: file names, metainfo, the .desktop Icon= and the
    id the app gives Qt (QApplication.setDesktopFileName, which Wayland uses)."""
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == DESKTOP.name
    assert meta.find("developer") is None and meta.findtext("developer_name")
    assert meta.find("releases/release").get("version") == __version__
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert meta.findtext("provides/binary") in scripts
    shot = meta.findtext("screenshots/screenshot/image")
    assert shot is not None and shot.endswith("/docs/screenshots/main-window.png")

    entry = dict(
        line.split("=", 1)
        for line in DESKTOP.read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] in scripts

    app_source = (ROOT / "reader" / "ui" / "app.py").read_text(encoding="utf-8")
    assert re.search(rf'setDesktopFileName\(\s*"{re.escape(APP_ID)}"\s*\)', app_source)


def test_icons_render_at_every_size(qapp: object, tmp_path: Path) -> None:
    # qapp first: make_icons would otherwise create a QGuiApplication, and every later
    # widget test needs a QApplication.
    path = ROOT / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    assert spec is not None and spec.loader is not None
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    from PySide6.QtGui import QImage

    written = make_icons.make_icons(tmp_path)
    for size in make_icons.SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
    assert (tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg") in written


# -- the PyInstaller bundle ------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build dist/research-reader/ into a temporary folder with packaging/build-linux.sh."""
    if not sys.platform.startswith("linux"):
        pytest.skip("packaging/build-linux.sh builds the Linux bundle")
    _tool("objdump", "binutils")
    work = tmp_path_factory.mktemp("bundle")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(
        PYTHON=sys.executable, RR_BUILD_DIR=str(work / "build"), RR_DIST_DIR=str(work / "dist")
    )
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build-linux.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode == 3:
        pytest.skip(
            "cannot install PyInstaller or the app into the build venv (no PyPI "
            f"access?): {result.stderr.strip()[-500:]}"
        )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    print(result.stdout.strip().splitlines()[-2:])
    # The build venv is large and no longer needed.
    shutil.rmtree(work / "build", ignore_errors=True)
    return work / "dist" / "research-reader"


def _run(exe: Path, *args: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the bundle as a user would: fresh HOME, no PYTHONPATH, away from the checkout."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [str(exe), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_bundle_layout(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "reader" / "resources" / "icons" / "research-reader.svg").is_file()
    assert len(list((internal / "reader" / "seeds").iterdir())) == 5
    qt = internal / "PySide6" / "Qt"
    assert not (qt / "translations").exists()
    libs = {p.name.split(".so")[0] for p in (qt / "lib").iterdir()}
    assert {"libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6Svg"} <= libs
    assert not libs & {"libQt6Qml", "libQt6Quick", "libQt6Network", "libQt6Pdf"}, libs
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < BUNDLE_LIMIT_MB * 1e6, f"bundle grew to {size / 1e6:.0f} MB"
    for name in ("applications", "metainfo"):
        assert any((bundle / "share" / name).iterdir())
    assert (bundle / "share/icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()


def test_bundle_runs_without_the_checkout(bundle: Path, tmp_path: Path) -> None:
    exe = bundle / "research-reader"
    home, cwd = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    cwd.mkdir()

    version = _run(exe, "--version", home=home, cwd=cwd)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"research-reader {__version__}"

    listing = _run(exe, "list", "--json", home=home, cwd=cwd)
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)) == 5  # the sample library, seeded on first run

    # HTML import needs trafilatura's, jusText's and tld's data files in the bundle.
    page = cwd / "page.html"
    shutil.copyfile(ROOT / "tests" / "data" / "html" / "newspaper_article.html", page)
    imported = _run(exe, "--library", str(cwd / "lib"), "import", str(page), home=home, cwd=cwd)
    assert imported.returncode == 0, imported.stderr
    assert "1 imported" in imported.stdout, imported.stdout + imported.stderr

    # PDF import needs pdfium's shared library (inside pypdfium2_raw) in the bundle.
    from tests.pdf_fixtures import make_report

    report = cwd / "report.pdf"
    make_report(report, pages=2)
    imported = _run(exe, "--library", str(cwd / "lib"), "import", str(report), home=home, cwd=cwd)
    assert "1 imported" in imported.stdout, imported.stdout + imported.stderr

    shot = cwd / "out.png"
    screenshot = _run(exe, "--screenshot", str(shot), home=home, cwd=cwd)
    assert screenshot.returncode == 0, screenshot.stderr
    assert shot.is_file()
    _assert_not_blank(shot)


def _assert_not_blank(png: Path) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())
    colours = {data[i : i + 4] for i in range(0, len(data), 4)}
    # A blank or unstyled window has a handful of colours; text, icons and antialiasing
    # give the real one thousands.
    assert len(colours) > 500, f"only {len(colours)} distinct colours in {png}"
