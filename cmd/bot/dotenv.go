package main

import (
	"errors"
	"io"
	"io/fs"

	"github.com/joho/godotenv"
)

// loadDotEnv reads a .env file into the environment, never overriding a variable already set;
// a missing file is fine.
func loadDotEnv(path string, stderr io.Writer) error {
	err := godotenv.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
