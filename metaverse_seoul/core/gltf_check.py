"""The gate before the engine, kept under its old name: see core/gltf/check.py."""

from .gltf.check import GltfSummary, check_gltf

__all__ = ["GltfSummary", "check_gltf"]
