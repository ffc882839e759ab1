package index

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reedesk/reedesk/knowledge"
)

// TestHelperProcessBuild is not a test: TestKilledMidBuild runs the test binary with it to have
// a process to kill while it builds a new index. The build stops for good after its first
// batch, so the kill always lands mid-build.
func TestHelperProcessBuild(t *testing.T) {
	dir := os.Getenv("REEDESK_HELPER_BUILD_DIR")
	if dir == "" {
		t.Skip("helper process for TestKilledMidBuild")
	}
	lock, err := acquireLock(filepath.Join(dir, lockFile), DefaultLockTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	s := &store{dir: dir, lock: lock, timeout: DefaultLockTimeout}
	s.build(context.Background(), loadBase(t, edited(t)), func(done, total int) { select {} })
	t.Fatal("the build finished before the process was killed")
}

// TestKilledMidBuild kills a process while it builds a new index in INDEX_DIR: the next start
// serves the last good index and removes the half-built one.
func TestKilledMidBuild(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a large index in another process")
	}
	ctx := context.Background()
	dir := t.TempDir()
	good := smallBase(t)
	idx := mustOpen(t, good, Options{Dir: dir})
	serving := idx.Dir()
	idx.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessBuild$")
	cmd.Env = append(os.Environ(), "REEDESK_HELPER_BUILD_DIR="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once its new generation has files in it.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*", "*"))
		started := false
		for _, g := range gens {
			started = started || filepath.Dir(g) != serving
		}
		if started {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the helper process never started building")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	idx, err := Open(ctx, good, Options{Dir: dir})
	if err != nil {
		t.Fatalf("restart after the kill: %v", err)
	}
	defer idx.Close()
	if idx.Dir() != serving {
		t.Errorf("restart serves %s, want the last good index %s", idx.Dir(), serving)
	}
	if got := topID(t, idx, "How many locations were drilled at Beylikova?"); got != "beylikova-drilling" {
		t.Errorf("restarted index answers %q", got)
	}
	gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
	if len(gens) != 1 {
		t.Errorf("generations after restart: %v, want only the good one", gens)
	}
}

// TestReindexOnAFullDisk serves from a small filesystem that holds one index but not two: the
// reindex fails with a clear error and the old index keeps answering. It needs to mount a tmpfs
// (root), and skips where that is not allowed.
func TestReindexOnAFullDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=360k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	ctx := context.Background()
	// The whole base: the tmpfs is sized to hold one index of it but not two.
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Open(ctx, base, Options{Dir: dir, Load: loader(edit(allDataFS(t)))})
	if err != nil {
		t.Fatalf("the first index should fit: %v", err)
	}
	defer idx.Close()
	before := idx.Base().Version
	run, _ := idx.Reindex("test")
	_, err = run.Wait(ctx)
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("reindex on a full disk: error %v, want one saying there is no space left", err)
	}
	if idx.Base().Version != before {
		t.Error("a failed reindex changed what the index serves")
	}
	if got := topID(t, idx, "How many locations were drilled at Beylikova?"); got != "beylikova-drilling" {
		t.Errorf("after the failed reindex the index answers %q", got)
	}
	if gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*")); len(gens) != 1 {
		t.Errorf("generations on the full disk: %v, want only the serving one", gens)
	}
}
