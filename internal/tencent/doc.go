// Package tencent is logctl's plumbing for Tencent Cloud API 3.0 (teo, cls):
// one Client per (service, version, region) that signs with TC3-HMAC-SHA256
// through the SDK's common client, carries a per-call deadline, and turns
// every failure into an error the reconcile layer can decide on with
// errors.Is against the classes in internal/apierr.
//
// What it adds to the SDK, and why:
//   - Credentials come from an injected environment lookup first
//     (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and, unlike the SDK's
//     env provider, TENCENTCLOUD_SESSION_TOKEN), then from the SDK's profile
//     file and CVM role providers.
//   - The endpoint can point anywhere (LOGCTL_TENCENT_ENDPOINT, e.g. the
//     emulator at http://127.0.0.1:8787): the scheme is taken from the URL.
//   - The SDK's own retries stay off (its defaults): retries belong to the
//     reconcile layer, which looks a create up before retrying it.
//   - Requests are the caller's typed structs marshalled by encoding/json
//     (struct order, exact integers); responses are decoded straight from the
//     "Response" envelope into the caller's struct.
//   - Errors never carry request bodies or response bodies, which may hold
//     destination secrets (edgeone-logs.md §10: Describe may echo AccessKey).
package tencent
