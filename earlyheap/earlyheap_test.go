package earlyheap

import (
	"runtime"
	"testing"
)

// While the ballast is held the collector's target stays past it, so
// that the packages' start-up allocations do not reach it; Release hands
// it to the next collection.
func TestBallast(t *testing.T) {
	if len(ballast) != BallastBytes {
		t.Fatalf("ballast held: %d, want %d", len(ballast), BallastBytes)
	}
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	if m.HeapAlloc < BallastBytes || m.NextGC < 2*BallastBytes {
		t.Fatalf("with the ballast: live heap %d, next collection at %d; want at least %d and %d", m.HeapAlloc, m.NextGC, BallastBytes, 2*BallastBytes)
	}
	Release()
	if len(ballast) != 0 {
		t.Errorf("ballast held after Release: %d", len(ballast))
	}
	runtime.GC()
	runtime.ReadMemStats(&m)
	if m.HeapAlloc >= BallastBytes {
		t.Errorf("after Release: live heap %d, want the ballast (%d) gone", m.HeapAlloc, BallastBytes)
	}
}
