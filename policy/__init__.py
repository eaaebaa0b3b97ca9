"""Pure domain rules of Parloir: no I/O, no Qt, no network."""
