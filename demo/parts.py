"""The parts of the demo data, in the order of the process: each builds on what the one before it
created, and each `load()` can run any number of times."""

from types import ModuleType

from . import agreements, del2, duties, followup, lagesbild, meetings, organisations, periods

PARTS: list[tuple[str, ModuleType]] = [
    ("Organisationer och personer", organisations),
    ("Lägesbild", lagesbild),
    ("Samverkansöverenskommelser", agreements),
    ("Del 2 och medborgarlöften", del2),
    ("Samverkansgrupper och möten", meetings),
    ("Uppföljning", followup),
    ("Kommunernas skyldigheter (lag 2023:196)", duties),
    ("Perioder som har löpt ut", periods),
]
