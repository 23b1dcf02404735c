"""Chart colours: Okabe-Ito series colours with enough contrast in both themes."""

from __future__ import annotations

from wellbeing_app.charts import (
    OKABE_ITO,
    THEMES,
)


def test_themes_use_okabe_ito_series_colours_with_enough_contrast() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    palette = set(OKABE_ITO.values())
    for theme in THEMES:
        series = (theme.mood, theme.stress, theme.energy, theme.sleep, theme.quality)
        assert set(series) <= palette
        assert len({theme.mood, theme.stress, theme.energy}) == 3
        assert theme.sleep != theme.quality
        for colour in (*series, theme.exposure, theme.activity):
            assert contrast(colour, theme.background) >= 3.0, (theme.name, colour)
        assert contrast(theme.text, theme.background) >= 7.0
        assert theme.font_size >= 10
