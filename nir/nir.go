// Package nir checks and explains a French social security number (NIR) or a
// temporary number (NIA), following the project's research note nir.md.
//
// Privacy (nir.md §9): everything is computed in memory. The package has no
// network, file or log code, keeps no number in package-level state, and its
// output never contains the full number.
package nir

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Fields are the decoded parts of a number. Data from temporary numbers, an
// unknown month or a birth abroad is "as registered" and may be a placeholder.
type Fields struct {
	Sex   string `json:"sex"`   // "male", "female" or "" (temporary/unknown)
	Year  string `json:"year"`  // e.g. "1985" or "1925 or 2025" where ambiguous
	Month string `json:"month"` // "May" or "unknown"
	Place string `json:"place"` // "Paris (75), commune 111", "born abroad: Maroc (99350)", ...
	Order string `json:"order"` // "006"
}

// Result is the verdict on one input. It holds no full number.
type Result struct {
	Valid       bool     `json:"valid"`
	Kind        string   `json:"kind"`               // "nir" or "temporary" ("" if too malformed to tell)
	Error       string   `json:"error"`              // "" or chars|length|format|sex|month|key
	Message     string   `json:"message,omitempty"`  // plain English for Error
	ExpectedKey string   `json:"expected_key"`       // set for error key, and when 13 chars were given
	Warnings    []string `json:"warnings,omitempty"` // plain English
	Fields      *Fields  `json:"fields"`             // null when it cannot be decoded
	Masked      string   `json:"masked"`             // first digit and key only, e.g. "2 •• •• •• ••• ••• 38"

	// For Explain only; not part of the JSON.
	typedKey string // the key as typed, when 15 characters were given
	sexHint  string // "male"/"female" read from a temporary number's first digit
	brief    bool   // reduced to the verdict: Explain says how to see more
}

// Error codes, in the order the checks run (nir.md §6).
const (
	ErrChars  = "chars"
	ErrLength = "length"
	ErrFormat = "format"
	ErrSex    = "sex"
	ErrMonth  = "month"
	ErrKey    = "key"
)

// now is a variable so tests can fix the current year for the century rule.
var now = time.Now

// scanned is the input after dropping separators. Only the first 16
// characters are kept: enough to check and decode, and memory stays constant
// whatever the input size.
type scanned struct {
	buf [16]byte // upper-cased ASCII letters and digits; 0 for a disallowed character
	n   int      // number of characters, separators not counted
	bad int      // 1-based position (in the trimmed input) of the first disallowed character
}

func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '.', '-', '/':
		return true
	}
	return r >= '\u2010' && r <= '\u2014' // hyphen to em dash
}

func scan(input string) scanned {
	var sc scanned
	pos := 0
	for _, r := range strings.TrimSpace(input) { // invalid UTF-8 comes as RuneError
		pos++
		if isSeparator(r) {
			continue
		}
		sc.n++
		var c byte
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			c = byte(r)
		case r >= 'a' && r <= 'z':
			c = byte(r) - 'a' + 'A'
		default:
			if sc.bad == 0 {
				sc.bad = pos
			}
		}
		if sc.n <= len(sc.buf) {
			sc.buf[sc.n-1] = c
		}
	}
	return sc
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// masked shows the first digit and, for 15 characters, the key; every other
// character becomes a bullet, grouped like a Carte Vitale (S YY MM DD CCC NNN KK).
func (sc scanned) masked() string {
	if sc.n == 0 {
		return ""
	}
	var b strings.Builder
	limit := min(sc.n, 15)
	for i := range limit {
		switch i {
		case 1, 3, 5, 7, 10, 13:
			b.WriteByte(' ')
		}
		c := sc.buf[i]
		show := isDigit(c) && (i == 0 || (sc.n == 15 && i >= 13))
		if show {
			b.WriteByte(c)
		} else {
			b.WriteString("•")
		}
	}
	if sc.n > 15 {
		b.WriteString("…")
	}
	return b.String()
}

// wellFormed matches ^[0-9]{5}([0-9]{2}|2[AB])[0-9]{6}([0-9]{2})?$ on the
// normalised text (nir.md §0).
func wellFormed(s string) bool {
	if len(s) != 13 && len(s) != 15 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			continue
		}
		if i == 6 && s[5] == '2' && (s[i] == 'A' || s[i] == 'B') {
			continue
		}
		return false
	}
	return true
}

// keyOf computes 97 - (N mod 97) of a well-formed 13-character body, with
// 2A→19 and 2B→18 at positions 6–7 only (nir.md §3).
func keyOf(body string) string {
	var n uint64
	for i := range 13 {
		c := body[i]
		switch {
		case i == 5 && (body[6] == 'A' || body[6] == 'B'):
			c = '1'
		case i == 6 && c == 'A':
			c = '9'
		case i == 6 && c == 'B':
			c = '8'
		}
		n = n*10 + uint64(c-'0')
	}
	return fmt.Sprintf("%02d", 97-n%97)
}

// Key returns the 2-digit key of a 13-character body. The body is normalised
// like Check's input (separators, lower-case 2a/2b).
func Key(body13 string) (string, error) {
	sc := scan(body13)
	switch {
	case sc.bad > 0:
		return "", fmt.Errorf("nir: %s", charsMessage(sc.bad))
	case sc.n != 13:
		return "", fmt.Errorf("nir: the body must have 13 characters, not %d", sc.n)
	}
	body := string(sc.buf[:13])
	if !wellFormed(body) {
		return "", fmt.Errorf("nir: %s", formatMessage)
	}
	return keyOf(body), nil
}

func validMonth(m int) bool {
	return (m >= 1 && m <= 12) || (m >= 20 && m <= 42) || m >= 50
}

const formatMessage = "Only digits are allowed, except 2A or 2B (Corsica) as the 6th and 7th characters."

func charsMessage(pos int) string {
	return fmt.Sprintf("Character %d is not allowed: use digits (and 2A or 2B for Corsica); spaces, dots, dashes and slashes are ignored.", pos)
}

func lengthMessage(n int) string {
	const want = "a social security number has 13 characters, or 15 with the key"
	switch {
	case n == 0:
		return "Nothing typed yet: " + want + "."
	case n == 1:
		return "Only 1 character typed: " + want + "."
	case n < 13:
		return fmt.Sprintf("Too short: %d characters typed, but %s.", n, want)
	case n == 14:
		return "14 characters typed: " + want + " (the key has 2 digits)."
	default:
		return fmt.Sprintf("Too long: %d characters typed, but %s.", n, want)
	}
}

func sexMessage(c byte, n int) string {
	msg := "The first digit must be 1 or 2 (or 3, 4, 7 or 8 for a temporary number)"
	switch {
	case c == '5' || c == '6':
		if n == 13 {
			return msg + "; a 13-digit number starting with 5 or 6 may be an internal Assurance Maladie number for people passing through (MIG), which is not a social security number."
		}
		return msg + "; 5 and 6 are not used for social security numbers."
	case c == '0' || c == '9':
		return msg + fmt.Sprintf("; %c is never used.", c)
	}
	return msg + "."
}

// Check normalises input, runs the checks of nir.md §6 in order and stops at
// the first error. 13 characters (no key) are accepted and the key computed.
func Check(input string) Result {
	sc := scan(input)
	r := Result{Masked: sc.masked()}
	if sc.bad > 0 {
		return fail(r, ErrChars, charsMessage(sc.bad))
	}
	if sc.n != 13 && sc.n != 15 {
		return fail(r, ErrLength, lengthMessage(sc.n))
	}
	s := string(sc.buf[:sc.n])
	if !wellFormed(s) {
		return fail(r, ErrFormat, formatMessage)
	}
	switch s[0] {
	case '1', '2':
		r.Kind = "nir"
	case '3', '4', '7', '8':
		r.Kind = "temporary"
	default:
		return fail(r, ErrSex, sexMessage(s[0], sc.n))
	}
	if m := int(s[3]-'0')*10 + int(s[4]-'0'); !validMonth(m) {
		return fail(r, ErrMonth, "The month (4th and 5th digits) must be 01 to 12, or 20 to 42 or 50 to 99 when the month of birth is unknown.")
	}
	key := keyOf(s[:13])
	if sc.n == 15 {
		r.typedKey = s[13:]
		if r.typedKey != key {
			r.Error = ErrKey
			r.Message = fmt.Sprintf("The key (last 2 digits) does not match the rest of the number: expected %s, so a digit is probably mistyped.", key)
		}
	}
	if sc.n == 13 || r.Error == ErrKey {
		r.ExpectedKey = key
	}
	r.Fields, r.Warnings, r.sexHint = decode(s)
	if sc.n == 13 && (s[0] == '7' || s[0] == '8') && (s[1] == '1' || s[1] == '2') {
		r.Warnings = append(r.Warnings, "A 13-digit number starting with 7 or 8 may also be an old provisional Assurance Maladie number (NNP, abolished at the end of 2022), which has no key and is read differently.")
	}
	r.Valid = r.Error == ""
	return r
}

func fail(r Result, code, msg string) Result {
	r.Error, r.Message = code, msg
	return r
}

var monthNames = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// specimenBody is the body of the public Carte Vitale specimen 269054958815780.
const specimenBody = "2690549588157"

// decode reads the fields of a well-formed number whose first digit and month
// have been checked.
func decode(s string) (f *Fields, warnings []string, sexHint string) {
	f = &Fields{Order: s[10:13]}
	sex := "female" // even first digits: 2, 4, 8
	if s[0]%2 == 1 {
		sex = "male" // 1, 3, 7
	}
	if s[0] == '1' || s[0] == '2' {
		f.Sex = sex
	} else {
		sexHint = sex // temporary numbers: not a reliable statement (nir.md §2.1)
	}

	yy := int(s[1]-'0')*10 + int(s[2]-'0')
	years := candidateYears(yy)
	if len(years) == 2 {
		f.Year = fmt.Sprintf("%d or %d", years[0], years[1])
	} else {
		f.Year = fmt.Sprint(years[0])
	}

	if m := int(s[3]-'0')*10 + int(s[4]-'0'); m <= 12 {
		f.Month = monthNames[m-1]
	} else {
		f.Month = "unknown"
		warnings = append(warnings, "The month of birth is unknown (code 20 or above): the civil-status record was incomplete, which is common for people born abroad.")
	}

	var w string
	f.Place, w = place(s[5:10], years)
	if w != "" {
		warnings = append(warnings, w)
	}
	if f.Order == "000" {
		warnings = append(warnings, "Order number 000 has not been seen in real numbers; check the 11th to 13th digits.")
	}
	if s[:13] == specimenBody {
		warnings = append(warnings, "This is the public specimen number printed on sample Carte Vitale cards, not a real person's number.")
	}
	return f, warnings, sexHint
}

// candidateYears gives 19yy, and also 20yy unless that is in the future: the
// number holds only two digits of the year (nir.md §2.2).
func candidateYears(yy int) []int {
	if y := 2000 + yy; y <= now().Year() {
		return []int{1900 + yy, y}
	}
	return []int{1900 + yy}
}

// communeRef is the commune part of a place ("…, commune 168").
var communeRef = regexp.MustCompile(`, commune [0-9A-Za-z]+`)

// Reduce returns r with only what d allows: for Verdict no decoded field
// nor warning about them (the verdict, the error and the key remain), for
// Private no commune and no order number.
func (r Result) Reduce(d Detail) Result {
	switch {
	case d == Full || r.Fields == nil:
		if d == Verdict {
			r.Warnings, r.sexHint = nil, ""
		}
		return r
	case d == Verdict:
		r.Fields, r.Warnings, r.sexHint = nil, nil, ""
		r.brief = true
		return r
	}
	f := *r.Fields
	f.Place = communeRef.ReplaceAllString(f.Place, "")
	f.Order = ""
	r.Fields = &f
	return r
}

// Explain turns a Result into lines for the CLI and the TUI: the verdict, the
// decoded fields, the temporary-number note and the warnings. It works on any
// Result, including partial input, and never shows the full number.
func (r Result) Explain() []string {
	var out []string
	switch {
	case r.Valid && r.Kind == "temporary":
		out = append(out, "Valid temporary number.")
	case r.Valid:
		out = append(out, "Valid social security number.")
	case r.Message != "":
		out = append(out, "Not valid: "+r.Message)
	default:
		out = append(out, "Not valid.")
	}
	if f := r.Fields; f != nil {
		switch {
		case f.Sex != "":
			out = append(out, "Sex: "+f.Sex)
		case r.sexHint != "":
			out = append(out, "Sex: probably "+r.sexHint+" (temporary number)")
		}
		born := "Born: " + f.Year
		if f.Month == "unknown" {
			born += ", month unknown"
		} else if f.Month != "" {
			born = "Born: " + f.Month + " " + f.Year
		}
		if strings.Contains(f.Year, " or ") {
			born += " (the number holds only the last two digits of the year)"
		}
		out = append(out, born)
		if p, ok := strings.CutPrefix(f.Place, "born abroad: "); ok {
			out = append(out, "Place of birth: abroad, "+p+" (as registered)")
		} else if f.Place != "" {
			out = append(out, "Place of birth: "+f.Place)
		}
		if f.Order != "" {
			out = append(out, "Order number: "+f.Order)
		}
	}
	switch {
	case r.Error == ErrKey && r.typedKey != "":
		out = append(out, fmt.Sprintf("Key: %s typed, %s expected", r.typedKey, r.ExpectedKey))
	case r.Valid && r.typedKey != "":
		out = append(out, "Key: "+r.typedKey+" (matches)")
	case r.Valid && r.ExpectedKey != "":
		out = append(out, "Key: "+r.ExpectedKey+" (computed: you typed the 13 characters without the key)")
	}
	if r.Kind == "temporary" && r.Fields != nil {
		out = append(out,
			"This is a temporary number (a NIA or an older provisional number), not yet a definitive social security number.",
			"With a NIA you cannot get a Carte Vitale or open an ameli account yet; ameli says a NIA can be used for 9 months while the definitive number is issued.",
			"Its key is checked the same way, but the decoded fields may be placeholders.")
	}
	for _, w := range r.Warnings {
		out = append(out, "Warning: "+w)
	}
	if r.Valid {
		out = append(out, "A valid key shows the number is well formed, not that it exists or is yours.")
	}
	if r.brief && r.Kind != "" {
		out = append(out, "What the number says (sex, birth, place): run with --explain.")
	}
	return out
}
