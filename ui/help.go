package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpView is the full-screen list of every binding, from the key map,
// wrapped to the width and scrollable.
type helpView struct {
	c             *common
	active        bool
	top           int
	width, height int
}

func (h *helpView) open()             { h.active, h.top = true, 0 }
func (h *helpView) SetSize(w, hh int) { h.width, h.height = w, hh }

// Update handles a key; any key not listed leaves the help as it is.
func (h *helpView) Update(msg tea.KeyPressMsg) {
	k := h.c.keys
	page := max(1, h.height-1)
	switch {
	case key.Matches(msg, k.HelpClose):
		h.active = false
	case key.Matches(msg, k.ScrollDown):
		h.top++
	case key.Matches(msg, k.ScrollUp):
		h.top--
	case key.Matches(msg, k.PageDown):
		h.top += page
	case key.Matches(msg, k.PageUp):
		h.top -= page
	case key.Matches(msg, k.HelpTop):
		h.top = 0
	case key.Matches(msg, k.HelpBottom):
		h.top = len(h.lines())
	}
	h.clamp(len(h.lines()))
}

func (h *helpView) wheel(d int) {
	h.top += d
	h.clamp(len(h.lines()))
}

func (h *helpView) clamp(n int) { h.top = max(0, min(h.top, n-h.height)) }

func (h *helpView) lines() []string {
	st := h.c.st
	var lines []string
	w := max(1, h.width-1)
	wrap := func(s string, width int) []string {
		return strings.Split(ansi.Wrap(s, max(1, width), "/"), "\n")
	}
	kw := 0
	for _, g := range h.c.keys.full() {
		for _, b := range g.bindings {
			kw = max(kw, lipgloss.Width(b.Help().Key))
		}
	}
	kw = min(kw, w/3)
	for _, g := range h.c.keys.full() {
		for _, l := range wrap(g.title, w) {
			lines = append(lines, st.heading.Render(l))
		}
		for _, b := range g.bindings {
			hp := b.Help()
			k := ansi.Truncate(hp.Key, kw, "")
			pad := strings.Repeat(" ", kw+4)
			for i, d := range wrap(hp.Desc, w-kw-4) {
				if i == 0 {
					lines = append(lines, "  "+st.footerKey.Render(k+strings.Repeat(" ", kw-lipgloss.Width(k)))+"  "+st.footerDesc.Render(d))
				} else {
					lines = append(lines, pad+st.footerDesc.Render(d))
				}
			}
		}
		lines = append(lines, "")
	}
	lines = append(lines, st.heading.Render("Mouse"))
	for _, l := range wrap("The wheel scrolls the pane under the pointer; a click selects a row, a tab or follows a link.", w-2) {
		lines = append(lines, "  "+st.footerDesc.Render(l))
	}
	lines = append(lines, "", st.dim.Render("? or esc closes this help."))
	return lines
}

// View renders exactly width × height cells.
func (h *helpView) View() string {
	lines := h.lines()
	h.clamp(len(lines))
	out := make([]string, 0, h.height)
	for i := h.top; i < len(lines) && len(out) < h.height; i++ {
		out = append(out, fit(lines[i], h.width))
	}
	for len(out) < h.height {
		out = append(out, strings.Repeat(" ", h.width))
	}
	return strings.Join(out, "\n")
}
