//go:build !unix

package content

// readRaw is not used here: no raw path (readEntry checks errNoRaw).
func (d dirFS) readRaw(string, func(fileKey) bool, []byte) ([]byte, error) { return nil, errNoRaw }
