package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/internal/redact"
)

// defaultEmulatorState is where --emulator keeps the emulated clouds.
const defaultEmulatorState = ".logctl/emulator.json"

// The emulator's default credentials (design §7).
const (
	emulatorSecretID  = "AKIDLOGCTLEMULATOR"
	emulatorSecretKey = "logctl-emulator-secret"
	emulatorHuaweiAK  = "LOGCTLEMULATORAK"
	emulatorHuaweiSK  = "logctl-emulator-secret"
)

// cloudSession is where the clients of one command point: the real clouds
// (endpoints and credentials from the environment) or, with --emulator, an
// emulator started in this process on a loopback port.
type cloudSession struct {
	getenv func(string) string
	stop   func() error
	// emulated is true with --emulator: secrets mean nothing there, so a
	// missing ${env:} variable gets a placeholder instead of an error.
	emulated bool
	notice   func(name string)
	// secrets learns every value lookup resolves, for redaction.
	secrets *redact.Set
}

// lookup resolves ${env:NAME} references for this session.
func (c *cloudSession) lookup(name string) (string, bool) {
	if v := c.getenv(name); strings.TrimSpace(v) != "" {
		c.secrets.Add(v)
		return v, true
	}
	if c.emulated {
		c.notice(name)
		return "emulator-placeholder-" + strings.ToLower(name), true
	}
	return "", false
}

// openCloud starts the emulator when --emulator is set. The returned getenv
// overlays the endpoint and credential variables so that every client
// points at it; without --emulator it is the process environment.
func (a *app) openCloud(ctx context.Context) (*cloudSession, error) {
	if a.emulatorState == "" {
		return &cloudSession{getenv: a.getenv, stop: func() error { return nil }, secrets: a.secrets}, nil
	}
	if dir := filepath.Dir(a.emulatorState); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("emulator: %w", err)
		}
	}
	sem, err := semantics.Parse(a.getenv(semantics.EnvVar))
	if err != nil {
		return nil, fmt.Errorf("emulator: %s: %w", semantics.EnvVar, err)
	}
	srv, err := emulator.New(emulator.Options{StatePath: a.emulatorState, Semantics: sem})
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, "127.0.0.1:0", func(u string) { ready <- u }) }()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		cancel()
		return nil, err
	}
	overlay := map[string]string{
		"LOGCTL_TENCENT_ENDPOINT":        base,
		"LOGCTL_HUAWEI_ENDPOINT":         base,
		"TENCENTCLOUD_SECRET_ID":         emulatorSecretID,
		"TENCENTCLOUD_SECRET_KEY":        emulatorSecretKey,
		"TENCENTCLOUD_SESSION_TOKEN":     "",
		"HUAWEICLOUD_SDK_AK":             emulatorHuaweiAK,
		"HUAWEICLOUD_SDK_SK":             emulatorHuaweiSK,
		"HUAWEICLOUD_SDK_SECURITY_TOKEN": "",
	}
	getenv := func(k string) string {
		if v, ok := overlay[k]; ok {
			return v
		}
		return a.getenv(k)
	}
	stop := func() error {
		cancel()
		return <-done
	}
	fmt.Fprintf(a.stderr, "Using the emulator (state %s) at %s\n", a.emulatorState, base)
	var once sync.Map
	notice := func(name string) {
		if _, seen := once.LoadOrStore(name, true); !seen {
			fmt.Fprintf(a.stderr, "Note: %s is not set; the emulator gets a placeholder value.\n", name)
		}
	}
	return &cloudSession{getenv: getenv, stop: stop, emulated: true, notice: notice, secrets: a.secrets}, nil
}
