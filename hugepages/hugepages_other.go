//go:build !linux

package hugepages

// Transparent huge pages are Linux's: nothing to do elsewhere.
