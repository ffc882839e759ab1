package bot

import (
	"flag"
	"os"
	"testing"
)

// TestMain lets more tests run at once than there are cores, unless -parallel says otherwise:
// most of this package's tests wait on a fake Discord (discordgo's Close alone sleeps a
// second), not on the processor.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", "8")
	}
	os.Exit(m.Run())
}
