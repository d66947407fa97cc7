package earlyheap

import (
	"os"
	"strings"
	"testing"
)

// advise leaves a heap range advised for huge pages (VmFlags "hg" in
// smaps), unless the system has transparent huge pages off.
func TestHugeHeapAdvises(t *testing.T) {
	if thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || strings.Contains(string(thp), "[never]") {
		t.Skip("no transparent huge pages here")
	}
	advise()
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps")
	}
	for _, l := range strings.Split(string(smaps), "\n") {
		if strings.HasPrefix(l, "VmFlags:") && strings.Contains(l, " hg") {
			return
		}
	}
	t.Fatal("no memory range is advised for huge pages after advise")
}
