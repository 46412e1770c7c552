"""Where a benchmark's figures go: printed, and kept as JSON under benchmarks/results/."""

import json
from pathlib import Path


def write_report(report, out, ascii_only=True):
    """Print `report` as indented JSON and write the same text to `out` (its folder made if needed);
    `ascii_only=False` keeps non-ASCII characters as they are instead of escaping them."""
    text = json.dumps(report, indent=2, ensure_ascii=ascii_only)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(text, flush=True)
