"""Plain-HTTP endpoints under /api/openimis_be_meeting/: calendar feeds, exports and imports."""
