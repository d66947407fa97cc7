package content

import (
	"testing"
	"time"
)

func TestAgeMonths(t *testing.T) {
	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"2026-12", 0, true},
		{"2026-11", 1, true},
		{"2025-12", 12, true},
		{"2025-10", 14, true},
		{"2025-12-03", 11, true},
		{"2025-12-02", 12, true},
		{"2027-03", 0, true},
		{"", 0, false},
		{"2025-13", 0, false},
		{"last year", 0, false},
	} {
		got, ok := AgeMonths(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("AgeMonths(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
