#!/usr/bin/env bash
# Prepares a fresh Debian machine for Parloir: system packages (when root),
# a virtual environment in .venv, and the Python packages. Idempotent and
# quick when nothing changed. Used by scripts/demo and scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."

# What each system package is for is said in README.md ("Dependencies").
APT_PACKAGES=(
  python3-venv
  libportaudio2                                    # sounddevice
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libdbus-1-3  # Qt (offscreen and X11)
  fonts-dejavu-core fonts-noto-core                # fonts (Noto for the UI, DejaVu fallback)
  xvfb xauth matchbox-window-manager x11-apps imagemagick  # virtual screen and screenshots
  pulseaudio pulseaudio-utils libasound2-plugins   # virtual sound card
  chromium                                         # the relative's browser in tests
  postgresql                                       # production database, tested too
  iproute2 util-linux                              # loopback-only network namespace
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "==> Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "==> Missing system packages: ${missing[*]}" >&2
    echo "    Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment in .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.parloir-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> Installing Python packages (first time: a few minutes)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  echo "$want" > "$stamp"
fi
