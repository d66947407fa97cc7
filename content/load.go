package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Limits that keep a hostile folder from exhausting memory or time.
const (
	maxFileSize         = 1 << 20 // 1 MiB per entry
	maxFrontMatterLines = 300
	maxEntries          = 200_000
)

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	monthFormat = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
	// linkPattern finds Markdown link targets; internal ones end in .md.
	linkPattern = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
)

// Problem is one thing wrong with a content folder.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every problem found in a folder; it is the error Load returns.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Load reads every *.md file under fsys, validates it and returns the
// library. When anything is wrong it returns a nil library and Problems
// listing every problem, each with its file and line.
func Load(fsys fs.FS) (*Library, error) {
	var (
		probs   Problems
		entries []*Entry
	)
	add := func(file string, line int, format string, args ...any) {
		probs = append(probs, Problem{file, line, fmt.Sprintf(format, args...)})
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			add(p, 0, "cannot read: %s", plainErr(err))
			if d != nil && d.IsDir() && p != "." {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") {
			return nil // not an entry: skipped
		}
		if len(entries) >= maxEntries {
			add(p, 0, "too many entries (the limit is %d)", maxEntries)
			return fs.SkipAll
		}
		data, err := readLimited(fsys, p)
		if err != nil {
			add(p, 0, "%s", plainErr(err))
			return nil
		}
		e, ps := parse(p, data)
		probs = append(probs, ps...)
		if e != nil {
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil {
		add(".", 0, "cannot read the folder: %s", plainErr(err))
	}
	if len(entries) == 0 && len(probs) == 0 {
		add(".", 0, "no entries found (expected *.md files with front matter)")
	}

	lib := &Library{Entries: entries, byID: make(map[string]*Entry, len(entries))}
	for _, e := range entries {
		if prev, ok := lib.byID[e.ID]; ok {
			add(e.Path, 2, "duplicate id %q (also in %s)", e.ID, prev.Path)
			continue
		}
		lib.byID[e.ID] = e
	}
	for _, e := range entries {
		probs = append(probs, checkLinks(e, lib.byID)...)
	}
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool {
			if probs[i].File != probs[j].File {
				return probs[i].File < probs[j].File
			}
			return probs[i].Line < probs[j].Line
		})
		return nil, probs
	}
	sortEntries(lib.Entries)
	return lib, nil
}

// plainErr drops the path that fs errors repeat, since messages already
// start with the file name.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

func readLimited(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", plainErr(err))
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("file too large (the limit is %d KiB)", maxFileSize>>10)
	}
	return data, nil
}

// parse splits one file into front matter and body and checks both.
func parse(file string, data []byte) (*Entry, Problems) {
	var probs Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{file, line, fmt.Sprintf(format, args...)})
	}
	if bytes.IndexByte(data, 0) >= 0 {
		add(0, "binary file (contains NUL bytes)")
		return nil, probs
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidAt(data)], []byte("\n"))
		add(line, "not valid UTF-8 text (save the file as UTF-8)")
		return nil, probs
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\n") != "---" {
		add(1, "missing front matter (the file must start with a line \"---\")")
		return nil, probs
	}
	end := -1
	for i := 1; i < len(lines) && i <= maxFrontMatterLines+1; i++ {
		if t := strings.TrimRight(lines[i], " \t\n"); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		if len(lines) > maxFrontMatterLines+1 {
			add(1, "front matter not closed within %d lines (a line \"---\" must end it)", maxFrontMatterLines)
		} else {
			add(1, "front matter not closed (a line \"---\" must end it)")
		}
		return nil, probs
	}
	e := &Entry{Path: file, BodyLine: end + 2}
	probs = append(probs, decodeFront(file, strings.Join(lines[1:end], ""), e)...)
	e.Body = Clean(strings.TrimSpace(strings.Join(lines[end+1:], "")))
	if e.Body == "" {
		add(end+1, "empty body (write the entry below the front matter)")
	}
	// An id that does not match the file name is reported by decodeFront;
	// an entry with front-matter problems is still returned so that links
	// to it resolve and only the real problems are reported.
	if e.ID == "" {
		return nil, probs
	}
	return e, probs
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// decodeFront walks the YAML node tree by hand, so that each problem gets
// its own line and every problem is reported, not only the first.
func decodeFront(file, src string, e *Entry) Problems {
	var probs Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{file, line + 1, fmt.Sprintf(format, args...)})
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		line, msg := yamlError(err)
		add(line, "malformed front matter: %s", msg)
		return probs
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		add(1, "malformed front matter: expected \"field: value\" lines")
		return probs
	}
	m := doc.Content[0]
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		name := k.Value
		if prev, ok := seen[name]; ok {
			add(k.Line, "field %q given twice (first on line %d)", name, prev+1)
			continue
		}
		seen[name] = k.Line
		switch name {
		case "id", "kind", "title", "french", "english", "website", "verified":
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
				add(v.Line, "%s must be a single value", name)
				continue
			}
			s := Clean(strings.TrimSpace(v.Value))
			switch name {
			case "id":
				e.ID = s
			case "kind":
				e.Kind = s
			case "title":
				e.Title = s
			case "french":
				e.French = s
			case "english":
				e.English = s
			case "website":
				e.Website = s
			case "verified":
				e.Verified = s
			}
		case "aliases", "keywords", "see_also", "sources":
			list, ok := stringList(v)
			if !ok {
				add(v.Line, "%s must be a list such as [a, b]", name)
				continue
			}
			switch name {
			case "aliases":
				e.Aliases = list
			case "keywords":
				e.Keywords = list
			case "see_also":
				e.SeeAlso = list
			case "sources":
				e.Sources = list
			}
		case "order":
			if err := v.Decode(&e.Order); err != nil || v.Kind != yaml.ScalarNode {
				add(v.Line, "order must be a whole number")
			}
		default:
			add(k.Line, "unknown field %q (allowed: id, kind, title, french, english, aliases, keywords, see_also, website, sources, verified, order)", Clean(name))
		}
	}
	line := func(field string) int {
		if l, ok := seen[field]; ok {
			return l
		}
		return 1
	}
	for _, f := range []string{"id", "kind", "title"} {
		if _, ok := seen[f]; !ok {
			add(1, "missing required field %q", f)
		}
	}
	base := strings.TrimSuffix(path.Base(file), ".md")
	switch {
	case e.ID == "" && seen["id"] > 0:
		add(line("id"), "id is empty")
	case e.ID != "" && !idPattern.MatchString(e.ID):
		add(line("id"), "bad id %q (use lower-case letters, digits and single hyphens)", e.ID)
	case e.ID != "" && e.ID != base:
		add(line("id"), "id %q does not match the file name %q", e.ID, base+".md")
	}
	if e.Kind != "" && !validKind(e.Kind) {
		add(line("kind"), "unknown kind %q (use agency, term or guide)", e.Kind)
	} else if e.Kind == "" && seen["kind"] > 0 {
		add(line("kind"), "kind is empty (use agency, term or guide)")
	}
	if e.Title == "" && seen["title"] > 0 {
		add(line("title"), "title is empty")
	}
	if e.Verified != "" && !monthFormat.MatchString(e.Verified) {
		add(line("verified"), "verified must be a month such as 2026-11, not %q", e.Verified)
	}
	return probs
}

func stringList(v *yaml.Node) ([]string, bool) {
	switch v.Kind {
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, false
			}
			if s := Clean(strings.TrimSpace(c.Value)); s != "" {
				out = append(out, s)
			}
		}
		return out, true
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, true
		}
		// A single value stands for a one-item list.
		return []string{Clean(strings.TrimSpace(v.Value))}, true
	}
	return nil, false
}

// yamlError pulls the line number out of a yaml.v3 error message.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func yamlError(err error) (int, string) {
	msg := strings.SplitN(err.Error(), "\n", 2)[0]
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line := 1
		if m[1] != "" {
			fmt.Sscan(m[1], &line)
		}
		return line, Clean(m[2])
	}
	return 1, Clean(msg)
}

func validKind(k string) bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// checkLinks reports see_also ids and body links that name no entry.
func checkLinks(e *Entry, byID map[string]*Entry) Problems {
	var probs Problems
	for _, id := range e.SeeAlso {
		if byID[id] == nil {
			probs = append(probs, Problem{e.Path, 2, fmt.Sprintf("see_also names a missing entry %q", id)})
		}
	}
	for i, line := range strings.Split(e.Body, "\n") {
		for _, target := range LinkTargets(line) {
			if byID[target] == nil {
				probs = append(probs, Problem{e.Path, e.BodyLine + i, fmt.Sprintf("link to a missing entry %q", target+".md")})
			}
		}
	}
	return probs
}

// LinkTargets returns the ids of the internal links ("other-id.md") in s.
func LinkTargets(s string) []string {
	var ids []string
	for _, m := range linkPattern.FindAllStringSubmatch(s, -1) {
		if id, ok := InternalID(m[1]); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// InternalID reports whether a link target is an internal cross-reference
// ("cpam.md", "../agencies/cpam.md#x") and returns the id it names.
func InternalID(target string) (string, bool) {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "tel:") {
		return "", false
	}
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target = target[:i]
	}
	if !strings.HasSuffix(target, ".md") {
		return "", false
	}
	return strings.TrimSuffix(path.Base(target), ".md"), true
}

// sortEntries puts entries in list order: agencies, terms, guides; guides
// by their order, everything else by title, ignoring case and accents.
func sortEntries(es []*Entry) {
	rank := map[string]int{}
	for i, k := range Kinds {
		rank[k] = i
	}
	keys := make(map[*Entry]string, len(es))
	for _, e := range es {
		keys[e] = sortKey(e.Title)
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Kind != b.Kind {
			return rank[a.Kind] < rank[b.Kind]
		}
		if a.Kind == KindGuide && a.Order != b.Order {
			// Guides with an order come first, in that order.
			if a.Order == 0 || b.Order == 0 {
				return b.Order == 0
			}
			return a.Order < b.Order
		}
		if keys[a] != keys[b] {
			return keys[a] < keys[b]
		}
		return a.ID < b.ID
	})
}

func sortKey(s string) string {
	// A Chain keeps state, so each call builds its own.
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}
