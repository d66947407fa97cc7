package ui

import (
	"time"

	"secu/content"
)

// common is the context every view shares, as soft-serve's common.Common
// and gh-dash's ProgramContext: the library, the one key map, the one
// palette, the render cache and the user's saved state.
type common struct {
	folder string // a --content folder's name, "" for the built-in guide
	lib    *content.Library
	keys   keyMap
	st     styles
	style  string // Glamour style: dark, light or notty
	plain  bool   // no colour at all
	pages  *pageCache
	store  *store
	paths  []guidePath
	whole  *guidePath // every guide in order, for steps read outside a path
	now    func() time.Time
	// openURL hands a web address to the platform's opener; tests replace it.
	openURL func(url string) error
	// systemCopy puts text on the system clipboard, if there is one.
	systemCopy func(text string)
}

// component is what every view implements: the root model sizes it, hands
// it the messages that belong to it and places its View.
type component interface {
	SetSize(w, h int)
	View() string
}

var (
	_ component = (*list)(nil)
	_ component = (*reader)(nil)
	_ component = (*startPage)(nil)
	_ component = (*checker)(nil)
	_ component = (*helpView)(nil)
)
