"""Booth devices: camera, microphone, speaker, self-tests."""
