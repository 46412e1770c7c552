"""Pydantic models: the API contract as documented in /openapi.json."""
