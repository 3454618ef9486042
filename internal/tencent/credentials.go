package tencent

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// Variables read through Config.Getenv (design §4, tencentcloud-api3.md §6).
const (
	EnvSecretID     = "TENCENTCLOUD_SECRET_ID"
	EnvSecretKey    = "TENCENTCLOUD_SECRET_KEY"
	EnvSessionToken = "TENCENTCLOUD_SESSION_TOKEN"
)

// fallbackWait bounds the SDK's fallback chain: its CVM role provider calls
// the metadata service with http.Get and no timeout, which off a CVM can
// hang on DNS.
const fallbackWait = 3 * time.Second

// credentialHelp tells the user what to set; it names variables, never values.
const credentialHelp = "set " + EnvSecretID + " and " + EnvSecretKey +
	" (and " + EnvSessionToken + " for temporary keys), or write ~/.tencentcloud/credentials"

// resolveCredential picks the credential for a client: the explicit one,
// else the environment, else the fallback chain.
// tencentcloud-api3.md §6: the SDK's env provider reads no token variable,
// so the environment step is done here, with the token.
func (cfg Config) resolveCredential() (common.CredentialIface, error) {
	if cfg.Credential != nil {
		return cfg.Credential, nil
	}
	getenv := cfg.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	id, key := getenv(EnvSecretID), getenv(EnvSecretKey)
	switch {
	case id != "" && key != "":
		return common.NewTokenCredential(id, key, getenv(EnvSessionToken)), nil
	case id != "":
		return nil, fmt.Errorf("tencent credentials: %s is set but %s is empty: %w", EnvSecretID, EnvSecretKey, apierr.ErrAuth)
	case key != "":
		return nil, fmt.Errorf("tencent credentials: %s is set but %s is empty: %w", EnvSecretKey, EnvSecretID, apierr.ErrAuth)
	}
	fb := cfg.Fallback
	if fb == nil {
		fb = common.NewProviderChain([]common.Provider{
			common.DefaultProfileProvider(), common.DefaultCvmRoleProvider(),
		})
	}
	cred, err := boundedCredential(fb, fallbackWait)
	if err != nil {
		// Not err itself: the SDK's chain error names its own internals
		// (ClientError.CredentialError, a missing config file), not what
		// to do.
		return nil, fmt.Errorf("tencent credentials not found: %s: %w", credentialHelp, apierr.ErrAuth)
	}
	return cred, nil
}

// boundedCredential asks p for a credential but gives up after wait.
func boundedCredential(p common.Provider, wait time.Duration) (common.CredentialIface, error) {
	type result struct {
		cred common.CredentialIface
		err  error
	}
	ch := make(chan result, 1) // buffered: a late answer must not block the goroutine
	go func() {
		cred, err := p.GetCredential()
		ch <- result{cred, err}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	select {
	case r := <-ch:
		if r.err == nil && r.cred == nil {
			return nil, errors.New("provider returned no credential")
		}
		return r.cred, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("credential lookup gave no answer within %s", wait)
	}
}
