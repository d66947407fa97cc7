package ui

import (
	"strings"
	"testing"
	"time"
)

// TestCodeBlocksRenderQuickly: code that made Chroma's backtracking lexers
// take up to 40 s renders at once, since code is not highlighted.
func TestCodeBlocksRenderQuickly(t *testing.T) {
	payloads := map[string]string{
		"quotes":  strings.Repeat(`"\`, 8000),
		"ticks":   strings.Repeat("'a\\'", 5000),
		"comment": strings.Repeat("/*", 8000),
		"lt":      strings.Repeat("<a ", 8000),
		"dollar":  strings.Repeat("${", 8000),
		"nested":  strings.Repeat("((((", 4000),
		"spaces":  strings.Repeat(" \t", 8000) + "x",
		"heredoc": strings.Repeat("<<EOF\n", 3000),
	}
	for _, lang := range []string{"makefile", "perl", "sql", "c", ""} {
		for name, p := range payloads {
			lib, err := bodyLibrary(t, "```"+lang+"\n"+p+"\n```\n")
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			RenderEntry(lib, lib.Get("x"), 80, "dark")
			if d := time.Since(start); d > 500*time.Millisecond {
				t.Errorf("%s %s: %v", lang, name, d)
			}
		}
	}
}
