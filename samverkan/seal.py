"""The organisation seal: a PAdES signature on our PDFs, and checking one.

In production SEAL_CERT_FILE, SEAL_KEY_FILE (and SEAL_KEY_PASSPHRASE) name the organisation seal
and SEAL_CA_CERT_FILE the CA that issued it; `manage.py check --deploy` fails without them
(samverkan/checks.py). Without them — `make run` and the tests — a self-signed test CA and a
seal certificate are created once under SEAL_DIR and reused.
"""

import fcntl
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


@dataclass(frozen=True)
class SealMaterial:
    cert_file: Path
    key_file: Path
    ca_cert_file: Path
    passphrase: bytes | None


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of a document, as stored with it and shown to people."""
    return hashlib.sha256(data).hexdigest()


def _seal_dir() -> Path:
    return Path(getattr(settings, "SEAL_DIR", Path(settings.BASE_DIR) / "var" / "seal"))


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Samverkan"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def write_seal_material(folder: Path) -> SealMaterial:
    """A self-made CA and a seal certificate issued by it (ca.pem, seal.pem, seal-key.pem in
    `folder`), for development, tests and checks; never the seal of a production service."""
    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name("Samverkan test-CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    seal_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    seal_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Samverkan organisationssigill"))
        .issuer_name(ca_name)
        .public_key(seal_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    files = {
        "ca.pem": ca_cert.public_bytes(pem),
        "seal.pem": seal_cert.public_bytes(pem),
        "seal-key.pem": seal_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    }
    for name, data in files.items():
        tmp = folder / f".{name}.tmp"
        tmp.write_bytes(data)
        os.chmod(tmp, 0o600)
        tmp.replace(folder / name)
    return _material_in(folder)


def _material_in(folder: Path) -> SealMaterial:
    return SealMaterial(folder / "seal.pem", folder / "seal-key.pem", folder / "ca.pem", None)


def configured_seal_material() -> SealMaterial | None:
    """The seal named by the settings, or None when none is configured."""
    cert = getattr(settings, "SEAL_CERT_FILE", "")
    if not cert:
        return None
    passphrase = getattr(settings, "SEAL_KEY_PASSPHRASE", "")
    return SealMaterial(
        cert_file=Path(cert),
        key_file=Path(getattr(settings, "SEAL_KEY_FILE", "")),
        ca_cert_file=Path(getattr(settings, "SEAL_CA_CERT_FILE", "")),
        passphrase=passphrase.encode() if passphrase else None,
    )


def ensure_seal_material() -> SealMaterial:
    """The configured seal, or the test seal under SEAL_DIR (created on first use)."""
    configured = configured_seal_material()
    if configured is not None:
        return configured
    folder = _seal_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # A lock, so that two processes starting at once do not each make a CA.
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "ca.pem").exists():
            write_seal_material(folder)
    return _material_in(folder)


def load_signer(material: SealMaterial) -> signers.SimpleSigner | None:
    """The signer of a seal's key and certificate, or None when they cannot be read."""
    return signers.SimpleSigner.load(
        str(material.key_file),
        str(material.cert_file),
        ca_chain_files=(str(material.ca_cert_file),),
        key_passphrase=material.passphrase,
    )


def seal_pdf(pdf: bytes, *, reason: str, location: str = "Sverige", field_name: str = "Sigill") -> bytes:
    """Add a PAdES signature with the organisation seal, covering the whole document."""
    signer = load_signer(ensure_seal_material())
    if signer is None:
        raise RuntimeError("Sigillets nyckel eller certifikat kunde inte läsas.")
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    output = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), metadata, signer=signer)
    return output.getvalue()


@dataclass(frozen=True)
class SealVerification:
    is_sealed: bool
    intact: bool
    trusted: bool
    signer: str
    signed_at: datetime | None
    sha256: str
    message: str

    @property
    def ok(self) -> bool:
        return self.is_sealed and self.intact and self.trusted


def _trust_root() -> asn1_x509.Certificate:
    return load_cert_from_pemder(str(ensure_seal_material().ca_cert_file))


def verify_pdf(data: bytes) -> SealVerification:
    """Whether `data` is a PDF sealed by us and unaltered since; never raises on bad input."""
    digest = sha256_hex(data)

    def result(message: str, **flags: object) -> SealVerification:
        values: dict = {"is_sealed": False, "intact": False, "trusted": False, "signer": "", "signed_at": None}
        values.update(flags)
        return SealVerification(sha256=digest, message=message, **values)

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # any parse failure means "not a PDF we can read"
        return result(_("Filen kunde inte läsas som PDF."))
    if not signatures:
        return result(_("Dokumentet saknar Samverkans sigill."))
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[_trust_root()], allow_fetching=False))
    except (SignatureValidationError, ValueError) as error:
        return result(_("Sigillet kunde inte kontrolleras: %(error)s") % {"error": error}, is_sealed=True)
    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    intact = bool(status.intact and status.valid and whole_file and len(signatures) == 1)
    trusted = bool(status.trusted)
    signer = status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else ""
    flags = {
        "is_sealed": True,
        "intact": intact,
        "trusted": trusted,
        "signer": signer,
        "signed_at": status.signer_reported_dt,
    }
    if not intact:
        return result(_("Dokumentet har ändrats efter att det förseglades."), **flags)
    if not trusted:
        return result(_("Dokumentet är förseglat, men inte med Samverkans sigill."), **flags)
    return result(_("Dokumentet är förseglat av Samverkan och har inte ändrats."), **flags)
