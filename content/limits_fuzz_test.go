package content

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzLimits: for any body, the limit checks return quickly and never
// panic; mapProse with the identity changes nothing; EncodeURLs leaves no
// non-ASCII byte in a link target and is idempotent; Clean leaves no
// invisible character.
func FuzzLimits(f *testing.F) {
	for _, tc := range hostileBodies {
		if len(tc.body) < 2000 {
			f.Add(tc.body)
		}
	}
	f.Add("See [a](https://x.de/Ü) `[b](b.md)`\n\n```\n[c](c.md)\n```\n> - *x* <https://y/✔> www.z/本")
	f.Add("\u202eab\u200b\u00ad❤\ufe0f 👩\u200d💻")
	f.Fuzz(func(t *testing.T, body string) {
		start := time.Now()
		scanLimits(body)
		CheckBody(body)
		if d := time.Since(start); d > hang {
			t.Fatalf("limit checks took %v", d)
		}
		if got := mapProse(body, func(_ int, s string) string { return s }); got != body {
			t.Fatalf("mapProse changed the body:\n%q\n%q", body, got)
		}
		enc := EncodeURLs(body)
		if EncodeURLs(enc) != enc {
			t.Fatalf("EncodeURLs is not idempotent on %q", body)
		}
		mapProse(enc, func(_ int, s string) string {
			for _, m := range urlPattern.FindAllString(s, -1) {
				if !isASCII(m) && utf8.ValidString(m) {
					t.Fatalf("target %q still holds non-ASCII", m)
				}
			}
			return s
		})
		c := Clean(body)
		for _, r := range c {
			if isInvisible(r) {
				t.Fatalf("Clean left %U in %q", r, c)
			}
		}
		if strings.Count(c, "\n") != strings.Count(body, "\n") {
			t.Fatalf("Clean changed the line count")
		}
	})
}
