// Package testrun runs a package's tests with more of them at once than there are cores,
// unless -parallel says otherwise: tests that wait on a fake Discord (discordgo's Close alone
// sleeps a second) or on a server do not use the processor while they wait. Under the race
// detector, where every test computes several times as long, fewer run at once.
package testrun

import (
	"flag"
	"os"
	"runtime/debug"
	"testing"
)

// Main parses the flags, raises -parallel unless it was given, and runs the tests.
func Main(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		n := "8"
		if Race() {
			n = "4"
		}
		flag.Set("test.parallel", n)
	}
	os.Exit(m.Run())
}

// Race reports whether the test binary was built with -race.
func Race() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}
