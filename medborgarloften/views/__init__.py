"""The del 2 pages, by what they show: plans and local goals (`plans`), medborgarlöften with their
effects and signing (`promises`), the implementation plan's activities and occasions (`activities`),
and the public page with its feeds (`public_pages`)."""

from samverkan.tenancy import EDITOR_ROLES

EDITORS = EDITOR_ROLES
