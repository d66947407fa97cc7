package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/plan"
)

// openEntryMsg asks the root model to show an entry in the reader: a
// tool page's link was followed.
type openEntryMsg struct{ id string }

// planPage is "My plan": the questions as a form, then the checklist,
// which scrolls, follows links and can be ticked off during the session.
// Nothing of it is stored.
type planPage struct {
	c      *common
	active bool
	rules  *plan.Rules // nil: the folder has no plan rules
	// load gives rules on first use (then it is nil): parsing plan.yaml
	// is no part of the first frame.
	load func() *plan.Rules

	q      *PlanQuestions
	form   *huh.Form  // the questions; nil once answered
	result *plan.Plan // the checklist; nil before the answers
	ticked []bool     // per step, ticked during the session

	cursor int // the selected step
	link   int // the selected link of the selected step, -1 for none
	top    int // the first line shown

	width, height int
}

func newPlanPage(c *common, rules *plan.Rules) planPage {
	return planPage{c: c, rules: rules, link: -1}
}

// Open shows the page: the checklist when there is one, else the form.
func (p *planPage) Open() tea.Cmd {
	p.active = true
	if p.load != nil {
		p.rules, p.load = p.load(), nil
	}
	if p.result != nil || p.rules == nil {
		return nil
	}
	return p.newForm()
}

func (p *planPage) newForm() tea.Cmd {
	p.q = NewPlanQuestions()
	var groups []*huh.Group
	for _, q := range p.q.Questions() {
		groups = append(groups, q.Group)
	}
	p.form = huh.NewForm(groups...).WithShowHelp(true)
	p.SetSize(p.width, p.height)
	return p.form.Init()
}

const planHeading = "My plan: a few questions (nothing is stored)"

// wrapHeading is a form page's heading in lines for a page w wide.
func wrapHeading(s string, w int) []string {
	return strings.Split(ansi.Wordwrap(s, max(1, w-2), ""), "\n")
}

// Close hides the page; the checklist and its ticks stay for next time.
func (p *planPage) Close() { p.active = false }

// SetSize fits the page to the body of the screen.
func (p *planPage) SetSize(w, h int) {
	p.width, p.height = w, h
	if p.form != nil {
		p.form.WithWidth(max(10, w-2)).WithHeight(max(3, h-2-len(wrapHeading(planHeading, w))))
		// huh draws the open question again at the new width only when
		// it gets a message.
		p.form.Update(tea.WindowSizeMsg{Width: w, Height: h})
	}
	p.clamp()
}

// Update handles every message while the page is open.
func (p *planPage) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		p.Close()
		return nil
	}
	if p.form != nil {
		m, cmd := p.form.Update(msg)
		if f, ok := m.(*huh.Form); ok {
			p.form = f
		}
		switch p.form.State {
		case huh.StateCompleted:
			p.build(p.q.Answers())
			return nil
		case huh.StateAborted:
			p.form = nil
			p.Close()
			return nil
		}
		return cmd
	}
	if w, ok := msg.(tea.MouseWheelMsg); ok && p.result != nil {
		p.top += wheelStep(w)
		p.clamp()
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || p.result == nil {
		if ok && k.String() == "q" {
			p.Close()
		}
		return nil
	}
	switch k.String() {
	case "q":
		p.Close()
	case "down", "j":
		p.move(1)
	case "up", "k":
		p.move(-1)
	case "pgdown", "space":
		p.top += max(1, p.height-3)
		p.clamp()
	case "pgup", "b":
		p.top -= max(1, p.height-3)
		p.clamp()
	case "g", "home":
		p.cursor, p.top, p.link = 0, 0, -1
	case "G", "end":
		p.cursor, p.link = len(p.result.Steps)-1, -1
		p.top = 1 << 30
		p.clamp()
	case "x", "enter":
		if k.String() == "enter" && p.link >= 0 {
			return p.follow()
		}
		if len(p.ticked) > 0 {
			p.ticked[p.cursor] = !p.ticked[p.cursor]
		}
	case "tab":
		p.nextLink(1)
	case "shift+tab":
		p.nextLink(-1)
	case "y":
		return copyCmd(p.c, p.markdown(), "the checklist as Markdown")
	case "n":
		p.result, p.ticked = nil, nil
		return p.newForm()
	}
	return nil
}

// build makes the checklist for the answers.
func (p *planPage) build(a plan.Answers) {
	r := plan.Build(p.rules, a)
	p.result, p.form = &r, nil
	p.ticked = make([]bool, len(r.Steps))
	for i, s := range r.Steps {
		p.ticked[i] = s.Done
	}
	p.cursor, p.top, p.link = 0, 0, -1
}

func (p *planPage) move(d int) {
	p.cursor = max(0, min(len(p.result.Steps)-1, p.cursor+d))
	p.link = -1
	p.reveal()
}

// nextLink selects the next (or previous) link, across steps.
func (p *planPage) nextLink(d int) {
	type ref struct{ step, link int }
	var all []ref
	cur := -1
	for i, s := range p.result.Steps {
		for j := range s.Links {
			if i == p.cursor && j == p.link {
				cur = len(all)
			}
			all = append(all, ref{i, j})
		}
	}
	if len(all) == 0 {
		return
	}
	var next int
	switch {
	case cur >= 0:
		next = (cur + d + len(all)) % len(all)
	case d > 0:
		next = 0
		for next < len(all) && all[next].step < p.cursor {
			next++
		}
		next %= len(all)
	default:
		next = len(all) - 1
		for next >= 0 && all[next].step > p.cursor {
			next--
		}
		next = (next + len(all)) % len(all)
	}
	p.cursor, p.link = all[next].step, all[next].link
	p.reveal()
}

func (p *planPage) follow() tea.Cmd {
	id := p.result.Steps[p.cursor].Links[p.link]
	if p.c.lib.Get(id) == nil {
		return nil
	}
	p.Close()
	return func() tea.Msg { return openEntryMsg{id} }
}

// markdown is the checklist with this session's ticks.
func (p *planPage) markdown() string {
	r := *p.result
	r.Steps = append([]plan.Step(nil), r.Steps...)
	for i := range r.Steps {
		r.Steps[i].Done = p.ticked[i]
	}
	return r.Markdown(p.title)
}

func (p *planPage) title(id string) string {
	if e := p.c.lib.Get(id); e != nil {
		return e.Title
	}
	return ""
}

// pageLine is one line of the checklist and the step it belongs to.
type pageLine struct {
	text string
	step int // -1 for the heading
}

func (p *planPage) lines(st styles) []pageLine {
	w := max(10, p.width-2)
	var out []pageLine
	add := func(step int, s string) { out = append(out, pageLine{s, step}) }
	// wrap keeps web addresses, phone numbers and amounts whole, as the
	// reader does; one that does not fit after its label starts the next
	// line, and only one wider than that is broken.
	wrap := func(step int, first, rest, s string, style func(...string) string) {
		lim := max(1, w-ansi.StringWidth(first))
		ls := strings.Split(ansi.Wordwrap(keepTogether(s), lim, ""), "\n")
		if ansi.StringWidth(ls[0]) > lim && ansi.StringWidth(rest) < ansi.StringWidth(first) {
			add(step, strings.TrimRight(first, " "))
			first, lim = rest, max(1, w-ansi.StringWidth(rest))
			ls = strings.Split(ansi.Wordwrap(keepTogether(s), lim, ""), "\n")
		}
		i := 0
		for _, l := range ls {
			for _, part := range strings.Split(ansi.Hardwrap(l, lim, true), "\n") {
				lead := first
				if i > 0 {
					lead = rest
				}
				add(step, lead+style(unkeep.Replace(part)))
				i++
			}
		}
	}
	plainStyle := func(s ...string) string { return strings.Join(s, "") }
	r := p.result
	todo := 0
	for _, t := range p.ticked {
		if !t {
			todo++
		}
	}
	wrap(-1, "", "", "For: "+r.Answers.Summary(), st.dim.Render)
	wrap(-1, "", "", fmt.Sprintf("%d steps, %d to do.", len(r.Steps), todo), st.dim.Render)
	add(-1, "")
	for i, s := range r.Steps {
		box := "[ ]"
		if p.ticked[i] {
			box = "[x]"
		}
		mark := "  "
		title := fmt.Sprintf("%s %d. %s", box, i+1, s.Title)
		style := st.heading.Render
		if i == p.cursor {
			mark = st.cursorMark.Render("▸ ")
			style = st.selected.Render
		}
		if p.ticked[i] {
			if i != p.cursor {
				style = st.dim.Render
			}
		}
		for j, l := range strings.Split(ansi.Wordwrap(title, max(1, w-2), ""), "\n") {
			lead := mark
			if j > 0 {
				lead = "      "
			}
			add(i, lead+style(l))
		}
		field := func(name, v string) {
			if strings.TrimSpace(v) != "" {
				wrap(i, "    "+st.dim.Render(name+": "), "      ", v, plainStyle)
			}
		}
		field("Do", s.Do)
		field("Where", s.Where)
		if len(s.Documents) > 0 {
			add(i, "    "+st.dim.Render("Documents:"))
			for _, d := range s.Documents {
				wrap(i, "      • ", "        ", d, plainStyle)
			}
		}
		field("When", s.Delay)
		if len(s.Links) > 0 {
			var refs []string
			for j, id := range s.Links {
				t := p.title(id)
				if t == "" {
					t = id
				}
				if i == p.cursor && j == p.link {
					t = st.link.Render(t)
				} else {
					t = st.title.Underline(true).Render(t)
				}
				refs = append(refs, t)
			}
			wrap(i, "    "+st.dim.Render("Read: "), "      ", strings.Join(refs, " · "), plainStyle)
		}
		add(i, "")
	}
	return out
}

// reveal scrolls so that the selected step (its title, and its selected
// link) is on screen.
func (p *planPage) reveal() {
	if p.result == nil {
		return
	}
	first, last := -1, -1
	for i, l := range p.lines(newStyles(true, true)) {
		if l.step == p.cursor {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	rows := p.rows()
	if first < p.top {
		p.top = first
	} else if last >= p.top+rows {
		p.top = min(first, last-rows+1)
	}
	p.clamp()
}

func (p *planPage) rows() int { return max(1, p.height-1) }

func (p *planPage) clamp() {
	if p.result == nil {
		p.top = 0
		return
	}
	n := len(p.lines(newStyles(true, true)))
	p.top = max(0, min(p.top, n-p.rows()))
}

// View draws the page in exactly height lines of width cells.
func (p *planPage) View() string {
	st := p.c.st
	w, h := p.width, p.height
	var lines []string
	switch {
	case p.rules == nil:
		lines = []string{" " + st.heading.Render("My plan"), "", " " + st.dim.Render("This guide folder has no plan rules (plan.yaml). esc goes back.")}
	case p.form != nil:
		for _, l := range wrapHeading(planHeading, w) {
			lines = append(lines, " "+st.heading.Render(l))
		}
		lines = append(lines, "")
		for _, l := range strings.Split(p.form.View(), "\n") {
			lines = append(lines, " "+l)
		}
	default:
		all := p.lines(st)
		for i := p.top; i < len(all) && len(lines) < p.rows(); i++ {
			lines = append(lines, " "+all[i].text)
		}
		for len(lines) < p.rows() {
			lines = append(lines, "")
		}
		bar := "↑↓ step · x tick · tab link · enter follow · y copy · n new answers · esc back"
		// y's "Copied" shows in the footer, not here too.
		lines = append(lines, " "+st.dim.Render(fitItems(bar, " · ", w-1)))
	}
	out := make([]string, h)
	for i := range out {
		out[i] = fit(at(lines, i), w)
	}
	return strings.Join(out, "\n")
}
