"""GLSL for the instanced lantern field (lantern_field.py). Every lantern's data sits in buffer
textures, three texels per lantern:

    [x, y, z, size]  [r, g, b, glow]  [heading, bob, phase, kind]

and the motion is computed here from the frame time, so nothing is written per frame but a few
uniforms. `linear_output` is 1 under simplepbr (which tone-maps and encodes at the end) and 0 with
fixed-function lighting, where colours are written as they will be shown.
"""

from panda3d.core import Shader

_COMMON = """
uniform samplerBuffer lanterns;
uniform float osg_FrameTime;
uniform float motion;        // 0 with reduced motion: the lanterns hold still

void lantern(int i, out vec4 a, out vec4 b, out vec4 c) {
    a = texelFetch(lanterns, i * 3);
    b = texelFetch(lanterns, i * 3 + 1);
    c = texelFetch(lanterns, i * 3 + 2);
}

// How far a floating lantern has risen on its swell now.
float swell(vec4 c) {
    return motion * c.y * sin(osg_FrameTime * 1.3 + c.z);
}
"""

BODY_VERT = """#version 140
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat4 p3d_ModelViewMatrix;
in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec4 p3d_Color;
in vec2 p3d_MultiTexCoord0;
out vec4 v_paint;
out vec4 v_tint;
out vec3 v_normal;
out vec3 v_view;
out vec2 v_uv;
""" + _COMMON + """
void main() {
    vec4 a, b, c;
    lantern(gl_InstanceID, a, b, c);
    // A floating lantern rocks a little as it rises and falls.
    float rock = motion * c.y * 1.5 * sin(osg_FrameTime * 0.9 + c.z * 1.7);
    float h = c.x;
    mat3 turn = mat3(cos(h), sin(h), 0.0, -sin(h), cos(h), 0.0, 0.0, 0.0, 1.0);
    mat3 tilt = mat3(1.0, 0.0, 0.0, 0.0, cos(rock), sin(rock), 0.0, -sin(rock), cos(rock));
    vec3 local = turn * tilt * (p3d_Vertex.xyz * a.w);
    vec4 world = vec4(a.xyz + local + vec3(0.0, 0.0, swell(c)), 1.0);
    gl_Position = p3d_ModelViewProjectionMatrix * world;
    v_view = (p3d_ModelViewMatrix * world).xyz;
    v_normal = mat3(p3d_ModelViewMatrix) * (turn * tilt * p3d_Normal);
    v_paint = p3d_Color;
    v_tint = b;
    v_uv = p3d_MultiTexCoord0;
}
"""

BODY_FRAG = """#version 140
uniform float linear_output;
uniform float brightness;
in vec4 v_paint;
in vec4 v_tint;
in vec3 v_normal;
in vec3 v_view;
in vec2 v_uv;
out vec4 o_color;

void main() {
    // Hanji on a wire frame, lit from inside: brightest where the light crosses the least paper (facing
    // the eye), with the shadow lines of the frame's ribs.
    float facing = abs(dot(normalize(v_normal), normalize(v_view)));
    float ribs = 0.72 + 0.28 * smoothstep(0.04, 0.16, abs(fract(v_uv.x * 9.0) - 0.5));
    vec3 paper = v_paint.rgb * v_tint.rgb * v_tint.a * brightness * (0.45 + 0.55 * facing) * ribs;
    vec3 frame = v_paint.rgb * 0.04;
    vec3 colour = mix(frame, paper, v_paint.a);
    o_color = vec4(linear_output > 0.5 ? colour : pow(min(colour, vec3(1.0)), vec3(1.0 / 1.6)), 1.0);
}
"""

SPRITE_VERT = """#version 140
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform samplerBuffer near;
uniform vec4 boxes[8];        // per kind: centre height, half width, half height, halo radius (model units)
uniform vec4 cells[8];        // per kind: atlas u0, v0, u1, v1
uniform vec3 camera_right;
uniform vec3 camera_up;
uniform vec3 camera_pos;
in vec4 p3d_Vertex;
out vec2 v_quad;              // -1..1 across the quad
out vec2 v_atlas;
out vec4 v_tint;
out float v_impostor;         // 1: the picture of a far lantern; 0: the halo round a modelled one
const float HALO_ANGLE = 0.04;  // radians
""" + _COMMON + """
void main() {
    vec4 a, b, c;
    lantern(gl_InstanceID, a, b, c);
    int kind = int(c.w + 0.5);
    vec4 box = boxes[kind];
    v_impostor = 1.0 - texelFetch(near, gl_InstanceID).r;
    vec3 centre = a.xyz + vec3(0.0, 0.0, box.x * a.w + swell(c));
    // A modelled lantern gets a round halo, no wider on the screen than HALO_ANGLE (a crowd of lanterns
    // round the visitor must not cost the whole screen many times over); a far one only its picture.
    float halo_radius = min(box.w * a.w, HALO_ANGLE * distance(centre, camera_pos));
    vec2 half_size = v_impostor > 0.5 ? box.yz * a.w : vec2(halo_radius);
    vec2 corner = p3d_Vertex.xz;
    vec3 spot = centre + camera_right * corner.x * half_size.x + camera_up * corner.y * half_size.y;
    gl_Position = p3d_ModelViewProjectionMatrix * vec4(spot, 1.0);
    v_quad = corner;
    vec4 cell = cells[kind];
    v_atlas = mix(cell.xy, cell.zw, corner * 0.5 + 0.5);
    v_tint = b;
}
"""

SPRITE_FRAG = """#version 140
uniform sampler2D atlas;
uniform float linear_output;
uniform float brightness;
uniform float halo;
in vec2 v_quad;
in vec2 v_atlas;
in vec4 v_tint;
in float v_impostor;
out vec4 o_color;

void main() {
    float r2 = dot(v_quad, v_quad);
    vec3 light = v_tint.rgb * v_tint.a;
    vec3 colour;
    if (v_impostor > 0.5) {
        // The far lantern's picture, and the glow of its paper round it within its frame.
        vec4 picture = texture(atlas, v_atlas);
        colour = light * (picture.rgb * brightness * picture.a + halo * 0.6 * max(0.0, 1.0 - r2));
    } else {
        if (r2 > 1.0) discard;
        // The glow of lit paper in the night air round a lantern near the visitor (added light).
        colour = light * halo * exp(-r2 * 5.0) * (1.0 - r2);
    }
    o_color = vec4(linear_output > 0.5 ? colour : pow(min(colour, vec3(1.0)), vec3(1.0 / 1.6)), 1.0);
}
"""

STREAK_VERT = """#version 140
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform samplerBuffer floating;   // indices of the lanterns on the water
uniform vec4 boxes[8];
uniform vec3 camera_pos;
uniform float water_level;
in vec4 p3d_Vertex;
out vec2 v_quad;
out vec4 v_tint;
const float STREAK_DISTANCE = 60.0;  // metres
""" + _COMMON + """
void main() {
    int i = int(texelFetch(floating, gl_InstanceID).r + 0.5);
    vec4 a, b, c;
    lantern(i, a, b, c);
    vec4 box = boxes[int(c.w + 0.5)];
    // The light of a lantern on rippled water: a streak from below it towards the eye.
    vec2 towards = camera_pos.xy - a.xy;
    float away = length(towards);
    vec2 along = away > 0.01 ? towards / away : vec2(0.0, -1.0);
    vec2 across = vec2(-along.y, along.x);
    float width = box.y * a.w * 1.2 + 0.1;
    float reach = min((box.x + box.z) * a.w * 4.0 + 1.0, away * 0.8);
    vec2 corner = p3d_Vertex.xz;   // x across, z along (-1 under the lantern, 1 towards the eye)
    // Far away a streak is a few pixels at a grazing angle: not drawn at all.
    corner *= away < STREAK_DISTANCE ? 1.0 : 0.0;
    vec2 spot = a.xy + across * corner.x * width + along * (corner.y * 0.5 + 0.5) * reach;
    gl_Position = p3d_ModelViewProjectionMatrix * vec4(spot, water_level + 0.02, 1.0);
    v_quad = corner;
    v_tint = b;
}
"""

STREAK_FRAG = """#version 140
uniform float linear_output;
uniform float osg_FrameTime;
uniform float reflection;
in vec2 v_quad;
in vec4 v_tint;
out vec4 o_color;

void main() {
    float along = v_quad.y * 0.5 + 0.5;
    float ripple = 0.55 + 0.45 * sin(along * 38.0 - osg_FrameTime * 2.2 + v_quad.x * 3.0);
    float fade = (1.0 - along) * (1.0 - along) * (1.0 - v_quad.x * v_quad.x);
    vec3 colour = v_tint.rgb * v_tint.a * reflection * fade * ripple;
    o_color = vec4(linear_output > 0.5 ? colour : pow(min(colour, vec3(1.0)), vec3(1.0 / 1.6)), 1.0);
}
"""


def make(vertex, fragment):
    return Shader.make(Shader.SL_GLSL, vertex, fragment)


def body_shader():
    return make(BODY_VERT, BODY_FRAG)


def sprite_shader():
    return make(SPRITE_VERT, SPRITE_FRAG)


def streak_shader():
    return make(STREAK_VERT, STREAK_FRAG)
