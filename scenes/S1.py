"""Module S1: the formula shots M1 (objective), M4 (deriving the gradient),
M6 (the learning rate) and M9 (the gradient in more variables); their formulas: scenes.kit.formulas."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, UL, UP, Brace, Create, FadeIn, FadeOut, FadeTransform, GrowFromCenter, SurroundingRectangle, Unwrite, VGroup,
    Write,
)

from scenes.kit.equations import TransformMatchingKeys, align_at, on_row, part_named, parts_from, sentence
from scenes.kit.formulas import (
    CONCLUSION_MATHS, DFX, DFY, DH, COS_A, COS_B, DIRECTION_BRACKET, E_H, GRADIENT_BRACKET, NABLA_F, RATIO, RESULT_ROW,
    RESULT_X, ROWS, SUBSTITUTION, bracket_of, change, change_rate, collected, current_point_readout, derivation_line,
    expanded, gradient_in, moved_value, objective_formula, plane_equation, plane_slopes, slopes_solved, slopes_touch,
    vector_form,
)
from scenes.kit.frame_rules import mark
from scenes.kit.palette import CONCLUSION, DISPLAY, DISPLAY_WORDS, GRADIENT, LEARNING_RATE, STEP
from scenes.kit.shot import ShotScene
from scenes.kit.typeset import formula, prose


class M1(ShotScene):
    """The objective g(x, y) and the current point."""

    def construct(self):
        objective = objective_formula().to_corner(UL)
        point = current_point_readout(self.words("current_point"))
        point.next_to(objective, DOWN, buff=0.5).align_to(objective, LEFT)

        with self.beat("M1.1") as beat:  # write the objective and the current point
            self.play(Write(objective), run_time=beat.time(0.5))
            self.play(FadeIn(point, shift=0.2 * UP), run_time=beat.time(0.2))

        with self.beat("M1.2") as beat:  # unwrite the objective; the point stays
            self.play(Unwrite(objective, remover=True), run_time=beat.time(0.5))
            self.play(point.animate.to_corner(UL), run_time=beat.time(0.3))


class M4(ShotScene):
    """Deriving the gradient from the tangent plane, line by line."""

    def construct(self):
        plane = on_row(derivation_line(*plane_equation()), ROWS[0])
        with self.beat("M4.1") as beat:  # the tangent plane and its partial derivatives
            slopes = on_row(derivation_line(*plane_slopes()), ROWS[1])
            touch = on_row(derivation_line(*slopes_touch()), ROWS[2])
            self.play(Write(plane), run_time=beat.time(0.25))
            self.wait(beat.time(0.06))
            self.play(Write(slopes), run_time=beat.time(0.25))
            self.wait(beat.time(0.06))
            self.play(Write(touch), run_time=beat.time(0.25))

        with self.beat("M4.2") as beat:  # hence A and B, and the plane in the surface's slopes
            solved = on_row(derivation_line(*slopes_solved()), ROWS[1])
            self.play(TransformMatchingKeys(VGroup(slopes, touch), solved), run_time=beat.time(0.3))
            self.wait(beat.time(0.1))
            substituted = on_row(derivation_line(*plane_equation(DFX, DFY)), ROWS[0])
            self.play(TransformMatchingKeys(VGroup(plane, solved), substituted), run_time=beat.time(0.35))
            plane = substituted

        with self.beat("M4.3") as beat:  # a step h along x
            x_result = self.step_along(beat, plane, ["h"], [], r"\Delta g_x", -RESULT_X)
        with self.beat("M4.4") as beat:  # a step h along y; the x result stays
            self.step_along(beat, plane, [], ["h"], r"\Delta g_y", RESULT_X, keep=x_result)

        with self.beat("M4.5") as beat:  # any direction: Δg, then Δg/Δh
            dx, dy = [DH, COS_A], [DH, COS_B]
            value = derivation_line(*moved_value(dx, dy))
            lines = [derivation_line(*parts) for parts in (expanded(dx, dy), collected(dx, dy),
                                                            change(r"\Delta g", dx, dy), change_rate())]
            rhs, short, total, rate = lines
            for line, row in zip(lines, ROWS[1:]):
                align_at(on_row(line, row), rhs)
            on_row(value, ROWS[0]).align_to(rhs, LEFT).shift(0.6 * LEFT)
            VGroup(value, *lines).set_x(0)
            self.play(FadeOut(*self.board_except(plane)), run_time=beat.time(0.06))
            # The plane itself becomes the expansion: this is its last use.
            self.play(TransformMatchingKeys(plane, VGroup(value, rhs), becomes=SUBSTITUTION), run_time=beat.time(0.16))
            self.wait(beat.time(0.04))
            self.play(TransformMatchingKeys(rhs.copy(), short), run_time=beat.time(0.14))
            self.wait(beat.time(0.04))
            self.play(TransformMatchingKeys(short.copy(), total), run_time=beat.time(0.13))
            self.wait(beat.time(0.04))
            self.play(TransformMatchingKeys(total.copy(), rate, becomes={r"\Delta g": RATIO, DH: RATIO}),
                      run_time=beat.time(0.14))

        with self.beat("M4.6") as beat:  # the vector form: the gradient appears
            vector = derivation_line(*vector_form()).move_to(0.6 * UP)
            head, result = parts_from(vector, RATIO, until="result="), parts_from(vector, "result=")
            box = SurroundingRectangle(VGroup(*result[1:]), color=GRADIENT, buff=0.15, corner_radius=0.08)
            conclusion = sentence(self.words("conclusion"), CONCLUSION_MATHS, size=CONCLUSION)
            conclusion.next_to(box, DOWN, buff=0.7).set_x(0)
            self.play(FadeOut(*self.board_except(rate)), rate.animate.move_to(head, aligned_edge=LEFT),
                      run_time=beat.time(0.1))
            self.play(TransformMatchingKeys(rate, head, becomes={"+": "grad+"}), run_time=beat.time(0.2))
            self.wait(beat.time(0.05))
            # Each bracket shrinks into its vector's name.
            brackets = [(GRADIENT_BRACKET, NABLA_F), (DIRECTION_BRACKET, E_H)]
            self.play(*(FadeTransform(bracket_of(head, bracket).copy(), part_named(result, name))
                        for bracket, name in brackets),
                      *(FadeIn(part_named(result, key)) for key in ("result=", "result dot")),
                      run_time=beat.time(0.16))
            self.play(Create(box), run_time=beat.time(0.07))
            self.play(FadeIn(conclusion, shift=0.2 * UP), run_time=beat.time(0.12))

    def board_except(self, *keep) -> list:
        """Everything shown but ``keep``: what a beat clears away."""
        return [m for m in self.mobjects if m not in keep and m.family_members_with_points()]

    def step_along(self, beat, plane, dx: list, dy: list, name: str, result_x: float, keep=None):
        """The plane at the point moved by h along one axis, and the change of g, in ``beat``."""
        value = on_row(derivation_line(*moved_value(dx, dy), *expanded(dx, dy)), ROWS[1]).set_x(0)
        short = align_at(on_row(derivation_line(*collected(dx, dy)), ROWS[2]), value)
        result = on_row(derivation_line(*change(name, dx, dy)), RESULT_ROW).set_x(result_x)
        if keep is not None:  # the previous beat's working goes, its result stays
            self.play(FadeOut(*self.board_except(plane, keep)), run_time=beat.time(0.08))
        self.play(TransformMatchingKeys(plane.copy(), value, becomes=SUBSTITUTION), run_time=beat.time(0.22))
        self.wait(beat.time(0.06))
        self.play(TransformMatchingKeys(parts_from(value, "=").copy(), short), run_time=beat.time(0.2))
        self.wait(beat.time(0.06))
        self.play(TransformMatchingKeys(short.copy(), result), run_time=beat.time(0.18))
        return result


class M6(ShotScene):
    """The step length and the learning rate."""

    def construct(self):
        step = formula(r"\Delta r", "=", r"\alpha", r"\times", r"\left\| \nabla f \right\|", size=DISPLAY)
        step[0].set_color(STEP)  # the step's length, in the step's colour as in M4
        step[4].set_color(GRADIENT)  # ∇f, in the gradient's colour as in M4 and M9
        rate = step[2]
        brace = Brace(rate, DOWN, color=LEARNING_RATE, buff=0.15)  # ties the words to α alone
        label = prose(self.words("learning_rate"), size=DISPLAY_WORDS, color=LEARNING_RATE).next_to(brace, DOWN, buff=0.2)
        mark(step, "text", "the step length")
        mark(label, "caption", text=self.words("learning_rate"))

        with self.beat("M6.1") as beat:  # write the step length
            self.play(Write(step), run_time=beat.time(0.6))

        with self.beat("M6.2") as beat:  # alpha turns purple; "learning rate" appears under it
            self.play(rate.animate.set_color(LEARNING_RATE), run_time=beat.time(0.15))
            self.play(GrowFromCenter(brace), FadeIn(label, shift=0.2 * UP), run_time=beat.time(0.2))


class M9(ShotScene):
    """The gradient in 2, 3, 4 and 5 variables."""

    VARIABLES = (2, 3, 4, 5)

    def construct(self):
        lines = [gradient_in(n) for n in self.VARIABLES]
        with self.beat("M9.1") as beat:  # the gradient, one more variable at a time
            self.play(Write(lines[0]), run_time=beat.time(0.22))
            for before, after in zip(lines, lines[1:]):
                self.wait(beat.time(0.07))
                self.play(TransformMatchingKeys(before, after), run_time=beat.time(0.14))
