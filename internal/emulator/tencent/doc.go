// Package tencent is the emulator's Tencent Cloud API 3.0 service: EdgeOne
// (teo 2022-09-01, and DownloadL7Logs at 2022-01-06) real-time log delivery
// tasks and offline log packages, and CLS (cls 2020-10-16) log exports.
//
// It implements the wire protocol described in shared/reference
// (tencentcloud-api3.md, edgeone-logs.md, cls-export.md): TC3-HMAC-SHA256
// signatures verified over the raw body, the Response / Response.Error
// envelope on HTTP 200, per-action rate limits and the documented business
// error codes. It never imports logctl's own client code, so a client bug
// cannot hide behind shared code.
//
// The package holds no lock of its own: the emulator server passes its state
// mutex in Config.Lock and a Commit function that persists the state.
package tencent
