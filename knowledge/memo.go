package knowledge

import (
	"crypto/sha256"
	"runtime"
	"sync"
	"weak"

	"go.yaml.in/yaml/v3"
)

// Parsing a fact file and checking it against its schema is most of what loading costs (about
// 40 ms of the 65 ms the built-in knowledge base takes), and a reindex mostly reads files that
// did not change. The result is kept per file name and content, for files that passed both, so
// an unchanged file is not parsed again; a file with a problem is read afresh every time, so
// that its problems are always reported.
type checkedFile struct {
	root *yaml.Node // read-only once stored
	json []byte     // the file as JSON, valid against its schema
}

type memoKey struct {
	base string
	sum  [sha256.Size]byte
}

// memoMaxBytes bounds the files kept, by size: the built-in base is 0.3 MB, and the parsed tree
// takes several times its file.
const memoMaxBytes = 8 << 20

var memo struct {
	mu    sync.Mutex
	files map[memoKey]*checkedFile
	bytes int
}

func memoKeyOf(f *yamlFile) memoKey {
	return memoKey{base: f.base, sum: sha256.Sum256(f.data)}
}

// recall returns what an earlier load learnt of a file with the same name and content.
func recall(f *yamlFile) *checkedFile {
	memo.mu.Lock()
	defer memo.mu.Unlock()
	return memo.files[memoKeyOf(f)]
}

// remember keeps a file that parsed and passed its schema. Past the bound, what was kept is
// dropped: the files of the knowledge base being served are remembered again at the next load.
func remember(f *yamlFile, json []byte) {
	if len(f.data) > memoMaxBytes/4 {
		return
	}
	memo.mu.Lock()
	defer memo.mu.Unlock()
	if memo.files == nil || memo.bytes+len(f.data) > memoMaxBytes {
		memo.files, memo.bytes = map[memoKey]*checkedFile{}, 0
	}
	memo.files[memoKeyOf(f)] = &checkedFile{root: f.root, json: json}
	memo.bytes += len(f.data)
}

// A Base is never modified, so a load of the same files from the same folder returns the base
// an earlier load built, as long as something still holds it: a reindex of unchanged files, a
// replica's watch, each terminal command reading KNOWLEDGE_DIR, and what is derived per base
// (an answer's lexicon) is then derived once. The folder is part of the key because a base
// names its files by path. Bases are held weakly: one nothing uses any more is collected.
type baseKey struct {
	dir string
	sum [sha256.Size]byte // of every file's name and content
}

var bases struct {
	mu sync.Mutex
	m  map[baseKey]weak.Pointer[Base]
}

// recallBase returns the base loaded from the same folder and files, if it is still held.
func recallBase(k baseKey) *Base {
	bases.mu.Lock()
	defer bases.mu.Unlock()
	return bases.m[k].Value()
}

// rememberBase keeps a weak pointer to b until b is collected.
func rememberBase(k baseKey, b *Base) {
	p := weak.Make(b)
	bases.mu.Lock()
	defer bases.mu.Unlock()
	if bases.m == nil {
		bases.m = map[baseKey]weak.Pointer[Base]{}
	}
	bases.m[k] = p
	runtime.AddCleanup(b, func(k baseKey) {
		bases.mu.Lock()
		defer bases.mu.Unlock()
		if bases.m[k] == p {
			delete(bases.m, k)
		}
	}, k)
}
