package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Memory budget of a one-shot build. Go's collector lets the heap grow to
// twice what is live before collecting, and returns freed memory to the
// system only slowly while every core is busy: building the 10,000-article
// corpus, with about 120 MB live at most, peaked at 430 MB of resident
// memory, 400 MB of it heap that was free but not yet returned. A soft
// memory limit makes the runtime collect and return memory in time.
const (
	// minMemoryLimit is the least limit set: small sites never reach it,
	// so they build exactly as without one.
	minMemoryLimit = 224 << 20
	// memoryLimitFactor times the heap live once the site is loaded gives
	// the limit for larger sites. A build holds at most about 1.4 times
	// what the loaded site holds; the rest is room for the collector, so
	// that it does not run all the time.
	memoryLimitFactor = 2.5
	// buildGCPercent lets the heap grow to five times what is live
	// before a collection (GOGC=400) while the soft limit holds it
	// down: a build allocates about fifteen times what it keeps, and
	// with Go's default of 100 the 1,000-article corpus collected twice
	// as often as it needed to. On large sites the limit decides; there
	// the larger percentage saved 0.3 CPU-s of 4.6 on the 10,000-article
	// corpus. Small sites peak higher (the 1,000-article corpus at 117
	// instead of 75 MB), far below the limit.
	buildGCPercent = 400
)

// startMemoryBudget sets the collector's percentage and the least soft
// memory limit before the site loads, unless GOMEMLIMIT or GOGC say
// otherwise. With Go's defaults, loading the 10,000-article corpus (a heap
// growing from nothing to about 50 MB) collected 13 times in under a
// second; under the build's settings it collects a few times.
func startMemoryBudget() {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(buildGCPercent)
	debug.SetMemoryLimit(minMemoryLimit)
}

// limitMemory raises the soft memory limit of the build to fit the loaded
// site, unless GOMEMLIMIT or GOGC say otherwise.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	// The heap holds at most what was allocated since the last
	// collection on top of what that collection kept: when even that
	// leaves the least limit enough room, there is nothing to raise and no
	// need for a collection to measure what is live.
	heap := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(heap)
	if heap[0].Value.Kind() == metrics.KindUint64 && float64(heap[0].Value.Uint64())*memoryLimitFactor <= minMemoryLimit {
		return
	}
	// What is live now, not at the last collection, which may have run
	// long before the load finished.
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	debug.SetMemoryLimit(max(minMemoryLimit, int64(float64(live[0].Value.Uint64())*memoryLimitFactor)))
}
