package main

import (
	"encoding/json"
	"strings"
	"testing"
)

type refundJSON struct {
	Input struct {
		Act    string  `json:"act"`
		Sector int     `json:"sector"`
		Price  float64 `json:"price"`
	} `json:"input"`
	Lines []struct {
		Label  string  `json:"label"`
		Amount float64 `json:"amount"`
		Figure string  `json:"figure"`
	} `json:"lines"`
	AMO     float64 `json:"assurance_maladie"`
	Top     float64 `json:"mutuelle"`
	You     float64 `json:"you_pay"`
	AsOf    string  `json:"figures_as_of"`
	Figures []struct {
		Name   string `json:"name"`
		Source string `json:"source"`
	} `json:"figures"`
}

func decodeRefund(t *testing.T, r result) refundJSON {
	t.Helper()
	var v refundJSON
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r)
	}
	return v
}

// TestRefundFlags runs one case per flag against the built-in figures
// table; the amounts are worked out in refund/refund_test.go.
func TestRefundFlags(t *testing.T) {
	tests := []struct {
		args          []string
		amo, top, you float64
	}{
		{[]string{"--act", "gp", "--sector", "1", "--price", "30"}, 19, 0, 11},
		{[]string{"--act", "gp", "--sector", "1", "--mutuelle", "100"}, 19, 9, 2},
		{[]string{"--act", "gp", "--sector", "1", "--mutuelle", "none"}, 19, 0, 11},
		{[]string{"--act", "gp", "--sector", "1", "--outside-parcours", "--mutuelle", "100%"}, 7, 9, 14},
		{[]string{"--act", "gp", "--sector", "1", "--ald"}, 28, 0, 2},
		{[]string{"--act", "gp", "--sector", "1", "--under-18"}, 21, 0, 9},
		{[]string{"--act", "gp", "--sector", "1", "--c2s"}, 21, 9, 0},
		{[]string{"--act", "gp", "--sector", "1", "--paid-this-year", "49"}, 20, 0, 10},
		{[]string{"--act", "gp", "--sector", "2", "--optam", "--price", "40"}, 19, 0, 21},
		{[]string{"--act", "gp", "--sector", "2", "--price", "40,00"}, 14.10, 0, 25.90},
		{[]string{"--act", "gp", "--sector", "3", "--price", "50€"}, -1.57, 0, 51.57},
		{[]string{"--act", "specialist", "--sector", "1"}, 20.05, 0, 11.45},
		{[]string{"--act", "medicine-65", "--price", "10"}, 5.50, 0, 4.50},
		{[]string{"--act", "medicine-30", "--price", "10", "--mutuelle", "100"}, 2, 7, 1},
		{[]string{"--act", "medicine-15", "--price", "10"}, 0.50, 0, 9.50},
		{[]string{"--act", "emergency"}, 0, 0, 23},
		{[]string{"--act", "emergency", "--ald"}, 0, 0, 9.96},
		{[]string{"--act", "hospital-day"}, 0, 0, 23},
		{[]string{"--act", "gp", "--sector", "1", "--maternity"}, 30, 0, 0},
		{[]string{"--act", "medicine-65", "--price", "10", "--ame=false", "--maternity"}, 10, 0, 0},
	}
	for _, tt := range tests {
		r := runSecu(t, append([]string{"refund", "--json"}, tt.args...)...)
		wantCode(t, r, 0)
		v := decodeRefund(t, r)
		if v.AMO != tt.amo || v.Top != tt.top || v.You != tt.you {
			t.Errorf("%v: AMO %v, mutuelle %v, you %v; want %v, %v, %v", tt.args, v.AMO, v.Top, v.You, tt.amo, tt.top, tt.you)
		}
		if v.AsOf == "" || len(v.Figures) == 0 {
			t.Errorf("%v: no figures or date", tt.args)
		}
		for _, f := range v.Figures {
			if !strings.HasPrefix(f.Source, "http") {
				t.Errorf("%v: figure %s has no source", tt.args, f.Name)
			}
		}
	}
}

func TestRefundText(t *testing.T) {
	r := runSecu(t, "refund", "--act", "gp", "--sector", "1", "--price", "30", "--mutuelle", "100")
	wantCode(t, r, 0)
	for _, want := range []string{"GP consultation, sector 1\n", "Assurance Maladie pays                       19 €\n", "Mutuelle pays                                 9 €\n", "Left for you                                  2 €\n", "Figures as of 22 December 2024"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q\n%s", want, r)
		}
	}
	for _, l := range lines(r.stdout) {
		if len([]rune(l)) > 80 || strings.Contains(l, "\x1b") {
			t.Errorf("line too wide or escaped: %q", l)
		}
	}
}

func TestRefundRefusals(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--act", "teleconsultation", "--sector", "1"}, "teleconsultation fee is not confirmed"},
		{[]string{"--act", "paramedical"}, "paramedical acts"},
		{[]string{"--act", "gp", "--sector", "1", "--ame"}, "AME"},
		{[]string{"--act", "gp", "--sector", "1", "--price", "35"}, "sector 1 GP charges the official fee"},
		{[]string{"--act", "specialist", "--sector", "2", "--price", "60"}, "outside OPTAM"},
		{[]string{"--act", "hospital-day", "--mutuelle", "100"}, "depends on the contract"},
	} {
		r := runSecu(t, append([]string{"refund"}, tt.args...)...)
		wantCode(t, r, 1)
		wantOneLineError(t, r)
		if !strings.Contains(r.stderr, "cannot compute this exactly: ") || !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
			t.Errorf("want %q\n%s", tt.want, r)
		}
	}
}

func TestRefundUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--act", "massage"}, `--act must be one of gp, specialist`},
		{[]string{"--act", "gp"}, "--act gp needs --sector 1, 2 or 3: a consultation needs the doctor's sector"},
		{[]string{"--act", "gp", "--sector", "4"}, "--sector must be 1, 2 or 3, not 4"},
		{[]string{"--act", "gp", "--sector", "two"}, `--sector needs a number, not "two"`},
		{[]string{"--act", "gp", "--sector", "1", "--optam"}, "OPTAM concerns sector 2 doctors only"},
		{[]string{"--act", "gp", "--sector", "1", "--price", "abc"}, `--price must be an amount in euros`},
		{[]string{"--act", "gp", "--sector", "1", "--price", "-3"}, `--price must be an amount in euros`},
		{[]string{"--act", "gp", "--sector", "1", "--mutuelle", "50"}, "--mutuelle must be the cover in % of the base"},
		{[]string{"--act", "gp", "--sector", "1", "--mutuelle", "lots"}, "--mutuelle must be the cover"},
		{[]string{"--act", "gp", "--sector", "1", "--paid-this-year", "x"}, "--paid-this-year must be an amount"},
		{[]string{"--act", "medicine-65", "--sector", "1", "--price", "5"}, "the sector and OPTAM concern doctors' consultations"},
		{[]string{"--act", "medicine-65", "--price", "5", "--outside-parcours"}, "the parcours de soins concerns doctors' consultations"},
		{[]string{"--act", "gp", "--sector", "1", "--c2s", "--ame"}, "the C2S and the AME do not go together"},
		{[]string{"--act", "gp", "--sector", "1", "--c2s", "--mutuelle", "100"}, "leave out the mutuelle"},
		{[]string{"--sector", "1"}, "--sector needs --act too"},
		{[]string{"--under-18"}, "--under-18 needs --act too"},
		{[]string{"--act", "gp", "--sector", "1", "now"}, "refund takes no arguments"},
	} {
		r := runSecu(t, append([]string{"refund"}, tt.args...)...)
		wantCode(t, r, 2)
		wantOneLineError(t, r)
		if !strings.Contains(r.stderr, tt.want) {
			t.Errorf("want %q\n%s", tt.want, r)
		}
	}
}

// TestRefundAccessible answers the questions on standard input.
func TestRefundAccessible(t *testing.T) {
	// GP (1), sector 2 (2), OPTAM yes, 40 €, mutuelle 150, no situation
	// (0), nothing paid yet (empty).
	r := runSecuIn(t, "1\n2\ny\n40\n150\n0\n\n", "refund", "--json")
	wantCode(t, r, 0)
	v := decodeRefund(t, r)
	if v.AMO != 19 || v.Top != 19 || v.You != 2 {
		t.Errorf("AMO %v, mutuelle %v, you %v\n%s", v.AMO, v.Top, v.You, r)
	}
	if !strings.Contains(r.stderr, "Has the sector 2 doctor signed the OPTAM?") {
		t.Errorf("%s", r)
	}
	// A medicine skips the sector questions: act 4 (medicine-65), 10 €,
	// no mutuelle, under 18 (2) then confirm (0), nothing paid.
	r = runSecuIn(t, "4\n10\n\n2\n0\n\n", "refund", "--json")
	wantCode(t, r, 0)
	if v := decodeRefund(t, r); v.AMO != 6.5 || v.You != 3.5 {
		t.Errorf("AMO %v, you %v\n%s", v.AMO, v.You, r)
	}
	if strings.Contains(r.stderr, "sector") {
		t.Errorf("asked the sector for a medicine\n%s", r)
	}
	r = runSecuIn(t, "1\n", "refund")
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, "the input ended before the last question") {
		t.Errorf("%s", r)
	}
}
