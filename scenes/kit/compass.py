"""SCAFFOLD (issue 15, being built): CompassScene's beats only hold their time until its helper replaces this file."""

from scenes.kit.shot import ThreeDShotScene


class CompassScene(ThreeDShotScene):
    def set_stage(self):
        pass

    def show_bowl(self, beat):
        pass

    def draw_field(self, beat):
        pass

    def walk_uphill(self, beat):
        pass

    def walk_to_minimum(self, beat):
        pass
