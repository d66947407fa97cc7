package ui

import "github.com/mattn/go-runewidth"

// Prewarm builds, ahead of time, what the first frame would otherwise
// build while the user waits: go-runewidth fills a 2.2 MB width table on
// the first rune past U+02FF it measures (the "│" between the panes, the
// "…" of a cut title), 6–9 ms on a loaded 2-core machine, inside Bubble
// Tea's first flush. Run it on another goroutine while the guide loads.
func Prewarm() {
	runewidth.RuneWidth('│')
}
