//go:build !unix

package content

// readRaw is not used here: no raw path (readEntry checks errNoRaw).
func (d dirFS) readRaw(string, func(stamp) bool, []byte, func(int) bool, *dirFDs) ([]byte, error) {
	return nil, errNoRaw
}

// No file is kept open here: readRaw opens none.
func keepOpen() bool                    { return false }
func closeKept(int)                     {}
func readKept(int, int) ([]byte, error) { return nil, errNoRaw }

// statRaw is not used here: the open cache is not (readEntry checks errNoRaw).
func (d dirFS) statRaw(string) (stamp, bool, error) { return stamp{}, false, errNoRaw }

// FileIdentity is not known here: the open cache is not used.
func FileIdentity(string) (string, error) { return "", errNoRaw }

// dirFDs holds no folder open here.
type dirFDs struct{}

func newDirFDs() *dirFDs { return nil }
func (*dirFDs) close()   {}
