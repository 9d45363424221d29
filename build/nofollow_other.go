//go:build !unix

package build

// noFollow is 0 where O_NOFOLLOW does not exist; adopt still removes every
// symlink it finds in a reused folder before the build writes into it.
const noFollow = 0
