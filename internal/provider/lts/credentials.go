package lts

import (
	"context"
	"fmt"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/provider"
	"github.com/logctl/logctl/internal/apierr"
)

// Variables read through Config.Getenv (design §4, huawei-lts-transfer.md §2).
const (
	EnvAK            = "HUAWEICLOUD_SDK_AK"
	EnvSK            = "HUAWEICLOUD_SDK_SK"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
)

// fallbackWait bounds the SDK chain, whose metadata and pod identity steps
// call the network.
const fallbackWait = 15 * time.Second

const credentialHelp = "set " + EnvAK + " and " + EnvSK + " (and " + EnvSecurityToken +
	" for temporary keys), or write ~/.huaweicloud/credentials"

// resolveCredential picks the credential: the explicit one, else the
// environment, else the fallback chain; then pins the project id. A project
// id is required: without one the SDK would first call IAM to discover it
// (§1), which an endpoint override (the emulator) cannot answer.
func (cfg Config) resolveCredential() (*auth.BasicCredentials, error) {
	getenv := cfg.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	projectID := cfg.ProjectID
	if projectID == "" {
		projectID = getenv(EnvProjectID)
	}
	cred, err := cfg.baseCredential(getenv)
	if err != nil {
		return nil, err
	}
	if projectID != "" {
		c := *cred // never write into a credential the caller may share
		c.ProjectId = projectID
		cred = &c
	}
	if cred.ProjectId == "" {
		return nil, fmt.Errorf("huawei credentials: no project id: set %s or the dump's projectId", EnvProjectID)
	}
	return cred, nil
}

func (cfg Config) baseCredential(getenv func(string) string) (*auth.BasicCredentials, error) {
	if cfg.Credential != nil {
		return cfg.Credential, nil
	}
	ak, sk := getenv(EnvAK), getenv(EnvSK)
	switch {
	case ak != "" && sk != "":
		return auth.NewBasicCredentialsBuilder().WithAk(ak).WithSk(sk).
			WithSecurityToken(getenv(EnvSecurityToken)).SafeBuild()
	case ak != "":
		return nil, fmt.Errorf("huawei credentials: %s is set but %s is empty: %w", EnvAK, EnvSK, apierr.ErrAuth)
	case sk != "":
		return nil, fmt.Errorf("huawei credentials: %s is set but %s is empty: %w", EnvSK, EnvAK, apierr.ErrAuth)
	}
	fb := cfg.Fallback
	if fb == nil {
		fb = provider.BasicCredentialProviderChain().GetCredentials
	}
	ic, err := bounded(fb, fallbackWait)
	if err != nil {
		// Not err itself: the SDK's chain error is a multi-line dump of
		// every provider it tried (environment, profile file, metadata,
		// pod identity), which buries what to do.
		return nil, fmt.Errorf("huawei credentials not found: %s: %w", credentialHelp, apierr.ErrAuth)
	}
	basic, ok := ic.(*auth.BasicCredentials)
	if !ok {
		return nil, fmt.Errorf("huawei credentials: the provider chain gave %T, want project (basic) credentials: %w", ic, apierr.ErrAuth)
	}
	return basic, nil
}

// bounded asks fb for a credential but gives up after wait.
func bounded(fb func() (auth.ICredential, error), wait time.Duration) (auth.ICredential, error) {
	type result struct {
		cred auth.ICredential
		err  error
	}
	ch := make(chan result, 1) // buffered: a late answer must not block the goroutine
	go func() {
		c, err := fb()
		ch <- result{c, err}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	select {
	case r := <-ch:
		if r.err == nil && r.cred == nil {
			return nil, fmt.Errorf("provider returned no credential")
		}
		return r.cred, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("credential lookup gave no answer within %s", wait)
	}
}
