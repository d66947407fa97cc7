package ui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
	"secu/refund"
)

// refundPage is "What will I pay?": the questions as a form, then the
// calculation, every line shown, or the reason it cannot be computed.
type refundPage struct {
	c      *common
	active bool

	q      *RefundQuestions
	form   *huh.Form
	result *refund.Result
	reason string // why the act was refused, when it was
	top    int

	width, height int
}

func newRefundPage(c *common) refundPage { return refundPage{c: c} }

// Open shows the last calculation, or the questions.
func (r *refundPage) Open() tea.Cmd {
	r.active = true
	if r.result != nil || r.reason != "" {
		return nil
	}
	return r.newForm()
}

func (r *refundPage) newForm() tea.Cmd {
	r.q = NewRefundQuestions()
	r.result, r.reason, r.top = nil, "", 0
	r.c.lib.Finish() // the figures table is read there
	if len(r.c.lib.Figures) == 0 {
		// Say it before the questions rather than after them.
		r.form = nil
		r.reason = "This guide folder has no figures table (" + content.FiguresFile + "), so nothing can be computed. esc goes back."
		return nil
	}
	var groups []*huh.Group
	for _, q := range r.q.Questions() {
		groups = append(groups, q.Group)
	}
	r.form = huh.NewForm(groups...).WithShowHelp(true)
	r.SetSize(r.width, r.height)
	return r.form.Init()
}

const refundHeading = "What will I pay? (figures from the guide's table)"

// Close hides the page; the last calculation stays for next time.
func (r *refundPage) Close() { r.active = false }

// SetSize fits the page to the body of the screen.
func (r *refundPage) SetSize(w, h int) {
	r.width, r.height = w, h
	if r.form != nil {
		r.form.WithWidth(max(10, w-2)).WithHeight(max(3, h-2-len(wrapHeading(refundHeading, w))))
		r.form.Update(tea.WindowSizeMsg{Width: w, Height: h}) // as in planPage.SetSize
	}
	r.clamp()
}

// Update handles every message while the page is open.
func (r *refundPage) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		r.Close()
		return nil
	}
	if r.form != nil {
		m, cmd := r.form.Update(msg)
		if f, ok := m.(*huh.Form); ok {
			r.form = f
		}
		switch r.form.State {
		case huh.StateCompleted:
			r.form = nil
			r.compute()
			return nil
		case huh.StateAborted:
			r.form = nil
			r.Close()
			return nil
		}
		return cmd
	}
	if w, ok := msg.(tea.MouseWheelMsg); ok {
		r.top += wheelStep(w)
		r.clamp()
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k.String() {
	case "q":
		r.Close()
	case "down", "j":
		r.top++
	case "up", "k":
		r.top--
	case "pgdown", "space":
		r.top += max(1, r.height-3)
	case "pgup", "b":
		r.top -= max(1, r.height-3)
	case "g", "home":
		r.top = 0
	case "G", "end":
		r.top = 1 << 30
	case "y":
		if r.result != nil {
			return copyCmd(r.c, r.result.Text(), "the calculation")
		}
	case "n":
		return r.newForm()
	}
	r.clamp()
	return nil
}

func (r *refundPage) compute() {
	in, err := r.q.Input()
	if err == nil {
		var res refund.Result
		res, err = refund.Compute(r.c.lib.Figure, in)
		if err == nil {
			r.result = &res
			return
		}
	}
	var ref *refund.Refusal
	if errors.As(err, &ref) {
		r.reason = "This cannot be computed exactly: " + ref.Reason + "."
	} else {
		r.reason = "These answers do not go together: " + err.Error() + "."
	}
}

func (r *refundPage) lines(st styles) []string {
	w := max(10, r.width-2)
	if r.reason != "" {
		return strings.Split(ansi.Wordwrap(st.warn.Render(r.reason), w, ""), "\n")
	}
	if r.result == nil {
		return nil
	}
	var out []string
	for i, l := range strings.Split(strings.TrimRight(r.result.TextWidth(min(w, 72)), "\n"), "\n") {
		switch {
		case i == 0:
			l = st.heading.Render(l)
		case strings.HasPrefix(l, "Left for you"), strings.HasPrefix(l, "Assurance Maladie pays"), strings.HasPrefix(l, "Mutuelle pays"), strings.HasPrefix(l, "C2S pays"):
			l = st.title.Bold(true).Render(l)
		case strings.HasPrefix(l, "    "), strings.HasPrefix(l, "Figures as of"):
			l = st.dim.Render(l)
		}
		out = append(out, strings.Split(ansi.Wrap(l, w, ""), "\n")...)
	}
	return out
}

func (r *refundPage) rows() int { return max(1, r.height-1) }

func (r *refundPage) clamp() {
	r.top = max(0, min(r.top, len(r.lines(newStyles(true, true)))-r.rows()))
}

// View draws the page in exactly height lines of width cells.
func (r *refundPage) View() string {
	st := r.c.st
	var lines []string
	if r.form != nil {
		for _, l := range wrapHeading(refundHeading, r.width) {
			lines = append(lines, st.heading.Render(l))
		}
		lines = append(append(lines, ""), strings.Split(r.form.View(), "\n")...)
	} else {
		all := r.lines(st)
		for i := r.top; i < len(all) && len(lines) < r.rows(); i++ {
			lines = append(lines, all[i])
		}
		for len(lines) < r.rows() {
			lines = append(lines, "")
		}
		// Only the keys that do something: y copies a result, n asks
		// again when there are figures to compute with.
		bar := "↑↓ scroll · y copy · n new calculation · esc back"
		switch {
		case len(r.c.lib.Figures) == 0:
			bar = "esc back"
		case r.result == nil:
			bar = "↑↓ scroll · n new calculation · esc back"
		}
		lines = append(lines, st.dim.Render(fitItems(bar, " · ", r.width-1)))
	}
	out := make([]string, r.height)
	for i := range out {
		out[i] = fit(" "+at(lines, i), r.width)
	}
	return strings.Join(out, "\n")
}
