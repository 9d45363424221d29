//go:build !linux && !darwin

package build

import "errors"

// exchange is not available here: Commit falls back to two renames, and
// RecoverDest repairs a build killed between them.
func exchange(a, b string) error { return errors.ErrUnsupported }

// exchangeUnsupported is always true here.
func exchangeUnsupported(error) bool { return true }
