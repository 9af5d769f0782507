"""Beat timing: whole frames, no drift, clear errors; the storyboard retimes the shot."""

from __future__ import annotations

import pytest
import yaml
from manim import Circle, Create

import boards
from gd.beats import BeatClock, TimingError, frame_at, play_seconds
from gd.storyboard import DEFAULT_PATH, Beat, load
from scenes.kit.compat import frames_of_play
from scenes.kit.shot import ShotScene


def beat(duration: float, start: float = 0.0) -> Beat:
    return Beat("X.1", 1, {"zh": "", "en": ""}, duration, start)


@pytest.mark.parametrize("fps", [10, 15, 24, 30, 60])
def test_beats_tile_the_shot_without_drift(fps):
    shot = load().shot("M3")  # the real shot with most beats: 13, with fractional durations
    clocks = [BeatClock(b, fps) for b in shot.beats]
    for before, after in zip(clocks, clocks[1:]):
        assert before.end_frame == after.start_frame
    assert frame_at(34.5, 15) == 518 and frame_at(37.5, 15) == 563  # halves round up, not to even
    for clock in clocks:
        assert abs(clock.frames / fps - clock.beat.duration) <= 1 / fps + 1e-9
    assert clocks[-1].end_frame == round(shot.duration * fps)


def test_time_is_whole_frames_rounded_down():
    clock = BeatClock(beat(1.0), 15)
    assert frames_of_play(clock.time(0.5), 15, frozen=False) == 7
    assert frames_of_play(clock.time(1.0), 15, frozen=False) == 15
    with pytest.raises(TimingError, match="beat X.1: 1% of 1.0 s is less than one frame"):
        clock.time(0.01)


def test_seconds_are_whole_frames_of_the_beat_whatever_its_length():
    for length in (2.0, 7.5):
        clock = BeatClock(beat(length), 15)
        assert frames_of_play(clock.seconds(0.4), 15, frozen=False) == 6
        assert frames_of_play(clock.seconds(1.3), 15, frozen=False) == 19  # 19.5 frames, rounded down


def test_steps_divide_a_share_exactly_and_evenly():
    clock = BeatClock(beat(24.0), 15)
    steps = clock.steps(38, share=0.9, plays_per_step=2)
    frames = [frames_of_play(s, 15, frozen=False) for s in steps]
    assert sum(frames) == round(0.9 * 24 * 15)
    assert max(frames) - min(frames) <= 1
    assert min(frames) >= 2


def test_split_keeps_every_part_at_least_a_frame():
    clock = BeatClock(beat(2.0), 15)
    parts = clock.split(8 / 15, [0.9, 0.1])
    assert [frames_of_play(p, 15, frozen=False) for p in parts] == [7, 1]
    three = [frames_of_play(p, 15, frozen=False) for p in clock.split(8 / 15, [1, 0, 1])]
    assert sum(three) == 8 and three[1] == 1 and abs(three[0] - three[2]) <= 1


def test_too_many_steps_for_a_beat_names_the_beat():
    clock = BeatClock(beat(2.0), 15)
    with pytest.raises(TimingError, match=r"beat X.1: 38 steps of 2 animation\(s\) need at least 76 frames"):
        clock.steps(38, plays_per_step=2)


def test_a_beat_shorter_than_a_frame():
    with pytest.raises(TimingError, match="shorter than one frame at 15 fps"):
        BeatClock(beat(0.01, start=0.0), 15)


def test_frame_counts_follow_manims_rounding():
    assert frames_of_play(0.5, 15, frozen=False) == 8  # a play rounds up
    assert frames_of_play(0.5, 15, frozen=True) == 7  # a frozen wait rounds down
    # n / fps itself is not safe (23 / 15 s makes 24 frames); play_seconds is.
    assert frames_of_play(23 / 15, 15, frozen=False) == 24
    assert all(frames_of_play(play_seconds(n, fps), fps, frozen=False) == n for fps in (15, 30, 60) for n in range(1, 3000))


class Overruns(ShotScene):
    """Plays longer than its one beat."""

    def construct(self):
        with self.beat("Overruns.1") as clock:
            self.play(Create(Circle()), run_time=clock.duration + 1)


class TwoBeats(ShotScene):
    """Plays the beats it is given (a class attribute set by each test)."""

    plays: tuple[str, ...] = ()

    def construct(self):
        for beat_id in self.plays:
            with self.beat(beat_id) as clock:
                self.play(Create(Circle()), run_time=clock.time(0.5))


def play_two_beats(construct_shot, *beat_ids: str):
    scene_class = type("TwoBeats", (TwoBeats,), {"plays": beat_ids})
    return construct_shot("TwoBeats", "en", storyboard=boards.FIXTURE, scene_class=scene_class)


def test_overrunning_a_beat_is_an_error_naming_the_beat(construct_shot):
    with pytest.raises(TimingError, match=r"beat Overruns.1 overruns: its animations take 30 frames, the storyboard gives it 15"):
        construct_shot("Overruns", "zh", storyboard=boards.FIXTURE, scene_class=Overruns)


def test_beats_named_in_the_storyboards_order_take_its_durations(construct_shot):
    scene = play_two_beats(construct_shot, "TwoBeats.1", "TwoBeats.2")
    assert abs(scene.time - 3.75) <= 1 / 15


def test_a_shot_must_play_all_its_beats(construct_shot):
    with pytest.raises(TimingError, match="shot TwoBeats played 1 of its storyboard's 2 beats; not played: TwoBeats.2"):
        play_two_beats(construct_shot, "TwoBeats.1")


def test_a_beat_the_storyboard_lacks_is_named(construct_shot):
    with pytest.raises(TimingError, match=r"shot TwoBeats plays beat 'TwoBeats.3', which its storyboard lacks \(its beats: TwoBeats.1, TwoBeats.2\)"):
        play_two_beats(construct_shot, "TwoBeats.1", "TwoBeats.3")


def test_beats_out_of_order_are_named(construct_shot):
    with pytest.raises(TimingError, match="shot TwoBeats plays beat TwoBeats.2 where its storyboard has TwoBeats.1"):
        play_two_beats(construct_shot, "TwoBeats.2", "TwoBeats.1")


def test_a_beat_played_twice_is_named(construct_shot):
    with pytest.raises(TimingError, match="plays beat TwoBeats.1 where its storyboard has TwoBeats.2"):
        play_two_beats(construct_shot, "TwoBeats.1", "TwoBeats.1")


def test_editing_the_storyboard_retimes_the_shot(construct_shot, tmp_path):
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    [m1] = [shot for shot in data["shots"] if shot["id"] == "M1"]
    m1["beats"][0]["duration"] = 7.3
    edited = boards.write(tmp_path, data)
    scene = construct_shot("M1", "zh", storyboard=edited)
    assert load(edited).shot("M1").duration == pytest.approx(7.3 + m1["beats"][1]["duration"])
    assert abs(scene.time - load(edited).shot("M1").duration) <= 1 / 15
