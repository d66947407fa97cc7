package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// tools holds the two tool pages, "My plan" (p) and "What will I pay?"
// (r). The root model's hook is small on purpose: a key opens a page,
// every message goes to the open page, and the page draws the body.
type tools struct {
	plan   planPage
	refund refundPage
}

func newTools(o Options) tools {
	return tools{plan: newPlanPage(o.Library, o.PlanRules), refund: newRefundPage(o.Library)}
}

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

func (t *tools) setSize(w, h int) {
	t.plan.SetSize(w, h)
	t.refund.SetSize(w, h)
}

func (t *tools) view(st styles) string {
	if t.plan.active {
		return t.plan.View(st)
	}
	return t.refund.View(st)
}

func (t *tools) title() string {
	if t.plan.active {
		return "secu · my plan"
	}
	return "secu · what will I pay?"
}

// openEntry shows an entry a tool page linked to, in the reader, with the
// entry the reader showed kept in its history.
func (m *Model) openEntry(id string) {
	if m.lib.Get(id) == nil {
		return
	}
	if m.reader.entry != nil {
		m.reader.back = append(m.reader.back, histItem{m.reader.entry.ID, m.reader.offset})
		m.reader.forward = nil
	}
	m.open(id, 0)
	m.setFocus(focusReader)
}
