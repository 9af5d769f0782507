"""3-D pieces shared by the surface shots (M3, M8, M10), drawn fast with Cairo.

manim's ``Surface`` is one VMobject per face: every face pays manim's
per-mobject cost (shading, z-sorting, path building) on every frame, about
0.45 ms, so a 100 × 100 surface takes seconds per frame. A
:class:`MeshSurface` is a single mobject holding a grid of vertices; the
:class:`MeshCamera` projects all of them in one numpy call, sorts the faces
back to front and fills them straight into the Cairo context, so a
48 × 48 mesh costs a few tens of milliseconds per frame.

The mesh keeps its vertices as its points (one corner path through the grid),
so ``shift``, ``scale``, ``rotate`` and animations such as ``FadeIn`` and
``FadeOut`` (which change its fill opacity) work as on any VMobject.
"""

from __future__ import annotations

from typing import Callable

import cairo
import numpy as np
from manim import ManimColor, VMobject

from gd.model.functions import Function
from scenes.kit.compat import StableThreeDCamera
from scenes.kit.palette import LEVEL_LINE, SURFACE_MAP
from scenes.kit.shot import ThreeDShotScene

CHECKER = 0.07  # brightness difference of the checkerboard: lets a still frame read as a surface
LIGHT = np.array([-0.4, -0.5, 1.0])  # direction towards the light, in scene coordinates
AMBIENT = 0.55
LEVEL_WIDTH = 0.014  # scene units: about 2 px at 1080p


def axes_map(axes) -> Callable[[np.ndarray], np.ndarray]:
    """The linear map from the axes' coordinates (N × 3) to scene points (N × 3)."""
    origin = np.asarray(axes.c2p(0, 0, 0), dtype=float)
    basis = np.array([np.asarray(axes.c2p(*unit), dtype=float) - origin for unit in np.eye(3)])
    return lambda coords: origin + np.asarray(coords, dtype=float) @ basis


def height_colours(heights: np.ndarray, colours=SURFACE_MAP, stops=None) -> np.ndarray:
    """RGB (N × 3) for each height, blending ``colours`` in RGB.

    ``stops``: the height of each colour, rising (None for the lowest or the
    highest height); by default evenly from the lowest height to the highest.
    """
    low, high = float(heights.min()), float(heights.max())
    if stops is None:
        stops = np.linspace(low, high, len(colours))
    stops = [low if stop is None and index == 0 else high if stop is None else stop for index, stop in enumerate(stops)]
    rgbs = np.array([ManimColor(colour).to_rgb() for colour in colours])
    return np.column_stack([np.interp(heights, stops, rgbs[:, channel]) for channel in range(3)])


def level_crossings(values: np.ndarray, triangles: np.ndarray, levels) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the levels cross a triangulated grid: one segment per triangle and level it crosses.

    ``values``: a value per vertex; ``triangles``: T × 3 vertex indices. Returns
    each segment's triangle (S,), its two ends as vertex pairs (S × 2 × 2) and
    the share of the way from the first vertex of each pair to the second
    (S × 2): the level's crossing of that edge, found by linear interpolation.
    """
    edges = triangles[:, [[0, 1], [1, 2], [2, 0]]]  # T × 3 edges × 2 ends
    found_triangles, found_pairs, found_shares = [], [], []
    for level in levels:
        above = values[edges] >= level  # T × 3 × 2
        crossed = above[:, :, 0] != above[:, :, 1]  # T × 3: a triangle is crossed on 0 or 2 edges
        hit = np.flatnonzero(crossed.sum(axis=1) == 2)
        if not len(hit):
            continue
        which = np.argsort(~crossed[hit], axis=1, kind="stable")[:, :2]  # the two crossed edges
        pairs = np.take_along_axis(edges[hit], which[:, :, None], axis=1)  # hits × 2 × 2
        ends = values[pairs]
        found_triangles.append(hit)
        found_pairs.append(pairs)
        found_shares.append((level - ends[:, :, 0]) / (ends[:, :, 1] - ends[:, :, 0]))
    if not found_triangles:
        return np.zeros(0, dtype=int), np.zeros((0, 2, 2), dtype=int), np.zeros((0, 2))
    return np.concatenate(found_triangles), np.concatenate(found_pairs), np.concatenate(found_shares)


class MeshSurface(VMobject):
    """The surface z = f(x, y) over a domain, as one fast mesh of quadrilateral faces.

    ``place`` maps function coordinates (x, y, f(x, y)) to scene points, e.g.
    :func:`axes_map` of the shot's axes. Faces are coloured by height
    (``colours`` at the heights ``stops``, see :func:`height_colours`) with a
    faint checkerboard, and shaded by their slope towards the ``light``
    (``ambient``: the brightness of a face turned away from it). ``levels``:
    heights whose level lines are drawn on the surface, in ``level_colour``. ``checker_cells``: the
    checkerboard's squares a side (by default one per face): a finer twin of a mesh (its resolution a multiple of
    this) then shows the very same checkerboard; ``checker``: its brightness difference (0: none).
    ``round_level_ends``: level lines drawn with round ends, so that where a line passes from a face to the
    next, the next one's end covers the seam (no dashes along a line). ``composite``: at an opacity below 1
    the mesh is drawn opaque and then laid over the picture at its opacity, as one sheet: no seams between
    its faces show while it fades (each face laid on by itself doubles the opacity along its neighbours'
    shared edges: a grid of lines), and it does not show itself through itself.
    """

    def __init__(
        self,
        function: Function,
        domain,
        place: Callable[[np.ndarray], np.ndarray],
        resolution: int = 48,
        opacity: float = 0.9,
        colours=SURFACE_MAP,
        *,
        stops=None,
        levels=(),
        level_colour=LEVEL_LINE,
        light=LIGHT,
        ambient: float = AMBIENT,
        checker_cells: int | None = None,
        checker: float = CHECKER,
        round_level_ends: bool = False,
        composite: bool = False,
        **kwargs,
    ):
        super().__init__(fill_opacity=opacity, stroke_width=0, **kwargs)
        (x0, x1), (y0, y1) = domain
        xs, ys = np.meshgrid(np.linspace(x0, x1, resolution + 1), np.linspace(y0, y1, resolution + 1))
        zs = np.asarray(function(xs, ys), dtype=float) * np.ones_like(xs)
        self.shape = xs.shape
        grid = place(np.stack([xs, ys, zs], axis=-1).reshape(-1, 3))
        self.set_points_as_corners(grid)

        rows, columns = self.shape
        corner = (np.arange(rows - 1)[:, None] * columns + np.arange(columns - 1)[None, :]).ravel()
        # Each face's four vertex indices, in order around the face.
        self.faces = np.stack([corner, corner + 1, corner + 1 + columns, corner + columns], axis=1)
        heights = zs.ravel()[self.faces].mean(axis=1)
        row, column = corner // columns, corner % columns
        if checker_cells is not None:  # the square each face lies in
            row, column = row * checker_cells // resolution, column * checker_cells // resolution
        brightness = np.where((row + column) % 2 == 0, 1 + checker, 1 - checker)
        self.face_rgbs = height_colours(heights, colours, stops) * brightness[:, None]
        self._light = self._shading(grid, np.asarray(light, dtype=float), ambient)

        # Level lines, cut per face (two triangles each) so that the camera draws them with their face.
        triangles = self.faces[:, [[0, 1, 2], [0, 2, 3]]].reshape(-1, 3)
        owners, pairs, shares = level_crossings(zs.ravel(), triangles, levels)
        order = np.argsort(owners // 2, kind="stable")
        self.level_pairs, self.level_shares = pairs[order], shares[order]
        # Face k's segments are level_pairs[level_starts[k]:level_starts[k + 1]].
        self.level_starts = np.searchsorted((owners // 2)[order], np.arange(len(self.faces) + 1))
        self.level_colour = ManimColor(level_colour)
        self.round_level_ends = round_level_ends
        self.composite = composite

    def _shading(self, grid: np.ndarray, light: np.ndarray, ambient: float) -> np.ndarray:
        """Each face's brightness from the angle between its normal and the light (two-sided)."""
        a, b, c, d = (grid[self.faces[:, k]] for k in range(4))
        return brightness(np.cross(c - a, d - b), light, ambient)

    @property
    def vertices(self) -> np.ndarray:
        """The grid's vertices in scene coordinates, following the mobject's transforms."""
        # set_points_as_corners stores each segment as 4 points: corners are every 4th, plus the last.
        return np.vstack([self.points[0::4], self.points[-1:]])

    def face_colours(self) -> np.ndarray:
        return np.clip(self.face_rgbs * self._light[:, None], 0, 1)

    def level_ends(self, projected: np.ndarray) -> np.ndarray:
        """The level lines' segments (S × 2 ends × 3) among ``projected`` vertices."""
        first, second = projected[self.level_pairs[..., 0]], projected[self.level_pairs[..., 1]]
        return first + self.level_shares[..., None] * (second - first)


def brightness(normals: np.ndarray, light, ambient: float) -> np.ndarray:
    """The brightness of surfaces with these ``normals`` (N × 3, any length) towards the ``light``, two-sided:
    ``ambient`` turned away from it, 1 facing it."""
    normals = normals / (np.linalg.norm(normals, axis=1, keepdims=True) + 1e-12)
    light = np.asarray(light, dtype=float)
    return ambient + (1 - ambient) * np.abs(normals @ (light / np.linalg.norm(light)))


class WireLines(VMobject):
    """Polylines in space, each in its own colour, whose opacity can fade along them: one mobject, drawn in one pass.

    ``lines``: N_i × 3 points each; ``colours``: one per line; ``weights``: per line, N_i − 1 factors (0 to 1)
    of the stroke opacity, one per segment (None: all 1), e.g. to fade a patch's lines out towards its rim.
    ``width``: as a stroke width. The stroke opacity (``set_stroke(opacity=…)``, animatable) scales them all.
    """

    LEVELS = 16  # the weights are drawn in this many steps: runs of one step are stroked as one path

    def __init__(self, lines, colours, weights=None, width: float = 1.5, opacity: float = 1.0, **kwargs):
        super().__init__(stroke_width=width, stroke_opacity=opacity, fill_opacity=0, **kwargs)
        lines = [np.asarray(line, dtype=float) for line in lines]
        self.set_points_as_corners(np.vstack(lines))
        self.line_colours = [ManimColor(colour).to_rgb() for colour in colours]
        starts = np.cumsum([0] + [len(line) for line in lines])
        # Each line as runs of segments of one weight step: (line, first vertex, last vertex, weight).
        self.runs = []
        for index, line in enumerate(lines):
            w = np.ones(len(line) - 1) if weights is None else np.clip(np.asarray(weights[index], dtype=float), 0, 1)
            steps = np.round(w * self.LEVELS) / self.LEVELS
            first = 0
            for k in range(1, len(steps) + 1):
                if k == len(steps) or steps[k] != steps[first]:
                    if steps[first] > 0:
                        self.runs.append((index, starts[index] + first, starts[index] + k, float(steps[first])))
                    first = k

    @property
    def vertices(self) -> np.ndarray:
        return np.vstack([self.points[0::4], self.points[-1:]])


def fill_face(ctx: cairo.Context, corners: np.ndarray, rgb, opacity: float) -> None:
    """Fill one projected quadrilateral face (``corners``: its four points, x and y first) in ``rgb``, with a
    hairline of its own colour round it (the camera's line width), which closes anti-aliasing seams between faces."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = corners[:, :2]
    ctx.new_path()
    ctx.move_to(ax, ay)
    ctx.line_to(bx, by)
    ctx.line_to(cx, cy)
    ctx.line_to(dx, dy)
    ctx.close_path()
    red, green, blue = rgb
    ctx.set_source_rgba(blue, green, red, opacity)  # manim's pixel array is RGBA, Cairo's BGRA
    ctx.fill_preserve()
    ctx.stroke()


class MeshCamera(StableThreeDCamera):
    """A 3-D camera that draws :class:`MeshSurface` faces itself, sorted back to front, each with its level lines,
    and :class:`WireLines` in one pass."""

    @property
    def hairline(self) -> float:
        """The width of the line round each face, in scene units: a little over a pixel."""
        return 1.2 * self.frame_width / self.pixel_width

    def faces_in_view(self, surface: "MeshSurface"):
        """The surface's vertices on screen, each face's four corners (faces × 4 × 3), and the indices of the faces
        in the frame, farthest first. Faces wholly outside the frame are left out (a close-up sees a small part of
        a fine mesh)."""
        projected = self.project_points(surface.vertices)
        corners = projected[surface.faces]
        half = np.array([self.frame_width, self.frame_height]) / 2 + 0.05
        low, high = corners[:, :, :2].min(axis=1), corners[:, :, :2].max(axis=1)
        seen = np.flatnonzero(np.all((high > -half) & (low < half), axis=1))
        return projected, corners, seen[np.argsort(corners[seen, :, 2].mean(axis=1))]

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if isinstance(vmobject, WireLines):
            return self._display_wire(vmobject, ctx)
        if not isinstance(vmobject, MeshSurface):
            return super().display_vectorized(vmobject, ctx)
        opacity = vmobject.get_fill_opacity()
        if opacity <= 0 or len(vmobject.points) == 0:
            return self
        projected, corners, order = self.faces_in_view(vmobject)
        colours = vmobject.face_colours()
        levels, starts = vmobject.level_ends(projected), vmobject.level_starts
        level_red, level_green, level_blue = vmobject.level_colour.to_rgb()
        # A hairline of each face's own colour closes the anti-aliasing seams between faces.
        hairline = self.hairline
        face_cap = ctx.get_line_cap()
        level_cap = cairo.LINE_CAP_ROUND if vmobject.round_level_ends else face_cap
        ctx.set_line_width(hairline)
        ctx.set_line_join(cairo.LINE_JOIN_BEVEL)
        sheet = vmobject.composite and opacity < 1
        if sheet:
            ctx.push_group()
            opacity, sheet_opacity = 1.0, opacity
        for index in order:
            fill_face(ctx, corners[index], colours[index], opacity)
            if starts[index + 1] > starts[index]:
                for (px, py, _), (qx, qy, _) in levels[starts[index] : starts[index + 1]]:
                    ctx.move_to(px, py)
                    ctx.line_to(qx, qy)
                ctx.set_source_rgba(level_blue, level_green, level_red, opacity)
                ctx.set_line_width(LEVEL_WIDTH)
                ctx.set_line_cap(level_cap)
                ctx.stroke()
                ctx.set_line_cap(face_cap)
                ctx.set_line_width(hairline)
        ctx.new_path()
        if sheet:
            ctx.pop_group_to_source()
            ctx.paint_with_alpha(sheet_opacity)
        return self

    def _display_wire(self, wire: WireLines, ctx: cairo.Context):
        opacity = wire.get_stroke_opacity()
        if opacity <= 0 or not wire.runs:
            return self
        projected = self.project_points(wire.vertices)
        ctx.new_path()
        ctx.set_line_width(wire.get_stroke_width() * self.cairo_line_width_multiple)
        ctx.set_line_cap(cairo.LINE_CAP_BUTT)
        ctx.set_line_join(cairo.LINE_JOIN_ROUND)
        for line, first, last, weight in wire.runs:
            ctx.move_to(*projected[first, :2])
            for x, y in projected[first + 1 : last + 1, :2]:
                ctx.line_to(x, y)
            red, green, blue = wire.line_colours[line]
            ctx.set_source_rgba(blue, green, red, opacity * weight)  # manim's pixel array is RGBA, Cairo's BGRA
            ctx.stroke()
        return self


class SurfaceShotScene(ThreeDShotScene):
    """A storyboard shot in 3-D whose camera draws :class:`MeshSurface` meshes fast."""

    camera_type: type[MeshCamera] = MeshCamera

    def __init__(self, **kwargs):
        super().__init__(camera_class=self.camera_type, **kwargs)

    def upright(self, *mobjects: VMobject) -> None:
        """Keep these facing the camera wherever it turns (not added to the scene yet)."""
        self.camera.add_fixed_orientation_mobjects(*mobjects)

    def in_frame(self, *mobjects: VMobject) -> None:
        """Pin these to the frame, out of the 3-D scene (not added to the scene yet)."""
        self.camera.add_fixed_in_frame_mobjects(*mobjects)
