"""Domain services of the central server (database + policy, no HTTP)."""
