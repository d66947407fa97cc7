package ui

import "time"

// hang is how long a check may take before a test calls it a hang: a
// bound against the minutes the unlimited input took, never a speed
// budget (those are benchmarks), so generous on a loaded machine.
const hang = 20 * time.Second
