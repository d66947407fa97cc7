package content

import (
	"os"
	"time"
)

// AgeMonths returns how many whole months have passed between an entry's
// verified date ("2006-01" or "2006-01-02") and now, and false when the
// date is missing or malformed. A date in the future counts as 0.
func AgeMonths(verified string, now time.Time) (int, bool) {
	var t time.Time
	var err error
	switch len(verified) {
	case len("2006-01"):
		t, err = time.Parse("2006-01", verified)
	case len("2006-01-02"):
		t, err = time.Parse("2006-01-02", verified)
	default:
		return 0, false
	}
	if err != nil {
		return 0, false
	}
	n := (now.Year()-t.Year())*12 + int(now.Month()) - int(t.Month())
	if len(verified) == len("2006-01-02") && now.Day() < t.Day() {
		n-- // not a whole month yet
	}
	return max(0, n), true
}

// Today is the date entries' ages are counted from: the clock, or
// SECU_TODAY (YYYY-MM-DD) when set, so that tests and a curious user can
// see what the stale warnings will say later. Both the reader and the
// command line use it.
func Today() time.Time {
	if s := os.Getenv("SECU_TODAY"); s != "" {
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t
		}
	}
	return time.Now()
}
