package content

import (
	"regexp"
	"strings"
)

// mapProse returns body with f applied to each run of Markdown text, and
// code (fenced or indented code blocks, code spans) left as it is: a link
// written inside code is literal text, neither checked nor followed.
// line is the 0-based body line of the run; a run never spans lines.
func mapProse(body string, f func(line int, s string) string) string {
	return scanProse(body, f, true)
}

// scanProse is mapProse; with build false it only calls f and returns "",
// for callers that only look (bodyLinks, run on every entry at load).
func scanProse(body string, f func(line int, s string) string, build bool) string {
	var (
		b         strings.Builder
		fence     string
		prevBlank = true
		prevCode  bool // the previous line was indented code
		inList    bool // a list item was seen since the last paragraph at column 0
	)
	if build {
		b.Grow(len(body))
	}
	i := 0
	for l := range strings.Lines(body) {
		nl := strings.HasSuffix(l, "\n")
		l = strings.TrimSuffix(l, "\n")
		rest, _, markers, indent := containerPrefix(l)
		t := strings.TrimLeft(rest, " \t")
		blank := strings.TrimSpace(rest) == "" && markers == 0
		code := false
		switch {
		case fence != "":
			code = true
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
			}
		case fenceOf(t) != "":
			fence = fenceOf(t)
			code = true
		case !blank && markers == 0 && !inList && indent >= 4 && (prevBlank || prevCode):
			code = true
		}
		if markers > 0 {
			inList = true
		} else if !blank && indent == 0 && prevBlank {
			inList = false
		}
		prevCode = code || (prevCode && blank)
		prevBlank = blank
		switch {
		case !build:
			if !code {
				mapSpans(l, func(s string) string { return f(i, s) })
			}
		case code:
			b.WriteString(l)
		default:
			b.WriteString(mapSpans(l, func(s string) string { return f(i, s) }))
		}
		if nl && build {
			b.WriteByte('\n')
		}
		i++
	}
	return b.String()
}

// mapSpans applies f to the parts of a line outside code spans.
func mapSpans(l string, f func(string) string) string {
	if !strings.Contains(l, "`") {
		return f(l)
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(l, '`')
		if i < 0 {
			b.WriteString(f(l))
			return b.String()
		}
		j := i
		for j < len(l) && l[j] == '`' {
			j++
		}
		k := closingTicks(l[j:], j-i)
		if k < 0 {
			// No closing run: the backticks are literal text.
			b.WriteString(f(l[:j]))
			l = l[j:]
			continue
		}
		b.WriteString(f(l[:i]))
		end := j + k + (j - i)
		b.WriteString(l[i:end])
		l = l[end:]
	}
}

// closingTicks finds a run of exactly n backticks in s.
func closingTicks(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// bodyLinks returns the internal links of a body, outside code, with the
// 0-based line of each.
func bodyLinks(body string) (lines []int, ids []string) {
	scanProse(body, func(line int, s string) string {
		for _, id := range LinkTargets(s) {
			lines = append(lines, line)
			ids = append(ids, id)
		}
		return s
	}, false)
	return lines, ids
}

// urlPattern finds what Markdown turns into a link target: an inline
// destination, an autolink, a bare URL (GFM) and a reference definition.
var urlPattern = regexp.MustCompile(`\]\(\s*<?[^)\s>]+` +
	`|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>` +
	`|(?i:https?://|ftp://|www\.)[^\s<]*` +
	`|^\s{0,3}\[[^\]]+\]:\s*<?\S+`)

// EncodeURLs percent-encodes every byte of a link target in Markdown that
// is not printable ASCII. The renderer sends targets inside an OSC 8
// escape sequence, where a UTF-8 byte such as 0x9C (in Ü, 本, ✔) reads as
// the 8-bit string terminator to a terminal or an escape parser: the
// sequence would end early and the rest come out as C1 controls. An
// encoded URL is the same URL to a browser. Code is left alone.
func EncodeURLs(md string) string {
	return mapProse(md, func(_ int, s string) string {
		if isASCII(s) {
			return s
		}
		return urlPattern.ReplaceAllStringFunc(s, percentEncode)
	})
}

func percentEncode(s string) string {
	if isASCII(s) {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 || c == 0x7f {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 && s[i] != '\t' || s[i] == 0x7f {
			return false
		}
	}
	return true
}
