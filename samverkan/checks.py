"""System checks of our own, run by `manage.py check` (the deploy ones with `--deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .seal import configured_seal_material, load_signer

SEAL_SETTINGS = ("SEAL_CERT_FILE", "SEAL_KEY_FILE", "SEAL_CA_CERT_FILE")


@register(Tags.security, deploy=True)
def check_seal_certificate(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Production seals with the organisation's own certificate, never with the test CA that is
    made when none is configured (which is meant for `make run` and the tests only)."""
    if settings.DEBUG:
        return []
    missing = [name for name in SEAL_SETTINGS if not getattr(settings, name, "")]
    if missing:
        return [
            Error(
                "Inget organisationssigill är konfigurerat; PDF:er skulle förseglas med en självgjord "
                "test-CA. / No organisation seal is configured; PDFs would be sealed with a self-made "
                f"test CA. Saknas / missing: {', '.join(missing)}.",
                hint="Sätt SEAL_CERT_FILE, SEAL_KEY_FILE och SEAL_CA_CERT_FILE (och SEAL_KEY_PASSPHRASE om "
                "nyckeln är krypterad). / Set SEAL_CERT_FILE, SEAL_KEY_FILE and SEAL_CA_CERT_FILE (and "
                "SEAL_KEY_PASSPHRASE if the key is encrypted).",
                id="samverkan.E001",
            )
        ]
    material = configured_seal_material()
    if material is None or load_signer(material) is None:
        return [
            Error(
                "Organisationssigillet kunde inte läsas. / The organisation seal could not be read.",
                hint="Kontrollera filerna i SEAL_CERT_FILE, SEAL_KEY_FILE och SEAL_CA_CERT_FILE och "
                "SEAL_KEY_PASSPHRASE. / Check the files named by SEAL_CERT_FILE, SEAL_KEY_FILE and "
                "SEAL_CA_CERT_FILE, and SEAL_KEY_PASSPHRASE.",
                id="samverkan.E002",
            )
        ]
    return []
