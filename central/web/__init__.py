"""Web pages served by central: the relative's join page (static HTML/CSS/JS)."""
