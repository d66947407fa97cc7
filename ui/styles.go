package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles is the one palette of the TUI.
type styles struct {
	header, tab, tabActive, title, dim, match        lipgloss.Style
	selected, selectedDim, selectedMatch, cursorMark lipgloss.Style
	footer, footerKey, footerDesc, percent           lipgloss.Style
	separator, prompt, empty, link, hit, hitCurrent  lipgloss.Style
	focusBar, blurBar, heading, ok, bad, warn        lipgloss.Style
}

// newStyles builds the palette for a dark or light background; plain drops
// every colour (NO_COLOR, --style notty) and keeps only attributes.
func newStyles(dark, plain bool) styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) color.Color {
		if plain {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(darkc))
	}
	accent := c("#5A3FC0", "#A78BFA")
	muted := c("#6B6B6B", "#8A8A8A")
	text := c("#1A1A1A", "#E6E6E6")
	hl := c("#B45309", "#FBBF24")
	s := lipgloss.NewStyle
	st := styles{
		header: s().Bold(true).Foreground(accent),
		tab:    s().Foreground(muted),
		// The active tab is a filled block: unmistakable at a glance.
		tabActive:     s().Bold(true).Foreground(c("#FFFFFF", "#1A1033")).Background(accent),
		title:         s().Foreground(text),
		dim:           s().Foreground(muted),
		match:         s().Foreground(hl).Bold(true),
		selected:      s().Bold(true).Foreground(text).Background(c("#E4DDFB", "#3B3260")),
		selectedDim:   s().Foreground(muted).Background(c("#E4DDFB", "#3B3260")),
		selectedMatch: s().Bold(true).Foreground(hl).Background(c("#E4DDFB", "#3B3260")),
		cursorMark:    s().Foreground(accent).Bold(true),
		footer:        s().Foreground(muted),
		footerKey:     s().Foreground(text).Bold(true),
		footerDesc:    s().Foreground(muted),
		percent:       s().Foreground(muted),
		separator:     s().Foreground(c("#C8C8C8", "#444444")),
		prompt:        s().Foreground(accent).Bold(true),
		empty:         s().Foreground(muted).Italic(true),
		link:          s().Reverse(true).Bold(true),
		hit:           s().Background(c("#FDE68A", "#78350F")).Foreground(c("#000000", "#FFFFFF")),
		hitCurrent:    s().Background(c("#F59E0B", "#F59E0B")).Foreground(c("#000000", "#000000")).Bold(true),
		focusBar:      s().Foreground(accent),
		blurBar:       s().Foreground(c("#C8C8C8", "#444444")),
		heading:       s().Bold(true).Foreground(accent),
		ok:            s().Bold(true).Foreground(c("#15803D", "#4ADE80")),
		bad:           s().Bold(true).Foreground(c("#B91C1C", "#F87171")),
		warn:          s().Foreground(hl),
	}
	if plain {
		// Without colour, selection and matches need attributes to show.
		st.selected = s().Reverse(true).Bold(true)
		st.tabActive = s().Reverse(true).Bold(true)
		st.selectedDim = s().Reverse(true)
		st.selectedMatch = s().Reverse(true).Bold(true).Underline(true)
		st.match = s().Bold(true).Underline(true)
		st.hit = s().Underline(true)
		st.hitCurrent = s().Reverse(true)
	}
	return st
}
