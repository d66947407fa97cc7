package content

import "time"

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
