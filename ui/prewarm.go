package ui

import "github.com/mattn/go-runewidth"

// prewarm builds what Bubble Tea's first flush would otherwise build while
// it holds the screen: go-runewidth fills a 2.2 MB width table on the
// first rune past U+02FF it measures (the "│" between the panes, the "…"
// of a cut title), 6–9 ms on a loaded 2-core machine. The first frame
// (earlyFrame) does not measure with go-runewidth, so it runs once that
// frame is written, beside Bubble Tea's start: run before it, beside the
// loading, its 550 page faults slowed the frame by 5–10 ms.
func prewarm() {
	runewidth.RuneWidth('│')
}
