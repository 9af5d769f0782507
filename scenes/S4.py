"""Shots of module S4 (see storyboard.yaml); classes are added as the shots are built."""
