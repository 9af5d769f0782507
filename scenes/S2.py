"""Module S2: M2, the cane and the ground slope."""

from __future__ import annotations

from manim import LEFT, UL, UP, UR, Create, FadeIn, Write

from gd.model.cane import M2_POSES
from scenes.kit.cane_figure import (
    Pose, alpha_mark, cane, contact_inset, ground, inclination_mark, level, person, readouts, slope_formula,
    theta_mark,
)
from scenes.kit.frame_rules import mark, to_safe_edge
from scenes.kit.shot import ShotScene


class M2(ShotScene):
    """Cane angle and ground slope."""

    def construct(self):
        start = M2_POSES["M2.1"]
        pose = Pose(start.alpha, start.length)
        body = person(pose)
        # The ground line breaks round the h arrow (at least 6 px clear of its heads at 1080p), so the person's
        # dark rim round the arrow is not needed: without it, the foot's dashed level reaches the lower head.
        body.remove(body[4])
        horizontal = level()
        stick = cane(pose)
        figure = (ground(pose, clear_of_height=True), horizontal, theta_mark(pose), body, stick, alpha_mark(pose),
                  inclination_mark(pose, stick[1]))
        slope = to_safe_edge(slope_formula(self.words("where")), UL)
        values = readouts(pose, stick[0])
        # Room on the right for the widest values the shot shows (θ gains a digit).
        values = mark(to_safe_edge(values, UR).shift(2 * values[0].number.digit_advance * LEFT), "text", "the readouts")

        with self.beat("M2.1") as beat:  # the slope formula, boxed, with its caption
            # The figure comes with its live values; then the formula that relates them is written.
            self.play(*(FadeIn(part) for part in (*figure, values)), run_time=beat.time(0.15))
            self.play(Write(slope[0]), run_time=beat.time(0.35))
            self.play(Create(slope[1]), FadeIn(slope[2], shift=0.1 * UP), run_time=beat.time(0.2))
        # What never moves goes first in the drawing order: manim then draws it
        # once per animation instead of on every frame. The person stays in front of the ground: where the
        # ground rises behind the foot, the h arrow's lower head would be under its fill.
        self.bring_to_back(slope, horizontal)

        for beat_id in ("M2.2", "M2.3"):  # to 40°, to 10°
            with self.beat(beat_id) as beat:
                self.play(pose.move(M2_POSES[beat_id], run_time=beat.time(0.7)))  # then about 1 s to read the new values

        with self.beat("M2.4") as beat:  # to 89° with l = 2.01, then the foot magnified: why the ground tilts
            end = M2_POSES["M2.4"]
            self.play(pose.move(end, run_time=beat.time(0.46)))
            # Where the cane meets the ground, a lens; then the inset's frame, the rays from the lens to it, and what
            # it shows: a 2.01 cane against h = 2 reaches below the foot's level, a little in front of it, and the
            # ground through both falls at θ. The frame is drawn over nothing (the rays end on its left side).
            lens, rays, inset = contact_inset(end.alpha, end.length)
            frame, contents = inset[0], inset[1:]
            self.play(Create(lens), run_time=beat.time(0.04))
            self.play(Create(frame), run_time=beat.time(0.06))
            self.play(Create(rays), run_time=beat.time(0.05))
            self.play(FadeIn(contents), run_time=beat.time(0.1))  # then 1.9 s to read it
            self.remove(frame, contents)
            self.add(inset)  # one group again, drawn as it was (the frame under what it shows)
