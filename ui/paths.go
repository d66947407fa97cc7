package ui

import (
	"slices"

	"secu/content"
)

// guidePath is a step-by-step path through the guide entries.
type guidePath struct {
	name  string   // what the start page shows
	start string   // the entry that defines the path ("" for all guides)
	steps []string // entry ids in order
}

// guidePaths builds the paths from the guides' front matter: a guide
// whose paths field names guide X is a step of the path X opens, and so
// is X itself; steps follow their order. Which guides open paths, and
// what their steps are, is content, not code.
func guidePaths(lib *content.Library) []guidePath {
	members := map[string][]*content.Entry{} // path id: its steps
	var opens []string
	for _, e := range lib.Entries {
		if e.Kind != content.KindGuide {
			continue
		}
		for _, p := range e.Paths {
			if _, seen := members[p]; !seen {
				opens = append(opens, p)
			}
			members[p] = append(members[p], e)
		}
	}
	var paths []guidePath
	for _, id := range opens {
		start := lib.Get(id)
		if start == nil {
			continue
		}
		steps := members[id]
		if !slices.Contains(steps, start) {
			steps = append(steps, start)
		}
		paths = append(paths, guidePath{name: start.Title, start: id, steps: byOrder(steps)})
	}
	// Paths in the order of the guides that open them.
	slices.SortStableFunc(paths, func(a, b guidePath) int { return lib.Get(a.start).Order - lib.Get(b.start).Order })
	return paths
}

// byOrder returns the ids of the guides in their order.
func byOrder(es []*content.Entry) []string {
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b *content.Entry) int { return a.Order - b.Order })
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// wholeGuide is every guide that is a step of some path, in order: the
// path a common step is read on when no situation was chosen. A guide on
// no path (a topic guide such as emergencies) is not a step.
func wholeGuide(lib *content.Library) *guidePath {
	var steps []*content.Entry
	for _, e := range lib.Entries {
		if e.Kind == content.KindGuide && len(e.Paths) > 0 {
			steps = append(steps, e)
		}
	}
	if len(steps) == 0 {
		return nil
	}
	return &guidePath{name: "the whole guide", steps: byOrder(steps)}
}

// index returns the position of an entry in the path, or -1.
func (p *guidePath) index(id string) int { return slices.Index(p.steps, id) }
