from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.models import User
from samverkan.personal_data import anonymise_person


class Command(BaseCommand):
    help = "Anonymiserar en person: uppgifterna om vem det är tas bort, posterna (loggar, historik) finns kvar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError("Ingen person med den e-postadressen.")
        anonymise_person(user, actor=None)
        self.stdout.write("Personen är anonymiserad.")
