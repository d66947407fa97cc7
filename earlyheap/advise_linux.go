package earlyheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

// heapBytes is how much of the heap advise readies: about what a
// 10,000-entry folder allocates before its first frame. Only what is
// touched takes memory.
const heapBytes = 64 << 20

// advise backs the next heapBytes of the heap with transparent huge
// pages (MADV_HUGEPAGE, for systems where THP is "madvise"): one fault
// per 2 MiB instead of one per 4 KiB page. The runtime maps heap memory
// when it first needs it, so the range is mapped by allocating it,
// advised, then freed by one collection, and the allocations that follow
// reuse it. Go stopped advising its heap itself (1.21.1) because such a
// fault may compact memory synchronously (golang/go#61718): one bounded
// range, once, keeps that risk small. See docs/upstream.md §5.
func advise() {
	b := make([]byte, heapBytes)
	const huge = 2 << 20
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := (p + huge - 1) &^ (huge - 1)
	end := (p + heapBytes) &^ (huge - 1)
	if beg < end {
		syscall.Syscall(syscall.SYS_MADVISE, beg, end-beg, 14 /* MADV_HUGEPAGE */)
	}
	runtime.KeepAlive(b)
	runtime.GC()
}
