//go:build !darwin

package sitetest

const runtimeIsDarwin = false
