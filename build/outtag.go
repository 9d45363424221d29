package build

import (
	"crypto/sha256"
	"encoding/binary"
)

// fileStat is what a build reads of an output file's metadata.
type fileStat struct {
	size    int64
	regular bool
	links   uint64 // names the file has (hard links)
	mtime   int64  // modification time, nanoseconds since 1970
}

// An outTag is what a build records beside the bytes of each file it
// writes, where the file system keeps extended attributes (Linux): the
// SHA-256 of the bytes and the file's modification time just after they
// were written.
//
// The next build but one reuses the folder (see [DirOutput]) and must know
// whether a file already holds the bytes it is about to write. Reading the
// old file back to compare answers that, but costs a read of the whole
// site: 290 MB for the 10,000-article corpus, which on a machine whose
// page cache does not keep the folder between builds (a VM reclaiming
// memory, a CI runner) made a rebuild twice as slow as writing a new
// folder. A tag whose digest is that of the new bytes and whose time is
// still the file's says the same for the price of the file's metadata.
// Anything that writes the file changes its modification time, and the tag
// no longer counts: the build then compares the bytes as before.
type outTag [sha256.Size + 8]byte

// makeTag returns the tag of bytes whose SHA-256 is sum, written at mtime.
func makeTag(sum [sha256.Size]byte, mtime int64) outTag {
	var t outTag
	copy(t[:], sum[:])
	binary.LittleEndian.PutUint64(t[sha256.Size:], uint64(mtime))
	return t
}

// mtime returns the modification time recorded in the tag.
func (t outTag) mtime() int64 { return int64(binary.LittleEndian.Uint64(t[sha256.Size:])) }
