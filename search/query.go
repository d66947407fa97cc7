package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are ignored in a query unless it has nothing else. They are in
// folded form ("à" is "a", "où" is "ou"); single letters cover elisions
// such as d', l', j', qu' and the English 's.
var stopWords = setOf(
	// English
	"a", "an", "the", "of", "do", "does", "did", "i", "im", "ive", "me", "my",
	"mine", "to", "for", "in", "on", "at", "by", "from", "into", "with", "and",
	"or", "is", "are", "am", "was", "be", "been", "it", "its", "this", "that",
	"there", "what", "where", "when", "which", "who", "whom", "why", "how",
	"get", "got", "getting", "can", "could", "should", "would", "will", "shall",
	"must", "need", "needs", "want", "we", "you", "your", "our", "us", "they",
	"their", "them", "he", "she", "his", "her", "if", "so", "as", "about",
	"any", "some", "just", "also", "have", "has", "had", "than", "then",
	"very", "too", "much", "many", "more", "most",
	// French
	"de", "la", "le", "les", "du", "des", "un", "une", "et", "en", "au",
	"aux", "pour", "par", "sur", "dans", "avec", "mon", "ma", "mes", "ton",
	"ta", "tes", "son", "sa", "ses", "est", "sont", "que", "qui", "quoi",
	"comment", "ou", "je", "tu", "il", "elle", "on", "nous", "vous", "ils",
	"ce", "cet", "cette", "ces", "se", "ne", "y", "d", "l", "j", "qu", "s",
	"c", "n", "m", "t",
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// maxWords bounds the words a query is matched on; longer queries keep
// their first words (nobody types twelve distinct search words).
const maxWords = 8

// query is a parsed search string.
type query struct {
	all     []string // every folded word, stop words included
	words   []string // the words to match: stop words removed unless nothing else
	stems   []string // the words, plural-folded
	prefix  bool     // the last word may be a prefix (the user is typing it)
	joined  string   // all words joined by single spaces
	compact string   // all words run together
	fuzzy   string   // the words to match run together: the fuzzy pattern
}

func parseQuery(s string) query {
	f := foldString(s)
	all := words(f)
	q := query{all: all}
	if len(all) == 0 {
		return q
	}
	q.words = meaningful(all)
	if len(q.words) > maxWords {
		q.words = q.words[:maxWords]
	}
	for _, w := range q.words {
		q.stems = append(q.stems, stem(w))
	}
	// A trailing space means the last word is finished; so is a last word
	// dropped as a stop word.
	last, _ := utf8.DecodeLastRuneInString(s)
	q.prefix = !unicode.IsSpace(last) && q.words[len(q.words)-1] == all[len(all)-1]
	q.fuzzy = compact(q.words)
	q.joined = joinWords(all)
	q.compact = compact(all)
	return q
}

// meaningful drops stop words and duplicates, unless that leaves nothing.
// isPrefix reports whether word i may match as a prefix.
func (q *query) isPrefix(i int) bool { return q.prefix && i == len(q.words)-1 }

// matchWord reports how query word i matches the entry word tok: the
// quality, and how many bytes of tok to highlight.
func (q *query) matchWord(i int, tok string) (uint8, int) {
	w := q.words[i]
	switch {
	case tok == w || stem(tok) == q.stems[i]:
		return qExact, len(tok)
	case q.isPrefix(i) && strings.HasPrefix(tok, w):
		return qPrefix, len(w)
	case len(w) >= minTypoLen && len(tok) >= minTypoLen-1 && oneEdit(w, tok):
		return qTypo, len(tok)
	}
	return 0, 0
}

func meaningful(all []string) []string {
	var out []string
	for _, w := range all {
		if !stopWords[w] && !contains(out, w) {
			out = append(out, w)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, w := range all {
		if !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// Terms returns the folded words of query that a reader should highlight:
// stop words removed unless the query has nothing else. Compare them with
// Fold'ed text.
func Terms(query string) []string {
	return meaningful(words(foldString(strings.TrimSpace(query))))
}
