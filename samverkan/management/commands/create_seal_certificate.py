from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samverkan.seal import write_seal_material


class Command(BaseCommand):
    help = (
        "Skapar en egen CA och ett sigillcertifikat med nyckel i en mapp och skriver ut inställningarna "
        "som pekar på dem. För kontroller och testmiljöer; i drift används organisationens riktiga sigill."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="Mappen som filerna skrivs till (skapas vid behov).")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        material = write_seal_material(folder)
        self.stdout.write(f"SEAL_CERT_FILE={material.cert_file}")
        self.stdout.write(f"SEAL_KEY_FILE={material.key_file}")
        self.stdout.write(f"SEAL_CA_CERT_FILE={material.ca_cert_file}")
