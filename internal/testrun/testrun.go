// Package testrun runs a package's tests with more of them at once than there are cores,
// unless -parallel says otherwise: tests that wait on a fake Discord (discordgo's Close alone
// sleeps a second), on a server or on a deadline do not use the processor while they wait.
// The race detector does not change that: with 8 at once rather than 4, the bot's tests took
// 24 s instead of 35 s under -race on 2 cores, for the same processor time, every deadline met.
//
// Under the race detector, both Main and Plain also let the heap grow four times between
// collections rather than twice: the tests' heaps are small and short-lived, and the detector
// makes each collection cost several times as much. Back to back on a quiet 2-core machine, the
// whole suite took 82 s of processor time instead of 97–101 s, 55–57 s instead of 62–65 s.
package testrun

import (
	"flag"
	"os"
	"runtime/debug"
	"testing"
)

// Main parses the flags, raises -parallel to 8 unless it was given, and runs the tests.
func Main(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", "8")
	}
	collectLessUnderRace()
	os.Exit(m.Run())
}

// Plain runs the tests with the flags given, collecting less under the race detector.
func Plain(m *testing.M) {
	collectLessUnderRace()
	os.Exit(m.Run())
}

func collectLessUnderRace() {
	if Race() {
		debug.SetGCPercent(400)
	}
}

// Race reports whether the test binary was built with -race, for tests that do less work under
// the race detector, which makes every test compute several times as long.
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
