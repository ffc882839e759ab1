package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reedesk/reedesk/internal/golden"
)

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
	golden.Check(t, filepath.Join("testdata", "planted.golden"), strings.Join(lines, "\n")+"\n")
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
