"""The lantern festival with its lanterns scaled to a chosen total: the same stream, the same camera,
the same kinds in the same proportions, only the counts differ (for the benchmark and the tests)."""

import yaml

from metaverse_seoul.paths import SCENES_DIR

SOURCE = SCENES_DIR / "lantern-festival.yaml"


def scaled_lanterns(total):
    """The festival's manifest data with about `total` lanterns (exactly `total`)."""
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    groups = data["lanterns"]["groups"]
    counted = [g for g in groups if "count" in g]
    placed = sum(len(g["at"]) for g in groups if "at" in g)
    scale = (total - placed) / sum(g["count"] for g in counted)
    for group in counted:
        group["count"] = max(1, round(group["count"] * scale))
    counted[0]["count"] += total - placed - sum(g["count"] for g in counted)
    data["id"] = f"lanterns-{total}"
    return data


def write_scaled(folder, total):
    """Write lanterns-<total>.yaml into `folder`; its paths are relative to the project's assets."""
    path = folder / f"lanterns-{total}.yaml"
    path.write_text(yaml.safe_dump(scaled_lanterns(total), allow_unicode=True), encoding="utf-8")
    return path
