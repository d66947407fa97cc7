//go:build unix

package content_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestHostileFileSystem(t *testing.T) {
	type setup func(t *testing.T, dir string)
	symlink := func(target, name string) setup {
		return func(t *testing.T, dir string) {
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		setup []setup
		want  []string // problem prefixes; none means the folder loads
	}{
		{
			name:  "symlink loop between two files",
			setup: []setup{symlink("b.md", "a.md"), symlink("a.md", "b.md")},
			want: []string{
				"a.md: cannot read: too many levels of symbolic links",
				"b.md: cannot read: too many levels of symbolic links",
			},
		},
		{
			name:  "symlink to itself",
			setup: []setup{symlink("self.md", "self.md")},
			want:  []string{"self.md: cannot read: too many levels of symbolic links"},
		},
		{
			name: "symlinks making a folder loop are not followed",
			setup: []setup{
				func(t *testing.T, dir string) { writeTree(t, dir, map[string]string{"sub/deeper/.keep": ""}) },
				symlink("..", "sub/up"),
				symlink(".", "sub/deeper/self"),
				symlink("../..", "sub/deeper/top"),
			},
		},
		{
			name:  "symlink named .md to a folder",
			setup: []setup{symlink(".", "loop.md")},
			want:  []string{"loop.md: is a folder, not a file"},
		},
		{
			name:  "dangling symlink",
			setup: []setup{symlink("nowhere.md", "gone.md")},
			want:  []string{"gone.md: cannot read: no such file or directory"},
		},
		{
			name:  "symlink to an endless device",
			setup: []setup{symlink("/dev/zero", "zero.md")},
			want:  []string{"zero.md: not a regular file"},
		},
		{
			name: "named pipe, which would block an open",
			setup: []setup{func(t *testing.T, dir string) {
				if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
					t.Skip("cannot make a named pipe:", err)
				}
			}},
			want: []string{"pipe.md: not a regular file"},
		},
		{
			name: "unreadable file",
			setup: []setup{func(t *testing.T, dir string) {
				if os.Geteuid() == 0 {
					t.Skip("root can read a file whatever its mode")
				}
				writeTree(t, dir, map[string]string{"locked.md": entryText("locked", "term", "Locked")})
				if err := os.Chmod(filepath.Join(dir, "locked.md"), 0); err != nil {
					t.Fatal(err)
				}
			}},
			want: []string{"locked.md: cannot read: permission denied"},
		},
		{
			name: "unreadable folder",
			setup: []setup{func(t *testing.T, dir string) {
				if os.Geteuid() == 0 {
					t.Skip("root can read a folder whatever its mode")
				}
				writeTree(t, dir, map[string]string{"closed/x.md": entryText("x", "term", "X")})
				p := filepath.Join(dir, "closed")
				if err := os.Chmod(p, 0); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(p, 0o755) })
			}},
			want: []string{"closed: cannot read: permission denied"},
		},
		{
			name: "file name with escape sequences is shown escaped",
			setup: []setup{func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"e\x1b]0;pwned\x07\u009b2J.md": "no front matter"})
			}},
			want: []string{`e\x1b]0;pwned\a\u009b2J.md:1: missing front matter`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"cpam.md": entryText("cpam", "agency", "CPAM")})
			for _, s := range tt.setup {
				s(t, dir)
			}
			lib, probs := loadDir(t, dir, quick)
			if len(tt.want) == 0 {
				if lib == nil || len(lib.Entries) != 1 {
					t.Fatalf("want the folder to load with its one entry; got %v", probs)
				}
				return
			}
			if len(probs) != len(tt.want) {
				t.Errorf("got %d problems, want %d:\n%v", len(probs), len(tt.want), probs)
			}
			for _, w := range tt.want {
				wantProblem(t, probs, w)
			}
		})
	}
}
