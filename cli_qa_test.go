package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Asked one a line, a multiple choice says how it is answered there (a
// number ticks, 0 goes on), not the form's keys (space, enter).
func TestAccessibleMultipleChoiceSaysHowToAnswer(t *testing.T) {
	for _, tt := range []struct {
		in   string
		args []string
	}{
		{"1\n1\n1\n0\n1\n0\n", []string{"plan"}},
		{"1\n1\n\n\n1\n0\n\n", []string{"refund"}},
	} {
		r := runSecuIn(t, tt.in, tt.args...)
		wantCode(t, r, 0)
		if strings.Contains(r.stderr, "space ticks") || !strings.Contains(r.stderr, "a number ticks or unticks an item, 0 goes on") {
			t.Errorf("%v: wrong instructions for the multiple choice:\n%s", tt.args, r)
		}
	}
}

// validate counts in English: "1 term", not "1 terms".
func TestValidateCountsAgree(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "---\nid: a\nkind: term\ntitle: A\n---\nOne term. See [B](b.md).\n",
		"b.md": "---\nid: b\nkind: agency\ntitle: B\n---\nOne agency. See [A](a.md).\n",
	})
	r := runSecu(t, "validate", dir)
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "2 entries (1 agency, 1 term, 0 guides)") {
		t.Errorf("counts:\n%s", r)
	}
}

// The usage names the help key that works where the browser starts (the
// search box, where ? types) and every command --json applies to.
func TestUsageMatchesTheKeysAndFlags(t *testing.T) {
	r := runSecu(t, "--help")
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "f1 all keys") || strings.Contains(r.stdout, "? all keys") {
		t.Errorf("help key:\n%s", r)
	}
	if !strings.Contains(r.stdout, "figures") || !strings.Contains(r.stdout, "print JSON (search, list, show, figures,") {
		t.Errorf("--json does not list figures:\n%s", r)
	}
	r = runSecu(t, "figures", "--json")
	wantCode(t, r, 0)
	if !strings.HasPrefix(strings.TrimSpace(r.stdout), "[") {
		t.Errorf("figures --json:\n%s", r)
	}
}

// secu refund in a folder without figures says so before any question.
func TestRefundWithoutFiguresFailsBeforeAsking(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\nid: a\nkind: term\ntitle: A\n---\nAn entry.\n"})
	r := runSecuIn(t, "1\n1\n\n\n0\n\n", "--content", dir, "refund")
	wantCode(t, r, 1)
	if strings.Contains(r.stderr, "Which act?") || !strings.Contains(r.stderr, "no figures table") {
		t.Errorf("%s", r)
	}
}

// The stale warning above an entry is wrapped to --width like the entry.
func TestShowStaleNoteFitsTheWidth(t *testing.T) {
	for _, w := range []int{40, 60} {
		r := runSecuWith(t, runOpts{env: append(baseEnv(), "SECU_TODAY=2030-01-01")}, "show", "cpam", "--width", itoa(w))
		wantCode(t, r, 0)
		if !strings.Contains(r.stdout, "Checked") {
			t.Fatalf("no stale note:\n%s", r)
		}
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "• https://") {
				continue // sources are printed whole
			}
			if n := utf8.RuneCountInString(l); n > w {
				t.Errorf("--width %d: a %d-column line: %q", w, n, l)
			}
		}
	}
}

// validate runs every stage, so one run lists every problem: the entries,
// the figures table and the plan rules together, each plan problem in
// line order.
func TestValidateListsEveryStage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":         "---\nid: a\nkind: term\ntitle: A\n---\nBody {{fig:nope}}.\n",
		"figures.yaml": "- name: Bad Name\n  value: x\n  unit: furlongs\n",
		"plan.yaml":    "- id: s1\n  title: Step\n  bogus: 1\n  links: [nope]\n  when: {as: [astronaut]}\n",
	})
	r := runSecu(t, "validate", dir)
	wantCode(t, r, 2)
	out := r.stdout
	for _, want := range []string{"figures.yaml:2: value must be a number", "a.md:6: unknown figure \"nope\"", "plan.yaml:3: unknown field \"bogus\"", "plan.yaml:5: bad condition"} {
		if !strings.Contains(out, want) {
			t.Errorf("validate lacks %q:\n%s", want, r)
		}
	}
	if strings.Index(out, "plan.yaml:1:") > strings.Index(out, "plan.yaml:3:") {
		t.Errorf("plan problems out of line order:\n%s", out)
	}
}
