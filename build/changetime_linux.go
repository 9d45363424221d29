package build

import (
	"os"
	"syscall"
	"time"
)

// ChangeTime returns when the file of fi last changed in any way, its
// bytes or its times (the inode's ctime), which no tool can set back as
// cp -p, rsync -t or tar set back a modification time.
func ChangeTime(fi os.FileInfo) (time.Time, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(int64(st.Ctim.Sec), int64(st.Ctim.Nsec)), true
}
