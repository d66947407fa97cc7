package nir

import (
	"strings"
	"testing"
)

// TestPlaceYearDoesNotFit: a place code used only for some birth years
// says when the year read from the number does not fit.
func TestPlaceYearDoesNotFit(t *testing.T) {
	for _, c := range []struct {
		body string
		fits bool
	}{
		{"1500520123001", true},  // Corsica 20 in 1950
		{"1800520123001", false}, // Corsica 20 in 1980
		{"1500596123001", true},  // Tunisia 96 in 1950
		{"1700596123001", false}, // Tunisia 96 in 1970
		{"1850599115001", true},  // Czechoslovakia in 1985
		{"1950599115001", false}, // Czechoslovakia (until 1993) in 1995
		{"1010599115001", true},  // 1901 or 2001: 1901 fits
	} {
		r := Check(withKey(t, c.body))
		if !r.Valid {
			t.Fatalf("%s: not valid: %s", c.body, r.Message)
		}
		text := strings.Join(r.Explain(), "\n")
		if got := strings.Contains(text, "does not fit a birth in"); got == c.fits {
			t.Errorf("%s: fits=%v, but explain says:\n%s", c.body, c.fits, text)
		}
	}
}

func TestReduce(t *testing.T) {
	r := Check("255081416802538")
	full := strings.Join(r.Explain(), "\n")
	private := strings.Join(r.Reduce(Private).Explain(), "\n")
	verdict := strings.Join(r.Reduce(Verdict).Explain(), "\n")
	for _, w := range []string{"commune 168", "Order number: 025", "Born: August 1955"} {
		if !strings.Contains(full, w) {
			t.Errorf("full explanation lacks %q:\n%s", w, full)
		}
	}
	if strings.Contains(private, "168") || strings.Contains(private, "025") || !strings.Contains(private, "Calvados (14)") {
		t.Errorf("private explanation:\n%s", private)
	}
	for _, no := range []string{"Sex", "Born", "Place", "Order", "1955", "Calvados"} {
		if strings.Contains(verdict, no) {
			t.Errorf("verdict shows %q:\n%s", no, verdict)
		}
	}
	if !strings.HasPrefix(verdict, "Valid social security number.") || !strings.Contains(verdict, "--explain") {
		t.Errorf("verdict:\n%s", verdict)
	}
	bad := strings.Join(Check("255081416802539").Reduce(Verdict).Explain(), "\n")
	if !strings.Contains(bad, "expected 38") || strings.Contains(bad, "1955") {
		t.Errorf("invalid verdict:\n%s", bad)
	}
}
