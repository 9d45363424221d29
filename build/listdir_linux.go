//go:build linux

package build

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"unsafe"
)

// dirEntry is a name in a folder and its type (the type bits of an
// fs.FileMode: 0 for a regular file).
type dirEntry struct {
	name string
	typ  fs.FileMode
}

var direntBufs = sync.Pool{New: func() any { b := make([]byte, 8192); return &b }}

// listDir lists the folder dir as os.File.ReadDir does, with the type
// each entry has in the folder (not following symlinks), unsorted. On
// Linux it reads the entries with getdents64 on a bare descriptor: an
// os.File would make it non-blocking and try to add it to the network
// poller first (four fcntl and an epoll_ctl that fails), for each of the
// 16,500 folders of a 10,000-article site kept for reuse.
func listDir(dir string) ([]dirEntry, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
	bp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bp)
	buf := *bp
	const (
		reclenOff = unsafe.Offsetof(syscall.Dirent{}.Reclen)
		typeOff   = unsafe.Offsetof(syscall.Dirent{}.Type)
		nameOff   = unsafe.Offsetof(syscall.Dirent{}.Name)
	)
	var entries []dirEntry
	for {
		n, err := syscall.Getdents(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			return entries, nil
		}
		for b := buf[:n]; len(b) > 0; {
			if len(b) < int(nameOff) {
				return entries, nil
			}
			reclen := int(binary.NativeEndian.Uint16(b[reclenOff:]))
			if reclen < int(nameOff) || reclen > len(b) {
				return entries, nil // as os: a record that does not fit ends the listing
			}
			rec := b[:reclen]
			b = b[reclen:]
			name := rec[nameOff:]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			if string(name) == "." || string(name) == ".." {
				continue
			}
			e := dirEntry{name: string(name)}
			switch rec[typeOff] {
			case syscall.DT_REG:
			case syscall.DT_DIR:
				e.typ = fs.ModeDir
			case syscall.DT_LNK:
				e.typ = fs.ModeSymlink
			case syscall.DT_FIFO:
				e.typ = fs.ModeNamedPipe
			case syscall.DT_SOCK:
				e.typ = fs.ModeSocket
			case syscall.DT_CHR:
				e.typ = fs.ModeDevice | fs.ModeCharDevice
			case syscall.DT_BLK:
				e.typ = fs.ModeDevice
			default: // DT_UNKNOWN: this file system does not say; ask, as os does
				fi, err := os.Lstat(filepath.Join(dir, e.name))
				if os.IsNotExist(err) {
					continue // gone meanwhile
				}
				if err != nil {
					return nil, err
				}
				e.typ = fi.Mode().Type()
			}
			entries = append(entries, e)
		}
	}
}
