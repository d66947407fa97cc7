package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
	"secu/search"
)

// tabs in header order; kind "" is All, markedTab lists the bookmarks.
var tabs = []struct{ kind, name string }{
	{"", "All"},
	{content.KindAgency, "Agencies"},
	{content.KindTerm, "Glossary"},
	{content.KindGuide, "Guide"},
	{"", "Marked"},
}

const (
	markedTab = 4
	tabCount  = 5
)

// placeholder is the search box's hint, cut with "…" when narrow.
const placeholder = "type to search (cpam, carte vitale, rent…)"

// listAct tells the root model what a key in the list did.
type listAct int

const (
	actNone     listAct = iota // not a key of the list
	actHandled                 // handled, the selection may have moved
	actQuery                   // the query changed
	actOpen                    // open the selection in the reader
	actLeaveBox                // esc in an empty box: focus the list
	actFocusBox                // / in the list: focus the box
)

// list is the search box, the tabs' filter and the results under it.
type list struct {
	c             *common
	index         *search.Index // nil while it is built in the background
	input         textinput.Model
	tab           int
	counts        [tabCount]int
	results       *search.Matches // the results in the current tab
	partial       bool            // no result matches every word: a note says so above them
	cursor        int
	offset        int // first visible row
	width, height int // height includes the search box line
	focused       bool
	// repeats remembers, per entry, whether its French name only repeats
	// the title, so that drawing a row folds nothing.
	repeats map[*content.Entry]bool
}

func newList(c *common) list {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 200
	return list{c: c, input: in}
}

func (l *list) setStyles() {
	st := l.c.st
	ts := textinput.DefaultStyles(l.c.style != "light")
	ts.Focused.Prompt = st.prompt
	ts.Blurred.Prompt = st.dim
	ts.Focused.Text = st.title
	ts.Blurred.Text = st.title
	ts.Focused.Placeholder = st.dim
	ts.Blurred.Placeholder = st.dim
	// The default cursor colour is light grey, invisible on a light
	// background: use the text colour.
	ts.Cursor.Color = st.title.GetForeground()
	ts.Cursor.Blink = false
	l.input.SetStyles(ts)
}

func (l *list) query() string { return l.input.Value() }

// rows is how many result rows fit under the search box (and the note
// that no entry matches every word).
func (l *list) rows() int { return max(0, l.height-1-l.header()) }

// header is 1 when the results are partial: a note takes a row.
func (l *list) header() int {
	if l.partial {
		return 1
	}
	return 0
}

// SetSize gives the list its pane.
func (l *list) SetSize(w, h int) {
	l.width, l.height = w, h
	iw := max(1, w-lipgloss.Width(l.input.Prompt)-1)
	l.input.SetWidth(iw)
	// The box cuts a long placeholder without a mark: cut it with "…".
	l.input.Placeholder = ansi.Truncate(placeholder, iw, "…")
	l.follow()
}

// refresh runs the search for the query and tab, keeping keepID selected
// when it is still listed.
func (l *list) refresh(keepID string) {
	q := l.query()
	if l.index == nil && strings.TrimSpace(q) != "" && len(l.c.lib.Entries) <= syncIndexMax {
		// A query before the background index came: a small library is
		// indexed now (a few ms) rather than shown as "Indexing…".
		l.index = search.NewLibrary(l.c.lib)
	}
	var all *search.Matches
	switch {
	case l.index != nil:
		all = l.index.Matches(q, "")
	case strings.TrimSpace(q) == "":
		// No index yet: the list in library order is all an empty query needs.
		all = search.List(l.c.lib.Entries)
	}
	// The counts of each tab and the current tab's matches. Matches are
	// sorted only as far as the screen shows (100,000 at the first key in
	// a big folder).
	l.counts = [tabCount]int{}
	for i, t := range tabs[:markedTab] {
		l.counts[i] = all.Count(t.kind)
	}
	inTab := all.OfKind(tabs[l.tab].kind)
	if len(l.c.store.Marked) > 0 {
		marked := make(map[string]bool, len(l.c.store.Marked))
		for _, id := range l.c.store.Marked {
			marked[id] = true
		}
		m := all.Filter(func(e *content.Entry) bool { return marked[e.ID] })
		l.counts[markedTab] = m.Len()
		if l.tab == markedTab {
			inTab = m
		}
	} else if l.tab == markedTab {
		inTab = nil
	}
	l.setResults(inTab, keepID)
}

func (l *list) setTab(i int) bool {
	if i == l.tab || i < 0 || i >= len(tabs) {
		return false
	}
	keep := l.selectedID()
	l.tab = i
	l.refresh(keep)
	return true
}

// setResults replaces the results, keeping the selected entry if it is
// still there.
func (l *list) setResults(rs *search.Matches, keepID string) {
	l.results = rs
	l.partial = rs.Partial()
	l.cursor = 0
	l.selectID(keepID)
	l.follow()
}

func (l *list) selectedID() string {
	if l.cursor < l.results.Len() {
		return l.results.At(l.cursor).Entry.ID
	}
	return ""
}

// selectID moves the cursor to an entry if the list shows it.
func (l *list) selectID(id string) bool {
	i := l.results.IndexOf(id)
	if i < 0 {
		return false
	}
	l.cursor = i
	l.follow()
	return true
}

func (l *list) move(n int) {
	if l.results.Len() == 0 {
		return
	}
	l.cursor = max(0, min(l.results.Len()-1, l.cursor+n))
	l.follow()
}

func (l *list) scroll(n int) {
	l.offset = max(0, min(l.offset+n, l.results.Len()-l.rows()))
	// Keep the cursor on screen, as a pager does.
	if l.cursor < l.offset {
		l.cursor = l.offset
	} else if r := l.rows(); r > 0 && l.cursor >= l.offset+r {
		l.cursor = l.offset + r - 1
	}
}

// follow scrolls so that the cursor is visible.
func (l *list) follow() {
	r := l.rows()
	if r <= 0 {
		return
	}
	if l.cursor < l.offset {
		l.offset = l.cursor
	} else if l.cursor >= l.offset+r {
		l.offset = l.cursor - r + 1
	}
	l.offset = max(0, min(l.offset, l.results.Len()-r))
}

// rowAt returns the result index under a row of the pane, or -1.
func (l *list) rowAt(y int) int {
	i := l.offset + y - 1 - l.header()
	if y < 1+l.header() || i >= l.results.Len() {
		return -1
	}
	return i
}

// updateBox handles a key or paste while the search box has focus: most
// keys type, a few move the selection.
func (l *list) updateBox(msg tea.Msg) (listAct, tea.Cmd) {
	k := l.c.keys
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, k.BoxUp):
			l.move(-1)
			return actHandled, nil
		case key.Matches(kp, k.BoxDown):
			l.move(1)
			return actHandled, nil
		case key.Matches(kp, k.BoxPageUp):
			l.move(-max(1, l.rows()))
			return actHandled, nil
		case key.Matches(kp, k.BoxPageDown):
			l.move(max(1, l.rows()))
			return actHandled, nil
		case key.Matches(kp, k.BoxOpen):
			return actOpen, nil
		case key.Matches(kp, k.Clear):
			if l.query() == "" {
				return actLeaveBox, nil
			}
			l.input.SetValue("")
			l.refresh(l.selectedID())
			return actQuery, nil
		}
	}
	before := l.query()
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	if v := l.query(); v != before {
		// Pasted text may hold newlines or controls: keep one clean line.
		if clean := strings.Join(strings.Fields(content.Clean(v)), " "); clean != v && strings.ContainsAny(v, "\n\t\r") {
			l.input.SetValue(clean)
		}
		l.refresh("")
		return actQuery, cmd
	}
	return actHandled, cmd
}

// updateList handles a key while the list has focus.
func (l *list) updateList(msg tea.KeyPressMsg) listAct {
	k := l.c.keys
	switch {
	case key.Matches(msg, k.Search):
		return actFocusBox
	case key.Matches(msg, k.Clear):
		if l.query() != "" {
			l.input.SetValue("")
			l.refresh(l.selectedID())
			return actQuery
		}
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.PageUp):
		l.move(-max(1, l.rows()))
	case key.Matches(msg, k.PageDown):
		l.move(max(1, l.rows()))
	case key.Matches(msg, k.Top):
		l.move(-l.results.Len())
	case key.Matches(msg, k.Bottom):
		l.move(l.results.Len())
	case key.Matches(msg, k.Open):
		return actOpen
	default:
		return actNone
	}
	return actHandled
}

// setQuery replaces the query (a new search started by typing elsewhere).
func (l *list) setQuery(q string) {
	l.input.SetValue(q)
	l.input.CursorEnd()
	l.refresh("")
}

func (l *list) focusBox(on bool) {
	if on {
		l.input.Focus()
	} else {
		l.input.Blur()
	}
}

// View renders exactly width × height cells; only visible rows are drawn.
func (l *list) View() string {
	st := l.c.st
	out := make([]string, 0, l.height)
	if l.height <= 0 || l.width <= 0 {
		return ""
	}
	out = append(out, fit(l.input.View(), l.width))
	if l.results.Len() == 0 {
		msg := emptyMessage(l.query(), l.tab)
		if l.index == nil && strings.TrimSpace(l.query()) != "" {
			msg = "Indexing the entries for search…"
		}
		for _, m := range strings.Split(ansi.Wordwrap(msg, max(1, l.width-2), ""), "\n") {
			if len(out) < l.height {
				out = append(out, fit(" "+st.empty.Render(m), l.width))
			}
		}
	}
	if l.partial && len(out) < l.height {
		out = append(out, fit(" "+st.empty.Render("no exact match — closest entries"), l.width))
	}
	for i := l.offset; i < l.results.Len() && len(out) < l.height; i++ {
		out = append(out, l.row(i))
	}
	for len(out) < l.height {
		out = append(out, strings.Repeat(" ", l.width))
	}
	return strings.Join(out, "\n")
}

func emptyMessage(query string, tab int) string {
	if tab == markedTab && strings.TrimSpace(query) == "" {
		return "Nothing marked yet: press m on an entry to keep it here."
	}
	if strings.TrimSpace(query) == "" {
		return "No entries here."
	}
	msg := fmt.Sprintf("Nothing matches %q", strings.TrimSpace(query))
	if tab != 0 {
		msg += " in " + tabs[tab].name
	}
	msg += ". Try fewer letters, another word (English or French)"
	if tab != 0 {
		msg += ", or the All tab (1)"
	}
	return msg + "."
}

// row draws one result: the title with matched letters highlighted, then,
// dimmer, the French name or the English gloss.
func (l *list) row(i int) string {
	st := l.c.st
	r := l.results.At(i)
	r.Highlight() // only rows on screen get their highlights worked out
	sel := i == l.cursor
	title, dim, match := st.title, st.dim, st.match
	mark := "  "
	if sel {
		title, dim, match = st.selected, st.selectedDim, st.selectedMatch
		mark = "▸ "
		if !l.focused {
			mark = "› "
		}
	}
	e := r.Entry
	s := title.Render(mark)
	s += lipgloss.StyleRunes(e.Title, r.TitlePos, match, title)
	if l.c.store.marked(e.ID) {
		s += title.Render(" ") + st.warn.Render("★")
	}
	second, pos := e.French, r.FrenchPos
	if second == "" || l.repeatsTitle(e) {
		second, pos = e.English, nil
	}
	if second != "" {
		s += title.Render("  ")
		s += lipgloss.StyleRunes(second, pos, match, dim)
	}
	if w := ansi.StringWidth(s); w > l.width {
		return ansi.Truncate(s, l.width-1, "") + dim.Render("…")
	} else if sel {
		return s + title.Render(strings.Repeat(" ", l.width-w))
	}
	return fit(s, l.width)
}

// repeatsTitle reports whether the French name only repeats the title
// ("Feuille de soins (papier…)" under "Feuille de soins"), in which case the
// English gloss says more.
func (l *list) repeatsTitle(e *content.Entry) bool {
	if r, ok := l.repeats[e]; ok {
		return r
	}
	if l.repeats == nil {
		l.repeats = map[*content.Entry]bool{}
	}
	f, _ := search.Fold(e.French)
	t, _ := search.Fold(e.Title)
	l.repeats[e] = strings.HasPrefix(f, t)
	return l.repeats[e]
}
