package content

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// SynonymsFile is the optional synonym table at the root of a content
// folder.
const SynonymsFile = "synonyms.yaml"

// maxPhrase bounds a synonym phrase, in bytes: a phrase is a few words.
const maxPhrase = 200

// Synonym says that people type Words for what the entries call Means:
// "sick note" for "arrêt de travail". Without Means, the Words are
// equivalent to each other (reimbursement, remboursement).
type Synonym struct {
	Words []string
	Means []string
	Line  int // of the item in synonyms.yaml
}

// ParseSynonyms reads a synonym table: a YAML list of items with `words`
// (required: a list of phrases) and `means` (optional: a list of phrases).
// It reports every problem, each as file:line, and never panics.
func ParseSynonyms(file string, data []byte) ([]Synonym, Problems) {
	var probs Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{displayPath(file), line, fmt.Sprintf(format, args...)})
	}
	if !utf8.Valid(data) {
		add(0, "not UTF-8 text")
		return nil, probs
	}
	var root yaml.Node
	if err := decodeYAML(string(data), &root); err != nil {
		line, msg := yamlError(err, string(data))
		add(line, "malformed YAML: %s", msg)
		return nil, probs
	}
	if root.Kind == 0 {
		return nil, nil // an empty table
	}
	list := &root
	if list.Kind == yaml.DocumentNode && len(list.Content) == 1 {
		list = list.Content[0]
	}
	if list.Kind != yaml.SequenceNode {
		add(list.Line, "want a list of items with words and means")
		return nil, probs
	}
	var out []Synonym
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			add(item.Line, "want an item with words (and means), not %s", nodeKind(item))
			continue
		}
		s := Synonym{Line: item.Line}
		ok := true
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			var dst *[]string
			switch k.Value {
			case "words":
				dst = &s.Words
			case "means":
				dst = &s.Means
			default:
				add(k.Line, "unknown field %q (want words or means)", k.Value)
				ok = false
				continue
			}
			if *dst != nil {
				add(k.Line, "duplicate field %q", k.Value)
				ok = false
				continue
			}
			phrases, good := phraseList(v, k.Value, add)
			*dst, ok = phrases, ok && good
		}
		switch {
		case !ok:
		case len(s.Words) == 0:
			add(item.Line, "missing field %q", "words")
		case len(s.Means) == 0 && len(s.Words) < 2:
			add(item.Line, "words without means needs at least two equivalent phrases")
		default:
			out = append(out, s)
		}
	}
	return out, probs
}

// phraseList reads a list of phrases (a single phrase is accepted too).
func phraseList(v *yaml.Node, field string, add func(int, string, ...any)) ([]string, bool) {
	nodes := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		nodes = v.Content
	}
	if len(nodes) == 0 {
		add(v.Line, "%s is empty", field)
		return nil, false
	}
	out := make([]string, 0, len(nodes))
	ok := true
	for _, n := range nodes {
		p := strings.TrimSpace(n.Value)
		switch {
		case n.Kind != yaml.ScalarNode:
			add(n.Line, "%s: want a phrase, not %s", field, nodeKind(n))
		case p == "":
			add(n.Line, "%s: empty phrase", field)
		case len(p) > maxPhrase:
			add(n.Line, "%s: phrase longer than %d bytes", field, maxPhrase)
		case !strings.ContainsFunc(p, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
			add(n.Line, "%s: phrase %q has no word", field, p)
		case strings.ContainsFunc(p, unicode.IsControl):
			add(n.Line, "%s: phrase %q has a control character", field, p)
		default:
			out = append(out, p)
			continue
		}
		ok = false
	}
	return out, ok
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", n.Value)
}

// loadSynonyms reads the folder's synonym table, if it has one, within
// the budget of what Load may read.
func loadSynonyms(fsys fs.FS, budget *readBudget) ([]Synonym, Problems) {
	info, err := fs.Stat(fsys, SynonymsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err == nil && !info.Mode().IsRegular() {
		return nil, Problems{{SynonymsFile, 0, "not a regular file"}}
	}
	data, err := readLimited(fsys, SynonymsFile, budget)
	if err != nil {
		return nil, Problems{{SynonymsFile, 0, err.Error()}}
	}
	return ParseSynonyms(SynonymsFile, data)
}
