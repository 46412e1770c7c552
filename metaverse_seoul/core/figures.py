"""Summaries of measured figures (frame times), shared by the app's --stats and the headset session."""


def percentile(values, fraction):
    """The value below which `fraction` of `values` lie (nearest rank); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
