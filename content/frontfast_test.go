package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameTree reports the first difference between fastFront's tree and
// the one decodeFront reads from yaml.v3's. Whether a scalar is an int
// matters for order only (a title "12" is read as text either way).
func sameTree(fast, slow fnode, at string, intMatters bool) error {
	if fast.kind != slow.kind || fast.line != slow.line || len(fast.content) != len(slow.content) ||
		fast.value != slow.value || fast.null != slow.null ||
		intMatters && (fast.isInt != slow.isInt || fast.intVal != slow.intVal) {
		return fmt.Errorf("%s: %+v, yaml.v3 %+v", at, fast, slow)
	}
	for i := range fast.content {
		order := fast.kind == yaml.MappingNode && i%2 == 1 && fast.content[i-1].value == "order"
		if err := sameTree(fast.content[i], slow.content[i], fmt.Sprintf("%s/%d", at, i), order); err != nil {
			return err
		}
	}
	return nil
}

// checkFast: when fastFront takes src, its tree is yaml.v3's; it reports
// whether it took it.
func checkFast(t *testing.T, name, src string) bool {
	t.Helper()
	fast, ok := fastFront(src)
	if !ok {
		return false
	}
	var slow yaml.Node
	if err := decodeYAML(src, &slow); err != nil {
		t.Errorf("%s: fastFront took front matter that yaml.v3 refuses (%v):\n%s", name, err, src)
		return true
	}
	if err := sameTree(fast, fromYAML(&slow), name, false); err != nil {
		t.Errorf("%v\n%s", err, src)
	}
	return true
}

func frontOf(data string) string {
	_, rest, _ := strings.Cut(data, "---\n")
	fm, _, _ := strings.Cut(rest, "\n---")
	return fm + "\n"
}

func TestFastFrontMatchesYAML(t *testing.T) {
	taken := 0
	n := 0
	fs.WalkDir(EmbeddedFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, _ := fs.ReadFile(EmbeddedFS(), p)
		n++
		if checkFast(t, p, frontOf(string(b))) {
			taken++
		}
		return nil
	})
	// The guide is written plainly: the fast path must take nearly all of it.
	if taken < n*9/10 {
		t.Errorf("fastFront took %d of %d guide entries", taken, n)
	}
	dir := t.TempDir()
	if err := WriteSynthetic(dir, 300); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			if !checkFast(t, p, frontOf(string(b))) {
				t.Errorf("%s: generated front matter not taken by the fast path", p)
			}
		}
		return nil
	})
	for _, src := range []string{
		"id: a\n", "id: a b  \n", "id: 'a'\n", "id: \"a\"\n", "title: d'allocations\n",
		"order: 3\n", "order: 03\n", "order: 0x10\n", "order: 1.5\n", "order: '3'\n", "order: -1\n",
		"id: null\n", "id: ~\n", "id:\n", "id: \n", "id:x\n", "id: a: b\n", "id: a:b\n", "id: a #c\n",
		"keywords: []\n", "keywords: [ ]\n", "keywords: [a, b]\n", "keywords: [a,b]\n", "keywords: [a ,b ]\n",
		"keywords: [\"a, b\", 'c']\n", "keywords: [a, null]\n", "keywords: [a, ~]\n", "keywords: [a,]\n",
		"keywords: [a, [b]]\n", "keywords: [https://x.fr/a?b=c, d]\n", "keywords: [a:b, c]\n", "keywords: [a: b]\n",
		"keywords: [d'a, \"x\"]\n", "keywords: ['it''s']\n", "keywords: [\"a\\\"b\"]\n", "keywords: [a] x\n",
		"title: yes\n", "title: 12\n", "title: 2026-11\n", "title: true\n", "title: a [b]\n", "title: \"a\" b\n",
		"id: a\nid: b\n", "id: a\n\nkind: b\n", "id: a\n  kind: b\n", "Id: a\n", "id: *x\n", "id: &x a\n",
		"id: !!str a\n", "id: |\n  a\n", "id: >\n  a\n", "id: -a\n", "id: - a\n", "id: @a\n", "id: `a`\n",
		"id: %a\n", "id: a\u2028b\n", "id: a\u0085b\n", "id: \ufeffa\n", "id: a\tb\n", "id: 'a' \n",
		"sources: [\"https://a.fr/?p=56\", https://b.fr/c_(d).html]\n", "keywords: [https://x.fr/a?b=c, d]\n", "title: what?\n", "title: C'est ça : oui\n", "title: ça\n",
	} {
		checkFast(t, fmt.Sprintf("%q", src), src)
	}
	// Every byte in the middle of a plain scalar, in a list and alone.
	for c := byte(' '); c < 0x7f; c++ {
		for _, src := range []string{"k: [a" + string(c) + "b, x]\n", "k: a" + string(c) + "b\n", "k: [a" + string(c) + ", x]\n", "k: a" + string(c) + "\n"} {
			checkFast(t, fmt.Sprintf("%q", src), src)
		}
	}
}

func BenchmarkFrontMatter(b *testing.B) {
	src := frontOf(string(must(fs.ReadFile(EmbeddedFS(), "agencies/caf.md"))))
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			fastFront(src)
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		for b.Loop() {
			var n yaml.Node
			decodeYAML(src, &n)
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// FuzzFastFront: whatever front matter the fast path takes, yaml.v3 reads
// the same way.
func FuzzFastFront(f *testing.F) {
	for _, s := range []string{"id: a\n", "keywords: [a, \"b\", 'c']\n", "order: 3\n", "title: d'a b\nid: x\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkFast(t, "fuzz", src)
	})
}
