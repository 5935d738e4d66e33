#!/usr/bin/env bash
# Build the one-folder Linux bundle dist/research-reader/ (executable
# dist/research-reader/research-reader) with PyInstaller, in an isolated build venv.
#
#   bash packaging/build-linux.sh
#
# Needs python3 (>= 3.11) with venv, and binutils (objdump), which PyInstaller uses to
# find shared libraries: sudo apt-get install python3-venv binutils
#
# Exit status: 0 built, 1 build failed, 3 the build tools could not be installed.
#
# Environment (all optional):
#   PYTHON           interpreter for the build venv (default: python3)
#   RR_BUILD_DIR     build venv and PyInstaller work folder (default: build/)
#   RR_DIST_DIR      where research-reader/ is written (default: dist/)
#   RR_PYINSTALLER   pip requirement for PyInstaller (default: pyinstaller>=6.0,<7)
#   RR_FRESH_VENV=1  recreate the build venv even if it exists
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
build_dir="$(mkdir -p "${RR_BUILD_DIR:-$root/build}" && cd "${RR_BUILD_DIR:-$root/build}" && pwd)"
dist_dir="$(mkdir -p "${RR_DIST_DIR:-$root/dist}" && cd "${RR_DIST_DIR:-$root/dist}" && pwd)"
venv="$build_dir/venv"
started=$SECONDS

command -v objdump >/dev/null || {
  echo "build-linux.sh: PyInstaller needs objdump: sudo apt-get install binutils" >&2; exit 1; }

if [[ "${RR_FRESH_VENV:-0}" == 1 ]]; then rm -rf "$venv"; fi
# Exit status 3: the build tools could not be set up (no venv support, no PyPI access).
if [[ ! -x "$venv/bin/python" ]]; then
  echo "==> creating the build venv $venv"
  "$python" -m venv "$venv" || {
    echo "build-linux.sh: cannot create a venv (sudo apt-get install python3-venv)" >&2; exit 3; }
fi
# Keep PYTHONPATH and a user site from leaking the checkout (or anything else) in.
unset PYTHONPATH
export PYTHONNOUSERSITE=1 PIP_DISABLE_PIP_VERSION_CHECK=1

echo "==> installing PyInstaller and research-reader (non-editable) into the build venv"
"$venv/bin/python" -m pip install -q "${RR_PYINSTALLER:-pyinstaller>=6.0,<7}" || {
  echo "build-linux.sh: cannot install PyInstaller from PyPI" >&2; exit 3; }
"$venv/bin/python" -m pip install -q "$root" || {
  echo "build-linux.sh: cannot install research-reader and its dependencies" >&2; exit 3; }
# --force-reinstall --no-deps: always the checkout's current code, even in a reused venv.
"$venv/bin/python" -m pip install -q --force-reinstall --no-deps "$root"

echo "==> rendering the icons from resources/icons/research-reader.svg"
rm -rf "$build_dir/icons"
"$venv/bin/python" "$root/packaging/make_icons.py" "$build_dir/icons" >/dev/null

echo "==> running PyInstaller"
pyi_started=$SECONDS
rm -rf "$dist_dir/research-reader"
# Run from the build folder so the checkout is not on the path: PyInstaller analyses the
# installed package, as a user's machine would run it.
(cd "$build_dir" && "$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist_dir" --workpath "$build_dir/pyinstaller" \
    "$root/packaging/research-reader.spec")
pyi_seconds=$((SECONDS - pyi_started))

exe="$dist_dir/research-reader/research-reader"
[[ -x "$exe" ]] || { echo "build-linux.sh: $exe was not produced" >&2; exit 1; }

# Desktop integration travels with the bundle (share/, as under a prefix), for
# packaging/install-desktop.sh or a distribution package to install.
app_id=io.github.research_reader.ResearchReader
share="$dist_dir/research-reader/share"
install -Dm644 "$root/packaging/linux/$app_id.desktop" "$share/applications/$app_id.desktop"
install -Dm644 "$root/packaging/linux/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
mkdir -p "$share/icons" && cp -r "$build_dir/icons/hicolor" "$share/icons/"
echo "==> built $exe"
echo "    bundle size: $(du -sh "$dist_dir/research-reader" | cut -f1)" \
     "($(du -sb "$dist_dir/research-reader" | cut -f1) bytes)"
echo "    PyInstaller: ${pyi_seconds} s; total: $((SECONDS - started)) s"
