//go:build unix

package build

import "syscall"

// noFollow makes opening a file fail on a symlink, so that a link planted
// in a reused output folder is never written through.
const noFollow = syscall.O_NOFOLLOW
