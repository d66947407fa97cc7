package main

import (
	"math"
	"runtime/debug"
	"sync"
)

// Start-up allocates about 16 MB of short-lived garbage (YAML nodes, the
// first render) on a heap of 4 MB, so the default GOGC=100 collects three
// or four times before the first frame, each stopping the world. Until
// start-up is over, collect only past startupHeap; then return to the
// defaults (or to what GOGC and GOMEMLIMIT in the environment say, which
// always win: with either set, nothing changes here).
const startupHeap = 48 << 20

var (
	gcTuned   bool
	restoreGC = sync.OnceFunc(func() {
		if gcTuned {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
		}
	})
)

// tuneGCForStartup is called first thing in main.
func tuneGCForStartup(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	gcTuned = true
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startupHeap)
}
