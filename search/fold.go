// Package search indexes guide entries and ranks them against what a person
// types: accent- and case-insensitive, tolerant of plurals, one typo and
// half-typed words. It has no terminal code: it returns results and the rune
// positions to highlight, and the caller styles them.
package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/unicode/norm"
)

// marks are the combining marks dropped after decomposition (the accents).
var marks = runes.In(unicode.Mn)

// special maps runes that decomposition leaves alone (ligatures) or that
// should separate words (typographic apostrophes, hyphens, odd spaces).
var special = map[rune]string{
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ẞ': "ss",
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i",
	'\'': " ", '’': " ", '‘': " ", 'ʼ': " ", '`': " ", '´': " ",
	'-': " ", '‐': " ", '‑': " ", '‒': " ", '–': " ", '—': " ", '−': " ",
	'_': " ", '\u00a0': " ", '\u202f': " ", '\u2009': " ", '\t': " ",
	'\n': " ", '\r': " ",
}

// plain marks the ASCII bytes that fold to themselves.
var plain = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = !('A' <= c && c <= 'Z') && !strings.ContainsRune("'-_`\t\n\r", rune(c))
	}
	return t
}()

// Fold returns s case-folded, accents removed (NFKD, marks dropped),
// ligatures expanded (œ→oe, æ→ae, ß→ss), apostrophes and hyphens turned into
// spaces, plus runeOf: for each byte of folded, the index of the rune of s it
// came from, so that match positions can be shown on the original text.
func Fold(s string) (folded string, runeOf []int) {
	b := make([]byte, 0, len(s)+8)
	runeOf = make([]int, 0, len(s)+8)
	b, runeOf = fold(b, runeOf, s, true)
	return string(b), runeOf
}

// foldString folds without the position map (for bodies and queries).
func foldString(s string) string {
	b, _ := fold(make([]byte, 0, len(s)+8), nil, s, false)
	return string(b)
}

// fold appends the folded s to dst and, if withMap, the rune index of every
// appended byte to runeOf.
func fold(dst []byte, runeOf []int, s string, withMap bool) ([]byte, []int) {
	ri := 0
	for i := 0; i < len(s); ri++ {
		if !withMap {
			// Copy a run of bytes that fold to themselves at once.
			j := i
			for j < len(s) && plain[s[j]] {
				j++
			}
			if j > i {
				dst = append(dst, s[i:j]...)
				ri += j - i
				i = j
				if i == len(s) {
					break
				}
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '-' || c == '_' || c == '`' || c == '\t' || c == '\n' || c == '\r':
				c = ' '
			}
			dst = append(dst, c)
			if withMap {
				runeOf = append(runeOf, ri)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n := len(dst)
		dst = foldRune(dst, r)
		if withMap {
			for ; n < len(dst); n++ {
				runeOf = append(runeOf, ri)
			}
		}
	}
	return dst, runeOf
}

// latin holds the folded form of the Latin runes below latinEnd, which is
// nearly all non-ASCII text here: decomposing each one again costs more than
// the rest of indexing.
const latinEnd = 0x250

var latin = sync.OnceValue(func() *[latinEnd]string {
	var t [latinEnd]string
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		t[r] = string(decompose(nil, r))
	}
	return &t
})

// foldRune appends the folded form of one non-ASCII rune.
func foldRune(dst []byte, r rune) []byte {
	if r < latinEnd {
		return append(dst, latin()[r]...)
	}
	return decompose(dst, r)
}

// decompose folds r the slow way: the table above, else NFKD without the
// marks, lowercased.
func decompose(dst []byte, r rune) []byte {
	if s, ok := special[r]; ok {
		return append(dst, s...)
	}
	if r == utf8.RuneError {
		return append(dst, ' ')
	}
	var in, out [utf8.UTFMax * 4]byte
	n := utf8.EncodeRune(in[:], r)
	dec := norm.NFKD.Append(out[:0], in[:n]...)
	for len(dec) > 0 {
		d, size := utf8.DecodeRune(dec)
		dec = dec[size:]
		if marks.Contains(d) {
			continue
		}
		if s, ok := special[d]; ok {
			dst = append(dst, s...)
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(d))
	}
	return dst
}

// isWordByte reports whether b belongs to a word in folded text. Folded text
// is mostly ASCII; non-ASCII bytes (scripts without decomposition) count as
// letters so that such words still index.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b >= utf8.RuneSelf
}

// span is a word of folded text: bytes [start, end).
type span struct{ start, end int }

// wordSpans returns the words of folded text.
func wordSpans(f string) []span {
	var out []span
	for i := 0; i < len(f); {
		if !isWordByte(f[i]) {
			i++
			continue
		}
		j := i
		for j < len(f) && isWordByte(f[j]) {
			j++
		}
		out = append(out, span{i, j})
		i = j
	}
	return out
}

// words returns the words of folded text as strings.
func words(f string) []string {
	sp := wordSpans(f)
	out := make([]string, len(sp))
	for i, s := range sp {
		out[i] = f[s.start:s.end]
	}
	return out
}

// joinWords is the folded text with punctuation collapsed to single spaces:
// the form compared for "equals" and "starts with".
func joinWords(ws []string) string {
	n := 0
	for _, w := range ws {
		n += len(w) + 1
	}
	b := make([]byte, 0, n)
	for i, w := range ws {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}

// compact is the words run together, so that "AT/MP", "at-mp" and "atmp"
// compare equal.
func compact(ws []string) string {
	n := 0
	for _, w := range ws {
		n += len(w)
	}
	b := make([]byte, 0, n)
	for _, w := range ws {
		b = append(b, w...)
	}
	return string(b)
}
