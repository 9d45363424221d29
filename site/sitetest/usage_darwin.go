package sitetest

const runtimeIsDarwin = true
