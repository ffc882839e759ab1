package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reedesk/reedesk/bot"
)

// program is the name of the built binary (go build -o reedesk ./cmd/bot): not "bot", which
// would collide with the bot/ folder of a clone.
const program = "reedesk"

// stdio is what a subcommand reads and writes: the environment, the standard streams and the
// clock.
type stdio struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	now            func() time.Time
}

// subcommand is one word of the command line: reedesk ask, reedesk serve …
type subcommand struct {
	name    string
	args    string // what it takes, for the usage line
	summary string
	flags   func(fs *flag.FlagSet) // defines its flags, bound to its run; nil for none
	run     func(ctx context.Context, s stdio, args []string) error
}

func subcommands() []subcommand {
	return []subcommand{askCommand(), runCommand(), validateCommand(), curateCommand(), serveCommand(), registerCommand()}
}

const intro = `REE Desk answers questions on rare earth elements from a curated knowledge base.`

// usage lists the subcommands.
func usage(w io.Writer) {
	cols := width(w, isTerminal(w))
	fmt.Fprintf(w, "%s\n\nUsage:\n", bot.Wrap(intro, cols, 0))
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %s\n%s\n", strings.TrimSpace(program+" "+c.name+" "+c.args), bot.Wrap(c.summary, cols, 6))
	}
	fmt.Fprintf(w, "  %s help [COMMAND]\n      Show this help, or a command's.\n", program)
	fmt.Fprintf(w, "\n%s\n", bot.Wrap("Slash commands: "+strings.Join(slashNames(), ", ")+".\nConfiguration comes from the environment and a .env file; see .env.example.", cols, 0))
}

// usageError is a mistake in the command line: it is printed with a hint, and exits with 2.
type usageError struct {
	cmd, msg string // cmd is "" for the program itself
}

func (e usageError) Error() string {
	if e.cmd == "" {
		return e.msg + "\nRun '" + program + " help' for the commands."
	}
	return e.cmd + ": " + e.msg + "\nRun '" + program + " " + e.cmd + " --help' for its usage."
}

// errReported is a failure already shown to the user (a command's answer that says why): it
// exits with 1 and prints nothing more.
var errReported = errors.New("failed")

// report prints err, if any, and returns the exit status: 0 on success, 1 on an error, 2 on a
// mistake in the command line.
func report(stderr io.Writer, err error) int {
	var u usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		fmt.Fprintln(stderr, program+": "+err.Error())
		return 2
	case errors.Is(err, errReported):
		return 1
	}
	fmt.Fprintln(stderr, program+": "+err.Error())
	return 1
}

// run is the whole program behind main, so tests can call it with their own arguments,
// environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runWith(ctx, stdio{getenv: getenv, stdout: stdout, stderr: stderr, now: time.Now}, args)
}

// runWith is run with a clock of the caller's, for tests.
func runWith(ctx context.Context, s stdio, args []string) error {
	stdout := s.stdout
	if len(args) == 0 {
		return usageError{msg: "no command given"}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if c, ok := lookup(rest[0]); ok {
				c.usage(stdout)
				return nil
			}
			return usageError{msg: fmt.Sprintf("no command %q", rest[0])}
		}
		usage(stdout)
		return nil
	}
	c, ok := lookup(name)
	if !ok {
		return usageError{msg: fmt.Sprintf("unknown command %q", name)}
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // mistakes are reported with one line and a hint
	if c.flags != nil {
		c.flags(fs)
	}
	words, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		c.usage(stdout)
		return nil
	}
	if err != nil {
		return usageError{cmd: c.name, msg: err.Error()}
	}
	return c.run(ctx, s, words)
}

func lookup(name string) (subcommand, bool) {
	for _, c := range subcommands() {
		if c.name == name {
			return c, true
		}
	}
	return subcommand{}, false
}

// usage prints a subcommand's usage and flags.
func (c subcommand) usage(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace(program+" "+c.name+" "+c.args), bot.Wrap(c.summary, width(w, isTerminal(w)), 0))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// parseInterspersed parses flags wherever they are among the arguments ("ask Q --json" as
// well as "ask --json Q"); after "--" everything is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(words, rest...), nil
		}
		if len(rest) == 0 {
			return words, nil
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}
