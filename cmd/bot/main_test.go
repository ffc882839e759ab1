package main

import (
	"context"
	"log/slog"
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/reedesk/reedesk/internal/testrun"
)

// TestMain shares one app among the terminal commands that need nothing but the built-in
// knowledge and the default configuration.
func TestMain(m *testing.M) {
	open := terminalApp
	terminalApp = func(ctx context.Context, c config, log *slog.Logger, o appOptions) (*app, func() error, error) {
		def, err := terminalConfig(env(nil))
		if err != nil || !reflect.DeepEqual(c, def) || o != (appOptions{terminal: true}) {
			return open(ctx, c, log, o)
		}
		a, err := sharedApp()
		return a, func() error { return nil }, err
	}
	testrun.Main(m)
}

// sharedApp is one app, opened as the terminal opens it with no configuration, for the eval
// sets and the terminal commands of the tests. What it logs (warnings and errors) goes to the
// test binary's standard error.
var sharedApp = sync.OnceValues(func() (*app, error) {
	c, err := terminalConfig(env(nil))
	if err != nil {
		return nil, err
	}
	return openApp(context.Background(), c, newLogger(c, os.Stderr), appOptions{terminal: true})
})
