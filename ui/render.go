package ui

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	gstyles "charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
	"secu/search"
)

// internalScheme marks cross-references in the Markdown handed to Glamour,
// so that they can be found again in its output.
const internalScheme = "secu:"

// nirTarget is the link target that opens the number checker.
const nirTarget = "nir-checker"

// Document is the Markdown the reader shows for an entry: the title and
// names, the body, and the see-also, website, sources and date from the
// front matter.
func Document(lib *content.Library, e *content.Entry) string {
	return document(lib, e, true)
}

// limitsError says why an entry's body is not handed to Glamour, or is nil
// when it can be (content.CheckBody: deep nesting would overflow the
// stack, and too many headings or links would take minutes). The title,
// names, website, sources and see-also are Markdown in the page too.
func limitsError(e *content.Entry) error {
	if line, msg, ok := content.CheckEntry(e); !ok {
		if line == 0 {
			return fmt.Errorf("%s: %s", e.Path, msg)
		}
		return fmt.Errorf("%s line %d: %s", e.Path, e.BodyLine+line-1, msg)
	}
	return nil
}

// document builds the Markdown; for the terminal (forTUI false) it leaves
// out the checker link and the sources and date, which RenderEntry prints
// unwrapped.
func document(lib *content.Library, e *content.Entry, forTUI bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", e.Title)
	names := []string{}
	if e.French != "" && e.French != e.Title {
		names = append(names, "*"+e.French+"*")
	}
	if e.English != "" {
		names = append(names, e.English)
	}
	if len(names) > 0 {
		b.WriteString(strings.Join(names, " · ") + "\n\n")
	}
	b.WriteString(internalLinks(naturalLinks(e.Body)))
	b.WriteString("\n\n")
	if forTUI && (e.ID == "nir" || e.ID == "nia" || e.ID == "social-security-number") {
		fmt.Fprintf(&b, "**Check a number:** [open the number checker](%s%s) (ctrl+k); nothing is stored.\n\n", internalScheme, nirTarget)
	}
	b.WriteString("---\n\n")
	var see []string
	for _, id := range e.SeeAlso {
		if t := lib.Get(id); t != nil {
			see = append(see, fmt.Sprintf("[%s](%s%s)", t.Title, internalScheme, id))
		}
	}
	if len(see) > 0 {
		b.WriteString("**See also:** " + strings.Join(see, " · ") + "\n\n")
	}
	if e.Website != "" {
		b.WriteString("**Website:** " + e.Website + "\n\n")
	}
	if !forTUI {
		return keepTogether(content.EncodeURLs(b.String()))
	}
	if len(e.Sources) > 0 {
		b.WriteString("**Sources:**\n\n")
		for _, s := range e.Sources {
			b.WriteString("- " + s + "\n")
		}
		b.WriteString("\n")
	}
	if e.Verified != "" {
		b.WriteString("**Verified:** " + monthName(e.Verified) + "\n")
	}
	// Encode link targets first: the stand-ins keepTogether puts in web
	// addresses are not ASCII and must not be percent-encoded.
	return keepTogether(content.EncodeURLs(b.String()))
}

// Stand-ins for the characters that must not break a line: Glamour wraps
// at spaces and hyphens, so inside a phone number, an amount or a web
// address they are swapped for private-use characters (one cell wide,
// never a break) and swapped back after rendering, so that what people
// copy is what the text says.
const (
	keepSpace  = "\uE000"
	keepHyphen = "\uE001"
)

var (
	// +33 9 74 75 36 46, 10 339, 36 46: digit groups joined by one space.
	digitGroups = regexp.MustCompile(`(?:\+\d{1,3}[ \x{00A0}])?\d+(?:[ \x{00A0}]\d{2,4})+\b`)
	// 21 €, 70 %, the space between a number and its unit.
	numberUnit = regexp.MustCompile(`\d[ \x{00A0}](?:€|%|EUR\b)`)
	// etudiant-etranger.ameli.fr, https://www.service-public.fr/...
	webAddress = regexp.MustCompile(`(?:https?://)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:fr|com|org|eu|net|int|info)\b[^\s)\]>]*`)
	unkeep     = strings.NewReplacer(keepSpace, " ", keepHyphen, "-")
)

// keepTogether protects phone numbers, amounts and web addresses from
// being wrapped.
func keepTogether(md string) string {
	sp := func(m string) string { return strings.NewReplacer(" ", keepSpace, "\u00a0", keepSpace).Replace(m) }
	md = digitGroups.ReplaceAllStringFunc(md, sp)
	md = numberUnit.ReplaceAllStringFunc(md, sp)
	return webAddress.ReplaceAllStringFunc(md, func(m string) string { return strings.ReplaceAll(m, "-", keepHyphen) })
}

// wordBeforeLink is a word, spaces, then a link's text.
var wordBeforeLink = regexp.MustCompile(`(\pL+)[ \t]+\[(\pL+)`)

// naturalLinks drops a word that the link after it repeats: "See [See a
// doctor](…)" reads "[See a doctor](…)".
func naturalLinks(body string) string {
	var b strings.Builder
	last := 0
	for _, m := range wordBeforeLink.FindAllStringSubmatchIndex(body, -1) {
		if !strings.EqualFold(body[m[2]:m[3]], body[m[4]:m[5]]) {
			continue
		}
		b.WriteString(body[last:m[2]])
		last = m[4] - 1 // from the "["
	}
	b.WriteString(body[last:])
	return b.String()
}

// internalLinks rewrites "[text](other-id.md)" to the internal scheme.
// Punctuation right after such a link goes inside its text: Glamour puts
// a space before the (hidden) address, and wrapping there started a line
// with ", or" or ")" (also after the end of bold or italics). linkEnd marks the links rewritten here, so that code
// stays literal.
func internalLinks(body string) string {
	body = content.RewriteLinks(body, func(id string) string { return internalScheme + id + linkEnd })
	body = punctAfterLink.ReplaceAllString(body, "[$1$4]($2)$3")
	return strings.ReplaceAll(body, linkEnd, "")
}

const linkEnd = "\uE003"

var punctAfterLink = regexp.MustCompile(`\[([^\[\]]*)\]\((` + internalScheme + `[^()\s]*)` + linkEnd + `\)([*_]{0,3})([,.;:!?)]+)`)

func monthName(ym string) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	return t.Format("January 2006")
}

// glamourStyle returns a Glamour style for dark, light or notty, changed so
// that internal links show only their text, and with a narrow margin for
// split panes.
func glamourStyle(name string) gansi.StyleConfig {
	var st gansi.StyleConfig
	switch name {
	case "light":
		st = gstyles.LightStyleConfig
	case "notty":
		st = gstyles.NoTTYStyleConfig
	default:
		st = gstyles.DarkStyleConfig
	}
	if name == "notty" {
		// "**" markers read badly in plain text and nest badly around links.
		st.Strong.BlockPrefix, st.Strong.BlockSuffix = "", ""
		st.Emph.BlockPrefix, st.Emph.BlockSuffix = "", ""
	}
	// No syntax highlighting: Chroma's lexers are backtracking regular
	// expressions, and 16 KB of crafted code in a "makefile" block took 40 s
	// (a block without a language is worse: every lexer is tried on it).
	// Code is shown in the code style, as plain text.
	st.CodeBlock.Theme, st.CodeBlock.Chroma = "", nil
	margin := uint(1)
	st.Document.Margin = &margin
	// The href part of a link is dropped for internal links: its token is
	// the OSC 8 opener, the URL and the closer.
	st.Link.Format = `{{if Matches .text "\x1b]8;[^;]*;` + internalScheme + `"}}{{else}}{{.text}}{{end}}`
	return st
}

// newGlamour builds a renderer for a style and width.
func newGlamour(style string, width int) (*glamour.TermRenderer, error) {
	return glamour.NewTermRenderer(
		glamour.WithStyles(glamourStyle(style)),
		glamour.WithWordWrap(width),
	)
}

// RenderEntry renders an entry for printing (secu show). The notty style
// gives plain text with no escape sequences at all.
func RenderEntry(lib *content.Library, e *content.Entry, width int, style string) (string, error) {
	if err := limitsError(e); err != nil {
		return "", fmt.Errorf("cannot render %s: %w", e.ID, err)
	}
	tr, err := newGlamour(style, width)
	if err != nil {
		return "", err
	}
	out, err := tr.Render(document(lib, e, false))
	if err != nil {
		return "", fmt.Errorf("cannot render %s: %w", e.ID, err)
	}
	p := newPage(out, width)
	lines := p.lines
	if style == "notty" {
		lines = p.plain
	}
	var b strings.Builder
	for _, l := range lines {
		// Glamour pads lines to the wrap width; printed, that is only
		// trailing noise (and kilobytes of styled spaces).
		if style == "notty" {
			l = strings.TrimRight(l, " ")
		} else if w := ansi.StringWidth(strings.TrimRight(ansi.Strip(l), " ")); w < ansi.StringWidth(l) {
			l = dropEmptyStyles(ansi.Truncate(l, w, "") + ansi.ResetStyle)
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	// Sources go last, one a line and never wrapped, so that they can be
	// copied: a URL longer than the width is the one line allowed to be.
	if len(e.Sources) > 0 {
		b.WriteString("\n Sources:\n")
		for _, src := range e.Sources {
			b.WriteString(" • " + src + "\n")
		}
	}
	if e.Verified != "" {
		b.WriteString("\n" + ansi.Wordwrap(" Verified: "+monthName(e.Verified), width, "") + "\n")
	}
	return termSafe(b.String()), nil
}

// GuessStyle picks dark or light without asking the terminal, from
// COLORFGBG when the terminal sets it.
func GuessStyle() string {
	if v := os.Getenv("COLORFGBG"); v != "" {
		parts := strings.Split(v, ";")
		switch parts[len(parts)-1] {
		case "7", "15":
			return "light"
		}
	}
	return "dark"
}

// link is one cross-reference or URL in a rendered page, as cell ranges.
type link struct {
	target string // an entry id, or a URL when external
	segs   []seg
}

func (l link) external() bool { return strings.Contains(l.target, ":") }

type seg struct{ line, start, end int }

// page is an entry rendered at one width and style.
type page struct {
	lines []string // styled, each at most width cells
	plain []string // the same without escape sequences
	links []link
	fold  []foldedLine // plain lines folded for n/N, built on first use
}

// foldedLine is a plain line folded for search, with the maps from folded
// bytes back to runes and from runes to cell columns.
type foldedLine struct {
	text   string
	runeOf []int
	cols   []int
}

// folded returns the page's lines folded, working them out once per page
// rather than on every keystroke that changes the search words.
func (p *page) folded() []foldedLine {
	if p.fold == nil {
		p.fold = make([]foldedLine, len(p.plain))
		for i, l := range p.plain {
			text, runeOf := search.Fold(l)
			p.fold[i] = foldedLine{text, runeOf, runeCols(l)}
		}
	}
	return p.fold
}

// newPage splits Glamour's output into lines, finds the links (OSC 8
// hyperlinks), removes the hyperlinks of internal links (the terminal has
// nothing to open) and the space Glamour leaves where their URL was.
func newPage(rendered string, width int) *page {
	rendered = unkeep.Replace(rendered)
	raw := strings.Split(strings.Trim(rendered, "\n"), "\n")
	p := &page{}
	for i, line := range raw {
		styled, segs := scanLine(termSafe(line), i)
		for _, s := range segs {
			n := len(p.links)
			if n > 0 && p.links[n-1].target == s.target {
				last := p.links[n-1].segs[len(p.links[n-1].segs)-1]
				if last.line == i-1 || (last.line == i && last.end == s.seg.start) {
					p.links[n-1].segs = append(p.links[n-1].segs, s.seg)
					continue
				}
			}
			p.links = append(p.links, link{target: s.target, segs: []seg{s.seg}})
		}
		styled = dropEmptyStyles(strings.TrimRight(styled, " "))
		if ansi.StringWidth(styled) > width {
			styled = ansi.Truncate(styled, width, "")
		}
		p.lines = append(p.lines, styled)
		p.plain = append(p.plain, ansi.Strip(styled))
	}
	return p
}

// dropEmptyStyles removes each style set and reset with nothing between
// (ESC[…m ESC[m): Glamour emits one per padding cell. A removal can make
// an outer pair empty, so it repeats until nothing changes. It scans by
// hand: the regular expression it replaces was most of the post-render
// time.
func dropEmptyStyles(s string) string {
	for {
		t := dropEmptyStylesOnce(s)
		if len(t) == len(s) {
			return s
		}
		s = t
	}
}

func dropEmptyStylesOnce(s string) string {
	if !strings.Contains(s, "\x1b[m") && !strings.Contains(s, "\x1b[0m") {
		return s
	}
	var b strings.Builder
	last := 0 // s[last:i] is still to copy
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], 0x1b)
		if k < 0 {
			break
		}
		i += k
		n := sgrLen(s[i:])
		if n == 0 {
			i++
			continue
		}
		if isSetting(s[i+2 : i+n-1]) {
			if m := sgrLen(s[i+n:]); m > 0 {
				if p := s[i+n+2 : i+n+m-1]; p == "" || p == "0" {
					if last == 0 {
						b.Grow(len(s))
					}
					b.WriteString(s[last:i])
					i += n + m
					last = i
					continue
				}
			}
		}
		i += n
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// sgrLen is the length of the SGR sequence (ESC [ digits and ; m) at the
// start of s, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for j := 2; j < len(s); j++ {
		switch c := s[j]; {
		case c == 'm':
			return j + 1
		case c >= '0' && c <= '9' || c == ';':
		default:
			return 0
		}
	}
	return 0
}

// isSetting reports SGR parameters that set something (a non-zero digit).
func isSetting(params string) bool {
	return strings.ContainsAny(params, "123456789")
}

type foundSeg struct {
	target string
	seg    seg
}

// scanLine walks one line of Glamour output, tracking the cell column, and
// returns it without internal hyperlinks, with the link segments found.
func scanLine(line string, lineNo int) (string, []foundSeg) {
	var (
		out      strings.Builder
		segs     []foundSeg
		col      int
		open     = "" // target of the hyperlink being read
		openAt   int
		dropNext bool // drop the space Glamour put before an empty href
	)
	for i := 0; i < len(line); {
		if line[i] == 0x1b && i+1 < len(line) && line[i+1] == ']' {
			end, term := oscEnd(line, i+2)
			body := line[i+2 : end]
			next := end + term
			if strings.HasPrefix(body, "8;") {
				url := ""
				if k := strings.IndexByte(body[2:], ';'); k >= 0 {
					url = body[2+k+1:]
				}
				if url == "" {
					if open != "" {
						segs = append(segs, foundSeg{open, seg{lineNo, openAt, col}})
						if strings.HasPrefix(open, internalScheme) {
							dropNext = true
						}
					}
					wasInternal := strings.HasPrefix(open, internalScheme)
					open = ""
					if !wasInternal {
						out.WriteString(line[i:next])
					}
				} else {
					open, openAt = url, col
					if !strings.HasPrefix(url, internalScheme) {
						out.WriteString(line[i:next])
					}
				}
			}
			i = next
			continue
		}
		if line[i] == 0x1b {
			// CSI and other sequences: copy as they are, they take no cells.
			j := i + 1
			if j < len(line) && line[j] == '[' {
				j++
				for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
					j++
				}
				j++
			} else {
				j++
			}
			j = min(j, len(line))
			out.WriteString(line[i:j])
			i = j
			continue
		}
		// A run of text up to the next escape.
		j := strings.IndexByte(line[i:], 0x1b)
		if j < 0 {
			j = len(line)
		} else {
			j += i
		}
		text := line[i:j]
		if dropNext && open == "" {
			text = strings.TrimPrefix(text, " ")
			dropNext = false
		}
		out.WriteString(text)
		col += ansi.StringWidth(text)
		i = j
	}
	if open != "" {
		segs = append(segs, foundSeg{open, seg{lineNo, openAt, col}})
		if !strings.HasPrefix(open, internalScheme) {
			out.WriteString(ansi.ResetHyperlink())
		}
	}
	for k := range segs {
		segs[k].target = strings.TrimPrefix(segs[k].target, internalScheme)
	}
	return out.String(), segs
}

// oscEnd finds the end of an OSC body starting at i: the index of the
// terminator and its length (BEL or ESC \).
func oscEnd(s string, i int) (int, int) {
	for j := i; j < len(s); j++ {
		if s[j] == 0x07 {
			return j, 1
		}
		if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
			return j, 2
		}
	}
	return len(s), 0
}
