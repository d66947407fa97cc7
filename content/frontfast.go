package content

import (
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fnode is a YAML node as decodeFront reads it: a sixth of yaml.Node's
// size, and its children by value, so a front matter is a few
// allocations, not one per node.
type fnode struct {
	kind    yaml.Kind
	null    bool // tagged !!null
	isInt   bool // an !!int that fits an int: intVal
	intVal  int
	value   string
	line    int
	content []fnode // a mapping's keys and values in turn; a list's items
}

// fromYAML copies yaml.v3's tree. Aliases are not followed (an alias
// node has no content), so a "billion laughs" stays small.
func fromYAML(n *yaml.Node) fnode {
	f := fnode{kind: n.Kind, null: n.ShortTag() == "!!null", value: n.Value, line: n.Line}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		f.isInt = n.Decode(&f.intVal) == nil
	}
	if len(n.Content) > 0 {
		f.content = make([]fnode, len(n.Content))
		for i, c := range n.Content {
			f.content[i] = fromYAML(c)
		}
	}
	return f
}

// fastFront builds the YAML node tree of the plainest front matter by
// hand: one "key: value" per line, where a value is a plain, single- or
// double-quoted scalar or a one-line flow list of them, with no escapes,
// comments, anchors, tags or nulls. yaml.v3 spent most of a load on such
// lines (about 0.1 ms each entry). It returns false for anything else,
// which then goes to yaml.v3: the tree is fromYAML's of what yaml.v3
// builds, which TestFastFrontMatchesYAML checks.
func fastFront(src string) (fnode, bool) { return fastFrontIn(src, &frontScratch{}) }

// frontScratch holds the nodes of one front matter tree, reused from one
// entry to the next (frontPool): the tree lives only while decodeFront
// copies its strings out, and the strings are slices of the file.
type frontScratch struct {
	doc   [1]fnode
	pairs []fnode // the mapping's keys and values
	items []fnode // the items of every list, one list after another
}

var frontPool = sync.Pool{New: func() any { return new(frontScratch) }}

// fastFrontIn is fastFront building its tree in sc.
func fastFrontIn(src string, sc *frontScratch) (fnode, bool) {
	m := fnode{kind: yaml.MappingNode, content: sc.pairs[:0]}
	sc.items = sc.items[:0]
	line := 0
	for rest := src; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		line++
		if !plainLine(l) {
			return fnode{}, false
		}
		colon := strings.IndexByte(l, ':')
		// YAML allows an implicit key of at most 1024 characters.
		if colon <= 0 || colon > 1000 || !isKey(l[:colon]) {
			return fnode{}, false
		}
		if m.line == 0 {
			m.line = line
		}
		key := fnode{kind: yaml.ScalarNode, value: l[:colon], line: line}
		v := strings.TrimLeft(l[colon+1:], " ")
		if v == "" || v == l[colon+1:] { // no value (null) or no space after ':'
			return fnode{}, false
		}
		var val fnode
		if v[0] == '[' {
			list, ok := flowList(v, line, sc)
			if !ok {
				return fnode{}, false
			}
			val = list
		} else {
			s, tag, n, ok := scalar(v, false)
			if !ok || strings.TrimRight(v[n:], " ") != "" {
				return fnode{}, false
			}
			val = fnode{kind: yaml.ScalarNode, value: s, line: line}
			if l[:colon] == "order" {
				if tag != "" || !smallInt(s) {
					return fnode{}, false
				}
				val.isInt, val.intVal = true, atoi(s)
			}
		}
		m.content = append(m.content, key, val)
	}
	sc.pairs = m.content
	if len(m.content) == 0 {
		return fnode{}, false
	}
	sc.doc[0] = m
	return fnode{kind: yaml.DocumentNode, line: m.line, content: sc.doc[:]}, true
}

// atoi reads what smallInt accepted.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// plainLine: printable ASCII and UTF-8 text without the characters YAML
// treats as line breaks or a byte-order mark, no tab, no comment.
func plainLine(l string) bool {
	for i := 0; i < len(l); {
		if c := l[i]; c < utf8.RuneSelf {
			// Tab and the other controls are below ' '.
			if c < ' ' || c == 0x7f || c == '#' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(l[i:])
		if r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == utf8.RuneError { // and invalid UTF-8
			return false
		}
		i += n
	}
	return true
}

func isKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '_' && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

func smallInt(s string) bool {
	if s == "0" {
		return true
	}
	if len(s) == 0 || len(s) > 9 || s[0] < '1' || s[0] > '9' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// flowList reads "[a, "b", c]" on one line; the items are on line. They
// go after sc.items: a list that outgrows it keeps its own copy.
func flowList(v string, line int, sc *frontScratch) (fnode, bool) {
	seq := fnode{kind: yaml.SequenceNode, line: line}
	v = strings.TrimRight(v, " ")
	if len(v) < 2 || v[len(v)-1] != ']' {
		return fnode{}, false
	}
	body := strings.TrimLeft(v[1:len(v)-1], " ")
	if strings.TrimSpace(body) == "" {
		return seq, true
	}
	start := len(sc.items)
	for {
		s, _, n, ok := scalar(body, true)
		if !ok {
			return fnode{}, false
		}
		sc.items = append(sc.items, fnode{kind: yaml.ScalarNode, value: s, line: line})
		body = strings.TrimLeft(body[n:], " ")
		if body == "" {
			seq.content = sc.items[start:len(sc.items):len(sc.items)]
			return seq, true
		}
		if body[0] != ',' {
			return fnode{}, false
		}
		body = strings.TrimLeft(body[1:], " ")
		if body == "" { // a trailing comma: let yaml.v3 decide
			return fnode{}, false
		}
	}
}

// scalar reads one scalar at the start of s and returns its value, a tag
// ("!!str" when quoted, "" when plain) and how many bytes it took. inFlow:
// inside [...], where ',' and ']' end a plain scalar. Anything yaml.v3
// could read as null, or that needs escapes or folding, is refused.
func scalar(s string, inFlow bool) (string, string, int, bool) {
	switch s[0] {
	case '"', '\'':
		q := s[0]
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return "", "", 0, false
		}
		n := end + 2
		if n < len(s) && s[n] == q { // '' inside single quotes
			return "", "", 0, false
		}
		if q == '"' && strings.ContainsAny(s[1:end+1], `\`) {
			return "", "", 0, false
		}
		return s[1 : end+1], "!!str", n, true // quoted: a string, never null
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', ' ':
		return "", "", 0, false
	}
	n := len(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inFlow && (c == ',' || c == ']') {
			n = i
			break
		}
		if !plainByte(c, inFlow) {
			return "", "", 0, false
		}
		if c == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == ',' || s[i+1] == ']') {
			return "", "", 0, false
		}
	}
	v := strings.TrimRight(s[:n], " ")
	if v == "" {
		return "", "", 0, false
	}
	switch v {
	case "~", "null", "Null", "NULL":
		return "", "", 0, false
	}
	return v, "", n, true
}

// plainByte: the bytes a plain scalar may hold here, past its first. The
// list is short on purpose: yaml.v3 has quirks ('?' inside a flow list is
// an error), and anything else simply takes the slow path.
func plainByte(c byte, inFlow bool) bool {
	switch {
	case c >= 0x80, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	case c == ',':
		return !inFlow
	}
	return strings.IndexByte(" .-_/:'()=+;%&*!@~$", c) >= 0
}
