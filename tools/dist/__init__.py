"""Building the packaged app (build_apps.py): pinned requirements, licences, checks, the build cache."""
