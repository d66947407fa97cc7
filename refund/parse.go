package refund

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// ParseEuros reads an amount as people type it: 30, 26.50, 26,50 (a
// French decimal comma), 30 € or 30€.
func ParseEuros(s string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "€"))
	t = strings.Replace(t, ",", ".", 1)
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || v > 100000 || math.IsNaN(v) {
		return 0, errors.New("an amount in euros between 0 and 100000, such as 30 or 26.50")
	}
	return v, nil
}

// ParseCover reads a mutuelle's cover in % of the base: 100, 150 %,
// 200%; empty, 0, no or none mean no mutuelle.
func ParseCover(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")))
	switch t {
	case "", "none", "no", "0":
		return 0, nil
	}
	v, err := strconv.Atoi(strings.TrimSpace(t))
	if err != nil || v < 100 || v > 1000 {
		return 0, errors.New("the cover in % of the base, from 100 to 1000 (such as 100, 150 or 200), or none")
	}
	return v, nil
}
