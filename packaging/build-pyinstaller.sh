#!/usr/bin/env bash
# Build the one-folder app with PyInstaller: dist/took-home/took-home.
# It makes its own venv (.venv-build), so nothing from your own Python or home
# goes into the build. Usage: packaging/build-pyinstaller.sh
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv-build
.venv-build/bin/python -m pip install --quiet --disable-pip-version-check . "pyinstaller>=6.10,<7"
rm -rf build/pyinstaller dist/took-home
.venv-build/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/took-home.spec
echo "built dist/took-home ($(du -sh dist/took-home | cut -f1)); run dist/took-home/took-home"
