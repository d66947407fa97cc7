package content

import (
	"fmt"
	"io"
	"io/fs"
	"math"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// FiguresFile is the figures table at the root of a content folder: every
// amount, rate, ceiling and delay the entries state, defined once.
const FiguresFile = "figures.yaml"

// KeyFiguresID is the id of the entry generated from the figures table.
const KeyFiguresID = "key-figures"

// Units a figure may have.
var units = map[string][2]string{ // unit: singular, plural suffix
	"EUR":     {" €", " €"},
	"percent": {" %", " %"},
	"days":    {" day", " days"},
	"hours":   {" hour", " hours"},
	"weeks":   {" week", " weeks"},
	"months":  {" month", " months"},
	"years":   {" year", " years"},
	"count":   {"", ""},
}

// Figure is one line of the figures table.
type Figure struct {
	Name   string  `json:"name"`
	Label  string  `json:"label"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Since  string  `json:"since"` // YYYY-MM-DD, or YYYY-MM when only the month is known
	Source string  `json:"source"`
	// Also lists independent sources that state the same value: where no
	// official page could be read, two recent sources that agree.
	Also []string `json:"also"`
	// Reported marks a value known only from one press report, awaiting
	// an official text; readers are told so.
	Reported bool `json:"reported"`
	// UsedBy lists the ids of the entries that refer to the figure.
	UsedBy []string `json:"used_by"`
	line   int
}

// Text is the value as the guide prints it: "30 €", "19.61 €", "70 %",
// "3 days", "10,339 €".
func (f Figure) Text() string {
	u := units[f.Unit]
	suffix := u[1]
	if f.Value == 1 {
		suffix = u[0]
	}
	return formatNumber(f.Value, f.Unit == "EUR") + suffix
}

// SinceText is the date the figure took effect: "22 December 2024".
func (f Figure) SinceText() string {
	if t, err := time.Parse("2006-01-02", f.Since); err == nil {
		return t.Format("2 January 2006")
	}
	if t, err := time.Parse("2006-01", f.Since); err == nil {
		return t.Format("January 2006")
	}
	return f.Since
}

// SinceTime is the date the figure took effect (the first of the month
// when only the month is known).
func (f Figure) SinceTime() time.Time {
	if t, err := time.Parse("2006-01-02", f.Since); err == nil {
		return t
	}
	t, _ := time.Parse("2006-01", f.Since)
	return t
}

// formatNumber writes v with a comma between thousands; money with cents
// always shows two decimals (26.50, not 26.5).
func formatNumber(v float64, money bool) string {
	neg := v < 0
	v = math.Abs(v)
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if money && v != math.Trunc(v) {
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

var (
	figureRef  = regexp.MustCompile(`\{\{\s*(fig|since)\s*:\s*([^{}\s]*)\s*\}\}`)
	figureOpen = regexp.MustCompile(`\{\{\s*(fig|since)\b`)
	dayFormat  = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$`)
)

// parseFigures reads the figures table. It reports every problem with the
// line it is on, and returns the figures it could read.
func parseFigures(file string, data []byte) ([]Figure, Problems) {
	var probs Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{displayPath(file), line, fmt.Sprintf(format, args...)})
	}
	if !isText(data) {
		add(0, "not valid UTF-8 text (save the file as UTF-8)")
		return nil, probs
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil // an empty table
		}
		line, msg := yamlError(err, string(data))
		add(max(line, 1), "malformed figures table: %s", msg)
		return nil, probs
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		add(list.Line, "the figures table must be a list of figures (\"- name: ...\")")
		return nil, probs
	}
	figs := []Figure{} // not nil: the table parsed, so references to it can be judged
	seen := map[string]int{}
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			add(item.Line, "a figure must be fields such as \"name: gp-consultation\"")
			continue
		}
		f := Figure{line: item.Line}
		fields := map[string]int{}
		ok := true
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			if prev, dup := fields[k.Value]; dup {
				add(k.Line, "field %q given twice (first on line %d)", k.Value, prev)
				ok = false
				continue
			}
			fields[k.Value] = k.Line
			if k.Value == "also" {
				fv := fromYAML(v)
				list, _, isList := stringList(&fv, false)
				if !isList {
					add(v.Line, "also must be a list of web addresses such as [https://a, https://b]")
					ok = false
				}
				for _, a := range list {
					if u, err := url.Parse(a); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
						add(v.Line, "also must list web addresses, not %q", a)
						ok = false
					}
				}
				f.Also = list
				continue
			}
			if v.Kind != yaml.ScalarNode {
				add(v.Line, "%s must be a single value", k.Value)
				ok = false
				continue
			}
			val := oneLine(v.Value)
			switch k.Value {
			case "name":
				f.Name = val
				if !validID(val) {
					add(v.Line, "bad figure name %q (use lower-case letters, digits and single hyphens)", val)
					ok = false
				}
			case "label":
				f.Label = val
			case "value":
				n, err := strconv.ParseFloat(val, 64)
				if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || (v.ShortTag() != "!!int" && v.ShortTag() != "!!float") {
					add(v.Line, "value must be a number such as 23 or 19.61, not %q", val)
					ok = false
				}
				f.Value = n
			case "unit":
				f.Unit = val
				if _, known := units[val]; !known {
					add(v.Line, "unknown unit %q (use EUR, percent, days, hours, weeks, months, years or count)", val)
					ok = false
				}
			case "since":
				f.Since = val
				if !dayFormat.MatchString(val) || f.SinceTime().IsZero() {
					add(v.Line, "since must be a date such as 2026-03-01, not %q", val)
					ok = false
				}
			case "source":
				f.Source = val
				if u, err := url.Parse(val); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
					add(v.Line, "source must be a web address, not %q", val)
					ok = false
				}
			case "status":
				switch val {
				case "official", "":
				case "reported":
					f.Reported = true
				default:
					add(v.Line, "status must be official or reported, not %q", val)
					ok = false
				}
			default:
				add(k.Line, "unknown field %q (allowed: name, label, value, unit, since, source, also, status)", k.Value)
				ok = false
			}
		}
		for _, req := range []string{"name", "label", "value", "unit", "since", "source"} {
			if _, has := fields[req]; !has {
				add(item.Line, "figure %q: missing field %q", f.Name, req)
				ok = false
			}
		}
		if f.Name != "" {
			if prev, dup := seen[f.Name]; dup {
				add(item.Line, "figure %q defined twice (first on line %d)", f.Name, prev)
				continue
			}
			seen[f.Name] = item.Line
		}
		if ok {
			figs = append(figs, f)
		} else if f.Name != "" && validID(f.Name) {
			// Keep a broken figure's name known, so references to it are
			// not reported a second time.
			f.line = -1
			figs = append(figs, f)
		}
	}
	return figs, probs
}

func isText(data []byte) bool {
	return !strings.ContainsRune(string(data), 0) && strings.ToValidUTF8(string(data), "\uFFFD") == string(data)
}

// statFigures says whether fsys has a figures table for Finish to read,
// counting it against the folder's budget, or why it cannot be read.
func statFigures(fsys fs.FS, budget *readBudget) (bool, Problems) {
	info, err := fs.Stat(fsys, FiguresFile)
	switch {
	case err != nil:
		return false, nil // no table: entries may not refer to figures
	case !info.Mode().IsRegular():
		return false, Problems{{FiguresFile, 0, "not a regular file"}}
	case info.Size() > maxFileSize:
		return true, nil // readFigures reports it
	}
	if msg := budget.admit(FiguresFile, info); msg != "" {
		return false, Problems{{FiguresFile, 0, msg}}
	}
	if err := budget.take(int(info.Size())); err != nil {
		return false, Problems{{FiguresFile, 0, err.Error()}}
	}
	return true, nil
}

// readFigures reads the figures table of fsys if there is one (budget may
// be nil: see countFigures).
func readFigures(fsys fs.FS, budget *readBudget) ([]Figure, Problems) {
	info, err := fs.Stat(fsys, FiguresFile)
	if err != nil {
		return nil, nil // no table: entries may not refer to figures
	}
	if !info.Mode().IsRegular() {
		return nil, Problems{{FiguresFile, 0, "not a regular file"}}
	}
	data, err := readLimited(fsys, FiguresFile, budget)
	if err != nil {
		return nil, Problems{{FiguresFile, 0, err.Error()}}
	}
	return parseFigures(FiguresFile, data)
}

// figureNames returns the names a body's figure references give, in
// order, copied (the body is a reading buffer).
func figureNames(body string) []string {
	var names []string
	for line := range strings.Lines(body) {
		if !strings.Contains(line, "{{") {
			continue
		}
		for _, sub := range figureRef.FindAllStringSubmatch(line, -1) {
			names = append(names, strings.Clone(sub[2]))
		}
	}
	return names
}

func figureIndex(figs []Figure) map[string]int {
	byName := make(map[string]int, len(figs))
	for i, f := range figs {
		byName[f.Name] = i
	}
	return byName
}

// figureUsage records which entries use which figure (UsedBy) from the
// names their bodies give, and reports the figures no entry uses.
func figureUsage(entries []*parsed, figs []Figure, byName map[string]int) (unused Problems) {
	used := make([]map[string]bool, len(figs))
	for _, e := range entries {
		for _, name := range e.figRefs {
			if i, ok := byName[name]; ok {
				if used[i] == nil {
					used[i] = map[string]bool{}
				}
				used[i][e.ID] = true
			}
		}
	}
	for i := range figs {
		if figs[i].line < 0 {
			continue
		}
		if len(used[i]) == 0 {
			unused = append(unused, Problem{FiguresFile, figs[i].line, fmt.Sprintf("figure %q is used by no entry", figs[i].Name)})
			continue
		}
		for id := range used[i] {
			figs[i].UsedBy = append(figs[i].UsedBy, id)
		}
		sort.Strings(figs[i].UsedBy)
	}
	return unused
}

// substitute replaces {{fig:NAME}} and {{since:NAME}} in an entry's raw
// body, whose first line is file line first, and reports unknown names
// and malformed references. A table that does not parse (tableBroken)
// is reported once, not once per reference to it.
func substitute(e *parsed, body string, first int, figs []Figure, byName map[string]int, tableBroken bool) (string, Problems) {
	var probs Problems
	lines := strings.Split(body, "\n")
	for li, line := range lines {
		if !strings.Contains(line, "{{") {
			continue
		}
		at := first + li
		var reported map[string]bool // one problem per unknown name and line
		line = figureRef.ReplaceAllStringFunc(line, func(m string) string {
			sub := figureRef.FindStringSubmatch(m)
			i, ok := byName[sub[2]]
			if !ok {
				if !tableBroken && !reported[sub[2]] {
					if reported == nil {
						reported = map[string]bool{}
					}
					reported[sub[2]] = true
					probs = append(probs, Problem{displayPath(e.Path), at, fmt.Sprintf("unknown figure %q (figures are defined in %s)", sub[2], FiguresFile)})
				}
				return m
			}
			if sub[1] == "since" {
				return figs[i].SinceText()
			}
			return figs[i].Text()
		})
		if rest := figureRef.ReplaceAllString(line, ""); figureOpen.MatchString(rest) {
			probs = append(probs, Problem{displayPath(e.Path), at, "malformed figure reference (write {{fig:name}} or {{since:name}})"})
		}
		lines[li] = line
	}
	return strings.Join(lines, "\n"), probs
}

// keyFiguresEntry is the entry that lists every figure with its date and
// source, as Open makes it: fillKeyFigures writes the rest.
func keyFiguresEntry() *Entry {
	return &Entry{
		ID:       KeyFiguresID,
		Kind:     KindTerm,
		Title:    "Key figures",
		French:   "Chiffres clés",
		English:  "Every amount, rate and ceiling in the guide, with its date and source",
		Aliases:  []string{"figures", "amounts", "montants", "chiffres", "barèmes"},
		Keywords: []string{"how much", "combien", "tarif", "taux", "rate", "price", "prix", "plafond", "ceiling", "cost", "coût"},
		Path:     FiguresFile,
		BodyLine: 1,
	}
}

// fillKeyFigures writes the key figures entry's body, sources and date
// from the table. Its sources are the figures' sources, official ones
// first as the table gives them; its date, the newest of the entries that
// use them.
func fillKeyFigures(e *Entry, figs []Figure, lib *Library) {
	if len(figs) == 0 {
		e.Body = "The figures table (" + FiguresFile + ") lists no figure yet."
		return
	}
	var b strings.Builder
	b.WriteString("Every amount, rate, ceiling and delay this guide states: the date it took effect, its source (official where one could be read; otherwise the independent sources that agree, or a note that only the press reports it) and the entries that use it.\n\n")
	b.WriteString("Amounts are for mainland France unless the label says otherwise. When a figure changes, this table and every entry that uses it change together.\n")
	// One section per kind of unit, one list item per figure: a heading
	// each would soon pass the renderer's limit on headings. Sources are
	// code, not links, for the same reason (links): they stay copyable.
	groups := []struct {
		title string
		units []string
	}{
		{"Amounts", []string{"EUR"}},
		{"Rates", []string{"percent"}},
		{"Durations", []string{"hours", "days", "weeks", "months", "years"}},
		{"Counts and multiples", []string{"count"}},
	}
	sorted := append([]Figure(nil), figs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Label < sorted[j].Label })
	var sources []string
	seenSource := map[string]bool{}
	newest := ""
	for _, g := range groups {
		first := true
		for _, f := range sorted {
			if !slices.Contains(g.units, f.Unit) {
				continue
			}
			if first {
				fmt.Fprintf(&b, "\n## %s\n\n", g.title)
				first = false
			}
			fmt.Fprintf(&b, "- **%s**: %s since %s.", f.Label, f.Text(), f.SinceText())
			if f.Reported {
				b.WriteString(" Reported by the press; no official text confirming it has been found yet.")
			}
			var users []string
			for _, id := range f.UsedBy {
				if e := lib.Get(id); e != nil {
					users = append(users, fmt.Sprintf("[%s](%s.md)", e.Title, id))
					newest = max(newest, e.Verified)
				}
			}
			if len(users) > 0 {
				fmt.Fprintf(&b, " Used in %s.", strings.Join(users, ", "))
			}
			fmt.Fprintf(&b, " Source: `%s`", f.Source)
			for _, a := range f.Also {
				fmt.Fprintf(&b, ", also `%s`", a)
			}
			fmt.Fprintf(&b, " (figure `%s`).\n", f.Name)
			if !seenSource[f.Source] {
				seenSource[f.Source] = true
				sources = append(sources, f.Source)
			}
		}
	}
	e.Body, e.Sources, e.Verified = strings.TrimSpace(b.String()), sources, newest
}
