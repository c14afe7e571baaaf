"""The lägesbild pages, by what they show: the picture itself and pictures compared (`pictures`),
sources (`sources`), problems and their priority (`problems`), and indicators with measurements
(`indicators`)."""

from samverkan.tenancy import EDITOR_ROLES

#: The owning organisation's samordnare (and a police area's kontaktperson) edit its lägesbild.
EDITORS = EDITOR_ROLES
