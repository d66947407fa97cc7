// Package earlyheap readies the Go heap before the program's other
// packages initialize: a ballast, so that the collector does not run
// while they do, and, on Linux, transparent huge pages for what they and
// the first frame allocate.
//
// Before main, Go initializes every package one after the other (some
// 40 ms on the 2-core VM this project is built on, most of it Glamour's
// dependencies: chroma's lexer and style tables). They allocate some
// 6 MB, and the collector, at its default target, ran twice meanwhile:
// `secu --version` took 54.7 ms with those collections and 47.1 ms
// without (medians of 30). main cannot change the target before then
// (runtime/debug initializes late); a ballast can: an 8 MiB allocation,
// never written, so it takes no memory, that keeps the first target past
// what the packages allocate. main's start-up tuning gives it back
// (Release) once start-up is over.
//
// A page fault costs some 17 µs on that VM, and the heap used to fault
// in 4 KiB at a time: ~2,100 faults for the built-in guide, most of them
// in package init, and ~900 more for a 10,000-entry folder. With the heap
// in 2 MiB pages, most of those are gone (README, Performance).
//
// Both must come before the other packages' init, so this package
// imports nothing that initializes late: Go initializes packages one at
// a time, the first by import path of those whose imports are done, and
// a package that imported strings (and so unicode) would wait until
// after chroma. TestInitOrder in e2e checks that it runs first and that
// no collection runs after it until main.
package earlyheap

// BallastBytes is the ballast's size: the collector's first target is
// about twice the live heap, so the 6 MB the packages allocate fit.
const BallastBytes = 8 << 20

var ballast []byte

func init() {
	ballast = make([]byte, BallastBytes)
	advise()
}

// Release gives the ballast back: the next collection frees it. Call it
// once start-up is over; the memory limit set meanwhile should leave it
// room (BallastBytes).
func Release() { ballast = nil }
