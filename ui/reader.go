package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
)

// readingMeasure caps the width text is set to: beyond about 80 columns
// lines get hard to follow (glow and most style guides use 60–80), so a
// wide pane keeps the text at 80 and leaves the rest blank.
const readingMeasure = 80

func errorPage(msg string, width int) *page {
	msg = ansi.Hardwrap(content.Clean(msg), max(width, 1), true)
	lines := strings.Split(msg, "\n")
	return &page{lines: lines, plain: lines}
}

// histItem is a place in the reading history.
type histItem struct {
	id     string
	offset int
}

// hit is one occurrence of a search word in a page, as cells on a line.
type hit struct{ line, start, end int }

// readerAct tells the root model what a key in the reader did.
type readerAct int

const (
	rNone    readerAct = iota // not a key of the reader
	rHandled                  // handled
	rClose                    // back to the list
	rFollow                   // follow the selected link (root decides how)
)

// reader shows one entry: the rendered page, scrolling, links, history,
// the step of a guide path and find in page.
type reader struct {
	c             *common
	entry         *content.Entry
	page          *page   // may be the previous width's while a render runs
	want          pageKey // the rendering waited for; zero when none
	wantOffset    int     // where to put a page that was not rendered yet
	width, height int
	offset        int
	anchor        float64 // where the reader chose to be, as a fraction of the page
	link          int     // selected link, -1 for none
	terms         []string
	find          finder
	hits          []hit
	hitIdx        int
	back, forward []histItem
	// path is the guide path the entry is read on, nil when none.
	path *guidePath
}

func newReader(c *common) reader {
	return reader{c: c, link: -1, hitIdx: -1, find: newFinder()}
}

// measure is the width pages are rendered at.
func (r *reader) measure() int { return max(1, min(r.width, readingMeasure)) }

func (r *reader) key() pageKey { return pageKey{r.entry.ID, r.measure(), r.c.style} }

// show puts an entry in the reader at a scroll offset. A page not in the
// cache is rendered by the returned command; meanwhile the reader says so.
func (r *reader) show(e *content.Entry, offset int) tea.Cmd {
	r.entry = e
	r.link, r.hitIdx = -1, -1
	k := r.key()
	if p := r.c.pages.cached(k); p != nil {
		r.want = pageKey{}
		r.setPage(p, offset)
		return nil
	}
	r.page, r.hits = nil, nil
	r.want, r.wantOffset = k, offset
	return r.c.pages.renderCmd(e, k)
}

func (r *reader) setPage(p *page, offset int) {
	r.page = p
	r.findHits()
	r.offset = offset
	r.clamp()
	r.mark()
}

// relayout asks for the page at the current width and style, keeping the
// old one on screen until it comes.
func (r *reader) relayout() tea.Cmd {
	if r.entry == nil {
		return nil
	}
	k := r.key()
	if p := r.c.pages.cached(k); p != nil {
		r.want = pageKey{}
		r.swap(p)
		return nil
	}
	if r.want == k {
		return nil
	}
	if r.page == nil {
		r.wantOffset = r.offset
	}
	r.want = k
	return r.c.pages.renderCmd(r.entry, k)
}

// gotPage takes a page rendered in the background, if it is still wanted.
func (r *reader) gotPage(msg pageMsg) {
	if r.entry == nil || msg.key != r.want {
		return
	}
	r.want = pageKey{}
	if r.page == nil {
		r.setPage(msg.page, r.wantOffset)
		return
	}
	r.swap(msg.page)
}

// mark remembers the reading position after a move by the reader, so that
// a resize through a tiny or a huge window comes back to it.
func (r *reader) mark() {
	r.anchor = 0
	if n := r.lines(); n > 0 {
		r.anchor = float64(r.offset) / float64(n)
	}
}

// swap puts in the page rendered at a new width, keeping the reading
// position in proportion.
func (r *reader) swap(p *page) {
	if r.page == nil || p == r.page {
		r.page = p
		r.clamp()
		return
	}
	link := r.link
	r.page = p
	r.offset = int(r.anchor*float64(len(p.lines)) + 0.5)
	if link >= len(p.links) {
		link = -1
	}
	r.link = link
	r.findHits()
	r.clamp()
}

func (r *reader) setTerms(terms []string) {
	r.terms = terms
	r.findHits()
}

// SetSize gives the reader its pane.
func (r *reader) SetSize(w, h int) {
	r.width, r.height = w, h
	r.find.input.SetWidth(max(1, w-20))
	r.clamp()
}

// top lines: the guide step and the age of the facts, when there is
// something to say.
func (r *reader) headerLines() []string {
	if r.entry == nil {
		return nil
	}
	st := r.c.st
	var out []string
	w := max(1, r.width-1) // View puts a space before each line
	if r.path != nil {
		if i := r.path.index(r.entry.ID); i >= 0 {
			// Narrow, the keys go first, then the path's name: never cut.
			step := fmt.Sprintf("step %d of %d", i+1, len(r.path.steps))
			rest := ""
			for _, try := range []string{" · " + r.path.name + " · ] next · [ previous", " · " + r.path.name} {
				if ansi.StringWidth(step+try) <= w {
					rest = try
					break
				}
			}
			out = append(out, st.heading.Render(step)+st.dim.Render(rest))
		}
	}
	if n, ok := content.AgeMonths(r.entry.Verified, r.c.now()); ok && n > content.StaleAfter {
		warn := fmt.Sprintf("⚠ checked %d months ago: facts may have changed; see the sources", n)
		for _, l := range strings.Split(ansi.Wordwrap(warn, w, ""), "\n") {
			out = append(out, st.warn.Render(l))
		}
	}
	return out
}

// viewHeight is the number of page lines on screen.
func (r *reader) viewHeight() int {
	h := r.height - len(r.headerLines())
	if r.find.shown() {
		h--
	}
	return max(0, h)
}

func (r *reader) lines() int {
	if r.page == nil {
		return 0
	}
	return len(r.page.lines)
}

func (r *reader) clamp() {
	r.offset = max(0, min(r.offset, r.lines()-r.viewHeight()))
}

func (r *reader) scroll(n int) {
	r.offset += n
	r.clamp()
	r.mark()
}

func (r *reader) top()    { r.offset = 0; r.mark() }
func (r *reader) bottom() { r.offset = r.lines(); r.clamp(); r.mark() }

// percent is how far down the page the bottom of the view is.
func (r *reader) percent() int {
	n, h := r.lines(), r.viewHeight()
	if n == 0 || n <= h {
		return 100
	}
	return min(100, (r.offset+h)*100/n)
}

// ensureVisible scrolls so that a line is on screen.
func (r *reader) ensureVisible(line int) {
	h := r.viewHeight()
	if line < r.offset {
		r.offset = line
	} else if line >= r.offset+h {
		r.offset = line - h + 1
	}
	r.clamp()
	r.mark()
}

// nextLink selects the next (or previous) link, starting from the screen
// when none is selected.
func (r *reader) nextLink(dir int) {
	if r.page == nil || len(r.page.links) == 0 {
		return
	}
	n := len(r.page.links)
	if r.link < 0 {
		// Start with the first link on screen (or the last one, going back).
		h := r.viewHeight()
		for i, l := range r.page.links {
			on := l.segs[0].line >= r.offset && l.segs[0].line < r.offset+h
			if on && (dir > 0 && r.link < 0 || dir < 0) {
				r.link = i
			}
		}
		if r.link < 0 {
			if dir > 0 {
				r.link = 0
			} else {
				r.link = n - 1
			}
		}
	} else {
		r.link = (r.link + dir + n) % n
	}
	r.ensureVisible(r.page.links[r.link].segs[0].line)
}

// selected returns the selected link target, or "".
func (r *reader) selected() string {
	if r.page == nil || r.link < 0 || r.link >= len(r.page.links) {
		return ""
	}
	return r.page.links[r.link].target
}

// linkAt returns the link under a cell of the pane, or "".
func (r *reader) linkAt(x, y int) string {
	if r.page == nil {
		return ""
	}
	line := r.offset + y - len(r.headerLines())
	for _, l := range r.page.links {
		for _, s := range l.segs {
			if s.line == line && x >= s.start && x < s.end {
				return l.target
			}
		}
	}
	return ""
}

// follow opens another entry, remembering where the reader was.
func (r *reader) follow(id string) tea.Cmd {
	e := r.c.lib.Get(id)
	if e == nil || r.entry == nil {
		return nil
	}
	r.back = append(r.back, histItem{r.entry.ID, r.offset})
	r.forward = nil
	return r.show(e, 0)
}

func (r *reader) goBack() tea.Cmd {
	n := len(r.back)
	if n == 0 || r.entry == nil {
		return nil
	}
	prev := r.back[n-1]
	r.back = r.back[:n-1]
	r.forward = append(r.forward, histItem{r.entry.ID, r.offset})
	return r.show(r.c.lib.Get(prev.id), prev.offset)
}

func (r *reader) goForward() tea.Cmd {
	n := len(r.forward)
	if n == 0 || r.entry == nil {
		return nil
	}
	next := r.forward[n-1]
	r.forward = r.forward[:n-1]
	r.back = append(r.back, histItem{r.entry.ID, r.offset})
	return r.show(r.c.lib.Get(next.id), next.offset)
}

// step goes to the next (dir 1) or previous (-1) step of the guide path.
func (r *reader) step(dir int) tea.Cmd {
	if r.path == nil || r.entry == nil {
		return nil
	}
	i := r.path.index(r.entry.ID) + dir
	if i < 0 || i >= len(r.path.steps) {
		return nil
	}
	return r.follow(r.path.steps[i])
}

// Update handles a key while the reader has focus.
func (r *reader) Update(msg tea.KeyPressMsg) (readerAct, tea.Cmd) {
	if r.find.typing {
		return r.updateFind(msg), nil
	}
	k := r.c.keys
	page := max(1, r.viewHeight()-1)
	switch {
	case key.Matches(msg, k.ScrollDown):
		r.scroll(1)
	case key.Matches(msg, k.ScrollUp):
		r.scroll(-1)
	case key.Matches(msg, k.PageDown):
		r.scroll(page)
	case key.Matches(msg, k.PageUp):
		r.scroll(-page)
	case key.Matches(msg, k.ReaderTop):
		r.top()
	case key.Matches(msg, k.ReaderBottom):
		r.bottom()
	case key.Matches(msg, k.NextLink):
		r.nextLink(1)
	case key.Matches(msg, k.PrevLink):
		r.nextLink(-1)
	case key.Matches(msg, k.Follow):
		if r.selected() != "" {
			return rFollow, nil
		}
	case key.Matches(msg, k.Back):
		return rHandled, r.goBack()
	case key.Matches(msg, k.Forward):
		return rHandled, r.goForward()
	case key.Matches(msg, k.NextStep):
		return rHandled, r.step(1)
	case key.Matches(msg, k.PrevStep):
		return rHandled, r.step(-1)
	case key.Matches(msg, k.NextHit):
		r.nextHit(1)
	case key.Matches(msg, k.PrevHit):
		r.nextHit(-1)
	case key.Matches(msg, k.Find):
		r.find.start()
		r.clamp()
	case key.Matches(msg, k.Close):
		if msg.String() == "esc" && r.find.query != "" {
			r.find.stop()
			r.findHits()
			r.clamp()
			return rHandled, nil
		}
		return rClose, nil
	default:
		return rNone, nil
	}
	return rHandled, nil
}

// nextHit moves to the next (or previous) match; the first press starts
// from the screen.
func (r *reader) nextHit(dir int) {
	n := len(r.hits)
	if n == 0 {
		return
	}
	h := r.viewHeight()
	switch {
	case r.hitIdx >= 0:
		r.hitIdx = (r.hitIdx + dir + n) % n
	case dir > 0:
		r.hitIdx = 0
		for i, x := range r.hits {
			if x.line >= r.offset {
				r.hitIdx = i
				break
			}
		}
	default:
		r.hitIdx = n - 1
		for i, x := range r.hits {
			if x.line < r.offset+h {
				r.hitIdx = i
			}
		}
	}
	r.ensureVisible(r.hits[r.hitIdx].line)
}

// View renders the pane, exactly width × height cells.
func (r *reader) View() string {
	st := r.c.st
	out := make([]string, 0, r.height)
	for _, l := range r.headerLines() {
		out = append(out, fit(" "+l, r.width))
	}
	h := r.viewHeight()
	switch {
	case r.entry != nil && r.page == nil:
		out = append(out, fit(" "+st.heading.Render(r.entry.Title), r.width))
		out = append(out, fit(" "+st.empty.Render("rendering…"), r.width))
	default:
		for i := 0; i < h; i++ {
			n := r.offset + i
			line := ""
			if r.page != nil && n < len(r.page.lines) {
				line = r.decorate(n)
			}
			out = append(out, fit(line, r.width))
		}
	}
	if r.find.shown() {
		for len(out) < r.height-1 {
			out = append(out, "")
		}
		out = append(out, r.findBar())
	}
	for len(out) < r.height {
		out = append(out, "")
	}
	out = out[:max(0, r.height)]
	for i := range out {
		out[i] = fit(out[i], r.width)
	}
	return strings.Join(out, "\n")
}

// decorate styles the matches and the selected link on line n.
func (r *reader) decorate(n int) string {
	st := r.c.st
	line := r.page.lines[n]
	var ranges []lipgloss.Range
	for i, h := range r.hits {
		if h.line == n {
			s := st.hit
			if i == r.hitIdx {
				s = st.hitCurrent
			}
			ranges = append(ranges, lipgloss.NewRange(h.start, h.end, s))
		}
	}
	if r.link >= 0 && r.link < len(r.page.links) {
		for _, s := range r.page.links[r.link].segs {
			if s.line == n {
				ranges = removeOverlaps(ranges, s.start, s.end)
				ranges = append(ranges, lipgloss.NewRange(s.start, s.end, st.link))
			}
		}
	}
	if len(ranges) == 0 {
		return line
	}
	slices.SortFunc(ranges, func(a, b lipgloss.Range) int { return a.Start - b.Start })
	return lipgloss.StyleRanges(line, ranges...)
}

func removeOverlaps(rs []lipgloss.Range, start, end int) []lipgloss.Range {
	out := rs[:0]
	for _, r := range rs {
		if r.End <= start || r.Start >= end {
			out = append(out, r)
		}
	}
	return out
}

// fit truncates or pads a styled line to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-sw)
}
