//go:build unix

package content

import (
	"io/fs"
	"syscall"
)

func keyOf(info fs.FileInfo) (fileKey, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fileKey{uint64(st.Dev), uint64(st.Ino)}, true
	}
	return fileKey{}, false
}
