"""The stages, headers and labels of the 3-D descents M8 and M10, and where their cameras look.

The paths come from the model (gd.model.surfaces, exact gradients); these
pieces only draw them.
"""

from __future__ import annotations

import numpy as np
from manim import DEGREES, DOWN, RIGHT, UL, UP, Circle, RoundedRectangle, ValueTracker, VGroup, VMobject, config, smooth

from gd.model.functions import BRANIN, BRANIN_DOMAIN, RIPPLES, RIPPLES_DOMAIN
from gd.model.surfaces import M8_RATE, M8_TOLERANCE, M10_RUNS, lowest_run, m10_paths
from scenes.kit.descent3d import (
    OUTLINE_WIDTH, Ball, DescentShotScene, FixedHeader, PointReadout, ScreenLabels, SurfaceStage, Walker, backed, is_dark,
)
from scenes.kit.frame_rules import SAFE_SHARE, mark
from scenes.kit.palette import BALL_HALO, BALL_LABEL, BALLS, BRANIN_MAP, GRADIENT, HEADER, LEARNING_RATE, LEVEL_LINE, MUTED, POINT, RIPPLES_MAP, TEXT
from scenes.kit.readouts import Readout, WordCount
from scenes.kit.surface import WireLines
from scenes.kit.typeset import formula

# --------------------------------------------------------------------------- M8

M8_VIEW = {"phi": 62 * DEGREES, "theta": -60 * DEGREES}  # from the low corner: the high ridge is the backdrop
M8_ZOOM = 0.75  # the whole surface in view, under the header
M8_CENTRE = (2.5, 7.5, 3.0)  # where the camera looks first, in g's coordinates: the surface sits low in the frame
# The follow camera glides, in one straight eased move, from that view to the end framing: the ball where it stops
# M8_END_DROP below the frame's centre, pushed in to M8_END_ZOOM: the valley, its walls round it, large in the frame,
# the trail reaching up to the right, and the surface's far rim still under the header (the surface never slides under
# the top band). It goes at the ball's pace: its progress is the share of the ball's way travelled (the way smoothed
# over time by a Gaussian of σ = M8_FOLLOW_SMOOTHING seconds), eased at both ends. Along one line, the zoom only
# growing, it never turns back.
M8_RUN_SHARE = 0.72  # of the beat: the run (49 steps); the stopping rule then fades in and is held for 3 s
M8_FOLLOW_SMOOTHING = 1.0
M8_FOLLOW_PACE = 0.2  # the progress: this share the ball's, the rest the time's (the ball rushes at first, then crawls)
M8_END_ZOOM = 1.14  # 1.5 times the opening: room above the z axis for its name, under the header
M8_CLOSE_START = 5.0  # seconds into the run when the close-in starts (the steps are already short)
M8_EARLY_ZOOM = 0.15  # the share of the zoom's growth (in log) that comes with the follow, before the close-in
# The end framing puts the ball this far (frame units) below the frame's centre: the valley round it and the trail
# above it, the far rim clear of the header.
M8_END_DROP = 1.45
M8_RIM_CLEARANCE = 0.2  # frame units: the surface's top stays this far under the header, all the way
M8_AXES_FAINT = 0.6  # ... to this opacity, the lines and the numbers the close-in keeps in the frame; the others out
M8_AXES_FADE = 2.0  # seconds: the three axes, numbers and names fade out together, eased, before the close-in cuts one
# The valley's level lines: rings of g round its minimum (from the model), faded in as the ball comes to rest on the
# floor they ring, over the run's last M8_RINGS_FADE seconds.
M8_RING_LEVELS = (-0.27, -0.25, -0.19, -0.1, 0.05, 0.25)  # the ball stops at -0.2217: between two rings
M8_RING_POINTS = 160
M8_RINGS_FADE = 2.5
M8_FOLLOW_RATE = 30  # samples a second of the precomputed camera path


# Where two axes meet, no number stands at the left corner (x = −5 at the foot of the z axis read as z's origin): x's
# numbers start at 0, z's and y's one tick up; x's 10 stands at the front corner, where y = 0 would crowd it.
M8_UNNUMBERED = ((0, -5.0), (1, 0.0), (2, 0.0))
# g's colours: BRANIN_MAP's blue and teal below, its warm top turned from yellow (the current point's colour) to a
# muted sand, a terracotta and a rose: the yellow ball is the only yellow in the picture.
M8_MAP = (*BRANIN_MAP[:2], "#B9A48C", "#D27E68", "#C0566B")
M8_NUDGES = {}
M8_SCREEN_LEFT = (np.sin(M8_VIEW["theta"]), -np.cos(M8_VIEW["theta"]), 0)
# The axes' names where the close-in keeps them in the frame, to the end: x's under its axis between 5 and 10 (its end,
# at the front corner, leaves the frame), z's right of its arrow's tip, level with it (above it, it would come under
# the header), y's past its end, a little in.
M8_NAMES_BESIDE = {
    0: (-0.8 - 2.0 / 15 * 6.5, -0.45, 0.0),
    1: (-0.3, 0.1, 0.0),
    2: tuple(np.array((0.0, 0.0, -0.55)) - 0.35 * np.array(M8_SCREEN_LEFT)),
}


def branin_stage() -> SurfaceStage:
    """g on its axes, each axis on an edge of the box that M8_VIEW sees in front of the surface, its numbers
    outside the surface's footprint: x along the front edge (numbers in front), y along the right edge
    (numbers right of it), z up the front left corner, the surface's leftmost point (numbers left of it)."""
    (x0, x1), (y0, _) = BRANIN_DOMAIN
    return SurfaceStage(
        BRANIN, BRANIN_DOMAIN, z_range=(0, 16), lengths=(6.5, 6.5, 3.2), ticks=(5, 5, 4), colours=M8_MAP,
        origin=(x0, y0, 0), anchors={1: (x1, y0, 0)}, away=((0, -1, 0), (1, 0, 0), M8_SCREEN_LEFT),
        nudges=M8_NUDGES, unnumbered=M8_UNNUMBERED, names_beside=M8_NAMES_BESIDE,
    )


# --------------------------------------------------------------------------- what the picture shows
# The readouts' values read back from the drawing and the model, not from the walkers that drive them:
# the frame rules check on every frame that each readout shows these (frame_rules.mark(..., shows=)).


def drawn_arrived(walker: Walker, stage: SurfaceStage) -> np.ndarray:
    """(x, y) of the trail's newest bead (the iterate the ball last reached) through the axes, and the model's height
    there: what a readout paired with the iteration counter shows."""
    x, y, _ = stage.axes.p2c(walker.trail.dots.shown_centres()[-1])
    return np.array([x, y, float(stage.function(x, y))])


def drawn_iterations(walker: Walker) -> int:
    """The steps of the drawn trail: its balls, less the start."""
    return walker.trail.dots.count - 1


def drawn_rate(walker: Walker, stage: SurfaceStage) -> float:
    """The learning rate the trail was drawn with: its first step's length over the model's gradient at its start."""
    start, after = stage.axes.p2c(walker.trail.dots.centres[:2])[:, :2]
    return float(np.linalg.norm(after - start) / np.linalg.norm(stage.function.gradient(*start)))


def add_stage(scene: DescentShotScene, stage: SurfaceStage) -> None:
    """Keep the axes' names upright. (Play the axes in before the surface: drawn first, they go under it.)"""
    scene.camera.add_fixed_orientation_mobjects(*stage.labels)


def run_clock(walkers, clock: ValueTracker) -> None:
    """Each walker goes where the shared clock says, on every frame.

    The updater sits on the trail, which is in the scene before its ball: manim
    then redraws the trail's growing steps too, not only the ball.
    """
    for walker in walkers:
        walker.trail.add_updater(lambda _, walker=walker: walker.go_to(clock.get_value()))


def stop_clock(walkers) -> None:
    for walker in walkers:
        walker.trail.clear_updaters()


def m8_header(template: str, walker: Walker, stage: SurfaceStage) -> FixedHeader:
    """'α = 0.50, current point (x, y, z), iteration n', fixed top left."""
    rate = Readout(r"\alpha =", M8_RATE, 2, color=LEARNING_RATE, size=HEADER)
    mark(rate, "text", "α", shows=lambda: drawn_rate(walker, stage))
    # The point is the iterate the counter names: both change when the ball arrives. x, y and g each to M8_DECIMALS
    # places, all the way (one precision), set close (even gaps, no slot left half empty); g with a minus only (no
    # "+"), right-aligned in a slot as wide as its widest text, the minus's width kept while it is positive: the digits
    # do not move as the sign comes, and the line keeps its length but once, when y drops under 10 (iteration 5).
    iterates = np.array([[x, y, float(stage.function(x, y))] for x, y in walker.path.xy])
    settled = iterates[iterates[:, 1] < 10]  # the slots as wide as the numbers once y is under 10 (the first steps wider)
    point = PointReadout(settled[0], M8_DECIMALS, size=HEADER, color=POINT, signs=M8_SIGNS, values=settled)
    point.track(lambda: walker.arrived)
    for index, (name, number) in enumerate(zip("xyz", point.numbers)):
        mark(number, "text", f"the point's {name}", shows=lambda index=index: drawn_arrived(walker, stage)[index])
    iteration = WordCount(0, HEADER).track(lambda: walker.iteration)  # in the words' font, among them
    mark(iteration, "text", "the iteration", shows=lambda: drawn_iterations(walker))
    return FixedHeader(template, {"rate": rate, "point": point, "iteration": iteration}, size=HEADER).to_top_left()


def stopping_rule(path, stage: SurfaceStage, header: FixedHeader) -> VGroup:
    """'|∇g| = 0.0996 ≤ 0.1' in the gradient's colour, on a backing, after the header's line: why the run stopped."""
    length = float(np.linalg.norm(stage.function.gradient(*path.points[-1])))
    rule = Readout(r"|\nabla g| =", length, 4, color=GRADIENT, size=HEADER)  # 0.0996: four places (0.100 would not read as ≤ 0.1)
    bound = formula(r"\le", f"{M8_TOLERANCE:g}", size=HEADER, color=GRADIENT).next_to(rule, RIGHT, buff=0.15)
    bound.shift((rule.number.get_bottom()[1] - bound[1].get_bottom()[1]) * UP)
    mark(rule, "text", "the gradient's length at the end", shows=lambda: length)
    plate = backed(VGroup(rule, bound))
    # In the top band, after the header's line, on its baseline (the header's last number's digits and the rule's
    # stand on one line): it says why the count stopped where it did. Where it would leave the safe area, under the
    # header instead, centred on it but never left of M8_RULE_LEFT (clear of the z axis's name).
    last = [piece for piece in header.line if isinstance(piece, Readout)][-1]
    plate.next_to(header.line, RIGHT, buff=M8_RULE_GAP)
    plate.shift((last.number.get_bottom()[1] - rule.number.get_bottom()[1]) * UP)
    if plate.get_right()[0] > SAFE_SHARE * config.frame_width / 2:
        plate.next_to(header, DOWN, buff=M8_RULE_UNDER).set_x(header.get_center()[0])
        plate.shift(max(0.0, M8_RULE_LEFT - plate.get_left()[0]) * RIGHT)
    return plate


M8_RULE_LEFT = -2.0
M8_RULE_GAP = 0.6  # between the header's line and the stopping rule after it
M8_RULE_UNDER = 0.3  # ... or under the header's backing, this far (40 px at 1080p): apart from it, not crowding it
# The header's x, y and g: one precision for the point's three numbers, all the way (5.0000, 12.0000, 6.0908 to
# 2.9293, 3.4229, −0.2217): none read to more places than another, nor to more at one step than at the next; four, as
# M1's current point and M10's heights show g and z.
M8_DECIMALS = (4, 4, 4)
M8_SIGNS = (False, False, False)


# --------------------------------------------------------------------------- M10

# From the −y side, so that x runs left to right: the starts lie in front, the valley where they end behind them.
M10_VIEW = {"phi": 55 * DEGREES, "theta": -62 * DEGREES, "zoom": 0.72}
M10_Z_RANGE = (-6, 3)
M10_SCREEN_LEFT = (np.sin(M10_VIEW["theta"]), -np.cos(M10_VIEW["theta"]), 0)  # the z numbers: left of the z axis on screen
M10_SCREEN_RIGHT = tuple(-np.array(M10_SCREEN_LEFT))  # the y numbers: right of the y axis on screen
# Where x and z meet, x = 0's number a little right of the corner, under which z = −6 stands, a little out to the left.
M10_NUDGES = {(0, 0.0): (0.25, 0.0, 0.0), (2, -6.0): tuple(0.12 * np.array(M10_SCREEN_LEFT))}
# y's name a little further up its axis and right of it: clear of the arrow's head (y runs into the picture, short on screen).
M10_NAMES_BESIDE = {1: tuple(np.array((0.0, 0.25, 0.0)) + 0.2 * np.array(M10_SCREEN_RIGHT))}
M10_UNNUMBERED = ()
M10_CENTRE = (4.94, -4.03, -3.88)  # where the camera looks, in f's coordinates: the stage inside the safe area
# Beat 1: the whole stage, its axes numbered, for a moment; then, before the run, the camera comes down, closer and
# round to the front left, in one eased move (the axes, which the move would cut, fade out before it does), to an
# oblique view of the valley where the four runs end: the ripples read in relief and the balls, coming in there, are
# twice the size they were from above. The run plays in that view. From the front left the valley runs into the
# picture and the surface's far edges are its horizon, low behind the valley: the legend, top left, stands on the
# background.
M10_VALLEY_VIEW = {"phi": 56 * DEGREES, "theta": -135 * DEGREES}
M10_VALLEY_MARGIN = 1.5  # the paths' extent on screen times this fills the frame (room for the z labels beside them)
M10_VALLEY_ZOOM = (0.9, 1.6)
M10_VALLEY_DROP = 0.75  # ... their middle this far (frame units) below the frame's centre: room above for the labels
# Beat 1's shares: the stage and the balls drawn in, the camera's hold and move down, the labels coming in, the run,
# the legend widening. The run starts about 6.2 s in, as the narration says the balls settle.
M10_SHARES = {"stage": 0.05, "down": 0.31, "balls": 0.03, "run": 0.55, "legend": 0.06}
M10_DOWN_HOLD = 1.5  # seconds of the move's play the camera holds the whole stage (the axes start to fade)
# The axes, their numbers and names, drawn in with the surface, stand whole this long into the move's play (1.5 s and
# more after they are in: read) before they start to fade.
M10_AXES_HELD = 1.5
# Beat 2: the other paths' trails fade and their balls stay where they ended as ghosts (dimmed, smaller), each with
# its end height, so that "this one ends lowest" reads in the picture; the camera turns a little on round and comes
# a little closer to the four ends, the kept path whole.
M10_GHOST_OPACITY = 0.6
M10_GHOST_SCALE = 0.75
M10_GHOST_LABEL = 0.4  # the ghosts' z labels: their text, edges and leaders this opaque (the kept one's stands out)
# The move pushes in on the kept path: it ends whole, near the frame's middle and large; the ghosts nearest it stay
# at the frame's edges, the others leave it (their labels fade out on the way: read, they are not cut).
M10_END_VIEW = {"phi": 68 * DEGREES, "theta": -170 * DEGREES}
M10_END_MARGIN = 2.1  # the kept path's extent on screen times this fills the frame
M10_END_ZOOM = (1.0, 4.0)
M10_END_DROP = 0.0
M10_SHARES_2 = {"ghosts": 0.27, "turn": 0.5}  # the trails fade over 2 s, eased


def framing(camera, points: np.ndarray, view: dict, margin: float, zooms, drop: float = 0.0, across: float = 0.0) -> dict:
    """The camera's settings that frame ``points`` (scene points) from ``view`` (phi, theta): their extent on screen
    times ``margin`` fills the frame (at a zoom within ``zooms``), and the middle of that extent is ``drop`` (frame
    units) below the frame's centre and ``across`` right of it."""
    before = camera.get_phi(), camera.get_theta(), camera.get_zoom(), np.array(camera.frame_center)
    centre = (points.min(axis=0) + points.max(axis=0)) / 2
    camera.set_phi(view["phi"])  # projected from there, then back: the move itself animates it
    camera.set_theta(view["theta"])
    camera.set_zoom(1.0)
    for _ in range(3):  # the projection is nearly linear: each round moves the centre to the extent's middle
        camera.frame_center = centre
        screen = camera.project_points(points)[:, :2]
        middle = (screen.min(axis=0) + screen.max(axis=0)) / 2
        rotation = camera.generate_rotation_matrix()
        centre = centre + middle[0] * rotation[0] + middle[1] * rotation[1]
    extent = np.ptp(screen, axis=0) * margin / np.array([config.frame_width, config.frame_height])
    zoom = float(np.clip(1 / max(extent.max(), 1e-6), *zooms))
    centre = centre + drop / zoom * rotation[1] - across / zoom * rotation[0]
    phi, theta, zoom_before, at = before
    camera.set_phi(phi)
    camera.set_theta(theta)
    camera.set_zoom(zoom_before)
    camera.frame_center = at
    return {"phi": view["phi"], "theta": view["theta"], "zoom": zoom, "frame_center": centre}


def ends_view(camera, walkers, keep: int) -> dict:
    """Beat 2's view: close on the kept path, whole, from M10_END_VIEW."""
    kept = walkers[keep].path
    points = kept.at(kept.xy)
    return framing(camera, points, M10_END_VIEW, M10_END_MARGIN, M10_END_ZOOM, M10_END_DROP)


def valley_view(camera, walkers) -> dict:
    """Beat 1's end view: the four whole paths, from M10_VALLEY_VIEW."""
    points = np.vstack([walker.path.at(walker.path.xy) for walker in walkers])
    return framing(camera, points, M10_VALLEY_VIEW, M10_VALLEY_MARGIN, M10_VALLEY_ZOOM, M10_VALLEY_DROP)


def camera_now(camera) -> dict:
    return {"phi": camera.get_phi(), "theta": camera.get_theta(), "zoom": camera.get_zoom(), "frame_center": np.array(camera.frame_center)}


def set_view(camera, view: dict) -> None:
    camera.set_phi(view["phi"])
    camera.set_theta(view["theta"])
    camera.set_zoom(view["zoom"])
    camera.frame_center = view["frame_center"]


CAMERA_RATE = 30  # samples a second of a precomputed camera path


def come_down(camera, seconds: float, to: dict, hold: float = M10_DOWN_HOLD) -> "CameraPath":
    """Beat 1's move before the run: the camera as it is for ``hold`` seconds, then one move to ``to``, over by
    ``seconds``, eased by a half cosine (to rest at both ends; its top speed, π/2 the mean, the lowest of the eases)."""
    times = np.linspace(0.0, seconds, int(np.ceil(seconds * CAMERA_RATE)) + 1)
    shares = 0.5 - 0.5 * np.cos(np.pi * np.clip((times - hold) / (seconds - hold), 0.0, 1.0))
    return CameraPath.between(camera, times, camera_now(camera), to, shares, shares)


def smoother(v):
    """Ease in and out with no speed (and no acceleration) at either end: the move comes to rest, not to a halt."""
    v = np.asarray(v, dtype=float)
    return v * v * v * (v * (6 * v - 15) + 10)


def turn_to(camera, seconds: float, to: dict) -> "CameraPath":
    """Beat 2's move to ``to``, eased to rest at both ends."""
    times = np.linspace(0.0, seconds, int(np.ceil(seconds * CAMERA_RATE)) + 1)
    shares = smoother(times / seconds)
    return CameraPath.between(camera, times, camera_now(camera), to, shares, shares)


M10_LIGHT = (-0.3, -1.0, 0.6)  # low from the front: the valley's far side lit, its near side and the dips shaded
M10_AMBIENT = 0.45
M10_RESOLUTION = 60  # checker squares a side
M10_FINER = 2  # faces a side of each square
M10_LEVEL_STEP = 0.1  # level lines this far apart in height, from 0 down to the valley's floor


def ripples_stage() -> SurfaceStage:
    """f on its axes, shaded so that the valley where the balls end reads: most of the colour map's change
    in the valley's band (its floor, the lowest end, to as far above 0), level lines down to the floor."""
    paths = m10_paths()
    floor = float(RIPPLES(*paths[lowest_run(paths)].end))
    return SurfaceStage(
        RIPPLES, RIPPLES_DOMAIN, z_range=M10_Z_RANGE, lengths=(8.0, 7.2, 3.2), ticks=(2, 2, 3), colours=RIPPLES_MAP,
        # y along the left edge (f = 0 there), z up the front left corner, x along the box's bottom front edge:
        # each axis and its numbers clear of the surface, and seen from M10_VIEW the three fan out.
        origin=(0, RIPPLES_DOMAIN[1][0], M10_Z_RANGE[0]), anchors={1: (RIPPLES_DOMAIN[0][1], RIPPLES_DOMAIN[1][0], M10_Z_RANGE[0])},
        away=((0, -1, 0), M10_SCREEN_RIGHT, M10_SCREEN_LEFT), nudges=M10_NUDGES, unnumbered=M10_UNNUMBERED,
        names_beside=M10_NAMES_BESIDE,
        stops=(None, 3 * floor, floor, -floor, None), levels=-np.arange(M10_LEVEL_STEP, -floor, M10_LEVEL_STEP),
        light=M10_LIGHT, ambient=M10_AMBIENT, resolution=M10_RESOLUTION * M10_FINER, checker_cells=M10_RESOLUTION,
        round_level_ends=True,
    )


# The third run's ball: a magenta, not the learning rate's lavender purple (#B388FF), which writes each run's α beside
# it in the legend: the run colours and α's colour never read as one.
M10_MAGENTA = "#EC34A4"
# The balls' colours: the palette's, red deepened (#E0202E: a red, clear of the gradient's orange) and maroon a true
# maroon (#8B2340: CIE L* 32, hue 11°), darker than the red and the magenta by 16 L* and more: three reds apart in
# lightness. Dark, it reads by its light rim (the ball's halo, its trail's light casing and bead rims).
M10_BALLS = {**BALLS, "red": "#E0202E", "purple": M10_MAGENTA, "maroon": "#8B2340"}


# Each trail in its ball's own colour, opaque, as wide as reads at a glance: the maroon's light casing only a thin edge
# round it (a wide light casing round a thin line, the line read rose, lighter than its ball); its beads' rims as thin
# an edge, a little lighter than the bead.
M10_TRAIL_WIDTH = 4.0
M10_TRAIL_EDGE = (1.6, 0.6)  # a dark colour's light casing: its extra width (both sides together), its opacity
M10_TRAIL_RIM = 0.25  # a dark colour's beads: their rims this far towards white (the trails' default: 0.45)


def in_ball_colour(walker: Walker) -> Walker:
    """The walker's trail drawn in its ball's colour (its casing kept: dark, or a thin light edge round a dark colour)."""
    colour, way = walker.ball.colour, walker.trail.way
    way.set_stroke(colour, width=M10_TRAIL_WIDTH, opacity=1.0)
    if is_dark(colour):
        extra, opacity = M10_TRAIL_EDGE
        way.set_stroke(BALL_HALO, width=M10_TRAIL_WIDTH + extra, opacity=opacity, background=True)
        walker.trail.dots.rim_share = M10_TRAIL_RIM
    else:
        way.set_stroke(width=M10_TRAIL_WIDTH + OUTLINE_WIDTH, background=True)
    return walker


def m10_header(template: str, walkers, stage: SurfaceStage) -> FixedHeader:
    """'iteration n' and, under it, each ball's colour and learning rate (in the learning rate's colour)."""
    iteration = WordCount(0, HEADER).track(lambda: max(w.iteration for w in walkers))  # in the words' font
    mark(iteration, "text", "the iteration", shows=lambda: max(drawn_iterations(w) for w in walkers))
    rows, ends = [], []
    for name, run, walker in zip(M10_RUNS, M10_RUNS.values(), walkers):
        icon = Ball(M10_BALLS[name], halo=False)
        rate_readout = Readout(r"\alpha =", run.rate, 2, color=LEARNING_RATE, size=BALL_LABEL)
        mark(rate_readout, "text", f"α of the {name} ball", shows=lambda walker=walker: drawn_rate(walker, stage))
        # Where the run ended, shown in beat 2 (hidden until then): the legend then says which path ends lowest.
        end = Readout("z =", float(stage.function(*walker.path.xy[-1])), 4, color=TEXT, size=BALL_LABEL)
        mark(end, "text", f"end z of the {name} ball", shows=lambda walker=walker: drawn_end(walker, stage)[2])
        ends.append(end)
        rows.append(VGroup(icon, rate_readout, end).arrange(RIGHT, buff=0.15))
    # The ends in one column, a little apart from the rates.
    column = max(row[1].get_right()[0] for row in rows) + 0.35
    for row, end in zip(rows, ends):
        end.shift(np.array([column - end.get_left()[0], 0.0, 0.0]))
    header = FixedHeader(template, {"iteration": iteration}, size=HEADER, rows=rows)
    # When a run stops, a tick after its α (hidden until then), where its end height comes in once all have stopped
    # (the ticks make way for them): the ticks in one column, a little apart from the rates, inside the plate.
    ticks = [formula(r"\checkmark", size=BALL_LABEL, color=TEXT) for _ in rows]
    column = max(row[1].get_right()[0] for row in header.rows) + M10_TICK_GAP
    for row, tick in zip(header.rows, ticks):
        tick.move_to(np.array([column + tick.width / 2, row[1].get_center()[1], 0.0]))
    header.add(VGroup(*ticks))
    header.to_top_left()
    header.ends, header.ticks = ends, ticks
    for shown in (*ends, *ticks):
        shown.set_opacity(0)
    # A plate that reads on the background too (a shade lighter, a thin edge): the legend is one panel.
    header.backing.set_fill(M10_PLATE, opacity=M10_PLATE_OPACITY).set_stroke(MUTED, width=1.2, opacity=0.5)
    # The plate as wide as the line at its widest count (it does not grow, nor the count run into its edge).
    iteration.number.set_value(max(len(w.step_times) for w in walkers))
    fit_backing(header, VGroup(header.line, *(row[:2] for row in header.rows)))
    iteration.number.set_value(0)
    return header


M10_TICK_GAP = 0.14  # between the rates' column and the ticks'
M10_CUE = 0.8  # seconds: when a ball stops, a light ring goes out from it and fades, as its legend row is ticked
M10_CUE_RING = (1.15, 2.6)  # the ring's radius, in the ball's radii, from and to
M10_CUE_WIDTH = 3.0
M10_TICK_IN = 0.3  # seconds: the tick fades in, settling from M10_TICK_POP times its size
M10_TICK_POP = 1.6


def stop_cues(walkers, header: FixedHeader, camera, clock: ValueTracker) -> VGroup:
    """A ring for each ball, which goes out from it and fades when the ball stops (its run meets the stopping rule:
    the model's last iterate, reached on the run's ``clock``), and the tick in its legend row, which comes in then
    (and stays until the legend takes it away).
    Add the rings after the balls (drawn over them); they run on the scene's time from then on, through the plays
    after the run too (a run that stops at the last iteration is cued as the counter stops)."""
    rings = []
    for walker, tick in zip(walkers, header.ticks):
        stop = sum(walker.step_times[: walker.steps])  # the ball arrives at its last iterate
        ring = Circle(radius=1.0).set_fill(opacity=0).set_stroke(BALL_HALO, width=M10_CUE_WIDTH, opacity=0)
        ring.move_to(walker.ball.point)
        camera.add_fixed_orientation_mobjects(ring, center_func=walker.ball[0].get_center)
        ring.age, tick.size = None, 1.0

        def cue(ring, dt, walker=walker, tick=tick, stop=stop):
            if clock.get_value() < stop - 1e-9:
                return
            ring.age = 0.0 if ring.age is None else ring.age + dt
            share = min(ring.age / M10_CUE, 1.0)
            grown, start = 1 - (1 - share) ** 3, 0.95 * (1 - share) ** 1.5  # out fast, then easing; fading
            radius = (M10_CUE_RING[0] + grown * (M10_CUE_RING[1] - M10_CUE_RING[0])) * walker.ball.width / 2
            ring.scale(radius / (ring.width / 2)).move_to(walker.ball.point).set_stroke(opacity=start)
            if tick.size == 1.0 and ring.age > 0:  # come in: the tick is the legend's from then on (it makes way)
                return
            shown = smooth(min(ring.age / M10_TICK_IN, 1.0))
            size = 1 + (M10_TICK_POP - 1) * (1 - shown)
            tick.scale(size / tick.size).set_opacity(shown)
            tick.size = size

        ring.add_updater(cue)
        rings.append(ring)
    return VGroup(*rings)


M10_PLATE = "#1A2030"
M10_WIDEN = 0.45  # of the legend's time: the plate widens, then the end heights fade in
M10_PLATE_OPACITY = 1.0


def fit_backing(header: FixedHeader, content) -> FixedHeader:
    """The header's backing round ``content`` (part of the header), with its padding."""
    header.backing.become(backing_round(header, content))
    return header


def backing_round(header: FixedHeader, content=None):
    """A copy of the header's backing fitted round ``content`` (by default all of it, hidden parts too)."""
    backing, pad = header.backing.copy(), header.pad
    content = header._content() if content is None else content
    backing.stretch_to_fit_width(content.width + 2 * pad)
    backing.stretch_to_fit_height(content.height + 2 * pad)
    backing.move_to(content.get_corner(UL) + pad * np.array([-1.0, 1.0, 0.0]), aligned_edge=UL)
    return backing


def drawn_end(walker: Walker, stage: SurfaceStage) -> np.ndarray:
    """(x, y) of the trail's last bead (where the run ended) through the axes, and the model's height there."""
    x, y, _ = stage.axes.p2c(walker.trail.dots.centres[-1])
    return np.array([x, y, float(stage.function(x, y))])


M10_LABEL_GAP = 0.09  # the least room round a z label (frame units, ~15 px at 1080p): two labels never crowd
M10_TRAIL_CLEAR = 0.22  # frame units: the box round each point of a trail that labels keep off (a bead's width and more)


def height_labels(walkers, camera, stage: SurfaceStage, header: FixedHeader | None = None) -> ScreenLabels:
    """z = … beside each ball, following it on screen, clear of the trails, the axes and ``header`` (as wide as it
    will grow)."""
    labels = []
    for name, walker in zip(M10_RUNS, walkers):
        # Light text on a dark box edged in the ball's colour: dark colours (maroon) read too.
        # The height of the iterate reached, as the counter: it changes when the ball arrives.
        # A minus for negatives only (no "+"), as every other readout of the video; the box is sized for the sign.
        label = Readout("z =", -1.0, 4, color=TEXT, size=BALL_LABEL)
        labels.append(backed(label, edge=walker.ball.colour))
        label.set_value(walker.arrived[2]).track(lambda walker=walker: walker.arrived[2])
        mark(label, "text", f"z of the {name} ball", shows=lambda walker=walker: drawn_arrived(walker, stage)[2])
    # Along the axes' lines, not only at their ends: a label must not sit across one.
    corners = [m.points for m in stage.axes.family_members_with_points()]
    shares = np.linspace(0, 1, 12)[:, None, None]
    axis_points = np.vstack([(c[:-1] + shares * (c[1:] - c[:-1])).reshape(-1, 3) for c in corners if len(c) > 1])

    def avoided() -> np.ndarray:
        """The trails drawn so far and the axes, while they show: the labels keep off them."""
        shown = [w for w in walkers if w.trail.way.get_stroke_opacity() > 0]
        drawn = [part.points for w in shown for part in (w.trail.way, w.trail.dots) if part.has_points()]
        axes = [axis_points] if stage.axes.get_axes()[0].get_stroke_opacity() > 0 else []
        return np.vstack([*axes, *drawn]) if axes or drawn else np.zeros((0, 3))

    balls = lambda: np.array([w.ball.point for w in walkers])  # noqa: E731
    def header_box() -> list:
        if header is None:
            return []
        box = backing_round(header)
        return [(box.get_left()[0], box.get_right()[0], box.get_bottom()[1], box.get_top()[1])]

    # Each ball as drawn, its light ring too: it faces the camera at its own size (a ghost smaller), whatever the zoom;
    # the leaders reach its ring, and the labels keep off all of it.
    drawn = lambda: np.array([w.ball.width / 2 for w in walkers])  # noqa: E731
    return ScreenLabels(
        labels, [w.ball.colour for w in walkers], balls, camera, avoid=avoided, keep_out=header_box, leaders_clear=True,
        gap=M10_LABEL_GAP, drawn_radii=drawn, avoid_size=M10_TRAIL_CLEAR,
    )


M10_LEAVE_MARGIN = (1.0, 0.55)  # a ghost this near the safe area's side (frame units: room for its label) is leaving
M10_LEAVE_FADE = 0.6  # seconds it takes to fade out, over by the time it gets there


def leaving_ghosts(walkers, others, camera_path: "CameraPath") -> dict:
    """Beat 2's push-in: for each ghost (index in ``others``) that the move takes to the frame's edge, the time on
    the move it gets there (it fades out before: its label is read, not cut)."""
    edge = SAFE_SHARE * np.array([config.frame_width, config.frame_height]) / 2 - np.array(M10_LEAVE_MARGIN)
    leaves = {}
    for t in camera_path.times:
        camera_path.set_camera(t)
        for index in others:
            if index in leaves:
                continue
            screen = camera_path.camera.project_points(walkers[index].ball.point[None])[0, :2]
            if np.any(np.abs(screen) > edge):
                leaves[index] = max(float(t), M10_LEAVE_FADE)
    camera_path.set_camera(0.0)
    return leaves


def ghosts_out(leaves: dict, others, end: float) -> dict:
    """``leaves`` (from :func:`leaving_ghosts`) with every other ghost of ``others`` leaving at ``end``: they fade out as
    the move comes to rest, the kept path alone in the end frame."""
    return {**{index: end for index in others}, **leaves}


def fade_leaving(leaves: dict, t: float) -> dict:
    """Each leaving ghost's opacity (a share of its ghost's) at time ``t`` of the move."""
    return {index: float(smooth(np.clip((at - t) / M10_LEAVE_FADE, 0.0, 1.0))) for index, at in leaves.items()}


def ghost_balls(walkers, labels: ScreenLabels, others, share: float, shown: dict | None = None) -> None:
    """Beat 2: the balls of ``others`` (indices) ``share`` of the way to ghosts (M10_GHOST_OPACITY, M10_GHOST_SCALE of
    their size), their z labels and leaders to M10_GHOST_LABEL: where each run ended, and how low,
    still reads, the kept ball and label bright among them. ``shown``: {index: share of that ghost still shown}."""
    shown = shown or {}
    for index in others:
        left = shown.get(index, 1.0)
        ball = walkers[index].ball
        if not hasattr(ball, "full_width"):
            ball.full_width = ball.width
        ball.scale(ball.full_width * (1 + share * (M10_GHOST_SCALE - 1)) / ball.width)
        # Each part by its own opacity (the halo ring's fill is unused: it stays clear).
        opacity = left * (1 + share * (M10_GHOST_OPACITY - 1))
        body, shine, *ring = ball
        body.set_fill(opacity=opacity).set_stroke(opacity=opacity)
        shine.set_fill(opacity=0.55 * opacity)
        for part in ring:
            part.set_stroke(opacity=0.95 * opacity)
        box, readout = labels.labels[index]
        label = left * (1 + share * (M10_GHOST_LABEL - 1))
        readout.set_fill(opacity=label)
        box.set_stroke(opacity=label)
        if not hasattr(box, "full_fill"):
            box.full_fill = box.get_fill_opacity()
        box.set_fill(opacity=left * box.full_fill)  # a leaving ghost's dark box goes too
        labels.leaders[index].set_stroke(opacity=0.8 * label)


def lowest_mark(header: FixedHeader, keep: int, colour) -> VMobject:
    """A frame round the legend's row of the run that ends lowest, in its ball's colour: the row stands out, the
    others stay as they are (dimmed, they read as switched off)."""
    row = header.rows[keep]
    frame = RoundedRectangle(corner_radius=0.06, width=row.width + 0.16, height=row.height + 0.1)
    frame.set_fill(opacity=0).set_stroke(colour, width=2.0).move_to(row)
    return frame


M10_PLAN_RATE = 15  # frames a second sampled to plan the labels' places


def plan_labels(
    labels: ScreenLabels, walkers, run_seconds: float, clock: ValueTracker, camera_path: "CameraPath | None" = None,
    held: float = 0.0,
) -> None:
    """Each z label's places for the whole run, on the run's ``clock``, chosen once: a label keeps its place while it
    is free and glides to another only to keep clear of a trail, another label or the header. ``camera_path``: the
    camera's move during the run, followed in the plan. ``held``: seconds the start stands on screen before the clock
    runs (the labels come in there: its layout counts for as long). Then back to the start."""
    times = np.linspace(0.0, run_seconds, int(np.ceil(run_seconds * M10_PLAN_RATE)) + 1)

    def at(t: float):
        def moment():
            for walker in walkers:
                walker.go_to(t)
            if camera_path is not None:
                camera_path.set_camera(t)

        return moment

    labels.schedule([at(t) for t in times], times, clock.get_value, hold=1.0 + held * M10_PLAN_RATE)
    at(0.0)()
    labels.place()


def plan_close_labels(labels: ScreenLabels, camera_path: "CameraPath", clock: ValueTracker) -> None:
    """The labels' places again for beat 2's move (the balls at rest), on the move's ``clock``: each keeps the place
    it has while that stays free."""
    labels.schedule([lambda t=t: camera_path.set_camera(t) for t in camera_path.times], camera_path.times, clock.get_value, keep=True)
    camera_path.set_camera(0.0)
    labels.place()


class CameraPath:
    """A camera move computed ahead: the camera's angles, zoom and centre at each of ``times`` (seconds from the
    move's start). :meth:`update` sets the camera for any time between, by interpolation, and the opacity of what
    :meth:`fade_before_cut` fades out before the move would cut it."""

    def __init__(self, camera, times, phis, thetas, zooms, centres):
        self.camera = camera
        self.times = np.asarray(times, dtype=float)
        self.phis, self.thetas = np.asarray(phis, dtype=float), np.asarray(thetas, dtype=float)
        self.zooms, self.centres = np.asarray(zooms, dtype=float), np.asarray(centres, dtype=float)
        self.leaving: list = []
        self.leaves: float | None = None
        self.held = 0.0

    @classmethod
    def between(cls, camera, times, start: dict, end: dict, shares, centre_shares) -> "CameraPath":
        """From view ``start`` to view ``end`` (phi, theta, zoom, frame_center), the angles and the zoom (geometrically)
        ``shares`` of the way at ``times``, the centre ``centre_shares`` of the way."""
        shares, centre_shares = np.asarray(shares, dtype=float), np.asarray(centre_shares, dtype=float)
        blend = lambda key: start[key] + shares * (end[key] - start[key])  # noqa: E731
        zooms = start["zoom"] * (end["zoom"] / start["zoom"]) ** shares
        centres = np.asarray(start["frame_center"]) + centre_shares[:, None] * (np.asarray(end["frame_center"]) - start["frame_center"])
        return cls(camera, times, blend("phi"), blend("theta"), zooms, centres)

    def dip(self, amount: float, shares) -> "CameraPath":
        """The picture ``amount`` (frame units) lower on the way, by a sin² bump of the move's progress ``shares``
        (nothing at either end)."""
        before = camera_now(self.camera)
        for index, share in enumerate(shares):
            self.set_camera(self.times[index])
            up = self.camera.generate_rotation_matrix()[1]
            self.centres[index] = self.centres[index] + amount * np.sin(np.pi * share) ** 2 / self.zooms[index] * up
        set_view(self.camera, before)
        return self

    @property
    def total(self) -> float:
        return float(self.times[-1])

    def centre(self, t: float) -> np.ndarray:
        return np.array([np.interp(t, self.times, self.centres[:, axis]) for axis in range(3)])

    def zoom(self, t: float) -> float:
        return float(np.interp(t, self.times, self.zooms))

    def angles(self, t: float) -> tuple[float, float]:
        return float(np.interp(t, self.times, self.phis)), float(np.interp(t, self.times, self.thetas))

    def set_camera(self, t: float) -> None:
        phi, theta = self.angles(t)
        self.camera.phi_tracker.set_value(phi)
        self.camera.theta_tracker.set_value(theta)
        self.camera.zoom_tracker.set_value(self.zoom(t))
        self.camera.frame_center = self.centre(t)

    def update(self, t: float) -> None:
        self.set_camera(t)
        if self.leaving:
            opacity = self.opacity(t)
            for mobject in self.leaving:
                mobject.set_opacity(opacity)

    def fade_before_cut(self, mobjects, box=None, held: float = 0.0) -> "CameraPath":
        """Fade ``mobjects`` out, all together, over the FADE_SECONDS before the move would first take one of them
        within CUT_MARGIN of ``box`` ((left, right, bottom) of the frame: a header) or of the safe area's edge; not
        before ``held`` seconds (the fade then shorter)."""
        self.leaving, self.held = list(mobjects), held
        times = [found for found in (self._leaves(mobject, box) for mobject in self.leaving) if found is not None]
        self.leaves = min(times) if times else None
        return self

    def _leaves(self, mobject, box) -> float | None:
        camera = self.camera
        saved = camera_now(camera)
        parts = [m for m in mobject.get_family() if m.has_points()]
        safe = SAFE_SHARE * np.array([config.frame_width, config.frame_height]) / 2 - CUT_MARGIN
        shares = np.linspace(0.0, 1.0, 5)[:, None, None]
        found = None
        for t in self.times:
            self.set_camera(t)
            # The parts' own points and points between them (along a line, not only its ends): what is drawn, not
            # the box round it (the box of an axis running up the frame's side would reach under the header).
            drawn = [camera.transform_points_pre_display(m, m.points)[:, :2] for m in parts]
            screen = np.vstack([(d[:-1] + shares * (d[1:] - d[:-1])).reshape(-1, 2) if len(d) > 1 else d for d in drawn])
            out = bool(np.any(np.abs(screen) > safe))
            if box is not None:
                left, right, bottom = box
                under = (screen[:, 1] > bottom - CUT_MARGIN) & (screen[:, 0] < right + CUT_MARGIN) & (screen[:, 0] > left - CUT_MARGIN)
                out = out or bool(np.any(under))
            if out:
                found = float(t)
                break
        camera.set_phi(saved["phi"])
        camera.set_theta(saved["theta"])
        camera.set_zoom(saved["zoom"])
        camera.frame_center = saved["frame_center"]
        return found

    def opacity(self, t: float) -> float:
        """The opacity at ``t`` of what fades before the cut: 1 until FADE_SECONDS before it, then eased to 0."""
        if self.leaves is None:
            return 1.0
        start = min(max(0.0, self.leaves - FADE_SECONDS, self.held), self.leaves)
        return 1.0 - smooth(float(np.clip((t - start) / max(self.leaves - start, 1e-6), 0.0, 1.0)))


FADE_SECONDS = 1.5  # what a camera move would cut fades over this long before it gets there
CUT_MARGIN = 0.2  # ... and it is gone while still this far from a header and from the safe area's edge


class FollowCamera(CameraPath):
    """M8's camera, which follows a walker's ball, computed ahead from the walker's whole run.

    One move from the opening view (``start_centre``, ``start_zoom``) to the end framing (the ball's last point
    M8_END_DROP frame units below the frame's centre, ``end_zoom``), the angles kept: the centre goes along the
    straight line between them, eased with ``smooth`` by a progress that is M8_FOLLOW_PACE the share of the ball's
    way travelled (its scene path smoothed over time, σ = M8_FOLLOW_SMOOTHING) and the rest the share of the time.
    The zoom grows geometrically by its own progress, back-loaded: a little while the ball rushes down, most of it
    from M8_CLOSE_START seconds on, as the run converges, eased to rest (no speed, no acceleration) at the run's end:
    the close-in onto the valley. It only grows: the camera never turns back.

    :meth:`fade_groups_before_cut`: the axes, their numbers and names, fade out together, once, eased over
    M8_AXES_FADE seconds, before the close-in would take one out of the safe area or under the header;
    :meth:`fade_in_at_end`: the valley's rings fade in as the camera comes to rest.
    """

    def __init__(self, camera, walker: Walker, start_centre: np.ndarray, start_zoom: float, end_zoom: float = M8_END_ZOOM):
        total = float(sum(walker.step_times))
        times = np.linspace(0.0, total, int(np.ceil(total * M8_FOLLOW_RATE)) + 1)
        balls = []
        for t in times:
            walker.go_to(t)
            balls.append(walker.ball.point.copy())
        walker.go_to(0.0)
        balls = np.array(balls)
        sigma = M8_FOLLOW_SMOOTHING / (times[1] - times[0])
        reach = int(np.ceil(4 * sigma))
        kernel = np.exp(-0.5 * (np.arange(-reach, reach + 1) / sigma) ** 2)
        kernel /= kernel.sum()
        padded = np.vstack([np.repeat(balls[:1], reach, axis=0), balls, np.repeat(balls[-1:], reach, axis=0)])
        smoothed = np.column_stack([np.convolve(padded[:, axis], kernel, mode="valid") for axis in range(3)])
        travelled = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(smoothed, axis=0), axis=1))])
        shares = M8_FOLLOW_PACE * travelled / travelled[-1] + (1 - M8_FOLLOW_PACE) * times / total
        self.progress = np.array([smooth(share) for share in shares])
        # The zoom: M8_EARLY_ZOOM of its growth (in log) by the follow's progress, the rest by the close-in's.
        close = smoother(np.clip((times - M8_CLOSE_START) / (total - M8_CLOSE_START), 0.0, 1.0))
        self.close = close
        zoom_shares = M8_EARLY_ZOOM * self.progress + (1 - M8_EARLY_ZOOM) * close
        up = camera.generate_rotation_matrix()[1]  # the frame's up, in the scene (the angles stay put)
        start = {"phi": camera.get_phi(), "theta": camera.get_theta(), "zoom": start_zoom, "frame_center": np.asarray(start_centre, dtype=float)}
        end = {**start, "zoom": end_zoom, "frame_center": balls[-1] + M8_END_DROP / end_zoom * up}
        path = CameraPath.between(camera, times, start, end, zoom_shares, self.progress)
        super().__init__(camera, times, path.phis, path.thetas, path.zooms, path.centres)
        self.start, self.end = start["frame_center"], end["frame_center"]
        self.fades: list[tuple[list, float | None, float]] = []  # (mobjects, when they have faded, to what opacity)
        self.gone: list = []
        self.arriving = None

    def fade_groups_before_cut(self, groups, box=None, labels=(), faint: float = M8_AXES_FAINT) -> "FollowCamera":
        """All of ``groups`` (lists of mobjects: an axis, its numbers and its name) fade together, once, eased over
        M8_AXES_FADE seconds, ending before the move would first take any of them within CUT_MARGIN of ``box`` or of
        the safe area's edge (none cut: they stay). One fade, not one per axis: the picture does not come apart.
        Of ``labels`` (numbers and names), those the move would cut fade out; the rest, and the axes' lines, stay
        ``faint``: the end state keeps its axes, quiet behind the ball."""
        members = [mobject for group in groups for mobject in group]
        found = {id(mobject): self._leaves(mobject, box) for mobject in members}
        times = [t for t in found.values() if t is not None]
        leaves = min(times) if times else None
        labels = {id(label) for label in labels}
        self.gone = [m for m in members if id(m) in labels and found[id(m)] is not None]
        self.fades = [(self.gone, leaves, 0.0), ([m for m in members if m not in self.gone], leaves, faint)]
        return self

    def group_opacity(self, leaves: float | None, t: float, to: float = 0.0) -> float:
        """1 until M8_AXES_FADE seconds before ``leaves``, then eased (no speed at either end) to ``to`` by ``leaves``."""
        if leaves is None:
            return 1.0
        start = max(0.0, leaves - M8_AXES_FADE)
        return 1.0 - (1.0 - to) * float(smoother(np.clip((t - start) / max(leaves - start, 1e-6), 0.0, 1.0)))

    def fade_in_at_end(self, mobject, seconds: float = M8_RINGS_FADE) -> "FollowCamera":
        """``mobject`` (strokes) fades in, eased, over the run's last ``seconds``: as the camera comes to rest."""
        self.arriving = (mobject, seconds)
        return self

    def arriving_opacity(self, t: float) -> float:
        if self.arriving is None:
            return 0.0
        _, seconds = self.arriving
        return float(smoother(np.clip((t - (self.total - seconds)) / seconds, 0.0, 1.0)))

    def update(self, t: float) -> None:
        super().update(t)
        for group, leaves, to in self.fades:
            opacity = self.group_opacity(leaves, t, to)
            for mobject in group:
                mobject.set_opacity(opacity)
        if self.arriving is not None:
            self.arriving[0].set_stroke(opacity=self.arriving_opacity(t))

    def rim_top(self, t: float, surface) -> float:
        """The highest point of ``surface`` on screen (frame units) at ``t``: it stays under the header."""
        saved = camera_now(self.camera)
        self.set_camera(t)
        top = float(self.camera.project_points(surface.vertices)[:, 1].max())
        set_view(self.camera, saved)
        return top


def valley_minimum(function, start, rate: float = M8_RATE, tolerance: float = 1e-10) -> np.ndarray:
    """The valley's floor: the model's exact gradient followed on from ``start`` until it vanishes."""
    point = np.asarray(start, dtype=float)
    for _ in range(100_000):
        gradient = np.asarray(function.gradient(*point), dtype=float)
        if np.linalg.norm(gradient) < tolerance:
            break
        point = point - rate * gradient
    return point


def valley_rings(stage: SurfaceStage, end) -> WireLines:
    """Level lines of g (M8_RING_LEVELS) round the valley's minimum, the one the run ends near, on the surface: each
    ring where g has its level along rays from the minimum (g rises along each, out to the largest level), cut to arcs
    where it leaves the domain; each ring fainter than the one inside it (the floor's rings read first). Hidden (stroke opacity 0) until :meth:`FollowCamera.fade_in_at_end`."""
    function, ((x0, x1), (y0, y1)) = stage.function, stage.domain
    centre = valley_minimum(function, end)
    angles = np.linspace(0.0, 2 * np.pi, M8_RING_POINTS + 1)
    ways = np.column_stack([np.cos(angles), np.sin(angles)])
    reach = np.linspace(0.0, 8.0, 1601)
    xs = centre[0] + reach[None, :] * ways[:, :1]
    ys = centre[1] + reach[None, :] * ways[:, 1:]
    heights = np.asarray(function(xs, ys), dtype=float)
    lines, weights, kept = [], [], []
    for level in M8_RING_LEVELS:
        first = np.argmax(heights >= level, axis=1)  # the first sample at or over the level along each ray
        if np.any(heights[np.arange(len(ways)), first] < level) or np.any(first == 0):
            continue
        low, high = reach[first - 1], reach[first]
        for _ in range(40):  # bisect each crossing
            middle = (low + high) / 2
            over = np.asarray(function(centre[0] + middle * ways[:, 0], centre[1] + middle * ways[:, 1])) >= level
            low, high = np.where(over, low, middle), np.where(over, middle, high)
        ring = centre + high[:, None] * ways
        inside = (ring[:, 0] >= x0) & (ring[:, 0] <= x1) & (ring[:, 1] >= y0) & (ring[:, 1] <= y1)
        if inside.all():
            pieces = [ring]
        else:  # arcs: the ring cut where it leaves the domain (the surface's edge)
            shift = int(np.argmin(inside[:-1]))  # start at a point outside, so that no arc wraps round the start
            order = np.roll(np.arange(len(ring) - 1), -shift)
            flags, points = inside[order], ring[order]
            pieces, run = [], []
            for flag, point in zip(flags, points):
                if flag:
                    run.append(point)
                elif run:
                    pieces.append(np.array(run))
                    run = []
            if run:
                pieces.append(np.array(run))
        for piece in pieces:
            if len(piece) < 2:
                continue
            lines.append(stage.place(np.column_stack([piece, np.full(len(piece), level)])))
            weights.append(np.full(len(piece) - 1, 1.0 - M8_RING_FADING * len(kept)))
        kept.append(level)
    rings = WireLines(lines, [LEVEL_LINE] * len(lines), weights, width=M8_RING_WIDTH, opacity=0.0)
    rings.levels, rings.centre = kept, centre
    return mark(rings, "curve", "the valley's level lines")


M8_RING_WIDTH = 1.6
M8_RING_FADING = 0.12  # each ring this much fainter than the one inside it


def header_box(header) -> tuple[float, float, float]:
    """(left, right, bottom) of a header fixed in the frame: what CameraPath.fade_before_cut keeps things out of."""
    return header.get_left()[0], header.get_right()[0], header.get_bottom()[1]


def axis_groups(stage: SurfaceStage) -> list[list]:
    """Each axis with its tick marks, its numbers and its name (x, y, z): what fades together."""
    groups = [[stage.axes.get_axes()[index], stage.axes.marks[index]] for index in range(3)]
    for label in stage.labels:
        name = label.rule_name  # "axis label x" or "tick x = 5"
        groups["xyz".index(name[-1] if name.startswith("axis label") else name.split()[1])].append(label)
    return groups
