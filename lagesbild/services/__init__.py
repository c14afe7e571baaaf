"""Every change to a lägesbild, by what it changes: the picture itself and the pictures side by side
(`pictures`), its sources (`sources`), problems with causes and their priority (`problems`), and
indicators with measurements (`indicators`). Callers have checked that `actor` may make it (tenancy)."""

from .indicators import (
    ImportResult,
    create_indicator,
    delete_measurement,
    import_measurements,
    record_measurement,
    update_indicator,
)
from .pictures import (
    PictureColumn,
    SideBySide,
    adopt_lagesbild,
    copy_lagesbild,
    create_lagesbild,
    current_lagesbild,
    current_problems,
    side_by_side,
    update_lagesbild,
)
from .problems import (
    add_problem,
    delete_problem,
    move_problem,
    reorder_problems,
    update_problem,
)
from .sources import (
    add_source,
    delete_source,
    update_source,
)

__all__ = [
    "ImportResult",
    "PictureColumn",
    "SideBySide",
    "add_problem",
    "add_source",
    "adopt_lagesbild",
    "copy_lagesbild",
    "create_indicator",
    "create_lagesbild",
    "current_lagesbild",
    "current_problems",
    "delete_measurement",
    "delete_problem",
    "delete_source",
    "import_measurements",
    "move_problem",
    "record_measurement",
    "reorder_problems",
    "side_by_side",
    "update_indicator",
    "update_lagesbild",
    "update_problem",
    "update_source",
]
