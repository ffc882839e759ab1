package index

import (
	"context"
	"errors"
	"fmt"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// Reranking needs to know which of a question's terms each candidate has in its title, tags and
// text. Asking bleve for match locations decodes them for every matching passage, and doc values
// decompress a whole chunk per visit, so each generation keeps the terms of every passage, per
// field, as 4-byte term numbers, read once from the index's postings.

// passageTerms are the term numbers of one passage, by field.
type passageTerms [len(fieldsArray)][]uint32

// fieldsArray fixes the field order of passageTerms.
var fieldsArray = [...]string{fieldTitle, fieldMeta, fieldText}

type termTable struct {
	ids      map[string]uint32 // term → number
	passages map[string]*passageTerms
}

// invert reads the postings of every term of every field once, turning them into the terms of
// each passage.
func (g *generation) invert(ctx context.Context) error {
	ix, err := g.idx.Advanced()
	if err != nil {
		return err
	}
	r, err := ix.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	t := &termTable{ids: map[string]uint32{}, passages: map[string]*passageTerms{}}
	byInternal := map[string]*passageTerms{}
	for {
		id, err := all.Next()
		if err != nil {
			all.Close()
			return err
		}
		if id == nil {
			break
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			all.Close()
			return err
		}
		pt := &passageTerms{}
		t.passages[ext] = pt
		byInternal[string(id)] = pt
	}
	all.Close()
	// One goroutine per field: the postings of different fields are independent.
	lists := make([]map[string][]string, len(fieldsArray)) // per field: term → internal ids
	errs := make([]error, len(fieldsArray))
	var wg sync.WaitGroup
	for k, field := range fieldsArray {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lists[k], errs[k] = postings(ctx, g, r, field)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for k := range fieldsArray {
		for term, ids := range lists[k] {
			num, ok := t.ids[term]
			if !ok {
				num = uint32(len(t.ids))
				t.ids[term] = num
			}
			for _, id := range ids {
				if pt := byInternal[id]; pt != nil {
					pt[k] = append(pt[k], num)
				}
			}
		}
	}
	g.terms = t
	return nil
}

// postings lists, for every term of a field, the internal ids of the passages that have it.
func postings(ctx context.Context, g *generation, r index.IndexReader, field string) (map[string][]string, error) {
	d, err := g.idx.FieldDict(field)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	out := map[string][]string{}
	var doc index.TermFieldDoc
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		tfr, err := r.TermFieldReader(ctx, []byte(e.Term), field, false, false, false)
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, e.Count)
		for {
			next, err := tfr.Next(&doc)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("read postings of %q: %w", e.Term, err)
			}
			if next == nil {
				break
			}
			ids = append(ids, string(next.ID))
		}
		tfr.Close()
		out[e.Term] = ids
	}
}

// masks says which of a question's clauses a passage has, per field (in fieldsArray order),
// from the clause bits of each term number: no allocation per passage.
func (t *termTable) masks(id string, bits map[uint32]uint64) (m [len(fieldsArray)]uint64) {
	pt := t.passages[id]
	if pt == nil || len(bits) == 0 {
		return m
	}
	for k := range fieldsArray {
		for _, n := range pt[k] {
			if b, ok := bits[n]; ok {
				m[k] |= b
			}
		}
	}
	return m
}
