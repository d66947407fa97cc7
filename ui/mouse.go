package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// pane is a part of the screen under the mouse.
type pane int

const (
	paneNone pane = iota
	paneHeader
	paneList
	paneRight // the reader or the start page
)

// paneAt tells which pane a screen cell belongs to, and the cell's
// coordinates inside it.
func (m *Model) paneAt(x, y int) (p pane, px, py int) {
	if y == 0 {
		return paneHeader, x, 0
	}
	py = y - 1
	if py >= m.bodyHeight() {
		return paneNone, 0, 0
	}
	if m.split() {
		if x < m.listWidth() {
			return paneList, x, py
		}
		if x > m.listWidth() {
			return paneRight, x - m.listWidth() - 1, py
		}
		return paneNone, 0, 0
	}
	if m.homeAlone() {
		if py == 0 {
			return paneList, x, 0
		}
		return paneRight, x, py - 1
	}
	if m.focus == focusReader {
		return paneRight, x, py
	}
	return paneList, x, py
}

func (m *Model) wheel(ms tea.Mouse) tea.Cmd {
	if m.checker.active {
		return nil
	}
	d := 0
	switch ms.Button {
	case tea.MouseWheelDown:
		d = 3
	case tea.MouseWheelUp:
		d = -3
	}
	if m.helpv.active {
		m.helpv.wheel(d / 3)
		return nil
	}
	p, _, _ := m.paneAt(ms.X, ms.Y)
	switch {
	case p == paneRight && m.home:
		m.start.offset = max(0, m.start.offset+d)
	case p == paneRight:
		m.reader.scroll(d)
	case p == paneList:
		m.list.scroll(d)
		if !m.home {
			return m.syncReader()
		}
	}
	return nil
}

func (m *Model) click(ms tea.Mouse) tea.Cmd {
	if m.checker.active || m.helpv.active || ms.Button != tea.MouseLeft {
		return nil
	}
	p, x, y := m.paneAt(ms.X, ms.Y)
	switch p {
	case paneHeader:
		for i, sp := range m.tabSpans {
			if x >= sp[0] && x < sp[1] {
				return m.setTab(i)
			}
		}
	case paneList:
		if y == 0 {
			m.setFocus(focusSearch)
			return nil
		}
		if i := m.list.rowAt(y); i >= 0 {
			m.list.cursor = i
			m.list.follow()
			m.home = false
			if m.focus == focusReader {
				m.setFocus(focusList)
			}
			return m.syncReader()
		}
	case paneRight:
		if m.home {
			if i := m.start.itemAt(y); i >= 0 {
				m.start.cursor = i
				return m.openItem(&m.start.items[i])
			}
			m.setFocus(focusReader)
			return nil
		}
		if t := m.reader.linkAt(x, y); t != "" {
			if strings.Contains(t, ":") && t != nirTarget {
				if u, ok := webURL(t); ok {
					return openCmd(m.c.openURL, u)
				}
			}
			if cmd := m.follow(t); cmd != nil || m.checker.active {
				return cmd
			}
		}
		if m.focus != focusReader {
			m.setFocus(focusReader)
		}
	}
	return nil
}
