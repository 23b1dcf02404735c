"""The breathing pacer's timing: each pattern's phases and their lengths, against a fake clock."""

from __future__ import annotations

import pytest

from wellbeing_app.domain.aftershift.pacer import (
    BOX,
    MINUTES,
    SLOW,
    Pacer,
    Pattern,
    Step,
    pacer_state,
    rounds_for,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def phase_walk(pattern: Pattern, seconds: int) -> list[tuple[str, int]]:
    """(words, seconds left) at every whole second of a one-round session."""
    return [
        (s.words, s.seconds_left)
        for s in (pacer_state(pattern, 1, t + 0.5) for t in range(seconds))
    ]


def test_box_breathing_is_in_4_hold_4_out_4_hold_4() -> None:
    assert [(p.step, p.seconds) for p in BOX.phases] == [
        (Step.IN, 4),
        (Step.HOLD_FULL, 4),
        (Step.OUT, 4),
        (Step.HOLD_EMPTY, 4),
    ]
    walk = phase_walk(BOX, 16)
    assert walk[:4] == [("Breathe in", 4), ("Breathe in", 3), ("Breathe in", 2), ("Breathe in", 1)]
    assert [w for w, _ in walk[4:8]] == ["Hold"] * 4
    assert [w for w, _ in walk[8:12]] == ["Breathe out"] * 4
    assert [w for w, _ in walk[12:16]] == ["Hold"] * 4


def test_slower_breathing_is_in_4_out_6() -> None:
    walk = phase_walk(SLOW, 10)
    assert [w for w, _ in walk] == ["Breathe in"] * 4 + ["Breathe out"] * 6
    assert [n for _, n in walk[4:]] == [6, 5, 4, 3, 2, 1]


@pytest.mark.parametrize(
    ("pattern", "minutes", "rounds", "seconds"),
    [
        (BOX, 1, 4, 64),
        (BOX, 2, 8, 128),
        (BOX, 5, 19, 304),
        (SLOW, 1, 6, 60),
        (SLOW, 2, 12, 120),
        (SLOW, 5, 30, 300),
    ],
)
def test_a_session_is_the_whole_rounds_nearest_the_minutes_chosen(
    pattern: Pattern, minutes: int, rounds: int, seconds: int
) -> None:
    assert rounds_for(pattern, minutes) == rounds
    pacer = Pacer(pattern, minutes, FakeClock())
    assert pacer.total_seconds == seconds


def test_only_one_two_or_five_minutes() -> None:
    assert MINUTES == (1, 2, 5)
    with pytest.raises(ValueError):
        rounds_for(SLOW, 3)


def test_the_pacer_follows_its_clock_and_ends_on_a_breath_out() -> None:
    clock = FakeClock()
    pacer = Pacer(SLOW, 1, clock)
    first = pacer.state()
    assert (first.words, first.round, first.rounds, first.remaining) == ("Breathe in", 1, 6, 60)
    assert first.size == 0.0
    clock.now += 2
    assert pacer.state().size == pytest.approx(0.5)  # half-way through breathing in
    clock.now += 2 + 3
    halfway_out = pacer.state()
    assert halfway_out.words == "Breathe out" and halfway_out.size == pytest.approx(0.5)
    clock.now += 3 + 10 * 4 + 9.9
    last = pacer.state()
    assert (last.words, last.round, last.finished) == ("Breathe out", 6, False)
    clock.now += 0.2
    done = pacer.state()
    assert done.finished and done.words == "Finished" and done.remaining == 0


def test_holding_keeps_the_size_still() -> None:
    full = pacer_state(BOX, 1, 5.0)
    empty = pacer_state(BOX, 1, 13.0)
    assert (full.words, full.size) == ("Hold", 1.0)
    assert (empty.words, empty.size) == ("Hold", 0.0)
    assert full.phase.step is Step.HOLD_FULL and empty.phase.step is Step.HOLD_EMPTY


def test_the_countdown_never_shows_zero_while_running() -> None:
    for tenth in range(0, 640):
        state = pacer_state(BOX, 4, tenth / 10)
        assert 1 <= state.seconds_left <= 4
        assert 1 <= state.remaining <= 64
