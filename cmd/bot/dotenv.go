package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"

	"github.com/joho/godotenv"
)

// loadDotEnv reads a .env file into the environment, never overriding a variable already set;
// a missing file is fine. It warns when other users may read the file: it holds the token.
func loadDotEnv(path string, stderr io.Writer) error {
	vars, err := readDotEnv(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(stderr, "%s: warning: %s can be read by other users of this machine (mode %04o) and holds the bot's secrets: chmod 600 %s\n", program, path, st.Mode().Perm(), path)
	}
	for k, v := range vars {
		if _, set := os.LookupEnv(k); !set {
			os.Setenv(k, v)
		}
	}
	return nil
}

// readDotEnv parses a .env file. godotenv's parse errors quote the text around the mistake,
// which is often the token itself (a missing closing quote quotes the whole value), so they
// are replaced by the file, line and variable at fault.
func readDotEnv(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	vars, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		return nil, dotEnvError(path, data, err)
	}
	return vars, nil
}

var (
	dotEnvUnterminated = regexp.MustCompile(`(?s)^unterminated quoted value (.*)$`)
	dotEnvBadName      = regexp.MustCompile(`(?s)^unexpected character (".*?") in variable name near (".*")$`)
	dotEnvKey          = regexp.MustCompile(`^\s*(?:export\s+)?([A-Za-z0-9_.]+)\s*[=:]`)
)

// dotEnvError says where a .env file is broken without quoting any of it but a variable name.
func dotEnvError(path string, data []byte, err error) error {
	src := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")) // as godotenv reads it
	at, what := -1, "it cannot be read"
	msg := err.Error()
	if m := dotEnvUnterminated.FindStringSubmatch(msg); m != nil {
		// The unclosed quote is the last one of its kind: godotenv looked to the end of the
		// file for its match.
		at, what = bytes.LastIndex(src, []byte(m[1])), "a quoted value is not closed: add the closing quote"
	} else if m := dotEnvBadName.FindStringSubmatch(msg); m != nil {
		if near, err := strconv.Unquote(m[2]); err == nil {
			at = len(src) - len(near) // near is the rest of the file from the bad line
		}
		what = "a variable name may hold only letters, digits, _ and ."
	}
	if at < 0 {
		return fmt.Errorf("%s: %s (the parser's message is not shown: it may quote a secret)", path, what)
	}
	line := 1 + bytes.Count(src[:at], []byte("\n"))
	start := bytes.LastIndexByte(src[:at], '\n') + 1
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src) - start
	}
	if k := dotEnvKey.FindSubmatch(src[start : start+end]); k != nil {
		return fmt.Errorf("%s:%d: %s: %s", path, line, k[1], what)
	}
	return fmt.Errorf("%s:%d: %s", path, line, what)
}
