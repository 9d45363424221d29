package readability

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
)

// wordCache remembers the syllable counts of words already seen, by the
// word as written: a site uses the same few thousand words again and
// again, and counting by the rules costs many times a look-up.
//
// It is an open-addressing hash table (linear probing) that readers search
// without a lock or any write: the goroutines of a build score articles at
// once, and the read-write lock of the map it replaces cost more than the
// look-up itself (every RLock writes to a cache line that the other cores
// read). A slot holds the word's first 16 bytes as two integers, so that
// most look-ups compare integers in one cache line instead of following a
// pointer to compare strings; a longer word keeps its whole text too.
//
// A slot is written once: claimed by a compare-and-swap of its header, then
// filled, then published by storing the header with slotReady. Readers
// skip a slot that is not ready (the word is then counted again, which
// gives the same number). When half full, the table is copied into one
// twice the size; a word added to the old table during the copy may be
// lost, which costs only its counting again later. The table stops growing
// at maxCacheSlots, and words longer than maxCachedLen are not kept.
type wordCache struct {
	table atomic.Pointer[cacheTable]
	grow  sync.Mutex
	count func(string) int // the syllable counter cached
}

type cacheTable struct {
	slots []cacheSlot // a power of two of them
	used  atomic.Int64
}

// cacheSlot is one word. Its header holds slotReady, the syllable count,
// the word's length and 32 bits of its hash (which place it in the table);
// key0 and key1 its first 16 bytes, little-endian, zero-padded; long the
// whole word when longer than 16 bytes.
type cacheSlot struct {
	header     atomic.Uint64
	key0, key1 atomic.Uint64
	long       atomic.Pointer[string]
}

const (
	slotReady    = 1 << 63
	slotClaimed  = 1 << 62 // being filled
	countShift   = 48      // 14 bits of count
	maxCachedSyl = 1<<14 - 1
	lenShift     = 32 // 16 bits of length
	maxCachedLen = 1<<16 - 1
	// slotKey masks what identifies a word in a header: its length and hash.
	slotKey = 1<<48 - 1

	minCacheSlots = 1 << 12
	maxCacheSlots = 1 << 18 // at most 128 Ki words, 8 MiB of slots
)

var (
	englishCache = wordCache{count: SyllablesEnglish}
	spanishCache = wordCache{count: SyllablesSpanish}
	longSeed     = maphash.MakeSeed()
)

// A word is looked up by its text, its first 16 bytes packed in two
// integers (key0, key1: little-endian, zero-padded) and its header key
// (length and hash, as in a slot's header). They are passed as separate
// arguments, in registers: a struct of them was copied through memory in a
// way that stalled the processor.

// headerKey returns the length and hash of w as in a slot's header; key0
// and key1 are its first 16 bytes.
func headerKey(w string, key0, key1 uint64) uint64 {
	h := shortKey(len(w), key0, key1)
	if len(w) > 16 {
		h ^= longHash(w) >> 32 // the hash is in the low 32 bits
	}
	return h
}

// shortKey is headerKey for a word of at most 16 bytes. Two
// multiplications mix the bytes well enough for a table of at most 2¹⁸
// slots, and it is small enough to be inlined.
func shortKey(length int, key0, key1 uint64) uint64 {
	return uint64(length)<<lenShift | ((key0^uint64(length))*0x9E3779B97F4A7C15^key1*0xC2B2AE3D27D4EB4F)>>32
}

// longHash hashes the bytes of a long word after its first 16.
func longHash(w string) uint64 { return maphash.String(longSeed, w[16:]) }

// packWord packs the first 16 bytes of w into two integers, little-endian,
// zero-padded.
func packWord(w string) (key0, key1 uint64) {
	for i := min(len(w), 16) - 1; i >= 0; i-- {
		if i < 8 {
			key0 = key0<<8 | uint64(w[i])
		} else {
			key1 = key1<<8 | uint64(w[i])
		}
	}
	return key0, key1
}

// cacheReader counts syllables through a cache for one Measure call,
// holding on to the table it found rather than loading it for every word.
type cacheReader struct {
	cache *wordCache
	table *cacheTable
}

func (c *wordCache) reader() cacheReader {
	t := c.table.Load()
	if t == nil {
		c.grow.Lock()
		if t = c.table.Load(); t == nil {
			t = &cacheTable{slots: make([]cacheSlot, minCacheSlots)}
			c.table.Store(t)
		}
		c.grow.Unlock()
	}
	return cacheReader{cache: c, table: t}
}

// count returns the syllables of the word w, from the cache or counted and
// added.
func (r *cacheReader) count(w string, key0, key1, header uint64) int {
	slots := r.table.slots
	mask := uint64(len(slots) - 1)
	for i := header & mask; ; i = (i + 1) & mask {
		s := &slots[i]
		h := s.header.Load()
		if h == 0 {
			break
		}
		if h&slotKey == header && h&slotReady != 0 && s.key0.Load() == key0 && s.key1.Load() == key1 &&
			(len(w) <= 16 || *s.long.Load() == w) {
			return int(h >> countShift & maxCachedSyl)
		}
	}
	return r.miss(w, key0, key1, header)
}

// miss counts the syllables of a word not found in the cache, and adds it.
func (r *cacheReader) miss(w string, key0, key1, header uint64) int {
	n := r.cache.count(w)
	if n <= maxCachedSyl && len(w) <= maxCachedLen {
		r.add(w, key0, key1, header, n)
	}
	return n
}

// add puts the word w of n syllables into the table, growing it first
// when half full.
func (r *cacheReader) add(w string, key0, key1, header uint64, n int) {
	t := r.table
	if t.used.Load() >= int64(len(t.slots)/2) {
		if len(t.slots) >= maxCacheSlots {
			return
		}
		r.table = r.cache.grown(t)
		t = r.table
	}
	var long *string
	if len(w) > 16 {
		long = new(strings.Clone(w))
	}
	mask := uint64(len(t.slots) - 1)
	for i, probes := header&mask, 0; probes < len(t.slots); i, probes = (i+1)&mask, probes+1 {
		s := &t.slots[i]
		if s.header.CompareAndSwap(0, slotClaimed) {
			s.key0.Store(key0)
			s.key1.Store(key1)
			s.long.Store(long)
			s.header.Store(slotReady | uint64(n)<<countShift | header)
			t.used.Add(1)
			return
		}
		// The slot is taken (perhaps by this word, added by another
		// goroutine: a second copy further on is harmless).
	}
}

// grown returns a table twice the size of old with its words, or the
// table another goroutine has made already.
func (c *wordCache) grown(old *cacheTable) *cacheTable {
	c.grow.Lock()
	defer c.grow.Unlock()
	if t := c.table.Load(); t != old {
		return t
	}
	t := &cacheTable{slots: make([]cacheSlot, 2*len(old.slots))}
	mask := uint64(len(t.slots) - 1)
	for i := range old.slots {
		s := &old.slots[i]
		h := s.header.Load()
		if h&slotReady == 0 {
			continue
		}
		j := h & mask
		for t.slots[j].header.Load() != 0 {
			j = (j + 1) & mask
		}
		n := &t.slots[j]
		n.key0.Store(s.key0.Load())
		n.key1.Store(s.key1.Load())
		n.long.Store(s.long.Load())
		n.header.Store(h)
		t.used.Add(1)
	}
	c.table.Store(t)
	return t
}
