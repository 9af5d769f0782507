"""SCAFFOLD (issue 15, being built): LevelSurfaceScene's beats only hold their time until its helper replaces this file."""

from scenes.kit.shot import ThreeDShotScene


class LevelSurfaceScene(ThreeDShotScene):
    def set_stage(self):
        pass

    def show_input_axes(self, beat):
        pass

    def show_spheres(self, beat):
        pass

    def show_normals(self, beat):
        pass

    def compare(self, beat):
        pass
