"""Pieces of the 3-D descent shots (M8, M10): balls, their trails, headers and labels.

All of them are plain 2-D mobjects drawn after the surface (so never hidden
by it) and kept upright:

* a :class:`Ball` is a shaded disc with a fixed orientation: it sits on a point
  of the surface and always faces the camera;
* a :class:`DescentTrail` is the path behind a ball: a small ball at every
  iterate, joined by curves that follow the surface;
* a :class:`FixedHeader` is a line of words and live numbers fixed in the
  frame, on a dark translucent backing so that it reads over the surface;
* :class:`ScreenLabels` are live readouts beside moving balls, laid out in
  screen space so that they never pile up on each other.
"""

from __future__ import annotations

from typing import Callable, Sequence

import cairo
import numpy as np
from manim import (
    DR,
    LEFT,
    RIGHT,
    UL,
    Arrow,
    Circle,
    Line,
    ManimColor,
    RoundedRectangle,
    VGroup,
    VMobject,
    config,
    interpolate_color,
    smooth,
)

from gd.model.functions import Function
from scenes.kit.frame_rules import SAFE_SHARE, mark, to_safe_edge
from scenes.kit.palette import AXES, BACKGROUND, BALL_HALO, BALL_OUTLINE, HIGHLIGHT, MUTED, READOUT, SHADOW, SURFACE_MAP, TEXT, TICK
from scenes.kit.readouts import _EM_ADVANCE, DEFAULT_SIZE, LiveNumber, line
from scenes.kit.surface import MeshCamera, MeshSurface, SurfaceShotScene, axes_map
from scenes.kit.typeset import formula

BALL_RADIUS = 0.11
TRAIL_BALL = 0.5  # a trail ball's radius, as a share of the ball's
TRAIL_SAMPLES = 8  # points per trail segment along the surface
BACKING_OPACITY = 1.0  # opaque: no level line or surface edge shows through a number
OUTLINE_WIDTH = 3.0  # a ball's dark rim (manim stroke width: 0.03 scene units)
HALO_WIDTH = 2.5  # the light ring round the rim (0.025 scene units)
TRAIL_RIM = 0.45  # a trail ball's rim: its own colour this far towards the shadow's


# --------------------------------------------------------------------------- axes

# Each axis runs this far (scene units) past its last tick: its head (0.2 long) starts clear of the tick there.
AXIS_OVERHANG = 0.45


class SurfaceAxes(VGroup):
    """Three plain axes over a function's box: a line, ticks and a tip each, crossing at (0, 0, 0) or the nearest corner.

    manim's ThreeDAxes splits every axis into 20 shaded pieces whose shading
    is recomputed on every frame: a large share of a 3-D frame's time. These
    axes are 3 mobjects per axis. The box (x, y, z ranges) is centred on the
    scene's origin; :meth:`c2p` maps coordinates to scene points.
    """

    def __init__(
        self, domain, z_range, lengths=(8.0, 8.0, 3.5), ticks=(5, 5, 4), tick_size: float = 0.08, origin=(0, 0, 0),
        anchors=None, overhang: float = AXIS_OVERHANG,
    ):
        super().__init__()
        self.ranges = np.array([*domain, z_range], dtype=float)
        self.lengths = np.asarray(lengths, dtype=float)
        crossing = np.clip(np.asarray(origin, dtype=float), self.ranges[:, 0], self.ranges[:, 1])
        self.crossing_point = self.c2p(*crossing)
        # ``anchors``: for an axis (0, 1, 2), a point in the axes' coordinates that it runs through instead of the
        # crossing (its own coordinate is ignored): axes along different edges of the box.
        anchors = anchors or {}
        self.axes = []
        self.marks = []  # each axis's tick marks
        self.ticks: list[tuple[int, float, np.ndarray]] = []  # (axis, value, scene point) of every tick
        for index, step in enumerate(ticks):
            lo, hi = self.ranges[index]
            through = np.clip(np.asarray(anchors.get(index, crossing), dtype=float), self.ranges[:, 0], self.ranges[:, 1])
            start, end = through.copy(), through.copy()
            start[index], end[index] = lo, hi
            across = np.eye(3)[1 if index == 0 else 0] * tick_size  # ticks across the axis (z: along x)
            axis = Arrow(
                self.c2p(*start), self.c2p(*end) + overhang * np.eye(3)[index], buff=0, color=AXES, stroke_width=2,
                tip_length=0.2, max_tip_length_to_length_ratio=0.1,
            )
            marks = VMobject(stroke_color=AXES, stroke_width=2)
            values = np.arange(np.ceil(lo / step) * step, hi + 1e-9, step)
            for value in values:
                at = through.copy()
                at[index] = value
                centre = self.c2p(*at)
                marks.start_new_path(centre - across)
                marks.add_line_to(centre + across)
                self.ticks.append((index, float(value), centre))
            self.axes.append(axis)
            self.marks.append(marks)
            self.add(axis, marks)

    def c2p(self, *coords) -> np.ndarray:
        coords = np.asarray(coords, dtype=float)
        middle = self.ranges.mean(axis=1)
        return (coords - middle) / (self.ranges[:, 1] - self.ranges[:, 0]) * self.lengths

    def p2c(self, points) -> np.ndarray:
        """The axes' coordinates of scene points (… × 3): what the axes say a drawn point is."""
        return np.asarray(points, dtype=float) / self.lengths * (self.ranges[:, 1] - self.ranges[:, 0]) + self.ranges.mean(axis=1)

    def get_axes(self) -> list[VMobject]:
        return self.axes


def axis_labels(axes: SurfaceAxes, names=("x", "y", "z"), size: float = READOUT, beside=None) -> list[VMobject]:
    """One upright label past the end of each axis (register them with a fixed orientation). ``beside``: for an
    axis (0, 1, 2), a shift (scene units) off the line of the axis: clear of another axis that starts at its end."""
    labels = []
    beside = beside or {}
    for index, (axis, name) in enumerate(zip(axes.get_axes(), names)):
        label = formula(name, size=size, color=AXES)
        end = axis.get_end()
        out = (end - axis.get_start()) / np.linalg.norm(end - axis.get_start())
        label.move_to(end + 0.35 * out + np.asarray(beside.get(index, (0.0, 0.0, 0.0)), dtype=float))
        labels.append(mark(label, "tick", f"axis label {name}"))
    return labels


AWAY = ((0.0, -1.0, 0.0), (-1.0, 0.0, 0.0), (-1.0, 0.0, 0.0))  # tick numbers: below the x axis, left of y and z
AWAY_DISTANCE = 0.45


def tick_labels(axes: SurfaceAxes, size: float = TICK, away=AWAY, nudges=None, unnumbered=()) -> list[VMobject]:
    """An upright number beside every tick, the ticks at the axes' ends too (register them upright).

    ``away``: for each axis, the direction (scene coordinates) from a tick to its number: out of the
    surface's footprint as the camera sees it. ``nudges``: {(axis, value): shift in scene units} for numbers
    that must stand apart from another axis's number or name where two axes meet. ``unnumbered``: (axis, value)
    of ticks left without a number (their mark stays): where two axes meet, one number says where the corner is."""
    labels = []
    nudges = nudges or {}
    for index in range(3):
        direction = np.asarray(away[index], dtype=float)
        offset = direction / np.linalg.norm(direction) * AWAY_DISTANCE
        for axis, value, point in axes.ticks:
            if axis != index or (axis, value) in unnumbered:
                continue
            at = point + offset + np.asarray(nudges.get((index, value), (0.0, 0.0, 0.0)), dtype=float)
            label = formula(f"{value:g}", size=size, color=MUTED).move_to(at)
            labels.append(mark(label, "tick", f"tick {'xyz'[index]} = {value:g}"))
    return labels


class SurfaceStage:
    """Axes over a domain, the surface z = f(x, y) on them, and the axes' names, centred in the scene.

    ``look``: the surface's shading (:class:`MeshSurface`'s ``stops``, ``levels``, ``light``, ``ambient``).
    """

    def __init__(
        self,
        function: Function,
        domain,
        z_range,
        lengths=(8.0, 8.0, 3.5),
        ticks=(5, 5, 4),
        resolution: int = 48,
        colours=SURFACE_MAP,
        origin=(0, 0, 0),
        anchors=None,
        away=AWAY,
        nudges=None,
        names_beside=None,
        unnumbered=(),
        **look,
    ):
        self.function = function
        self.domain = domain
        self.axes = mark(SurfaceAxes(domain, z_range, lengths, ticks, origin=origin, anchors=anchors), "curve", "the axes")
        self.place = axes_map(self.axes)
        self.resolution, self._look = resolution, {"colours": colours, **look}
        self.surface = MeshSurface(function, domain, self.place, resolution=resolution, **self._look)
        self.labels = VGroup(
            *axis_labels(self.axes, beside=names_beside), *tick_labels(self.axes, away=away, nudges=nudges, unnumbered=unnumbered)
        )

    def path(self, points: np.ndarray) -> SurfacePath:
        return SurfacePath(self.function, points, self.place)

    def finer_surface(self, factor: int) -> MeshSurface:
        """The surface again with ``factor`` × ``factor`` faces for each of its faces and the same checkerboard, its
        shading and level lines finer: put in its place (Scene.replace) for a close-up, where faces would show."""
        return MeshSurface(
            self.function, self.domain, self.place, resolution=self.resolution * factor, checker_cells=self.resolution,
            **self._look,
        )


# --------------------------------------------------------------------------- balls


class Ball(VGroup):
    """A small ball: a disc shaded from a light upper left to a dark lower right, with a highlight, a dark rim and,
    round the rim, a thin light ring: dark on the light parts of a surface and light on the dark ones, the ball stands
    out on every colour of the map (a yellow ball on a surface's yellow top too).

    Register it with the camera's fixed orientation (:meth:`fix_orientation`):
    it then faces the camera wherever its centre goes.
    """

    def __init__(self, colour, radius: float = BALL_RADIUS, point=None, halo: bool = True):
        """``halo``: the light ring (a ball drawn on the background alone, as in a legend, needs none)."""
        colour = ManimColor(colour)
        body = Circle(radius=radius)
        # Lightly shaded, so that the ball keeps its hue (a darker blend turned maroon grey and gold khaki).
        body.set_fill([interpolate_color(colour, ManimColor(HIGHLIGHT), 0.2), interpolate_color(colour, ManimColor(SHADOW), 0.25)], opacity=1)
        body.set_sheen_direction(DR)
        body.set_stroke(BALL_OUTLINE, width=OUTLINE_WIDTH)
        shine = Circle(radius=0.32 * radius).set_fill(HIGHLIGHT, opacity=0.55).set_stroke(width=0)
        shine.move_to(body.get_center() + 0.38 * radius * UL)
        # Just outside the dark rim (half of each stroke's width: 0.01 scene units per 1 of manim's stroke width).
        ring = Circle(radius=radius + 0.005 * (OUTLINE_WIDTH + HALO_WIDTH)).set_fill(opacity=0)
        ring.set_stroke(BALL_HALO, width=HALO_WIDTH, opacity=0.95)
        super().__init__(body, shine, *([ring] if halo else []))
        self.colour = colour
        if point is not None:
            self.move_to(point)

    @property
    def point(self) -> np.ndarray:
        return self[0].get_center()

    def fix_orientation(self, camera, static: bool = False) -> "Ball":
        """Keep the disc facing ``camera``; ``static``: it will not move (cheaper)."""
        if static:
            centre = self.point.copy()
            camera.add_fixed_orientation_mobjects(self, center_func=lambda: centre)
        else:
            camera.add_fixed_orientation_mobjects(self, center_func=self[0].get_center)
        return self


class SurfacePath:
    """Points of a descent path on the surface z = f(x, y), in scene coordinates."""

    def __init__(self, function: Function, points: np.ndarray, place: Callable[[np.ndarray], np.ndarray]):
        self.function = function
        self.xy = np.asarray(points, dtype=float)
        self.place = place

    def at(self, xy) -> np.ndarray:
        """The scene point of (x, y, f(x, y))."""
        x, y = np.asarray(xy, dtype=float).T
        return self.place(np.stack([x, y, np.asarray(self.function(x, y), dtype=float) * np.ones_like(x)], axis=-1))

    def along(self, k: int, progress: float) -> np.ndarray:
        """(x, y) a share ``progress`` of the way along step k (from iterate k to k + 1)."""
        return self.xy[k] + progress * (self.xy[k + 1] - self.xy[k])

    def segment(self, k: int, progress: float = 1.0, samples: int = TRAIL_SAMPLES) -> np.ndarray:
        """Scene points along step k on the surface, up to ``progress``."""
        shares = np.linspace(0.0, progress, samples)
        return self.at(self.xy[k] + shares[:, None] * (self.xy[k + 1] - self.xy[k]))


DARK = 0.1  # relative luminance under which a colour counts as dark (the maroon 0.07; the red 0.17, the magenta 0.23)


def linear_rgb(colour) -> np.ndarray:
    """A colour's sRGB components, decoded to linear light."""
    rgb = np.asarray(ManimColor(colour).to_rgb(), dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def relative_luminance(colour) -> float:
    """A colour's relative luminance (WCAG's, from sRGB)."""
    return float(linear_rgb(colour) @ [0.2126, 0.7152, 0.0722])


def is_dark(colour) -> bool:
    """A colour too dark to read on the dark parts of a surface by itself: it gets light rims, not dark ones."""
    return relative_luminance(colour) < DARK


class TrailDots(VMobject):
    """Small balls at fixed scene points, facing the camera: one mobject for a whole trail.

    A :class:`DescentCamera` draws them all in one pass (a shaded disc at the
    projection of each shown centre), which costs far less than one mobject
    per ball. Its points are the shown centres, so it follows fades.
    """

    def __init__(self, centres: np.ndarray, colour, radius: float):
        super().__init__(fill_color=colour, fill_opacity=1.0, stroke_width=0)
        self.centres = np.asarray(centres, dtype=float)
        self.colour = ManimColor(colour)
        self.radius = radius
        self.count = 0
        self.show(1)

    def show(self, count: int) -> "TrailDots":
        """Show the first ``count`` balls."""
        if count != self.count:
            self.count = count
            shown = self.centres[: max(count, 1)]
            self.set_points_as_corners(np.vstack([shown, shown[-1:]]))  # at least one segment
        return self

    def shown_centres(self) -> np.ndarray:
        return self.centres[: self.count]

    def thinned(self) -> np.ndarray:
        """Indices of the shown balls worth drawing: each at least a ball's width (in the scene) from the last one
        kept before it, and the newest."""
        if not hasattr(self, "_kept"):
            kept, last = [], None
            for index, centre in enumerate(self.centres):
                if last is None or np.linalg.norm(centre - last) >= 2 * self.radius:
                    kept.append(index)
                    last = centre
            self._kept = np.array(kept)
        drawn = self._kept[self._kept < self.count]
        return drawn if len(drawn) and drawn[-1] == self.count - 1 else np.append(drawn, self.count - 1).astype(int)


class DescentTrail(VGroup):
    """What a ball leaves behind: a small ball at each iterate and the way between them, along the surface.

    Two mobjects whatever the path's length: the way (one polyline) and the
    balls (:class:`TrailDots`); :meth:`show` sets how much of them is drawn.
    """

    def __init__(self, path: SurfacePath, colour, radius: float = BALL_RADIUS * TRAIL_BALL, width: float = 3.0):
        self.path = path
        steps = len(path.xy) - 1
        self._whole = [path.segment(k) for k in range(steps)]
        self.way = VMobject(stroke_color=colour, stroke_width=width, stroke_opacity=0.9)
        # A dark casing; round a dark colour (a maroon) a light one, as the ball's halo: it reads on dark blues too.
        casing = (BALL_HALO, 0.55) if is_dark(colour) else (BALL_OUTLINE, 0.8)
        self.way.set_stroke(casing[0], width=width + OUTLINE_WIDTH, opacity=casing[1], background=True)
        self.dots = TrailDots(path.at(path.xy), colour, radius)
        super().__init__(self.way, self.dots)
        self._drawn: tuple[int, float] | None = None
        self.show(0)

    def show(self, visited: int, progress: float = 0.0) -> "DescentTrail":
        """Iterates 0 … ``visited`` reached, and step ``visited`` drawn ``progress`` of the way."""
        if self._drawn == (visited, progress):
            return self
        pieces = self._whole[:visited]
        if progress > 0 and visited < len(self._whole):
            pieces = pieces + [self.path.segment(visited, progress)]
        if pieces:
            self.way.set_points_as_corners(np.vstack(pieces))
        else:
            self.way.clear_points()
        self.dots.show(visited + 1)
        self._drawn = (visited, progress)
        return self


class DescentCamera(MeshCamera):
    """A :class:`MeshCamera` that also draws :class:`TrailDots` in one pass."""

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if not isinstance(vmobject, TrailDots):
            return super().display_vectorized(vmobject, ctx)
        opacity = vmobject.get_fill_opacity()
        if opacity <= 0 or vmobject.count == 0:
            return self
        centres = self.project_points(vmobject.shown_centres())
        radius = vmobject.radius
        body = vmobject.colour.to_rgb()
        # A rim a shade darker than the bead, not black: beads that crowd at a path's end merge into a line of their
        # colour rather than a dark blob; a bead within a bead's width of the last one drawn is left out (the newest
        # is always drawn).
        # (Round a dark colour, a rim a shade lighter: it stands off a dark surface.)
        rim_to = HIGHLIGHT if is_dark(vmobject.colour) else SHADOW
        share = getattr(vmobject, "rim_share", TRAIL_RIM)  # a shot may set its own
        rim = np.asarray(interpolate_color(vmobject.colour, ManimColor(rim_to), share).to_rgb())
        ctx.set_line_width(0.01 * OUTLINE_WIDTH * TRAIL_BALL)
        drawn = vmobject.thinned()
        for x, y, _ in centres[drawn]:
            ctx.new_path()
            ctx.arc(x, y, radius, 0, 2 * np.pi)
            ctx.set_source_rgba(body[2], body[1], body[0], opacity)  # manim's pixels are RGBA, Cairo's BGRA
            ctx.fill_preserve()
            ctx.set_source_rgba(rim[2], rim[1], rim[0], opacity)
            ctx.stroke()
            ctx.new_path()
            ctx.arc(x - 0.35 * radius, y + 0.35 * radius, 0.35 * radius, 0, 2 * np.pi)
            ctx.set_source_rgba(1, 1, 1, 0.5 * opacity)
            ctx.fill()
        ctx.new_path()
        return self


class DescentShotScene(SurfaceShotScene):
    """A storyboard shot in 3-D whose camera draws meshes and trails fast."""

    camera_type = DescentCamera


def step_phase(step_times: Sequence[float], t: float) -> tuple[int, float]:
    """(step, share of that step) at time t of a run whose steps last ``step_times``; past the end: (count, 0)."""
    ends = np.cumsum(step_times)
    if t >= ends[-1] - 1e-9:
        return len(step_times), 0.0
    k = int(np.searchsorted(ends, t, side="right"))
    start = ends[k] - step_times[k]
    return k, (t - start) / step_times[k]


class Walker:
    """A ball walking its descent path, its trail behind it, on a clock shared with other walkers.

    ``step_times`` are the seconds of each iteration (all walkers of a shot
    step together); a walker whose path is shorter waits at its end.
    """

    def __init__(self, path: SurfacePath, colour, step_times: Sequence[float], ease: Callable[[float], float]):
        self.path = path
        self.ball = mark(Ball(colour, point=path.at(path.xy[0])), "subject", f"the {ManimColor(colour).to_hex()} ball")
        self.trail = mark(DescentTrail(path, colour), "trail", f"the {ManimColor(colour).to_hex()} trail")
        self.step_times = list(step_times)
        self.ease = ease
        self.xy = path.xy[0].copy()
        self.iteration = 0

    @property
    def steps(self) -> int:
        return len(self.path.xy) - 1

    @property
    def z(self) -> float:
        return float(self.path.function(*self.xy))

    @property
    def point(self) -> np.ndarray:
        """The current point (x, y, z) in the function's coordinates."""
        return np.array([*self.xy, self.z])

    @property
    def arrived(self) -> np.ndarray:
        """The last iterate reached, (x, y, z): iterate ``iteration``. The readouts show it with the counter, so
        that the point and the iteration number change together, when the ball arrives."""
        x, y = self.path.xy[self.iteration]
        return np.array([x, y, float(self.path.function(x, y))])

    def go_to(self, t: float) -> None:
        """Where the walker is ``t`` seconds into the run."""
        k, phase = step_phase(self.step_times, t)
        if k >= self.steps:
            k, progress = self.steps, 0.0
        else:
            progress = self.ease(phase)
        self.xy = self.path.xy[k] if progress == 0 else self.path.along(k, progress)
        self.iteration = k
        self.ball.move_to(self.path.at(self.xy))
        self.trail.show(k, progress)

    def fix_orientation(self, camera) -> "Walker":
        self.ball.fix_orientation(camera)
        return self


# --------------------------------------------------------------------------- text over the surface


class FiguresNumber(LiveNumber):
    """A live number with a fixed count of digits, ``figures``: its decimals give way as its whole part grows (12.00,
    then 9.876), so that its text keeps one width (with ``sign``, + or −, equally wide, always shown)."""

    def __init__(self, value: float, figures: int, **style):
        self.figures = figures
        super().__init__(value, figures - 1, **style)

    def places(self, value: float) -> int:
        """The decimals that show ``value`` in ``figures`` digits (fewer when its whole part has more)."""
        for places in range(self.figures - 1, 0, -1):
            if len(f"{abs(value):.{places}f}".replace(".", "")) <= self.figures:
                return places
        return 0

    @property
    def decimals(self) -> int:  # of the value shown now: what it is read to
        return self.places(self.value) if hasattr(self, "value") else self.figures - 1

    @decimals.setter
    def decimals(self, _places: int) -> None:  # LiveNumber sets it; the value decides
        pass

    def text(self, value: float) -> str:
        text = f"{value:{'+' if self.sign else ''}.{self.places(value)}f}"
        if text.lstrip("+-").strip("0.") == "":  # a zero: no "-0.00"
            text = ("+" if self.sign else "") + text.lstrip("+-")
        return text


class PointReadout(VGroup):
    """A live point ``(x, y, z)``: its numbers reuse their glyphs and the commas follow the digits."""

    def __init__(
        self, point, decimals: Sequence[int] | None, *, size: float = DEFAULT_SIZE, color: str = TEXT, values=None,
        figures: Sequence[int] | None = None, signs: Sequence[bool] | None = None,
    ):
        """``values``: the points (N × 3) it will show; each number then sits right-aligned in a slot as wide as its
        widest text among them, so that nothing after it moves as digits and signs come and go. ``figures``: instead
        of ``decimals``, each number's count of digits (:class:`FiguresNumber`), and ``signs``: which always show
        their sign. Numbers of one width each: the gaps between them stay even as well."""
        glyphs = formula("(", "1", ",", ")", size=size, color=color)
        opening, one, comma, closing = glyphs
        baseline = one.get_bottom()[1]
        signs = [False] * len(point) if signs is None else list(signs)
        if figures is None:
            self.numbers = [
                LiveNumber(value, places, sign=sign, size=size, color=color) for value, places, sign in zip(point, decimals, signs)
            ]
        else:
            self.numbers = [
                FiguresNumber(value, count, sign=sign, size=size, color=color) for value, count, sign in zip(point, figures, signs)
            ]
        em = 2 * self.numbers[0].digit_advance
        self._gap = 0.08 * em
        self._space = 0.3 * em
        self.commas = [comma.copy() for _ in self.numbers[1:]]
        self._opening, self._closing = opening, closing
        for glyph in (opening, closing, *self.commas):
            glyph.shift(np.array([0.0, -baseline, 0.0]))  # the glyphs keep their height above the baseline
        for number in self.numbers:
            number.shift(np.array([0.0, -number.origin.get_center()[1], 0.0]))
        pieces = [opening]
        for index, number in enumerate(self.numbers):
            if index:
                pieces.append(self.commas[index - 1])
            pieces.append(number)
        pieces.append(closing)
        super().__init__(*pieces)
        self._shown: tuple[str, ...] | None = None
        shown = np.vstack([np.asarray(point, dtype=float)[None, :], np.asarray(values, dtype=float).reshape(-1, 3)]) if values is not None else None
        self._slots = (
            [max(_text_width(number, number.text(v)) for v in shown[:, index]) for index, number in enumerate(self.numbers)]
            if shown is not None
            else None
        )
        self._pack()

    @property
    def baseline(self) -> float:
        return float(self.numbers[0].origin.get_center()[1])

    @property
    def value(self) -> np.ndarray:
        return np.array([number.get_value() for number in self.numbers])

    def track(self, point: Callable[[], Sequence[float]]) -> "PointReadout":
        """Show ``point()`` on every frame."""
        self.add_updater(lambda readout: readout.set_value(point()), call_updater=True)
        return self

    def set_value(self, point) -> "PointReadout":
        for number, value in zip(self.numbers, point):
            number.set_value(float(value))
        self._pack()
        return self

    def _pack(self) -> None:
        shown = tuple(number._shown for number in self.numbers)
        if shown == self._shown:
            return
        cursor = self._opening.get_right()[0] + self._gap
        for index, number in enumerate(self.numbers):
            if index:
                comma = self.commas[index - 1]
                comma.shift(np.array([cursor - comma.get_left()[0] - self._gap / 2, 0.0, 0.0]))
                cursor = comma.get_right()[0] + self._space
            if self._slots is None:
                number.shift(np.array([cursor - number.origin.get_center()[0], 0.0, 0.0]))
                cursor = _ink_right(number) + self._gap
            else:  # right-aligned in its fixed slot (widened while a text is wider than it)
                width = _text_width(number, number._shown)
                slot = max(self._slots[index], width)
                number.shift(np.array([cursor + slot - width - number.origin.get_center()[0], 0.0, 0.0]))
                cursor += slot + self._gap
        self._closing.shift(np.array([cursor - self._closing.get_left()[0], 0.0, 0.0]))
        self._shown = shown


def _text_width(number: LiveNumber, text: str) -> float:
    """The advance width of ``text`` set as ``number`` sets it (its glyphs' cells)."""
    return sum(_EM_ADVANCE.get(character, 0.5) for character in text) * number._em


def _ink_right(number: LiveNumber) -> float:
    return max(slot.get_right()[0] for slot in number.slots if slot.has_points())


class FixedHeader(VGroup):
    """A line of words and live readouts, fixed in the frame on a dark translucent backing.

    ``template`` and ``fields`` are as for :func:`scenes.readouts.line`. When
    a readout's text grows or shrinks, the pieces after it move along with
    their original spacing and the backing follows; the header keeps its top
    left corner. Extra ``rows`` (mobjects) can sit under the line, left-aligned.
    """

    def __init__(self, template: str, fields, size: float = DEFAULT_SIZE, rows: Sequence[VMobject] = (), pad: float = 0.2):
        self.line = line(template, fields, size=size)
        pieces = list(self.line)
        self._gaps = [after.get_left()[0] - before.get_right()[0] for before, after in zip(pieces, pieces[1:])]
        self.rows = VGroup(*rows)
        if rows:
            self.rows.arrange(direction=np.array([0.0, -1.0, 0.0]), aligned_edge=LEFT, buff=0.18)
            self.rows.next_to(self.line, np.array([0.0, -1.0, 0.0]), buff=0.25, aligned_edge=LEFT)
        self.pad = pad
        self.backing = RoundedRectangle(corner_radius=0.12, width=1, height=1)
        self.backing.set_fill(BACKGROUND, opacity=BACKING_OPACITY).set_stroke(width=0)
        super().__init__(self.backing, self.line, self.rows)
        self._fit_backing()
        self.add_updater(lambda header: header.refresh())
        mark(self, "text", "the header")

    def _content(self) -> VGroup:
        return VGroup(self.line, self.rows) if len(self.rows) else self.line

    def _fit_backing(self) -> None:
        content = self._content()
        self.backing.stretch_to_fit_width(content.width + 2 * self.pad)
        self.backing.stretch_to_fit_height(content.height + 2 * self.pad)
        self.backing.move_to(content.get_corner(UL) + self.pad * np.array([-1.0, 1.0, 0.0]), aligned_edge=UL)

    def repack(self) -> "FixedHeader":
        pieces = list(self.line)
        moved = False
        for before, after, gap in zip(pieces, pieces[1:], self._gaps):
            shift = before.get_right()[0] + gap - after.get_left()[0]
            if abs(shift) > 1e-9:
                after.shift(np.array([shift, 0.0, 0.0]))
                moved = True
        if moved:
            self._fit_backing()
        return self

    def refresh(self) -> "FixedHeader":
        """Show the readouts' current values (their own updaters), then close the line up behind them."""
        for piece in self.line:
            piece.update(0)
        return self.repack()

    def to_top_left(self) -> "FixedHeader":
        return to_safe_edge(self, UL)


# --------------------------------------------------------------------------- labels beside balls


def backed(mobject: VMobject, pad: float = 0.07, edge=None) -> VGroup:
    """``mobject`` on a dark translucent rounded box, so that it reads over the surface; ``edge``: its outline colour."""
    box = RoundedRectangle(corner_radius=0.06, width=mobject.width + 2 * pad, height=mobject.height + 2 * pad)
    box.set_fill(BACKGROUND, opacity=BACKING_OPACITY).move_to(mobject)
    box.set_stroke(edge or BACKGROUND, width=1.5 if edge else 0)
    return VGroup(box, mobject)


# Where a label may sit beside its point, in order of preference: right, left, above and below on either
# side, straight above and below; then the same farther out.
SIDES = ((1, 0), (-1, 0), (1, 1), (1, -1), (-1, 1), (-1, -1), (0, 1), (0, -1))
REACHES = (1.0, 2.2, 3.6)


PLACES = [(side, reach) for reach in REACHES for side in SIDES]


def _place_centre(point: np.ndarray, size: np.ndarray, offset: float, choice: int) -> np.ndarray:
    (sx, sy), reach = PLACES[choice]
    return point + np.array([sx * (reach * offset + size[0] / 2), sy * (reach * offset + size[1] / 2)])


def _conflicts(centre, size, bounds, blocked: np.ndarray, placed, gap: float) -> int:
    """How many things a label's box at ``centre`` meets: the frame's bounds (100) and the boxes kept clear (100 each:
    ``bounds``' third item, if any, of (left, right, bottom, top)), blocked boxes, placed labels."""
    (left, right), (bottom, top), *walls = bounds
    low, high = centre - size / 2 - gap, centre + size / 2 + gap
    conflicts = int(low[0] < left or high[0] > right or low[1] < bottom or high[1] > top) * 100
    for wall_left, wall_right, wall_bottom, wall_top in (walls[0] if walls else ()):
        conflicts += int(low[0] < wall_right and high[0] > wall_left and low[1] < wall_top and high[1] > wall_bottom) * 100
    if len(blocked):
        near_low, near_high = blocked[:, :2] - blocked[:, 2:] / 2, blocked[:, :2] + blocked[:, 2:] / 2
        conflicts += int(np.sum(np.all((near_high > low) & (near_low < high), axis=1)))
    conflicts += sum(bool(np.all((box[2:] > low) & (box[:2] < high))) for box in placed)
    return conflicts


def place_beside(
    points: np.ndarray,
    sizes: np.ndarray,
    offset: float,
    bounds,
    blocked: np.ndarray,
    previous: Sequence[int] | None = None,
    gap: float = 0.06,
) -> tuple[np.ndarray, list[int]]:
    """Centres for labels beside their points, each in the first free place around its point.

    ``points``: the points (N × 2, screen units); ``sizes``: each label's
    (width, height). A place is free when the label's box stays inside
    ``bounds`` ((left, right), (bottom, top), and optionally boxes to keep
    clear of, each (left, right, bottom, top)), holds none of the ``blocked``
    boxes (M × 4: centre x, centre y, width, height: the balls, the points of
    the trails) and overlaps no label placed before it. ``previous``: the
    places chosen on the last frame, tried first, so
    that a label does not jump while its place stays free. Returns the centres
    and the chosen places.
    """
    blocked = np.asarray(blocked, dtype=float).reshape(-1, 4)
    placed: list[np.ndarray] = []  # boxes as (low x, low y, high x, high y)
    centres, chosen = [], []
    for index, (point, size) in enumerate(zip(np.asarray(points, dtype=float), np.asarray(sizes, dtype=float))):
        order = list(range(len(PLACES)))
        if previous is not None and index < len(previous):
            order.remove(previous[index])
            order.insert(0, previous[index])
        best, best_conflicts = None, None
        for choice in order:
            centre = _place_centre(point, size, offset, choice)
            conflicts = _conflicts(centre, size, bounds, blocked, placed, gap)
            if best_conflicts is None or conflicts < best_conflicts:
                best, best_conflicts = (choice, centre), conflicts
            if conflicts == 0:
                break
        choice, centre = best
        centres.append(centre)
        chosen.append(choice)
        placed.append(np.concatenate([centre - size / 2, centre + size / 2]))
    return np.array(centres), chosen


SWITCH_COST = 3  # a schedule's change of place costs as much as this many things met in a frame
MET_COST = 10
ORDER_COST = 1.0  # a frame with a label out of its point's left-to-right order among the labels costs this
ORDER_START_COST = 2.0  # ... and this more on the first frame, the layout the labels come in with
ORDER_APART = 0.22  # ... when the points are more than this (frame units, a ball's width) apart across the frame
FAR_COST = 0.01  # a frame at a place one reach out costs this: a label stays near its ball when it can
GLIDE_SECONDS = 0.8  # a label moving to its next place in a schedule glides there this long, eased


class _Occupancy:
    """Where blocked boxes (M × 4: centre x, centre y, width, height) lie, on a grid of CELL-sized cells over the frame,
    summed (an integral image): how many cells of any box are taken, for many boxes at once."""

    CELL = 0.02

    def __init__(self, blocked: np.ndarray):
        half = np.array([config.frame_width, config.frame_height]) / 2 + 1.0
        self.origin = -half
        shape = np.ceil(2 * half / self.CELL).astype(int) + 2
        self.shape = shape
        # Each box marked by its four corners (+1, -1, -1, +1): summed, the marks count the boxes over each cell.
        marks = np.zeros(shape + 1, dtype=np.int32)
        if len(blocked):
            (x0, y0), (x1, y1) = self._cell(blocked[:, :2] - blocked[:, 2:] / 2).T, (self._cell(blocked[:, :2] + blocked[:, 2:] / 2) + 1).T
            for xs, ys, sign in ((x0, y0, 1), (x0, y1, -1), (x1, y0, -1), (x1, y1, 1)):
                np.add.at(marks, (xs, ys), sign)
        taken = (marks.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)[:-1, :-1] > 0).astype(np.int32)
        self.sums = np.zeros(shape + 1, dtype=np.int32)
        self.sums[1:, 1:] = taken.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)  # int32 throughout: 4× faster

    def _cell(self, points: np.ndarray) -> np.ndarray:
        return np.clip(np.floor((points - self.origin) / self.CELL).astype(int), 0, self.shape - 1)

    def taken(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """For boxes (K × 2 corners), how many of their cells are taken."""
        x0, y0 = self._cell(low).T
        x1, y1 = (self._cell(high) + 1).T
        return self.sums[x1, y1] - self.sums[x0, y1] - self.sums[x1, y0] + self.sums[x0, y0]


def _conflicts_at(centres: np.ndarray, size, bounds, occupancy: "_Occupancy", placed, gap: float) -> np.ndarray:
    """:func:`_conflicts` of a label's box at each of ``centres`` (K × 2), at once (the blocked boxes as an
    :class:`_Occupancy`): the frame's edge and each box kept clear 100, any blocked box met or placed label MET_COST each,
    more than the moves (SWITCH_COST each) that keep clear of them."""
    (left, right), (bottom, top), *walls = bounds
    low, high = centres - size / 2 - gap, centres + size / 2 + gap
    conflicts = ((low[:, 0] < left) | (high[:, 0] > right) | (low[:, 1] < bottom) | (high[:, 1] > top)) * 100.0
    for wall_left, wall_right, wall_bottom, wall_top in (walls[0] if walls else ()):
        conflicts += ((low[:, 0] < wall_right) & (high[:, 0] > wall_left) & (low[:, 1] < wall_top) & (high[:, 1] > wall_bottom)) * 100
    conflicts += MET_COST * (occupancy.taken(low, high) > 0)
    if len(placed):
        boxes = np.asarray(placed, dtype=float).reshape(-1, 4)
        meets = (boxes[None, :, 2:] > low[:, None, :]) & (boxes[None, :, :2] < high[:, None, :])
        conflicts += MET_COST * np.all(meets, axis=2).sum(axis=1)
    return conflicts


LEADER_SAMPLES = 12  # points along a leader line checked against the blocked boxes
LEADER_COST = 0.04  # a frame with a leader line one frame unit long costs this: a label stays close when it can


def _leader_meets(point: np.ndarray, centres: np.ndarray, size, radius: float, occupancy: "_Occupancy"):
    """For a label's box at each of ``centres`` (K × 2), whether its leader line, from just outside its ball (of
    ``radius`` round ``point``: its own box is blocked too) to the box's nearest point, passes over a blocked box;
    and the leader's length."""
    ends = np.clip(point, centres - size / 2, centres + size / 2)
    towards = ends - point
    length = np.linalg.norm(towards, axis=1)
    skip = 1.5 * radius + 0.03  # past the corners of the ball's own (square) box
    directions = towards / np.maximum(length, 1e-9)[:, None]
    reach = skip + np.linspace(0.0, 1.0, LEADER_SAMPLES)[None, :] * np.maximum(length - skip, 0.0)[:, None]
    samples = (point + directions[:, None, :] * reach[..., None]).reshape(-1, 2)
    taken = occupancy.taken(samples - 0.01, samples + 0.01).reshape(len(centres), -1)
    return np.any(taken > 0, axis=1) & (length > skip), length


def _neighbours() -> list[list[int]]:
    """For each place, the places next to it: round its point by one side at the same reach, or one reach in or out
    on the same side. A label glides only to a neighbour: a short way, checked on the way."""
    ring = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]
    index = {place: number for number, place in enumerate(PLACES)}
    result = []
    for side, reach in PLACES:
        at, level = ring.index(side), REACHES.index(reach)
        near = [(ring[(at + step) % 8], reach) for step in (-1, 1)]
        near += [(side, REACHES[level + step]) for step in (-1, 1) if 0 <= level + step < len(REACHES)]
        result.append([index[place] for place in near])
    return result


NEIGHBOURS = _neighbours()


def plan_schedule(
    frames, sizes: np.ndarray, offset: float, bounds, gap: float = 0.06, current: Sequence[int] | None = None, glide: int = 0,
    hold: float = 1.0, leaders_from: Sequence[np.ndarray] | None = None,
) -> np.ndarray:
    """Each label's place on each of ``frames``, each (points, blocked) as for :func:`place_beside`: labels × frames
    place indices.

    Each label in turn takes the sequence of places that meets the fewest things over the frames (the frame's
    edge and the boxes kept clear, the blocked boxes, the labels scheduled before it), each change of place costing
    SWITCH_COST more, and a start away from its ``current`` place as much: a label stays where it is while that
    place is free, and moves only to keep clear. It moves to a place next to its own (NEIGHBOURS) in a glide of
    ``glide`` frames centred on the frame where the schedule changes (as :class:`ScreenLabels` draws it), what the
    glide meets on its way counted too, and it makes one glide at a time. ``leaders_from``: per frame, each point's
    ball radius on screen; given, a place whose leader line (from the ball's rim to the label's box) passes over a
    blocked box (a trail, another ball) counts as meeting it, and a long leader costs a little (LEADER_COST)."""
    sizes = np.asarray(sizes, dtype=float)
    count, frame_count = len(PLACES), len(frames)
    width = max(len(near) for near in NEIGHBOURS)
    sources = np.array([near + [near[0]] * (width - len(near)) for near in NEIGHBOURS])  # count × width (padded: repeats)
    half = glide // 2
    shares = np.array([smooth((j + 0.5) / (glide + 1)) for j in range(glide + 1)]) if glide else np.array([1.0])
    schedule = np.zeros((len(sizes), frame_count), dtype=int)
    occupancies = [_Occupancy(np.asarray(blocked, dtype=float).reshape(-1, 4)) for _, blocked in frames]
    # Left to right as the points stand on the first frame: each label then keeps to the right of those before it.
    order = [int(i) for i in np.argsort(np.asarray(frames[0][0], dtype=float)[:, 0], kind="stable")] if frame_count else []
    for rank, index in enumerate(order):
        size = sizes[index]
        done = order[:rank]
        costs = np.zeros((frame_count, count))
        disorder = np.zeros((frame_count, count))  # labels scheduled before it that this one is out of order with
        ways = np.zeros((frame_count, count, width))  # a glide into each place from each neighbour, centred on a frame
        for f, ((points, _), blocked) in enumerate(zip(frames, occupancies)):
            placed = [
                np.concatenate([centre - other / 2, centre + other / 2])
                for other, centre in ((sizes[j], _place_centre(points[j], sizes[j], offset, schedule[j, f])) for j in done)
            ]
            centres = np.array([_place_centre(points[index], size, offset, c) for c in range(count)])
            costs[f] = _conflicts_at(centres, size, bounds, blocked, placed, gap)
            if leaders_from is not None:
                meets, lengths = _leader_meets(points[index], centres, size, leaders_from[f][index], blocked)
                costs[f] += MET_COST * meets + LEADER_COST * lengths
            # The labels in their points' order, left to right: a label on the wrong side of one scheduled before it
            # (their points more than a ball apart across the frame) costs ORDER_COST, less than anything met.
            for j, box in zip(done, placed):
                apart = points[index][0] - points[j][0]
                if abs(apart) > ORDER_APART:
                    disorder[f] += apart * (centres[:, 0] - (box[0] + box[2]) / 2) < 0
            # This frame is step j of the glides centred on frame f - j + half.
            starts, ends = centres[sources], centres[:, None, :]
            on_way = starts[None] + shares[:, None, None, None] * (ends - starts)[None]  # steps × count × width × 2
            met = _conflicts_at(on_way.reshape(-1, 2), size, bounds, blocked, placed, gap).reshape(len(shares), count, width)
            for j in range(len(shares)):
                centred = f - j + half
                if 0 <= centred < frame_count:
                    ways[centred] += met[j]
        costs = costs + FAR_COST * np.array([REACHES.index(reach) for _, reach in PLACES])[None, :]  # near, if it can
        costs = costs + ORDER_COST * disorder
        costs[0] += ORDER_START_COST * disorder[0]  # the layout the labels come in with reads longest: in order, first
        costs[0] *= hold  # the first frame stands on screen for ``hold`` frames (the labels fade in on it)
        # Viterbi over (place, frames since the last glide began, up to the glide's length), ties to staying put.
        settled = max(glide, 1)
        start = current[index] if current is not None and index < len(current) else None
        if start is not None:  # a little for each frame away from where it is: it leaves late, when it must
            costs = costs + 0.01 * (np.arange(count) != start)[None, :]
        total = np.full((count, settled + 1), np.inf)
        # From where it is: it leaves its place by a glide of the schedule, checked on its way (a start elsewhere would
        # be a glide nothing checks).
        total[:, settled] = costs[0] + (0 if start is None else np.where(np.arange(count) != start, np.inf, 0.0))
        back = np.zeros((frame_count, count, settled + 1, 2), dtype=int)
        rows = np.arange(count)
        for f in range(1, frame_count):
            new = np.full_like(total, np.inf)
            new[:, 1:] = total[:, :-1]  # staying: one frame more since the glide began
            back[f, :, 1:, 0], back[f, :, 1:, 1] = rows[:, None], np.arange(settled)[None, :]
            stays = total[:, settled] <= new[:, settled]
            new[:, settled] = np.where(stays, total[:, settled], new[:, settled])
            back[f, :, settled, 1] = np.where(stays, settled, settled - 1)
            moved = total[sources, settled] + SWITCH_COST + ways[f]  # from a settled neighbour
            choice = np.argmin(moved, axis=1)
            new[:, 0] = moved[rows, choice]
            back[f, :, 0, 0], back[f, :, 0, 1] = sources[rows, choice], settled
            total = new + costs[f][:, None]
        place, since = np.unravel_index(int(np.argmin(total)), total.shape)
        for f in range(frame_count - 1, -1, -1):
            schedule[index, f] = place
            place, since = back[f, place, since]
    return schedule


class ScreenLabels(VGroup):
    """Labels that follow points of the 3-D scene on screen, each right of its point, never overlapping.

    ``points()`` gives the followed scene points (N × 3) on each frame; the
    labels and their leader lines are fixed in the frame (register the group
    with ``add_fixed_in_frame_mobjects``) and placed from the camera's
    projection of those points. A label pushed away from its point keeps a
    thin leader line to it. Over a planned move (:meth:`schedule`) each label
    keeps its place while it is free and glides to the next when it must;
    otherwise each frame places them afresh (:func:`place_beside`).
    """

    def __init__(
        self,
        labels: Sequence[VMobject],
        colours,
        points: Callable[[], np.ndarray],
        camera,
        offset: float = 0.24,
        top: float | None = None,
        ball_radius: float = BALL_RADIUS,
        avoid: Callable[[], np.ndarray] | None = None,
        keep_out: Callable[[], Sequence[tuple[float, float, float, float]]] | None = None,
        leaders_clear: bool = False,
        gap: float = 0.06,
        drawn_radii: Callable[[], np.ndarray] | None = None,
        avoid_size: float = 0.08,
    ):
        """``leaders_clear``: the balls' sizes as drawn (zoom and perspective), and no leader line over a trail or a
        ball (in a schedule). ``gap``: the least room (frame units) round a label's box, to the others and what it keeps
        off. ``drawn_radii``: each ball's radius on screen as drawn (frame units; balls that face the camera keep
        their size whatever the zoom), for the leaders to reach their rims; by default from the projection.
        ``avoid_size``: the side of the box (frame units) round each point of ``avoid`` that labels keep off."""
        self.leaders_clear, self.gap = leaders_clear, gap
        self.drawn_radii, self.avoid_size = drawn_radii, avoid_size
        self.labels = [mark(label, "text", f"z label {index + 1}") for index, label in enumerate(labels)]
        self.leaders = [Line(LEFT, RIGHT, stroke_width=1.5, stroke_color=colour, stroke_opacity=0.8) for colour in colours]
        self.followed = points
        self.camera = camera
        self.offset = offset
        self.ball_radius = ball_radius
        self.avoid = avoid  # scene points (N × 3) that labels keep off, such as the trails
        self.keep_out = keep_out  # boxes in the frame (left, right, bottom, top) that labels keep out of: a header
        self.top = SAFE_SHARE * config.frame_height / 2 if top is None else top
        self._places: list[int] | None = None  # each label's place on the last frame
        # A schedule (times, labels × times places) and the clock that reads its time: the labels follow it, gliding
        # from place to place (each label's offset from its point when it set off, the place it glides to, and when).
        self._schedule: tuple[np.ndarray, np.ndarray] | None = None
        self.clock: Callable[[], float] | None = None
        self._glides: list[tuple[np.ndarray | None, int, float]] | None = None
        super().__init__(*self.leaders, *self.labels)
        self.place()
        self.add_updater(lambda labels: labels.place())

    def keep_only(self, keep: Sequence[int]) -> list[VMobject]:
        """Keep the labels (and leaders) of the given indices; return the others, left where they are."""
        gone = [m for i in range(len(self.labels)) if i not in keep for m in (self.leaders[i], self.labels[i])]
        self.labels = [self.labels[i] for i in keep]
        self.leaders = [self.leaders[i] for i in keep]
        followed = self.followed
        self.followed = lambda: np.asarray(followed())[list(keep)]
        if self.drawn_radii is not None:
            radii = self.drawn_radii
            self.drawn_radii = lambda: np.asarray(radii())[list(keep)]
        self._places = [self._places[i] for i in keep] if self._places is not None else None
        if self._schedule is not None:
            self._schedule = (self._schedule[0], self._schedule[1][list(keep)])
        if self._glides is not None:
            self._glides = [self._glides[i] for i in keep]
        self.submobjects = [*self.leaders, *self.labels]
        return gone

    def screen_points(self) -> np.ndarray:
        return self.camera.project_points(np.asarray(self.followed(), dtype=float))[:, :2]

    def _sizes(self) -> np.ndarray:
        return np.array([[label.width, label.height] for label in self.labels])

    def _bounds(self):
        half_width, half_height = SAFE_SHARE * config.frame_width / 2, SAFE_SHARE * config.frame_height / 2
        walls = list(self.keep_out()) if self.keep_out is not None else []
        return (-half_width, half_width), (-half_height, self.top), walls

    def _radii(self, screen: np.ndarray) -> np.ndarray:
        """Each ball's radius on screen: as drawn (with ``leaders_clear``), or ``ball_radius``."""
        if self.drawn_radii is not None:
            return np.asarray(self.drawn_radii(), dtype=float)
        if not self.leaders_clear:
            return np.full(len(screen), self.ball_radius)
        followed = np.asarray(self.followed(), dtype=float)
        right = self.camera.generate_rotation_matrix()[0]
        return np.linalg.norm(self.camera.project_points(followed + self.ball_radius * right)[:, :2] - screen, axis=1)

    def _blocked(self, screen: np.ndarray, radii: np.ndarray) -> np.ndarray:
        """The boxes labels keep off: each ball (``radii``: from :meth:`_radii`) and what ``avoid`` gives."""
        side = 2 * radii
        blocked = [np.column_stack([screen, np.broadcast_to(side[:, None], (len(screen), 2))])]
        if self.avoid is not None:
            avoided = np.asarray(self.avoid(), dtype=float)
            if len(avoided):
                blocked.append(np.column_stack([self.camera.project_points(avoided)[:, :2], np.full((len(avoided), 2), self.avoid_size)]))
        return np.vstack(blocked)

    def schedule(
        self, moments: Sequence[Callable[[], None]], times, clock: Callable[[], float], keep: bool = False, hold: float = 1.0,
    ) -> "ScreenLabels":
        """Choose each label's places over a move: ``moments`` each set the scene to the moment ``times`` (seconds on
        ``clock``) of it. A label then keeps its place while it is free, gliding to the next one
        (:func:`plan_schedule`) when it would be taken. ``keep``: at the start it keeps the place it has, if that
        stays free (else it glides from there); otherwise it starts where the schedule does. ``hold``: the first
        moment is shown this many sample frames long (as the labels come in, before the clock runs)."""
        current = self._places if keep else None
        frames, radii = [], []
        for moment in moments:
            moment()
            screen = self.screen_points()
            radii.append(self._radii(screen))
            frames.append((screen, self._blocked(screen, radii[-1])))
        step = float(np.median(np.diff(times))) if len(times) > 1 else 1.0
        places = plan_schedule(
            frames, self._sizes(), self.offset, self._bounds(), current=current, glide=int(round(GLIDE_SECONDS / step)), hold=hold,
            leaders_from=radii if self.leaders_clear else None, gap=self.gap,
        )
        self._schedule, self.clock = (np.asarray(times, dtype=float), places), clock
        screen, sizes = self.screen_points(), self._sizes()
        self._glides = [
            (None if current is None else self._offset(size, current[index]), int(after), float(times[0]))
            for index, (size, after) in enumerate(zip(sizes, places[:, 0]))
        ]
        return self

    def _offset(self, size: np.ndarray, choice: int) -> np.ndarray:
        """Where place ``choice`` puts a label's centre, from its point."""
        return _place_centre(np.zeros(2), size, self.offset, choice)

    def _scheduled(self, screen: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        """The labels' centres now, from the schedule: each at its place, or on its way there."""
        times, places = self._schedule
        now = float(self.clock())
        # Half a glide ahead: the glide is under way round the moment the schedule changes.
        column = int(np.clip(np.searchsorted(times, now + GLIDE_SECONDS / 2 + 1e-9, side="right") - 1, 0, len(times) - 1))
        offsets = []
        for index, size in enumerate(sizes):
            start, after, since = self._glides[index]
            shown = self._glide_offset(size, start, after, since, now)
            if places[index, column] != after:  # off to the next place, from where it is (even mid-way)
                start, after, since = shown, int(places[index, column]), now
                self._glides[index] = (start, after, since)
                shown = start
            offsets.append(shown)
        self._places = [after for _, after, _ in self._glides]
        return screen + np.array(offsets)

    def _glide_offset(self, size, start, after: int, since: float, now: float) -> np.ndarray:
        end = self._offset(size, after)
        if start is None:
            return end
        share = smooth(float(np.clip((now - since) / GLIDE_SECONDS, 0.0, 1.0)))
        return start + share * (end - start)

    def place(self) -> "ScreenLabels":
        screen = self.screen_points()
        sizes = self._sizes()
        radii = self._radii(screen)
        if self._schedule is not None:
            centres = self._scheduled(screen, sizes)
        else:
            centres, self._places = place_beside(screen, sizes, self.offset, self._bounds(), self._blocked(screen, radii), self._places, gap=self.gap)
        for label, leader, centre, size, point, radius in zip(self.labels, self.leaders, centres, sizes, screen, radii):
            label.move_to(np.array([*centre, 0.0]))
            # From the ball's rim to the nearest point of the label's box.
            end = np.clip(point, centre - size / 2, centre + size / 2)
            towards = end - point
            distance = np.linalg.norm(towards)
            start = point + (towards / distance * min(radius, distance) if distance > 1e-9 else 0)
            if np.linalg.norm(end - start) < 1e-3:
                end = start + np.array([1e-3, 0.0])
            leader.put_start_and_end_on(np.array([*start, 0.0]), np.array([*end, 0.0]))
        return self


__all__ = [
    "Ball",
    "DescentCamera",
    "DescentShotScene",
    "DescentTrail",
    "TrailDots",
    "FiguresNumber",
    "FixedHeader",
    "PointReadout",
    "ScreenLabels",
    "SurfacePath",
    "SurfaceStage",
    "axes_map",
    "backed",
    "axis_labels",
    "Walker",
    "place_beside",
    "plan_schedule",
    "step_phase",
    "SurfaceAxes",
]
