package ui

import (
	"slices"
	"strings"

	"secu/content"
)

// guidePath is a step-by-step path through the guide entries.
type guidePath struct {
	name  string   // what the start page shows
	start string   // the entry that defines the path ("" for all guides)
	steps []string // entry ids in order
}

// pathPrefix marks the guides that start a path of their own: each
// "register-…" guide is one situation (student, employee…). Every other
// guide is a step common to all paths. Steps keep the guides' order.
const pathPrefix = "register-"

// guidePaths builds the paths from the guide entries: one per register-…
// guide (its own step plus the common steps, by order), or, without any,
// one path through every guide.
func guidePaths(lib *content.Library) []guidePath {
	var guides, common, starts []*content.Entry
	for _, e := range lib.Entries {
		if e.Kind != content.KindGuide {
			continue
		}
		guides = append(guides, e)
		if strings.HasPrefix(e.ID, pathPrefix) {
			starts = append(starts, e)
		} else {
			common = append(common, e)
		}
	}
	byOrder := func(a, b *content.Entry) int { return a.Order - b.Order }
	ids := func(es []*content.Entry) []string {
		slices.SortStableFunc(es, byOrder)
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.ID
		}
		return out
	}
	if len(starts) == 0 {
		if len(guides) == 0 {
			return nil
		}
		return []guidePath{{name: "Every step of the guide", steps: ids(guides)}}
	}
	var paths []guidePath
	for _, s := range starts {
		steps := append(slices.Clone(common), s)
		paths = append(paths, guidePath{name: s.Title, start: s.ID, steps: ids(steps)})
	}
	return paths
}

// wholeGuide is every guide in order: the path a common step is read on
// when no situation was chosen.
func wholeGuide(lib *content.Library) *guidePath {
	var ids []string
	var guides []*content.Entry
	for _, e := range lib.Entries {
		if e.Kind == content.KindGuide {
			guides = append(guides, e)
		}
	}
	slices.SortStableFunc(guides, func(a, b *content.Entry) int { return a.Order - b.Order })
	for _, e := range guides {
		ids = append(ids, e.ID)
	}
	if len(ids) == 0 {
		return nil
	}
	return &guidePath{name: "the whole guide", steps: ids}
}

// index returns the position of an entry in the path, or -1.
func (p *guidePath) index(id string) int { return slices.Index(p.steps, id) }
