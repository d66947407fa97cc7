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

func TestTodayFollowsSECU_TODAY(t *testing.T) {
	t.Setenv("SECU_TODAY", "2028-03-01")
	if got := Today(); got.Format("2006-01-02") != "2028-03-01" {
		t.Errorf("Today() = %v with SECU_TODAY=2028-03-01", got)
	}
	t.Setenv("SECU_TODAY", "garbage")
	if got := Today(); time.Since(got) > time.Minute {
		t.Errorf("Today() = %v with a malformed SECU_TODAY, want the clock", got)
	}
}
