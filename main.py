"""Metaverse Seoul: `python main.py --help` lists the options (see README.md)."""

import sys

from metaverse_seoul.cli import main

if __name__ == "__main__":
    sys.exit(main())
