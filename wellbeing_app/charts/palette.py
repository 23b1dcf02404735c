"""Chart colours: the Okabe–Ito colour-blind-safe palette, in a light and a dark theme.

No matplotlib here: a theme is only colours and sizes, so the UI can pick
one without loading the plotting library. Backgrounds and text match the
surface colours of ``wellbeing_app/ui/theme.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every
# common form of colour blindness.
OKABE_ITO: Final = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True, slots=True)
class ChartTheme:
    """Everything a chart builder needs to know about colour and type size.

    Series colours are chosen per theme for contrast against the background
    (at least 3:1 for lines). ``mood_scale`` colours the five mood steps of
    the year-in-pixels grid (a cividis ramp: light to dark differs by
    brightness, not by a red-green hue).
    """

    name: str
    background: str
    text: str
    muted: str
    grid: str
    empty_cell: str  # a grid cell with nothing in it (true picture); "no check-in" is a dot
    mood: str
    stress: str
    energy: str
    sleep: str
    quality: str
    exposure: str
    activity: str
    mood_scale: tuple[str, str, str, str, str]
    font_size: float = 10.5
    label_size: float = 11.0
    title_size: float = 12.5


LIGHT: Final = ChartTheme(
    name="light",
    background="#ffffff",
    text="#1c2a30",
    muted="#52636b",
    grid="#dde3e4",
    empty_cell="#e6eaeb",
    mood=OKABE_ITO["blue"],
    stress=OKABE_ITO["vermillion"],
    energy=OKABE_ITO["bluish_green"],
    sleep=OKABE_ITO["blue"],
    quality=OKABE_ITO["vermillion"],
    exposure=OKABE_ITO["reddish_purple"],
    activity=OKABE_ITO["blue"],
    mood_scale=("#00224e", "#3d4a6c", "#737475", "#aba072", "#ead34c"),
)

DARK: Final = ChartTheme(
    name="dark",
    background="#1d2b31",
    text="#e6edef",
    muted="#a3b3ba",
    grid="#33464e",
    empty_cell="#2c3d44",
    mood=OKABE_ITO["sky_blue"],
    stress=OKABE_ITO["orange"],
    energy=OKABE_ITO["bluish_green"],
    sleep=OKABE_ITO["sky_blue"],
    quality=OKABE_ITO["orange"],
    exposure=OKABE_ITO["reddish_purple"],
    activity=OKABE_ITO["sky_blue"],
    mood_scale=("#4f576c", "#777776", "#a19975", "#d0be62", "#fee838"),
)

THEMES: Final = (LIGHT, DARK)
