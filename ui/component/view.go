package component

// FocusMark marks the focused pane's title, so focus shows without colour.
const FocusMark = "▸ "
