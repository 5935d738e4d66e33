#!/usr/bin/env bash
# Install Research Reader's desktop integration for the current user (no root needed).
#
#   bash packaging/install-desktop.sh [BUNDLE_DIR]   # a PyInstaller bundle (default:
#                                                    # dist/research-reader if built)
#   bash packaging/install-desktop.sh --pipx         # research-reader already on PATH
#                                                    # (pipx install .), menu entry only
#   bash packaging/install-desktop.sh --uninstall
#
# A bundle is copied to ~/.local/lib/research-reader with a link in ~/.local/bin. The
# menu entry (.desktop), AppStream metainfo and the hicolor icons go under
# ${XDG_DATA_HOME:-~/.local/share}; the .desktop file's Exec= gets the absolute path of
# the executable, since a desktop session's PATH often lacks ~/.local/bin.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_id=io.github.research_reader.ResearchReader
data="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$HOME/.local/lib/research-reader"
bin="$HOME/.local/bin"

refresh() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
}

if [[ "${1:-}" == --uninstall ]]; then
  rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
  rm -f "$data"/icons/hicolor/*/apps/"$app_id".{png,svg}
  [[ -L "$bin/research-reader" ]] && [[ "$(readlink "$bin/research-reader")" == "$lib/"* ]] \
    && rm -f "$bin/research-reader"
  rm -rf "$lib"
  refresh
  echo "uninstalled Research Reader's desktop integration"
  exit 0
fi

icons=""
if [[ "${1:-}" == --pipx ]]; then
  exe="$(command -v research-reader)" || {
    echo "install-desktop.sh: research-reader is not on PATH (pipx install . first)" >&2; exit 1; }
  # Render the icons with the interpreter the installed app runs on (it has PySide6).
  python="$(head -1 "$exe" | sed -n 's/^#!//p')"
  icons="$(mktemp -d)"
  trap 'rm -rf "$icons"' EXIT
  "$python" "$root/packaging/make_icons.py" "$icons" >/dev/null
  icons="$icons/hicolor"
else
  bundle="$(cd "${1:-$root/dist/research-reader}" && pwd)" || {
    echo "install-desktop.sh: no bundle; run packaging/build-linux.sh first" >&2; exit 1; }
  [[ -x "$bundle/research-reader" && -d "$bundle/share" ]] || {
    echo "install-desktop.sh: $bundle is not a research-reader bundle" >&2; exit 1; }
  rm -rf "$lib"
  mkdir -p "$(dirname "$lib")" "$bin"
  cp -a "$bundle" "$lib"
  ln -sfn "$lib/research-reader" "$bin/research-reader"
  exe="$lib/research-reader"
  icons="$lib/share/icons/hicolor"
fi

install -d "$data/applications" "$data/metainfo" "$data/icons"
sed "s|^Exec=research-reader|Exec=$exe|" "$root/packaging/linux/$app_id.desktop" \
  > "$data/applications/$app_id.desktop"
install -m644 "$root/packaging/linux/$app_id.metainfo.xml" "$data/metainfo/"
cp -r "$icons" "$data/icons/"
refresh
echo "installed: $data/applications/$app_id.desktop (Exec=$exe)"
