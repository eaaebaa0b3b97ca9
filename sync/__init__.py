"""Booth local store, outbox and sync client, with the wire schemas."""
