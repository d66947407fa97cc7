package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type planJSON struct {
	Answers struct {
		As       string   `json:"as"`
		EU       bool     `json:"eu"`
		Arriving bool     `json:"arriving"`
		Children int      `json:"children"`
		Have     []string `json:"have"`
	} `json:"answers"`
	Steps []struct {
		ID        string   `json:"id"`
		Title     string   `json:"title"`
		Do        string   `json:"do"`
		Documents []string `json:"documents"`
		Links     []string `json:"links"`
		Done      bool     `json:"done"`
	} `json:"steps"`
}

func decodePlan(t *testing.T, r result) planJSON {
	t.Helper()
	var p planJSON
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r)
	}
	return p
}

func (p planJSON) ids() []string {
	var out []string
	for _, s := range p.Steps {
		out = append(out, s.ID)
	}
	return out
}

func (p planJSON) done(id string) bool {
	for _, s := range p.Steps {
		if s.ID == id {
			return s.Done
		}
	}
	return false
}

func TestPlanFlags(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		want      []string // step ids that must be there
		wantNot   []string // and must not
		wantDone  []string
		answersAs string
	}{
		{"non-EU student arriving", []string{"--as", "student", "--eu=false", "--arriving"},
			[]string{"validate-visa", "open-bank-account", "register-student", "student-health-check"}, []string{"use-ehic", "register-employee", "family-benefits"}, nil, "student"},
		{"EU student already here", []string{"--as", "student", "--eu=true", "--arriving=false"},
			[]string{"use-ehic", "register-student"}, []string{"validate-visa"}, nil, "student"},
		{"--eu alone means true", []string{"--as", "student", "--eu"},
			[]string{"use-ehic"}, nil, nil, "student"},
		{"employee with children and things", []string{"--as", "employee", "--eu=yes", "--children", "2", "--have", "nir,bank-account", "--have", "mutuelle"},
			[]string{"register-employee", "company-mutuelle", "family-benefits", "children-doctor"}, []string{"choose-mutuelle"},
			[]string{"register-employee", "open-bank-account", "company-mutuelle", "wait-for-nir"}, "employee"},
		{"self-employed", []string{"--as", "self-employed", "--eu=false"},
			[]string{"register-business", "register-self-employed", "declare-turnover", "choose-mutuelle"}, nil, nil, "self-employed"},
		{"job seeker arriving", []string{"--as", "job-seeker", "--eu=true", "--arriving"},
			[]string{"register-france-travail", "register-resident-arriving"}, []string{"register-resident", "eu-inactive"}, nil, "job-seeker"},
		{"EU retired", []string{"--as", "retired", "--eu=true"},
			[]string{"register-s1"}, []string{"register-resident"}, nil, "retired"},
		{"non-EU retired already here", []string{"--as", "retired", "--eu=false"},
			[]string{"register-resident"}, []string{"register-s1"}, nil, "retired"},
		{"family", []string{"--as", "family", "--eu=false", "--children", "1"},
			[]string{"register-family", "family-benefits"}, nil, nil, "family"},
		{"EU inactive", []string{"--as", "inactive", "--eu=true", "--have", "carte-vitale,medecin-traitant"},
			[]string{"eu-inactive"}, []string{"register-resident"}, []string{"get-carte-vitale", "paper-claims", "declare-medecin-traitant"}, "inactive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runSecu(t, append([]string{"plan", "--format", "json"}, tt.args...)...)
			wantCode(t, r, 0)
			p := decodePlan(t, r)
			if p.Answers.As != tt.answersAs {
				t.Errorf("answers.as = %q", p.Answers.As)
			}
			got := p.ids()
			for _, id := range tt.want {
				if !slices.Contains(got, id) {
					t.Errorf("missing step %q in %v", id, got)
				}
			}
			for _, id := range tt.wantNot {
				if slices.Contains(got, id) {
					t.Errorf("unexpected step %q in %v", id, got)
				}
			}
			for _, s := range p.Steps {
				if s.Done != slices.Contains(tt.wantDone, s.ID) {
					t.Errorf("step %q done=%v", s.ID, s.Done)
				}
			}
		})
	}
}

func TestPlanMarkdown(t *testing.T) {
	r := runSecu(t, "plan", "--as", "student", "--eu=false", "--arriving", "--have", "bank-account")
	wantCode(t, r, 0)
	out := r.stdout
	if !strings.HasPrefix(out, "# My plan\n\nFor: Studying · from outside the EU/EEA/Switzerland · arriving · no children.\n") {
		t.Errorf("unexpected start:\n%s", r)
	}
	for _, want := range []string{
		"- [ ] **1. Validate your long-stay visa (VLS-TS) online**\n",
		"- [x] **2. Have a bank account for your reimbursements** (done)\n",
		"  - Where: etudiant-etranger.ameli.fr",
		"  - Documents:\n    - passport or ID card\n",
		"Register as a student (`secu show register-student`)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q\n%s", want, r)
		}
	}
	// Every item is a checklist line; the fields are indented under it.
	for _, l := range lines(out) {
		if strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "- [ ] **") && !strings.HasPrefix(l, "- [x] **") {
			t.Errorf("top-level item that is not a checkbox: %q", l)
		}
		if strings.Contains(l, "\x1b") {
			t.Errorf("escape sequence in %q", l)
		}
	}
	// --json is the same as --format json.
	j := runSecu(t, "plan", "--json", "--as", "student", "--eu=false")
	wantCode(t, j, 0)
	decodePlan(t, j)
}

func TestPlanUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--as", "astronaut", "--eu=false"}, `--as must be one of student, employee`},
		{[]string{"--as", "student"}, "--as needs --eu=true or --eu=false"},
		{[]string{"--as", "student", "--eu=maybe"}, `--eu must be true or false, not "maybe"`},
		{[]string{"--as", "student", "--eu", "--arriving=soon"}, `--arriving must be true or false, not "soon"`},
		{[]string{"--as", "student", "--eu", "--children", "-1"}, "--children must be between 0 and 99"},
		{[]string{"--as", "student", "--eu", "--children", "two"}, `--children needs a number, not "two"`},
		{[]string{"--as", "student", "--eu", "--have", "nir,yacht"}, `--have: unknown item "yacht"`},
		{[]string{"--as", "student", "--eu", "--format", "pdf"}, `--format must be md or json, not "pdf"`},
		{[]string{"--eu=true"}, "--eu needs --as too"},
		{[]string{"--have", "nir"}, "--have needs --as too"},
		{[]string{"--as", "student", "--eu", "extra"}, "plan takes no arguments"},
		{[]string{"--colour", "red"}, "unknown flag: --colour"},
	}
	for _, tt := range tests {
		r := runSecu(t, append([]string{"plan"}, tt.args...)...)
		wantCode(t, r, 2)
		wantOneLineError(t, r)
		if !strings.Contains(r.stderr, tt.want) {
			t.Errorf("want %q\n%s", tt.want, r)
		}
	}
}

// TestPlanAccessible answers the questions on standard input, one a line,
// as a screen reader user or a script does without a terminal.
func TestPlanAccessible(t *testing.T) {
	// Employee (2), EU (2), already living here (2), 1 child, then tick
	// the NIR (1) and the mutuelle (4), and confirm (0).
	r := runSecuIn(t, "2\n2\n2\n1\n1\n4\n0\n", "plan", "--format", "json")
	wantCode(t, r, 0)
	p := decodePlan(t, r)
	a := p.Answers
	if a.As != "employee" || !a.EU || a.Arriving || a.Children != 1 || !slices.Equal(a.Have, []string{"nir", "mutuelle"}) {
		t.Errorf("answers %+v\n%s", a, r)
	}
	if !p.done("register-employee") || !p.done("company-mutuelle") || p.done("declare-medecin-traitant") {
		t.Errorf("done marks wrong: %+v", p.Steps)
	}
	for _, q := range []string{"Why are you in France?", "How many children", "What do you already have?"} {
		if !strings.Contains(r.stderr, q) {
			t.Errorf("question %q not asked on stderr\n%s", q, r)
		}
	}
	if strings.Contains(r.stderr, "\x1b") {
		t.Errorf("escape sequences in the questions written to a pipe:\n%q", r.stderr)
	}

	// A wrong answer is asked again.
	r = runSecuIn(t, "9\n1\n1\n1\nx\n0\n0\n", "plan", "--format", "json")
	wantCode(t, r, 0)
	if p := decodePlan(t, r); p.Answers.As != "student" || p.Answers.Children != 0 {
		t.Errorf("answers %+v\n%s", p.Answers, r)
	}

	// Input that stops early is an error, not a plan built on defaults.
	for _, in := range []string{"", "2\n", "1\n1\n1\n"} {
		r := runSecuIn(t, in, "plan")
		wantCode(t, r, 2)
		if !strings.Contains(r.stderr, "the input ended before the last question") || r.stdout != "" {
			t.Errorf("input %q:\n%s", in, r)
		}
	}
}

func TestPlanContentFolder(t *testing.T) {
	dir := minimalFolder(t)
	// Without plan rules the guide is still valid, but there is no plan.
	wantCode(t, runSecu(t, "validate", dir), 0)
	r := runSecu(t, "--content", dir, "plan", "--as", "student", "--eu=false")
	wantCode(t, r, 2)
	wantOneLineError(t, r)
	if !strings.Contains(r.stderr, "has no plan rules (plan.yaml)") {
		t.Errorf("%s", r)
	}

	writePlan(t, dir, "steps:\n  - id: one\n    title: The only step\n    do: Read [Bare](bare.md).\n    links: [other]\n")
	wantCode(t, runSecu(t, "validate", dir), 0)
	r = runSecu(t, "--content", dir, "plan", "--as", "retired", "--eu=true", "--format", "json")
	wantCode(t, r, 0)
	if p := decodePlan(t, r); !slices.Equal(p.ids(), []string{"one"}) {
		t.Errorf("steps %v", p.ids())
	}

	// Broken rules: validate lists every problem with file:line, and plan
	// refuses to run.
	writePlan(t, dir, "steps:\n  - id: one\n    title: One\n    do: x\n    links: [other, gone]\n  - id: two\n    title: Two\n    do: See [x](missing.md).\n")
	r = runSecu(t, "validate", dir)
	wantCode(t, r, 2)
	file := filepath.Join(dir, "plan.yaml")
	for _, want := range []string{file + `:5: step "one" links to a missing entry "gone"`, file + `:8: step "two" links to a missing entry "missing.md"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q\n%s", want, r)
		}
	}
	if !strings.Contains(r.stderr, "2 problems in plan.yaml") {
		t.Errorf("%s", r)
	}
	r = runSecu(t, "--content", dir, "plan", "--as", "student", "--eu=false")
	wantCode(t, r, 2)
	if r.stdout != "" || !strings.Contains(r.stderr, "the plan rules have problems") {
		t.Errorf("%s", r)
	}

	writePlan(t, dir, "steps:\n  - id: one\n    title: One\n    do: x\n    when: {as: [pirate], children: lots}\n")
	r = runSecu(t, "--content", dir, "validate")
	wantCode(t, r, 2)
	for _, want := range []string{file + `:5: bad condition: unknown role "pirate"`, file + `:5: bad condition: children must compare to a number`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q\n%s", want, r)
		}
	}
}

func writePlan(t *testing.T, dir, src string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}
