// Command reedesk (built from cmd/bot) is REE Desk: a Discord bot, and a terminal tool, that
// answers questions about rare earth elements from a curated knowledge base. Run
// "reedesk help" for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := loadDotEnv(".env", os.Stderr)
	if err == nil {
		err = run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	}
	stop()
	os.Exit(report(os.Stderr, err))
}
