package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
	"secu/search"
)

// list is the search box and the results under it.
type list struct {
	input         textinput.Model
	results       []search.Result // the results in the current tab
	cursor        int
	offset        int  // first visible row
	width, height int  // height includes the search box line
	indexing      bool // the search index is still being built
	// repeats remembers, per entry, whether its French name only repeats
	// the title, so that drawing a row folds nothing.
	repeats map[*content.Entry]bool
}

func newList() list {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "type to search (cpam, carte vitale, rent…)"
	in.CharLimit = 200
	return list{input: in}
}

func (l *list) setStyles(st styles) {
	ts := textinput.DefaultStyles(true)
	ts.Focused.Prompt = st.prompt
	ts.Blurred.Prompt = st.dim
	ts.Focused.Text = st.title
	ts.Blurred.Text = st.title
	ts.Focused.Placeholder = st.dim
	ts.Blurred.Placeholder = st.dim
	ts.Cursor.Blink = false
	l.input.SetStyles(ts)
}

// rows is how many result rows fit under the search box.
func (l *list) rows() int { return max(0, l.height-1) }

func (l *list) setSize(w, h int) {
	l.width, l.height = w, h
	l.input.SetWidth(max(1, w-lipgloss.Width(l.input.Prompt)-1))
	l.follow()
}

// setResults replaces the results, keeping the selected entry if it is
// still there.
func (l *list) setResults(rs []search.Result, keepID string) {
	l.results = rs
	l.cursor = 0
	for i, r := range rs {
		if r.Entry.ID == keepID {
			l.cursor = i
			break
		}
	}
	l.follow()
}

func (l *list) selectedID() string {
	if l.cursor < len(l.results) {
		return l.results[l.cursor].Entry.ID
	}
	return ""
}

// selectID moves the cursor to an entry if the list shows it.
func (l *list) selectID(id string) bool {
	for i, r := range l.results {
		if r.Entry.ID == id {
			l.cursor = i
			l.follow()
			return true
		}
	}
	return false
}

func (l *list) move(n int) {
	if len(l.results) == 0 {
		return
	}
	l.cursor = max(0, min(len(l.results)-1, l.cursor+n))
	l.follow()
}

func (l *list) scroll(n int) {
	l.offset = max(0, min(l.offset+n, len(l.results)-l.rows()))
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
	l.offset = max(0, min(l.offset, len(l.results)-r))
}

// rowAt returns the result index under a row of the pane, or -1.
func (l *list) rowAt(y int) int {
	i := l.offset + y - 1
	if y < 1 || i >= len(l.results) {
		return -1
	}
	return i
}

// view renders exactly width × height cells; only visible rows are drawn.
func (l *list) view(st styles, tabName string, focused bool) string {
	out := make([]string, 0, l.height)
	if l.height <= 0 || l.width <= 0 {
		return ""
	}
	out = append(out, fit(l.input.View(), l.width))
	if len(l.results) == 0 {
		msg := emptyMessage(l.input.Value(), tabName)
		if l.indexing {
			msg = "Indexing the entries for search…"
		}
		for _, m := range strings.Split(ansi.Wordwrap(msg, max(1, l.width-2), ""), "\n") {
			if len(out) < l.height {
				out = append(out, fit(" "+st.empty.Render(m), l.width))
			}
		}
	}
	for i := l.offset; i < len(l.results) && len(out) < l.height; i++ {
		out = append(out, l.row(i, st, focused))
	}
	for len(out) < l.height {
		out = append(out, strings.Repeat(" ", l.width))
	}
	return strings.Join(out, "\n")
}

func emptyMessage(query, tab string) string {
	if strings.TrimSpace(query) == "" {
		return "No entries here."
	}
	msg := fmt.Sprintf("Nothing matches %q", query)
	if tab != "" {
		msg += " in " + tab
	}
	msg += ". Try fewer letters, another word (English or French)"
	if tab != "" {
		msg += ", or the All tab (1)"
	}
	return msg + "."
}

// row draws one result: the title with matched letters highlighted, then,
// dimmer, the French name or the English gloss.
func (l *list) row(i int, st styles, focused bool) string {
	r := &l.results[i]
	r.Highlight() // only rows on screen get their highlights worked out
	sel := i == l.cursor
	title, dim, match := st.title, st.dim, st.match
	mark := "  "
	if sel {
		title, dim, match = st.selected, st.selectedDim, st.selectedMatch
		mark = "▸ "
		if !focused {
			mark = "› "
		}
	}
	e := r.Entry
	s := title.Render(mark)
	s += lipgloss.StyleRunes(e.Title, r.TitlePos, match, title)
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
