package content

import (
	"embed"
	"io/fs"
)

//go:embed entries
var embedded embed.FS

// EmbeddedFS is the guide that ships inside the binary.
func EmbeddedFS() fs.FS {
	sub, err := fs.Sub(embedded, "entries")
	if err != nil {
		panic(err) // the path is a constant: this cannot happen
	}
	return sub
}

// Embedded loads the guide that ships inside the binary.
func Embedded() (*Library, error) { return Load(EmbeddedFS()) }
