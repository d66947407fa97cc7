package ui

import (
	"fmt"
	"runtime"
	"testing"

	tea "charm.land/bubbletea/v2"

	"secu/content"
	"secu/search"
)

// synthetic loads a generated folder of n entries, made once per run.
func synthetic(b *testing.B, n int) (*content.Library, string) {
	b.Helper()
	dir := b.TempDir()
	if err := content.WriteSynthetic(dir, n); err != nil {
		b.Fatal(err)
	}
	lib, err := content.Load(content.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	return lib, dir
}

// BenchmarkStart10k is the in-process part of the first frame with a
// 10,000-entry folder, as secu does it: open it (the front matter; the
// bodies are read after the frame, content.Finish), build the model at
// the terminal's size, draw the screen. (tools/firstframe measures exec
// to the frame on a pty.) The search index is not part of it either.
func BenchmarkStart10k(b *testing.B) {
	_, dir := synthetic(b, 10_000)
	fsys := content.DirFS(dir)
	b.ReportAllocs()
	for b.Loop() {
		lib, err := content.Open(fsys)
		if err != nil {
			b.Fatal(err)
		}
		m := New(Options{Library: lib, Width: 120, Height: 40})
		if m.View().Content == "" {
			b.Fatal("empty first frame")
		}
	}
}

// BenchmarkKeystroke is one keystroke of search as you type in the
// browser, index built: the key's Update and the View that follows, for
// each prefix of "carte v" typed one key at a time.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			lib, _ := synthetic(b, n)
			m := New(Options{Library: lib, Width: 120, Height: 40})
			m.Update(indexMsg{index: search.New(lib.Entries)})
			const query = "carte v"
			// The set-up's garbage (a whole index build) is collected
			// now, not by a cycle that would run beside the timed
			// keystrokes (at 100,000 entries it marks a 1 GB heap).
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				k := i % len(query)
				if k == 0 {
					// Clear the box, untimed, to type the query again.
					b.StopTimer()
					m.list.setQuery("")
					m.list.refresh("")
					b.StartTimer()
				}
				r := rune(query[k])
				msg := tea.KeyPressMsg{Code: r, Text: string(r)}
				if r == ' ' {
					msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
				}
				m.Update(msg)
				m.View()
			}
		})
	}
}
