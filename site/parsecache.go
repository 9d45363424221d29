package site

import "hash/maphash"

// ParseCache remembers the parsed front matter of every Markdown file
// between loads of one site, so that a load parses again only the files
// whose bytes changed. Parsing YAML is most of the cost of a load, and the
// dev server loads the whole site again after an edit to one file's front
// matter: with the cache that costs reading the files, not parsing them.
//
// Set LoadOptions.Cache to use one; a single build has no use for it. The
// zero value is ready to use. One cache serves one Load at a time.
type ParseCache struct {
	seed    maphash.Seed
	entries map[string]parsedSource
}

// parsedSource is what the cache keeps of one file: its hash and the
// result of splitting and parsing it. The values are shared by the Sites
// of successive loads and are never modified after parsing.
type parsedSource struct {
	sum      uint64
	fm       *FrontMatter
	body     []byte
	bodyLine int
}

// lookup returns the parse of a file whose content hashes to sum, if the
// previous load parsed the same bytes.
func (c *ParseCache) lookup(rel string, sum uint64) (parsedSource, bool) {
	if c == nil {
		return parsedSource{}, false
	}
	p, ok := c.entries[rel]
	return p, ok && p.sum == sum
}

// hash returns the hash of a file's content; 0 without a cache.
func (c *ParseCache) hash(src []byte) uint64 {
	if c == nil {
		return 0
	}
	return maphash.Bytes(c.seed, src)
}

// prepare readies the cache for a load (before files are read in parallel).
func (c *ParseCache) prepare() {
	if c != nil && c.entries == nil {
		c.seed = maphash.MakeSeed()
		c.entries = map[string]parsedSource{}
	}
}

// put keeps the parse of one file read again (by [Site.Patch]).
func (c *ParseCache) put(sf *sourceFile) {
	if c != nil && c.entries != nil && sf.fm != nil {
		c.entries[sf.path] = parsedSource{sum: sf.sum, fm: sf.fm, body: sf.body, bodyLine: sf.bodyLine}
	}
}

// replace keeps the parses of this load, and forgets files that are gone.
func (c *ParseCache) replace(sources []*sourceFile) {
	if c == nil {
		return
	}
	next := make(map[string]parsedSource, len(sources))
	for _, sf := range sources {
		if sf != nil && sf.fm != nil { // parsed without error
			next[sf.path] = parsedSource{sum: sf.sum, fm: sf.fm, body: sf.body, bodyLine: sf.bodyLine}
		}
	}
	c.entries = next
}
