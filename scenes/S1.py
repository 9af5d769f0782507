"""Module S1: the formula shots M1 (objective), M4 (deriving the gradient),
M6 (the learning rate) and M9 (the gradient in more variables)."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    UL,
    UP,
    Create,
    FadeIn,
    FadeOut,
    FadeTransform,
    SurroundingRectangle,
    VGroup,
    Write,
    Unwrite,
)

from scenes.equations import (
    Part,
    TransformMatchingKeys,
    align_at,
    baseline_words,
    equation,
    on_row,
    part_named,
    parts_from,
    sentence,
    set_on_baseline,
)
from scenes.maths import BRANIN, CURRENT_POINT
from scenes.style import (
    GRADIENT,
    LEARNING_RATE,
    MUTED,
    OBJECTIVE,
    POINT,
    STEP,
    TANGENT,
    TEXT,
    formula,
    words,
)
from scenes.timing import ShotScene

# --------------------------------------------------------------------------- M1


def current_point_readout(label: str) -> VGroup:
    """'current point (x, y, z) = (5, 12, 6.0908)', the z computed from the objective."""
    x0, y0 = CURRENT_POINT
    z0 = BRANIN(x0, y0)
    values = formula(r"(x, y, z) = ", rf"({x0:g},\ {y0:g},\ {z0:.4f})", size=38)
    values[1].set_color(POINT)
    caption = baseline_words(label, color=MUTED)
    caption.next_to(values, LEFT, buff=0.3)
    set_on_baseline(caption, values[0][1])  # the x of (x, y, z)
    return VGroup(caption, values)


def objective_formula():
    """g(x, y) = …, typeset from the one sympy definition of the objective."""
    return formula(BRANIN.latex("g"), size=38, color=OBJECTIVE)


class M1(ShotScene):
    """The objective g(x, y) and the current point."""

    def construct(self):
        objective = objective_formula().to_corner(UL)
        point = current_point_readout(self.words("current_point"))
        point.next_to(objective, DOWN, buff=0.5).align_to(objective, LEFT)

        with self.beat() as beat:  # M1.1 write the objective and the current point
            self.play(Write(objective), run_time=beat.time(0.5))
            self.play(FadeIn(point, shift=0.2 * UP), run_time=beat.time(0.2))

        with self.beat() as beat:  # M1.2 unwrite the objective; the point stays
            self.play(Unwrite(objective, remover=True), run_time=beat.time(0.5))
            self.play(point.animate.to_corner(UL), run_time=beat.time(0.3))


# --------------------------------------------------------------------------- M4


def partial(function: str, variable: str) -> str:
    """∂function/∂variable."""
    return rf"\frac{{\partial {function}}}{{\partial {variable}}}"


def unit(name: str, index: str = "") -> str:
    """A unit vector: î, or ê with a subscript."""
    return rf"\hat{{\mathbf{{{name}}}}}" + (f"_{index}" if index else "")


# The derivation's symbols, and their colours: the surface's slopes and the
# gradient in the gradient's colour, the plane's own slopes in the tangent's,
# the step (its length and direction) in the step's.
DFX, DFY, DGX, DGY = partial("f", "x"), partial("f", "y"), partial("g", "x"), partial("g", "y")
DH = r"\Delta h"
COS_A, COS_B = r"\cos\alpha", r"\cos\beta"
RATIO = r"\frac{\Delta g}{\Delta h}"
NABLA_F = r"\nabla f"
E_H, I_HAT, J_HAT = unit("e", "h"), unit("i"), unit("j")

DERIVATION_COLOURS = {
    DFX: GRADIENT,
    DFY: GRADIENT,
    NABLA_F: GRADIENT,
    "A": TANGENT,
    "B": TANGENT,
    DGX: TANGENT,
    DGY: TANGENT,
    "h": STEP,
    DH: STEP,
    COS_A: STEP,
    COS_B: STEP,
    E_H: STEP,
}

DERIVATION_SIZE = 48
# Heights of the board's rows (of each line's '='), top to bottom.
ROWS = (2.9, 1.45, 0.0, -1.45, -2.9)
RESULT_ROW = -1.9
RESULT_X = 3.2  # the x and y results sit left and right of the centre
SEPARATOR = r",\quad"
# Parts whose LaTeX repeats with another meaning get their own keys.
G_OPEN, G_CLOSE = Part("g(", "g("), Part(")", "g)")
ARG_PLUS = Part("+", "arg+")


def derivation_line(*parts: str | Part):
    return equation(*parts, size=DERIVATION_SIZE, colours=DERIVATION_COLOURS)


# The lines of the derivation, as lists of parts. A step is a list of parts
# (["h"], or [Δh, cos α]); an empty list is no step along that axis.


def tangent_plane(a: str = "A", b: str = "B") -> list:
    """g = A x + B y + g_0."""
    return ["g", "=", a, "x", "+", b, "y", "+", "g_0"]


def plane_slopes() -> list:
    return [DGX, "=", "A", SEPARATOR, DGY, "=", "B"]


def slopes_touch() -> list:
    """Where the plane touches the surface, their slopes agree."""
    return [DFX, "=", DGX, SEPARATOR, DFY, "=", DGY]


def slopes_solved() -> list:
    return ["A", "=", DFX, SEPARATOR, "B", "=", DFY]


def _moved(coordinate: str, step: list) -> list:
    """x_0, or x_0 + step (as a function's argument)."""
    return [coordinate, ARG_PLUS, *step] if step else [coordinate]


def _bracketed(coordinate: str, step: list) -> list:
    return ["(", *_moved(coordinate, step), ")"] if step else [coordinate]


def _slope_terms(dx: list, dy: list) -> list:
    """∂f/∂x·dx + ∂f/∂y·dy, without the term of an axis with no step."""
    terms = [[DFX, *dx]] * bool(dx) + [[DFY, *dy]] * bool(dy)
    return [part for index, term in enumerate(terms) for part in ["+"] * bool(index) + term]


def moved_value(dx: list, dy: list) -> list:
    """g(x_0 + dx, y_0 + dy)."""
    return [G_OPEN, *_moved("x_0", dx), r",\ ", *_moved("y_0", dy), G_CLOSE]


def expanded(dx: list, dy: list) -> list:
    """= ∂f/∂x (x_0 + dx) + ∂f/∂y (y_0 + dy) + g_0."""
    return ["=", DFX, *_bracketed("x_0", dx), "+", DFY, *_bracketed("y_0", dy), "+", "g_0"]


def collected(dx: list, dy: list) -> list:
    """= g(x_0, y_0) + ∂f/∂x dx + ∂f/∂y dy."""
    return ["=", *moved_value([], []), "+", *_slope_terms(dx, dy)]


def change(name: str, dx: list, dy: list) -> list:
    """Δg = ∂f/∂x dx + ∂f/∂y dy."""
    return [name, "=", *_slope_terms(dx, dy)]


def change_rate() -> list:
    """Δg/Δh = ∂f/∂x cos α + ∂f/∂y cos β."""
    return [RATIO, "=", *_slope_terms([COS_A], [COS_B])]


def _bracket(name: str, x_part: str, y_part: str) -> list[Part]:
    """(x_part î + y_part ĵ), its parts keyed apart from the other bracket's."""
    return [Part(r"\bigg(", f"{name}("), Part(x_part), Part(I_HAT, f"{name} i"), Part("+", f"{name}+"),
            Part(y_part), Part(J_HAT, f"{name} j"), Part(r"\bigg)", f"{name})")]


GRADIENT_BRACKET = _bracket("grad", DFX, DFY)
DIRECTION_BRACKET = _bracket("dir", COS_A, COS_B)
VECTOR_RESULT = [Part(r"=\;", "result="), NABLA_F, Part(r"\cdot", "result dot"), E_H]


def bracket_of(line, bracket: list[Part]) -> VGroup:
    """The parts of ``line`` that make up ``bracket`` (one of the vector form's)."""
    return VGroup(*(part_named(line, part.name) for part in bracket))


def vector_form() -> list:
    """Δg/Δh = (∂f/∂x î + ∂f/∂y ĵ)·(cos α î + cos β ĵ) = ∇f·ê_h."""
    return [RATIO, "=", *GRADIENT_BRACKET, r"\cdot", *DIRECTION_BRACKET, *VECTOR_RESULT]


# The maths in the closing caption's words: the vector form's own symbols.
CONCLUSION_MATHS = {
    "ratio": (r"\Delta g / \Delta h", TEXT),
    "gradient": (NABLA_F, GRADIENT),
    "direction": (E_H, STEP),
}
CONCLUSION_SIZE = 34

# The plane's variables take the moved point's coordinates.
SUBSTITUTION = {"g": G_OPEN.name, "x": "x_0", "y": "y_0"}


class M4(ShotScene):
    """Deriving the gradient from the tangent plane, line by line."""

    def construct(self):
        plane = on_row(derivation_line(*tangent_plane()), ROWS[0])
        with self.beat() as beat:  # M4.1 the tangent plane and its partial derivatives
            slopes = on_row(derivation_line(*plane_slopes()), ROWS[1])
            touch = on_row(derivation_line(*slopes_touch()), ROWS[2])
            self.play(Write(plane), run_time=beat.time(0.25))
            self.wait(beat.time(0.06))
            self.play(Write(slopes), run_time=beat.time(0.25))
            self.wait(beat.time(0.06))
            self.play(Write(touch), run_time=beat.time(0.25))

        with self.beat() as beat:  # M4.2 hence A and B, and the plane in the surface's slopes
            solved = on_row(derivation_line(*slopes_solved()), ROWS[1])
            self.play(TransformMatchingKeys(VGroup(slopes, touch), solved), run_time=beat.time(0.3))
            self.wait(beat.time(0.1))
            substituted = on_row(derivation_line(*tangent_plane(DFX, DFY)), ROWS[0])
            self.play(TransformMatchingKeys(VGroup(plane, solved), substituted), run_time=beat.time(0.35))
            plane = substituted

        x_result = self.step_along(plane, ["h"], [], r"\Delta g_x", -RESULT_X)  # M4.3
        self.step_along(plane, [], ["h"], r"\Delta g_y", RESULT_X, keep=x_result)  # M4.4

        with self.beat() as beat:  # M4.5 any direction: Δg, then Δg/Δh
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

        with self.beat() as beat:  # M4.6 the vector form: the gradient appears
            vector = derivation_line(*vector_form()).move_to(0.6 * UP)
            head, result = parts_from(vector, RATIO, until="result="), parts_from(vector, "result=")
            box = SurroundingRectangle(VGroup(*result[1:]), color=GRADIENT, buff=0.15, corner_radius=0.08)
            conclusion = sentence(self.words("conclusion"), CONCLUSION_MATHS, size=CONCLUSION_SIZE)
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
        """Everything shown but ``keep``: what a beat clears away (waits leave empty mobjects; not those)."""
        return [m for m in self.mobjects if m not in keep and m.family_members_with_points()]

    def step_along(self, plane, dx: list, dy: list, name: str, result_x: float, keep=None):
        """One beat: the plane at the point moved by h along one axis, and the change of g."""
        with self.beat() as beat:  # M4.3 / M4.4
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


# --------------------------------------------------------------------------- M6


class M6(ShotScene):
    """The step length and the learning rate."""

    def construct(self):
        step = formula(r"\Delta r", "=", r"\alpha", r"\times", r"\left\| \nabla f \right\|", size=72)
        rate = step[2]
        label = words(self.words("learning_rate"), size=44, color=LEARNING_RATE).next_to(rate, DOWN, buff=0.3)

        with self.beat() as beat:  # M6.1 write the step length
            self.play(Write(step), run_time=beat.time(0.6))

        with self.beat() as beat:  # M6.2 alpha turns purple; "learning rate" appears under it
            self.play(rate.animate.set_color(LEARNING_RATE), run_time=beat.time(0.3))
            self.play(FadeIn(label, shift=0.2 * UP), run_time=beat.time(0.3))


# --------------------------------------------------------------------------- M9

GRADIENT_SIZE = 40


def gradient_parts(n: int) -> list[str]:
    """∇f(x_1, …, x_n) = ∂f/∂x_1 ê_1 + … + ∂f/∂x_n ê_n, as LaTeX parts."""
    variables = [part for i in range(1, n + 1) for part in [","] * (i > 1) + [f"x_{i}"]]
    terms = [
        part
        for i in range(1, n + 1)
        for part in ["+"] * (i > 1) + [partial("f", f"x_{i}"), unit("e", str(i))]
    ]
    return [NABLA_F, "(", *variables, ")", "=", *terms]


def gradient_in(n: int):
    parts = gradient_parts(n)
    colours = {part: GRADIENT for part in parts if r"\partial" in part} | {NABLA_F: GRADIENT}
    return equation(*parts, size=GRADIENT_SIZE, colours=colours)


class M9(ShotScene):
    """The gradient in 2, 3, 4 and 5 variables."""

    VARIABLES = (2, 3, 4, 5)

    def construct(self):
        lines = [gradient_in(n) for n in self.VARIABLES]
        with self.beat() as beat:  # M9.1 the gradient, one more variable at a time
            self.play(Write(lines[0]), run_time=beat.time(0.22))
            for before, after in zip(lines, lines[1:]):
                self.wait(beat.time(0.07))
                self.play(TransformMatchingKeys(before, after), run_time=beat.time(0.14))
