package ui

import (
	"slices"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
)

// pageKey identifies a rendering: scrolling and revisiting render nothing.
type pageKey struct {
	id    string
	width int
	style string
}

// pageCache renders entries with Glamour and keeps every result.
type pageCache struct {
	lib       *content.Library
	pages     map[pageKey]*page
	renderers map[pageKey]*glamour.TermRenderer // by width and style only
	renders   int                               // how many renders ran, for tests
}

func newPageCache(lib *content.Library) *pageCache {
	return &pageCache{lib: lib, pages: map[pageKey]*page{}, renderers: map[pageKey]*glamour.TermRenderer{}}
}

func (c *pageCache) get(e *content.Entry, width int, style string) *page {
	k := pageKey{e.ID, width, style}
	if p, ok := c.pages[k]; ok {
		return p
	}
	if err := limitsError(e); err != nil {
		p := errorPage("This entry is not shown: "+err.Error()+". Run 'secu validate' on the folder for every problem.", width)
		c.pages[k] = p
		return p
	}
	rk := pageKey{"", width, style}
	tr := c.renderers[rk]
	if tr == nil {
		var err error
		if tr, err = newGlamour(style, width); err != nil {
			return errorPage(err.Error(), width)
		}
		c.renderers[rk] = tr
	}
	out, err := tr.Render(Document(c.lib, e))
	if err != nil {
		return errorPage("cannot show this entry: "+err.Error(), width)
	}
	c.renders++
	p := newPage(out, width)
	c.pages[k] = p
	return p
}

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

// reader shows one entry, scrolls it, selects and follows links, and keeps
// the back/forward history.
type reader struct {
	entry         *content.Entry
	page          *page
	width, height int
	offset        int
	anchor        float64 // where the reader chose to be, as a fraction of the page
	link          int     // selected link, -1 for none
	terms         []string
	hits          []hit
	hitIdx        int
	back, forward []histItem
}

func newReader() reader { return reader{link: -1, hitIdx: -1} }

// show puts an entry in the reader at a scroll offset.
func (r *reader) show(e *content.Entry, p *page, offset int) {
	r.entry, r.page = e, p
	r.link = -1
	r.findHits()
	r.offset = offset
	r.clamp()
	r.mark()
}

// mark remembers the reading position after a move by the reader, so that
// a resize through a tiny or a huge window comes back to it.
func (r *reader) mark() {
	r.anchor = 0
	if n := r.lines(); n > 0 {
		r.anchor = float64(r.offset) / float64(n)
	}
}

// relayout swaps in the page rendered at a new width, keeping the reading
// position in proportion.
func (r *reader) relayout(p *page) {
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

// findHits locates the search words in the page, ignoring case and accents.
func (r *reader) findHits() {
	r.hits, r.hitIdx = nil, -1
	if r.page == nil || len(r.terms) == 0 {
		return
	}
	for i, fl := range r.page.folded() {
		folded, runeOf, cols := fl.text, fl.runeOf, fl.cols
		if folded == "" {
			continue
		}
		var spans []hit
		for _, t := range r.terms {
			for from := 0; from < len(folded); {
				k := strings.Index(folded[from:], t)
				if k < 0 {
					break
				}
				s := from + k
				e := s + len(t)
				from = e
				// Only whole-word starts count: "car" in "carte" yes, in "scar" no.
				if s > 0 && isWordByte(folded[s-1]) {
					continue
				}
				rs, re := runeOf[s], runeOf[e-1]+1
				if rs < len(cols) && re < len(cols) {
					spans = append(spans, hit{i, cols[rs], cols[re]})
				}
			}
		}
		r.hits = append(r.hits, mergeHits(spans)...)
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// runeCols maps each rune index of s to its starting cell column; the
// extra last element is the total width.
func runeCols(s string) []int {
	cols := make([]int, 0, len(s)+1)
	c := 0
	for _, r := range s {
		cols = append(cols, c)
		c += ansi.StringWidth(string(r))
	}
	return append(cols, c)
}

// mergeHits sorts the spans of one line and joins overlapping ones.
func mergeHits(h []hit) []hit {
	slices.SortFunc(h, func(a, b hit) int { return a.start - b.start })
	var out []hit
	for _, x := range h {
		if n := len(out); n > 0 && x.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

func (r *reader) lines() int {
	if r.page == nil {
		return 0
	}
	return len(r.page.lines)
}

func (r *reader) clamp() {
	r.offset = max(0, min(r.offset, r.lines()-r.height))
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
	n := r.lines()
	if n == 0 || n <= r.height {
		return 100
	}
	return min(100, (r.offset+r.height)*100/n)
}

// ensureVisible scrolls so that a line is on screen.
func (r *reader) ensureVisible(line int) {
	if line < r.offset {
		r.offset = line
	} else if line >= r.offset+r.height {
		r.offset = line - r.height + 1
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
		r.link = -1
		for i, l := range r.page.links {
			on := l.segs[0].line >= r.offset && l.segs[0].line < r.offset+r.height
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

// linkAt returns the link under a cell of the view, or "".
func (r *reader) linkAt(x, y int) string {
	if r.page == nil {
		return ""
	}
	line := r.offset + y
	for _, l := range r.page.links {
		for _, s := range l.segs {
			if s.line == line && x >= s.start && x < s.end {
				return l.target
			}
		}
	}
	return ""
}

// nextHit moves to the next (or previous) search word; the first press
// starts from the screen.
func (r *reader) nextHit(dir int) {
	n := len(r.hits)
	if n == 0 {
		return
	}
	switch {
	case r.hitIdx >= 0:
		r.hitIdx = (r.hitIdx + dir + n) % n
	case dir > 0:
		r.hitIdx = 0
		for i, h := range r.hits {
			if h.line >= r.offset {
				r.hitIdx = i
				break
			}
		}
	default:
		r.hitIdx = n - 1
		for i, h := range r.hits {
			if h.line < r.offset+r.height {
				r.hitIdx = i
			}
		}
	}
	r.ensureVisible(r.hits[r.hitIdx].line)
}

// view renders the visible lines, exactly width × height cells.
func (r *reader) view(st styles) string {
	out := make([]string, 0, r.height)
	for i := 0; i < r.height; i++ {
		n := r.offset + i
		line := ""
		if r.page != nil && n < len(r.page.lines) {
			line = r.decorate(n, st)
		}
		out = append(out, fit(line, r.width))
	}
	return strings.Join(out, "\n")
}

// decorate styles the search hits and the selected link on line n.
func (r *reader) decorate(n int, st styles) string {
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
