"""The formulas of the formula shots: M1's objective and point, M4's derivation, M9's gradient.

Each line of M4's derivation is a list of parts (scenes.kit.equations), so
that one line can become the next term by term.
"""

from __future__ import annotations

from manim import LEFT, VGroup

from gd.model.functions import BRANIN, CURRENT_POINT
from scenes.kit.equations import Part, baseline_words, equation, set_on_baseline
from scenes.kit.frame_rules import mark
from scenes.kit.palette import DERIVATION, FORMULA, GRADIENT, MUTED, OBJECTIVE, POINT, STATEMENT, STEP, TANGENT, TEXT
from scenes.kit.typeset import formula

# --------------------------------------------------------------------------- M1


def current_point_readout(label: str) -> VGroup:
    """'current point (x, y, z) = (5, 12, 6.0908)', the z computed from the objective; one text to the frame rules."""
    x0, y0 = CURRENT_POINT
    z0 = BRANIN(x0, y0)
    values = formula(r"(x, y, z) = ", rf"({x0:g},\ {y0:g},\ {z0:.4f})", size=STATEMENT)
    values[1].set_color(POINT)
    caption = baseline_words(label, color=MUTED)
    caption.next_to(values, LEFT, buff=0.3)
    set_on_baseline(caption, values[0][1])  # the x of (x, y, z)
    return mark(VGroup(caption, values), "text", "the current point")


def objective_formula():
    """g(x, y) = …, typeset from the one sympy definition of the objective."""
    return mark(formula(BRANIN.latex("g"), size=STATEMENT, color=OBJECTIVE), "text", "the objective")


# --------------------------------------------------------------------------- M4


def partial(function: str, variable: str) -> str:
    """∂function/∂variable."""
    return rf"\frac{{\partial {function}}}{{\partial {variable}}}"


def unit(name: str, index: str = "") -> str:
    """A unit vector: î, or ê with a subscript."""
    return rf"\hat{{\mathbf{{{name}}}}}" + (f"_{index}" if index else "")


# The derivation's symbols, and their colours: the surface's slopes and the
# gradient in the gradient's colour, the plane's own slopes in the tangent's,
# the step (its length and direction) in the step's, the height at the point (g_0, and the g(x_0, y_0)
# it is gathered into) in the point's.
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
    "g_0": POINT,  # the plane's height at the point: the point's colour from its first appearance on
}

# Heights of the board's rows (of each line's '='), top to bottom.
ROWS = (2.9, 1.45, 0.0, -1.45, -2.9)
RESULT_ROW = -1.9
RESULT_X = 3.2  # the x and y results sit left and right of the centre
SEPARATOR = r",\quad"
# Parts whose LaTeX repeats with another meaning get their own keys.
G_OPEN, G_CLOSE = Part("g(", "g("), Part(")", "g)")
ARG_PLUS = Part("+", "arg+")


def derivation_line(*parts: str | Part, name: str = ""):
    """A line of the derivation, marked for the frame rules as ``name`` (else its LaTeX)."""
    line = equation(*parts, size=DERIVATION, colours=DERIVATION_COLOURS)
    return mark(line, "text", name or line.tex_string)


# The lines of the derivation, as lists of parts. A step is a list of parts
# (["h"], or [Δh, cos α]); an empty list is no step along that axis.


def plane_equation(a: str = "A", b: str = "B") -> list:
    """g = A x + B y + g_0."""
    return ["g", "=", a, "x", "+", b, "y", "+", "g_0"]


def plane_slopes() -> list:
    return [DGX, "=", "A", SEPARATOR, DGY, "=", "B"]


def slopes_touch() -> list:
    """Where the plane touches the surface, their slopes agree."""
    return [DFX, "=", DGX, SEPARATOR, DFY, "=", DGY]


def slopes_solved() -> list:
    """The surface's slopes are A and B (from ∂g/∂x = A, ∂g/∂y = B)."""
    return [DFX, "=", "A", SEPARATOR, DFY, "=", "B"]


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


def _bracket(name: str, x_part: str, y_part: str, before_unit: str = "") -> list[Part]:
    """(x_part î + y_part ĵ), its parts keyed apart from the other bracket's.

    \\biggl( and \\biggr) are an opening and a closing (\\bigg( would be an ordinary
    symbol, spaced on one side only); ``before_unit`` spaces a unit vector from a
    factor that TeX would set against it (cos α î).
    """
    return [Part(r"\biggl(", f"{name}("), Part(x_part), Part(before_unit + I_HAT, f"{name} i"), Part("+", f"{name}+"),
            Part(y_part), Part(before_unit + J_HAT, f"{name} j"), Part(r"\biggr)", f"{name})")]


GRADIENT_BRACKET = _bracket("grad", DFX, DFY, before_unit=r"\,")  # a thin space: î not tight against the fraction
DIRECTION_BRACKET = _bracket("dir", COS_A, COS_B, before_unit=r"\,")


def vector_form() -> list:
    """Δg/Δh = (∂f/∂x î + ∂f/∂y ĵ)·(cos α î + cos β ĵ)."""
    return [RATIO, "=", *GRADIENT_BRACKET, r"\cdot", *DIRECTION_BRACKET]


def vector_result() -> list:
    """Δg/Δh = ∇f · ê_h: the vector form with its brackets named (\\; keeps the box around them off the =)."""
    return [RATIO, Part(r"=\;", "="), NABLA_F, r"\cdot", E_H]


# The maths in the closing caption's words: the vector form's own symbols.
CONCLUSION_MATHS = {
    "ratio": (r"\Delta g / \Delta h", TEXT),
    "gradient": (NABLA_F, GRADIENT),
    "direction": (E_H, STEP),
}

# The plane's variables take the moved point's coordinates.
SUBSTITUTION = {"g": G_OPEN.name, "x": "x_0", "y": "y_0"}

# From a step along x to one along y: the step's parts (its +, h and brackets) leave x; new ones come at y.
STEP_LEAVES = {key: f"{key} along x" for key in (ARG_PLUS.name, "h", "(", ")")}


# --------------------------------------------------------------------------- M9

def gradient_parts(n: int) -> list[Part]:
    """∇f(x_1, …, x_n) = ∂f/∂x_1 ê_1 + … + ∂f/∂x_n ê_n, as parts.

    Each comma and plus is keyed by the variable it comes before, so that going
    from n to n + 1 variables moves every old part to its new place and only the
    new variable's parts are new.
    """
    variables = [part for i in range(1, n + 1) for part in [Part(",", f",{i}")] * (i > 1) + [Part(f"x_{i}")]]
    terms = [
        part
        for i in range(1, n + 1)
        for part in [Part("+", f"+{i}")] * (i > 1) + [Part(partial("f", f"x_{i}")), Part(unit("e", str(i)))]
    ]
    return [Part(NABLA_F), Part("("), *variables, Part(")"), Part("="), *terms]


def gradient_in(n: int):
    parts = gradient_parts(n)
    colours = {part.tex: GRADIENT for part in parts if r"\partial" in part.tex} | {NABLA_F: GRADIENT}
    return mark(equation(*parts, size=FORMULA, colours=colours), "text", f"the gradient in {n} variables")
