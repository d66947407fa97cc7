package content

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// fastFront builds the YAML node tree of the plainest front matter by
// hand: one "key: value" per line, where a value is a plain, single- or
// double-quoted scalar or a one-line flow list of them, with no escapes,
// comments, anchors, tags or nulls. yaml.v3 spent most of a load on such
// lines (about 0.15 ms each entry). It returns false for anything else,
// which then goes to yaml.v3: the tree is the one yaml.v3 would build, as
// far as decodeFront reads it (kind, value, line, and the !!null and
// !!int tags), which TestFastFrontMatchesYAML checks.
func fastFront(src string) (*yaml.Node, bool) {
	// Every node from one slab (a node is 150 bytes): a key and a value
	// per line, an item per list and per comma, the document and the
	// mapping. Past that bound, append moves on to a new slab, which the
	// nodes already made do not mind.
	lines := strings.Count(src, "\n") + 1
	slab := make([]yaml.Node, 0, 2*lines+strings.Count(src, "[")+strings.Count(src, ",")+2)
	node := func(n yaml.Node) *yaml.Node {
		slab = append(slab, n)
		return &slab[len(slab)-1]
	}
	m := node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
	line := 0
	for rest := src; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		line++
		if !plainLine(l) {
			return nil, false
		}
		colon := strings.IndexByte(l, ':')
		if colon <= 0 || !isKey(l[:colon]) {
			return nil, false
		}
		if m.Line == 0 {
			m.Line, m.Column = line, 1
		}
		key := node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: l[:colon], Line: line, Column: 1})
		v := strings.TrimLeft(l[colon+1:], " ")
		if v == "" || v == l[colon+1:] { // no value (null) or no space after ':'
			return nil, false
		}
		var val *yaml.Node
		if v[0] == '[' {
			list, ok := flowList(v, line, node)
			if !ok {
				return nil, false
			}
			val = list
		} else {
			s, tag, n, ok := scalar(v, false)
			if !ok || strings.TrimRight(v[n:], " ") != "" {
				return nil, false
			}
			if l[:colon] == "order" {
				if tag != "" || !smallInt(s) {
					return nil, false
				}
				tag = "!!int"
			}
			val = node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: line})
			if tag == "!!int" {
				val.Tag = tag
			}
		}
		m.Content = append(m.Content, key, val)
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	return node(yaml.Node{Kind: yaml.DocumentNode, Line: m.Line, Column: 1, Content: []*yaml.Node{m}}), true
}

// plainLine: printable ASCII and UTF-8 text without the characters YAML
// treats as line breaks or a byte-order mark, no tab, no comment.
func plainLine(l string) bool {
	for _, r := range l {
		switch {
		case r < ' ' || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return false
		case r == 0x2028 || r == 0x2029 || r == 0xfeff:
			return false
		case r == '#' || r == '\\' || r == '\t':
			return false
		}
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

// flowList reads "[a, "b", c]" on one line; the item nodes are on line.
func flowList(v string, line int, node func(yaml.Node) *yaml.Node) (*yaml.Node, bool) {
	seq := node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Style: yaml.FlowStyle})
	v = strings.TrimRight(v, " ")
	if len(v) < 2 || v[len(v)-1] != ']' {
		return nil, false
	}
	body := strings.TrimLeft(v[1:len(v)-1], " ")
	if strings.TrimSpace(body) == "" {
		return seq, true
	}
	for {
		s, _, n, ok := scalar(body, true)
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: line}))
		body = strings.TrimLeft(body[n:], " ")
		if body == "" {
			return seq, true
		}
		if body[0] != ',' {
			return nil, false
		}
		body = strings.TrimLeft(body[1:], " ")
		if body == "" { // a trailing comma: let yaml.v3 decide
			return nil, false
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
