package search

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

// stems returns the English and French Snowball stems of a folded word, so
// that "registering" meets "register" and "remboursement" "rembourser".
// Entries mix the two languages and a query may be in either, so a word
// matches another when either stem agrees. Words with digits or letters
// outside a-z (codes, other scripts) are their own stem.
func stems(w string) (en, fr string) {
	if len(w) <= 2 || !lettersOnly(w) {
		return w, w
	}
	return english.Stem(w, true), french.Stem(w, true)
}

func lettersOnly(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// stemPrefix is the start every word with stem s shares: the stemmers only
// cut endings, except that a final y may become i ("baby", "babies" → babi;
// "employer" → emploi).
func stemPrefix(s string) string {
	if n := len(s); n > 0 && s[n-1] == 'i' {
		return s[:n-1]
	}
	return s
}

// sameStem reports whether two folded words share a stem.
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	ae, af := stems(a)
	be, bf := stems(b)
	return stemsMeet(ae, af, be, bf)
}

// stemsMeet reports whether two words with these stems are one word. The
// French stemmer also cuts English words, where a short stem is often a
// false friend ("care" → car), so a French stem must have 4 letters.
func stemsMeet(ae, af, be, bf string) bool {
	return ae == be || af == bf && len(af) >= 4
}
