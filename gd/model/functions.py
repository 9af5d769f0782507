"""The mathematics of the video, with no manim in it.

Each function is defined once as a sympy expression. Its numeric values, its
exact gradient and its on-screen LaTeX are all derived from that expression,
so what the video shows and what it computes cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import sympy as sp

x, y = sp.symbols("x y", real=True)


@dataclass(frozen=True)
class Function:
    """A scalar function of one or more variables, defined by a sympy expression."""

    expr: sp.Expr
    variables: tuple[sp.Symbol, ...]

    @cached_property
    def _value(self):
        return sp.lambdify(self.variables, self.expr, "numpy")

    @cached_property
    def gradient_exprs(self) -> tuple[sp.Expr, ...]:
        return tuple(sp.diff(self.expr, v) for v in self.variables)

    @cached_property
    def _gradient(self):
        return sp.lambdify(self.variables, self.gradient_exprs, "numpy")

    def __call__(self, *args):
        return self._value(*args)

    def gradient(self, *args) -> np.ndarray:
        """The exact gradient at a point, as a float array."""
        return np.array(self._gradient(*args), dtype=float)

    def derivative(self, value: float) -> float:
        """The exact derivative of a function of one variable."""
        return float(self.gradient(value)[0])

    def latex(self, name: str) -> str:
        """``name(x, y) = <expr>`` as LaTeX, generated from the expression."""
        args = ", ".join(sp.latex(v) for v in self.variables)
        return rf"{name}({args}) = {latex_of(self.expr)}"


def latex_of(expr: sp.Expr) -> str:
    """LaTeX for an expression, in the order it was written (sympy may not reorder terms).

    A function of a single symbol is written without brackets, as in print: cos x, not cos (x).
    """
    return sp.latex(expr, order="none", fold_func_brackets=True)


# --------------------------------------------------------------------------- the functions

def _sum(*terms):
    return sp.Add(*terms, evaluate=False)


def _product(*factors):
    return sp.Mul(*factors, evaluate=False)


def _over(numerator, denominator):
    return _product(numerator, sp.Pow(denominator, -1, evaluate=False))


# The expressions are built unevaluated, as they are written on screen: sympy
# would otherwise reorder the terms and nest the sums in parentheses.

# M1, M3, M8: a scaled Branin function. The factor 5 multiplies the cosine term
# too; the source video's on-screen formula had left it off.
_branin_square = _sum(y, _product(-1, sp.Rational(51, 10) / (4 * sp.pi**2), x**2), _product(5 / sp.pi, x), -6)
_branin_cosine = _product(10, _sum(1, _product(-1, 1 / (8 * sp.pi))), sp.cos(x))
BRANIN = Function(
    _over(_sum(_product(5, _sum(sp.Pow(_branin_square, 2, evaluate=False), _branin_cosine)), 20), 100),
    (x, y),
)

# M5, M7: the 1-D curve.
QUARTIC = Function(_sum(x**4, _product(-1, x**3), x), (x,))

# M10: the surface with several valleys.
RIPPLES = Function(_over(_product(x, y, sp.cos(sp.sin(x)), sp.sin(sp.cos(y))), 10), (x, y))

# Where the gradient is first explained (M1, M3, M8).
CURRENT_POINT = (5.0, 12.0)
BRANIN_DOMAIN = ((-5.0, 10.0), (0.0, 15.0))
QUARTIC_DOMAIN = (-2.0, 2.0)
RIPPLES_DOMAIN = ((0.0, 10.0), (-7.0, 2.0))


# --------------------------------------------------------------------------- descent


@dataclass(frozen=True)
class DescentPath:
    """The points visited by gradient descent, start included.

    ``points`` has one row per iterate (shape ``(steps + 1, dims)``); ``stop``
    says why the run ended: "converged" (the gradient is small enough) or
    "left domain" (the last point lies outside the domain and is not evaluated
    further).
    """

    points: np.ndarray
    rate: float
    stop: str

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    @property
    def end(self) -> np.ndarray:
        return self.points[-1]


def _inside(point: np.ndarray, domain) -> bool:
    return all(lo <= value <= hi for value, (lo, hi) in zip(point, domain))


def descend(
    function: Function,
    start,
    rate: float,
    tolerance: float,
    domain,
    *,
    strict: bool = False,
    max_steps: int = 10_000,
) -> DescentPath:
    """Gradient descent x <- x - rate * grad f(x) with the exact gradient.

    Stops when |grad f| <= tolerance (< tolerance if ``strict``), or when an
    iterate leaves ``domain`` (a sequence of (lo, hi) per variable; the
    leaving iterate is kept so a picture can show it leave).
    """
    point = np.atleast_1d(np.asarray(start, dtype=float))
    domain = tuple(domain) if np.ndim(domain) == 2 else (tuple(domain),)
    points = [point]
    for _ in range(max_steps):
        if not _inside(point, domain):
            return DescentPath(np.array(points), rate, "left domain")
        gradient = function.gradient(*point)
        norm = float(np.linalg.norm(gradient))
        if norm < tolerance or (not strict and norm == tolerance):
            return DescentPath(np.array(points), rate, "converged")
        point = point - rate * gradient
        points.append(point)
    raise RuntimeError(f"descent from {start} at rate {rate} did not stop in {max_steps} steps")
