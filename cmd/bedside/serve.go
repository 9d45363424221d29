package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/bedside-health/bedside/build/devserver"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve [--source DIR] [--port N] [--bind ADDR] [--poll DURATION] [--expired] [--base-url URL] [--now YYYY-MM-DD]", stderr)
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "the port to listen on")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; anything but a loopback address lets other machines see your drafts")
	poll := fs.Duration("poll", 0, "scan for changes this often (e.g. 500ms) instead of waiting for file-system events, for network mounts, WSL and Docker volumes")
	if done, code := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bedside serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	load, err := sf.loadOptions()
	if err != nil {
		fmt.Fprintf(stderr, "bedside serve: %v\n", err)
		return exitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "bedside serve: --port %d is not a port number\n", *port)
		return exitUsage
	}
	if *poll < 0 || (*poll > 0 && *poll < 10*time.Millisecond) {
		fmt.Fprintf(stderr, "bedside serve: --poll %s: use at least 10ms, like --poll 500ms\n", *poll)
		return exitUsage
	}
	if info, err := os.Stat(sf.source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "bedside serve: %s is not a site folder; pass --source with the folder that holds bedside.toml and content/\n", sf.source)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = devserver.Run(ctx, devserver.Config{
		Dir:        sf.source,
		Load:       load,
		Extensions: extensions,
		Addr:       net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Poll:       *poll,
		Log:        stdout,
		// A soft heap limit keeps a 10,000-article site near 400 MB;
		// GOMEMLIMIT, when set, wins.
		MemoryLimit: memoryLimit(),
	})
	if err != nil {
		fmt.Fprintf(stderr, "bedside serve: %v\n", err)
		return exitContent
	}
	return exitOK
}

// memoryLimit is the dev server's soft heap limit: 350 MiB unless the
// GOMEMLIMIT environment variable sets one.
func memoryLimit() int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	return 350 << 20
}
