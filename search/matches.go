package search

import (
	"slices"

	"secu/content"
)

// Matches is every match of a query being typed, in the order SearchAll
// gives, but sorted only as far as it is read: a list shows a screen of a
// hundred thousand matches, and sorting them all cost more than finding
// them. candCmp is a total order, so the order read is the full sort's.
type Matches struct {
	docs    []doc // the index's entries, or nil for a plain list
	plain   []*content.Entry
	kinds   []string
	q       *query
	cands   []cand // cands[:sorted] in their final order, the rest unordered
	sorted  int
	res     []Result // the results of cands[:len(res)], made as they are read
	partial bool
}

// Matches is SearchAll for a list: every match of query among the entries
// of kind ("" for all), best first, sorted as it is read. An empty query
// lists the entries in their order.
func (ix *Index) Matches(query, kind string) *Matches {
	q := ix.parseQuery(query, true)
	m := &Matches{docs: ix.docs, kinds: ix.kinds, q: &q}
	if len(q.words) == 0 {
		m.cands = make([]cand, 0, len(ix.docs))
		for i := range ix.docs {
			if kind == "" || ix.docs[i].e.Kind == kind {
				m.cands = append(m.cands, cand{doc: int32(i), kind: ix.meta[i].kind})
			}
		}
		m.sorted = len(m.cands) // already in order
		return m
	}
	s := ix.getScratch(len(q.terms))
	cands := ix.candidates(&q, kind, s)
	// The candidates outlive the scratch: the scratch gives them up.
	s.cands = nil
	ix.putScratch(s)
	m.cands = cands
	m.partial = allPartial(cands)
	return m
}

// List is Matches of the entries themselves, in their order, for a list
// shown before the index is built.
func List(es []*content.Entry) *Matches {
	m := &Matches{plain: es, cands: make([]cand, len(es)), sorted: len(es)}
	for i, e := range es {
		m.cands[i] = cand{doc: int32(i), kind: kindCode(&m.kinds, e.Kind)}
	}
	return m
}

func allPartial(cs []cand) bool {
	for i := range cs {
		if !cs[i].partial {
			return false
		}
	}
	return len(cs) > 0
}

// Len is the number of matches; a nil Matches has none.
func (m *Matches) Len() int {
	if m == nil {
		return 0
	}
	return len(m.cands)
}

// Partial reports what NoExactMatch does of the whole list: there are
// matches, and none of them has every meaningful word of the query.
func (m *Matches) Partial() bool { return m != nil && m.partial }

// At returns match i (0 ≤ i < Len), sorting as far as needed. Its
// highlights are left for Highlight. The pointer is good until the next At.
func (m *Matches) At(i int) *Result {
	m.sortTo(i + 1)
	if i < len(m.res) {
		return &m.res[i]
	}
	// The results of a screen or so at once, with one allocation.
	start, end := len(m.res), min(m.sorted, max(i+1, len(m.res)+64))
	var ls []later
	if m.q != nil && len(m.q.words) > 0 {
		ls = make([]later, end-start)
	}
	for j := start; j < end; j++ {
		c := &m.cands[j]
		r := Result{Entry: m.entry(c.doc)}
		if ls != nil {
			l := &ls[j-start]
			*l = later{d: &m.docs[c.doc], q: m.q, fz: c.fz}
			r.Score, r.Field, r.partial, r.later = int(c.score), rankName[c.rank], c.partial, l
		}
		m.res = append(m.res, r)
	}
	return &m.res[i]
}

func (m *Matches) entry(d int32) *content.Entry {
	if m.plain != nil {
		return m.plain[d]
	}
	return m.docs[d].e
}

// sortTo puts the first n matches in their final order, and a few more so
// that scrolling on sorts seldom: the best of the rest are picked
// (quickselect) and only they are sorted.
func (m *Matches) sortTo(n int) {
	if n <= m.sorted {
		return
	}
	n = min(len(m.cands), max(n, 2*m.sorted, 64))
	rest := m.cands[m.sorted:]
	k := n - m.sorted
	selectFirst(rest, k)
	slices.SortFunc(rest[:k], candCmp)
	m.sorted = n
}

// selectFirst moves the k smallest of cs by candCmp to cs[:k], in no
// particular order: quickselect, linear on average.
func selectFirst(cs []cand, k int) {
	lo, hi := 0, len(cs) // cs[:lo] < cs[lo:hi] < cs[hi:], and lo ≤ k ≤ hi
	for hi-lo > 16 {
		// The median of three as pivot, moved to hi-1: sorted input (as
		// entries often come) then splits evenly.
		mid := lo + (hi-lo)/2
		if candCmp(cs[mid], cs[lo]) < 0 {
			cs[mid], cs[lo] = cs[lo], cs[mid]
		}
		if candCmp(cs[hi-1], cs[lo]) < 0 {
			cs[hi-1], cs[lo] = cs[lo], cs[hi-1]
		}
		if candCmp(cs[hi-1], cs[mid]) < 0 {
			cs[hi-1], cs[mid] = cs[mid], cs[hi-1]
		}
		cs[mid], cs[hi-1] = cs[hi-1], cs[mid]
		p := cs[hi-1]
		i := lo
		for j := lo; j < hi-1; j++ {
			if candCmp(cs[j], p) < 0 {
				cs[i], cs[j] = cs[j], cs[i]
				i++
			}
		}
		cs[i], cs[hi-1] = cs[hi-1], cs[i]
		// Now cs[lo:i] < cs[i] < cs[i+1:hi].
		switch {
		case k < i:
			hi = i
		case k > i+1:
			lo = i + 1
		default:
			return
		}
	}
	slices.SortFunc(cs[lo:hi], candCmp)
}

// kindOf returns a test for matches of kind: by number, as kindCode gave
// them (by name too for the number 255, shared past 255 kinds).
func (m *Matches) kindOf(kind string) func(c *cand) bool {
	code := slices.Index(m.kinds, kind)
	switch {
	case code < 0 && len(m.kinds) < 255:
		return func(*cand) bool { return false } // no entry has it
	case code < 0:
		return func(c *cand) bool { return c.kind == 255 && m.entry(c.doc).Kind == kind }
	}
	return func(c *cand) bool { return c.kind == uint8(code) }
}

// Count returns how many matches are of kind ("" counts them all).
func (m *Matches) Count(kind string) int {
	if kind == "" || m == nil {
		return m.Len()
	}
	is, n := m.kindOf(kind), 0
	for i := range m.cands {
		if is(&m.cands[i]) {
			n++
		}
	}
	return n
}

// OfKind returns the matches of kind, in the same order.
func (m *Matches) OfKind(kind string) *Matches {
	if kind == "" || m == nil {
		return m
	}
	return m.filter(m.kindOf(kind))
}

// Filter returns the matches whose entry keep accepts, in the same order.
func (m *Matches) Filter(keep func(*content.Entry) bool) *Matches {
	return m.filter(func(c *cand) bool { return keep(m.entry(c.doc)) })
}

func (m *Matches) filter(keep func(*cand) bool) *Matches {
	if m == nil {
		return nil
	}
	f := &Matches{docs: m.docs, plain: m.plain, kinds: m.kinds, q: m.q}
	for i := range m.cands {
		if i == m.sorted {
			f.sorted = len(f.cands) // what was sorted stays sorted
		}
		if keep(&m.cands[i]) {
			f.cands = append(f.cands, m.cands[i])
		}
	}
	if m.sorted == len(m.cands) {
		f.sorted = len(f.cands)
	}
	f.partial = m.q != nil && len(m.q.words) > 0 && allPartial(f.cands)
	return f
}

// IndexOf returns the position of the entry with that id, or -1.
func (m *Matches) IndexOf(id string) int {
	if m == nil || id == "" {
		return -1
	}
	for i := range m.cands {
		if m.entry(m.cands[i].doc).ID != id {
			continue
		}
		if i < m.sorted {
			return i
		}
		// Not sorted yet: its place is after the sorted ones and the rest
		// that come before it.
		at := m.sorted
		for j := m.sorted; j < len(m.cands); j++ {
			if candCmp(m.cands[j], m.cands[i]) < 0 {
				at++
			}
		}
		return at
	}
	return -1
}
