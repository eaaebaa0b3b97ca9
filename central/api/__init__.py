"""HTTP API routers of the central server (each module exposes `router`)."""
