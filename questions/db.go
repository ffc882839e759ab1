package questions

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialects, named as the migrations' directories.
const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"
)

// sqliteFile is the database's name in the data directory.
const sqliteFile = "questions.db"

// sqlitePragmas: WAL lets reports read while the writer writes; a busy timeout waits for
// another process holding the lock (a backup, the sqlite3 shell) before a write fails and is
// retried; NORMAL sync is durable across application crashes, which is what a log needs.
const sqlitePragmas = "_busy_timeout=1000&_journal_mode=WAL&_synchronous=NORMAL"

//go:embed migrations
var migrations embed.FS

func openDB(ctx context.Context, url, dataDir string) (*sql.DB, string, error) {
	if url != "" {
		db, err := sql.Open("pgx", url)
		if err != nil {
			return nil, "", fmt.Errorf("open the question log database: %w", err)
		}
		// A few connections: one writer, and reports now and then.
		db.SetMaxOpenConns(4)
		db.SetConnMaxIdleTime(5 * time.Minute)
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, "", fmt.Errorf("connect to the question log database: %w", err)
		}
		return db, dialectPostgres, nil
	}
	if dataDir == "" {
		return nil, "", fmt.Errorf("the question log needs a data directory or a database URL")
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, "", fmt.Errorf("create the data directory: %w", err)
	}
	path := filepath.Join(dataDir, sqliteFile)
	db, err := sql.Open("sqlite", path+"?"+sqlitePragmas)
	if err != nil {
		return nil, "", fmt.Errorf("open %s: %w", path, err)
	}
	// Switching a new file to WAL takes a lock that SQLite does not wait for: a process
	// opening the file at the same moment tries again.
	for try := 1; ; try++ {
		err = db.PingContext(ctx)
		if err == nil || try == 10 || !busy(err) {
			break
		}
		time.Sleep(time.Duration(try) * 20 * time.Millisecond)
	}
	if err != nil {
		db.Close()
		return nil, "", fmt.Errorf("open %s: %w", path, err)
	}
	return db, dialectSQLite, nil
}

// migrate brings the schema up to date. On PostgreSQL an advisory lock makes replicas that
// start together migrate one at a time.
func migrate(ctx context.Context, db *sql.DB, dialect string, log *slog.Logger) error {
	dir, err := fs.Sub(migrations, "migrations/"+dialect)
	if err != nil {
		return fmt.Errorf("migrations for %s: %w", dialect, err)
	}
	opts := []goose.ProviderOption{
		goose.WithTableName("question_schema_version"),
		goose.WithDisableGlobalRegistry(true),
	}
	gd := goose.DialectSQLite3
	if dialect == dialectPostgres {
		gd = goose.DialectPostgres
		// A replica that finds the lock taken tries again every second (goose's default is
		// every 5), for up to 5 minutes as by default: migrations take milliseconds.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
		if err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gd, db, dir, opts...)
	if err != nil {
		return fmt.Errorf("read the question log migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil && dialect == dialectSQLite {
		// Goose cannot lock SQLite: two processes opening a new file together may both
		// start the same migration, and one fails. Once the other has committed, the
		// schema is current.
		results, err = p.Up(ctx)
	}
	if err != nil {
		return fmt.Errorf("migrate the question log: %w", err)
	}
	for _, r := range results {
		log.InfoContext(ctx, "question log migrated", "migration", r.Source.Path, "took", r.Duration)
	}
	return nil
}

// busy reports whether SQLite refused for a lock another connection holds: the database is
// unavailable for now, whatever the rows.
func busy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff // the primary code, without the extended bits
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}
