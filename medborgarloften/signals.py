"""What this app tells the apps above it (they import it; it never imports them)."""

from django.dispatch import Signal

#: A new version of a medborgarlöfte was signed and replaced `previous`. Sent inside the signing
#: transaction with `lofte`, `previous`, `actor` and `successors` ({old activity pk: new activity
#: pk}, by the activities' `series`), so the follow-up app moves the logs to the new version.
lofte_replaced = Signal()
