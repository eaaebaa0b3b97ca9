"""Central server: API, bookings, ledger, invitations, relay, web pages."""
