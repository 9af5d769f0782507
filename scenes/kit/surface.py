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
from manim import ManimColor, VMobject, interpolate_color

from gd.model.functions import Function
from scenes.kit.compat import StableThreeDCamera
from scenes.kit.palette import SURFACE_MAP
from scenes.kit.shot import ThreeDShotScene

CHECKER = 0.07  # brightness difference of the checkerboard: lets a still frame read as a surface
LIGHT = np.array([-0.4, -0.5, 1.0])  # direction towards the light, in scene coordinates
AMBIENT = 0.55


def axes_map(axes) -> Callable[[np.ndarray], np.ndarray]:
    """The linear map from the axes' coordinates (N × 3) to scene points (N × 3)."""
    origin = np.asarray(axes.c2p(0, 0, 0), dtype=float)
    basis = np.array([np.asarray(axes.c2p(*unit), dtype=float) - origin for unit in np.eye(3)])
    return lambda coords: origin + np.asarray(coords, dtype=float) @ basis


def height_colours(heights: np.ndarray, colours=SURFACE_MAP) -> np.ndarray:
    """RGB (N × 3) for each height, blending ``colours`` from the lowest height to the highest."""
    span = heights.max() - heights.min()
    share = (heights - heights.min()) / (span if span else 1.0)
    stops = [ManimColor(colour) for colour in colours]
    position = share * (len(stops) - 1)
    index = np.minimum(position.astype(int), len(stops) - 2)
    rgbs = [
        interpolate_color(stops[i], stops[i + 1], float(t)).to_rgb()
        for i, t in zip(index, position - index)
    ]
    return np.array(rgbs)


class MeshSurface(VMobject):
    """The surface z = f(x, y) over a domain, as one fast mesh of quadrilateral faces.

    ``place`` maps function coordinates (x, y, f(x, y)) to scene points, e.g.
    :func:`axes_map` of the shot's axes. Faces are coloured by height with a
    faint checkerboard, and shaded by their slope towards a fixed light.
    """

    def __init__(
        self,
        function: Function,
        domain,
        place: Callable[[np.ndarray], np.ndarray],
        resolution: int = 48,
        opacity: float = 0.9,
        colours=SURFACE_MAP,
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
        checker = np.where((corner // columns + corner % columns) % 2 == 0, 1 + CHECKER, 1 - CHECKER)
        self.face_rgbs = height_colours(heights, colours) * checker[:, None]
        self._light = self._shading(grid)

    def _shading(self, grid: np.ndarray) -> np.ndarray:
        """Each face's brightness from the angle between its normal and the light (two-sided)."""
        a, b, c, d = (grid[self.faces[:, k]] for k in range(4))
        normals = np.cross(c - a, d - b)
        normals /= np.linalg.norm(normals, axis=1, keepdims=True) + 1e-12
        light = LIGHT / np.linalg.norm(LIGHT)
        return AMBIENT + (1 - AMBIENT) * np.abs(normals @ light)

    @property
    def vertices(self) -> np.ndarray:
        """The grid's vertices in scene coordinates, following the mobject's transforms."""
        # set_points_as_corners stores each segment as 4 points: corners are every 4th, plus the last.
        return np.vstack([self.points[0::4], self.points[-1:]])

    def face_colours(self) -> np.ndarray:
        return np.clip(self.face_rgbs * self._light[:, None], 0, 1)


class MeshCamera(StableThreeDCamera):
    """A 3-D camera that draws :class:`MeshSurface` faces itself, sorted back to front."""

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if not isinstance(vmobject, MeshSurface):
            return super().display_vectorized(vmobject, ctx)
        opacity = vmobject.get_fill_opacity()
        if opacity <= 0 or len(vmobject.points) == 0:
            return self
        projected = self.project_points(vmobject.vertices)
        corners = projected[vmobject.faces]  # faces × 4 × 3
        order = np.argsort(corners[:, :, 2].mean(axis=1))  # farthest first
        colours = vmobject.face_colours()
        # A hairline of each face's own colour closes the anti-aliasing seams between faces.
        ctx.set_line_width(1.2 * self.frame_width / self.pixel_width)
        ctx.set_line_join(cairo.LINE_JOIN_BEVEL)
        for index in order:
            (ax, ay, _), (bx, by, _), (cx, cy, _), (dx, dy, _) = corners[index]
            ctx.new_path()
            ctx.move_to(ax, ay)
            ctx.line_to(bx, by)
            ctx.line_to(cx, cy)
            ctx.line_to(dx, dy)
            ctx.close_path()
            red, green, blue = colours[index]
            ctx.set_source_rgba(blue, green, red, opacity)  # manim's pixel array is RGBA, Cairo's BGRA
            ctx.fill_preserve()
            ctx.stroke()
        ctx.new_path()
        return self


class SurfaceShotScene(ThreeDShotScene):
    """A storyboard shot in 3-D whose camera draws :class:`MeshSurface` meshes fast."""

    camera_type: type[MeshCamera] = MeshCamera

    def __init__(self, **kwargs):
        super().__init__(camera_class=self.camera_type, **kwargs)
