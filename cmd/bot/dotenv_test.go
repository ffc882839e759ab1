package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fakeToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.SECRETsecretSECRETsecret0123456789"

// TestDotEnvErrorsNameTheLineNotTheValue: a broken .env is reported by file, line and
// variable, never with the text around the mistake, which may be the token.
func TestDotEnvErrorsNameTheLineNotTheValue(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
	}{
		{"closing quote missing", "# REE Desk\nDISCORD_APP_ID=123\nDISCORD_TOKEN=\"" + fakeToken + "\nLOG_LEVEL=debug\n", []string{".env:3", "DISCORD_TOKEN", "quote"}},
		{"bad character in a name", "LOG_LEVEL=info\nDISCORD-TOKEN=" + fakeToken + "\n", []string{".env:2", "name"}},
		{"closing quote missing on the last line", "DISCORD_TOKEN='" + fakeToken, []string{".env:1", "DISCORD_TOKEN", "quote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".env")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := readDotEnv(path)
			if err == nil {
				t.Fatal("readDotEnv accepted a broken .env")
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error %q shows the token", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// TestDotEnvReadableByOthersWarns: a .env other users can read is loaded, with a warning.
func TestDotEnvReadableByOthersWarns(t *testing.T) {
	for _, tt := range []struct {
		mode os.FileMode
		warn bool
	}{{0o644, true}, {0o640, true}, {0o600, false}} {
		path := filepath.Join(t.TempDir(), ".env")
		if err := os.WriteFile(path, []byte("REEDESK_TEST_UNUSED=1\n"), tt.mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, tt.mode); err != nil { // past the umask
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		if err := loadDotEnv(path, &stderr); err != nil {
			t.Fatalf("mode %o: %v", tt.mode, err)
		}
		if warned := strings.Contains(stderr.String(), "chmod 600"); warned != tt.warn {
			t.Errorf("mode %o: warning %q, want a warning: %v", tt.mode, stderr.String(), tt.warn)
		}
	}
	os.Unsetenv("REEDESK_TEST_UNUSED")
}

// TestConfigNeverEchoesASecret: a token pasted into the wrong variable is reported without
// its value; a URL is shown without its password.
func TestConfigNeverEchoesASecret(t *testing.T) {
	_, err := loadConfig(env(map[string]string{
		"DISCORD_APP_ID": fakeToken, "ADMIN_USER_IDS": "123," + fakeToken, "LOG_LEVEL": fakeToken,
		"DISCORD_API_URL": "ftp://bot:SECRETpassword@proxy.example/api/",
	}), needNothing)
	if err == nil {
		t.Fatal("loadConfig accepted a token as an application id")
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error shows a secret:\n%s", err)
	}
	for _, w := range []string{"DISCORD_APP_ID", "ADMIN_USER_IDS", "LOG_LEVEL", "ftp://bot:xxxxx@proxy.example/api/"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}
