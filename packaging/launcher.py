"""PyInstaller entry point: the same ``main`` as the ``research-reader`` console script.

It imports the installed ``reader`` package (PyInstaller follows the import), so the
bundle is built from what ``pip install .`` put into the build venv, not from the
checkout's source tree.
"""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
