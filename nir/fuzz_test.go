package nir

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// digitsOnly reports whether s is a plain number: digits, with at most A or B
// as the 7th character. For such input the output cannot contain s by chance.
func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && !(i == 6 && (s[i] == 'A' || s[i] == 'B')) {
			return false
		}
	}
	return true
}

func FuzzCheck(f *testing.F) {
	for _, v := range validVectors {
		f.Add(v.in)
	}
	for _, v := range invalidVectors {
		f.Add(v.in)
	}
	f.Add("2\u00a055\u202f08–14/168.025-38")
	f.Add("\xff\xfe2a")
	f.Fuzz(func(t *testing.T, s string) {
		r := Check(s)
		lines := r.Explain()
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) == 0 || r.Valid != strings.HasPrefix(lines[0], "Valid") {
			t.Fatalf("verdict %q for valid=%v", lines, r.Valid)
		}
		switch r.Error {
		case "":
			if !r.Valid || r.Fields == nil || (r.Kind != "nir" && r.Kind != "temporary") {
				t.Fatalf("inconsistent valid result %+v", r)
			}
		case ErrChars, ErrLength, ErrFormat, ErrSex, ErrMonth, ErrKey:
			if r.Valid || r.Message == "" {
				t.Fatalf("inconsistent error result %+v", r)
			}
		default:
			t.Fatalf("unknown error code %q", r.Error)
		}
		if r.Error == ErrKey && len(r.ExpectedKey) != 2 {
			t.Fatalf("key error without expected key: %+v", r)
		}

		n := compact(s)
		if r.Error == ErrChars {
			return
		}
		// Without a chars error, the separators do not matter.
		if r2 := Check(n); !reflect.DeepEqual(r, r2) {
			t.Fatalf("Check(%q) = %+v\nCheck(%q) = %+v", s, r, n, r2)
		}
		if r.Valid && len(n) != 13 && len(n) != 15 {
			t.Fatalf("valid with %d characters", len(n))
		}
		if len(n) >= 13 && digitsOnly(n) {
			out := strings.Join(append(lines, r.Masked, string(j)), "\n")
			for _, part := range []string{n, n[:13]} {
				if strings.Contains(out, part) || strings.Contains(compact(out), part) {
					t.Fatalf("output contains %q:\n%s", part, out)
				}
			}
		}
		if (r.Error == "" || r.Error == ErrKey) && len(n) >= 13 {
			if k, err := Key(n[:13]); err != nil || (len(n) == 15 && (k == n[13:]) != r.Valid) {
				t.Fatalf("Key(%q) = %q, %v; result %+v", n[:13], k, err, r)
			}
		}
	})
}

// validMonths lists every month code Check accepts (nir.md §2.3).
var validMonths = func() []string {
	var ms []string
	for m := 1; m <= 99; m++ {
		if validMonth(m) {
			ms = append(ms, string([]byte{byte('0' + m/10), byte('0' + m%10)}))
		}
	}
	return ms
}()

// FuzzKey builds a well-formed body from the fuzz bytes: appending Key(body)
// must make a valid number, and a changed order digit must break the key.
func FuzzKey(f *testing.F) {
	f.Add([]byte("2550814168025"))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{255, 1, 2, 3, 4, 9, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	f.Fuzz(func(t *testing.T, data []byte) {
		at := func(i int) int {
			if i < len(data) {
				return int(data[i])
			}
			return 0
		}
		digit := func(i int) byte { return byte('0' + at(i)%10) }
		b := make([]byte, 13)
		b[0] = "123478"[at(0)%6]
		b[1], b[2] = digit(1), digit(2)
		m := validMonths[(at(3)+at(4)*256)%len(validMonths)]
		b[3], b[4] = m[0], m[1]
		for i := 5; i < 13; i++ {
			b[i] = digit(i)
		}
		switch at(5) % 8 {
		case 0:
			b[5], b[6] = '2', 'A'
		case 1:
			b[5], b[6] = '2', 'B'
		}
		body := string(b)

		k, err := Key(body)
		if err != nil || len(k) != 2 || k < "01" || k > "97" {
			t.Fatalf("Key(%q) = %q, %v", body, k, err)
		}
		if r := Check(body + k); !r.Valid || r.Fields == nil {
			t.Fatalf("Check(%q) not valid: %+v", body+k, r)
		}
		if r := Check(body); !r.Valid || r.ExpectedKey != k {
			t.Fatalf("Check(%q) = %+v; want expected key %s", body, r, k)
		}
		spaced := strings.ToLower(body[:1] + " " + body[1:3] + " " + body[3:5] + " " + body[5:7] + " " + body[7:10] + " " + body[10:] + " " + k)
		if r := Check(spaced); !r.Valid {
			t.Fatalf("Check(%q) not valid: %+v", spaced, r)
		}

		// mod 97 catches any single substitution in the order number.
		changed := []byte(body)
		i := 10 + at(13)%3
		changed[i] = byte('0' + (int(changed[i]-'0')+1+at(14)%9)%10)
		if r := Check(string(changed) + k); r.Error != ErrKey {
			t.Fatalf("Check(%q) = %+v; want a key error", string(changed)+k, r)
		}
	})
}
