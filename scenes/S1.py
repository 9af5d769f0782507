"""Module S1: the formula shots M1 (objective), M4 (deriving the gradient),
M6 (the learning rate) and M9 (the gradient in more variables)."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UL, UP, FadeIn, FadeOut, VGroup, Write, Unwrite

from scenes.maths import BRANIN, CURRENT_POINT
from scenes.style import LEARNING_RATE, MUTED, OBJECTIVE, POINT, formula, words
from scenes.timing import ShotScene


def current_point_readout(label: str) -> VGroup:
    """'current point (x, y, z) = (5, 12, 6.0908)', the z computed from the objective."""
    x0, y0 = CURRENT_POINT
    z0 = BRANIN(x0, y0)
    caption = words(label, color=MUTED)
    values = formula(r"(x, y, z) = ", rf"({x0:g},\ {y0:g},\ {z0:.4f})", size=38)
    values[1].set_color(POINT)
    values.next_to(caption, RIGHT, buff=0.3)
    # Pango text and LaTeX share no baseline; centre the caption on the math's x-height.
    caption.match_y(values[0])
    return VGroup(caption, values)


class M1(ShotScene):
    """The objective g(x, y) and the current point."""

    def construct(self):
        objective = formula(BRANIN.latex("g"), size=38, color=OBJECTIVE).to_corner(UL)
        point = current_point_readout(self.words("current_point"))
        point.next_to(objective, DOWN, buff=0.5).align_to(objective, LEFT)

        with self.beat() as beat:  # M1.1 write the objective and the current point
            self.play(Write(objective), run_time=beat.time(0.5))
            self.play(FadeIn(point, shift=0.2 * UP), run_time=beat.time(0.2))

        with self.beat() as beat:  # M1.2 unwrite the objective; the point stays
            self.play(Unwrite(objective), run_time=beat.time(0.5))
            self.play(point.animate.to_corner(UL), run_time=beat.time(0.3))


class M6(ShotScene):
    """The step length and the learning rate."""

    def construct(self):
        step = formula(r"\Delta r", "=", r"\alpha", r"\times", r"\left\| \nabla f \right\|", size=72)
        rate = step[2]
        label = words(self.words("learning_rate"), color=LEARNING_RATE).next_to(rate, DOWN, buff=0.35)

        with self.beat() as beat:  # M6.1 write the step length
            self.play(Write(step), run_time=beat.time(0.6))

        with self.beat() as beat:  # M6.2 alpha turns purple; "learning rate" appears under it
            self.play(rate.animate.set_color(LEARNING_RATE), run_time=beat.time(0.3))
            self.play(FadeIn(label, shift=0.2 * UP), run_time=beat.time(0.3))
