"""What this app tells the apps above it (they import it; it never imports them)."""

from django.dispatch import Signal

#: A revision of an agreement came into force and replaced `previous`. Sent inside the signing
#: transaction with `agreement`, `previous`, `actor` and `now`, so that del 2 (medborgarloften)
#: moves its plans to the new version.
agreement_replaced = Signal()
