//go:build !linux

package earlyheap

// Transparent huge pages are Linux's: nothing to advise elsewhere.
func advise() {}
