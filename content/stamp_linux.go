package content

import "syscall"

// stampOf is a file's identity and status, with the times the open cache
// compares (the stamp's times are zero where they are not known).
func stampOf(st *syscall.Stat_t) stamp {
	return stamp{uint64(st.Dev), uint64(st.Ino), st.Size, st.Mtim.Nano(), st.Ctim.Nano()}
}
