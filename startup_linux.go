package main

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugeHeapBytes is how much of the heap hugeHeap readies: about what a
// 10,000-entry folder allocates before its first frame.
const hugeHeapBytes = 64 << 20

// hugeHeap asks Linux to back the next hugeHeapBytes of the heap with
// transparent huge pages (MADV_HUGEPAGE, for systems where THP is
// "madvise"): one fault per 2 MiB instead of one per 4 KiB page. On the
// 2-core VM this project is built on a page fault costs ~17 µs, and a
// 10,000-entry folder touches ~40 MB before its first frame: 247 → 203 ms.
// The runtime maps heap memory when it first needs it, so the range is
// mapped by allocating it, advised, then freed by one collection (~3 ms:
// the built-in guide, which allocates little, is not worth it). Go stopped
// advising its heap (1.21.1) because such a fault may compact memory
// synchronously (golang/go#61718): one bounded range, once, keeps that
// risk small. See docs/upstream.md §5.
func hugeHeap() {
	b := make([]byte, hugeHeapBytes)
	const huge = 2 << 20
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := (p + huge - 1) &^ (huge - 1)
	end := (p + hugeHeapBytes) &^ (huge - 1)
	if beg < end {
		syscall.Syscall(syscall.SYS_MADVISE, beg, end-beg, 14 /* MADV_HUGEPAGE */)
	}
	runtime.KeepAlive(b)
	runtime.GC()
}
