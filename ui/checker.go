package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/nir"
)

// checker is the social security number checker. The number lives only in
// its text input and is wiped when the checker closes.
type checker struct {
	c             *common
	active        bool
	input         textinput.Model
	width, height int
}

func newChecker(c *common) checker {
	in := textinput.New()
	in.Prompt = "Number: "
	in.Placeholder = "15 characters, spaces allowed"
	in.CharLimit = 40
	return checker{c: c, input: in}
}

func (c *checker) setStyles() {
	st := c.c.st
	ts := textinput.DefaultStyles(c.c.style != "light")
	ts.Cursor.Color = st.title.GetForeground()
	ts.Focused.Prompt = st.prompt
	ts.Focused.Text = st.title
	ts.Focused.Placeholder = st.dim
	ts.Cursor.Blink = false
	c.input.SetStyles(ts)
}

// SetSize gives the checker the screen between header and footer.
func (c *checker) SetSize(w, h int) {
	c.width, c.height = w, h
	c.input.SetWidth(max(1, w-ansi.StringWidth(c.input.Prompt)-2))
}

func (c *checker) open() {
	c.active = true
	c.input.Reset()
	c.input.Focus()
}

// close hides the checker and forgets the number.
func (c *checker) close() {
	c.active = false
	c.input.Reset()
	c.input.Blur()
}

// Update passes a key or paste to the number's box.
func (c *checker) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	c.input, cmd = c.input.Update(msg)
	return cmd
}

// View renders exactly width × height cells.
func (c *checker) View() string {
	st := c.c.st
	w := c.width
	var lines []string
	add := func(s string) {
		for _, l := range strings.Split(ansi.Wordwrap(s, max(1, w-2), ""), "\n") {
			lines = append(lines, " "+l)
		}
	}
	add(st.heading.Render("Check a French social security number (NIR)"))
	add(st.dim.Render("It is checked on this computer only, never stored, and forgotten when you press esc."))
	lines = append(lines, "")
	intro := len(lines)
	lines = append(lines, " "+c.input.View())
	lines = append(lines, "")
	typed := strings.TrimSpace(c.input.Value()) != ""
	if typed {
		v := c.input.Value()
		res := nir.Check(v)
		for i, l := range res.Explain() {
			switch {
			case i == 0 && res.Valid:
				add(st.ok.Render(l))
			case i == 0:
				add(st.bad.Render(l))
			default:
				add(l)
			}
		}
	} else {
		add(st.dim.Render("Type the 13 or 15 characters of the number (Corsica: 2A or 2B)."))
	}
	if typed && len(lines) > c.height {
		// A small screen: the number and what it says before the introduction.
		lines = lines[intro:]
	}
	out := make([]string, 0, c.height)
	for i := 0; i < c.height; i++ {
		out = append(out, fit(at(lines, i), w))
	}
	return strings.Join(out, "\n")
}
