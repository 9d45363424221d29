//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// noFollow makes opening a file fail on a symlink, so that a link planted
// in a reused output folder is never written through.
const noFollow = syscall.O_NOFOLLOW

// linkCount is how many names the file has.
func linkCount(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// rmdir removes p if it is an empty folder, and nothing else.
func rmdir(p string) error { return syscall.Rmdir(p) }
