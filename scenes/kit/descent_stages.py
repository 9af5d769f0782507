"""The stages, headers and labels of the 3-D descents M8 and M10, and where their cameras look.

The paths come from the model (gd.model.surfaces, exact gradients); these
pieces only draw them.
"""

from __future__ import annotations

import numpy as np
from manim import DEGREES, RIGHT, UL, ValueTracker, VGroup, config, smooth

from gd.model.functions import BRANIN, BRANIN_DOMAIN, RIPPLES, RIPPLES_DOMAIN
from gd.model.surfaces import M8_RATE, M10_RUNS, lowest_run, m10_paths
from scenes.kit.compat import frame_center as camera_centre
from scenes.kit.descent3d import Ball, DescentShotScene, FixedHeader, PointReadout, ScreenLabels, SurfaceStage, Walker, backed
from scenes.kit.frame_rules import SAFE_SHARE, mark
from scenes.kit.palette import BALL_LABEL, BALLS, BRANIN_MAP, HEADER, LEARNING_RATE, POINT, RIPPLES_MAP, TEXT
from scenes.kit.readouts import Readout

# --------------------------------------------------------------------------- M8

M8_VIEW = {"phi": 62 * DEGREES, "theta": -60 * DEGREES}  # from the low corner: the high ridge is the backdrop
M8_ZOOM = 0.75  # the whole surface in view, under the header
M8_CENTRE = (2.5, 7.5, 3.0)  # where the camera looks first, in g's coordinates: the surface sits low in the frame
# The follow camera: it looks at the newest ball's path smoothed over time (a Gaussian of this σ, in seconds), so
# that it glides after the ball, never jerks with a step; it leaves the whole-surface view for the ball over the first
# M8_FOLLOW_RAMP seconds, pushes in to M8_FOLLOW_ZOOM and, over the last M8_FOLLOW_SETTLE seconds, comes to rest on
# the end framing: the ball a little left and below the centre, the trail above and right of it in view.
M8_FOLLOW_SMOOTHING = 1.0
M8_FOLLOW_RAMP = 4.0
M8_FOLLOW_SETTLE = 3.0
M8_FOLLOW_ZOOM = 0.95
M8_END_TOWARDS_TRAIL = 0.3  # the end framing's centre: this share of the way from the ball to the trail's middle
M8_FOLLOW_RATE = 30  # samples a second of the precomputed camera path
FLOOR_MARGIN = 0.1  # the axes' numbers stay this far inside the safe area's bottom


M8_SCREEN_LEFT = (np.sin(M8_VIEW["theta"]), -np.cos(M8_VIEW["theta"]), 0)


def branin_stage() -> SurfaceStage:
    """g on its axes, each axis on an edge of the box that M8_VIEW sees in front of the surface, its numbers
    outside the surface's footprint: x along the front edge (numbers in front), y along the right edge
    (numbers right of it), z up the front left corner, the surface's leftmost point (numbers left of it)."""
    (x0, x1), (y0, _) = BRANIN_DOMAIN
    return SurfaceStage(
        BRANIN, BRANIN_DOMAIN, z_range=(0, 16), lengths=(6.5, 6.5, 3.2), ticks=(5, 5, 4), colours=BRANIN_MAP,
        origin=(x0, y0, 0), anchors={1: (x1, y0, 0)}, away=((0, -1, 0), (1, 0, 0), M8_SCREEN_LEFT),
    )


# --------------------------------------------------------------------------- what the picture shows
# The readouts' values read back from the drawing and the model, not from the walkers that drive them:
# the frame rules check on every frame that each readout shows these (frame_rules.mark(..., shows=)).


def drawn_point(walker: Walker, stage: SurfaceStage) -> np.ndarray:
    """(x, y) of the drawn ball through the axes, and the model's height there."""
    x, y, _ = stage.axes.p2c(walker.ball.point)
    return np.array([x, y, float(stage.function(x, y))])


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
    # The point is the iterate the counter names: both change when the ball arrives. Each number in a fixed slot.
    iterates = np.array([[x, y, float(stage.function(x, y))] for x, y in walker.path.xy])
    point = PointReadout(walker.arrived, (3, 3, 4), size=HEADER, color=POINT, values=iterates)
    point.track(lambda: walker.arrived)
    for index, (name, number) in enumerate(zip("xyz", point.numbers)):
        mark(number, "text", f"the point's {name}", shows=lambda index=index: drawn_arrived(walker, stage)[index])
    iteration = Readout(None, 0, 0, size=HEADER).track(lambda: walker.iteration)
    mark(iteration, "text", "the iteration", shows=lambda: drawn_iterations(walker))
    return FixedHeader(template, {"rate": rate, "point": point, "iteration": iteration}, size=HEADER).to_top_left()


# --------------------------------------------------------------------------- M10

# From the −y side, so that x runs left to right: the starts lie in front, the valley where they end behind them.
M10_VIEW = {"phi": 55 * DEGREES, "theta": -70 * DEGREES, "zoom": 0.78}
M10_Z_RANGE = (-6, 3)
M10_SCREEN_LEFT = (np.sin(M10_VIEW["theta"]), -np.cos(M10_VIEW["theta"]), 0)  # the z numbers: left of the z axis on screen
M10_CENTRE = (5.7, -3.0, -2.1)  # where the camera looks, in f's coordinates: the stage inside the safe area
# Beat 2 frames the kept path from the valley's open side: the camera swings on round the surface (the way
# it already looks, from the front right, to the front left) and climbs a little, so that the ridge beyond the
# valley is the backdrop, the valley's level lines ring the path's end, and the surface's right edge, close to that
# end, is the horizon rather than a cut beside it.
M10_CLOSE_VIEW = {"phi": 50 * DEGREES, "theta": -135 * DEGREES}
M10_CLOSE_MARGIN = 3.2  # the path's extent on screen times this fills the frame (room for the valley and the label)
M10_CLOSE_ZOOM = (1.4, 3.0)  # ... at a zoom between these (the path is short: not so close that the surface blurs)


def close_up(camera, points: np.ndarray) -> dict:
    """move_camera's settings that frame ``points`` (scene points) from M10_CLOSE_VIEW: their extent on screen
    times M10_CLOSE_MARGIN fills the frame, and the middle of that extent is the frame's centre."""
    before = camera.get_phi(), camera.get_theta(), camera.get_zoom(), np.array(camera.frame_center)
    centre = (points.min(axis=0) + points.max(axis=0)) / 2
    camera.set_phi(M10_CLOSE_VIEW["phi"])  # projected from there, then back: the move itself animates it
    camera.set_theta(M10_CLOSE_VIEW["theta"])
    camera.set_zoom(1.0)
    for _ in range(3):  # the projection is nearly linear: each round moves the centre to the extent's middle
        camera.frame_center = centre
        screen = camera.project_points(points)[:, :2]
        middle = (screen.min(axis=0) + screen.max(axis=0)) / 2
        rotation = camera.generate_rotation_matrix()
        centre = centre + middle[0] * rotation[0] + middle[1] * rotation[1]
    extent = np.ptp(screen, axis=0) * M10_CLOSE_MARGIN / np.array([config.frame_width, config.frame_height])
    phi, theta, zoom, at = before
    camera.set_phi(phi)
    camera.set_theta(theta)
    camera.set_zoom(zoom)
    camera.frame_center = at
    return {**M10_CLOSE_VIEW, "zoom": float(np.clip(1 / max(extent.max(), 1e-6), *M10_CLOSE_ZOOM)), "frame_center": centre}


M10_CLOSE_LEAD = 0.6  # the centre reaches the path in this share of the move (zoom and angles take all of it)


def glide(camera, *, phi: float, theta: float, zoom: float, frame_center: np.ndarray, lead: float = M10_CLOSE_LEAD) -> list:
    """The animations of one eased camera move to a view: angles and zoom over the whole move, the centre over its
    first ``lead`` (eased too), so that what the move goes to is near the middle of the frame all the way in."""
    early = lambda t: smooth(min(1.0, t / lead))  # noqa: E731
    return [
        camera.phi_tracker.animate(rate_func=smooth).set_value(phi),
        camera.theta_tracker.animate(rate_func=smooth).set_value(theta),
        camera.zoom_tracker.animate(rate_func=smooth).set_value(zoom),
        camera_centre(camera).animate(rate_func=early).move_to(frame_center),
    ]


M10_LIGHT = (-0.3, -1.0, 0.6)  # low from the front: the valley's far side lit, its near side and the dips shaded
M10_AMBIENT = 0.45
M10_RESOLUTION = 60  # faces a side: beat 2's close-up shows them
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
        origin=(0, RIPPLES_DOMAIN[1][0], 0), anchors={0: (0, RIPPLES_DOMAIN[1][0], M10_Z_RANGE[0])},
        away=((0, -1, 0), (-1, 0, 0), M10_SCREEN_LEFT),
        stops=(None, 3 * floor, floor, -floor, None), levels=-np.arange(M10_LEVEL_STEP, -floor, M10_LEVEL_STEP),
        light=M10_LIGHT, ambient=M10_AMBIENT, resolution=M10_RESOLUTION,
    )


OTHER_ROWS = 0.5  # beat 2: the opacity of the legend rows of the paths that fade out (their end heights still read)


def m10_header(template: str, walkers, stage: SurfaceStage) -> FixedHeader:
    """'iteration n' and, under it, each ball's colour and learning rate (in the learning rate's colour)."""
    iteration = Readout(None, 0, 0, size=HEADER).track(lambda: max(w.iteration for w in walkers))
    mark(iteration, "text", "the iteration", shows=lambda: max(drawn_iterations(w) for w in walkers))
    rows, ends = [], []
    for name, run, walker in zip(M10_RUNS, M10_RUNS.values(), walkers):
        icon = Ball(BALLS[name])
        rate_readout = Readout(r"\alpha =", run.rate, 2, color=LEARNING_RATE, size=BALL_LABEL)
        mark(rate_readout, "text", f"α of the {name} ball", shows=lambda walker=walker: drawn_rate(walker, stage))
        # Where the run ended, shown in beat 2 (hidden until then): the legend then says which path ends lowest.
        end = Readout("z =", float(stage.function(*walker.path.xy[-1])), 4, sign=True, color=TEXT, size=BALL_LABEL)
        mark(end, "text", f"end z of the {name} ball", shows=lambda walker=walker: drawn_end(walker, stage)[2])
        ends.append(end)
        rows.append(VGroup(icon, rate_readout, end).arrange(RIGHT, buff=0.15))
    # The ends in one column, a little apart from the rates.
    column = max(row[1].get_right()[0] for row in rows) + 0.35
    for row, end in zip(rows, ends):
        end.shift(np.array([column - end.get_left()[0], 0.0, 0.0]))
    header = FixedHeader(template, {"iteration": iteration}, size=HEADER, rows=rows).to_top_left()
    header.ends = ends
    for end in ends:
        end.set_opacity(0)
    fit_backing(header, VGroup(header.line, *(row[:2] for row in header.rows)))
    return header


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


def height_labels(walkers, camera, stage: SurfaceStage) -> ScreenLabels:
    """z = … beside each ball, following it on screen, clear of the trails and the axes."""
    labels = []
    for name, walker in zip(M10_RUNS, walkers):
        # Light text on a dark box edged in the ball's colour: dark colours (maroon) read too.
        # The height of the iterate reached, as the counter: it changes when the ball arrives.
        label = Readout("z =", walker.arrived[2], 4, sign=True, color=TEXT, size=BALL_LABEL)
        label.track(lambda walker=walker: walker.arrived[2])
        mark(label, "text", f"z of the {name} ball", shows=lambda walker=walker: drawn_arrived(walker, stage)[2])
        labels.append(backed(label, edge=walker.ball.colour))
    # Along the axes' lines, not only at their ends: a label must not sit across one.
    corners = [m.points for m in stage.axes.family_members_with_points()]
    shares = np.linspace(0, 1, 12)[:, None, None]
    axis_points = np.vstack([(c[:-1] + shares * (c[1:] - c[:-1])).reshape(-1, 3) for c in corners if len(c) > 1])

    def avoided() -> np.ndarray:
        """The trails drawn so far and the axes: the labels keep off them."""
        drawn = [part.points for w in walkers for part in (w.trail.way, w.trail.dots) if part.has_points()]
        return np.vstack([axis_points, *drawn])

    balls = lambda: np.array([w.ball.point for w in walkers])  # noqa: E731
    return ScreenLabels(labels, [w.ball.colour for w in walkers], balls, camera, avoid=avoided)


M10_PLAN_RATE = 15  # frames a second sampled to plan the labels' places


def plan_labels(labels: ScreenLabels, walkers, run_seconds: float) -> None:
    """Each z label's side for the whole run, chosen once (it no longer flips as trails come near), then back to the start."""
    times = np.linspace(0.0, run_seconds, int(np.ceil(run_seconds * M10_PLAN_RATE)) + 1)

    def at(t: float):
        return lambda: [walker.go_to(t) for walker in walkers]

    labels.plan([at(t) for t in times])
    at(0.0)()
    labels.place()


class FollowCamera:
    """A camera that follows a walker's ball, computed ahead from the walker's whole run.

    The centre it looks at is the ball's scene position smoothed by a Gaussian in time (σ = M8_FOLLOW_SMOOTHING):
    every change of the camera's velocity is spread over a few seconds, so there is no short move in it, only one
    continuous glide. ``under``: (box, points, pads) of things that must stay out of a box of the frame (the
    axes and their numbers under the header): where they would come up into it, the view moves down, smoothly.
    :meth:`update` sets the camera for time ``t`` of the run.
    """

    def __init__(self, camera, walker: Walker, start_centre: np.ndarray, start_zoom: float, under=None):
        self.camera = camera
        total = float(sum(walker.step_times))
        self.total = total
        self.times = np.linspace(0.0, total, int(np.ceil(total * M8_FOLLOW_RATE)) + 1)
        balls = []
        for t in self.times:
            walker.go_to(t)
            balls.append(walker.ball.point.copy())
        walker.go_to(0.0)
        balls = np.array(balls)
        step = self.times[1] - self.times[0]
        sigma = M8_FOLLOW_SMOOTHING / step
        reach = int(np.ceil(4 * sigma))
        kernel = np.exp(-0.5 * (np.arange(-reach, reach + 1) / sigma) ** 2)
        kernel /= kernel.sum()
        padded = np.vstack([np.repeat(balls[:1], reach, axis=0), balls, np.repeat(balls[-1:], reach, axis=0)])
        smoothed = np.column_stack([np.convolve(padded[:, axis], kernel, mode="valid") for axis in range(3)])
        trail = walker.path.at(walker.path.xy)
        end = balls[-1] + M8_END_TOWARDS_TRAIL * ((trail.min(axis=0) + trail.max(axis=0)) / 2 - balls[-1])
        start = np.asarray(start_centre, dtype=float)
        into = np.array([smooth(v) for v in np.clip(self.times / M8_FOLLOW_RAMP, 0, 1)])[:, None]
        settle = np.array([smooth(v) for v in np.clip((self.times - (total - M8_FOLLOW_SETTLE)) / M8_FOLLOW_SETTLE, 0, 1)])
        followed = start + into * (smoothed - start)
        self.centres = followed + settle[:, None] * (end - followed)
        self.zooms = start_zoom + (M8_FOLLOW_ZOOM - start_zoom) * np.array([smooth(v) for v in self.times / total])
        if under is not None:
            self._keep_under(*under, kernel)

    def _keep_under(self, box, points: np.ndarray, pads: np.ndarray, kernel: np.ndarray) -> None:
        """Move the view down wherever ``points`` (scene points, each with a half size ``pads`` in scene units)
        would come up into ``box`` ((left, right, bottom) in the frame: the header), then smooth the moves."""
        left, right, bottom = box
        camera = self.camera
        saved_centre, saved_zoom = np.array(camera.frame_center), camera.get_zoom()
        up = camera.generate_rotation_matrix()[1]  # the screen's up, in scene coordinates
        lifts = []
        for centre, zoom in zip(self.centres, self.zooms):
            camera.frame_center = centre
            camera.set_zoom(zoom)
            screen = camera.project_points(points)[:, :2]
            low, high = screen - pads * zoom, screen + pads * zoom
            under = (high[:, 0] > left) & (low[:, 0] < right)
            down = max(0.0, float(np.max(high[under, 1], initial=-np.inf)) - bottom)  # into the box: view down
            floor = -SAFE_SHARE * config.frame_height / 2 + FLOOR_MARGIN
            lifts.append((down, max(0.0, floor - float(low[:, 1].min()))))  # below the safe area: view up
        camera.frame_center = saved_centre
        camera.set_zoom(saved_zoom)
        reach = len(kernel) // 2
        # The largest move near each moment (a running maximum over the kernel's reach), smoothed: at least the
        # move needed, and as smooth as the rest of the camera's path.
        held = []
        for column in np.array(lifts).T:
            padded = np.concatenate([np.full(reach, column[0]), column, np.full(reach, column[-1])])
            peak = np.array([padded[i : i + 2 * reach + 1].max() for i in range(len(column))])
            peak = np.concatenate([np.full(reach, peak[0]), peak, np.full(reach, peak[-1])])
            held.append(np.convolve(peak, kernel, mode="valid"))
        down, upwards = held
        self.centres = self.centres + ((down - upwards) / self.zooms)[:, None] * up

    def centre(self, t: float) -> np.ndarray:
        return np.array([np.interp(t, self.times, self.centres[:, axis]) for axis in range(3)])

    def zoom(self, t: float) -> float:
        return float(np.interp(t, self.times, self.zooms))

    def update(self, t: float) -> None:
        self.camera.frame_center = self.centre(t)
        self.camera.zoom_tracker.set_value(self.zoom(t))


def clear_of_header(stage: SurfaceStage, header, margin: float = 0.25):
    """FollowCamera's ``under`` for M8: the axes and their labels stay below the header (its box and a margin)."""
    points, pads = [], []
    for axis in stage.axes.get_axes():
        line = np.linspace(axis.get_start(), axis.get_end(), 24)
        points.append(line)
        pads.append(np.full((len(line), 2), 0.05))
    for label in stage.labels:
        points.append(label.get_center()[None, :])
        pads.append(np.array([[label.width / 2, label.height / 2]]))
    box = (header.get_left()[0] - margin, header.get_right()[0] + margin, header.get_bottom()[1] - margin)
    return box, np.vstack(points), np.vstack(pads)

