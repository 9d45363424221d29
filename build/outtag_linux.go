//go:build linux

package build

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// tagAttr is the extended attribute that holds a file's [outTag].
const tagAttr = "user.bedside.written"

// canTag reports whether this system can keep tags with files.
const canTag = true

// readTag returns the file's tag, if it has one.
func (f outFile) readTag() (outTag, bool) {
	var t outTag
	n, err := unix.Fgetxattr(f.fd, tagAttr, t[:])
	return t, err == nil && n == len(t)
}

// writeTag records t with the file. It reports false where the file
// system keeps no extended attributes (then the caller stops trying).
func (f outFile) writeTag(t outTag) bool {
	err := unix.Fsetxattr(f.fd, tagAttr, t[:], 0)
	return err != unix.ENOTSUP && err != unix.EOPNOTSUPP
}

// mtimeOf returns the modification time in st, in nanoseconds.
func mtimeOf(st *syscall.Stat_t) int64 { return st.Mtim.Nano() }
