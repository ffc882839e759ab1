package knowledge

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestLoadDirReportsEveryPlantedProblem(t *testing.T) {
	_, err := LoadDir(filepath.Join("testdata", "planted"))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("LoadDir(planted) error = %v, want a *ValidationError", err)
	}
	var lines []string
	for _, p := range ve.Problems {
		if p.File == "" || (p.Line == 0 && !strings.HasSuffix(p.File, "sources.yaml")) {
			t.Errorf("problem %q has no file or line", p)
		}
		lines = append(lines, p.String())
	}
	golden(t, "planted.golden", strings.Join(lines, "\n")+"\n")
}

func TestLoadDirMissing(t *testing.T) {
	_, err := LoadDir(filepath.Join("testdata", "no-such-dir"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadDir(missing) error = %v, want os.ErrNotExist", err)
	}
}

func TestEmbeddedIsValid(t *testing.T) {
	b, err := Embedded()
	if err != nil {
		t.Fatalf("Embedded() error = %v", err)
	}
	if len(b.Facts) < 100 {
		t.Errorf("Embedded() has %d facts, want at least 100", len(b.Facts))
	}
}
