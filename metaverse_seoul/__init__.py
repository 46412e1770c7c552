"""Metaverse Seoul: a desktop and VR client for Seoul's reconstructed places and city services."""

__version__ = "0.1.0"
