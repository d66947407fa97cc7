//go:build unix && !linux

package content

import "syscall"

// stampOf is a file's identity and size; its times are left zero, so the
// open cache never trusts it (the field names differ between systems).
func stampOf(st *syscall.Stat_t) stamp {
	return stamp{dev: uint64(st.Dev), ino: uint64(st.Ino), size: st.Size}
}
