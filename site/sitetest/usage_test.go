//go:build unix

package sitetest

import (
	"crypto/sha256"
	"testing"
	"time"
)

// The benchmarks' cpu-s/op and peak-RSS-MB read these: they must move
// with real work and memory, in the units they claim.
func TestUsageMeasuresThisProcess(t *testing.T) {
	before := CPUTime()
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	sum := sha256.Sum256(buf)
	spent := CPUTime() - before
	if spent <= 0 || spent > time.Minute {
		t.Errorf("CPUTime grew by %v over 64 MiB of work (digest %x), want a positive figure under a minute", spent, sum[:4])
	}
	mb, ok := PeakRSSMB()
	if !ok || mb < 64 || mb > 64<<10 {
		t.Errorf("PeakRSSMB = %.1f, %v after touching 64 MiB, want at least 64 and a plausible figure", mb, ok)
	}
}
