package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
)

// popularCount is how many most-used entries the start page lists.
const popularCount = 6

// startItem is one choice on the start page: a guide path or an entry.
type startItem struct {
	label, detail string
	id            string // the entry to open
	path          int    // index of the guide path it starts, or -1
}

// startPage is what the browser shows before any search: what the guide
// is, the step-by-step paths, recent and most-used entries, and how to
// search.
type startPage struct {
	c             *common
	items         []startItem
	cursor        int
	offset        int
	width, height int
	itemLine      []int // the line of each item, for the mouse
	popular       []string
	focused       bool
}

func newStartPage(c *common) startPage {
	s := startPage{c: c, popular: mostLinked(c.lib, popularCount)}
	s.build()
	return s
}

// mostLinked returns the entries most other entries name as related
// (see_also, counted by content.Open): the ones a reader meets most
// often, so the most used; ties in library order. Body links are left
// out: the start page is the first frame, drawn before the bodies are
// ready.
func mostLinked(lib *content.Library, n int) []string {
	type ranked struct {
		id    string
		cited int
	}
	top := make([]ranked, 0, n+1) // most cited first
	for _, e := range lib.Entries {
		if e.Cited == 0 || e.Kind == content.KindGuide {
			continue
		}
		k := len(top)
		for k > 0 && top[k-1].cited < e.Cited {
			k--
		}
		if k < n {
			top = slices.Insert(top, k, ranked{e.ID, e.Cited})
			top = top[:min(len(top), n)]
		}
	}
	ids := make([]string, len(top))
	for i, r := range top {
		ids[i] = r.id
	}
	return ids
}

// build lists the choices; recent entries change as the user reads.
func (s *startPage) build() {
	s.items = s.items[:0]
	for i, p := range s.c.paths {
		s.items = append(s.items, startItem{label: p.name, detail: fmt.Sprintf("%d steps", len(p.steps)), id: p.steps[0], path: i})
	}
	for _, id := range s.c.store.Recent {
		if e := s.c.lib.Get(id); e != nil && len(s.items) < len(s.c.paths)+5 {
			s.items = append(s.items, startItem{label: e.Title, detail: e.English, id: id, path: -1})
		}
	}
	for _, id := range s.popular {
		e := s.c.lib.Get(id)
		s.items = append(s.items, startItem{label: e.Title, detail: e.English, id: id, path: -1})
	}
	s.cursor = max(0, min(s.cursor, len(s.items)-1))
}

// SetSize gives the start page its pane.
func (s *startPage) SetSize(w, h int) { s.width, s.height = w, h }

// Update handles a key while the start page has focus; it returns the
// chosen item when enter opens one.
func (s *startPage) Update(msg tea.KeyPressMsg) (*startItem, bool) {
	k := s.c.keys
	switch {
	case key.Matches(msg, k.ScrollUp):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.ScrollDown):
		s.cursor = min(len(s.items)-1, s.cursor+1)
	case key.Matches(msg, k.ReaderTop):
		s.cursor = 0
	case key.Matches(msg, k.ReaderBottom):
		s.cursor = len(s.items) - 1
	case key.Matches(msg, k.StartOpen):
		if s.cursor < len(s.items) {
			return &s.items[s.cursor], true
		}
	default:
		return nil, false
	}
	return nil, true
}

func (s *startPage) selected() *startItem {
	if s.cursor < len(s.items) {
		return &s.items[s.cursor]
	}
	return nil
}

// itemAt returns the item on a line of the pane, or -1.
func (s *startPage) itemAt(y int) int {
	for i, l := range s.itemLine {
		if l == s.offset+y {
			return i
		}
	}
	return -1
}

func (s *startPage) lines(focused bool) []string {
	st := s.c.st
	w := max(1, s.width-2)
	var out []string
	s.itemLine = s.itemLine[:0]
	text := func(style func(...string) string, t string) {
		for _, l := range strings.Split(ansi.Wordwrap(t, w, ""), "\n") {
			out = append(out, " "+style(l))
		}
	}
	item := func(i int) {
		it := s.items[i]
		mark, title, dim := "  ", st.title, st.dim
		if i == s.cursor {
			title, dim = st.selected, st.selectedDim
			mark = "› "
			if focused {
				mark = "▸ "
			}
		}
		line := title.Render(mark+it.label) + dim.Render("  "+it.detail)
		if ansi.StringWidth(line) > w+1 {
			line = ansi.Truncate(line, w, "") + st.dim.Render("…")
		}
		s.itemLine = append(s.itemLine, len(out))
		out = append(out, " "+line)
	}
	out = append(out, " "+st.heading.Render("Welcome"))
	if s.c.folder != "" {
		text(st.title.Render, "The entries of "+s.c.folder+", offline: type a word to search, and the list follows as you type. Nothing you type leaves this computer.")
	} else {
		text(st.title.Render, "This is an offline guide to French social security (la Sécu) for people who have just moved to France: which agency does what, what each form and word means, and how to register, step by step. Nothing you type leaves this computer.")
	}
	out = append(out, "")
	i := 0
	if len(s.c.paths) > 0 {
		text(st.heading.Render, "I have just arrived: step by step")
		for ; i < len(s.items) && s.items[i].path >= 0; i++ {
			item(i)
		}
		out = append(out, "")
	}
	if n := len(s.items) - len(s.popular) - i; n > 0 {
		text(st.heading.Render, "Recent")
		for end := i + n; i < end; i++ {
			item(i)
		}
		out = append(out, "")
	}
	if i < len(s.items) {
		text(st.heading.Render, "Most used")
		for ; i < len(s.items); i++ {
			item(i)
		}
		out = append(out, "")
	}
	text(st.heading.Render, "Search")
	text(st.dim.Render, "Type a word in English or French (cpam, carte vitale, rent, lost card): the list on the left follows as you type. ↑↓ choose, enter open, f1 every key.")
	return out
}

// View renders exactly width × height cells, scrolled so that the
// selected item shows.
func (s *startPage) View() string {
	lines := s.lines(s.focused)
	// Until the page has focus it reads from the top ("Welcome"), even
	// when its selected item is below the screen.
	if s.focused && s.cursor < len(s.itemLine) {
		l := s.itemLine[s.cursor]
		if l < s.offset {
			s.offset = l
		} else if l >= s.offset+s.height {
			s.offset = l - s.height + 1
		}
	}
	s.offset = max(0, min(s.offset, len(lines)-s.height))
	out := make([]string, 0, s.height)
	for i := s.offset; i < len(lines) && len(out) < s.height; i++ {
		out = append(out, fit(lines[i], s.width))
	}
	for len(out) < s.height {
		out = append(out, strings.Repeat(" ", s.width))
	}
	return strings.Join(out, "\n")
}
