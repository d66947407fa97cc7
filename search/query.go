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
	prefix  bool     // the last word may be a prefix (the user is typing it)
	joined  string   // all words joined by single spaces
	compact string   // all words run together
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
	// A trailing space means the last word is finished.
	last, _ := utf8.DecodeLastRuneInString(s)
	q.prefix = !unicode.IsSpace(last)
	q.joined = joinWords(all)
	q.compact = compact(all)
	return q
}

// meaningful drops stop words and duplicates, unless that leaves nothing.
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
