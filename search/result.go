package search

import (
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// maxSnippet is the longest snippet, in runes.
const maxSnippet = 200

// result builds the Result of one returned entry: highlights and snippet
// are only worked out here, for the few entries shown.
func (ix *Index) result(q query, a *acc, c cand, snippets bool) Result {
	d := &ix.docs[a.doc]
	r := Result{Entry: d.e, Score: int(c.score), Field: rankName[c.rank], partial: c.partial}
	fz := c.fz
	r.TitlePos = highlightName(d.title, q, fz, onTitle)
	r.FrenchPos = highlightName(d.french, q, fz, onFrench)
	if snippets && c.rank == rBody {
		r.Snippet = snippet(d.e.Body, q, a)
	}
	return r
}

// highlightName returns the runes of a title or French name to highlight:
// where the fuzzy match fell when that is what matched, else the words.
func highlightName(t text, q query, fz *fuzzyHit, on uint8) []int {
	switch {
	case fz == nil:
		return highlight(t, q)
	case fz.on == on:
		return bytesToRunes(t.runeOf, fz.pos)
	}
	// The fuzzy match was on the other name or an alias: try this one too.
	if ms := fuzzy.Find(q.fuzzy, []string{t.folded}); len(ms) == 1 && wordStartRuns(t.folded, ms[0].MatchedIndexes) {
		return bytesToRunes(t.runeOf, ms[0].MatchedIndexes)
	}
	return highlight(t, q)
}

// highlight returns the runes of t that the query matched: the part of each
// word a query word matched, or, when t starts with the query, that start.
func highlight(t text, q query) []int {
	if len(t.spans) == 0 {
		return nil
	}
	var pos []int
	if startsWithWords(t, q.all) {
		for k, w := range q.all {
			s := t.spans[k]
			pos = appendRunes(pos, t.runeOf, s.start, s.start+min(len(w), s.end-s.start))
		}
		return pos
	}
	for _, s := range t.spans {
		tok := t.folded[s.start:s.end]
		n := 0
		for i := range q.words {
			if _, m := q.matchWord(i, tok); m > n {
				n = m
			}
		}
		pos = appendRunes(pos, t.runeOf, s.start, s.start+n)
	}
	return pos
}

// startsWithWords reports whether the words of t begin with ws, the last
// of ws possibly cut short.
func startsWithWords(t text, ws []string) bool {
	if len(ws) > len(t.spans) {
		return false
	}
	for k, w := range ws {
		tok := t.folded[t.spans[k].start:t.spans[k].end]
		if k < len(ws)-1 && tok != w || !strings.HasPrefix(tok, w) {
			return false
		}
	}
	return true
}

// appendRunes appends the runes of bytes [from, to) of folded text, once each.
func appendRunes(pos, runeOf []int, from, to int) []int {
	for b := from; b < to && b < len(runeOf); b++ {
		r := runeOf[b]
		if n := len(pos); n == 0 || pos[n-1] < r {
			pos = append(pos, r)
		}
	}
	return pos
}

// bytesToRunes maps byte offsets of folded text (as sahilm/fuzzy reports
// them) to rune indexes of the original.
func bytesToRunes(runeOf, offs []int) []int {
	var pos []int
	for _, b := range offs {
		if b < len(runeOf) {
			pos = appendRunes(pos, runeOf, b, b+1)
		}
	}
	return pos
}

// snippet returns the body line where most query terms first matched.
func snippet(body string, q query, a *acc) string {
	n := len(q.terms)
	best, bestCount := noLine, 0
	for i := range n {
		l := int(a.t[i].line) - 1
		if l < 0 {
			continue
		}
		c := 0
		for j := range n {
			if int(a.t[j].line)-1 == l {
				c++
			}
		}
		if c > bestCount || c == bestCount && l < best {
			best, bestCount = l, c
		}
	}
	if best == noLine {
		return ""
	}
	line := ""
	forBodyLines(body, func(i int, s string) {
		if i == best {
			line = s
		}
	})
	return trimSnippet(strings.TrimSpace(line), q)
}

// trimSnippet cuts a long line to maxSnippet runes around its first match.
func trimSnippet(line string, q query) string {
	if utf8.RuneCountInString(line) <= maxSnippet {
		return line
	}
	at := firstMatch(line, &q)
	rs := []rune(line)
	start := max(0, min(at-maxSnippet/4, len(rs)-maxSnippet+1))
	end := min(len(rs), start+maxSnippet-1)
	out := string(rs[start:end])
	if start > 0 {
		out = "…" + string(rs[start+1:end])
	}
	if end < len(rs) {
		out += "…"
	}
	return out
}

// firstMatch returns the rune index in line of the first word a query
// word matches, or 0: where a long snippet is cut around.
func firstMatch(line string, q *query) int {
	f, runeOf := Fold(line)
	for i := 0; i < len(f); {
		if !isWordByte(f[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(f) && isWordByte(f[j]) {
			j++
		}
		tok := f[i:j]
		for w := range q.words {
			if qq, _ := q.matchWord(w, tok); qq > 0 {
				return runeOf[i]
			}
		}
		i = j
	}
	return 0
}

// Partial reports a result that matched only some of the query's
// meaningful words: worth listing as one of the closest entries, not worth
// opening as the answer.
func (r Result) Partial() bool { return r.partial }

// NoExactMatch reports whether results is not empty and none of them
// matched every meaningful word of the query: a list then says "no exact
// match — closest entries" above them.
func NoExactMatch(results []Result) bool {
	for _, r := range results {
		if !r.partial {
			return false
		}
	}
	return len(results) > 0
}

type later struct {
	d  *doc
	q  *query
	fz *fuzzyHit
}

// Highlight fills in TitlePos and FrenchPos of a result from SearchAll;
// call it only for the results on screen.
func (r *Result) Highlight() {
	if r.later == nil {
		return
	}
	l := r.later
	r.later = nil
	r.TitlePos = highlightName(l.d.title, *l.q, l.fz, onTitle)
	r.FrenchPos = highlightName(l.d.french, *l.q, l.fz, onFrench)
}
