package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"secu/plan"
)

// tools holds the two tool pages, "My plan" (p) and "What will I pay?"
// (r). The root model's hook is small on purpose: a key opens a page,
// every message goes to the open page, and the page draws the body.
type tools struct {
	plan   planPage
	refund refundPage
}

func newTools(c *common, rules *plan.Rules) tools {
	return tools{plan: newPlanPage(c, rules), refund: newRefundPage(c)}
}

var (
	_ component = (*planPage)(nil)
	_ component = (*refundPage)(nil)
)

var (
	planKey   = key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "my plan"))
	refundKey = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "what will I pay?"))
	toolBack  = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
)

// toolBindings are the keys of the tool pages, for the help overlay.
var toolBindings = []key.Binding{
	planKey, refundKey,
	key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓ j k", "previous / next step; scroll")),
	key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "tick the step (for this session only)")),
	key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "select the next link (shift+tab: previous)")),
	key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "follow the link (p comes back)")),
	key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the checklist or the calculation")),
	key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "answer the questions again")),
	toolBack,
}

// wheelStep is how far a wheel event scrolls a page.
func wheelStep(w tea.MouseWheelMsg) int {
	switch w.Mouse().Button {
	case tea.MouseWheelDown:
		return 3
	case tea.MouseWheelUp:
		return -3
	}
	return 0
}

// active reports whether a tool page is open.
func (t *tools) active() bool { return t.plan.active || t.refund.active }

// open opens the page a key names (p or r) and reports whether it did.
func (t *tools) open(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, planKey):
		return t.plan.Open(), true
	case key.Matches(msg, refundKey):
		return t.refund.Open(), true
	}
	return nil, false
}

func (t *tools) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
		return tea.Quit
	}
	if t.plan.active {
		return t.plan.Update(msg)
	}
	return t.refund.Update(msg)
}

// SetSize sizes both pages.
func (t *tools) SetSize(w, h int) {
	t.plan.SetSize(w, h)
	t.refund.SetSize(w, h)
}

// View draws the open page.
func (t *tools) View() string {
	if t.plan.active {
		return t.plan.View()
	}
	return t.refund.View()
}

func (t *tools) title() string {
	if t.plan.active {
		return "secu · my plan"
	}
	return "secu · what will I pay?"
}

// openEntry shows an entry a tool page linked to, in the reader, with the
// entry the reader showed kept in its history.
func (m *Model) openEntry(id string) tea.Cmd {
	e := m.c.lib.Get(id)
	if e == nil {
		return nil
	}
	m.home = false
	var cmd tea.Cmd
	if m.reader.entry != nil {
		cmd = m.reader.follow(id)
	} else {
		m.reader.back, m.reader.forward = nil, nil
		m.reader.path = m.pathFor(id)
		cmd = m.reader.show(e, 0)
	}
	m.setFocus(focusReader)
	m.afterRead()
	return cmd
}
