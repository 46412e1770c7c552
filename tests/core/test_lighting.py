"""Colour encoding and the fixed-function version of the presets' lights (graphics.pbr: false)."""

import math

import pytest

from metaverse_seoul.core.lighting import PRESETS, fixed_function_light, linear_to_srgb, srgb_to_linear


@pytest.mark.parametrize("value", [0.0, 0.002, 0.04, 0.2, 0.5, 0.9, 1.0])
def test_srgb_round_trip(value):
    assert srgb_to_linear(linear_to_srgb(value)) == pytest.approx(value, abs=1e-9)


def test_srgb_known_values():
    assert linear_to_srgb((0.0, 0.214, 1.0)) == pytest.approx((0.0, 0.5, 1.0), abs=1e-3)
    assert linear_to_srgb(-0.1) == 0.0


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_shade_and_full_light_match_pbr(name):
    """A matte surface in shade and one facing the light: as bright as simplepbr would show them
    (before its tone curve), when sRGB(albedo * light) is taken as sRGB(albedo) * sRGB(light)."""
    preset = PRESETS[name]
    sun = fixed_function_light(preset.sun_color, preset.ambient_color)
    ambient = linear_to_srgb(preset.ambient_color)
    for a, s, pbr_ambient, pbr_sun in zip(ambient, sun, preset.ambient_color, preset.sun_color):
        assert a == pytest.approx(linear_to_srgb(pbr_ambient))
        assert a + s == pytest.approx(linear_to_srgb(pbr_ambient + pbr_sun / math.pi))
        assert 0 < s < 1


def test_no_light_adds_nothing():
    assert fixed_function_light((0, 0, 0), (0.3, 0.3, 0.3)) == (0, 0, 0)
