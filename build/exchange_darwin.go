package build

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step.
func exchange(a, b string) error { return unix.RenamexNp(a, b, unix.RENAME_SWAP) }

// exchangeUnsupported reports whether exchange failed because the file
// system cannot exchange (then two renames do), not for another reason.
func exchangeUnsupported(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.ENOSYS)
}
