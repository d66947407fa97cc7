package plan

import (
	"fmt"
	"slices"
	"strings"
)

// Answers are what the person told us. Nothing here is stored.
type Answers struct {
	As       string   `json:"as"`       // one of Roles
	EU       bool     `json:"eu"`       // EU/EEA/Swiss national
	Arriving bool     `json:"arriving"` // arriving now rather than already living here
	Children int      `json:"children"` // how many children live with them
	Have     []string `json:"have"`     // items of Haves they already have
}

// Check reports the first bad answer in plain words.
func (a Answers) Check() error {
	if !contains(Roles, a.As) {
		return fmt.Errorf("the reason for being in France must be one of %s, not %q", strings.Join(Roles, ", "), a.As)
	}
	if a.Children < 0 || a.Children > 99 {
		return fmt.Errorf("the number of children must be between 0 and 99, not %d", a.Children)
	}
	for _, h := range a.Have {
		if !contains(Haves, h) {
			return fmt.Errorf("unknown item %q: what you have can be %s", h, strings.Join(Haves, ", "))
		}
	}
	return nil
}

func (a Answers) has(item string) bool { return contains(a.Have, item) }

// Step is one line of a person's checklist.
type Step struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Do        string   `json:"do"`
	Where     string   `json:"where,omitempty"`
	Documents []string `json:"documents"`
	Delay     string   `json:"delay,omitempty"`
	Links     []string `json:"links"`
	Done      bool     `json:"done"`
}

// Plan is the checklist for one set of answers.
type Plan struct {
	Answers Answers `json:"answers"`
	Steps   []Step  `json:"steps"`
}

// Holds reports whether every condition of c holds for a.
func (c Cond) Holds(a Answers) bool {
	if len(c.As) > 0 && !contains(c.As, a.As) {
		return false
	}
	if contains(c.NotAs, a.As) {
		return false
	}
	if c.EU != nil && *c.EU != a.EU {
		return false
	}
	if c.Arriving != nil && *c.Arriving != a.Arriving {
		return false
	}
	if c.Children != nil && !c.Children.holds(a.Children) {
		return false
	}
	for _, h := range c.Have {
		if !a.has(h) {
			return false
		}
	}
	for _, h := range c.NotHave {
		if a.has(h) {
			return false
		}
	}
	return true
}

// applies reports whether any of the rule's conditions holds.
func (r Rule) applies(a Answers) bool {
	if len(r.When) == 0 {
		return true
	}
	for _, c := range r.When {
		if c.Holds(a) {
			return true
		}
	}
	return false
}

// Build returns the ordered checklist for a: the rules whose conditions
// hold, in file order, each marked done when a has everything its done
// list names.
func Build(r *Rules, a Answers) Plan {
	p := Plan{Answers: a, Steps: []Step{}}
	p.Answers.Have = slices.Clone(a.Have)
	if p.Answers.Have == nil {
		p.Answers.Have = []string{}
	}
	for _, rule := range r.Steps {
		if !rule.applies(a) {
			continue
		}
		done := len(rule.Done) > 0
		for _, h := range rule.Done {
			done = done && a.has(h)
		}
		p.Steps = append(p.Steps, Step{
			ID: rule.ID, Title: rule.Title, Do: rule.Do, Where: rule.Where,
			Documents: orEmpty(rule.Documents), Delay: rule.Delay,
			Links: orEmpty(rule.Links), Done: done,
		})
	}
	return p
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// Summary says whom the plan is for, in words: "Studying · from outside
// the EU/EEA/Switzerland · arriving · 2 children".
func (a Answers) Summary() string {
	parts := []string{RoleLabels[a.As]}
	if a.EU {
		parts = append(parts, "EU/EEA/Swiss national")
	} else {
		parts = append(parts, "from outside the EU/EEA/Switzerland")
	}
	if a.Arriving {
		parts = append(parts, "arriving")
	} else {
		parts = append(parts, "already living in France")
	}
	switch a.Children {
	case 0:
		parts = append(parts, "no children")
	case 1:
		parts = append(parts, "1 child")
	default:
		parts = append(parts, fmt.Sprintf("%d children", a.Children))
	}
	return strings.Join(parts, " · ")
}

// Remaining counts the steps not done yet.
func (p Plan) Remaining() int {
	n := 0
	for _, s := range p.Steps {
		if !s.Done {
			n++
		}
	}
	return n
}

// Markdown renders the plan as a printable checklist ("- [ ]" items) that
// reads well as plain text and through glow. title names a linked entry
// (it returns "" for an unknown id, and the id is shown alone).
func (p Plan) Markdown(title func(id string) string) string {
	var b strings.Builder
	b.WriteString("# My plan\n\n")
	fmt.Fprintf(&b, "For: %s.\n\n", p.Answers.Summary())
	fmt.Fprintf(&b, "%d steps, %d to do. Tick them off as you go.\n\n", len(p.Steps), p.Remaining())
	for i, s := range p.Steps {
		box := "[ ]"
		if s.Done {
			box = "[x]"
		}
		fmt.Fprintf(&b, "- %s **%d. %s**", box, i+1, s.Title)
		if s.Done {
			b.WriteString(" (done)")
		}
		b.WriteString("\n")
		writeField(&b, "What to do", s.Do)
		writeField(&b, "Where", s.Where)
		if len(s.Documents) > 0 {
			b.WriteString("  - Documents:\n")
			for _, d := range s.Documents {
				b.WriteString("    - " + d + "\n")
			}
		}
		writeField(&b, "When", s.Delay)
		if len(s.Links) > 0 {
			var refs []string
			for _, id := range s.Links {
				if t := title(id); t != "" {
					refs = append(refs, fmt.Sprintf("%s (`secu show %s`)", t, id))
				} else {
					refs = append(refs, fmt.Sprintf("`secu show %s`", id))
				}
			}
			writeField(&b, "Read", strings.Join(refs, ", "))
		}
		b.WriteString("\n")
	}
	b.WriteString("Figures and delays change: check the linked entries and the official sites before you rely on them.\n")
	return b.String()
}

// writeField writes one sub-item of a checklist item; a multi-line value
// stays inside the item by indentation.
func writeField(b *strings.Builder, name, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	lines := strings.Split(value, "\n")
	fmt.Fprintf(b, "  - %s: %s\n", name, lines[0])
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("    " + l + "\n")
	}
}
