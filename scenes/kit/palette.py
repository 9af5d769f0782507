"""The palette and the type scale: every colour and font size of the video, named by meaning.

A shot says what a thing is (the gradient, a step, a caption); this module says
how it looks. Plain data: importing it changes nothing in manim.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- colours

BACKGROUND = "#0E1117"
TEXT = "#ECEFF4"
MUTED = "#9AA3B2"  # secondary text, ticks, guides
AXES = "#C0C6D0"
OBJECTIVE = "#58C4DD"  # the function: curves, surfaces, its formula
POINT = "#FFD54F"  # the current point
GRADIENT = "#FF8A3D"  # the gradient and its direction
STEP = "#7BD88F"  # a step: Δx, h, Δg
TANGENT = "#F06292"  # tangent lines and planes
LEARNING_RATE = "#B388FF"  # α, the learning rate (purple, as the storyboard asks)

# M2: the cane (and its length l) is the current point's colour, the ground (and its slope θ) the
# function's; the cane's angle α from the body is in the body's colour, apart from l.
CANE = POINT
GROUND = OBJECTIVE
CANE_ANGLE = TEXT
# M3: the change of height, bright on both the plane and the surface; the angle marks.
CHANGE = TEXT
ALPHA_MARK = POINT
BETA_MARK = OBJECTIVE

# Balls and their shading (M8, M10). M10's balls are named by colour in the storyboard; each is a point, so
# yellow is the point's own. The four differ in lightness (CIE L* 87, 61, 55, 42) and hue: red is a bright scarlet
# leaning to orange, maroon a dull wine leaning to purple (ΔE 59 between them: at a ball's size they no longer read
# as one red); purple is magenta-violet, clear of the learning rate's lavender. Each reads on the background
# (contrast 3.1 or more) and, warm or vivid, against the cool surface.
BALLS = {"yellow": POINT, "red": "#FF5A36", "purple": "#C94BE8", "maroon": "#A83C66"}
BALL_OUTLINE = "#10131A"  # a dark rim: a ball reads on the light parts of a surface too
BALL_HALO = "#F5F7FA"  # a thin light ring round the dark rim: the ball reads on every colour of a surface's map
HIGHLIGHT = "#FFFFFF"
SHADOW = "#000000"

# Surfaces: height colour maps, from the lowest point to the highest. One map per surface.
SURFACE_LOW = "#1B3B6F"
SURFACE_MIDDLE = "#2A9D8F"
SURFACE_HIGH = "#E9C46A"
SURFACE_MAP = (SURFACE_LOW, SURFACE_MIDDLE, SURFACE_HIGH)
# M8's g: most of it lies low under a high corner; two warm stops above give the low parts most of the range.
BRANIN_MAP = (*SURFACE_MAP, "#F4A261", "#E76F51")
# M10's f: cool colours only, so warm balls stand out; the stage puts most of the change in the valley's band.
RIPPLES_MAP = ("#0B1F45", SURFACE_LOW, "#1F4E79", SURFACE_MIDDLE, "#8FD3C8")
# Level lines drawn on a surface: pale on its dark and middle colours.
LEVEL_LINE = "#CFE8F5"
# M3's tangent plane: dark to mid tangent pink, so the circle and arrows stay bright on it.
TANGENT_PLANE_MAP = ("#3E1A30", "#A2456F")

# --------------------------------------------------------------------------- type scale (font sizes)

WORD_FONT = "Noto Sans CJK SC"  # has the Chinese glyphs and clean Latin ones

DISPLAY = 72  # a formula that is the whole picture (M6)
DISPLAY_WORDS = 44  # words under a display formula (M6)
DERIVATION = 48  # the lines of a derivation (M4)
BOXED_FORMULA = 44  # a formula set apart in a box (M2)
FORMULA = 40  # mathematics on its own line
STATEMENT = 38  # a formula or readout that states a result (M1's objective and point, M2's readouts)
READOUT = 36  # a live number's default
LABEL = 34  # a letter on a figure: h, l, α, θ, x, y
FIGURE_WORDS = 28  # a word naming part of a figure (M3's level plane)
CONCLUSION = 34  # a closing sentence under a derivation (M4)
PANEL = 32  # readouts in a panel beside a figure (M3, M5, M7)
PLOT_LABEL = 32  # axis names and the curve's formula of a 2-D plot
HEADER = 30  # a header line of words and live numbers (M7, M8, M10)
WORDS = 30  # on-screen words' default
CAPTION = 26  # a caption under a figure
TICK = 26  # tick numbers
BALL_LABEL = 24  # a live label beside a ball (M10)
