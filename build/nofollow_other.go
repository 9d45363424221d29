//go:build !unix

package build

import "os"

// noFollow is 0 where O_NOFOLLOW does not exist; adopt still removes every
// symlink it finds in a reused folder before the build writes into it.
const noFollow = 0

// rmdir removes p if it is an empty folder, and nothing else.
func rmdir(p string) error {
	if !isDir(p) {
		return nil
	}
	return os.Remove(p)
}
