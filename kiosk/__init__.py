"""The booth kiosk: Qt screens, session flow, call engine."""
