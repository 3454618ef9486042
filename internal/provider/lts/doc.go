// Package lts is logctl's provider for Huawei Cloud LTS log transfers (dumps
// to OBS), on huaweicloud-sdk-go-v3 core and services/lts/v2.
//
// api.go wraps the SDK client: credentials from an injected environment
// lookup (HUAWEICLOUD_SDK_AK/_SK/_PROJECT_ID/_SECURITY_TOKEN) before the
// SDK's provider chain, an explicit project id so the SDK never asks IAM
// to discover it, an endpoint override (LOGCTL_HUAWEI_ENDPOINT; requests
// then keep the region's LTS host as their Host header), no SDK retries and
// a deadline per call. errors.go maps LTS and API gateway error codes onto
// the classes of internal/apierr. The SDK's request and response models are
// used as they are; Enum builds their enum members from wire strings.
//
// Readings the vendor leaves open are handled both ways: list.go pages
// ListTransfers whether or not the server honours offset/limit (§5 vs §8 of
// huawei-lts-transfer.md); updates write cleared prefixes out, so they are
// cleared whether an omitted detail member is reset or kept. iam.go learns
// each project's region from IAM (services/iam/v3, KeystoneListAuthProjects)
// so that a dump in the wrong region is refused before any LTS call.
package lts
