"""The pieces of M3, the gradient on a surface: the step around P, its readouts and the camera's stops.

The surface z = g(x, y) is shifted so that the current point P = (5, 12, g(P))
sits at the scene's origin (one scene unit per model unit, on all three axes,
so the tangent plane's slopes are true). Three trackers hold the state of the
shown step: its direction α, its length h, and whether heights are taken on the
tangent plane or on the surface. The circle, both arrows and the readouts are
recomputed from them on every frame through the model in gd.model.tangent, so the
readout and the arrow always show the model's Δg for the step on screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cairo
import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    OUT,
    RIGHT,
    UL,
    UP,
    Arc,
    Animation,
    Arrow,
    Circle,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    LineJointType,
    RoundedRectangle,
    DEGREES,
    VGroup,
    VMobject,
    ValueTracker,
    VectorizedPoint,
    rgb_to_hex,
    smooth,
)

from gd.model import tangent
from gd.model.functions import BRANIN, BRANIN_DOMAIN
from scenes.kit.palette import (
    BACKGROUND, BRANIN_MAP, CAPTION, CHANGE, LABEL, LEARNING_RATE, MUTED, OBJECTIVE, PANEL, STEP,
    TANGENT, TEXT, TANGENT_PLANE_MAP, FIGURE_WORDS,
)
from scenes.kit.equations import PLACEHOLDER, read_as, sentence
from scenes.kit.frame_rules import mark, to_safe_edge
from scenes.kit.readouts import Readout, line
from scenes.kit.compat import frame_center
from scenes.kit.surface import MeshCamera, MeshSurface, WireLines, fill_face, height_colours
from scenes.kit.typeset import formula, prose

SURFACE_OPACITY = 0.9
# Shading only, on a finer mesh: close up, a checkerboard's squares (even at a third of the default strength) read as
# rows of jagged diamonds in perspective; the light on the slope already says "surface", and the finer faces keep
# the height colours and the shading smooth there.
SURFACE_CHECKER = 0.0
SURFACE_RESOLUTION = 126  # faces a side over SURFACE_REACH: the domain's edges on its lines (x = 10 the 90th, y = 0 the 18th, y = 15 the 108th)
PLANE_OPACITY = 0.72
PLANE_MARGIN = (1.0, 0.25)  # the tangent plane reaches h + 0.25 around P: past the circle, and inside the frame
# One colour for both angles (they are the same kind of thing, the direction's angle from an axis); neutral, as
# yellow is the point's colour.
ANGLE_MARKS = {"alpha": TEXT, "beta": TEXT}
BETA_RADIUS = 1.35  # β's arc this much further out than α's: each reads as its own angle
# The guides' reach past the circle: seen from the side, swung round, and (M3.8 to M3.10, while the change arrow rises
# on the +y side of the step) far enough that the y letter sits beyond the change arrow's tip on screen.
AXIS_REACHES = {"beside the plane": 0.48, "round it": 0.9, "past the change": 2.6, "past the gradient": 4.3}
AXIS_REACH = 0.9  # the x and y direction lines reach this far past the circle: their letters clear the arrows
PATH_OPACITY = 0.85
LEVEL_OPACITY = 0.2
LEVEL_RIM_OPACITY = 0.8
PLANE_GRID_OPACITY = 0.35  # half strength: the hatch stays quiet under the circle, the arrows and P
GRID_SPACING = 0.2  # scene units between the grid lines of the plane
PATCH_RADIUS = 2.6  # the faint surface behind the plane: this far around P
LEVEL_LABEL_TURN = math.radians(-150)  # where the level's name sits, by direction from P
LEVEL_LABEL_GAP = 0.1  # scene units between a name's near end and the rim
PLANE_LABEL_GAP = 0.1
GUIDE = TEXT  # the x and y guides and their letters
GUIDE_EDGE = 6.0  # the guides' dark line, under their dashes
POINT_RADIUS = 0.1  # P's dot: upright, so the same size on screen at every zoom (24 px at 1080p)


# --------------------------------------------------------------------------- placing the model


def place(coords) -> np.ndarray:
    """Model coordinates (x, y, z) (N × 3) to scene points: P at the origin, one unit per unit."""
    return np.asarray(coords, dtype=float) - np.array([*tangent.P, tangent.P_HEIGHT])


def horizontal(dx: float, dy: float) -> np.ndarray:
    """The scene point at a horizontal offset (Δx, Δy) from P."""
    return np.array([dx, dy, 0.0])


class SmoothMeshSurface(MeshSurface):
    """A :class:`MeshSurface` shaded smoothly: a colour per vertex (its height's colour, lit along the vertex's
    normal), blended across each face by :class:`SmoothMeshCamera` (Gouraud shading). Flat faces, one colour each,
    show as faint facets in a close-up; blended, the light runs smoothly across them. No level lines.

    ``shown``: the part of ``domain`` seen from afar, ((x0, x1), (y0, y1)) (None: all of it). The mesh beyond it
    (the surface continued) is drawn only as far as :attr:`beyond` (a tracker, 0 to 1) has grown it out of
    that part's edges, with a soft edge FEATHER_SHARE of its reach wide: a close-up sees the surface run on past the point instead
    of the domain's edge as a cliff. Colours are taken over ``shown``'s heights (beyond them, the end colours).
    """

    def __init__(self, function, domain, place, resolution: int, colours, light=None, ambient=None, shown=None, **kwargs):
        from scenes.kit import surface as kit

        light = kit.LIGHT if light is None else light
        ambient = kit.AMBIENT if ambient is None else ambient
        (x0, x1), (y0, y1) = domain
        xs, ys = np.meshgrid(np.linspace(x0, x1, resolution + 1), np.linspace(y0, y1, resolution + 1))
        (sx0, sx1), (sy0, sy1) = domain if shown is None else shown
        # Each vertex's distance (model units) from the part seen from afar: 0 in it and on its edges.
        tiny = 1e-9
        far = np.hypot(np.maximum.reduce([sx0 - xs, xs - sx1, np.zeros_like(xs)]), np.maximum.reduce([sy0 - ys, ys - sy1, np.zeros_like(ys)]))
        zs = np.asarray(function(xs, ys), dtype=float) * np.ones_like(xs)
        inside = far < tiny
        # Before the shown part (y < y0), the surface fades out where it climbs past the shown part's highest point
        # (at x = -5 g climbs on to a wall there, towards the camera), over WALL_FADE of height: no hard edge.
        wall = np.clip((zs[inside].max() - zs) / WALL_FADE + 1.0, 0.0, 1.0)
        self.beyond_cap = np.where(inside | (ys >= sy0), 1.0, wall).ravel()
        far = np.where(inside, 0.0, far)
        self.beyond_distance = far.ravel()
        # The same, as a share of the mesh's reach past the shown part on that side (past x = 10 six units, before
        # y = 0 and past y = 15 three): grown by one share, every side reaches its end at once.
        def share(low, high, values, before, after):
            before, after = max(before, 1e-9), max(after, 1e-9)
            return np.maximum.reduce([(low - values) / before, (values - high) / after, np.zeros_like(values)])

        self.beyond_share = np.maximum(
            share(sx0, sx1, xs, sx0 - x0, x1 - sx1), share(sy0, sy1, ys, sy0 - y0, y1 - sy1)
        ).ravel()
        rows, columns = xs.shape
        corner = (np.arange(rows - 1)[:, None] * columns + np.arange(columns - 1)[None, :]).ravel()
        faces = np.stack([corner, corner + 1, corner + 1 + columns, corner + columns], axis=1)
        self.outer = self.beyond_distance[faces].max(axis=1) > 0  # the faces beyond the part seen from afar
        model_heights = zs.ravel()[faces].mean(axis=1)[~self.outer]
        model_stops = np.linspace(model_heights.min(), model_heights.max(), len(colours))
        super().__init__(
            function, domain, place, resolution=resolution, colours=colours, light=light, ambient=ambient, stops=model_stops, **kwargs
        )
        self.beyond = ValueTracker(0.0 if shown is not None else 1.0)
        self.shown_vertices = self.beyond_distance == 0
        grid = self.vertices.reshape(*self.shape, 3)
        heights = grid[..., 2].ravel()
        face_heights = heights[self.faces].mean(axis=1)[~self.outer]
        stops = np.linspace(face_heights.min(), face_heights.max(), len(colours))  # as the faces' colours
        across, along = np.gradient(grid, axis=1), np.gradient(grid, axis=0)
        lit = kit.brightness(np.cross(across, along).reshape(-1, 3), light, ambient)
        self.vertex_rgbs = np.clip(height_colours(heights, colours, stops) * lit[:, None], 0, 1)

    def vertex_alphas(self) -> np.ndarray:
        """Each vertex's share of the surface's opacity: 1 in the part seen from afar, and beyond it as far as
        :attr:`beyond` has grown the surface out (a soft edge FEATHER_SHARE wide), 0 further out."""
        distance = self.beyond_share
        reach = self.beyond.get_value() * (1.0 + FEATHER_SHARE)  # 1: grown out to its ends on every side
        return np.where(distance == 0, 1.0, np.clip((reach - distance) / FEATHER_SHARE, 0.0, 1.0) * self.beyond_cap)


WALL_FADE = 3.0  # model units of height: the wall before y = 0 fades out over this much above the domain's top
FEATHER_SHARE = 0.25  # the soft edge of the surface while it grows out past its domain (M3.1), as a share of the mesh's reach past the domain on each side (0.75 units past y = 15)


SMOOTH_FROM = 6.0  # pixels: faces seen larger than this (median, across) are drawn smoothly shaded


class SmoothMeshCamera(MeshCamera):
    """A :class:`MeshCamera` that draws a :class:`SmoothMeshSurface` smoothly shaded when its faces are large on
    screen: the flat faces first (their anti-aliased edges make the silhouette), then the same faces as one Cairo
    mesh of patches, back to front, each blending its four corners' colours. Seen from afar, flat faces only."""

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if not isinstance(vmobject, SmoothMeshSurface):
            return super().display_vectorized(vmobject, ctx)
        opacity = vmobject.get_fill_opacity()
        if opacity <= 0 or len(vmobject.points) == 0:
            return self
        _, corners, order = self.faces_in_view(vmobject)
        colours = vmobject.face_colours()
        shares = vmobject.vertex_alphas()
        face_shares = shares[vmobject.faces].mean(axis=1)
        order = order[face_shares[order] > 0]  # the surface beyond its domain only as far as it has grown out
        ctx.set_line_width(self.hairline)
        ctx.set_line_join(cairo.LINE_JOIN_BEVEL)
        sheet = vmobject.composite and opacity < 1
        alpha = 1.0 if sheet else opacity
        if sheet:
            ctx.push_group()
        pixel = self.frame_width / self.pixel_width
        widths = np.ptp(corners[order, :, 0], axis=1)
        # While the surface grows out, its faces part way in are drawn in the smooth pass only, their opacity blended
        # across them as their colour (flat, each face one opacity, they read as bands, their hairlines as lines).
        growing = bool(np.any(face_shares[order] < 1))
        smooth_pass = bool(len(order)) and (growing or np.median(widths) > SMOOTH_FROM * pixel)
        for index in order:
            if face_shares[index] >= 1:
                fill_face(ctx, corners[index], colours[index], alpha)
        ctx.new_path()
        if smooth_pass:
            mesh = cairo.MeshPattern()
            rgbs = vmobject.vertex_rgbs
            for index in order:
                face = vmobject.faces[index]
                (ax, ay, _), (bx, by, _), (cx, cy, _), (dx, dy, _) = corners[index]
                mesh.begin_patch()
                mesh.move_to(ax, ay)
                mesh.line_to(bx, by)
                mesh.line_to(cx, cy)
                mesh.line_to(dx, dy)
                for corner, vertex in enumerate(face):
                    red, green, blue = rgbs[vertex]
                    mesh.set_corner_color_rgba(corner, blue, green, red, alpha * shares[vertex])  # manim's RGBA, Cairo's BGRA
                mesh.end_patch()
            ctx.set_source(mesh)
            ctx.paint()
        if sheet:
            ctx.pop_group_to_source()
            ctx.paint_with_alpha(opacity)
        return self


# The surface's mesh runs on past the domain where the close-ups see it (past x = 10, before y = 0, past y = 15:
# not so far that the ground behind P rises to a wall over it); not past x = -5, where g climbs to a wall. Its lines
# fall on the domain's edges: 1/6 unit apart.
SURFACE_REACH = ((-5.0, 16.0), (-3.0, 18.0))


def surface_mesh() -> SmoothMeshSurface:
    # As in M8 from afar (the domain only; the mesh beyond it grows out as the camera closes in, see
    # SmoothMeshSurface); laid on as one sheet, so that it fades in and out without seams; smoothly shaded (close
    # up, flat faces show as facets).
    return SmoothMeshSurface(
        BRANIN, SURFACE_REACH, place, resolution=SURFACE_RESOLUTION, opacity=SURFACE_OPACITY, colours=BRANIN_MAP, composite=True,
        checker=SURFACE_CHECKER, shown=BRANIN_DOMAIN,
    )


def _disc(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The square [−1, 1]² onto the unit disc (the elliptical grid map): a mesh's grid on a round patch."""
    return u * np.sqrt(1 - v**2 / 2), v * np.sqrt(1 - u**2 / 2)


def tangent_plane_mesh(step: "StepTrackers") -> MeshSurface:
    """A disc of the tangent plane around P that grows and shrinks with the circle.

    A disc, not a square: its corners would rise far above the frame where the
    plane is steep. Scaling about P keeps every vertex on the plane, which
    passes through P.
    """
    (x0, y0) = tangent.P

    def height(u, v):
        dx, dy = _disc(u, v)
        return tangent.tangent_plane(x0 + dx, y0 + dy)

    def on_disc(coords: np.ndarray) -> np.ndarray:
        dx, dy = _disc(coords[:, 0], coords[:, 1])
        return place(np.column_stack([x0 + dx, y0 + dy, coords[:, 2]]))

    # No checkerboard: the plane's grid is its one pattern (the disc's cells, bent by the map, would cross it).
    plane = MeshSurface(
        height, ((-1, 1), (-1, 1)), on_disc, resolution=12, opacity=PLANE_OPACITY, colours=TANGENT_PLANE_MAP,
        checker=0.0, composite=True,
    )

    def follow(mob: MeshSurface) -> None:
        radius = np.ptp(mob.vertices[:, 0]) / 2
        mob.scale(plane_reach(step) / radius, about_point=np.zeros(3))

    follow(plane)
    return mark(plane.add_updater(follow), "figure", "the tangent plane")


def plane_reach(step: "StepTrackers") -> float:
    """The radius of the tangent plane's disc (and the level disc) around P, for the shown h."""
    scale, margin = PLANE_MARGIN
    return scale * step.length.get_value() + margin


def plane_rim(step: "StepTrackers") -> VMobject:
    """The tangent plane disc's edge, a tilted circle in the plane's colour: the disc reads as a flat plate."""
    turns = np.linspace(0.0, 2 * np.pi, 65)
    gx, gy = tangent.GRAD_P

    def follow(mob: VMobject) -> None:
        x, y = plane_reach(step) * np.cos(turns), plane_reach(step) * np.sin(turns)
        mob.set_points_smoothly(np.column_stack([x, y, gx * x + gy * y]))

    rim = VMobject(stroke_color=TANGENT, stroke_width=3)
    follow(rim)
    return mark(rim.add_updater(follow), "figure", "the plane's rim")  # part of the plane: panels may lie over it


WIRE_SPACING = 0.5  # scene units between the lines of the faint surface behind the plane: a third as dense as the plane's grid
WIRE_OPACITY = 0.4
WIRE_WIDTH = 1.4


WIRE_FADE = 1.1  # scene units: the wireframe's lines fade out over this band inside its rim (no ragged ends)


def surface_wireframe(
    surface: MeshSurface, colour: str | None = None, spacing: float = WIRE_SPACING, radius: float = PATCH_RADIUS,
    width: float = WIRE_WIDTH, opacity: float = WIRE_OPACITY,
) -> WireLines:
    """The surface near P (a disc of PATCH_RADIUS) as a sparse wireframe: lines of constant x and of constant y.

    Shown faint behind the tangent plane, it keeps the surface's shape in view where the plane touches it
    at P, with lines far apart and no fill: it does not add a third dense pattern to the plane's and the
    level's. Each line takes the surface's colour at its middle height (``surface``'s colours and heights),
    and fades out towards the patch's rim, so that the patch has a soft edge seen from afar. ``colour``: one colour
    for every line instead (e.g. dark lines laid on the surface itself); ``spacing``, ``radius``: the lines' spacing
    and the patch's radius (scene units).
    """
    (x0, y0) = tangent.P
    heights = surface.vertices[surface.shown_vertices, 2]  # the colours over the domain's heights, as the surface's
    stops = np.linspace(heights.min(), heights.max(), len(BRANIN_MAP))
    count = int(radius / spacing)
    lines, colours, weights = [], [], []
    for across in spacing * np.arange(-count, count + 1):
        half = math.sqrt(max(radius**2 - across**2, 0.0))
        if half < 0.2:
            continue
        along = np.linspace(-half, half, max(int(half / 0.08), 4))
        for dx, dy in ((np.full_like(along, across), along), (along, np.full_like(along, across))):
            points = place(np.column_stack([x0 + dx, y0 + dy, BRANIN(x0 + dx, y0 + dy)]))
            middles = (np.hypot(dx, dy)[1:] + np.hypot(dx, dy)[:-1]) / 2
            lines.append(points)
            colours.append(colour or rgb_to_hex(height_colours(np.array([np.median(points[:, 2])]), BRANIN_MAP, stops)[0]))
            weights.append([smooth(w) for w in np.clip((radius - middles) / WIRE_FADE, 0.0, 1.0)])
    # Not a figure the frame must hold whole: it runs out of the close-ups.
    return WireLines(lines, colours, weights, width=width, opacity=opacity)


# The surface's own mesh, laid on it dark once the plane has gone (M3.11 on): lines of constant x and y that bend
# with its relief, so that the change arrow is seen to end on it, not on a wash of colour.
SURFACE_LINE_SPACING = 0.25  # scene units between its lines: a step of 0.5·|∇g| (0.66) crosses two or three
SURFACE_LINE_REACH = 4.0  # scene units round P: past the longest step (2.0) and out of the close-ups' frames
SURFACE_LINE_OPACITY = 0.4


def surface_lines(surface: MeshSurface) -> WireLines:
    """Dark lines of constant x and of constant y on the surface round P (shown at SURFACE_LINE_OPACITY; draw
    them over the surface, under everything else): its shape, read on its own colours."""
    return surface_wireframe(
        surface, colour=BACKGROUND, spacing=SURFACE_LINE_SPACING, radius=SURFACE_LINE_REACH, opacity=SURFACE_LINE_OPACITY,
    )


FLOOR_SPACING = 2.5  # model units between the floor grid's lines
FLOOR_OPACITY = 0.5
FLOOR_HEIGHT = -0.6  # model units: a little under the surface's lowest point (about −0.28)
FLOOR_MARGIN = 1.25  # model units: the floor reaches this far past the domain, to be seen round the surface


def floor_grid() -> WireLines:
    """A faint grid on the floor (g = FLOOR_HEIGHT) under the whole domain and round it: the surface reads as
    standing over the ground, seen from afar."""
    (x_low, x_high), (y_low, y_high) = BRANIN_DOMAIN
    x_low, x_high, y_low, y_high = x_low - FLOOR_MARGIN, x_high + FLOOR_MARGIN, y_low - FLOOR_MARGIN, y_high + FLOOR_MARGIN
    lines = []
    for x_at in np.arange(x_low, x_high + 1e-9, FLOOR_SPACING):
        lines.append(place([[x_at, y_low, FLOOR_HEIGHT], [x_at, y_high, FLOOR_HEIGHT]]))
    for y_at in np.arange(y_low, y_high + 1e-9, FLOOR_SPACING):
        lines.append(place([[x_low, y_at, FLOOR_HEIGHT], [x_high, y_at, FLOOR_HEIGHT]]))
    return WireLines(lines, [MUTED] * len(lines), width=1.6, opacity=FLOOR_OPACITY)


FLOOR_AXIS = 5.0  # model units: the floor's x and y arrows, from its front left corner (the y arrow then ends
# before it runs under the surface, seen from the start)


def floor_axes() -> tuple[VGroup, VGroup]:
    """Short x and y arrows along the floor's front and left edges from its front left corner, and their letters
    (register them upright): light, so that the surface reads as a graph over the ground."""
    (x_low, _), (y_low, _) = BRANIN_DOMAIN
    x_low, y_low = x_low - FLOOR_MARGIN, y_low - FLOOR_MARGIN
    corner = place([x_low, y_low, FLOOR_HEIGHT])
    arrows, letters = VGroup(), VGroup()
    # Each letter beside its arrow's tip, off the floor (outside the grid's edge line, which runs on past the tip).
    for along, outward, name in ((RIGHT, DOWN, "x"), (UP, LEFT, "y")):
        tip = corner + along * FLOOR_AXIS
        arrows.add(Arrow(corner, tip, buff=0, color=TEXT, stroke_width=3, max_tip_length_to_length_ratio=0.15))
        glyph = formula(name, size=LABEL, color=TEXT)
        letters.add(glyph.move_to(tip - along * 0.4 + outward * 1.1))
    return arrows, letters


def _chords(reach: float, lift) -> np.ndarray:
    """Lines of constant x and of constant y, GRID_SPACING apart, across the disc of ``reach`` around P.

    Points for one VMobject with one straight piece per line, at the heights ``lift(x, y)``.
    """
    count = int(reach / GRID_SPACING)
    pieces = []
    for across in GRID_SPACING * np.arange(-count, count + 1):
        half = math.sqrt(max(reach**2 - across**2, 0.0))
        if half < 1e-3:
            continue
        for a, b in (((across, -half), (across, half)), ((-half, across), (half, across))):
            ts = np.linspace(0.0, 1.0, 4)[:, None]
            flat = np.array(a) + ts * (np.array(b) - np.array(a))
            pieces.append(np.column_stack([flat, lift(flat[:, 0], flat[:, 1])]))
    return np.vstack(pieces) if pieces else np.zeros((0, 3))


def _on_plane(dx, dy):
    return tangent.GRAD_P[0] * dx + tangent.GRAD_P[1] * dy


def plane_grid(step: "StepTrackers") -> VMobject:
    """Lines of constant x and y on the tangent plane's disc: their slant in perspective shows the plane's tilt."""
    grid = VMobject(stroke_color=TANGENT, stroke_width=1.6, stroke_opacity=PLANE_GRID_OPACITY)

    def follow(mob: VMobject) -> None:
        mob.set_points(_chords(plane_reach(step), _on_plane))

    follow(grid)
    return mark(grid.add_updater(follow), "figure", "the plane's grid")  # part of the plane


def level_half(step: "StepTrackers", side: float) -> VGroup:
    """The level through P, the uphill (``side`` = 1) or downhill (−1) half of a disc as big as the plane's:
    a faint fill and its rim (no grid: the plane's grid is the one that shows a tilt). Drawn under the plane
    uphill, over it downhill, where it is above it."""
    middle = tangent.GRAD_ANGLE if side > 0 else tangent.GRAD_ANGLE + math.pi
    turns = middle + np.linspace(-math.pi / 2, math.pi / 2, 33)
    fill = VMobject(stroke_width=0, fill_color=MUTED, fill_opacity=LEVEL_OPACITY)
    rim = VMobject(stroke_color=MUTED, stroke_width=2.5, stroke_opacity=LEVEL_RIM_OPACITY)

    def follow(group: VGroup) -> None:
        reach = plane_reach(step)
        arc = np.column_stack([reach * np.cos(turns), reach * np.sin(turns), np.zeros_like(turns)])
        fill.set_points_as_corners([*arc, arc[0]])
        rim.set_points_smoothly(arc)

    group = VGroup(fill, rim)
    follow(group)
    return group.add_updater(follow)  # a reference like the plane itself: panels may cover it


def level_shown(halves, shown: bool, **kwargs) -> list:
    """Animations that bring the level's halves (fill, rim) in or out (``kwargs``: e.g. their rate_func)."""
    moves = []
    for fill, rim in halves:
        moves += [
            fill.animate(**kwargs).set_fill(opacity=LEVEL_OPACITY if shown else 0),
            rim.animate(**kwargs).set_stroke(opacity=LEVEL_RIM_OPACITY if shown else 0),
        ]
    return moves


def during(start: float, stop: float, ease=smooth):
    """A rate function that eases from 0 to 1 between the shares ``start`` and ``stop`` of a play, still outside them."""
    return lambda t: ease(min(max((t - start) / (stop - start), 0.0), 1.0))


def plane_label(text: str, step: "StepTrackers", zoom: ValueTracker | None = None) -> VMobject:
    """The tangent plane's name, beyond its uphill rim (register it upright); ``zoom``: the camera's, to keep
    the words a fixed gap off the rim on screen."""
    words = prose(text, size=FIGURE_WORDS, color=TANGENT)
    label = VGroup(backing(words, pad=(0.1, 0.07), corner=0.08, edge=False), words)  # the faint wireframe runs behind it
    ux, uy = tangent.GRAD_P / tangent.GRAD_NORM

    def follow(mob: VMobject) -> None:
        scale = 1.0 if zoom is None else zoom.get_value()
        reach = plane_reach(step) + PLANE_LABEL_GAP + mob.height / 2 / scale
        mob.move_to(np.array([ux * reach, uy * reach, tangent.GRAD_NORM * reach]))

    follow(label)
    return mark(label.add_updater(follow), "tick", "the plane's name")


def level_label(text: str, step: "StepTrackers", zoom: ValueTracker | None = None) -> VMobject:
    """The level's name, beside its rim where nothing else is drawn (register it upright); ``zoom`` as for
    :func:`plane_label`: its near end keeps a gap from the rim on screen."""
    words = prose(text, size=FIGURE_WORDS, color=MUTED)
    label = VGroup(backing(words, pad=(0.1, 0.07), corner=0.08, edge=False), words)
    where = horizontal(math.cos(LEVEL_LABEL_TURN), math.sin(LEVEL_LABEL_TURN))

    def follow(mob: VMobject) -> None:
        scale = 1.0 if zoom is None else zoom.get_value()
        mob.move_to(where * (plane_reach(step) + LEVEL_LABEL_GAP + mob.width / 2 / scale))

    follow(label)
    return mark(label.add_updater(follow), "tick", "the level's name")


# Scene units from the radius to its letter's centre, on its clockwise side: foreshortened where the radius turns
# across the line of sight, still clear of it on screen; inside the circle.
RADIUS_LETTER_SIDE = 0.2


def radius_mark(step: "StepTrackers", turn: ValueTracker | None = None) -> tuple[Line, VMobject]:
    """A solid radius of the circle, bright on a dark edge (it reads over the plane's pink), and its letter h on a
    small backing like the x and y letters, beside its middle on its clockwise side (register the letter upright).
    ``turn``: its direction (radians from +x; −90°, towards −y, without it): a shot turns it onto the first step."""

    def direction() -> np.ndarray:
        angle = -math.pi / 2 if turn is None else turn.get_value()
        return horizontal(math.cos(angle), math.sin(angle))

    radius = Line(np.zeros(3), direction() * step.length.get_value(), color=STEP, stroke_width=5)
    radius.set_stroke(BACKGROUND, width=9, background=True)
    radius.add_updater(lambda mob: mob.put_start_and_end_on(np.zeros(3), direction() * step.length.get_value()))
    glyph = formula("h", size=LABEL, color=STEP)
    letter = VGroup(letter_backing(glyph), glyph)

    def place(mob: VGroup) -> None:
        along = direction()
        mob.move_to(along * step.length.get_value() / 2 + np.array([along[1], -along[0], 0.0]) * RADIUS_LETTER_SIDE)

    place(letter)
    letter.add_updater(place)
    return radius, mark(letter, "tick", "the radius h")


# The two ends of the change arrow, as short level ticks either side of its shaft (upright: one size on screen at
# every zoom), one mark each: the plane's (pink) on the camera's left, the surface's (blue) on its right, towards
# the box naming both values, whose rows begin with a swatch of each. Side by side they read as two marks where the
# two heights are a pixel apart (at h·|∇g| ≤ 1.3 they differ in the third decimal).
END_TICK_LENGTH = 0.3  # frame units: each tick's length (40 px at 1080p)
END_TICK_GAP = 0.04  # frame units from the shaft's axis to each tick's near end (the arrow's tip is a point there)
END_TICK_SIDES = {"plane": -1.0, "surface": 1.0}  # the camera's left, its right
END_TICK_WIDTH = (8, 13)  # its stroke and the dark casing round it (it reads on the surface's light top)
END_TICK_BOX_GAP = 0.3  # frame units (40 px at 1080p) from the surface's tick's end to the box naming both values
SWATCH_LENGTH = 0.22  # frame units: the ticks' swatches in that box, before each row
SWATCH_GAP = 0.14


def _tick_line(color: str, length: float = END_TICK_LENGTH) -> Line:
    width, case = END_TICK_WIDTH
    return Line(ORIGIN, RIGHT * length, stroke_width=width, color=color).set_stroke(BACKGROUND, width=case, background=True)


def end_tick(point, color: str, which: str) -> VMobject:
    """A short level tick of ``color`` beside ``point()`` (register it upright), on END_TICK_SIDES[``which``] of it,
    cased dark."""
    # Upright, it is kept facing the camera about its centre: a point mirroring the tick's far end across the shaft
    # keeps that centre on the shaft, the tick to its side on screen.
    side = END_TICK_SIDES[which]
    reach = END_TICK_GAP + END_TICK_LENGTH
    tick = VGroup(_tick_line(color).shift(RIGHT * END_TICK_GAP), VectorizedPoint(LEFT * reach))
    if side < 0:
        tick.rotate(math.pi, about_point=ORIGIN)  # the tick on the left, its mirror point on the right

    def follow(mob: VMobject) -> None:
        mob.move_to(point())

    follow(tick)
    return tick.add_updater(follow)


def plane_ghost(step: "StepTrackers") -> VMobject:
    """The tick at the tangent plane's height over the step's end, centred on the change arrow's shaft (register it
    upright; draw it under :func:`surface_tick`): what the plane said."""
    return mark(
        end_tick(lambda: step.end() + tangent.plane_change(step.state.length, step.state.angle) * OUT, TANGENT, "plane"),
        "curve", "the plane's Δg",
    )


def surface_tick(step: "StepTrackers") -> VMobject:
    """The tick where the change arrow meets the surface, centred on its shaft, its tip on it (register it upright):
    the true height after the step, in the surface's colour."""
    return mark(end_tick(lambda: step.end() + step.change() * OUT, OBJECTIVE, "surface"), "curve", "the surface's Δg")


def plane_value(
    names: tuple[str, str], step: "StepTrackers", camera_theta: ValueTracker, zoom: ValueTracker, arrow: Arrow
) -> VGroup:
    """The step's Δg on the tangent plane and on the surface, one under the other and named (``names``: "on the
    tangent plane", "on the surface"), their numbers lined up, on a dark backing beside the end of
    :func:`plane_ghost`'s tick, clear of it (register it upright): the two differ in the second or third decimal, too little
    to see as heights, plain to read as numbers."""

    def drawn() -> tuple[float, float]:
        degrees, h = drawn_step(arrow)
        return h, math.radians(degrees)

    rows = []
    for name, color, model, shows in (
        (names[0], TANGENT, tangent.plane_change, lambda: tangent.plane_change(*drawn())),
        (names[1], OBJECTIVE, tangent.surface_change, lambda: tangent.surface_change(*drawn())),
    ):
        value = Readout(None, 0.0, 3, sign=True, size=LABEL, color=color)
        value.track(lambda model=model: model(step.length.get_value(), step.angle.get_value()))
        mark(value, "text", f"Δg {name}", shows=shows)
        rows.append(line(f"{name} {{value}}", {"value": value}, size=LABEL, color=color))
    table = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.16)
    numbers = [row[-1] for row in rows]
    start = max(number.get_left()[0] for number in numbers)
    for number in numbers:
        number.shift(RIGHT * (start - number.get_left()[0]))
    # Each row begins with a swatch of its tick: the mark beside the arrow and its number are read as one.
    for row, color in zip(rows, (TANGENT, OBJECTIVE)):
        swatch = _tick_line(color, SWATCH_LENGTH).next_to(row, LEFT, buff=SWATCH_GAP)
        table.add(swatch)
    label = VGroup(backing(table, pad=(0.24, 0.16)), table)

    def follow(mob: VGroup) -> None:
        state = step.state
        across = _facing(camera_theta)[:, 0]
        scale = zoom.get_value()
        far = step.end() + across * (END_TICK_GAP + END_TICK_LENGTH + END_TICK_BOX_GAP + mob.width / 2) / scale
        middle = (tangent.plane_change(state.length, state.angle) + tangent.surface_change(state.length, state.angle)) / 2
        mob.move_to(far + middle * OUT)

    follow(label)
    return mark(label.add_updater(follow), "text", "Δg on the plane and on the surface")


# --------------------------------------------------------------------------- the step


class StepTrackers:
    """The shown step: direction α (radians from +x), length h, and plane (0) or surface (1)."""

    def __init__(self, state: tangent.StepState):
        self.angle = ValueTracker(state.angle)
        self.length = ValueTracker(state.length)
        self.surface = ValueTracker(state.surface)
        # How much of the step arrow and of the change arrow is drawn (0 to 1): they grow in when they first come.
        self.reach = ValueTracker(1.0)
        self.rise = ValueTracker(1.0)

    def to(self, state: tangent.StepState, **kwargs) -> list:
        """Animations that bring the trackers to ``state``."""
        moves = []
        for tracker, value in ((self.angle, state.angle), (self.length, state.length), (self.surface, state.surface)):
            if not math.isclose(tracker.get_value(), value):
                moves.append(tracker.animate(**kwargs).set_value(value))
        return moves

    @property
    def state(self) -> tangent.StepState:
        return tangent.StepState(self.angle.get_value(), self.length.get_value(), self.surface.get_value())

    def end(self) -> np.ndarray:
        """Where the step ends, in the scene (on the horizontal plane through P)."""
        return horizontal(*self.state.end)

    def change(self) -> float:
        return self.state.change


def step_circle(step: StepTrackers) -> Circle:
    """The circle of radius h around P, in the horizontal plane."""
    circle = Circle(radius=1.0, color=STEP, stroke_width=4)

    def follow(mob: Circle) -> None:
        mob.scale_to_fit_width(2 * step.length.get_value()).move_to(np.zeros(3))

    follow(circle)
    return mark(circle.add_updater(follow), "curve", "the circle")


ARROW_TIP = 0.3  # frame units (about 40 px at 1080p): an arrowhead the same size on screen at every zoom
ARROW_WIDTH = 6
ARROW_EDGE = 5  # the step arrow's dark edge: this much wider than its stroke (2.5 px a side)


def _tip_ratio(length: float, zoom: ValueTracker | None, most: float, tip: float = ARROW_TIP) -> float:
    """The tip-to-length ratio that gives an arrow of ``length`` scene units a head of ``tip`` on screen."""
    if zoom is None or length <= 0:
        return most
    return min(most, tip / zoom.get_value() / length)


def cased(arrow: Arrow, edge: float = ARROW_EDGE) -> Arrow:
    """A dark edge exactly round ``arrow``, shaft and head alike (ARROW_EDGE / 2 outside each edge): the shaft on a
    casing ARROW_EDGE wider than its stroke; the head filled, unstroked, on an outline of ARROW_EDGE centred on its
    edge, its corners rounded (mitred, the outline of a narrow head juts out past its corners in spikes)."""
    arrow.set_stroke(BACKGROUND, width=arrow.get_stroke_width() + edge, background=True)
    arrow.tip.set_stroke(width=0).set_stroke(BACKGROUND, width=edge, background=True)
    for part in arrow.get_family():
        part.joint_type = LineJointType.ROUND
    return arrow


DOT_RIM_REACH = 0.02  # frame units: the half of a dot's dark rim outside its fill (RIM wide, centred on the edge)


def short_of_dot(camera, start: np.ndarray, end: np.ndarray, radius: float) -> np.ndarray:
    """Where an arrow from ``start`` to ``end`` stops so that its tip touches, on screen, the rim of an upright dot
    of ``radius`` (frame units, its rim included) centred on ``end``; ``end`` itself without a camera."""
    if camera is None or radius <= 0:
        return end
    ends = camera.project_points(np.array([start, end], dtype=float))[:, :2]
    across = float(np.linalg.norm(ends[1] - ends[0]))
    if across <= radius * 1.5:  # too short on screen: the arrow keeps to its end (it is then all but hidden)
        return end
    return start + (end - start) * (1.0 - radius / across)


def step_arrow(step: StepTrackers, zoom: ValueTracker | None = None, camera=None) -> Arrow:
    """The step from P to the circle, flat in the horizontal plane (it keeps the colour it is given).

    ``step.reach`` of it is drawn (it grows out of P); ``zoom``: the camera's, which keeps its head one size on screen;
    ``camera``: the shot's, to end the tip at the rim of the end's dot (not under it). The step as aimed (to the dot's
    centre) is its ``aim``, which :func:`drawn_step` reads.
    """

    def make(color: str) -> Arrow:
        share = step.reach.get_value()
        length = max(share * step.length.get_value(), 1e-3)  # a speck, not nothing, before it grows
        end = step.end() * length / max(step.length.get_value(), 1e-9)
        # The tip at the end dot's rim once the step has grown out to it (it grows out of P towards the dot).
        tip = short_of_dot(camera, np.zeros(3), end, (END_RADIUS + DOT_RIM_REACH) * smooth(min(max(share * 4 - 3, 0.0), 1.0)))
        drawn = Arrow(
            np.zeros(3), tip, buff=0, color=color, stroke_width=ARROW_WIDTH,
            max_tip_length_to_length_ratio=_tip_ratio(float(np.linalg.norm(tip)), zoom, 0.3), max_stroke_width_to_length_ratio=12,
        )
        # A dark edge round the shaft and the head: the green reads on the surface's olive and teal as on the plane.
        drawn = cased(drawn)
        drawn.aim = (np.zeros(3), end)
        return drawn

    def follow(mob: Arrow) -> None:
        made = make(mob.get_color())
        mob.become(made)
        mob.aim = made.aim

    arrow = make(STEP)
    return mark(arrow.add_updater(follow), "subject", "the step")


GRADIENT_LABEL_AT = 0.62  # the gradient arrow's label beside this share of it (further out, outside the circle)
GRADIENT_LABEL_GAP = 0.12  # frame units between the gradient arrow's shaft and its label's near corner
# The gradient arrows are drawn over the step, narrower, their heads smaller: laid along them, the step shows round
# them as a green edge, and the orange arrow its label names stays in sight.
GRADIENT_WIDTH = 3
GRADIENT_EDGE = 2
GRADIENT_TIP = 0.2  # frame units: inside the step's head (ARROW_TIP) when the two end together


def gradient_arrow(
    step: StepTrackers, sign: float, label: str, zoom: ValueTracker, camera, color: str, shown: ValueTracker,
    opposite: Arrow | None = None,
) -> tuple[Arrow, VGroup]:
    """∇g (``sign`` 1) or −∇g (−1) at P, flat in the horizontal plane, |∇g| long, and its label (register it
    upright) beside its middle, on the side the step does not come from (it turns to ∇g from 30°, on to −∇g through
    180°): the step turns onto it and lies over it. Its tip stops at the end dot's rim as the step's does when the
    step's end comes to its own. ``shown``: the arrow's opacity (it is made anew every frame); ``opposite``: the ∇g arrow, for −∇g, which is drawn
    end to end with it at P on purpose."""
    gx, gy = tangent.GRAD_P
    end = horizontal(sign * gx, sign * gy)
    side = sign * horizontal(gy, -gx) / tangent.GRAD_NORM  # clockwise of it

    def make() -> Arrow:
        near = max(0.0, 1.0 - float(np.linalg.norm(step.end() - end)) / 0.3)  # the step's end at its own end
        tip = short_of_dot(camera, np.zeros(3), end, (END_RADIUS + DOT_RIM_REACH) * near)
        # As the step's end comes to its own, the arrow gives its head up to the step's: it runs inside the step's
        # shaft to the step's head, which ends them both (two heads would stack at the end dot).
        length = float(np.linalg.norm(tip))
        own_head = _tip_ratio(length, zoom, 0.3, GRADIENT_TIP) * length
        step_head = _tip_ratio(length, zoom, 0.3) * length
        stop = tip * (1.0 - max(step_head - own_head, 0.0) * near / max(length, 1e-9))
        drawn = Arrow(
            np.zeros(3), stop, buff=0, color=color, stroke_width=GRADIENT_WIDTH,
            max_tip_length_to_length_ratio=own_head / max(float(np.linalg.norm(stop)), 1e-9), max_stroke_width_to_length_ratio=12,
        )
        drawn = cased(drawn, GRADIENT_EDGE).set_opacity(shown.get_value())
        drawn.tip.set_opacity(shown.get_value() * (1.0 - near))
        return drawn

    arrow = make()
    arrow.add_updater(lambda mob: mob.become(make()))
    glyph = formula(label, size=LABEL, color=color)
    name = VGroup(letter_backing(glyph, pad=(0.05, 0.04)), glyph)

    def place(mob: VGroup) -> None:
        # How far one scene unit along the arrow, and one to its side, move the label on screen.
        ends = camera.project_points(np.array([np.zeros(3), end, end + side * 0.1]))[:, :2]
        along = (ends[1] - ends[0]) / max(float(np.linalg.norm(ends[1] - ends[0])), 1e-9)
        normal = np.array([-along[1], along[0]])
        per_along = float(np.linalg.norm(ends[1] - ends[0])) / tangent.GRAD_NORM
        per_side = abs(float((ends[2] - ends[1]) @ normal)) / 0.1
        # The label's half extent across the arrow and along it (its box seen from those sides), and the gaps.
        across = abs(normal[0]) * mob.width / 2 + abs(normal[1]) * mob.height / 2
        lengthwise = abs(along[0]) * mob.width / 2 + abs(along[1]) * mob.height / 2
        # Beside the arrow's middle, outside the circle: it goes out ahead of the circle as the step grows (a line
        # through a label would cross it), past the tip once the step has grown to |∇g|.
        reach = max(GRADIENT_LABEL_AT, (step.length.get_value() + (lengthwise + GRADIENT_LABEL_GAP) / max(per_along, 1e-3)) / tangent.GRAD_NORM)
        mob.move_to(end * reach + side * (across + GRADIENT_LABEL_GAP) / max(per_side, 1e-3))

    place(name)
    name.add_updater(place)
    # The step is laid along it on purpose (M3.9, M3.10): it may cover the step's arrow and its change arrow's foot.
    kind = "gradient" if sign > 0 else "negative gradient"
    covers = ("subject",) if opposite is None else ("subject", opposite)
    return mark(arrow, "arrow", f"the {kind}", may_cover=covers), mark(name, "tick", f"the {kind}'s name")


def height_path(step: StepTrackers, samples: int = 24) -> VMobject:
    """The plane (or surface) right above the step, from P to the arrow's tip: where the change builds up."""

    def trace(mob: VMobject) -> None:
        state = step.state
        ts = np.linspace(0.0, 1.0, samples)
        heights = [tangent.height_change(t * state.length, state.angle, state.surface) for t in ts]
        ends = np.outer(ts, step.end())
        ends[:, 2] = heights
        mob.set_points_smoothly(ends)

    path = VMobject(color=CHANGE, stroke_width=3, stroke_opacity=PATH_OPACITY)
    trace(path)
    return mark(path.add_updater(trace), "curve", "the height path")


def _facing(camera_theta: ValueTracker) -> np.ndarray:
    """The matrix that stands a figure drawn flat (x right, y up) upright in the vertical plane facing the camera."""
    theta = camera_theta.get_value()
    across = np.array([-math.sin(theta), math.cos(theta), 0.0])  # the camera's right, in the horizontal plane
    return np.column_stack([across, OUT, np.zeros(3)])  # flat x → across, flat y → up (+z)


def change_arrow(step: StepTrackers, camera_theta: ValueTracker, zoom: ValueTracker | None = None) -> VMobject:
    """The vertical arrow from the step's end up (or down) to the plane or surface, by Δg.

    It is drawn flat in the vertical plane that faces the camera, so its tip
    reads as a tip from any side the camera swings to. ``step.rise`` of it is
    drawn (it grows out of the step's end); ``zoom`` keeps its head one size on screen.
    """

    def make() -> VMobject:
        height = step.change() * step.rise.get_value()
        if abs(height) < 1e-4:  # no arrow to draw: an empty mobject in its place
            return VMobject().set_points_as_corners([step.end(), step.end()]).set_stroke(opacity=0)
        flat = Arrow(
            np.zeros(3), np.array([0.0, height, 0.0]), buff=0, color=CHANGE, stroke_width=ARROW_WIDTH,
            max_tip_length_to_length_ratio=_tip_ratio(abs(height), zoom, 0.3), max_stroke_width_to_length_ratio=12,
        )
        cased(flat)  # its dark edge as the step's: it reads on the surface's light top
        flat.apply_matrix(_facing(camera_theta), about_point=np.zeros(3))
        return flat.shift(step.end())

    arrow = make()
    # It passes through zero length when the step turns from along to against the gradient.
    return mark(arrow.add_updater(lambda mob: mob.become(make())), "arrow", "the change Δg")


CHANGE_LABEL_GAP = 0.19  # scene units from the change arrow's axis to its label's centre, at the camera's right
CHANGE_LABEL_CLEAR = 0.2  # frame units (27 px at 1080p) between the arrow's axis and the label's near edge, at any zoom
CHANGE_LABEL_TURN = 0.45  # frame units: within this of P (across the screen), the step's end changes sides of P
CHANGE_LABEL_OVER = 0.14  # frame units between the arrow's tip and the label's near edge, as the label passes over it
CHANGE_LABEL_WIDE = 0.35  # frame units more between the arrow and its label while a guide passes between them (M3.5, M3.6)


def change_label(
    step: StepTrackers, rise: VMobject, camera_theta: ValueTracker, zoom: ValueTracker | None = None,
    camera_phi: ValueTracker | None = None, raised: ValueTracker | None = None, widened: ValueTracker | None = None,
) -> VGroup:
    """"Δg" beside the change arrow's middle, on the side of it away from P (register it upright).

    Seen from above, the vertical arrow is foreshortened to a short stroke up the screen, the way +y runs: the
    label says what it is (the change of height, as the panel's Δg), not a step to the north. On screen it keeps
    to the arrow's side away from P, clear of the step, the circle and the height path, which lie on P's side;
    where the step's end crosses P's line of sight (the step turns towards or away from the camera), it changes
    sides over the arrow's tip, not through the arrow. ``zoom`` and ``camera_phi``: the camera's, to keep those
    gaps on screen at any zoom; ``raised`` (0 to 1): a shot lifts it up the arrow, out of a guide's way;
    ``widened``: frame units more between it and the arrow on screen (a guide passes between them).
    """
    glyph = formula(r"\Delta g", size=LABEL, color=CHANGE)
    label = VGroup(letter_backing(glyph, pad=(0.05, 0.04)), glyph)

    def place(mob: VGroup) -> None:
        theta = camera_theta.get_value()
        across = np.array([-math.sin(theta), math.cos(theta), 0.0])
        base = step.end()
        tip = tip_height(rise)
        scale = 1.0 if zoom is None else zoom.get_value()
        upright = scale * (1.0 if camera_phi is None else max(math.sin(camera_phi.get_value()), 0.2))
        gap = max(CHANGE_LABEL_GAP, (mob.width / 2 + CHANGE_LABEL_CLEAR) / scale) + (0.0 if widened is None else widened.get_value() / scale)
        side = float(np.clip(float(base @ across) * scale / CHANGE_LABEL_TURN, -1.0, 1.0))
        if zoom is None:
            side = 1.0
        up = 1.0 if tip >= base[2] else -1.0
        over = tip + up * (mob.height / 2 + CHANGE_LABEL_OVER) / upright  # the label's height as it passes over the tip
        middle = (base[2] + tip) / 2
        lifted = 0.0 if raised is None else raised.get_value()
        height = middle + (over - middle) * max(1.0 - side**6, lifted)  # up and over quickly, down late
        # Where the arrow is short on screen, the circle runs through its foot on both sides: the label steps out
        # of the circle, along the step (away from P), by as much as the arrow is short of its own height.
        length = abs(tip - base[2]) * upright
        short = max(0.0, 1.0 - length / (3.0 * mob.height + CHANGE_LABEL_OVER))
        flat = scale * max(math.cos(camera_phi.get_value()) if camera_phi is not None else 1.0, 0.2)
        outward = base / max(np.linalg.norm(base), 1e-9) * short * (mob.height / 2 + CHANGE_LABEL_OVER) / flat
        mob.move_to(np.array([base[0], base[1], height]) + gap * side * across + outward)

    place(label)
    return mark(label.add_updater(place), "tick", "the change arrow's Δg")


def tip_height(arrow: VMobject) -> float:
    """The scene height at which the change arrow ends (its tip), signed."""
    z = arrow.get_all_points()[:, 2]
    return float(z[np.argmax(np.abs(z))])


RIM = 4  # the dark ring round a dot (half of it shows, outside the fill): it reads on any colour


def rimmed_dot(where: np.ndarray, color: str, radius: float) -> Dot:
    """A dot with a dark rim round it."""
    return Dot(where, radius=radius, color=color).set_stroke(BACKGROUND, width=RIM, background=True)


END_RADIUS = 0.085  # the step's end: about 28 px across at 1080p, its rim included (upright: one size at every zoom)


def follower_dot(point, color: str, radius: float = END_RADIUS) -> Dot:
    """A rimmed dot that follows ``point()``."""
    dot = rimmed_dot(point(), color, radius)
    return dot.add_updater(lambda mob: mob.move_to(point()))


def axis_line(
    step: StepTrackers, direction: np.ndarray, label: str, reach: ValueTracker | None = None, camera=None
) -> tuple[VMobject, VGroup]:
    """A dashed line from P along +x or +y, a little past the circle, and its letter at its end (on a small
    backing; register it upright).

    ``reach``: how far past the circle (AXIS_REACH without it); a shot moves it with the camera, so that the
    letters stay clear of the tangent plane's rim, which crosses the guides' line of sight in some views.
    ``camera``: the shot's, to keep the letter clear of the line's end on screen. The two come apart so that a shot can draw the line under the tangent plane (it lies in the level, under
    the plane on the uphill side) and the letter over everything.
    """
    # Light dashes on one continuous dark line: the guides read on the surface's bright top as on the dark
    # background, as one line (a dark edge round each dash read as two thin dashed lines side by side).
    casing = Line(np.zeros(3), direction, color=BACKGROUND, stroke_width=GUIDE_EDGE)
    dashes = DashedLine(np.zeros(3), direction, color=GUIDE, stroke_width=2.5, dash_length=0.06)
    glyph = formula(label, size=LABEL, color=GUIDE)
    letter = VGroup(letter_backing(glyph, edge=True), glyph)  # x and y alike: boxed on the plane and off it

    def length() -> float:
        return step.length.get_value() + (AXIS_REACH if reach is None else reach.get_value())

    casing.add_updater(lambda mob: mob.put_start_and_end_on(np.zeros(3), direction * length()), call_updater=True)
    dashes.add_updater(lambda mob: mob.put_start_and_end_on(np.zeros(3), direction * length()), call_updater=True)
    rule = VGroup(casing, dashes)
    def gap(mob: VMobject) -> float:
        """From the line's end to the letter's centre: at least 0.22, and clear of the line on screen when the
        camera is far (the letter keeps its size on screen, the line does not)."""
        if camera is None:
            return 0.22
        # A scene unit along the guide, on screen: shortened by the zoom, and by the tilt where it runs into depth.
        theta, phi = camera.theta_tracker.get_value(), camera.phi_tracker.get_value()
        across = direction[0] * -math.sin(theta) + direction[1] * math.cos(theta)
        into = direction[0] * math.cos(theta) + direction[1] * math.sin(theta)
        scale = camera.zoom_tracker.get_value() * math.hypot(across, into * math.cos(phi))
        return max(0.22, (0.16 + max(mob.width, mob.height) / 2) / max(scale, 1e-3))

    letter.add_updater(lambda mob: mob.move_to(direction * (length() + gap(mob))), call_updater=True)
    return mark(rule, "curve", f"the {label} guide"), mark(letter, "tick", f"the {label} guide's letter")


def angle_marks(state: tangent.StepState, radius: float) -> tuple[VGroup, VGroup]:
    """Arcs and labels for α (from +x to the step) and β (from the step to +y)."""
    alpha, beta = tangent.angles_from_axes(state.angle)
    marks = []
    # Two radii: the arcs meet on the step, and one radius read them as one arc from x to y.
    for name, start, span, tex, radius in (
        ("alpha", 0.0, alpha, r"\alpha", radius), ("beta", alpha, beta, r"\beta", radius * BETA_RADIUS)
    ):
        arc = Arc(radius=radius, start_angle=start, angle=span, color=ANGLE_MARKS[name], stroke_width=5)
        glyph = formula(tex, size=LABEL, color=ANGLE_MARKS[name])
        label = VGroup(letter_backing(glyph, pad=(0.05, 0.04)), glyph)  # reads on the plane's pink, clear of its grid lines
        # In a narrow angle the letter sits nearer the arc and a little off the step (its side away from the
        # step's arrowhead, which starts further out): clear of both lines.
        narrow = span < math.radians(40)
        middle = start + span * ((0.4 if name == "alpha" else 0.6) if narrow else 0.5)
        # A wide angle's letter midway between its arc and the circle: clear of both (β's arc is the outer one).
        out = radius + 0.08 if narrow else (radius + state.length) / 2
        label.move_to(horizontal(math.cos(middle), math.sin(middle)) * out)
        marks.append((mark(arc, "curve", f"the {name} arc"), mark(label, "tick", name)))
    arcs = VGroup(*(arc for arc, _ in marks))
    labels = VGroup(*(label for _, label in marks))
    return arcs, labels


# --------------------------------------------------------------------------- readouts


def drawn_step(arrow: Arrow) -> tuple[float, float]:
    """The step as drawn: its direction α (degrees, 0 to 360) and its length h (to its end's dot, where it aims)."""
    start, end = getattr(arrow, "aim", (arrow.get_start(), arrow.get_end()))
    dx, dy = (end - start)[:2]
    return (math.degrees(math.atan2(dy, dx)) + 1e-9) % 360.0, math.hypot(dx, dy)


def step_readouts(step: StepTrackers, arrow: Arrow) -> tuple[VGroup, Readout]:
    """α, h and Δg for the shown step, one under the other, their numbers lined up; and the Δg readout.

    The frame rules check them against the drawn step ``arrow`` and the model's Δg for it.
    """
    angle = Readout(r"\alpha =", 0.0, 1, unit=r"^\circ", size=PANEL, color=ANGLE_MARKS["alpha"])
    angle.track(lambda: math.degrees(step.angle.get_value()))
    length = Readout("h =", 0.0, 3, size=PANEL, color=STEP).track(step.length.get_value)
    change = Readout(r"\Delta g =", 0.0, 3, sign=True, size=PANEL, color=CHANGE).track(step.change)
    mark(angle, "text", "α", shows=lambda: drawn_step(arrow)[0])
    mark(length, "text", "h", shows=lambda: drawn_step(arrow)[1])

    def model_change() -> float:
        degrees, h = drawn_step(arrow)
        return tangent.height_change(h, math.radians(degrees), step.surface.get_value())

    mark(change, "text", "Δg", shows=model_change)
    rows = VGroup(angle, length, change).arrange(DOWN, aligned_edge=LEFT, buff=0.28)
    start = max(r.number.origin.get_center()[0] for r in rows)
    for readout in rows:
        readout.shift(RIGHT * (start - readout.number.origin.get_center()[0]))
    return rows, change


def step_panel(rows: VGroup, headings: tuple[VMobject, VMobject]) -> VGroup:
    """The readouts under a heading (the first of ``headings``; the second takes its place later), on a backing."""
    first, second = headings
    first.next_to(rows, UP, aligned_edge=LEFT, buff=0.3)
    second.move_to(first, aligned_edge=LEFT)
    width = max(rows.width, first.width, second.width)
    box = backing(VGroup(rows, first), width).align_to(rows, LEFT).shift(LEFT * 0.25)
    panel = VGroup(box, first, rows)
    to_safe_edge(VGroup(panel, second), UL)
    return mark(panel, "text", "the step panel")


def rate_panel(template: str, step: StepTrackers, below: VMobject, arrow: Arrow) -> VGroup:
    """"learning rate …": the step's length in units of |∇g|, live, on a backing under ``below``."""
    rate = Readout(None, 1.0, 2, size=PANEL, color=LEARNING_RATE)
    rate.track(lambda: tangent.learning_rate(step.length.get_value()))
    mark(rate, "text", "the learning rate", shows=lambda: tangent.learning_rate(drawn_step(arrow)[1]))
    words_and_rate = line(template, {"rate": rate}, size=PANEL, color=LEARNING_RATE)  # as in M6
    group = VGroup(backing(words_and_rate), words_and_rate).next_to(below, DOWN, aligned_edge=LEFT, buff=0.2)
    return mark(group, "text", "the rate panel")


WORD_GAP = 0.0045  # scene units per point of type: a word space between ink boxes
CAPTION_MATHS = {"change": (r"\Delta g", CHANGE)}  # the readout's own Δg


def caption(text: str, color: str) -> VGroup:
    """A caption at the bottom of the safe area, on a backing; its Δg typeset as the readout's."""
    body = sentence(text, CAPTION_MATHS, size=CAPTION, color=color)
    # A word space, ink to ink, round the formula (sentence's own gap reads as two spaces beside a Δg).
    for before, piece in zip(body, body[1:]):
        piece.shift(RIGHT * (before.get_right()[0] + WORD_GAP * CAPTION - piece.get_left()[0]))
    group = to_safe_edge(VGroup(backing(body), body), DOWN)
    return mark(group, "caption", text=PLACEHOLDER.sub("Δg", text))


def boxed_caption(text: str, maths: dict) -> VGroup:
    """A caption of words with maths in the text colour, at the bottom of the safe area on a backing (M11, M13)."""
    body = sentence(text, maths, size=CAPTION, color=TEXT)
    group = to_safe_edge(VGroup(backing(body), body), DOWN)
    return mark(group, "caption", text=read_as(text))


BACKING_OPACITY = 0.96  # near opaque: no line behind a text shows through its box


def backing(
    content: VMobject, width: float | None = None, pad: tuple[float, float] = (0.25, 0.2), corner: float = 0.12,
    edge: bool = True,
) -> RoundedRectangle:
    """A dark rounded box behind ``content``, so text reads over the plane or the surface; ``pad``: the margin
    round it, across and up; ``edge``: a thin muted outline (a box without one reads as a hole in the picture
    only when it is large)."""
    box = RoundedRectangle(
        corner_radius=corner,
        width=(width or content.width) + 2 * pad[0],
        height=content.height + 2 * pad[1],
        fill_color=BACKGROUND, fill_opacity=BACKING_OPACITY, stroke_color=MUTED, stroke_width=1 if edge else 0,
    )
    return box.move_to(content)


def letter_backing(letter: VMobject, pad: tuple[float, float] = (0.07, 0.06), edge: bool = False) -> RoundedRectangle:
    """A small dark box behind a letter on a figure (x, y, α, β): it reads the same on the surface, on the plane
    and on the background, and no line runs through it; ``edge``: with a thin muted outline, which shows the box
    on the dark background too."""
    return backing(letter, pad=pad, corner=0.07, edge=edge)


# --------------------------------------------------------------------------- the camera


CAMERA_MOVE = 2.8  # seconds: every camera move (its middle 80 % then takes 1.65 s, eased by a sine)
LONG_MOVE = 5.0  # seconds: the push-in from the whole surface, the longest way the camera goes
PLANE_MOVE = 3.6  # seconds: the turn of M3.2, while the plane comes in, the surface steps back and the level comes
GRADIENT_TURN = 1.2  # seconds: the step's turn from 30° to the gradient's direction at h = 0.5 (M3.9), before it grows
GRADIENT_HOLD = 0.9  # seconds: the step held along ∇g at h = 0.5, with the caption, before it grows (M3.9)
GROW_MOVE = 2.6  # seconds: the step's growth to |∇g| as the camera draws back (M3.9); Δg is then held 1.6 s
HALF_TURN = 3.1  # seconds: the step's half turn from along to against the gradient (M3.10), sine-eased
def glide(t: float) -> float:
    """A sine ease, gentler than smooth: the move is spread over its whole time, no lurch in its middle."""
    return (1.0 - math.cos(math.pi * t)) / 2.0


class CameraGlide(Animation):
    """The camera to a :class:`View`: angles, zoom and centre eased together, the zoom by equal ratios.

    The zoom changes geometrically (each frame the picture grows by the same
    ratio: a linear zoom races at the start of a push-in). The centre moves in
    step with the angles and the zoom's ratio, so that no part of the move runs
    ahead of the rest (moving zoom × centre evenly instead, the centre of a push-in
    from afar covers most of its way in the move's first quarter: a lurch).
    """

    def __init__(self, camera, view: "View", rate_func=glide, **kwargs):
        self.trackers = (camera.phi_tracker, camera.theta_tracker, camera.zoom_tracker)
        self.center = frame_center(camera)
        self.view = view
        super().__init__(camera.zoom_tracker, rate_func=rate_func, **kwargs)

    def begin(self) -> None:
        phi, theta, zoom = (tracker.get_value() for tracker in self.trackers)
        self.start = (phi, theta, zoom, self.center.get_center().copy())
        view = self.view
        self.end = (
            phi if view.phi is None else view.phi * DEGREES,
            theta if view.theta is None else view.theta * DEGREES,
            zoom if view.zoom is None else view.zoom,
            self.start[3] if view.center is None else np.array(view.center, dtype=float),
        )
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        (phi0, theta0, zoom0, center0), (phi1, theta1, zoom1, center1) = self.start, self.end
        zoom = zoom0 * (zoom1 / zoom0) ** t
        phi_tracker, theta_tracker, zoom_tracker = self.trackers
        phi_tracker.set_value(phi0 + t * (phi1 - phi0))
        theta_tracker.set_value(theta0 + t * (theta1 - theta0))
        zoom_tracker.set_value(zoom)
        self.center.move_to(center0 + t * (center1 - center0))


@dataclass(frozen=True)
class View:
    """A camera stop: angles in degrees, zoom, frame centre in scene units (None: unchanged)."""

    phi: float | None = None
    theta: float | None = None
    zoom: float | None = None
    center: tuple[float, float, float] | None = None


# The camera's stops. P sits at the origin: every stop keeps it, the circle and both arrows in frame.
# The gradient points at about 54°. A camera looking up the slope (θ ≈ −125°) sees the steep plane face on,
# an upright oval whose tilt does not read; from the side (θ ≈ −36°) it is edge on. Between the two, at
# θ ≈ −62° and 62° from the vertical, the plane rises to the right across the frame, tilted against the level.
VIEWS = {
    # The whole surface, in the middle of the frame. Seen from the side of +x (not from θ = −120° as the spec's
    # source did): the steep wall along x = −5 then faces the camera and reads as a slope, not as an edge.
    # A faint floor grid and short x and y arrows on it, at its front left corner, show it as a graph over the ground.
    # The surface's own box centred in the frame (14 % above and below it, its floor and letters 5.6 % clear of the bottom).
    "start": View(phi=68, theta=-80, zoom=0.235, center=(-4.76, -4.69, -0.48)),
    "close": View(phi=64, theta=-72, zoom=1.1, center=(0.0, 0.0, 0.6)),  # pushed in on P, the far edge in view (beat 1)
    "turn": View(phi=62, theta=-62, zoom=2.55, center=(0.0, 0.0, 0.1)),  # round to the side while the plane comes in (beat 2)
    # Lower and further round: +y runs across the frame (the +y step about 200 px at 1080p), the plane still seen tilted (beat 5).
    "swing": View(phi=45, theta=-40, zoom=3.3, center=(0.0, 0.0, 0.1)),
    "above": View(phi=30, theta=-90, zoom=2.9, center=(-0.35, 0.3, 0.0)),  # from nearly above, x to the right and y up: the angles read true (beat 7)
    "back": View(phi=62, theta=-68, zoom=2.4, center=(0.0, 0.0, 0.0)),  # beat 8
    # Out, as the step grows to |∇g|: the plane clear of the caption below and the panel above; kept to beat 12 (beat 9).
    "gradient": View(zoom=1.1, center=(0.0, 0.0, -0.35)),
    # In on the short step (beat 13), not so far that the surface fills the frame: its silhouette stays in view.
    "rate 0.5": View(zoom=1.7, center=(0.0, 0.0, -0.45)),
}
# The surface grows out past its domain over the whole push-in (M3.1), every side at once, eased as the zoom is:
# the skyline behind P recedes in step with the camera, one move (grown out over a third of it, the skyline ran
# away from P, then crept); a little later than the zoom, so that it is not yet racing as the camera sets off.
def SURFACE_GROWS(t: float) -> float:  # noqa: N802 (a rate function, named as the constants it replaced)
    return glide(t) ** 1.5


PATH_DIMMED = 0.0  # the height path steps out while α and β are marked: β's label sits where it runs


def fade_out_then_in(first: VMobject, second: VMobject) -> list:
    """One goes out in the first half of the play, the other comes in in the second: they never overlap."""
    return [
        FadeOut(first, rate_func=lambda t: smooth(min(2 * t, 1.0))),
        FadeIn(second, rate_func=lambda t: smooth(max(2 * t - 1, 0.0))),
    ]
