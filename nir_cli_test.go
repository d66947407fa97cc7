package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// compact is a number as secu normalises it: no spaces, upper case.
func compact(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", ".", "", "-", "").Replace(s))
}

// noNumberLeak fails when the output holds the full number or its 13-digit
// body, as typed or compacted, also once spaces are dropped from the output.
func noNumberLeak(t *testing.T, r result, numbers ...string) {
	t.Helper()
	outs := map[string]string{"stdout": r.stdout, "stderr": r.stderr}
	for name, out := range outs {
		flat := strings.ToUpper(out)
		squeezed := strings.NewReplacer(" ", "", "\u00a0", "", "\t", "", "\n", "").Replace(flat)
		for _, n := range numbers {
			c := compact(n)
			secrets := []string{strings.ToUpper(n), c}
			if len(c) >= 13 {
				secrets = append(secrets, c[:13])
			}
			for _, s := range secrets {
				if strings.Contains(flat, s) || strings.Contains(squeezed, s) {
					t.Errorf("%s contains %q (from the number %q)\n%s", name, s, n, r)
				}
			}
		}
	}
}

// Valid numbers from nir.md §7.1.
var validNIRs = []struct{ in, kind string }{
	{"269054958815780", "nir"}, // the Carte Vitale specimen
	{"2 95 10 99 126 111 93", "nir"},
	{"253072B07300470", "nir"},
	{"253072A07300443", "nir"},
	{"255081416802538", "nir"},
	{"2 84 05 2B 321 025 79", "nir"},
	{"141062a78200555", "nir"},
	{"141208078200587", "nir"}, // unknown month
	{"341068078200554", "temporary"},
	{"899018619400108", "temporary"},
	{"178059933010817", "nir"},
}

// Invalid numbers from nir.md §7.3, with the error code and expected key.
var invalidNIRs = []struct{ in, err, key string }{
	{"295109912611199", "key", "93"},
	{"255081416802539", "key", "38"},
	{"2 55 08 14 168 025 00", "key", "38"},
	{"253072C07300443", "format", ""},
	{"12345678", "length", ""},
	{"141068078200557123", "length", ""},
	{"941208078200575", "sex", ""},
	{"223145935012322", "month", ""},
	{"2ab115935012322", "format", ""},
}

func TestNIRValid(t *testing.T) {
	for _, v := range validNIRs {
		t.Run(v.in, func(t *testing.T) {
			r := runSecuIn(t, v.in+"\n", "nir")
			wantCode(t, r, 0)
			if r.stdout == "" || r.stderr != "" {
				t.Errorf("want an explanation on stdout only\n%s", r)
			}
			if !strings.Contains(strings.ToLower(r.stdout), "valid") {
				t.Errorf("no verdict\n%s", r)
			}
			noNumberLeak(t, r, v.in)

			o := nirOneJSON(t, v.in, 0)
			if o["valid"] != true || o["kind"] != v.kind {
				t.Errorf("want valid %s: %v", v.kind, o)
			}
			if e, ok := o["error"]; ok && e != "" {
				t.Errorf("a valid number has error %v", e)
			}
			if o["fields"] != nil {
				t.Errorf("fields without --explain: %v", o)
			}
			o = nirOneJSON(t, v.in, 0, "--explain")
			f, ok := o["fields"].(map[string]any)
			if !ok {
				t.Fatalf("no fields object: %v", o)
			}
			for _, k := range []string{"sex", "year", "month", "place", "order"} {
				if _, ok := f[k]; !ok {
					t.Errorf("fields has no %q: %v", k, f)
				}
			}
		})
	}
}

func TestNIRInvalid(t *testing.T) {
	for _, v := range invalidNIRs {
		t.Run(v.in, func(t *testing.T) {
			r := runSecuIn(t, v.in+"\n", "nir")
			wantCode(t, r, 1)
			if r.stdout == "" {
				t.Errorf("no explanation\n%s", r)
			}
			if r.stderr != "" {
				t.Errorf("an invalid number is a result, not an error message\n%s", r)
			}
			noNumberLeak(t, r, v.in)

			o := nirOneJSON(t, v.in, 1)
			if o["valid"] != false || o["error"] != v.err {
				t.Errorf("want valid false, error %q: %v", v.err, o)
			}
			if v.key != "" && o["expected_key"] != v.key {
				t.Errorf("want expected_key %q: %v", v.key, o)
			}
			if _, ok := o["kind"]; !ok {
				t.Errorf("no kind: %v", o)
			}
		})
	}
}

func TestNIRBody(t *testing.T) {
	// 13 characters: the key is computed (nir.md §7.2).
	r := runSecuIn(t, "2840588321025\n", "nir", "--json")
	wantCode(t, r, 0)
	noNumberLeak(t, r, "2840588321025")
	objs := nirJSON(t, r)
	if len(objs) != 1 || objs[0]["valid"] != true || objs[0]["expected_key"] != "32" {
		t.Errorf("want valid with expected_key 32\n%s", r)
	}
}

func TestNIRMixed(t *testing.T) {
	in := "269054958815780\n\n  295109912611199  \r\n2 55 08 14 168 025 38\n12345678"
	nums := []string{"269054958815780", "295109912611199", "2 55 08 14 168 025 38", "12345678"}
	r := runSecuIn(t, in, "nir")
	wantCode(t, r, 1)
	noNumberLeak(t, r, nums...)
	for i := 1; i <= 4; i++ {
		if !strings.Contains(r.stdout, "Number "+itoa(i)) {
			t.Errorf("no result for number %d\n%s", i, r)
		}
	}

	r = runSecuIn(t, in, "nir", "--json")
	wantCode(t, r, 1)
	noNumberLeak(t, r, nums...)
	objs := nirJSON(t, r)
	want := []bool{true, false, true, false}
	if len(objs) != len(want) {
		t.Fatalf("want %d JSON lines (blank lines skipped)\n%s", len(want), r)
	}
	for i, o := range objs {
		if o["valid"] != want[i] {
			t.Errorf("line %d: valid is %v, want %v", i+1, o["valid"], want[i])
		}
	}

	r = runSecuIn(t, "269054958815780\n255081416802538\n", "nir", "--json")
	wantCode(t, r, 0)
	if len(nirJSON(t, r)) != 2 {
		t.Errorf("want 2 lines\n%s", r)
	}
}

// nirJSON parses JSON Lines output: one object a line.
// nirOneJSON checks one number with --json: the exit code, no leak of the
// number, and exactly one JSON line, which it returns.
func nirOneJSON(t *testing.T, number string, code int, args ...string) map[string]any {
	t.Helper()
	r := runSecuIn(t, number+"\n", append([]string{"nir", "--json"}, args...)...)
	wantCode(t, r, code)
	noNumberLeak(t, r, number)
	objs := nirJSON(t, r)
	if len(objs) != 1 {
		t.Fatalf("want one JSON line\n%s", r)
	}
	return objs[0]
}

func nirJSON(t *testing.T, r result) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for i, l := range lines(r.stdout) {
		var o map[string]any
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, r)
		}
		objs = append(objs, o)
	}
	return objs
}

func TestNIRRefusesArguments(t *testing.T) {
	for _, args := range [][]string{
		{"nir", "1234567890123"},
		{"nir", "269054958815780"},
		{"nir", "--json", "269054958815780"},
		{"nir", "2", "69", "05", "49", "588", "157", "80"},
		{"--json", "nir", "2 69 05 49 588 157 80"},
	} {
		r := runSecuIn(t, "255081416802538\n", args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r)
		if r.stdout != "" {
			t.Errorf("stdout is not empty\n%s", r)
		}
		number := ""
		for _, a := range args {
			if a != "nir" && a != "--json" {
				number += a
			}
		}
		noNumberLeak(t, r, number)
		for _, a := range args {
			if a != "nir" && a != "--json" && strings.Contains(r.stdout+r.stderr, a) {
				t.Errorf("output repeats the argument %q\n%s", a, r)
			}
		}
		if strings.ContainsAny(r.stderr, "0123456789") {
			t.Errorf("stderr has digits (part of the number?)\n%s", r)
		}
	}
}

// TestNIRPrivacy checks that checking numbers writes no file: not in HOME,
// the temporary folder, the XDG folders or the working folder.
func TestNIRPrivacy(t *testing.T) {
	for _, asJSON := range []bool{false, true} {
		dirs := map[string]string{}
		for _, name := range []string{"HOME", "TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "cwd"} {
			dirs[name] = t.TempDir()
		}
		env := []string{"PATH=" + os.Getenv("PATH")}
		for name, dir := range dirs {
			if name != "cwd" {
				env = append(env, name+"="+dir)
			}
		}
		args := []string{"nir"}
		if asJSON {
			args = append(args, "--json")
		}
		in := "269054958815780\n295109912611199\n2840588321025\n12345678\n"
		r := runSecuWith(t, runOpts{stdin: in, env: env, dir: dirs["cwd"]}, args...)
		wantCode(t, r, 1)
		noNumberLeak(t, r, "269054958815780", "295109912611199", "2840588321025")
		for name, dir := range dirs {
			var found []string
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if p != dir {
					found = append(found, p)
				}
				return nil
			})
			if len(found) > 0 {
				t.Errorf("secu %s wrote into %s: %v", strings.Join(args, " "), name, found)
			}
		}
	}
}

// TestNIRMinimalOutput: by default only the verdict; with --explain on a
// pipe, the birth data but never the commune and the order number with it.
func TestNIRMinimalOutput(t *testing.T) {
	const n = "2 55 08 14 168 025 38"
	r := runSecuIn(t, n+"\n", "nir")
	wantCode(t, r, 0)
	for _, no := range []string{"Sex", "Born", "1955", "Calvados", "168", "025"} {
		if strings.Contains(r.stdout, no) {
			t.Errorf("the default output shows %q\n%s", no, r)
		}
	}
	if !strings.Contains(r.stdout, "Valid social security number.") || !strings.Contains(r.stdout, "--explain") {
		t.Errorf("want the verdict and how to see more\n%s", r)
	}
	r = runSecuIn(t, "255081416802539\n", "nir")
	wantCode(t, r, 1)
	if !strings.Contains(r.stdout, "expected 38") || strings.Contains(r.stdout, "1955") {
		t.Errorf("an invalid number says what is wrong, nothing more\n%s", r)
	}
	for _, args := range [][]string{{"nir", "--explain"}, {"nir", "--explain", "--json"}} {
		r = runSecuIn(t, n+"\n", args...)
		wantCode(t, r, 0)
		if !strings.Contains(r.stdout, "1955") || !strings.Contains(r.stdout, "Calvados (14)") {
			t.Errorf("%v: no birth data\n%s", args, r)
		}
		if strings.Contains(r.stdout, "168") || strings.Contains(r.stdout, "025") {
			t.Errorf("%v: commune or order number with the birth data on a pipe\n%s", args, r)
		}
		noNumberLeak(t, r, n)
	}
}
