// Package lts is logctl's provider for Huawei Cloud LTS log transfers (dumps
// to OBS), on huaweicloud-sdk-go-v3 core and services/lts/v2.
//
// api.go wraps the SDK client: credentials from an injected environment
// lookup (HUAWEICLOUD_SDK_AK/_SK/_PROJECT_ID/_SECURITY_TOKEN) before the
// SDK's provider chain, an explicit project id so the SDK never asks IAM,
// an endpoint override (LOGCTL_HUAWEI_ENDPOINT), no SDK retries and a
// deadline per call. errors.go maps LTS and API gateway error codes onto the
// classes of internal/apierr. The SDK's request and response models are used
// as they are; Enum builds their enum members from wire strings.
package lts
