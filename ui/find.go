package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/search"
)

// finder is find in page, as in less: / opens a bar under the page,
// matches show as you type, enter keeps them for n/N, esc leaves.
type finder struct {
	input  textinput.Model
	typing bool   // the bar has focus
	query  string // what is looked for, "" when not finding
}

func newFinder() finder {
	in := textinput.New()
	in.Prompt = "/"
	in.CharLimit = 100
	return finder{input: in}
}

func (f *finder) setStyles(st styles, dark bool) {
	ts := textinput.DefaultStyles(dark)
	ts.Focused.Prompt = st.prompt
	ts.Focused.Text = st.title
	ts.Blurred.Prompt = st.dim
	ts.Blurred.Text = st.title
	ts.Cursor.Color = st.title.GetForeground()
	ts.Cursor.Blink = false
	f.input.SetStyles(ts)
}

// shown reports whether the bar takes a line under the page.
func (f *finder) shown() bool { return f.typing || f.query != "" }

func (f *finder) start() {
	f.typing = true
	f.input.SetValue("")
	f.query = ""
	f.input.Focus()
}

func (f *finder) stop() {
	f.typing = false
	f.query = ""
	f.input.SetValue("")
	f.input.Blur()
}

// updateFind handles a key while the find bar has focus.
func (r *reader) updateFind(msg tea.KeyPressMsg) readerAct {
	switch msg.String() {
	case "esc":
		r.find.stop()
		r.findHits()
	case "enter":
		r.find.typing = false
		r.find.input.Blur()
		if r.find.query == "" {
			r.find.stop()
			r.findHits()
		}
	case "up", "down", "pgup", "pgdown":
		// Scrolling while typing keeps the query.
		d := map[string]int{"up": -1, "down": 1, "pgup": -r.viewHeight(), "pgdown": r.viewHeight()}[msg.String()]
		r.scroll(d)
		return rHandled
	default:
		r.find.input, _ = r.find.input.Update(msg)
		r.find.query = strings.TrimSpace(r.find.input.Value())
		r.findHits()
		// As you type, jump to the first match from where you are.
		r.hitIdx = -1
		r.nextHit(1)
		r.clamp()
		return rHandled
	}
	r.clamp()
	return rHandled
}

// findBar is the last line of the reader while finding: the query and
// "2/5" or "not found".
func (r *reader) findBar() string {
	st := r.c.st
	var status string
	switch {
	case r.find.query == "":
		status = st.dim.Render("type to find in this page · enter keep · esc leave")
	case len(r.hits) == 0:
		status = st.bad.Render("not found")
	case r.find.typing && r.hitIdx >= 0:
		// n and N type here: they move between matches once enter keeps the query.
		status = st.title.Render(fmt.Sprintf("%d/%d", r.hitIdx+1, len(r.hits))) + st.dim.Render(" · enter keep · esc leave")
	case r.hitIdx < 0:
		status = st.dim.Render(fmt.Sprintf("%d found · n next · N previous", len(r.hits)))
	default:
		status = st.title.Render(fmt.Sprintf("%d/%d", r.hitIdx+1, len(r.hits))) + st.dim.Render(" · n next · N previous · esc leave")
	}
	// Drawn by hand: the text input pads itself to its full width.
	left := st.prompt.Render("/") + st.title.Render(r.find.input.Value())
	if r.find.typing {
		left += st.selected.Render(" ")
	}
	left = ansi.Truncate(left, max(1, r.width-ansi.StringWidth(status)-3), "…")
	return fit(" "+left+"  "+status, r.width)
}

// findHits locates what the reader looks for: the find query when there
// is one, else the list's search words.
func (r *reader) findHits() {
	r.hits, r.hitIdx = nil, -1
	if r.page == nil {
		return
	}
	if r.find.query != "" {
		r.findQuery(r.find.query)
		return
	}
	if len(r.terms) == 0 {
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

// findQuery finds a phrase anywhere in the page with smart case: all
// lower case ignores case and accents ("securite" finds "Sécurité"); a
// capital makes it exact ("CAF" does not find "caf").
func (r *reader) findQuery(q string) {
	exact := strings.IndexFunc(q, unicode.IsUpper) >= 0
	if exact {
		for i, l := range r.page.plain {
			cols := runeCols(l)
			for from := 0; from < len(l); {
				k := strings.Index(l[from:], q)
				if k < 0 {
					break
				}
				s := from + k
				e := s + len(q)
				from = e
				rs := utf8.RuneCountInString(l[:s])
				re := rs + utf8.RuneCountInString(q)
				r.hits = append(r.hits, hit{i, cols[rs], cols[re]})
			}
		}
		return
	}
	fq, _ := search.Fold(q)
	if fq == "" {
		return
	}
	for i, fl := range r.page.folded() {
		for from := 0; from < len(fl.text); {
			k := strings.Index(fl.text[from:], fq)
			if k < 0 {
				break
			}
			s := from + k
			e := s + len(fq)
			from = e
			rs, re := fl.runeOf[s], fl.runeOf[e-1]+1
			if rs < len(fl.cols) && re < len(fl.cols) {
				r.hits = append(r.hits, hit{i, fl.cols[rs], fl.cols[re]})
			}
		}
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
