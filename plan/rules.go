// Package plan turns a person's answers (why they are in France, where
// they come from, what they already have) into an ordered checklist. The
// steps and their conditions are data: the plan rules file (plan.yaml)
// in the content folder, which a content editor can change without
// touching code. The package is pure: no terminal, no network.
package plan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"secu/content"
)

// FileName is where the rules live in a content folder.
const FileName = "plan.yaml"

// maxFileSize keeps a hostile folder from exhausting memory.
const maxFileSize = 1 << 20

// Roles are the answers to "why are you in France?", in the order a form
// offers them.
var Roles = []string{"student", "employee", "self-employed", "job-seeker", "retired", "family", "inactive"}

// RoleLabels describe each role for a form or a heading.
var RoleLabels = map[string]string{
	"student":       "Studying",
	"employee":      "Working for an employer",
	"self-employed": "Self-employed",
	"job-seeker":    "Looking for work",
	"retired":       "Retired",
	"family":        "Joining family",
	"inactive":      "Living here without working",
}

// Haves are the things a person may already have; a step can be marked
// done by them.
var Haves = []string{"nir", "carte-vitale", "medecin-traitant", "mutuelle", "bank-account"}

// HaveLabels describe each item for a form.
var HaveLabels = map[string]string{
	"nir":              "A permanent social security number (NIR)",
	"carte-vitale":     "A Carte Vitale",
	"medecin-traitant": "A declared médecin traitant",
	"mutuelle":         "A mutuelle (top-up health insurance)",
	"bank-account":     "A bank account for reimbursements",
}

// Rules is a parsed plan rules file.
type Rules struct {
	File  string // the path the problems name
	Steps []Rule // in plan order
}

// Rule is one possible step of a plan and the answers that bring it in.
type Rule struct {
	ID        string
	Title     string
	Do        string   // what to do (Markdown, may hold several lines)
	Where     string   // the site or office
	Documents []string // papers to bring or upload
	Delay     string   // the deadline or typical delay
	Links     []string // entry ids that explain the step
	When      []Cond   // the step is in the plan when any Cond holds (or there is none)
	Done      []string // the step is done when the person has all of these
	Line      int      // where the step starts in the file

	linkLines []int
	doLine    int
	lines     map[string]int // the line of each field
}

// Cond is a conjunction: every field that is set must hold.
type Cond struct {
	As       []string // the role is one of these
	NotAs    []string // the role is none of these
	EU       *bool    // from the EU/EEA/Switzerland (or not)
	Arriving *bool    // arriving now (true) or already living here (false)
	Children *Compare // the number of children compares so
	Have     []string // has all of these
	NotHave  []string // has none of these
}

// Compare is a condition on a count, such as ">0" or "=0".
type Compare struct {
	Op string // one of = != > >= < <=
	N  int
}

func (c Compare) holds(v int) bool {
	switch c.Op {
	case "=":
		return v == c.N
	case "!=":
		return v != c.N
	case ">":
		return v > c.N
	case ">=":
		return v >= c.N
	case "<":
		return v < c.N
	case "<=":
		return v <= c.N
	}
	return false
}

func (c Compare) String() string { return c.Op + strconv.Itoa(c.N) }

var comparePattern = regexp.MustCompile(`^\s*(=|==|!=|>=|<=|>|<)?\s*(\d{1,4})\s*$`)

func parseCompare(s string) (Compare, bool) {
	m := comparePattern.FindStringSubmatch(s)
	if m == nil {
		return Compare{}, false
	}
	n, _ := strconv.Atoi(m[2])
	op := m[1]
	if op == "" || op == "==" {
		op = "="
	}
	return Compare{op, n}, true
}

// Load reads FileName from the root of fsys. It returns an error wrapping
// fs.ErrNotExist when the folder has no rules, and content.Problems when
// the file is malformed.
func Load(fsys fs.FS) (*Rules, error) {
	f, err := fsys.Open(FileName)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, content.Problems{{File: FileName, Msg: "not a regular file"}}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, content.Problems{{File: FileName, Msg: "cannot read: " + err.Error()}}
	}
	if len(data) > maxFileSize {
		return nil, content.Problems{{File: FileName, Msg: "larger than 1 MiB"}}
	}
	r, probs := Parse(FileName, data)
	if len(probs) > 0 {
		return nil, probs
	}
	return r, nil
}

// Parse reads a rules file. It reports every problem it finds, each with
// the file and line, and returns nil rules when there is any.
func Parse(file string, data []byte) (*Rules, content.Problems) {
	p := &parser{file: file}
	r := p.parse(data)
	if len(p.probs) > 0 {
		return nil, p.probs
	}
	return r, nil
}

type parser struct {
	file  string
	probs content.Problems
}

func (p *parser) add(line int, format string, args ...any) {
	p.probs = append(p.probs, content.Problem{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) parse(data []byte) *Rules {
	if !validUTF8(data) {
		p.add(0, "not UTF-8 text")
		return nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.add(0, "empty file: it needs a list of steps")
			return nil
		}
		line, msg := content.YAMLError(err, string(data))
		p.add(line, "malformed YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		p.add(0, "empty file: it needs a list of steps")
		return nil
	}
	root := doc.Content[0]
	// The file is either a list of steps or a mapping with "steps:".
	if root.Kind == yaml.MappingNode {
		var steps *yaml.Node
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Value == "steps" {
				steps = v
			} else {
				p.add(k.Line, "unknown field %q (the file holds steps: a list of steps)", content.Clean(k.Value))
			}
		}
		if steps == nil {
			p.add(root.Line, "missing steps: a list of steps")
			return nil
		}
		root = steps
	}
	if root.Kind != yaml.SequenceNode {
		p.add(root.Line, "expected a list of steps (lines starting with \"- id: ...\")")
		return nil
	}
	r := &Rules{File: p.file}
	seen := map[string]int{}
	for _, n := range root.Content {
		s, ok := p.step(n)
		if !ok {
			continue
		}
		if prev, dup := seen[s.ID]; dup {
			p.add(s.Line, "step id %q given twice (first on line %d)", s.ID, prev)
			continue
		}
		seen[s.ID] = s.Line
		r.Steps = append(r.Steps, s)
	}
	if len(root.Content) == 0 {
		p.add(root.Line, "the list of steps is empty")
	}
	return r
}

func validUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "") == string(b) }

const stepFields = "id, title, do, where, documents, delay, links, when, done"

func (p *parser) step(n *yaml.Node) (Rule, bool) {
	s := Rule{Line: n.Line, lines: map[string]int{}}
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "a step must be a set of \"field: value\" lines (%s)", stepFields)
		return s, false
	}
	before := len(p.probs)
	seen := map[string]int{}
	bad := map[string]bool{} // fields already reported
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		if prev, ok := seen[name]; ok {
			p.add(k.Line, "field %q given twice (first on line %d)", content.Clean(name), prev)
			continue
		}
		seen[name] = k.Line
		s.lines[name] = v.Line
		switch name {
		case "id", "title", "where", "delay":
			str, ok := p.scalar(v, name)
			if !ok {
				bad[name] = true
				continue
			}
			str = oneLine(str)
			switch name {
			case "id":
				s.ID = str
				if !content.ValidID(str) {
					p.add(v.Line, "bad step id %q (use lower-case letters, digits and single hyphens)", str)
				}
			case "title":
				s.Title = str
			case "where":
				s.Where = str
			case "delay":
				s.Delay = str
			}
		case "do":
			str, ok := p.scalar(v, name)
			bad[name] = !ok
			if ok {
				s.Do = strings.TrimSpace(content.Clean(str))
				s.doLine = v.Line
				if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
					s.doLine++ // a block scalar's text starts on the next line
				}
			}
		case "documents":
			s.Documents, _ = p.list(v, name)
		case "links":
			s.Links, s.linkLines = p.list(v, name)
			for i, id := range s.Links {
				if !content.ValidID(id) {
					p.add(s.linkLines[i], "bad entry id %q in links", id)
				}
			}
		case "done":
			var lines []int
			s.Done, lines = p.list(v, name)
			p.checkHaves(s.Done, lines, "done")
		case "when":
			if v.Kind == yaml.SequenceNode {
				for _, c := range v.Content {
					s.When = append(s.When, p.cond(c))
				}
				if len(v.Content) == 0 {
					p.add(v.Line, "bad condition: when is an empty list")
				}
			} else {
				s.When = []Cond{p.cond(v)}
			}
		default:
			p.add(k.Line, "unknown field %q in a step (allowed: %s)", content.Clean(name), stepFields)
		}
	}
	for _, req := range []struct{ name, value string }{{"id", s.ID}, {"title", s.Title}, {"do", s.Do}} {
		if _, ok := seen[req.name]; !ok {
			p.add(n.Line, "step is missing the required field %q", req.name)
		} else if req.value == "" && !bad[req.name] {
			p.add(seen[req.name], "%s is empty", req.name)
		}
	}
	return s, len(p.probs) == before
}

// scalar reads a single value; aliases are refused so a hostile file
// cannot expand into gigabytes.
func (p *parser) scalar(v *yaml.Node, name string) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		p.add(v.Line, "%s must be a single value", name)
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return v.Value, true
}

// list reads a list of one-line strings (a single value is a list of
// one) and the line of each item.
func (p *parser) list(v *yaml.Node, name string) ([]string, []int) {
	var items []string
	var lines []int
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag != "!!null" && strings.TrimSpace(v.Value) != "" {
			items, lines = append(items, oneLine(v.Value)), append(lines, v.Line)
		}
	case yaml.SequenceNode:
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode {
				p.add(it.Line, "each item of %s must be a single value", name)
				continue
			}
			if s := oneLine(it.Value); s != "" {
				items, lines = append(items, s), append(lines, it.Line)
			}
		}
	default:
		p.add(v.Line, "%s must be a list such as [a, b]", name)
	}
	return items, lines
}

const condFields = "as, not_as, eu, arriving, children, have, not_have"

func (p *parser) cond(v *yaml.Node) Cond {
	var c Cond
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "bad condition: when must be a set of conditions (%s), or a list of such sets", condFields)
		return c
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		name := k.Value
		if prev, ok := seen[name]; ok {
			p.add(k.Line, "condition %q given twice (first on line %d)", content.Clean(name), prev)
			continue
		}
		seen[name] = k.Line
		switch name {
		case "as", "not_as":
			roles, lines := p.list(val, name)
			for i, r := range roles {
				if !contains(Roles, r) {
					p.add(lines[i], "bad condition: unknown role %q in %s (use %s)", r, name, strings.Join(Roles, ", "))
				}
			}
			if len(roles) == 0 {
				p.add(val.Line, "bad condition: %s needs at least one role", name)
			}
			if name == "as" {
				c.As = roles
			} else {
				c.NotAs = roles
			}
		case "eu", "arriving":
			var b bool
			if val.Kind != yaml.ScalarNode || val.ShortTag() != "!!bool" || val.Decode(&b) != nil {
				p.add(val.Line, "bad condition: %s must be true or false", name)
				continue
			}
			if name == "eu" {
				c.EU = &b
			} else {
				c.Arriving = &b
			}
		case "children":
			str, ok := p.scalar(val, name)
			if !ok {
				continue
			}
			cmp, ok := parseCompare(str)
			if !ok {
				p.add(val.Line, "bad condition: children must compare to a number, such as \">0\" or \"0\", not %q", oneLine(str))
				continue
			}
			c.Children = &cmp
		case "have", "not_have":
			items, lines := p.list(val, name)
			p.checkHaves(items, lines, name)
			if name == "have" {
				c.Have = items
			} else {
				c.NotHave = items
			}
		default:
			p.add(k.Line, "bad condition: unknown condition %q (allowed: %s)", content.Clean(name), condFields)
		}
	}
	return c
}

func (p *parser) checkHaves(items []string, lines []int, name string) {
	for i, h := range items {
		if !contains(Haves, h) {
			p.add(lines[i], "unknown item %q in %s (use %s)", h, name, strings.Join(Haves, ", "))
		}
	}
}

// CheckLinks reports the links (in links and in the do text) that name
// no entry, with their lines.
func (r *Rules) CheckLinks(exists func(id string) bool) content.Problems {
	var probs content.Problems
	for _, s := range r.Steps {
		for i, id := range s.Links {
			if !exists(id) {
				probs = append(probs, content.Problem{File: r.File, Line: s.linkLines[i], Msg: fmt.Sprintf("step %q links to a missing entry %q", s.ID, id)})
			}
		}
		for i, line := range strings.Split(s.Do, "\n") {
			for _, id := range content.LinkTargets(line) {
				if !exists(id) {
					probs = append(probs, content.Problem{File: r.File, Line: s.doLine + i, Msg: fmt.Sprintf("step %q links to a missing entry %q", s.ID, id+".md")})
				}
			}
		}
	}
	return probs
}

var figureRef = regexp.MustCompile(`\{\{\s*(fig|since)\s*:\s*([^{}\s]*)\s*\}\}`)

// Figures replaces {{fig:NAME}} and {{since:NAME}} in the steps' text
// with the figure's value ("30 €") or date ("22 December 2024"), as in
// entries, and reports the names the table does not hold.
func (r *Rules) Figures(look func(name string) (content.Figure, bool)) content.Problems {
	var probs content.Problems
	for i := range r.Steps {
		s := &r.Steps[i]
		sub := func(text string, line func(i int) int) string {
			if !strings.Contains(text, "{{") {
				return text
			}
			lines := strings.Split(text, "\n")
			for li, l := range lines {
				lines[li] = figureRef.ReplaceAllStringFunc(l, func(m string) string {
					ref := figureRef.FindStringSubmatch(m)
					f, ok := look(ref[2])
					if !ok {
						probs = append(probs, content.Problem{File: r.File, Line: line(li), Msg: fmt.Sprintf("step %q: unknown figure %q (figures are defined in %s)", s.ID, ref[2], content.FiguresFile)})
						return m
					}
					if ref[1] == "since" {
						return f.SinceText()
					}
					return f.Text()
				})
			}
			return strings.Join(lines, "\n")
		}
		at := func(field string) func(int) int { return func(int) int { return s.lines[field] } }
		s.Title = sub(s.Title, at("title"))
		s.Do = sub(s.Do, func(i int) int { return s.doLine + i })
		s.Where = sub(s.Where, at("where"))
		s.Delay = sub(s.Delay, at("delay"))
		for j := range s.Documents {
			s.Documents[j] = sub(s.Documents[j], at("documents"))
		}
	}
	return probs
}

// oneLine cleans a one-line field: escapes removed, runs of white space
// (a folded YAML value) made single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(content.Clean(s)), " ")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
