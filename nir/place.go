package nir

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// INSEE tables, copied from /work/shared/data. Parsed on first use, not at
// init, so that programs which never check a number start no slower.
var (
	//go:embed data/departements.tsv
	departementsTSV string
	//go:embed data/insee-countries.tsv
	countriesTSV string

	tablesOnce sync.Once
	depts      map[string]dept    // "14", "2A", "974", ...
	countries  map[string]country // "126" for 99126, ...
)

type dept struct{ name, zone string } // zone: metro, drom or com

type country struct{ name, parent, ended string } // ended: "1993-01-01" or ""

func loadTables() {
	depts = map[string]dept{}
	for _, f := range rows(departementsTSV) {
		if len(f) >= 3 {
			depts[f[0]] = dept{f[1], f[2]}
		}
	}
	countries = map[string]country{}
	for _, f := range rows(countriesTSV) {
		if len(f) >= 2 {
			c := country{name: f[1]}
			if len(f) >= 3 {
				c.parent = f[2]
			}
			if len(f) >= 4 {
				c.ended = f[3]
			}
			countries[f[0]] = c
		}
	}
}

// rows splits a TSV text into fields, skipping comments and blank lines.
func rows(tsv string) [][]string {
	var out [][]string
	for line := range strings.Lines(tsv) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out
}

// place decodes the 5 place characters (nir.md §2.4). years are the possible
// birth years, 19yy first. The second result is a warning, or "".
func place(p string, years []int) (string, string) {
	tablesOnce.Do(loadTables)
	code := p[:2]
	switch code {
	case "99":
		return abroad(p[2:], years)
	case "97", "98": // overseas: 3-digit code, 2-digit commune
		code3, commune := p[:3], p[3:]
		if d, ok := depts[code3]; ok {
			kind := "overseas department"
			if d.zone == "com" {
				kind = "overseas collectivity"
			}
			return fmt.Sprintf("%s (%s, %s), commune %s", d.name, code3, kind, commune), ""
		}
		if code3 == "985" {
			return "probably Mayotte (985), commune " + commune,
				"Code 985 may be an old code for Mayotte; this is not confirmed."
		}
		return fmt.Sprintf("unknown overseas code %s, commune %s", code3, commune), ""
	case "20":
		w := "Department code 20 is the code Corsica had before 1976 (since then 2A and 2B)."
		if years[0] >= 1976 {
			w = fmt.Sprintf("Department code 20 was Corsica's code only before 1976 (since then 2A and 2B), so it does not fit a birth in %s: a digit may be mistyped.", yearsText(years))
		}
		return "Corse (20), commune " + p[2:], w
	case "96":
		w := "Code 96 was used for people born in Tunisia before its independence (1956)."
		if years[0] > 1956 {
			w = fmt.Sprintf("Code 96 was used only for people born in Tunisia before its independence (1956), so it does not fit a birth in %s: a digit may be mistyped.", yearsText(years))
		}
		return "Tunisie, before independence (96)", w
	}
	commune := p[2:]
	d, ok := depts[code]
	if !ok {
		return fmt.Sprintf("unknown department code %s, commune %s", code, commune), ""
	}
	here := fmt.Sprintf("%s (%s), commune %s", d.name, code, commune)
	// 91–95 meant Algeria and Morocco before independence and became
	// Île-de-France departments in 1968; show both readings when the birth
	// year may be before that (nir.md §2.4).
	if code >= "91" && code <= "95" && years[0] < 1968 {
		name, until := "Algérie", "1962"
		if code == "95" {
			name, until = "Maroc", "1956"
		}
		return here + ", or " + name + " before independence",
			fmt.Sprintf("Code %s was used for %s before its independence (%s) and later for %s, so both readings are shown.", code, name, until, d.name)
	}
	return here, ""
}

func abroad(code string, years []int) (string, string) {
	c, ok := countries[code]
	if !ok {
		return "born abroad: unknown country code (99" + code + ")", ""
	}
	s := "born abroad: " + c.name + " (99" + code
	if parent, ok := countries[c.parent]; ok && c.parent != "" {
		s += ", territory of " + parent.name
	}
	warning := ""
	if len(c.ended) >= 4 {
		s += ", until " + c.ended[:4]
		if end, err := strconv.Atoi(c.ended[:4]); err == nil && years[0] > end {
			warning = fmt.Sprintf("Country code 99%s (%s) was used only until %d, so it does not fit a birth in %s: a digit may be mistyped.", code, c.name, end, yearsText(years))
		}
	}
	return s + ")", warning
}

// yearsText names the possible birth years: "2001" or "1925 or 2025".
func yearsText(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, " or ")
}
