//go:build !unix

package sitetest

import "time"

// CPUTime is the CPU time this process has used so far; where the system
// does not report it (Windows, Plan 9, WebAssembly), it is always 0 and a
// benchmark's cpu-s/op reads 0.
func CPUTime() time.Duration { return 0 }

// PeakRSSMB is the most resident memory this process has held so far, in
// MiB; this system does not report it.
func PeakRSSMB() (float64, bool) { return 0, false }
