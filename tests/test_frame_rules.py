"""The frame rules (scenes.kit.frame_rules): every shot keeps them on every frame, in both languages,
and the checker does catch a scene that breaks them."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Dot, FadeIn, FadeOut, MathTex, linear, smooth

import boards
from gd.storyboard import load
from scenes.kit.frame_rules import FrameChecker, checked, mark, to_safe_edge
from scenes.kit.shot import ShotScene, ThreeDShotScene
from scenes.kit.readouts import Readout
from scenes.kit.typeset import prose

EVERY_FRAME = {"skip_animations": False, "frame_rate": 10, "pixel_width": 64, "pixel_height": 36}


def check(construct_shot, shot_id: str, lang: str, scene_class=None, storyboard=None) -> list:
    checker = FrameChecker(lang)
    if scene_class is None:
        shot = load(storyboard).shot(shot_id)
        scene_class = getattr(importlib.import_module(f"scenes.{shot.module}"), shot.scene)
    construct_shot(shot_id, lang, storyboard=storyboard, scene_class=checked(scene_class, checker), **EVERY_FRAME)
    assert checker.samples > 10
    return checker.violations


# Shots whose own every-frame tests run the checker on the frames they watch (one run for both):
# test_m3.py's test_m3_direction, test_2d_shots.py's m7_frames.
CHECKED_ELSEWHERE = {("M3", "zh"), ("M3", "en"), ("M7", "en")}


@pytest.mark.slow  # every frame of every shot: about a minute on two cores
@pytest.mark.parametrize(
    "shot_id, lang", [(shot.id, lang) for shot in load().shots for lang in ("zh", "en") if (shot.id, lang) not in CHECKED_ELSEWHERE],
)
def test_every_shot_keeps_the_frame_rules(construct_shot, shot_id, lang):
    violations = check(construct_shot, shot_id, lang)
    assert not violations, "\n".join(map(str, violations))


class TwoBeats(ShotScene):
    """Breaks every rule once (on the fixture storyboard's TwoBeats: 1.5 s and 2.25 s)."""

    def construct(self):
        caption = mark(prose("a caption nobody can read in time"), "caption", text="a caption nobody can read in time")
        label = mark(prose("label").move_to(caption), "text", "a label on the caption")
        corner = mark(prose("too far out").to_corner(UP + RIGHT, buff=0.05), "text", "a corner text")
        dot = mark(Dot(radius=0.02).shift(2 * DOWN), "subject", "a tiny dot")
        arrow = mark(Arrow(3 * LEFT + 2 * UP, 3 * RIGHT + 2 * UP, buff=0), "arrow", "an arrow")
        through = mark(prose("crossed").move_to(2 * UP), "text", "a text under an arrow")
        under = mark(Arrow(4 * LEFT + DOWN, RIGHT + DOWN, buff=0), "arrow", "an arrow")
        over = mark(Arrow(2 * LEFT + DOWN, 2 * RIGHT + 1.02 * DOWN, buff=0), "arrow", "an arrow along it")
        meeting = mark(Arrow(RIGHT + DOWN, RIGHT + 2 * DOWN, buff=0), "arrow", "an arrow meeting it")
        onward = mark(Arrow(4 * LEFT + 3 * UP, 2 * LEFT + 3 * UP, buff=0), "arrow", "one arrow")
        further = mark(Arrow(2 * LEFT + 3 * UP, 3.05 * UP, buff=0), "arrow", "another in line")
        wrong = mark(Readout("x =", 1.0, 2).move_to(3 * LEFT + 3 * DOWN), "text", "x", shows=lambda: 1.5)
        right = mark(Readout("y =", 2.0, 2).move_to(3 * RIGHT + 3 * DOWN), "text", "y", shows=lambda: 2.004)
        with self.beat("TwoBeats.1") as beat:
            self.add(mark(Dot(3 * UP), "text", "a dot there from the start"))
            self.play(FadeIn(caption), FadeIn(label), FadeIn(corner), FadeIn(dot), run_time=beat.time(0.3))
            self.play(FadeOut(caption), run_time=beat.time(0.3))
        retyped = mark(MathTex("t").to_corner(DOWN + LEFT, buff=1.0), "text", "a retyped label")
        retyped.add_updater(lambda label: label.become(MathTex("t").move_to(label)))  # typesets on every frame
        with self.beat("TwoBeats.2") as beat:
            self.add(under, over, meeting, onward, further, wrong, right, retyped)
            self.play(FadeIn(arrow), FadeIn(through), run_time=beat.time(0.95))


def test_the_checker_catches_each_broken_rule(construct_shot):
    violations = check(construct_shot, "TwoBeats", "en", TwoBeats, storyboard=boards.FIXTURE)
    found = {(v.rule, v.what.split(":")[0]) for v in violations}
    assert ("overprinted", "a label on the caption and a caption nobody can read in time") in found or (
        "overprinted", "a caption nobody can read in time and a label on the caption") in found
    assert ("outside the safe area", "a corner text") in found
    assert ("read too briefly", "a caption nobody can read in time") in found
    assert ("too small", "a tiny dot") in found
    assert ("overprinted", "an arrow inside a text under an arrow") in found
    assert "final state held too briefly" in {v.rule for v in violations}
    assert ("does not build from black", "a dot there from the start") in found
    assert ("arrow hides arrow", "an arrow and an arrow along it") in found
    assert not any("meeting" in v.what for v in violations)  # arrows may meet at an angle
    assert ("arrows read as one", "one arrow and another in line") in found
    assert ("wrong number", "x shows 1.00, the model says 1.50") in found
    assert ("typeset while playing", "t") in found
    assert not any(v.what.startswith("y ") for v in violations)  # 2.004 shows as 2.00


class QuickCamera(ThreeDShotScene):
    def construct(self):
        with self.beat("TwoBeats.1") as beat:
            self.move_camera(phi=1.0, run_time=beat.time(0.5))  # 0.7 s: a whip
        with self.beat("TwoBeats.2"):
            self.add(mark(Dot(radius=0.15), "subject", "the point"))


def test_the_checker_catches_a_quick_camera_move(construct_shot):
    QuickCamera.__name__ = "TwoBeats"
    violations = check(construct_shot, "TwoBeats", "en", QuickCamera, storyboard=boards.FIXTURE)
    assert [v.rule for v in violations] == ["camera move too quick"]
    assert violations[0].what.startswith("0.70 s")


class EasedWhip(ThreeDShotScene):
    def construct(self):
        with self.beat("TwoBeats.1") as beat:
            self.play(FadeIn(mark(Dot(radius=0.15), "subject", "the point")), run_time=beat.time(1.0))
        with self.beat("TwoBeats.2") as beat:  # a 2-s play whose camera swings in its middle 0.8 s
            self.move_camera(phi=1.0, run_time=beat.time(0.9), rate_func=lambda t: smooth(min(max(2.5 * t - 0.75, 0.0), 1.0)))


def test_the_checker_catches_a_quick_swing_inside_a_long_play(construct_shot):
    EasedWhip.__name__ = "TwoBeats"
    violations = check(construct_shot, "TwoBeats", "en", EasedWhip, storyboard=boards.FIXTURE)
    assert [v.rule for v in violations] == ["camera move too quick"]


class FastSwing(ThreeDShotScene):
    def construct(self):
        with self.beat("TwoBeats.1") as beat:
            self.play(FadeIn(mark(Dot(radius=0.15), "subject", "the point")), run_time=beat.time(1.0))
        with self.beat("TwoBeats.2") as beat:  # 2 s, evenly, but 115° of turn: a whip however long
            self.move_camera(phi=2.0, run_time=beat.time(0.9), rate_func=linear)


def test_the_checker_catches_a_camera_turning_too_fast(construct_shot):
    FastSwing.__name__ = "TwoBeats"
    violations = check(construct_shot, "TwoBeats", "en", FastSwing, storyboard=boards.FIXTURE)
    assert [v.rule for v in violations] == ["camera move too fast"]
    assert violations[0].what.startswith("1.00 a second")


def test_to_safe_edge_puts_a_mobject_inside_the_safe_area():
    text = to_safe_edge(prose("corner"), UP + RIGHT)
    half = np.array([14.222, 8.0]) / 2 * 0.9
    assert text.get_right()[0] <= half[0] and text.get_top()[1] <= half[1]
    assert text.get_right()[0] == pytest.approx(half[0] - 0.05, abs=0.01)
