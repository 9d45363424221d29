//go:build unix

package build

import (
	"syscall"
)

// noFollow makes opening a file fail on a symlink, so that a link planted
// in a reused output folder is never written through.
const noFollow = syscall.O_NOFOLLOW

// rmdir removes p if it is an empty folder, and nothing else.
func rmdir(p string) error { return syscall.Rmdir(p) }
