package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"

	"secu/earlyheap"
)

// Start-up allocates short-lived garbage (front matter, the first render)
// on a heap of 4 MB, so the default GOGC=100 collected several times
// before the first frame, each stopping the world. Until start-up is over
// (the CLI: loading done; the browser: its first frame written, see
// ui.Options.FirstFrame), collect only past startupHeap; then return to
// the defaults, or to what GOGC and GOMEMLIMIT in the environment say,
// which always win: with either set, nothing changes here.
//
// A folder whose live data alone nears startupHeap (100,000 entries) would
// make the runtime collect back to back at the limit: after each
// collection, a watch gives the defaults back as soon as the live heap
// passes three quarters of the limit (10,000 entries stay under it).
//
// Before main, package earlyheap's ballast kept the collector away while
// the packages initialized; it is counted in the limit until start-up is
// over, then given back.
const startupHeap = 48 << 20

var (
	gcTuned   atomic.Bool
	restoreGC = sync.OnceFunc(func() {
		earlyheap.Release()
		if gcTuned.Swap(false) {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
		}
	})
)

// tuneGCForStartup is called first thing in main.
func tuneGCForStartup(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		earlyheap.Release() // the environment's settings win
		return
	}
	gcTuned.Store(true)
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startupHeap + earlyheap.BallastBytes)
	watchLiveHeap()
}

// watchLiveHeap runs after every collection while start-up tuning lasts
// (a finalizer runs once its object is collected; it re-arms itself).
func watchLiveHeap() {
	runtime.SetFinalizer(new([16]byte), func(*[16]byte) {
		if !gcTuned.Load() {
			return
		}
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		if s[0].Value.Kind() == metrics.KindUint64 && s[0].Value.Uint64() > startupHeap/4*3+earlyheap.BallastBytes {
			restoreGC()
			return
		}
		watchLiveHeap()
	})
}
