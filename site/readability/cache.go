package readability

import (
	"strings"
	"sync"
	"sync/atomic"
)

// wordCache remembers the syllable counts of words already seen, by the
// word as written: a site uses the same few thousand words again and
// again, and counting by the rules costs many times a look-up.
//
// Words of at most 16 bytes, nearly all, are kept in an open-addressing
// hash table (linear probing) that readers search without a lock or any
// write: the goroutines of a build score articles at once, and the
// read-write lock of the map it replaced cost more than the look-up itself
// (every RLock writes to a cache line that the other cores read). A slot
// holds the word itself as two integers, so that a look-up compares
// integers in one cache line, and holds no pointer, so that the garbage
// collector does not scan the table. Longer words are kept in a sync.Map.
//
// A slot is written once: claimed by a compare-and-swap of its header, then
// filled, then published by storing the header with slotReady. Readers
// skip a slot that is not ready (the word is then counted again, which
// gives the same number). When half full, the table is copied into one
// twice the size; a word added to the old table during the copy may be
// lost, which costs only its counting again later. The table stops growing
// at maxCacheSlots, and the map at maxLongWords.
type wordCache struct {
	table atomic.Pointer[cacheTable]
	grow  sync.Mutex
	count func(string) int // the syllable counter cached

	long      sync.Map // word longer than 16 bytes → syllables
	longWords atomic.Int64
}

type cacheTable struct {
	slots []cacheSlot // a power of two of them
	used  atomic.Int64
}

// cacheSlot is one word of at most 16 bytes. Its header holds slotReady,
// the syllable count, the word's length and 32 bits of its hash (which
// place it in the table); key0 and key1 hold its bytes, little-endian,
// zero-padded. (The padding keeps each slot within one cache line.)
type cacheSlot struct {
	header     atomic.Uint64
	key0, key1 atomic.Uint64
	_          uint64
}

const (
	slotReady    = 1 << 63
	slotClaimed  = 1 << 62 // being filled
	countShift   = 48      // 14 bits of count
	maxCachedSyl = 1<<14 - 1
	lenShift     = 32 // the length, at most 16, in the next bits
	// slotKey masks what identifies a word in a header: its length and hash.
	slotKey = 1<<48 - 1

	minCacheSlots = 1 << 12
	maxCacheSlots = 1 << 18 // at most 128 Ki words, 8 MiB of slots
	maxLongWords  = 1 << 16
)

var (
	englishCache = wordCache{count: SyllablesEnglish}
	spanishCache = wordCache{count: SyllablesSpanish}
)

// A word of at most 16 bytes is looked up by its bytes packed in two
// integers (key0, key1: little-endian, zero-padded) and its header key
// (length and hash, as in a slot's header). They are passed as separate
// arguments, in registers: a struct of them was copied through memory in a
// way that stalled the processor.

// headerKey returns the length and hash of a word of at most 16 bytes, as
// in a slot's header; key0 and key1 are its bytes. Two multiplications mix
// the bytes well enough for a table of at most 2¹⁸ slots, and the function
// is small enough to be inlined.
func headerKey(length int, key0, key1 uint64) uint64 {
	return uint64(length)<<lenShift | ((key0^uint64(length))*0x9E3779B97F4A7C15^key1*0xC2B2AE3D27D4EB4F)>>32
}

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
// added. (tally.add has the look-up of the common case written out.)
func (r *cacheReader) count(w string) int {
	if len(w) > 16 {
		if n, ok := r.cache.long.Load(w); ok {
			return n.(int)
		}
		n := r.cache.count(w)
		if r.cache.longWords.Load() < maxLongWords {
			if _, loaded := r.cache.long.LoadOrStore(strings.Clone(w), n); !loaded {
				r.cache.longWords.Add(1)
			}
		}
		return n
	}
	key0, key1 := packWord(w)
	header := headerKey(len(w), key0, key1)
	slots := r.table.slots
	mask := uint64(len(slots) - 1)
	for i := header & mask; ; i = (i + 1) & mask {
		s := &slots[i]
		h := s.header.Load()
		if h&(slotReady|slotKey) == slotReady|header && s.key0.Load() == key0 && s.key1.Load() == key1 {
			return int(h >> countShift & maxCachedSyl)
		}
		if h == 0 {
			break
		}
	}
	return r.miss(w, key0, key1, header)
}

// miss counts the syllables of a word of at most 16 bytes not found in the
// cache, and adds it.
func (r *cacheReader) miss(w string, key0, key1, header uint64) int {
	n := r.cache.count(w)
	if n <= maxCachedSyl {
		r.add(key0, key1, header, n)
	}
	return n
}

// add puts a word of n syllables into the table, growing it first when
// half full.
func (r *cacheReader) add(key0, key1, header uint64, n int) {
	t := r.table
	if t.used.Load() >= int64(len(t.slots)/2) {
		if len(t.slots) >= maxCacheSlots {
			return
		}
		r.table = r.cache.grown(t)
		t = r.table
	}
	mask := uint64(len(t.slots) - 1)
	for i, probes := header&mask, 0; probes < len(t.slots); i, probes = (i+1)&mask, probes+1 {
		s := &t.slots[i]
		if s.header.CompareAndSwap(0, slotClaimed) {
			s.key0.Store(key0)
			s.key1.Store(key1)
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
		n.header.Store(h)
		t.used.Add(1)
	}
	c.table.Store(t)
	return t
}
