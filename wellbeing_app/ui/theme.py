"""Light and dark themes: calm colours, readable type, and following the OS by default."""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from wellbeing_app.services.preferences import Theme


class Colours(NamedTuple):  # not a dataclass: made at start-up, a NamedTuple is 1 ms quicker
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    on_accent: str
    border: str
    chip: str
    chip_checked: str
    notice: str  # validation messages: noticeable, not alarming
    calm: str  # confirmations
    urgent_bg: str
    # Keyboard focus, the same on every control: a focused button turns yellow
    # with a dark edge (as on GOV.UK); other controls get a thick edge.
    focus: str
    on_focus: str
    focus_edge: str
    check_edge: str  # an empty check box's square, clearly visible on the surface
    icons: str  # resources/icons/<name>-<icons>.svg: ticks and arrows drawn for this theme


LIGHT = Colours(
    window="#f5f3ee",
    surface="#ffffff",
    text="#1c2a30",
    muted="#52636b",
    accent="#1f4e5f",
    on_accent="#ffffff",
    border="#c9cfd1",
    chip="#eef1f1",
    chip_checked="#cfe3e8",
    notice="#8a4a00",
    calm="#2d6a4f",
    urgent_bg="#fbeee0",
    focus="#ffdd00",
    on_focus="#0b0c0c",
    focus_edge="#0b0c0c",
    check_edge="#52636b",
    icons="light",
)
DARK = Colours(
    window="#162126",
    surface="#1d2b31",
    text="#e6edef",
    muted="#a3b3ba",
    accent="#8cc3d3",
    on_accent="#102026",
    border="#3a4d55",
    chip="#24363d",
    chip_checked="#2f5966",
    notice="#f2b56b",
    calm="#8fd0ac",
    urgent_bg="#3a2c1c",
    focus="#ffdd00",
    on_focus="#0b0c0c",
    focus_edge="#ffdd00",
    check_edge="#a3b3ba",
    icons="dark",
)


# Following the desktop into dark mode. The colour scheme the desktop reports
# (``QStyleHints.colorScheme``) decides; where it reports none, the desktop's
# own palette does. Reading the scheme makes PySide's ``Qt`` namespace, about 90
# enum types and 15 ms, so the first window goes by the palette alone: since
# Qt 6.5 the desktop's palette is itself dark in dark mode. Once the window is
# up, ``confirm_scheme`` reads the scheme and changes the colours in the rare
# case the two disagreed.
_DESKTOP_DARK: Final = "tookHomeDesktopDark"  # the desktop palette, read before ours replaced it
_SHOWN: Final = "tookHomeColours"  # the colours applied: "light" or "dark"


def desktop_palette_is_dark() -> bool:
    """Whether the desktop's own palette is dark (its window darker than its text)."""
    app = QGuiApplication.instance()
    known = app.property(_DESKTOP_DARK) if app is not None else None
    if isinstance(known, bool):
        return known
    palette = QGuiApplication.palette()  # the desktop's until ``apply_theme`` first runs
    dark = (
        palette.color(QPalette.ColorRole.Window).lightness()
        < palette.color(QPalette.ColorRole.WindowText).lightness()
    )
    if app is not None:
        app.setProperty(_DESKTOP_DARK, dark)
    return dark


def reported_dark() -> bool | None:
    """The desktop's colour scheme: True for dark, False for light, None if it reports none."""
    from PySide6.QtCore import Qt

    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return None
    return scheme == Qt.ColorScheme.Dark


def system_prefers_dark(*, palette_only: bool = False) -> bool:
    """Whether "follow the system" means dark now (``palette_only``: without asking
    for the colour scheme, as for the first window)."""
    reported = None if palette_only else reported_dark()
    return desktop_palette_is_dark() if reported is None else reported


def colours_for(choice: Theme, *, palette_only: bool = False) -> Colours:
    if choice is Theme.DARK or (
        choice is Theme.SYSTEM and system_prefers_dark(palette_only=palette_only)
    ):
        return DARK
    return LIGHT


def _palette(c: Colours) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.surface,
        QPalette.ColorRole.AlternateBase: c.chip,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.chip,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.on_accent,
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Link: c.accent,
        QPalette.ColorRole.Mid: c.border,
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.muted))
    return palette


def _icon_url(name: str) -> str:
    """A shipped icon as a style-sheet url, or "none" where it is not a plain file."""
    from pathlib import Path

    from wellbeing_app.resource_files import resource

    found = resource("icons", name)
    return f'url("{found}")' if isinstance(found, Path) and found.is_file() else "none"


def _stylesheet(c: Colours) -> str:
    tick, down, up = (_icon_url(f"{name}-{c.icons}.svg") for name in ("tick", "down", "up"))
    return f"""
    QWidget {{ font-size: 11pt; }}
    QLabel#title {{ font-size: 17pt; font-weight: 600; }}
    QLabel#heading {{ font-size: 13pt; font-weight: 600; }}
    QLabel#muted, QLabel#hint {{ color: {c.muted}; }}
    QLabel#hint {{ font-size: 10pt; }}
    QLabel#notice {{ color: {c.notice}; }}
    QLabel#calm {{ color: {c.calm}; font-weight: 600; }}
    QLabel#recoveryKey {{
        font-family: "DejaVu Sans Mono", monospace; font-size: 16pt; padding: 10px;
        background: {c.surface}; border: 1px solid {c.border}; border-radius: 6px;
    }}
    QLabel#demoBadge {{
        background: {c.urgent_bg}; color: {c.notice}; font-weight: 700;
        padding: 2px 8px; border-radius: 4px;
    }}
    QFrame#topBar {{ border-bottom: 1px solid {c.border}; }}
    QFrame#card {{
        background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px;
    }}
    QFrame#urgent {{
        background: {c.urgent_bg}; border-radius: 8px;
    }}
    QPushButton {{
        padding: 6px 14px; border: 1px solid {c.border}; border-radius: 6px;
        background: {c.chip};
    }}
    QPushButton#primary {{
        background: {c.accent}; color: {c.on_accent}; border: 1px solid {c.accent};
        font-weight: 600;
    }}
    QPushButton#primary:disabled {{ background: {c.border}; color: {c.muted}; }}
    QPushButton#helpButton {{ border: 1px solid {c.notice}; color: {c.notice}; }}
    QPushButton#link {{
        border: 1px solid transparent; background: transparent; color: {c.accent};
        text-decoration: underline; padding: 2px 6px;
    }}
    QPushButton:focus, QPushButton#primary:focus, QPushButton#helpButton:focus,
    QPushButton#link:focus, QPushButton#quiet:focus {{
        background: {c.focus}; color: {c.on_focus}; border: 2px solid {c.on_focus};
    }}
    QPushButton#chip {{ border-radius: 14px; padding: 4px 12px; }}
    QPushButton#chip:checked {{ background: {c.chip_checked}; border: 1px solid {c.accent}; }}
    QPushButton#chip:focus {{
        background: {c.chip}; color: {c.text}; border: 3px solid {c.focus_edge};
    }}
    QPushButton#chip:checked:focus {{ background: {c.chip_checked}; }}
    QPushButton#step {{ padding: 5px 6px; }}
    QPushButton#step:checked {{
        background: {c.accent}; color: {c.on_accent}; border: 1px solid {c.accent};
    }}
    QWidget#choice {{ border: 3px solid transparent; border-radius: 8px; }}
    QWidget#choice[hasFocus="true"] {{ border: 3px solid {c.focus_edge}; border-radius: 8px; }}
    QListWidget#nav {{
        border: 2px solid transparent; border-radius: 6px; background: transparent;
        font-size: 12pt;
    }}
    QListWidget#nav:focus {{ border: 2px solid {c.focus_edge}; }}
    QListWidget#nav::item {{ padding: 10px 14px; border-radius: 6px; }}
    QListWidget#nav::item:selected {{ background: {c.chip_checked}; color: {c.text}; }}
    QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox {{
        padding: 4px; border: 1px solid {c.border}; border-radius: 6px; background: {c.surface};
    }}
    /* A bordered drop-down or number field draws its own arrows: say how. */
    QComboBox {{
        padding: 4px 8px;
        selection-background-color: {c.chip_checked}; selection-color: {c.text};
    }}
    QComboBox::drop-down, QDateEdit::drop-down {{
        subcontrol-origin: padding; subcontrol-position: center right; width: 22px;
        border: none;
    }}
    QComboBox::down-arrow, QDateEdit::down-arrow {{ image: {down}; width: 12px; height: 12px; }}
    QAbstractSpinBox {{ padding-right: 22px; }}
    QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
        subcontrol-origin: border; width: 20px; border: none; background: transparent;
    }}
    QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
    QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
    QAbstractSpinBox::up-arrow {{ image: {up}; width: 10px; height: 10px; }}
    QAbstractSpinBox::down-arrow {{ image: {down}; width: 10px; height: 10px; }}
    QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off,
    QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {{ image: none; }}
    QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QAbstractSpinBox:focus,
    QAbstractItemView:focus, QTextBrowser:focus {{
        border: 2px solid {c.focus_edge};
    }}
    QCheckBox, QRadioButton {{
        border: 2px solid transparent; border-radius: 4px; padding: 2px 4px;
    }}
    QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {c.focus_edge}; }}
    QCheckBox::indicator {{
        width: 16px; height: 16px; border: 2px solid {c.check_edge}; border-radius: 3px;
        background: {c.surface};
    }}
    QCheckBox::indicator:checked {{
        background: {c.accent}; border: 2px solid {c.accent}; image: {tick};
    }}
    QCheckBox::indicator:disabled {{ border: 2px solid {c.border}; }}
    QRadioButton::indicator {{
        width: 16px; height: 16px; border: 2px solid {c.check_edge}; border-radius: 10px;
        background: {c.surface};
    }}
    QRadioButton::indicator:checked {{
        background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
            stop: 0 {c.accent}, stop: 0.45 {c.accent}, stop: 0.55 {c.surface},
            stop: 1 {c.surface});
        border: 2px solid {c.accent};
    }}
    QRadioButton::indicator:disabled {{ border: 2px solid {c.border}; }}
    """


FUSION: Final = "Fusion"
_STYLED: Final = "tookHomeFusion"  # a dynamic property on the application


def style_is_set(app: QApplication) -> None:
    """Record that ``app`` was made with ``-style Fusion`` (see ``make_application``)."""
    app.setProperty(_STYLED, True)


def apply_theme(app: QApplication, choice: Theme, *, first_window: bool = False) -> Colours:
    """Style the whole app for ``choice`` and return the colours used.

    ``first_window``: "follow the system" goes by the desktop's palette alone
    (see ``desktop_palette_is_dark``); ``confirm_scheme`` checks it afterwards.
    """
    desktop_palette_is_dark()  # read once, before our palette replaces the desktop's
    colours = colours_for(choice, palette_only=first_window)
    app.setProperty(_SHOWN, colours.icons)
    if not app.property(_STYLED):
        app.setStyle(FUSION)
        style_is_set(app)
    app.setPalette(_palette(colours))
    app.setStyleSheet(_stylesheet(colours))
    font = QFont(app.font())
    font.setPointSize(11)
    app.setFont(font)
    return colours


def confirm_scheme(app: QApplication, choice: Theme) -> Colours | None:
    """Once the first window is up: if "follow the system" chose from the palette
    and the reported colour scheme disagrees, change to the right colours (and
    return them); otherwise nothing changes and None is returned."""
    if choice is not Theme.SYSTEM:
        return None
    right = colours_for(Theme.SYSTEM)
    if app.property(_SHOWN) == right.icons:
        return None
    return apply_theme(app, Theme.SYSTEM)
