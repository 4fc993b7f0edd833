"""Document layout parameters an instance can change through the module configuration (DEFAULT_CFG keys
documents_badge_layout and documents_role_colours), with the defaults they fall back to."""

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ..apps import MeetingConfig

BADGE_DEFAULTS = {"width_mm": 90, "height_mm": 60, "columns": 2, "rows": 4, "cut_mark_mm": 5}
ROLE_COLOURS = {
    "ATTENDEE": "#1f6feb",
    "SPEAKER": "#d1242f",
    "SHOWCASE_PRESENTER": "#8250df",
    "ORGANISER": "#1a7f37",
    "DONOR_REPRESENTATIVE": "#bf8700",
    "KNOWLEDGE_HUB_REPRESENTATIVE": "#0a7ea4",
    "OBSERVER": "#57606a",
    "PRESS": "#cf222e",
}


@dataclass(frozen=True)
class BadgeLayout:
    width: float  # points
    height: float
    columns: int
    rows: int
    cut_mark: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def margins(self) -> tuple[float, float]:
        """Left and bottom margins that centre the grid of badges on an A4 sheet."""
        return (A4[0] - self.columns * self.width) / 2, (A4[1] - self.rows * self.height) / 2


def badge_layout() -> BadgeLayout:
    """The instance's badge size and grid; a grid that does not fit on A4 falls back to as many as fit."""
    values = {**BADGE_DEFAULTS, **(MeetingConfig.config.get("documents_badge_layout") or {})}
    width, height = float(values["width_mm"]) * mm, float(values["height_mm"]) * mm
    columns = max(1, min(int(values["columns"]), int(A4[0] // width)))
    rows = max(1, min(int(values["rows"]), int(A4[1] // height)))
    return BadgeLayout(width, height, columns, rows, float(values["cut_mark_mm"]) * mm)


def role_colour(role: str) -> str:
    colours = {**ROLE_COLOURS, **(MeetingConfig.config.get("documents_role_colours") or {})}
    return colours.get(role, "#57606a")
