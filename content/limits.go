package content

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// What the renderer accepts in a body. Glamour renders nested blocks and
// emphasis recursively (deep nesting overflows the stack, a fatal error
// that no recover catches, and 1,000 levels take minutes), Goldmark's
// heading ids are quadratic in the number of headings, and links cost
// time each. A body within these limits renders in milliseconds; a real
// entry is far below them (the longest built-in one is 5 KB, 10 headings,
// 3 levels deep).
const (
	MaxBodyBytes = 64 << 10 // bytes of Markdown after the front matter
	MaxHeadings  = 100
	MaxLinks     = 500 // links, images and autolinks: ~0.25 ms each in the renderer
	MaxBrackets  = 2000
	MaxBlocks    = 500 // paragraphs, list items, table rows…: Glamour spends ~0.2 ms on each
	MaxNesting   = 8   // block quotes and lists inside each other
	MaxEmphasis  = 6   // emphasis, strong, strikethrough and links inside each other

	// The reader shows these front matter fields as Markdown too: a
	// see-also item is a link, a source a list item.
	MaxListItems  = 50  // see_also and sources
	MaxFieldBytes = 500 // title, french, english, website and each source
)

// shownFields are the front matter fields the reader renders as Markdown.
var shownFields = map[string]bool{"title": true, "french": true, "english": true, "website": true, "sources": true, "see_also": true}

// fieldLimits returns what is wrong with the values of a front matter
// field that the renderer shows, or "". Load runs the linear scan only;
// with tree, the parsed Markdown is measured too, as CheckBody does.
func fieldLimits(name string, values []string, tree bool) string {
	if !shownFields[name] {
		return ""
	}
	if (name == "see_also" || name == "sources") && len(values) > MaxListItems {
		return fmt.Sprintf("%s has %d items (the limit is %d)", name, len(values), MaxListItems)
	}
	if name == "see_also" {
		return "" // ids, not Markdown
	}
	for _, v := range values {
		if len(v) > MaxFieldBytes {
			return fmt.Sprintf("%s too long: %d bytes (the limit is %d)", name, len(v), MaxFieldBytes)
		}
		if !mayPassLimits(v) {
			continue
		}
		if ps := scanLimits(v); len(ps) > 0 {
			return name + ": " + ps[0].msg
		}
		if !tree {
			continue
		}
		if _, msg, ok := CheckBody(v); !ok {
			return name + ": " + msg
		}
	}
	return ""
}

// CheckEntry is CheckBody for the body and the front matter fields the
// reader renders; line is a body line (0 when a field is at fault).
func CheckEntry(e *Entry) (line int, msg string, ok bool) {
	if line, msg, ok := CheckBody(e.Body); !ok {
		return line, msg, false
	}
	for name, vs := range map[string][]string{"title": {e.Title}, "french": {e.French}, "english": {e.English},
		"website": {e.Website}, "sources": e.Sources, "see_also": e.SeeAlso} {
		if msg := fieldLimits(name, vs, true); msg != "" {
			return 0, msg, false
		}
	}
	return 0, "", true
}

// bodyProblem is one limit a body goes over, at a line of the body (1-based).
type bodyProblem struct {
	line int
	msg  string
}

// scanLimits checks a body against the limits with one linear pass over
// its lines, cheap enough to run on every entry at load. It over-counts
// rather than under-counts where Markdown is ambiguous, and reports each
// limit once, at the line where it is first exceeded.
func scanLimits(body string) []bodyProblem {
	var (
		probs   []bodyProblem
		seen    uint8 // the kinds of problem reported: one bit each
		size    int
		heads   int
		blocks  int
		links   int
		bracket int
		lists   []int // content column of each open list item
		blank   = true
		inPara  bool
		emph    int // open emphasis delimiters in the current paragraph
		fence   string
	)
	report := func(kind uint8, line int, format string, args ...any) {
		if seen&kind == 0 {
			seen |= kind
			probs = append(probs, bodyProblem{line, fmt.Sprintf(format, args...)})
		}
	}
	line := 0
	for l := range strings.Lines(body) {
		line++
		size += len(l)
		if size > MaxBodyBytes {
			report(overSize, line, "body too long: over %d KiB (the limit is %d KiB)", MaxBodyBytes>>10, MaxBodyBytes>>10)
		}
		l = strings.TrimRight(l, "\n")
		// Containers at the start of the line: quotes and list markers,
		// several of which may share one line ("> - > - x").
		rest, quotes, markers, indent := containerPrefix(l)
		if fence != "" {
			// Inside a fenced code block nothing is Markdown, but the
			// containers before it still count.
			if t := strings.TrimLeft(rest, " \t"); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
			}
			continue
		}
		if strings.TrimSpace(rest) == "" && markers == 0 {
			blank = true
			inPara = false
			emph = 0
			continue
		}
		if markers > 0 {
			// A list item starts a new paragraph.
			emph = 0
			// Close the items it is not inside.
			for len(lists) > 0 && lists[len(lists)-1] > indent {
				lists = lists[:len(lists)-1]
			}
			for range markers {
				lists = append(lists, indent+2)
			}
		} else if blank {
			for len(lists) > 0 && lists[len(lists)-1] > indent {
				lists = lists[:len(lists)-1]
			}
		}
		blank = false
		blocks++
		if blocks > MaxBlocks {
			report(overBlocks, line, "more than %d lines of text (the limit is %d blocks: paragraphs, list items, table rows…)", MaxBlocks, MaxBlocks)
		}
		if d := quotes + len(lists); d > MaxNesting {
			report(overNesting, line, "block quotes and lists nested %d deep (the limit is %d)", d, MaxNesting)
		}
		t := strings.TrimLeft(rest, " \t")
		if f := fenceOf(t); f != "" {
			fence = f
			inPara = false
			emph = 0
			continue
		}
		if isHeading(t, inPara) {
			heads++
			if heads > MaxHeadings {
				report(overHeadings, line, "more than %d headings (the limit is %d)", MaxHeadings, MaxHeadings)
			}
		}
		inPara = true
		// Inline links, then bare URLs and addresses not already counted
		// as the target of one.
		inline := 0
		if strings.IndexByte(t, ']') >= 0 {
			inline = strings.Count(t, "](")
		}
		bare := strings.Count(t, "@")
		if strings.IndexByte(t, ':') >= 0 {
			bare += strings.Count(t, "://")
		}
		if strings.IndexByte(t, 'w') >= 0 {
			bare += strings.Count(t, "www.")
		}
		if inline > 0 && bare > 0 {
			bare -= strings.Count(t, "](http") + strings.Count(t, "](<http") + strings.Count(t, "](www.") + strings.Count(t, "](mailto:")
		}
		links += inline + max(bare, 0)
		if links > MaxLinks {
			report(overLinks, line, "more than %d links (the limit is %d)", MaxLinks, MaxLinks)
		}
		bracket += strings.Count(t, "[")
		if bracket > MaxBrackets {
			report(overBrackets, line, "more than %d '[' (the limit is %d)", MaxBrackets, MaxBrackets)
		}
		var depth int
		emph, depth = emphasisDepth(t, emph)
		if depth > MaxEmphasis {
			report(overEmphasis, line, "emphasis or links nested %d deep (the limit is %d)", depth, MaxEmphasis)
		}
	}
	return probs
}

// The kinds of problem scanLimits reports, once each.
const (
	overSize uint8 = 1 << iota
	overBlocks
	overNesting
	overHeadings
	overLinks
	overBrackets
	overEmphasis
)

// mayPassLimits reports whether a one-line field value could pass any of
// scanLimits' limits: within MaxFieldBytes only nesting (9 markers) and
// emphasis (7 delimiters) can, so a value with fewer than 7 of the bytes
// they need cannot, and is not scanned.
func mayPassLimits(v string) bool {
	n := 0
	for i := 0; i < len(v); i++ {
		if limitByte[v[i]] {
			if n++; n >= MaxEmphasis+1 {
				return true
			}
		}
	}
	return strings.IndexByte(v, '\n') >= 0 || len(v) > MaxFieldBytes
}

// limitByte marks the bytes of container markers (quotes, bullets, the
// digits of ordered lists) and of emphasis and links.
var limitByte = func() (t [256]bool) {
	for _, c := range []byte(">-+*_~[]`0123456789") {
		t[c] = true
	}
	return t
}()

// containerPrefix strips the block quote markers and list markers that
// open a line and counts them; indent is the column of the last list
// marker (or of the text).
func containerPrefix(l string) (rest string, quotes, markers, indent int) {
	col := 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			col++
			i++
		case c == '\t':
			col += 4 - col%4
			i++
		case c == '>':
			quotes++
			col++
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
				return l[i:], quotes, markers, col
			}
			if i+1 == len(l) {
				return l[i:], quotes, markers, col
			}
			markers++
			indent = col
			col++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				markers++
				indent = col
				col += j + 1 - i
				i = j + 1
				continue
			}
			return l[i:], quotes, markers, col
		default:
			if markers == 0 {
				indent = col
			}
			return l[i:], quotes, markers, indent
		}
	}
	if markers == 0 {
		indent = col
	}
	return "", quotes, markers, indent
}

// fenceOf returns the fence that opens a fenced code block, or "".
func fenceOf(t string) string {
	for _, c := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, c) {
			n := len(t) - len(strings.TrimLeft(t, c[:1]))
			return strings.Repeat(c[:1], n)
		}
	}
	return ""
}

// isHeading reports an ATX heading ("## x") or a setext underline ("==="
// or "---" under a paragraph).
func isHeading(t string, inPara bool) bool {
	if n := len(t) - len(strings.TrimLeft(t, "#")); n >= 1 && n <= 6 {
		return n == len(t) || t[n] == ' ' || t[n] == '\t'
	}
	if inPara && t != "" && (strings.Trim(t, "= \t") == "" || strings.Trim(t, "- \t") == "") {
		return true
	}
	return false
}

// emphasisDepth follows the delimiter runs ("*", "_", "~", "[") of a line
// of a paragraph: a run that can only open adds to the depth, one that
// can only close takes from it. open carries over from the paragraph's
// previous lines; the second result is the deepest point reached, an
// upper bound on how deep emphasis and links can nest.
func emphasisDepth(t string, open int) (int, int) {
	deepest := open
	for i := 0; i < len(t); {
		for i < len(t) && !delimByte[t[i]] {
			i++
		}
		if i == len(t) {
			break
		}
		c := t[i]
		switch c {
		case '`':
			// A code span: its content is literal.
			j := i
			for j < len(t) && t[j] == '`' {
				j++
			}
			if k := strings.Index(t[j:], t[i:j]); k >= 0 {
				i = j + k + (j - i)
			} else {
				i = j
			}
			continue
		}
		j := i
		for j < len(t) && t[j] == c && c != '[' && c != ']' {
			j++
		}
		if c == '[' || c == ']' {
			j = i + 1
		}
		n := j - i
		before, after := byte(' '), byte(' ')
		if i > 0 {
			before = t[i-1]
		}
		if j < len(t) {
			after = t[j]
		}
		// CommonMark's flanking rules, with bytes for characters (a
		// non-ASCII neighbour counts as a letter).
		left := !isSpaceByte(after) && (!isPunctByte(after) || isSpaceByte(before) || isPunctByte(before))
		right := !isSpaceByte(before) && (!isPunctByte(before) || isSpaceByte(after) || isPunctByte(after))
		switch {
		case c == '[':
			open++
		case c == ']':
			open = max(0, open-1)
		case left && !right:
			open += n
		case right:
			open = max(0, open-n)
		}
		deepest = max(deepest, open)
		i = j
	}
	return open, deepest
}

// delimByte marks the bytes emphasisDepth stops at.
var delimByte = [256]bool{'*': true, '_': true, '~': true, '[': true, ']': true, '`': true}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func isPunctByte(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// md parses like Glamour (GFM and definition lists) but without heading
// ids, whose generation is quadratic.
var md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))

// CheckBody reports, as "line: message" pairs counted from the body's
// first line, what in body the renderer does not accept: the limits
// above, measured first by a linear scan and then, when that passes, on
// the parsed Markdown tree, as Glamour will see it. A body with no
// problem renders quickly and without deep recursion.
func CheckBody(body string) (line int, msg string, ok bool) {
	if ps := scanLimits(body); len(ps) > 0 {
		return ps[0].line, ps[0].msg, false
	}
	src := []byte(body)
	doc := md.Parser().Parse(text.NewReader(src))
	var (
		heads, links int
		nblocks      int
		badLine      int
		badMsg       string
	)
	// An explicit walk, not ast.Walk: no recursion, whatever the depth.
	var blocks, inlines int
	n := ast.Node(doc)
	for n != nil && badMsg == "" {
		// Enter n.
		b, in := nestKind(n)
		blocks += b
		inlines += in
		if n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument && n.Kind() != ast.KindTextBlock && n.Kind() != east.KindTableCell {
			nblocks++
			if nblocks > MaxBlocks {
				badLine, badMsg = lineOf(n, src), fmt.Sprintf("more than %d blocks: paragraphs, list items, table rows… (the limit is %d)", MaxBlocks, MaxBlocks)
			}
		}
		switch n.Kind() {
		case ast.KindHeading:
			heads++
			if heads > MaxHeadings {
				badLine, badMsg = lineOf(n, src), fmt.Sprintf("more than %d headings (the limit is %d)", MaxHeadings, MaxHeadings)
			}
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			links++
			if links > MaxLinks {
				badLine, badMsg = lineOf(n, src), fmt.Sprintf("more than %d links (the limit is %d)", MaxLinks, MaxLinks)
			}
		}
		if blocks > MaxNesting {
			badLine, badMsg = lineOf(n, src), fmt.Sprintf("block quotes and lists nested %d deep (the limit is %d)", blocks, MaxNesting)
		} else if inlines > MaxEmphasis {
			badLine, badMsg = lineOf(n, src), fmt.Sprintf("emphasis or links nested %d deep (the limit is %d)", inlines, MaxEmphasis)
		}
		if c := n.FirstChild(); c != nil {
			n = c
			continue
		}
		// Leave n and every ancestor that has no next sibling.
		for n != nil {
			b, in := nestKind(n)
			blocks -= b
			inlines -= in
			if s := n.NextSibling(); s != nil {
				n = s
				break
			}
			n = n.Parent()
		}
	}
	if badMsg != "" {
		return badLine, badMsg, false
	}
	return 0, "", true
}

// nestKind tells whether a node nests blocks (a quote or a list) or
// inlines (emphasis, strikethrough, a link).
func nestKind(n ast.Node) (block, inline int) {
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList:
		return 1, 0
	case ast.KindEmphasis, ast.KindLink, ast.KindImage, east.KindStrikethrough:
		return 0, 1
	}
	return 0, 0
}

// lineOf returns the body line (1-based) where node n starts: its own
// first line for a block, that of the nearest block holding it otherwise.
func lineOf(n ast.Node, src []byte) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() != ast.TypeBlock {
			continue
		}
		// A quote or a list has no lines of its own: its first leaf has.
		for b := n; b != nil && b.Type() == ast.TypeBlock; b = b.FirstChild() {
			if ls := b.Lines(); ls != nil && ls.Len() > 0 {
				return 1 + bytes.Count(src[:ls.At(0).Start], []byte("\n"))
			}
		}
	}
	return 1
}

// CheckRendering checks every entry of lib with CheckBody and returns a
// problem, at the file line, for each body the renderer would refuse.
// Load runs only the linear scan; secu validate runs this too.
func CheckRendering(lib *Library) Problems {
	var probs Problems
	for _, e := range lib.Entries {
		if line, msg, ok := CheckEntry(e); !ok {
			if line > 0 {
				line += e.BodyLine - 1
			}
			probs = append(probs, Problem{displayPath(e.Path), line, msg})
		}
	}
	return probs
}
