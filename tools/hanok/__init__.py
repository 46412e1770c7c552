"""Parts library for traditional Korean (hanok / palace / fortress) architecture, built procedurally.

Conventions, shared by every module:
- World frame x east, y north, z up, metres. A part is built about its own pivot with its front
  facing -y (south, as halls face) and is placed with Parts.moved(x, y, z, heading).
- Builders return Parts (tools.hanok.parts): meshes keyed by surface. Pour them into a scene with
  parts.into(assembly, "Group/Name"); everything sharing a surface merges into one primitive.
- Surfaces come from tools.hanok.palette: glTF PBR materials with procedural base-colour and normal
  textures; painted timber is one white material with vertex colours from a DancheongScheme.

Modules:
  palette   dancheong schemes (MORO, BARE_TIMBER) and surfaces: giwa roof tiles, lime plaster, granite,
            hewn wall stone, grey brick, lattice, floor boards, rafter ends, eave soffit, beam painting
  timber    column (with entasis and a painted head), column_base, painted_beam, bracket_set
            (dapo / jusimpo / ikgong), frame (a whole n x m kan column grid with lintels and brackets)
  roofs     RoofSpec + roof(): hipped (ujingak), hipped-and-gable (paljak), gable (matbae); concave
            slopes, corner lift and swing, tiles as texture, ridges, chwidu, yongdu and japsang
  masonry   woldae terraces, stairs (with a royal-path slab), hongye_platform (rainbow-arch gate),
            city_wall, parapet (yeojang), tiled_wall (palace wall with a tiled coping)
  openings  lattice_panel (doors and windows), plank_doors, plaque (name board with its text)
  pavilion  PavilionSpec + pavilion(): frame, floor, lattice walls or gate doors and roof in one call;
            railing; corridor (haenggak: a roofed corridor with an outer wall)
  stonework royal_path (three-lane eodo), rank_stones (pumgyeseok), stone_balustrade (dolnangan),
            arch_bridge (twin-arch hongyegyo over a channel), deumeu (bronze water vat)
  classical the Western stone orders of Korean Empire halls (Seokjojeon): ionic_column, colonnade,
            entablature, pediment, balustrade, plum_emblem
"""

from . import classical
from .masonry import city_wall, hongye_platform, parapet, stairs, tiled_wall, woldae
from .openings import lattice_panel, plank_doors, plaque
from .palette import BARE_TIMBER, MORO, DancheongScheme
from .parts import Parts, sweep
from .pavilion import PavilionSpec, corridor, pavilion, railing
from .roofs import RoofSpec, roof
from .stonework import arch_bridge, deumeu, rank_stones, royal_path, stone_balustrade
from .timber import bracket_set, column, column_base, frame, painted_beam

__all__ = ["BARE_TIMBER", "MORO", "DancheongScheme", "Parts", "PavilionSpec", "RoofSpec", "arch_bridge",
           "bracket_set", "city_wall", "classical", "column", "column_base", "corridor", "deumeu", "frame",
           "hongye_platform", "lattice_panel", "painted_beam", "parapet", "pavilion", "plank_doors", "plaque",
           "railing", "rank_stones", "roof", "royal_path", "stairs", "stone_balustrade", "sweep", "tiled_wall",
           "woldae"]
