package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestEmulatorServe(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	world := filepath.Join(dir, "world.yaml")
	os.WriteFile(world, []byte("tencent:\n  zones:\n    - {id: zone-cmdtest, domains: [cmd.example]}\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"emulator", "serve", "--addr", "127.0.0.1:0", "--state", state, "--world", world, "--seed", "5", "--latency", "1ms"},
			strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	}()
	var base string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if line, _, ok := strings.Cut(stdout.String(), "\n"); ok {
			base = strings.TrimPrefix(line, "listening on ")
			if base == line {
				t.Fatalf("first line %q, want \"listening on http://HOST:PORT\"", line)
			}
			break
		}
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("no listening line; stdout %q stderr %q", stdout.String(), stderr.String())
	}
	resp, err := http.Post(base+"/", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("POST /: %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d, stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
	if _, err := os.Stat(state); err != nil {
		t.Errorf("state file: %v", err)
	}
}

func TestEmulatorServeErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"missing world":  {"emulator", "serve", "--addr", "127.0.0.1:0", "--world", "/nonexistent/world.yaml"},
		"bad fault rate": {"emulator", "serve", "--addr", "127.0.0.1:0", "--fault-rate", "1.5"},
		"bad address":    {"emulator", "serve", "--addr", "256.0.0.1:0"},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, strings.NewReader(""), &out, &errb, func(string) string { return "" }); code != exitError {
			t.Errorf("%s: exit %d, want %d (stderr %q)", name, code, exitError, errb.String())
		}
	}
}
