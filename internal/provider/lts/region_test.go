package lts

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/spec"
)

// TestProjectRegionsFromEmulatorIAM asks the emulator's IAM through the
// SDK's iam/v3 client, once per provider.
func TestProjectRegionsFromEmulatorIAM(t *testing.T) {
	srv, url := startEmulator(t, emulator.Options{})
	env := map[string]string{EnvAK: emulator.DefaultHuaweiAK, EnvSK: emulator.DefaultHuaweiSK}
	p, err := New(Config{Endpoint: url, Getenv: envOf(env), Timeout: 5 * time.Second}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got, err := p.ProjectRegions(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got[testProject] != "cn-north-4" {
			t.Errorf("regions = %v, want %s in cn-north-4", got, testProject)
		}
	}
	if n := srv.Requests()["iam:GET /v3/auth/projects"]; n != 1 {
		t.Errorf("IAM asked %d times, want 1", n)
	}
	env[EnvSK] = "wrong"
	bad, _ := New(Config{Endpoint: url, Getenv: envOf(env), Timeout: 5 * time.Second}, "", nil)
	if _, err := bad.ProjectRegions(context.Background()); !errors.Is(err, apierr.ErrAuth) {
		t.Errorf("wrong key: %v, want ErrAuth", err)
	}
}

// TestRegionRefusedByEmulator: an LTS call for a project of another region
// is refused, as the wrong region's endpoint would.
func TestRegionRefusedByEmulator(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	env := map[string]string{EnvAK: emulator.DefaultHuaweiAK, EnvSK: emulator.DefaultHuaweiSK, EnvProjectID: testProject}
	a, err := NewAPI(Config{Region: "ap-southeast-1", Endpoint: url, Timeout: 5 * time.Second, Getenv: envOf(env)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ListTransfers(context.Background(), nil); err == nil {
		t.Fatal("a project of cn-north-4 listed at ap-southeast-1's endpoint")
	}
}

func TestRegionMismatches(t *testing.T) {
	regions := map[string]string{"p1": "cn-north-4", "p2": "ap-southeast-1"}
	dumps := []spec.Dump{
		{Name: "ok", Region: "cn-north-4", ProjectID: "p1"},
		{Name: "wrong", Region: "cn-north-4", ProjectID: "p2"},
		{Name: "unknown", Region: "cn-north-4", ProjectID: "p9"},
		{Name: "unset", ProjectID: "p2"},
		{Name: "env", Region: "${env:R}", ProjectID: "p2"},
	}
	var got []string
	for _, m := range RegionMismatches(dumps, regions) {
		got = append(got, m.Path)
	}
	if diff := cmp.Diff([]string{"dumps[1].region", "dumps[2].projectId"}, got); diff != "" {
		t.Errorf("mismatches (-want +got):\n%s", diff)
	}
}
