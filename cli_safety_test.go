package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// hostileFolder is a --content folder whose entry carries terminal escape
// sequences in its front matter (YAML escapes) and raw in its body.
func hostileFolder(t *testing.T) string {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"evil.md": "---\n" +
			"id: evil\n" +
			"kind: term\n" +
			`title: "Evil \e[31mred\e[0m \e]0;pwned\a title \x9b2J"` + "\n" +
			`french: "Fr \e]8;;https://evil.example/osc8\aclick\e]8;;\a \e]52;c;aGVsbG8=\a c1 \u009b31m end"` + "\n" +
			`english: "Gloss \e[2J\e[H\e(0"` + "\n" +
			`aliases: ["Ali\e[1mas", "plain alias"]` + "\n" +
			`keywords: ["zebra\a", "kw\e]0;x\e\\"]` + "\n" +
			"see_also: [other]\n" +
			`website: "https://example.org/\e]8;;https://evil.example\a"` + "\n" +
			`sources: ["https://example.org/src\e[0m"]` + "\n" +
			"---\n" +
			"Summary with a zebra \x1b[2J clear \x1b]0;window title\x07 and \x1b]52;c;aGVsbG8=\x07 clipboard.\n\n" +
			"OSC 8: \x1b]8;;https://evil.example/hidden\x1b\\click me\x1b]8;;\x1b\\ here, C1 \u009b31m red, bell \x07 end.\n\n" +
			"DCS \x1bPq#0;2;0;0;0\x1b\\ and APC \x1b_Gf=100\x1b\\ and cursor \x1b[10A\x1b[2K up.\n\n" +
			"## Heading \x1b[5mblink\x1b[0m\n\n" +
			"- item \x1b[31mred\x1b[0m\n\n" +
			"See [Other](other.md).\n",
		"other.md": "---\nid: other\nkind: agency\ntitle: Other\n---\nPlain. Back to [evil](evil.md).\n",
	})
	return dir
}

// badBytes are what must never come out of untrusted content.
var badBytes = []struct{ name, s string }{
	{"ESC", "\x1b"},
	{"BEL", "\a"},
	{"C1 CSI U+009B", "\u009b"},
	{"C1 OSC U+009D", "\u009d"},
	{"CR", "\r"},
}

func noControls(t *testing.T, r result) {
	t.Helper()
	for _, out := range []string{r.stdout, r.stderr} {
		for _, b := range badBytes {
			if strings.Contains(out, b.s) {
				t.Errorf("output contains %s\n%q", b.name, clip(out))
			}
		}
	}
}

func TestEscapeInjection(t *testing.T) {
	dir := hostileFolder(t)
	for _, args := range [][]string{
		{"list"},
		{"list", "--json"},
		{"search", "evil"},
		{"search", "--json", "evil"},
		{"search", "--json", "clipboard"}, // a body match: the snippet
		{"search", "--json", "zebra"},
		{"search", "red"},
		{"show", "evil"},
		{"show", "--style", "notty", "--width", "30", "evil"},
		{"show", "--json", "evil"},
		{"show", "evil", "title"}, // found by query
		{"show", "other"},
		{"evil"}, // the root command without a terminal
		{},
		{"validate"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runSecu(t, append([]string{"--content", dir}, args...)...)
			wantCode(t, r, 0)
			noControls(t, r)
			if strings.Contains(strings.Join(args, " "), "json") {
				checkDecodedJSON(t, r)
			}
		})
	}
}

// checkDecodedJSON decodes the output and checks every string in it: JSON
// escapes such as \u001b would bring the bytes back in a consumer.
func checkDecodedJSON(t *testing.T, r result) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r)
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			for _, b := range badBytes {
				if strings.Contains(v, b.s) {
					t.Errorf("a JSON string holds %s: %q", b.name, v)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}

// sgr and osc8 are the sequences secu itself may write with --style dark.
var (
	sgr  = regexp.MustCompile(`\x1b\[[0-9;:]*m`)
	osc8 = regexp.MustCompile(`\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\)`)
)

func TestEscapeInjectionStyled(t *testing.T) {
	dir := hostileFolder(t)
	for _, style := range []string{"dark", "light"} {
		r := runSecu(t, "--content", dir, "show", "--style", style, "evil")
		wantCode(t, r, 0)
		if !strings.Contains(r.stdout, "\x1b[") {
			t.Fatalf("--style %s has no colours\n%s", style, r)
		}
		rest := osc8.ReplaceAllStringFunc(r.stdout, func(m string) string {
			target := osc8.FindStringSubmatch(m)[1]
			if strings.Contains(target, "evil") {
				t.Errorf("--style %s: a link from an escape sequence in the content: %q", style, target)
			}
			return ""
		})
		rest = sgr.ReplaceAllString(rest, "")
		noControls(t, result{args: r.args, stdout: rest, stderr: r.stderr})
	}
}

// TestEscapeInjectionFileName: the file names of an untrusted folder appear
// in problem messages; their control characters must not reach the terminal.
func TestEscapeInjectionFileName(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file names cannot hold control characters")
	}
	dir := t.TempDir()
	name := "bad\x1b]0;pwned\a\x1b[31m\u009b2J.md"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("no front matter\n"), 0o644); err != nil {
		t.Skipf("cannot make a file with control characters in its name: %v", err)
	}
	writeFiles(t, dir, map[string]string{
		"dup.md":     "---\nid: dup\nkind: term\ntitle: D\n---\nBody.\n",
		"sub/dup.md": "---\nid: dup\nkind: term\ntitle: D\n---\nBody.\n",
	})
	if err := os.WriteFile(filepath.Join(dir, "sub", "\x1b[2Jx.md"), []byte("---\nid: dup\nkind: term\ntitle: D\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"validate", dir},
		{"--content", dir, "list"},
		{"--content", dir, "show", "dup"},
	} {
		r := runSecu(t, args...)
		wantCode(t, r, 2)
		noControls(t, r)
		if !strings.Contains(r.stdout+r.stderr, "bad") {
			t.Errorf("the problem with the file is not reported\n%s", r)
		}
	}
}

// TestClosedPipe: writing to a reader that went away (secu list | head -1)
// must end quietly, never with a stack trace.
func TestClosedPipe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGPIPE")
	}
	for _, args := range [][]string{
		{"list"},
		{"list", "--json"},
		{"search", "e"},
		{"show", "which-agency"},
		{"show", "--style", "dark", "--width", "1000", "which-agency"},
		{"show", "--json", "which-agency"},
		{"version"},
		{"help"},
		{"completion", "bash"},
		{"nir"},
		{"nir", "--json"},
		{"validate"},
	} {
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		pr.Close()
		cmd := exec.Command(secuBin, args...)
		cmd.Env = baseEnv()
		cmd.Stdin = strings.NewReader("269054958815780\n295109912611199\n")
		var stderr bytes.Buffer
		cmd.Stdout = pw
		cmd.Stderr = &stderr
		err = cmd.Run()
		pw.Close()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatalf("secu %s: %v", strings.Join(args, " "), err)
		}
		code := cmd.ProcessState.ExitCode()
		r := result{args: args, stderr: stderr.String(), code: code}
		noStackTrace(t, r)
		if strings.Count(r.stderr, "\n") > 1 {
			t.Errorf("more than one line on stderr\n%s", r)
		}
		if code == 0 {
			t.Errorf("secu %s succeeded with nowhere to write", strings.Join(args, " "))
		}
	}
}

func TestPipeToHead(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil || runtime.GOOS == "windows" {
		t.Skip("no sh")
	}
	if _, err := exec.LookPath("head"); err != nil {
		t.Skip("no head")
	}
	for _, c := range []string{
		`"$0" list | head -1`,
		`"$0" list --json | head -c 1`,
		`"$0" show --style dark --width 1000 which-agency | head -c 1`,
		`"$0" completion bash | head -1`,
		`yes 269054958815780 | head -100000 | "$0" nir | head -1`,
	} {
		cmd := exec.Command("sh", "-c", c, secuBin)
		cmd.Env = baseEnv()
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("%s: %v\n%s", c, err, stderr.String())
		}
		r := result{args: []string{c}, stdout: stdout.String(), stderr: stderr.String()}
		noStackTrace(t, r)
		if r.stderr != "" {
			t.Errorf("%s: stderr is not empty\n%s", c, r)
		}
		if r.stdout == "" {
			t.Errorf("%s: no output", c)
		}
	}
}

// TestWriteError: when stdout cannot be written (a full disk), secu says so
// and fails, instead of exiting 0 with the output lost.
func TestWriteError(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, args := range [][]string{
		{"list"},
		{"list", "--json"},
		{"search", "cpam"},
		{"search", "--json", "cpam"},
		{"show", "cpam"},
		{"show", "--json", "cpam"},
		{"version"},
		{"validate"},
		{"nir"},
		{"cpam"},
		{},
	} {
		cmd := exec.Command(secuBin, args...)
		cmd.Env = baseEnv()
		cmd.Stdin = strings.NewReader("269054958815780\n")
		var stderr bytes.Buffer
		cmd.Stdout = full
		cmd.Stderr = &stderr
		cmd.Run()
		r := result{args: args, stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
		noStackTrace(t, r)
		if r.code != 2 {
			t.Errorf("exit code %d, want 2 when the output cannot be written\n%s", r.code, r)
		}
		wantOneLineError(t, r)
		if strings.Contains(r.stderr, "--help") {
			t.Errorf("a write error is not a usage error\n%s", r)
		}
	}
}
