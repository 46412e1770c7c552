"""The 90 Hz budget: what one frame may cost in a headset, and how many draw calls and triangles per
scene follow for a mid-range PC VR GPU, from the figures benchmarks/headset.py measured.

A frame is 11.1 ms at 90 Hz, CPU and GPU each (they overlap: the CPU prepares frame n+1 while the GPU
draws frame n). Of it we keep MARGIN spare, because a frame that runs over is a dropped frame (judder,
the runtime reprojects). On the GPU the runtime's compositor (lens distortion, reprojection) takes
COMPOSITOR_MS first. What is left is the app's:

- CPU: the frame loop's own calls (measured under Monado), the app's fixed work per frame (tasks, the
  HUD, culling of an almost empty scene: measured), then Panda3D's cost per draw call per eye
  (measured): that sets the draw-call budget. The CPU here is a server core of about a mid-range
  desktop's single-thread speed, so the measured costs stand for a mid-range PC.
- GPU: triangles. There is no GPU on the machine these figures come from (llvmpipe rasterises on the
  CPU), so the GPU's rate is an assumption, stated: a mid-range VR-ready card (GeForce GTX 1060 /
  Radeon RX 580 class, the minimum the PC headsets name) sustains about GPU_TRIANGLES_PER_S lit,
  textured triangles a second with this app's simple fixed-function shading and little overdraw.
  Each eye draws the scene, so a scene's triangles count twice (worst case: everything in view).
"""

FRAME_MS = 1000.0 / 90.0
MARGIN = 0.15
COMPOSITOR_MS = 1.5
GPU_TRIANGLES_PER_S = 400e6


def _cpu_budget(report):
    draw = report["draw_call"]
    per_geom = draw["ms_per_geom_per_eye"]
    fixed_ms = draw["runs"][0]["frame_ms"]  # no boxes, no scene: the app's own work per frame
    loop = report.get("monado_loop")
    # The loop's calls into the runtime but the hand-over of the images, whose time here is waiting for
    # llvmpipe to finish drawing the eyes and for the compositor to give an image back (GPU time on a
    # real card, not the CPU's).
    loop_ms = (loop["begin_ms"] + loop["end_ms"]) if loop else 0.0
    usable = FRAME_MS * (1 - MARGIN) - fixed_ms - loop_ms
    return {"per_geom_per_eye_ms": per_geom, "fixed_ms": round(fixed_ms, 3), "loop_ms": round(loop_ms, 3),
            "usable_ms": round(usable, 3), "draw_calls_per_frame": int(usable / per_geom) if per_geom > 0 else None}


def budgets(report):
    cpu = _cpu_budget(report)
    gpu_ms = FRAME_MS * (1 - MARGIN) - COMPOSITOR_MS
    triangles_per_frame = int(gpu_ms * GPU_TRIANGLES_PER_S / 1000)
    draw_calls = cpu["draw_calls_per_frame"]
    scenes = {}
    for scene, figures in report["stereo_vs_mono"].items():
        drawn_calls, drawn_triangles = 2 * figures["geoms"], 2 * figures["triangles"]
        scenes[scene] = {
            "geoms": figures["geoms"], "triangles": figures["triangles"],
            "draw_calls_per_frame": drawn_calls, "draw_call_share": round(drawn_calls / draw_calls, 3) if draw_calls else None,
            "triangles_per_frame": drawn_triangles, "triangle_share": round(drawn_triangles / triangles_per_frame, 3),
            "within_budget": bool(draw_calls and drawn_calls <= draw_calls and drawn_triangles <= triangles_per_frame)}
    return {"frame_ms": round(FRAME_MS, 2), "margin": MARGIN, "compositor_ms": COMPOSITOR_MS,
            "assumed_gpu_triangles_per_s": GPU_TRIANGLES_PER_S, "cpu": cpu,
            "gpu_ms": round(gpu_ms, 3), "triangles_per_frame": triangles_per_frame,
            "triangles_per_eye": triangles_per_frame // 2,
            "draw_calls_per_eye": draw_calls // 2 if draw_calls else None, "scenes": scenes}
