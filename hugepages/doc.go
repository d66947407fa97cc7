// Package hugepages asks Linux to back the program's heap with
// transparent huge pages, before the other packages initialize.
//
// On the 2-core VM this project is built on, a page fault costs some
// 17 µs, and secu faulted in its heap 4 KiB at a time: ~2,100 faults
// for the built-in guide, most of them while Glamour's dependencies
// (chroma's lexer and style tables) initialize before main, and ~900
// more for a 10,000-entry folder. With the heap in 2 MiB pages, most of
// those are gone (README, Performance).
//
// The work must come before those packages' init, so this package
// imports nothing that initializes late: Go initializes packages one at
// a time, the first by import path of those whose imports are done, and
// a package that imported strings (and so unicode) would wait until
// after chroma. main imports it for its init alone; TestInitOrder in
// e2e checks that it runs first.
package hugepages
