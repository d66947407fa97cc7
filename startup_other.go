//go:build !linux

package main

// hugeHeap does nothing here: transparent huge pages are Linux's.
func hugeHeap() {}
