package nir

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestRunPlain(t *testing.T) {
	in := "2 55 08 14 168 025 38\n\n   \n2550814168025\r\n2 55 08 14 168 025 39"
	var out strings.Builder
	_, ok, err := Run(strings.NewReader(in), &out, Options{Detail: Full})
	if err != nil || ok {
		t.Fatalf("Run = %v, %v; want false, nil", ok, err)
	}
	want := `Number 1 (2 •• •• •• ••• ••• 38):
  Valid social security number.
  Sex: female
  Born: August 1955
  Place of birth: Calvados (14), commune 168
  Order number: 025
  Key: 38 (matches)
  A valid key shows the number is well formed, not that it exists or is yours.

Number 2 (2 •• •• •• ••• •••):
  Valid social security number.
  Sex: female
  Born: August 1955
  Place of birth: Calvados (14), commune 168
  Order number: 025
  Key: 38 (computed: you typed the 13 characters without the key)
  A valid key shows the number is well formed, not that it exists or is yours.

Number 3 (2 •• •• •• ••• ••• 39):
  Not valid: The key (last 2 digits) does not match the rest of the number: expected 38, so a digit is probably mistyped.
  Sex: female
  Born: August 1955
  Place of birth: Calvados (14), commune 168
  Order number: 025
  Key: 39 typed, 38 expected
`
	if out.String() != want {
		t.Errorf("Run output:\n%s\nwant:\n%s", out.String(), want)
	}
	if strings.Contains(compact(out.String()), "2550814168025") {
		t.Error("output contains the number")
	}
}

func TestRunAllValid(t *testing.T) {
	for in, want := range map[string]bool{
		"":                       true, // nothing read, nothing invalid
		"\n\n":                   true,
		"255081416802538\n":      true,
		"255081416802538\n123\n": false,
		"941208078200575":        false,
	} {
		_, ok, err := Run(strings.NewReader(in), io.Discard, Options{Detail: Full})
		if err != nil || ok != want {
			t.Errorf("Run(%q) = %v, %v; want %v", in, ok, err, want)
		}
	}
}

func TestRunJSON(t *testing.T) {
	in := "295109912611193\n\n12345678\n341068078200554\n"
	var out strings.Builder
	_, ok, err := Run(strings.NewReader(in), &out, Options{JSON: true, Detail: Full})
	if err != nil || ok {
		t.Fatalf("Run = %v, %v", ok, err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines:\n%s", len(lines), out.String())
	}
	var got []Result
	for _, l := range lines {
		var r Result
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		got = append(got, r)
	}
	if !got[0].Valid || got[0].Kind != "nir" || got[0].Fields.Place != "born abroad: Grèce (99126)" ||
		got[1].Error != ErrLength || got[1].Fields != nil ||
		got[2].Kind != "temporary" || !got[2].Valid {
		t.Errorf("results: %+v", got)
	}
	if strings.Contains(out.String(), "295109912611193") {
		t.Error("JSON contains the number")
	}
}

func TestRunLongLine(t *testing.T) {
	long := strings.Repeat("1", 5000)
	for _, in := range []string{
		"255081416802538\n" + long + "\n255081416802538\n",
		"255081416802538\n" + long + "\r\n255081416802538", // CRLF, no final newline
		"255081416802538\n" + strings.Repeat("#", maxLine+1) + "\n255081416802538\n",
	} {
		var out strings.Builder
		_, ok, err := Run(strings.NewReader(in), &out, Options{JSON: true, Detail: Full})
		if err != nil || ok {
			t.Fatalf("Run = %v, %v", ok, err)
		}
		var res []Result
		for l := range strings.Lines(out.String()) {
			var r Result
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
			res = append(res, r)
		}
		if len(res) != 3 || !res[0].Valid || res[1].Error != ErrLength || !strings.Contains(res[1].Message, "longer than 1024 bytes") || !res[2].Valid {
			t.Errorf("results: %+v", res)
		}
	}
	// A long line as the last one, without a newline.
	var out strings.Builder
	if _, ok, err := Run(strings.NewReader(long), &out, Options{Detail: Full}); ok || err != nil || !strings.HasPrefix(out.String(), "Number 1 (…):\n  Not valid: The line is longer") {
		t.Errorf("Run = %v, %v:\n%s", ok, err, out.String())
	}
	// A line of exactly maxLine bytes is checked, not rejected as long.
	var out2 strings.Builder
	Run(strings.NewReader(strings.Repeat("1", maxLine)+"\n"), &out2, Options{Detail: Full})
	if !strings.Contains(out2.String(), "Too long: 1024 characters typed") {
		t.Errorf("1024-byte line:\n%s", out2.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

type failReader struct{ n int }

func (r *failReader) Read(p []byte) (int, error) {
	if r.n > 0 {
		return 0, errors.New("read failed")
	}
	r.n++
	return copy(p, "255081416802538\n"), nil
}

func TestRunErrors(t *testing.T) {
	if _, _, err := Run(strings.NewReader("255081416802538\n"), failWriter{}, Options{Detail: Full}); err == nil {
		t.Error("no error from a failing writer")
	}
	if _, _, err := Run(strings.NewReader("255081416802538\n"), failWriter{}, Options{JSON: true, Detail: Full}); err == nil {
		t.Error("no error from a failing writer (JSON)")
	}
	var out strings.Builder
	if _, _, err := Run(&failReader{}, &out, Options{Detail: Full}); err == nil || !strings.HasPrefix(out.String(), "Number 1 ") {
		t.Errorf("read error: %v, output %q", err, out.String())
	}
	// The reader is only read as far as needed: output appears line by line.
	pr, pw := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() { _, _, err := Run(pr, outW, Options{JSON: true, Detail: Full}); outW.Close(); done <- err }()
	go pw.Write([]byte("255081416802538\n"))
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil || !strings.Contains(line, `"valid":true`) {
		t.Errorf("interactive: %q, %v", line, err)
	}
	pw.Close()
	go io.Copy(io.Discard, outR)
	if err := <-done; err != nil {
		t.Error(err)
	}
}

func TestRunCountsNumbers(t *testing.T) {
	for in, want := range map[string]int{"": 0, "\n  \n": 0, "255081416802538\n\n1\n": 2} {
		if n, _, err := Run(strings.NewReader(in), io.Discard, Options{Detail: Full}); n != want || err != nil {
			t.Errorf("Run(%q) checked %d (err %v), want %d", in, n, err, want)
		}
	}
}
