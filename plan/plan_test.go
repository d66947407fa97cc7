package plan

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"secu/content"
)

func mustParse(t *testing.T, src string) *Rules {
	t.Helper()
	r, probs := Parse("plan.yaml", []byte(src))
	if len(probs) > 0 {
		t.Fatalf("unexpected problems:\n%v", probs)
	}
	return r
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // each a "line: message" fragment
	}{
		{"unknown step field", "steps:\n  - id: a\n    title: A\n    do: x\n    colour: red\n",
			[]string{`plan.yaml:5: unknown field "colour" in a step`}},
		{"unknown top field", "stepz: []\n",
			[]string{`plan.yaml:1: unknown field "stepz"`, "plan.yaml:1: missing steps"}},
		{"missing fields", "steps:\n  - id: a\n",
			[]string{`plan.yaml:2: step is missing the required field "title"`, `plan.yaml:2: step is missing the required field "do"`}},
		{"empty title", "steps:\n  - id: a\n    title:\n    do: x\n",
			[]string{"plan.yaml:3: title is empty"}},
		{"bad id", "steps:\n  - id: Big_ID\n    title: A\n    do: x\n",
			[]string{`plan.yaml:2: bad step id "Big_ID"`}},
		{"duplicate id", "steps:\n  - {id: a, title: A, do: x}\n  - {id: a, title: B, do: y}\n",
			[]string{`plan.yaml:3: step id "a" given twice (first on line 2)`}},
		{"duplicate field", "steps:\n  - id: a\n    title: A\n    title: B\n    do: x\n",
			[]string{`plan.yaml:4: field "title" given twice (first on line 3)`}},
		{"unknown role", "steps:\n  - id: a\n    title: A\n    do: x\n    when: {as: [astronaut]}\n",
			[]string{`plan.yaml:5: bad condition: unknown role "astronaut"`}},
		{"eu not bool", "steps:\n  - id: a\n    title: A\n    do: x\n    when:\n      eu: maybe\n",
			[]string{"plan.yaml:6: bad condition: eu must be true or false"}},
		{"children not a comparison", "steps:\n  - id: a\n    title: A\n    do: x\n    when: {children: lots}\n",
			[]string{`plan.yaml:5: bad condition: children must compare to a number`}},
		{"unknown condition", "steps:\n  - id: a\n    title: A\n    do: x\n    when:\n      age: 3\n",
			[]string{`plan.yaml:6: bad condition: unknown condition "age"`}},
		{"unknown have", "steps:\n  - id: a\n    title: A\n    do: x\n    done: [passport]\n",
			[]string{`plan.yaml:5: unknown item "passport" in done`}},
		{"unknown not_have", "steps:\n  - id: a\n    title: A\n    do: x\n    when:\n      not_have:\n        - nir\n        - visa\n",
			[]string{`plan.yaml:8: unknown item "visa" in not_have`}},
		{"when not a map", "steps:\n  - id: a\n    title: A\n    do: x\n    when: always\n",
			[]string{"plan.yaml:5: bad condition: when must be a set of conditions"}},
		{"empty when list", "steps:\n  - id: a\n    title: A\n    do: x\n    when: []\n",
			[]string{"plan.yaml:5: bad condition: when is an empty list"}},
		{"links not a list", "steps:\n  - id: a\n    title: A\n    do: x\n    links: {a: b}\n",
			[]string{"plan.yaml:5: links must be a list"}},
		{"bad link id", "steps:\n  - id: a\n    title: A\n    do: x\n    links: [ok, Not OK]\n",
			[]string{`plan.yaml:5: bad entry id "Not OK" in links`}},
		{"title a list", "steps:\n  - id: a\n    title: [A]\n    do: x\n",
			[]string{"plan.yaml:3: title must be a single value"}},
		{"step not a map", "steps:\n  - just text\n",
			[]string{"plan.yaml:2: a step must be a set of"}},
		{"not a list", "hello\n", []string{"plan.yaml:1: expected a list of steps"}},
		{"malformed yaml", "steps:\n  - id: a\n   title: [\n", []string{"plan.yaml:2: malformed YAML: did not find expected '-' indicator"}},
		{"empty file", "", []string{"plan.yaml: empty file"}},
		{"comments only", "# nothing\n", []string{"plan.yaml: empty file"}},
		{"empty list", "steps: []\n", []string{"plan.yaml:1: the list of steps is empty"}},
		{"alias refused", "steps:\n  - id: a\n    title: &t A\n    do: *t\n",
			[]string{"plan.yaml:4: do must be a single value"}},
		{"not utf-8", "steps:\n  - id: a\n    title: \xff\n    do: x\n", []string{"plan.yaml: not UTF-8 text"}},
		{"several problems", "steps:\n  - id: a\n    title: A\n    do: x\n    when: {as: [x], eu: 1}\n    extra: 1\n",
			[]string{`plan.yaml:5: bad condition: unknown role "x"`, "plan.yaml:5: bad condition: eu must be true or false", `plan.yaml:6: unknown field "extra"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, probs := Parse("plan.yaml", []byte(tt.src))
			if r != nil {
				t.Errorf("got rules despite problems")
			}
			got := probs.Error()
			if len(probs) != len(tt.want) {
				t.Errorf("got %d problems, want %d:\n%s", len(probs), len(tt.want), got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
		})
	}
}

func TestParseControlCharactersStripped(t *testing.T) {
	r := mustParse(t, "steps:\n  - id: a\n    title: \"A\\e]0;pwned\\a title\"\n    do: \"x\\e[31m red\"\n")
	s := r.Steps[0]
	if strings.ContainsAny(s.Title+s.Do, "\x1b\a") {
		t.Errorf("escape kept: %q %q", s.Title, s.Do)
	}
}

func TestCheckLinks(t *testing.T) {
	r := mustParse(t, "steps:\n  - id: a\n    title: A\n    do: >\n      see [CPAM](cpam.md)\n      and [gone](gone.md)\n    links:\n      - cpam\n      - missing\n")
	probs := r.CheckLinks(func(id string) bool { return id == "cpam" })
	got := probs.Error()
	for _, w := range []string{`plan.yaml:9: step "a" links to a missing entry "missing"`, `plan.yaml:5: step "a" links to a missing entry "gone.md"`} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
	if len(probs) != 2 {
		t.Errorf("got %d problems, want 2:\n%s", len(probs), got)
	}
}

const sample = `
steps:
  - id: everyone
    title: Everyone
    do: always here
  - id: students-outside-eu
    title: Students from outside the EU
    do: x
    when: {as: [student], eu: false}
  - id: not-students
    title: Not students
    do: x
    when: {not_as: [student]}
  - id: parents
    title: Parents
    do: x
    when: {children: ">0"}
  - id: two-or-more
    title: Big family
    do: x
    when: {children: ">=2"}
  - id: newcomers
    title: Newcomers
    do: x
    when: {arriving: true}
  - id: need-card
    title: Card
    do: x
    done: [nir, carte-vitale]
  - id: no-mutuelle
    title: No mutuelle
    do: x
    when: {not_have: [mutuelle]}
  - id: has-nir
    title: Has a number
    do: x
    when: {have: [nir]}
  - id: either
    title: Retired or EU inactive
    do: x
    when:
      - {as: [retired]}
      - {as: [inactive], eu: true}
`

func ids(p Plan) []string {
	var out []string
	for _, s := range p.Steps {
		id := s.ID
		if s.Done {
			id += "(done)"
		}
		out = append(out, id)
	}
	return out
}

func TestBuild(t *testing.T) {
	r := mustParse(t, sample)
	tests := []struct {
		name string
		a    Answers
		want []string
	}{
		{"non-EU student arriving", Answers{As: "student", Arriving: true},
			[]string{"everyone", "students-outside-eu", "newcomers", "need-card", "no-mutuelle"}},
		{"EU student", Answers{As: "student", EU: true},
			[]string{"everyone", "need-card", "no-mutuelle"}},
		{"employee with one child", Answers{As: "employee", Children: 1},
			[]string{"everyone", "not-students", "parents", "need-card", "no-mutuelle"}},
		{"employee with three children", Answers{As: "employee", Children: 3},
			[]string{"everyone", "not-students", "parents", "two-or-more", "need-card", "no-mutuelle"}},
		{"done needs every item", Answers{As: "employee", Have: []string{"nir"}},
			[]string{"everyone", "not-students", "need-card", "no-mutuelle", "has-nir"}},
		{"done", Answers{As: "employee", Have: []string{"carte-vitale", "nir", "mutuelle"}},
			[]string{"everyone", "not-students", "need-card(done)", "has-nir"}},
		{"retired (first alternative)", Answers{As: "retired"},
			[]string{"everyone", "not-students", "need-card", "no-mutuelle", "either"}},
		{"EU inactive (second alternative)", Answers{As: "inactive", EU: true},
			[]string{"everyone", "not-students", "need-card", "no-mutuelle", "either"}},
		{"non-EU inactive (neither)", Answers{As: "inactive"},
			[]string{"everyone", "not-students", "need-card", "no-mutuelle"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(Build(r, tt.a)); !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestAnswersCheck(t *testing.T) {
	tests := []struct {
		a    Answers
		want string
	}{
		{Answers{As: "student"}, ""},
		{Answers{As: "pirate"}, `not "pirate"`},
		{Answers{As: "family", Children: -1}, "between 0 and 99"},
		{Answers{As: "family", Have: []string{"nir", "yacht"}}, `unknown item "yacht"`},
	}
	for _, tt := range tests {
		err := tt.a.Check()
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: got %v, want %q", tt.a, err, tt.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	r := mustParse(t, `
steps:
  - id: one
    title: Open a bank account
    do: Get a RIB.
    where: a bank
    documents: [passport, proof of address]
    delay: before you register
    links: [rib, nowhere]
    done: [bank-account]
  - id: two
    title: Declare a doctor
    do: Ask at a visit.
`)
	md := Build(r, Answers{As: "student", Have: []string{"bank-account"}}).Markdown(func(id string) string {
		if id == "rib" {
			return "RIB"
		}
		return ""
	})
	want := "# My plan\n\n" +
		"For: Studying · from outside the EU/EEA/Switzerland · already living in France · no children.\n\n" +
		"2 steps, 1 to do. Tick them off as you go.\n\n" +
		"- [x] **1. Open a bank account** (done)\n" +
		"  - What to do: Get a RIB.\n" +
		"  - Where: a bank\n" +
		"  - Documents:\n" +
		"    - passport\n" +
		"    - proof of address\n" +
		"  - When: before you register\n" +
		"  - Read: RIB (`secu show rib`), `secu show nowhere`\n\n" +
		"- [ ] **2. Declare a doctor**\n" +
		"  - What to do: Ask at a visit.\n\n" +
		"Figures and delays change: check the linked entries and the official sites before you rely on them.\n"
	if md != want {
		t.Errorf("got:\n%s\nwant:\n%s", md, want)
	}
}

func TestJSONShape(t *testing.T) {
	r := mustParse(t, sample)
	b, err := json.Marshal(Build(r, Answers{As: "student"}))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, w := range []string{`"answers":{"as":"student","eu":false,"arriving":false,"children":0,"have":[]}`, `"documents":[]`, `"links":[]`, `"done":false`} {
		if !strings.Contains(s, w) {
			t.Errorf("missing %s in %s", w, s)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	if _, err := Load(fstest.MapFS{}); err == nil {
		t.Fatal("no error for a folder without plan.yaml")
	}
	_, err := Load(fstest.MapFS{FileName: {Data: []byte("steps: []\n")}})
	if _, ok := err.(content.Problems); !ok {
		t.Fatalf("got %T %v, want content.Problems", err, err)
	}
}

// subsets returns every subset of items.
func subsets(items []string) [][]string {
	var out [][]string
	for mask := 0; mask < 1<<len(items); mask++ {
		var s []string
		for i, it := range items {
			if mask&(1<<i) != 0 {
				s = append(s, it)
			}
		}
		out = append(out, s)
	}
	return out
}

// TestEveryCombination builds the plan of the built-in rules for every
// combination of answers: role × EU × children (0, 1, 3) × every subset
// of what one has (bank account included) × arriving or not.
func TestEveryCombination(t *testing.T) {
	r, err := Load(content.EmbeddedFS())
	if err != nil {
		t.Fatal(err)
	}
	lib, err := content.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if probs := r.CheckLinks(func(id string) bool { return lib.Get(id) != nil }); len(probs) > 0 {
		t.Fatalf("broken links:\n%v", probs)
	}
	if probs := r.Figures(lib.Figure); len(probs) > 0 {
		t.Fatalf("unknown figures:\n%v", probs)
	}
	used := map[string]bool{}
	n := 0
	for _, as := range Roles {
		for _, eu := range []bool{false, true} {
			for _, children := range []int{0, 1, 3} {
				for _, have := range subsets(Haves) {
					for _, arriving := range []bool{false, true} {
						a := Answers{As: as, EU: eu, Children: children, Have: have, Arriving: arriving}
						p := Build(r, a)
						n++
						if len(p.Steps) == 0 {
							t.Fatalf("%+v: empty plan", a)
						}
						if p.Remaining() == 0 {
							t.Errorf("%+v: nothing left to do", a)
						}
						seen := map[string]bool{}
						for _, s := range p.Steps {
							if seen[s.ID] {
								t.Errorf("%+v: step %q twice", a, s.ID)
							}
							seen[s.ID] = true
							used[s.ID] = true
							for _, id := range s.Links {
								if lib.Get(id) == nil {
									t.Errorf("%+v: step %q links to missing %q", a, s.ID, id)
								}
							}
							if strings.Contains(s.Title+s.Do+s.Where+s.Delay, "{{") {
								t.Errorf("%+v: step %q keeps a figure reference", a, s.ID)
							}
							if strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Do) == "" {
								t.Errorf("%+v: step %q has no title or text", a, s.ID)
							}
						}
						if !eu && arriving && !seen["validate-visa"] {
							t.Errorf("%+v: no visa step for a non-EU newcomer", a)
						}
						if (eu || !arriving) && seen["validate-visa"] {
							t.Errorf("%+v: visa step for someone who needs none", a)
						}
						if as == "student" && !seen["register-student"] {
							t.Errorf("%+v: student without a registration step", a)
						}
						for _, s := range p.Steps {
							if s.ID == "declare-medecin-traitant" && s.Done != slices.Contains(have, "medecin-traitant") {
								t.Errorf("%+v: médecin traitant step done=%v", a, s.Done)
							}
						}
					}
				}
			}
		}
	}
	if n != 7*2*3*32*2 {
		t.Errorf("built %d plans", n)
	}
	for _, s := range r.Steps {
		if !used[s.ID] {
			t.Errorf("step %q is in no plan: its conditions never hold", s.ID)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("steps:\n  - {id: a, title: A, do: x, when: [{children: '>0'}]}\n"))
	f.Add([]byte("- &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, probs := Parse("plan.yaml", data)
		if (r == nil) == (len(probs) == 0) {
			t.Fatalf("rules %v and problems %v", r != nil, probs)
		}
		if r != nil {
			Build(r, Answers{As: "student", Children: 2})
		}
	})
}

func TestFigures(t *testing.T) {
	r := mustParse(t, "steps:\n  - id: a\n    title: Pay {{fig:fee}}\n    do: >\n      It costs {{fig:fee}} since {{since:fee}}.\n      Or {{fig:nope}}.\n    delay: \"{{fig:gone}}\"\n")
	look := func(name string) (content.Figure, bool) {
		if name == "fee" {
			return content.Figure{Name: "fee", Value: 26.5, Unit: "EUR", Since: "2024-12-22"}, true
		}
		return content.Figure{}, false
	}
	probs := r.Figures(look)
	s := r.Steps[0]
	if s.Title != "Pay 26.50 €" || !strings.HasPrefix(s.Do, "It costs 26.50 € since 22 December 2024.") {
		t.Errorf("title %q do %q", s.Title, s.Do)
	}
	got := probs.Error()
	for _, w := range []string{`plan.yaml:5: step "a": unknown figure "nope"`, `plan.yaml:7: step "a": unknown figure "gone"`} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}
