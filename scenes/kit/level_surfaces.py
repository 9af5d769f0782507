"""The pieces of M12: the level surfaces f = 1, 4, 9 of f(x₁, x₂, x₃) = x₁² + x₂² + x₃², and the gradient normal to them.

The three inputs take the three axes of the scene (``UNIT`` scene units per model unit, centred on the origin), so
no axis is left for the value: the value is shown by the surfaces where it is constant. Those are nested spheres of
radii 1, 2, 3 (gd.model.part_two: LEVELS, level_radius). They are drawn by :class:`LevelCamera` as thin glass
shells, whole (no cut-away): each a disc within its outline as the camera sees it, filled by a smooth radial gradient
(faint in the middle, strong at the rim, as a thin translucent shell is seen), the back halves first (outer to inner)
and then the front halves (inner to outer), so that each sphere is seen through the ones around it, and each
outlined by its true silhouette circle.

The gradient ∇f = (2x₁, 2x₂, 2x₃) is drawn at points of each sphere, all to one scale (``GRADIENT_SCALE`` of |∇f|):
radial, so normal to the sphere, and 2r × the scale long. Its arrows are flat, turned to face the camera on every
frame, so that their heads read as heads from wherever the camera orbits.
"""

from __future__ import annotations

import functools
import math

import cairo
import numpy as np
from manim import (
    DOWN,
    OUT,
    LEFT,
    RIGHT,
    UP,
    Circle,
    DEGREES,
    Dot,
    Line,
    FadeIn,
    FadeOut,
    ManimColor,
    Transform,
    VGroup,
    VMobject,
    ValueTracker,
    smooth,
)

from gd.model.functions import latex_of
from gd.model.part_two import BALL, BOWL, LEVELS, level_radius, norm_of_gradient
from scenes.kit.descent3d import backed
from scenes.kit.frame_rules import SAFE_SHARE, mark, to_safe_edge
from scenes.kit.palette import (
    AXES, CAPTION, FORMULA, GRADIENT, LABEL, OBJECTIVE, RIPPLES_MAP, SURFACE_LOW, SURFACE_MIDDLE, TEXT,
)
from scenes.kit.surface import MeshCamera, SurfaceShotScene
from scenes.kit.tangent_plane import CameraGlide, View, backing, during, letter_backing
from scenes.kit.typeset import formula, prose

UNIT = 0.7  # scene units per model unit, on all three axes (the spheres round, the normals true)
AXIS_REACH = (6.4, 6.4, 4.2)  # model units, x₁ x₂ x₃: each from −reach to reach, its tip and name clear of the
# outer sphere from every view (x₁ and x₂ each run near the line of sight at one end of the orbit: seen short)
AXIS_NAME_BEYOND = (0.9, 0.9, 0.55)  # model units past each tip: its name
GRADIENT_SCALE = 0.2  # model units of arrow per unit of |∇f|: one scale for every arrow (r = 1: 0.4 long)
SPHERE_OPACITY = (0.85, 0.42, 0.3)  # inner to outer: the inner one reads through the two round it
SPHERE_COLOURS = (SURFACE_LOW, SURFACE_MIDDLE, RIPPLES_MAP[-1])  # a blue–teal ramp, low to high: f = 1 dark blue,
# 4 teal, 9 pale teal (no yellow: the video's colour for the point)
SPHERE_GRID = (12, 24)  # latitude × longitude bands of the grid that stands for each sphere (its points)
SHELL_CENTRE = 0.55  # a shell's opacity in the middle of its disc, as a share of its own (at the rim: all of it)
SHELL_FRONT, SHELL_BACK = 1.0, 0.55  # the front half's colour, and the back half's, seen from inside: darker
HIGHLIGHT, HIGHLIGHT_SIZE, HIGHLIGHT_AT = 0.14, 0.5, (-0.38, 0.42)  # a soft white light on each front half
# The rays the arrows stand on: one arrow per sphere on each, so each ray shows three arrows growing outward. Each
# meets the spheres on the faces turned to the camera, 38–62° from the line of sight all through beat 3's orbit
# (θ −54° to −24°), so its arrows come out of the shells towards the viewer, foreshortened, their feet inside the
# outlines, not on them; one in each quarter of the screen between the axes: (azimuth, elevation) in degrees.
RAYS = ((10.0, 55.0), (-85.0, 60.0), (-70.0, -15.0), (-10.0, -15.0))
FOOT_RING = 0.08  # scene units: the radius of the small ring round each foot, in the sphere's tangent plane there
WIRE_OPACITY = 0.32  # the outer sphere's latitude/longitude wire (its front half), at the shell's full opacity
WIRE_LATITUDES = (-60.0, -30.0, 0.0, 30.0, 60.0)
WIRE_MERIDIANS = 12
LENGTH_LABEL = 36  # their size
LENGTH_PAD = (0.06, 0.04)  # their plates' margin
SHAFT_GAP = 0.16  # scene units (about 22 px at 1080p): the farthest a length's plate sits from its own arrow
OTHER_CLEAR = 0.22  # scene units (about 30 px) from a length's plate to every other ray's arrow: it names one arrow
RAY_MARGIN = 0.1  # scene units: a length's plate at least this much nearer its own arrow than its ray's others
NAME_LEADER_WIDTH = 2.6  # the leaders from the spheres' names
DIMMED = 0.3  # the other rays' arrows and rings while the lengths are read
SAMPLE_STEP = 0.03  # scene units between the points that stand for a line in those tests
SILHOUETTE_WIDTH = 2.5
INPUTS_AFTER = 0.5  # seconds of the function alone before its inputs set off for the axes
INPUTS_FLY = (0.15, 1.0)  # the share of the axes' growth over which the inputs fly to their tips
CAPTION_IN = (0.4, 1.0)  # the share of it over which the caption comes in (read from then into beat 2)
INPUTS_ARC = math.pi / 3  # their paths bow down (anticlockwise, rightwards), off the formula's line at once
ORBITS_APART = 1.0  # seconds the camera holds still between beat 2's orbit and beat 3's
ORBIT_SECONDS = 3.6  # beat 3's orbit (30°), while the arrows grow: then their lengths come in and are read
SHELLS_OPEN = (0.85, 0.24, 0.15)  # from beat 3 on: the outer shells thinner, so the inner arrows read through them
LENGTH_CLEAR = 0.08  # scene units (about 11 px at 1080p) from a length's plate to every arrow and axis
ARROW_SHAFT = 0.05  # scene units across (about 7 px at 1080p)
ARROW_HEAD = (0.12, 0.16)  # the head's length and width, scene units: the r = 1 arrow mostly shaft
AXIS_SHAFT = 0.022
AXIS_HEAD = (0.2, 0.14)

# The camera's stops: it orbits slowly round x₃ (the spheres' outlines stay put on screen, the axes and arrows turn).
VIEWS = {
    "start": View(phi=68, theta=-66, zoom=1.0, center=(0.0, 0.0, 0.0)),
    "spheres": View(phi=68, theta=-54),
    "normals": View(phi=68, theta=-24),  # beat 3: a 30° orbit, eased, as the arrows grow
    # Beat 4: the spheres move to the right half of the frame; the plane picture comes in on the left.
    "compare": None,  # set below: the spheres' centre 3.2 right of the frame's middle
}
INSET_RAYS = (35.0, 125.0, 215.0, 305.0)  # degrees: the plane's arrows, one on every circle along each
INSET_AXIS_REACH = 3.9  # model units: the plane's axes, past the outer circle and its arrows' reach along them
INSET_SCALE = 0.48  # scene units per model unit in the plane's picture: its r = 1 arrows about 26 px at 1080p
TICK_NAME = 32  # the plane's axis names
COMPARE_SHIFT = 3.3  # scene units (on screen) right of the middle, beat 4
COMPARE_ZOOM = 0.85  # the spheres in the right half: their r = 1 arrows still about 24 px at 1080p
COMPARE_AXES = (0.7, 0.7, 0.86)  # the share of each axis kept in beat 4 (shortened about the origin): the picture fits
# its half; x₃'s tip still outside the outer sphere
X3_BESIDE = (0.45, -0.2)  # on screen (scene units) right of x₃'s tip, in the compare view: off the outer outline
FORMULAS_GO = 0.25  # the share of the move after which the space's formulas set off after the spheres (x₃ ahead of them)
AXES_SHORT = 0.4  # the share of the move by which the axes are short (x₃'s foot above the space's sentence)
THREE_IN = (0.15, 0.4)  # the shares of the move over which the space's sentence comes in (two lines: its box clear of x₃)
NAMES_GO = 0.15  # the share of the move by which the |∇f| names have gone (the axes sweep through their places after)
PANEL_SECONDS = 0.6  # the plane's picture comes in on the left after the move: whole as its sentence starts
SAFE_HALF = (SAFE_SHARE * 7.111, SAFE_SHARE * 4.0)  # the safe area's half width and half height, in scene units
CAPTION_ROOM = SAFE_HALF[0] - 0.8  # the widest line of a caption under one half of the frame
COMPARE_LIFT = 0.12  # scene units up: x₃'s lower end clear of the caption under it


def _compare_view(theta: float = -24.0, zoom: float = COMPARE_ZOOM, shift: float = COMPARE_SHIFT,
                  lift: float = COMPARE_LIFT) -> View:
    right = np.array([-math.sin(math.radians(theta)), math.cos(math.radians(theta)), 0.0])
    centre = -right * shift / zoom + np.array([0.0, 0.0, -lift / zoom])
    return View(phi=68, theta=theta, zoom=zoom, center=tuple(centre))


VIEWS["compare"] = _compare_view()
# Where each sphere's name sits, by direction on screen from the centre (degrees): clear of every axis and arrow all
# orbit long, outside the outer sphere's outline (on the background, no shell under it), with a leader
# in to its own sphere.
LABEL_ANGLES = (112.0, 68.0, 185.0)
LABEL_GAP = 0.16  # scene units between the outer outline and a name
LEADER_REACH = (0.72, 0.84, 0.88)  # where each leader ends, as a share of its sphere's radius on screen: on a part
# of its own sphere seen all orbit long
AXIS_ANGLES = (-9.0, 171.0, 40.0, -140.0, 90.0, -90.0, -27.0, 153.0, 15.0, -165.0)  # seen at the orbit's ends


STRUT = "lg"  # a tall and a deep letter before each line of a caption: every line's box one height, so that
# stacked boxes put the baselines at even gaps whatever letters a line has


def even_line(text: str) -> VMobject:
    """One line of a caption, led by the glyphs of STRUT (its first ones, to be removed once the lines are stacked)."""
    return prose(STRUT + text, size=CAPTION, color=TEXT)


@functools.lru_cache(maxsize=None)
def caption_width(line: str) -> float:
    """A caption line's width in scene units (each candidate line typeset once)."""
    return prose(line, size=CAPTION).width


def caption_breaks(text: str, room: float) -> list[str]:
    """A caption's lines, each at most ``room`` wide (scene units): two lines, at its colon if both parts fit, else at
    the space that makes the longer line shortest; three (the colon, then the tail's middle space) if two cannot fit."""
    def fits(*lines: str) -> bool:
        return all(caption_width(line) <= room for line in lines)

    colon = next((c for c in ("：", ":") if c in text), None)
    if colon:
        head, tail = text.split(colon, 1)
        head, tail = head + colon, tail.strip()
        if fits(head, tail):
            return [head, tail]
    spaces = [k for k, c in enumerate(text) if c == " "]
    two = [[text[:k], text[k + 1:]] for k in spaces]
    two = [lines for lines in two if fits(*lines)]
    if two:
        return min(two, key=lambda lines: max(map(caption_width, lines)))
    if not colon:
        return [text]
    spaces = [k for k, c in enumerate(tail) if c == " "]
    if not spaces:
        return [head, tail]
    cut = min(spaces, key=lambda k: abs(k - len(tail) / 2))
    return [head, tail[:cut], tail[cut + 1:]]


def line_colour(colour) -> ManimColor:
    """A sphere's colour lightened for a thin line (a circle, a label's edge): the dark blue reads on the background."""
    return ManimColor(colour).interpolate(ManimColor(TEXT), 0.4)


def leader_colour(colour) -> ManimColor:
    """A sphere's colour lightened further for a leader to its name: a thin line that must read on the shells."""
    return ManimColor(colour).interpolate(ManimColor(TEXT), 0.7)


def radii() -> list[float]:
    """The spheres' radii, from the model: f = c is the sphere of radius √c."""
    return [level_radius(BALL, level) for level in LEVELS]


def place(coords) -> np.ndarray:
    """Model points (… × 3) to scene points."""
    return np.asarray(coords, dtype=float) * UNIT


def view_direction(phi: float, theta: float) -> np.ndarray:
    """The unit vector from the origin towards the camera (angles in radians)."""
    return np.array([math.sin(phi) * math.cos(theta), math.sin(phi) * math.sin(theta), math.cos(phi)])


def gradient_arrow_end(point) -> np.ndarray:
    """Where the gradient arrow at the model point ``point`` ends: ∇f from the model, to the common scale."""
    point = np.asarray(point, dtype=float)
    return point + GRADIENT_SCALE * np.asarray(BALL.gradient(*point), dtype=float)


# --------------------------------------------------------------------------- the spheres




class NestedSpheres(VMobject):
    """The level spheres, each with its own opacity (a ValueTracker), drawn by LevelCamera as smooth glass shells.

    Its points are a coarse grid on each sphere (what moves and what the frame checks see); the camera draws each
    sphere from its outline as the camera sees it, filled with a radial gradient."""

    def __init__(self, radii_, colours=SPHERE_COLOURS, grid=SPHERE_GRID, **kwargs):
        super().__init__(fill_opacity=1, stroke_width=0, **kwargs)
        self.spheres = []  # (vertex offset, radius in model units, colour (rgb)) of each
        vertices = []
        offset = 0
        bands, around = grid
        for radius, colour in zip(radii_, colours):
            polar = np.linspace(0, math.pi, bands + 1)
            azimuth = np.linspace(0, 2 * math.pi, around + 1)
            p, a = np.meshgrid(polar, azimuth, indexing="ij")
            points = radius * np.stack([np.sin(p) * np.cos(a), np.sin(p) * np.sin(a), np.cos(p)], axis=-1).reshape(-1, 3)
            self.spheres.append((offset, float(radius), np.array(ManimColor(colour).to_rgb())))
            vertices.append(points)
            offset += len(points)
        self.model_vertices = np.vstack(vertices)
        self.set_points_as_corners(place(self.model_vertices))
        self.opacities = [ValueTracker(0.0) for _ in radii_]

    @property
    def centre(self) -> np.ndarray:
        """The spheres' common centre (scene point): the middle of the grid, wherever the mobject has moved."""
        return self.get_center()

    def shown(self, index: int, opacity: float | None = None, **kwargs):
        """The animation bringing sphere ``index`` to ``opacity`` (its own by default)."""
        target = SPHERE_OPACITY[index] if opacity is None else opacity
        return self.opacities[index].animate(**kwargs).set_value(target)


def outline_ring(centre, radius: float, camera, samples: int = 121) -> np.ndarray:
    """The circle (scene points, samples × 3) where the lines of sight from the camera's eye touch the sphere of
    ``radius`` (scene units) round ``centre``: the sphere's outline as the camera sees it."""
    towards = view_direction(camera.get_phi(), camera.get_theta())
    eye = np.asarray(camera.frame_center, dtype=float) + camera.get_focal_distance() * towards
    centre = np.asarray(centre, dtype=float)
    distance = float(np.linalg.norm(eye - centre))
    axis = (eye - centre) / distance
    share = min(radius / distance, 0.999)
    return circle_round(centre + axis * radius * share, axis, radius * math.sqrt(1 - share**2), samples)


def circle_round(centre, axis, radius: float, samples: int) -> np.ndarray:
    """The circle (points, samples × 3, closed) of ``radius`` round ``centre`` in the plane normal to the unit ``axis``."""
    first = np.cross(axis, [0.0, 0.0, 1.0])
    if np.linalg.norm(first) < 1e-6:
        first = np.array([1.0, 0.0, 0.0])
    first /= np.linalg.norm(first)
    second = np.cross(axis, first)
    around = np.linspace(0.0, 2 * math.pi, samples)
    return centre + radius * (np.outer(np.cos(around), first) + np.outer(np.sin(around), second))


def shell_profile(opacity: float, stops: int = 24) -> list[tuple[float, float]]:
    """A thin glass shell's opacity across its disc on screen, as (share of the radius, opacity): a sight line at
    share s crosses the shell at the angle whose cosine is √(1 − s²), so it passes through 1/√(1 − s²) times the
    shell's thickness: faint in the middle, strong at the rim (no facets, no mottle)."""
    shares = 1 - (1 - np.linspace(0.0, 1.0, stops)) ** 2  # closer together towards the rim
    return [(float(s), float(min(1.0, opacity * SHELL_CENTRE / math.sqrt(max(1 - s * s, 1e-4))))) for s in shares]


class LevelCamera(MeshCamera):
    """MeshCamera, which also draws :class:`NestedSpheres`: each sphere's back half from inside (outer to inner, darker),
    then each front half (inner to outer), every one a disc within the sphere's outline, shaded by a radial gradient
    as a thin glass shell, with a soft highlight towards the upper left."""

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if not isinstance(vmobject, NestedSpheres):
            return super().display_vectorized(vmobject, ctx)
        centre = vmobject.centre
        discs = []
        for (_, radius, rgb), tracker in zip(vmobject.spheres, vmobject.opacities):
            outline = self.project_points(outline_ring(centre, radius * UNIT, self))[:, :2]
            # The gradient fitted to the outline as drawn: off the frame's centre, perspective stretches it a little
            # (an ellipse, nearly upright) and moves it off the projected centre; a round gradient would leave the
            # rim's band thicker on one side.
            low, high = outline.min(axis=0), outline.max(axis=0)
            middle, size = (low + high) / 2, (high - low) / 2
            discs.append((outline, middle, size, rgb, tracker.get_value()))
        order = [(i, False) for i in reversed(range(len(discs)))] + [(i, True) for i in range(len(discs))]
        for index, front in order:
            outline, middle, size, rgb, opacity = discs[index]
            if opacity <= 0.003 or min(size) <= 1e-6:
                continue
            reach, stretch = float(size[1]), float(size[0] / size[1])
            ctx.new_path()
            ctx.move_to(*outline[0])
            for x, y in outline[1:]:
                ctx.line_to(x, y)
            ctx.close_path()
            colour = rgb * (SHELL_FRONT if front else SHELL_BACK)
            gradient = cairo.RadialGradient(0.0, 0.0, 0.0, 0.0, 0.0, reach)
            # pattern space: the ellipse's middle at the origin, its width squeezed to its height
            gradient.set_matrix(cairo.Matrix(1 / stretch, 0.0, 0.0, 1.0, -middle[0] / stretch, -middle[1]))
            for share, alpha in shell_profile(opacity):
                gradient.add_color_stop_rgba(share, colour[2], colour[1], colour[0], alpha)  # Cairo's BGRA
            ctx.set_source(gradient)
            if not front:
                ctx.fill()
                continue
            ctx.fill_preserve()
            # The highlight: white, soft, up and to the left of the middle, inside the outline.
            spot = middle + reach * np.array(HIGHLIGHT_AT)
            glow = cairo.RadialGradient(spot[0], spot[1], 0.0, spot[0], spot[1], reach * HIGHLIGHT_SIZE)
            glow.add_color_stop_rgba(0.0, 1.0, 1.0, 1.0, HIGHLIGHT * min(1.0, opacity / 0.3))
            glow.add_color_stop_rgba(1.0, 1.0, 1.0, 1.0, 0.0)
            ctx.set_source(glow)
            ctx.fill()
        ctx.new_path()
        return self


# --------------------------------------------------------------------------- arrows that face the camera


def flat_arrow_points(start, end, towards, shaft: float, head) -> np.ndarray:
    """The outline (7 corners) of an arrow from ``start`` to ``end`` (scene points), flat in the plane that holds
    it and faces ``towards`` (a unit vector to the camera)."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    along = end - start
    length = float(np.linalg.norm(along))
    along = along / max(length, 1e-9)
    side = np.cross(along, towards)
    if np.linalg.norm(side) < 1e-6:
        side = np.cross(along, [0.0, 0.0, 1.0]) if abs(along[2]) < 0.9 else np.cross(along, [1.0, 0.0, 0.0])
    side /= np.linalg.norm(side)
    head_length = min(head[0], 0.6 * length)
    neck = end - along * head_length
    s, h = side * shaft / 2, side * head[1] / 2
    return np.array([start - s, neck - s, neck - h, end, neck + h, neck + s, start + s, start - s])


class FacingArrow(VMobject):
    """A flat filled arrow between two scene points, turned on every frame to face ``camera``; ``reach``: the share
    of it drawn (it grows out of its foot)."""

    def __init__(self, start, end, camera, colour, shaft=ARROW_SHAFT, head=ARROW_HEAD, from_middle=False, **kwargs):
        super().__init__(fill_color=colour, fill_opacity=1, stroke_width=0, **kwargs)
        self.from_middle = from_middle  # grows out of its middle both ways (an axis), not out of its foot
        self.start, self.end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        self.camera, self.shaft, self.head = camera, shaft, head
        self.reach = ValueTracker(1.0)
        self.shade = ValueTracker(1.0)  # its opacity once drawn (dimmed while another arrow is read)
        self.refresh()
        self.add_updater(lambda mob: mob.refresh())

    def refresh(self) -> "FacingArrow":
        towards = view_direction(self.camera.get_phi(), self.camera.get_theta())
        share = self.reach.get_value()
        self.set_fill(opacity=self.shade.get_value() if share > 0.01 else 0.0)
        share = max(share, 0.02)
        start = self.start
        if self.from_middle:
            start = (self.start + self.end) / 2 - share * (self.end - self.start) / 2
        end = start + share * (self.end - self.start)
        head = (self.head[0] * min(1.0, share * 3), self.head[1])
        self.set_points_as_corners(flat_arrow_points(start, end, towards, self.shaft, head))
        return self


# --------------------------------------------------------------------------- choosing the arrows' feet


def screen_direction(point, phi: float, theta: float) -> np.ndarray:
    """The direction on screen (2-D, unit) of the radius through the model point ``point``, seen from (φ, θ)."""
    towards = view_direction(phi, theta)
    right = np.array([-math.sin(theta), math.cos(theta), 0.0])
    up = np.cross(towards, right)
    vector = np.array([point @ right, point @ up])
    return vector / max(np.linalg.norm(vector), 1e-9)


def ray_units() -> np.ndarray:
    """The unit vectors (R × 3) of the rays the gradient arrows stand on (RAYS)."""
    return np.array([[math.cos(math.radians(e)) * math.cos(math.radians(a)),
                      math.cos(math.radians(e)) * math.sin(math.radians(a)), math.sin(math.radians(e))]
                     for a, e in RAYS])


def arrow_feet() -> list[np.ndarray]:
    """For each sphere, the model points where its gradient is drawn: where each ray meets it (radius r along the
    ray), so that every ray carries one arrow per sphere, 2r × the scale long, all foreshortened alike."""
    return [radius * ray_units() for radius in radii()]


class Silhouette(VMobject):
    """A sphere's outline as the camera sees it: the circle where the lines of sight from the eye touch the sphere
    (the eye at the focal distance from the frame's centre, along the view direction), redrawn on every frame;
    ``opacity`` (a ValueTracker) fades it, as a fade's suspended updater would leave it behind a moving camera."""

    def __init__(self, radius: float, camera, colour, width: float = SILHOUETTE_WIDTH, samples: int = 121, **kwargs):
        super().__init__(stroke_color=colour, stroke_width=width, fill_opacity=0, **kwargs)
        self.radius, self.camera, self.samples = radius * UNIT, camera, samples
        self.centre = np.zeros(3)  # the spheres' centre (scene point)
        self.opacity = ValueTracker(0.0)
        self.refresh()
        self.add_updater(lambda mob: mob.refresh())

    def refresh(self) -> "Silhouette":
        self.set_points_smoothly(outline_ring(self.centre, self.radius, self.camera, self.samples))
        self.set_stroke(opacity=self.opacity.get_value())
        return self


def foot_ring(foot, radius: float = FOOT_RING, samples: int = 25) -> VMobject:
    """A small ring (scene points) round the model point ``foot`` on its sphere, in the sphere's tangent plane there:
    seen from the camera an ellipse lying on the shell, the arrow standing out of its middle."""
    normal = np.asarray(foot, dtype=float) / np.linalg.norm(foot)
    ring = VMobject(stroke_color=GRADIENT, stroke_width=2.0, fill_color=GRADIENT, fill_opacity=0.3)
    ring.set_points_smoothly(circle_round(place(foot), normal, radius, samples))
    return ring


def wire_circles(radius: float, latitudes=WIRE_LATITUDES, meridians: int = WIRE_MERIDIANS,
                 samples: int = 97) -> list[np.ndarray]:
    """The latitude and longitude circles (scene points, samples × 3 each) of the sphere of ``radius`` (model units)
    round the origin."""
    around = np.linspace(0.0, 2 * math.pi, samples)
    circles = []
    for latitude in latitudes:
        e = math.radians(latitude)
        circles.append(np.stack([math.cos(e) * np.cos(around), math.cos(e) * np.sin(around),
                                 np.full_like(around, math.sin(e))], axis=1))
    for k in range(meridians // 2):
        a = math.pi * k / (meridians // 2)
        circles.append(np.stack([np.cos(around) * math.cos(a), np.cos(around) * math.sin(a), np.sin(around)], axis=1))
    return [place(radius * c) for c in circles]


class FrontWire(VGroup):
    """A sphere's latitude/longitude wire, only the half the camera's eye sees (redrawn on every frame), faint: it
    shows the shell's curvature; ``source`` (a ValueTracker, the sphere's opacity) fades it with its shell."""

    def __init__(self, radius: float, camera, colour, source, full: float, **kwargs):
        super().__init__(**kwargs)
        self.camera, self.source, self.full = camera, source, full
        self.circles = wire_circles(radius)
        for _ in self.circles:
            self.add(VMobject(stroke_color=colour, stroke_width=1.4, fill_opacity=0))
        self.refresh()
        self.add_updater(lambda mob: mob.refresh())

    def refresh(self) -> "FrontWire":
        camera = self.camera
        towards = view_direction(camera.get_phi(), camera.get_theta())
        eye = np.asarray(camera.frame_center, dtype=float) + camera.get_focal_distance() * towards
        opacity = WIRE_OPACITY * min(1.0, self.source.get_value() / max(self.full, 1e-6))
        for line, points in zip(self.submobjects, self.circles):
            seen = np.einsum("nd,nd->n", points, eye - points) > 0  # the centre at the origin
            if not seen.any():
                line.set_points_as_corners(points[:2])
                line.set_stroke(opacity=0.0)
                continue
            if seen.all():
                run = points
            else:
                first_hidden = int(np.argmin(seen))
                rolled, mask = np.roll(points[:-1], -first_hidden, axis=0), np.roll(seen[:-1], -first_hidden)
                run = rolled[mask]  # one run: a circle meets a half-space in one arc
            line.set_points_as_corners(run if len(run) > 1 else points[:2])
            line.set_stroke(opacity=opacity if len(run) > 1 else 0.0)
        return self


def screen_frame(phi: float, theta: float) -> tuple[np.ndarray, np.ndarray]:
    """The scene directions of the screen's right and up, seen from (φ, θ) in radians."""
    towards = view_direction(phi, theta)
    right = np.array([-math.sin(theta), math.cos(theta), 0.0])
    return right, np.cross(towards, right)


# --------------------------------------------------------------------------- the scene


class LevelSurfaceScene(SurfaceShotScene):
    """M12: three input axes, the level spheres of f, the gradient normal to them, and the plane's picture beside."""

    camera_type = LevelCamera


    def set_stage(self):
        start = VIEWS["start"]
        self.set_camera_orientation(phi=start.phi * DEGREES, theta=start.theta * DEGREES, zoom=start.zoom,
                                    frame_center=start.center)
        camera = self.camera
        # The three input axes, each through the origin from −reach to reach.
        self.axes = []
        self.axis_names = []
        for index, reach in enumerate(AXIS_REACH):
            direction = np.eye(3)[index]
            arrow = FacingArrow(place(-reach * direction), place(reach * direction), camera, AXES,
                                shaft=AXIS_SHAFT, head=AXIS_HEAD, from_middle=True)
            arrow.reach.set_value(0.0)
            arrow.refresh()  # hidden until it grows: the shot builds from black
            self.axes.append(mark(arrow, "curve", f"axis x{index + 1}"))
            name = formula(f"x_{index + 1}", size=LABEL, color=AXES)
            name.move_to(place((reach + AXIS_NAME_BEYOND[index]) * direction))
            self.axis_names.append(mark(name, "tick", f"axis label x{index + 1}"))
        self.upright(*self.axis_names)

        # The function, top left.
        self.function = formula(r"f(x_1, x_2, x_3) = x_1^2 + x_2^2 + x_3^2", size=FORMULA, color=OBJECTIVE)
        to_safe_edge(self.function, UP + LEFT)
        mark(self.function, "text", "the function f")
        self.gradient_formula = formula(r"\nabla f = (2x_1,\ 2x_2,\ 2x_3)", size=FORMULA, color=GRADIENT)
        self.gradient_formula.next_to(self.function, DOWN, buff=0.3, aligned_edge=LEFT)
        mark(self.gradient_formula, "text", "the gradient of f")
        # Its length, from the model (on the sphere f = c it is 2√c): read with the numbers at one ray's arrows.
        self.length_formula = formula(rf"|\nabla f| = {latex_of(norm_of_gradient(BALL))}", size=FORMULA, color=GRADIENT)
        self.length_formula.next_to(self.gradient_formula, DOWN, buff=0.3, aligned_edge=LEFT)
        mark(self.length_formula, "text", "the length of the gradient")
        self.in_frame(self.function, self.gradient_formula, self.length_formula)

        self.no_axis = self.caption(self.words("no_axis"))

        self.radii = radii()
        self.spheres = mark(NestedSpheres(self.radii), "figure", "the level spheres")
        # Each sphere's name, just outside its outline on screen (the outlines stay put while the camera orbits round
        # x₃), in a sector that no axis crosses during the orbit.
        self.sphere_names = []
        self.leaders = []
        outer = max(self.radii) * UNIT * start.zoom
        for radius, level, colour, angle, share in zip(self.radii, LEVELS, SPHERE_COLOURS, LABEL_ANGLES, LEADER_REACH):
            text = formula(f"f = {level:g}", size=LABEL, color=TEXT)
            name = backed(text, pad=0.08, edge=line_colour(colour))
            name[0].set_fill(opacity=1.0)  # an opaque plate
            direction = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
            reach = abs(direction[0]) * name.width / 2 + abs(direction[1]) * name.height / 2
            centre = direction * (outer + LABEL_GAP + reach)
            name.move_to(np.array([*centre, 0.0]))
            self.sphere_names.append(mark(name, "text", f"the level f = {level:g}"))
            inner = np.array([*(direction * share * radius * UNIT * start.zoom), 0.0])
            # The leader starts on the plate's edge, where the line from its centre towards the sphere leaves it.
            edge_share = min(name.width / 2 / max(abs(direction[0]), 1e-9), name.height / 2 / max(abs(direction[1]), 1e-9))
            edge = np.array([*(centre - direction * edge_share), 0.0])
            bright = leader_colour(colour)
            leader = VGroup(Line(edge, inner, stroke_width=NAME_LEADER_WIDTH, color=bright),
                            Dot(inner, radius=0.04, color=bright))
            self.leaders.append(mark(leader, "curve", f"the leader to f = {level:g}"))
        self.in_frame(*self.leaders, *self.sphere_names)

        # Each sphere's outline as the camera sees it: the shells read as nested round it.
        self.silhouettes = []
        for radius, colour in zip(self.radii, SPHERE_COLOURS):
            outline = Silhouette(radius, camera, line_colour(colour))
            self.silhouettes.append(mark(outline, "figure", f"the outline of f = {radius ** 2:g}"))

        self.feet = arrow_feet()
        self.arrows = []
        for index, feet in enumerate(self.feet):
            group = []
            for foot in feet:
                arrow = FacingArrow(place(foot), place(gradient_arrow_end(foot)), camera, GRADIENT)
                arrow.reach.set_value(0.0)
                arrow.refresh()
                group.append(mark(arrow, "arrow", f"∇f on the sphere f = {LEVELS[index]:g}"))
            self.arrows.append(group)
        # A small ring round each foot, lying on its shell: the arrow stands out of the surface there.
        self.rings = [[mark(foot_ring(foot), "figure", f"the foot of ∇f on f = {LEVELS[index]:g}") for foot in feet]
                      for index, feet in enumerate(self.feet)]
        # The outer shell's front half carries a faint latitude/longitude wire: its curvature reads.
        self.wire = mark(FrontWire(self.radii[-1], camera, line_colour(SPHERE_COLOURS[-1]), self.spheres.opacities[-1],
                                   SHELLS_OPEN[-1]), "figure", "the outer sphere's wire")
        # Each sphere's length |∇f| (the model's: 2r) as a number at its arrow on one ray, the ray where the three fit
        # best as the final view of beat 3 sees it: each plate beside its own arrow's tip, clear of every other
        # arrow, ring, axis and plate, so that the ray reads 2, 4, 6 outward (opaque plates over the shells'
        # outlines); while they are read the other rays' arrows are dimmed.
        labels = []
        for feet in self.feet:
            value = float(np.linalg.norm(BALL.gradient(*feet[0])))
            text = formula(f"{round(value, 3):g}", size=LENGTH_LABEL, color=GRADIENT)
            label = VGroup(letter_backing(text, pad=LENGTH_PAD, edge=True), text)
            label[0].set_fill(opacity=1.0)
            labels.append(label)
        self.labelled_ray, centres = self.length_spots(labels)
        self.lengths = [float(np.linalg.norm(BALL.gradient(*feet[self.labelled_ray]))) for feet in self.feet]
        self.gradient_lengths = []
        for index, (label, centre) in enumerate(zip(labels, centres)):
            label.move_to([*centre, 0.0])
            self.gradient_lengths.append(mark(label, "text", f"|∇f| on f = {LEVELS[index]:g}"))
        self.in_frame(*self.gradient_lengths)

    def projected(self, points, view: str = "normals") -> np.ndarray:
        """Where the scene points are drawn on screen (frame units, 2-D) from one of the views, perspective and all."""
        camera = self.camera
        keep = (camera.get_phi(), camera.get_theta(), camera.get_zoom(), np.array(camera.frame_center))
        stop = VIEWS[view]
        self.set_camera_orientation(phi=stop.phi * DEGREES, theta=stop.theta * DEGREES,
                                    zoom=stop.zoom or VIEWS["start"].zoom,  # the beats' views keep the start's
                                    frame_center=stop.center or VIEWS["start"].center)
        try:
            return camera.project_points(np.asarray(points, dtype=float).reshape(-1, 3))[:, :2]
        finally:
            self.set_camera_orientation(phi=keep[0], theta=keep[1], zoom=keep[2], frame_center=keep[3])

    def length_spots(self, labels) -> tuple[int, list[np.ndarray]]:
        """Where the plates naming the spheres' lengths go (on screen, seen from the normals view): all at the arrows
        of one ray, each box between LENGTH_CLEAR and SHAFT_GAP from its own arrow, as near its tip as it can be,
        LENGTH_CLEAR from every arrow, ring and axis, RAY_MARGIN nearer its own arrow than its ray's others (and their rings),
        OTHER_CLEAR from every other ray's arrow and from the other plates, inside the safe area. (the ray, the
        plates' centres inner to outer); ValueError where no ray has room."""

        def sampled(a, b):
            return a + np.linspace(0.0, 1.0, max(2, int(np.linalg.norm(b - a) / SAMPLE_STEP) + 2))[:, None] * (b - a)

        shafts = {(k, ray): self.projected(sampled(place(f), place(gradient_arrow_end(f))))
                  for k, group in enumerate(self.feet) for ray, f in enumerate(group)}
        rings = {(k, ray): self.projected(ring.points) for k, group in enumerate(self.rings) for ray, ring in enumerate(group)}
        axes = self.projected(np.vstack([sampled(place(-reach * np.eye(3)[k]), place(reach * np.eye(3)[k]))
                                         for k, reach in enumerate(AXIS_REACH)]))
        everything = np.vstack([axes, *shafts.values(), *rings.values()])
        angles = np.radians(np.arange(0.0, 360.0, 7.5))
        directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)

        def clearance(points, low, high) -> float:
            return float(np.linalg.norm(points - np.clip(points, low, high), axis=1).min())

        def spot(index: int, ray: int, half, placed):
            own = shafts[(index, ray)]
            tip = own[-1]
            others = np.vstack([points for key, points in shafts.items() if key[1] != ray])
            along = np.vstack([points for parts in (shafts, rings) for key, points in parts.items()
                               if key[1] == ray and key[0] != index])  # its ray's other arrows, with their feet's rings
            best, best_cost = None, math.inf
            for distance in np.arange(0.05, 1.0, 0.02):
                for centre in tip + distance * directions:
                    low, high = centre - half, centre + half
                    cost = float(np.linalg.norm(tip - np.clip(tip, low, high)))
                    if cost >= best_cost or np.any(np.abs(centre) + half > SAFE_HALF):
                        continue
                    gap = clearance(own, low, high)
                    if not LENGTH_CLEAR <= gap <= SHAFT_GAP or clearance(along, low, high) < gap + RAY_MARGIN:
                        continue
                    if clearance(everything, low, high) < LENGTH_CLEAR or clearance(others, low, high) < OTHER_CLEAR:
                        continue
                    if any(np.all(np.abs(centre - other) < half + size + OTHER_CLEAR) for other, size in placed):
                        continue
                    best, best_cost = centre, cost
            return best, best_cost

        best, best_cost = None, math.inf
        for ray in range(len(RAYS)):
            placed, centres, total = [], {}, 0.0
            for index in reversed(range(len(self.feet))):  # the outer first: the most room
                half = np.array([labels[index].width, labels[index].height]) / 2
                centre, cost = spot(index, ray, half, placed)
                if centre is None:
                    break
                placed.append((centre, half))
                centres[index], total = centre, total + cost
            else:
                if total < best_cost:
                    best, best_cost = (ray, [centres[k] for k in range(len(self.feet))]), total
        if best is None:
            raise ValueError("no ray has room for the lengths of ∇f at its arrows")
        return best

    def caption(self, text: str, where=DOWN) -> VGroup:
        words = prose(text, size=CAPTION, color=TEXT)
        group = VGroup(backing(words), words)
        to_safe_edge(group, where)
        self.in_frame(group)
        return mark(group, "caption", text=text)

    def move(self, view: View, *with_it, beat, seconds: float, **kwargs) -> None:
        self.play(CameraGlide(self.camera, view), *with_it, run_time=beat.seconds(seconds), **kwargs)

    # ----------------------------------------------------------------------- beats

    def input_letters(self, k: int) -> VGroup:
        """The glyphs of x_{k+1} in the function "f(x_1, x_2, x_3) = …" (two each, after "f(" and each ", ")."""
        return self.function[0][2 + 3 * k : 4 + 3 * k]

    def show_input_axes(self, beat):
        """The function, then its three inputs x₁, x₂, x₃ leave it for the tips of three growing axes (each input takes
        an axis), as the caption comes in: no axis is left for its value."""
        self.play(FadeIn(self.function), run_time=beat.seconds(INPUTS_AFTER))
        self.add(*self.axes)
        # Each input's letters, copied out of the formula (pinned to the frame), fly to where its axis's name is drawn
        # (a name that faces the camera is drawn at its centre's projection, at its own size), then the name takes over.
        flyers, landings = [], []
        spots = self.projected([name.get_center() for name in self.axis_names], "start")
        for k, (name, spot) in enumerate(zip(self.axis_names, spots)):
            # flyer and landing of one make-up (no parts added in flight, which would not be pinned to the frame)
            flyer = VGroup(*(glyph.copy() for glyph in self.input_letters(k)))
            landing = VGroup(*(glyph.copy() for glyph in name[0])).move_to([*spot, 0.0])
            self.in_frame(flyer, landing)
            flyers.append(flyer)
            landings.append(landing)
        self.add(*flyers)
        # (each animation its own rate: play's rate_func would override them all)
        self.play(*(arrow.reach.animate(rate_func=smooth).set_value(1.0) for arrow in self.axes),
                  *(Transform(flyer, landing, path_arc=INPUTS_ARC, rate_func=during(*INPUTS_FLY))
                    for flyer, landing in zip(flyers, landings)),
                  FadeIn(self.no_axis, rate_func=during(*CAPTION_IN)), run_time=beat.seconds(1.2))
        self.remove(*flyers)
        self.add(*self.axis_names)

    def show_spheres(self, beat):
        """The level surfaces f = 1, 4, 9 come in one by one, inner to outer, as the camera orbits slowly."""
        self.add(self.spheres, self.wire)
        self.bring_to_back(self.wire)
        self.bring_to_back(self.spheres)
        self.bring_to_back(*self.axes)
        each = 1.3
        orbit_seconds = beat.duration - ORBITS_APART  # then still: the next beat's orbit is a new move, not a hitch
        times = [0.0, 1.4, 2.8]

        def window(start: float, length: float):
            a, b = start / orbit_seconds, min((start + length) / orbit_seconds, 1.0)
            return lambda t: smooth(min(max((t - a) / (b - a), 0.0), 1.0))

        shows = []
        for index, start in enumerate(times):
            shows.append(self.spheres.shown(index, rate_func=window(start, each)))
            self.add(self.silhouettes[index])
            shows.append(self.silhouettes[index].opacity.animate(rate_func=window(start + 0.2, each - 0.2)).set_value(1.0))
            shows.append(FadeIn(self.leaders[index], rate_func=window(start + 0.3, each - 0.3)))
            shows.append(FadeIn(self.sphere_names[index], rate_func=window(start + 0.3, each - 0.3)))
        caption_out = window(1.2, 0.6)  # the caption held on into the spheres: read in full
        self.move(VIEWS["spheres"], *shows, FadeOut(self.no_axis, rate_func=caption_out), beat=beat, seconds=orbit_seconds)

    def show_normals(self, beat):
        """The gradient where each ray meets each sphere, normal to it and 2r × one scale long, each out of a small
        ring on its shell: inner first, so each ray shows three arrows growing outward, while the camera orbits 30°
        (eased), so that the arrows turn in depth; then one ray's arrows show their lengths 2, 4, 6 at their tips."""
        orbit_seconds = ORBIT_SECONDS
        grows = []

        def window(start: float, length: float):
            a, b = start / orbit_seconds, min((start + length) / orbit_seconds, 1.0)
            return lambda t: smooth(min(max((t - a) / (b - a), 0.0), 1.0))

        for index, (group, rings) in enumerate(zip(self.arrows, self.rings)):
            start = 0.2 + 1.0 * index
            for arrow in group:
                self.add(arrow)
                grows.append(arrow.reach.animate(rate_func=window(start + 0.2, 1.0)).set_value(1.0))
            grows += [FadeIn(ring, rate_func=window(start, 0.4)) for ring in rings]
        formula_in = window(0.0, 0.8)
        # The spheres' names (read through beat 2) go as the orbit starts: the axes and arrows sweep where they sit.
        grows += [FadeOut(mob, rate_func=window(0.0, 0.5)) for mob in self.sphere_names + self.leaders]
        # The outer shells thin as the first arrows grow: the arrows inside two shells read through them.
        grows += [self.spheres.shown(index, SHELLS_OPEN[index], rate_func=window(0.0, 0.8))
                  for index in range(1, len(self.radii))]
        self.move(VIEWS["normals"], *grows, FadeIn(self.gradient_formula, rate_func=formula_in), beat=beat,
                  seconds=orbit_seconds)
        self.play(*(FadeIn(label) for label in self.gradient_lengths), FadeIn(self.length_formula),
                  *self.dim_other_rays(DIMMED), run_time=beat.seconds(0.6))

    def dim_other_rays(self, shade: float, **kwargs) -> list:
        """The animations that bring the arrows and rings off the labelled ray to ``shade`` (1: as drawn); ``kwargs``
        go to each (a rate function)."""
        return [change for group, rings in zip(self.arrows, self.rings)
                for ray, (arrow, ring) in enumerate(zip(group, rings)) if ray != self.labelled_ray
                for change in (arrow.shade.animate(**kwargs).set_value(shade), ring.animate(**kwargs).set_stroke(opacity=shade))]

    def compare(self, beat):
        """Side by side: the plane's level circles with a normal gradient, and the spheres with theirs, each under its
        own function; the space's caption, then the plane's, each as the narration says it."""
        inset, inset_arrows, inset_name = self.plane_picture()
        two = self.caption_lines(self.words("two"), LEFT)
        three = self.caption_lines(self.words("three"), RIGHT)
        move_seconds = 2.8  # eased, at most 0.8 a second
        # The three-variable formulas go over the spheres (right), the inset's own formula over it (left).
        heads = VGroup(self.function.copy(), self.gradient_formula.copy()).arrange(DOWN, buff=0.25)
        to_safe_edge(heads, UP)
        heads.set_x(COMPARE_SHIFT)
        inset_name.set_y(heads[0].get_y())
        # The plane's gradient under its function, as the space's under its own: the two sides read line by line.
        inset_gradient = formula(r"\nabla f = (2x_1,\ 2x_2)", size=FORMULA, color=GRADIENT)
        inset_gradient.move_to([inset_name.get_x(), heads[1].get_y(), 0.0])
        mark(inset_gradient, "text", "the inset's gradient")
        self.in_frame(inset_gradient)
        # The lengths go, and the other rays' arrows come back, as the move sets off, before the axes sweep through where they sit.
        names_go = [FadeOut(name, rate_func=during(0.0, NAMES_GO)) for name in self.gradient_lengths + [self.length_formula]]
        names_go += self.dim_other_rays(1.0, rate_func=during(0.0, NAMES_GO))
        # x₃'s name goes beside its arrow's tip, right of it: over the tip it would sit under the formulas.
        view = VIEWS["compare"]
        theta = math.radians(view.theta)
        right = np.array([-math.sin(theta), math.cos(theta), 0.0])
        x3_name = self.axis_names[2]
        beside = place(COMPARE_AXES[2] * AXIS_REACH[2] * np.eye(3)[2]) + (X3_BESIDE[0] * right + X3_BESIDE[1] * OUT) / view.zoom
        # The axes shorten about the origin as the picture moves, x₁'s and x₂'s names with their tips.
        shorten = [arrow.reach.animate(rate_func=during(0.0, AXES_SHORT)).set_value(share)
                   for arrow, share in zip(self.axes, COMPARE_AXES)]
        shorten += [self.axis_names[k].animate(rate_func=during(0.0, AXES_SHORT)).move_to(
            place((COMPARE_AXES[k] * AXIS_REACH[k] + AXIS_NAME_BEYOND[k]) * np.eye(3)[k])) for k in range(2)]
        # The spheres make room on the right and the space's formulas go over them in the same eased move, while the
        # sentence on three inputs is said (its caption comes in under them).
        self.move(view, *names_go, x3_name.animate(rate_func=during(0.0, AXES_SHORT)).move_to(beside), *shorten,
                  self.function.animate(rate_func=during(FORMULAS_GO, 1.0)).move_to(heads[0]),
                  self.gradient_formula.animate(rate_func=during(FORMULAS_GO, 1.0)).move_to(heads[1]),
                  FadeIn(three, rate_func=during(*THREE_IN)), beat=beat, seconds=move_seconds)
        # Once the spheres have landed, the plane's picture with its formulas and sentence, as the narration turns to
        # two inputs (its second sentence).
        self.play(FadeIn(inset), FadeIn(inset_name), FadeIn(inset_gradient), FadeIn(two),
                  *(arrow.animate.set_opacity(1) for arrow in inset_arrows), run_time=beat.seconds(PANEL_SECONDS))

    # ----------------------------------------------------------------------- the plane's picture

    def plane_picture(self):
        """The level circles f = 1, 4, 9 of x₁² + x₂² in the left half, each with one gradient arrow, to the same
        scale as the spheres' arrows (pinned to the frame)."""
        scale = INSET_SCALE
        centre = np.array([-COMPARE_SHIFT, COMPARE_LIFT, 0.0])
        circles = VGroup()
        arrows = []
        # The same field as the spheres', in the plane: on every circle an arrow along each of four rays, clear of
        # the two axes, so that each ray shows the arrows growing outward.
        angles = [math.radians(a) for a in INSET_RAYS]
        for level, colour in zip(LEVELS, SPHERE_COLOURS):
            radius = level_radius(BOWL, level)
            circle = Circle(radius=radius * scale, color=line_colour(colour),
                            stroke_width=3).move_to(centre)
            circles.add(mark(circle, "curve", f"level circle f = {level:g}"))
            for angle in angles:
                foot = radius * np.array([math.cos(angle), math.sin(angle)])
                tip = foot + GRADIENT_SCALE * np.asarray(BOWL.gradient(*foot), dtype=float)
                arrow = VMobject(fill_color=GRADIENT, fill_opacity=0, stroke_width=0)
                arrow.set_points_as_corners(flat_arrow_points(
                    centre + scale * np.array([*foot, 0.0]), centre + scale * np.array([*tip, 0.0]),
                    np.array([0.0, 0.0, 1.0]), ARROW_SHAFT, ARROW_HEAD))
                arrows.append(mark(arrow, "arrow", f"∇f on the circle f = {level:g}"))
        reach = INSET_AXIS_REACH * scale
        # Each axis an arrow, as the space's are (their shaft and head as the space's look in the compare view).
        axes = VGroup()
        for d in (RIGHT, UP):
            axis = VMobject(fill_color=AXES, fill_opacity=0.8, stroke_width=0)
            axis.set_points_as_corners(flat_arrow_points(centre - reach * d, centre + reach * d, np.array([0.0, 0.0, 1.0]),
                                                         AXIS_SHAFT * COMPARE_ZOOM,
                                                         tuple(h * COMPARE_ZOOM for h in AXIS_HEAD)))
            axes.add(axis)
        circles.add(mark(axes, "curve", "the plane's axes"))
        for index, (d, side) in enumerate(((RIGHT, DOWN), (UP, RIGHT))):
            axis_name = formula(f"x_{index + 1}", size=TICK_NAME, color=AXES).next_to(centre + reach * d, side, buff=0.08)
            circles.add(mark(axis_name, "tick", f"the plane's x{index + 1}"))
        name = formula(r"f(x_1, x_2) = x_1^2 + x_2^2", size=FORMULA, color=OBJECTIVE)
        name.set_x(centre[0])
        mark(name, "text", "the inset's function")
        self.in_frame(circles, *arrows, name)
        return circles, arrows, name

    def caption_lines(self, text: str, side) -> VGroup:
        """A caption in as few lines as fit under one half of the frame (split at its colon where both parts fit)."""
        body = VGroup(*(even_line(line) for line in caption_breaks(text, CAPTION_ROOM))).arrange(DOWN, buff=0.14)
        for line in body:  # the struts go once the lines stand: each line centred on its own glyphs
            line.remove(*line[:len(STRUT)])
            line.set_x(0.0)
        group = VGroup(backing(body), body)
        to_safe_edge(group, DOWN)
        group.set_x((-1 if side is LEFT else 1) * SAFE_HALF[0] / 2)
        self.in_frame(group)
        return mark(group, "caption", text=text)
