package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// header shows the name and the tabs with their counts; it shortens
// itself to fit and records where each tab is for the mouse.
func (m *Model) header() string {
	st := m.c.st
	build := func(short bool) (string, [][2]int) {
		var b strings.Builder
		var spans [][2]int
		x := 0
		for i, t := range tabs {
			// Marked shows once something is marked (or it is chosen).
			if i == markedTab && len(m.c.store.Marked) == 0 && m.list.tab != markedTab {
				spans = append(spans, [2]int{-1, -1})
				continue
			}
			if i > 0 {
				b.WriteString(st.dim.Render(" "))
				x++
			}
			name := t.name
			if short {
				name = name[:2]
			}
			label := fmt.Sprintf(" %s %d ", name, m.list.counts[i])
			if i == m.list.tab {
				b.WriteString(st.tabActive.Render(label))
			} else {
				b.WriteString(st.tab.Render(label))
			}
			w := lipgloss.Width(label)
			spans = append(spans, [2]int{x, x + w})
			x += w
		}
		return b.String(), spans
	}
	name := "French social security"
	if m.c.folder != "" {
		name = m.c.folder
	}
	title := st.header.Render("secu · " + name)
	if m.checker.active {
		title = st.header.Render("secu · number checker")
	} else if m.helpv.active {
		title = st.header.Render("secu · keys")
	} else if m.tools.active() {
		title = st.header.Render(m.tools.title())
	}
	right, spans := build(false)
	if lipgloss.Width(title)+lipgloss.Width(right)+2 > m.width {
		title = st.header.Render("secu")
	}
	if lipgloss.Width(title)+lipgloss.Width(right)+2 > m.width {
		right, spans = build(true)
	}
	gap := m.width - lipgloss.Width(title) - lipgloss.Width(right)
	if gap < 1 {
		m.tabSpans = spans
		return fit(right, m.width)
	}
	shift := lipgloss.Width(title) + gap
	for i := range spans {
		if spans[i][0] >= 0 {
			spans[i][0] += shift
			spans[i][1] += shift
		}
	}
	m.tabSpans = spans
	return title + strings.Repeat(" ", gap) + right
}

// footer shows a notice, or the short help for where the focus is with
// only the keys that do something there, and the reader's position.
func (m *Model) footer() string {
	st := m.c.st
	if m.notice != "" {
		n := m.notice
		// Too wide, a notice keeps the address it ends with, which is
		// what people need ("No browser opener…: the address is https://…").
		if i := strings.Index(n, "://"); ansi.StringWidth(n)+1 > m.width && i > 0 {
			start := strings.LastIndex(n[:i], " ") + 1
			n = "… " + n[start:]
		}
		return fit(" "+st.warn.Render(ansi.Truncate(n, m.width-1, "…")), m.width)
	}
	right := ""
	if !m.checker.active && !m.helpv.active && !m.tools.active() && !m.home && m.reader.page != nil && (m.split() || m.focus == focusReader) {
		right = st.percent.Render(fmt.Sprintf(" %3d%%", m.reader.percent()))
	}
	left := shortHelp(m.help, m.hints(), m.width-lipgloss.Width(right))
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 0 {
		return fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + right
}

// shortHelp is the help line in at most w cells, ending in "…" when
// keys are left out. Bubbles' help adds the item it has no room for when
// even its "…" does not fit, so items are dropped here instead.
func shortHelp(hm help.Model, bs []key.Binding, w int) string {
	hm.SetWidth(0)
	for n := len(bs); n > 0; n-- {
		s := hm.ShortHelpView(bs[:n])
		if n < len(bs) {
			s += " " + hm.Styles.Ellipsis.Render(hm.Ellipsis)
		}
		if lipgloss.Width(s) <= w {
			return s
		}
	}
	return ""
}

// fitItems shortens a bar of items joined by sep to w cells the same way.
func fitItems(bar, sep string, w int) string {
	items := strings.Split(bar, sep)
	for n := len(items); n > 0; n-- {
		s := strings.Join(items[:n], sep)
		if n < len(items) {
			s += " …"
		}
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return ""
}

// hints are the footer's bindings: only those that apply here and now.
func (m *Model) hints() []key.Binding {
	k := m.c.keys
	r := &m.reader
	add := func(bs []key.Binding, b key.Binding, ok bool) []key.Binding {
		if ok {
			return append(bs, b)
		}
		return bs
	}
	switch {
	case m.checker.active:
		return []key.Binding{k.CheckerClose, k.BoxQuit}
	case m.helpv.active:
		return []key.Binding{k.ScrollDown, k.HelpTop, k.HelpBottom, k.HelpClose, k.BoxQuit}
	case m.tools.active():
		return []key.Binding{toolBack, k.BoxQuit}
	case m.focus == focusSearch:
		bs := add(nil, k.BoxMove, m.list.results.Len() > 1)
		bs = add(bs, k.BoxOpen, m.list.results.Len() > 0 || m.home)
		clear := k.Clear
		if m.list.query() == "" {
			clear.SetHelp("esc", "list")
		} else {
			clear.SetHelp("esc", "clear")
		}
		return append(bs, clear, k.F1, k.BoxQuit, k.BoxTabs, k.Checker)
	case m.focus == focusReader && m.home:
		return []key.Binding{k.StartMove, k.StartOpen, k.Help, k.Quit, k.Mark, k.Tabs}
	case m.focus == focusReader:
		if r.find.typing {
			return []key.Binding{k.BoxQuit}
		}
		links := r.page != nil && len(r.page.links) > 0
		bs := []key.Binding{k.Help, k.Quit}
		bs = add(bs, k.NextLink, links)
		bs = add(bs, k.Follow, r.selected() != "")
		bs = add(bs, k.Back, len(r.back) > 0)
		bs = add(bs, k.NextStep, r.path != nil)
		bs = add(bs, k.Find, true)
		bs = add(bs, k.NextHit, len(r.hits) > 0)
		bs = add(bs, k.Browse, r.entry != nil && m.linkOrSite(r.entry) != "")
		bs = add(bs, k.Copy, r.entry != nil && m.linkOrSite(r.entry) != "")
		bs = add(bs, k.Mark, r.entry != nil)
		return add(bs, k.Close, true)
	}
	bs := []key.Binding{k.Help, k.Quit}
	bs = add(bs, k.Down, m.list.results.Len() > 1)
	bs = add(bs, k.Open, m.list.results.Len() > 0)
	bs = append(bs, k.Search)
	bs = add(bs, k.Mark, m.list.results.Len() > 0)
	return append(bs, k.Tabs, k.Checker)
}
