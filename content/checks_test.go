package content

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// The hand-written checks must agree with the patterns they replace.
var (
	idRegexp    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	monthRegexp = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
)

func TestValidIDAndMonth(t *testing.T) {
	cases := []string{"", "-", "a", "a-", "-a", "a--b", "a-b", "cpam", "carte-vitale", "A", "é", "a_b", "a b", "2026-11", "2026-00", "2026-13", "2026-1", "2026-012", "202a-11", "0000-01", "9999-12", "2026/11", " 2026-11"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "az09-AZ_ é/"
	for range 20000 {
		b := make([]byte, r.IntN(9))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for range 20000 {
		b := []byte("2026-11")
		b[r.IntN(len(b))] = "0123456789-x"[r.IntN(12)]
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		if got, want := validID(c), idRegexp.MatchString(c); got != want {
			t.Errorf("validID(%q) = %v, the pattern says %v", c, got, want)
		}
		if got, want := validMonth(c), monthRegexp.MatchString(c); got != want {
			t.Errorf("validMonth(%q) = %v, the pattern says %v", c, got, want)
		}
	}
}

// A field value mayPassLimits lets through unscanned never passes a
// limit when scanned.
func TestMayPassLimits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = ">-+*_~[]`0123456789. ()ab\\#|<:/w@"
	checked := 0
	for range 200000 {
		b := make([]byte, 1+r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		v := string(b)
		if mayPassLimits(v) {
			continue
		}
		checked++
		if ps := scanLimits(v); len(ps) > 0 {
			t.Fatalf("mayPassLimits(%q) is false, but scanLimits finds %q", v, ps[0].msg)
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d values were below the threshold: the test checks too little", checked)
	}
	for _, v := range []string{"> > > > > > > > > x", "*_*_*_*_x_*_*_*", "[[[[[[[[x"} {
		if !mayPassLimits(v) {
			t.Errorf("mayPassLimits(%q) = false; it must be scanned", v)
		}
	}
}
