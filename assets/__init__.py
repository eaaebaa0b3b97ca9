"""Static assets (tariff data, icons, sounds, fonts, theme, translations)."""
