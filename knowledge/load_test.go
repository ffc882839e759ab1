package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"weak"

	"github.com/google/go-cmp/cmp"

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

// TestYAMLSyntaxErrorsNameTheLine: an unclosed [ or { is reported on the line that opens it
// (yaml.v3 reports the line before when it is not the first).
func TestYAMLSyntaxErrorsNameTheLine(t *testing.T) {
	head := "topic: t\ntitle: T\nfacts:\n  - id: a\n"
	tests := []struct {
		name, yaml string
		want       int
	}{
		{"unclosed [", head + "    tags: [x, y\n    text: hello\n", 5},
		{"unclosed {", head + "    figures: {name: a, value: 1\n    text: hello\n", 5},
		{"unclosed [ over two lines", head + "    tags: [x,\n      y\n    text: hello\n", 5},
		{"unclosed [ on the first line", "tags: [x, y\n", 1},
		{"unclosed { on the first line", "a: {b: 1\nc: 2\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"f.yaml": {Data: []byte(tt.yaml)}}, "")
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a *ValidationError", err)
			}
			var got []string
			for _, p := range ve.Problems {
				if p.File == "f.yaml" {
					got = append(got, p.String())
				}
			}
			if want := fmt.Sprintf("f.yaml:%d: YAML syntax:", tt.want); len(got) != 1 || !strings.HasPrefix(got[0], want) {
				t.Errorf("problems of f.yaml %q, want one starting %q", got, want)
			}
		})
	}
}

// unreadableFS is a folder that cannot be listed, as os.DirFS reports one: "open .".
type unreadableFS struct{}

func (unreadableFS) Open(string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: ".", Err: fs.ErrPermission}
}

// TestUnreadableFolderIsNamed: a knowledge folder that cannot be read is named, not ".".
func TestUnreadableFolderIsNamed(t *testing.T) {
	_, err := Load(unreadableFS{}, "/srv/facts")
	if err == nil || !strings.Contains(err.Error(), "/srv/facts") || strings.Contains(err.Error(), "open .") || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("error %v, want it to name /srv/facts and say permission denied", err)
	}
}

// TestLoadAgainRecallsCheckedFiles: a second load of the same files reuses what the first
// parsed and checked, and gives the same knowledge; a file with a problem is checked afresh, so
// the second load reports every problem the first did.
func TestLoadAgainRecallsCheckedFiles(t *testing.T) {
	forgetCheckedFiles()

	first, err := LoadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	if got := recall(&yamlFile{base: sourcesFile, data: mustRead(t, filepath.Join("data", sourcesFile))}); got == nil {
		t.Errorf("after a load, %s is not remembered", sourcesFile)
	}
	forgetBases() // so that the second load builds a base from the remembered files
	again, err := LoadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, again, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Errorf("the second load differs from the first (-first +again):\n%s", diff)
	}

	planted := filepath.Join("testdata", "planted")
	_, err1 := LoadDir(planted)
	_, err2 := LoadDir(planted)
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		t.Errorf("loading the planted problems twice: got\n%v\nthen\n%v\nwant the same problems", err1, err2)
	}
}

// TestLoadAgainReturnsTheBaseStillHeld: loading the same files from the same folder while the
// first base is held returns that base; an edited file, or another folder, gives another; once
// nothing holds a base, it is not kept.
func TestLoadAgainReturnsTheBaseStillHeld(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range []string{"beylikova.yaml", "prices.yaml", "reserves.yaml", sourcesFile, synonymsFile} {
		files[name] = &fstest.MapFile{Data: mustRead(t, filepath.Join("data", name))}
	}
	first, err := Load(files, "")
	if err != nil {
		t.Fatal(err)
	}
	again, err := Load(files, "")
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Error("a second load of the same files built another base, want the one still held")
	}
	other, err := Load(files, "elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	if other == first || !strings.HasPrefix(other.Facts[0].File, "elsewhere") {
		t.Errorf("a load from another folder returned the same base, or one naming files %q", other.Facts[0].File)
	}
	edited := fstest.MapFS{}
	for name, f := range files {
		edited[name] = f
	}
	edited["prices.yaml"] = &fstest.MapFile{Data: append(mustRead(t, filepath.Join("data", "prices.yaml")), "\n# an edit\n"...)}
	changed, err := Load(edited, "")
	if err != nil {
		t.Fatal(err)
	}
	if changed == first || changed.Version == first.Version {
		t.Errorf("a load of an edited file returned version %s, want a new base and version", changed.Version)
	}

	key := weak.Make(first)
	first, again = nil, nil
	kept := true
	for deadline := time.Now().Add(10 * time.Second); kept && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		bases.mu.Lock()
		kept = false
		for _, p := range bases.m {
			kept = kept || p == key
		}
		bases.mu.Unlock()
	}
	if kept {
		t.Error("a base nothing holds is still kept")
	}
}

// forgetBases empties the bases loads remember.
func forgetBases() {
	bases.mu.Lock()
	bases.m = nil
	bases.mu.Unlock()
}

// forgetCheckedFiles empties what loads remember, as a new process starts.
func forgetCheckedFiles() {
	memo.mu.Lock()
	memo.files, memo.bytes = nil, 0
	memo.mu.Unlock()
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
