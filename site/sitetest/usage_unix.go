//go:build unix

package sitetest

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time this process has used so far, user and system,
// the collector's included. Benchmarks report it beside wall time because
// it is steadier on a shared machine.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// PeakRSSMB is the most resident memory this process has held so far, in
// MiB, and whether the system reports it.
func PeakRSSMB() (float64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	kb := float64(ru.Maxrss)
	if runtimeIsDarwin {
		kb /= 1024 // macOS reports bytes, Linux kilobytes
	}
	return kb / 1024, true
}
