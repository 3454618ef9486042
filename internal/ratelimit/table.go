package ratelimit

// Action keys: "service:Action", the form the emulator's request counters
// use. An action served in more than one API version with different quotas
// carries the version after "@".
const (
	TeoCreateTask           = "teo:CreateRealtimeLogDeliveryTask"
	TeoModifyTask           = "teo:ModifyRealtimeLogDeliveryTask"
	TeoDeleteTask           = "teo:DeleteRealtimeLogDeliveryTask"
	TeoDescribeTasks        = "teo:DescribeRealtimeLogDeliveryTasks"
	TeoDownloadL7Logs       = "teo:DownloadL7Logs"
	TeoDownloadL4Logs       = "teo:DownloadL4Logs"
	TeoDownloadL7LogsLegacy = "teo:DownloadL7Logs@2022-01-06"

	CLSCreateExport    = "cls:CreateExport"
	CLSDescribeExports = "cls:DescribeExports"
	CLSDeleteExport    = "cls:DeleteExport"

	LTSCreateTransfer   = "lts:CreateTransfer"
	LTSListTransfers    = "lts:ListTransfers"
	LTSUpdateTransfer   = "lts:UpdateTransfer"
	LTSDeleteTransfer   = "lts:DeleteTransfer"
	LTSCreateLogDumpObs = "lts:CreateLogDumpObs"
)

// Table maps action keys to requests per second; 0 means not limited.
type Table map[string]float64

// Vendor returns the per-action quotas, a new table on every call so that a
// caller may adjust its copy.
//
// teo (edgeone-logs.md §1): Create, Modify and Describe are documented at
// 20/s; Delete's quota is unconfirmed and takes its siblings' 20/s.
// DownloadL7Logs and DownloadL4Logs (2022-09-01) are 100/s, the legacy
// DownloadL7Logs (2022-01-06) 20/s.
// cls (cls-export.md §1): CreateExport is 20/s; DescribeExports and
// DeleteExport are unconfirmed, "likely 20/s".
// lts: huawei-lts-transfer.md documents no quota for the transfer APIs. They
// are paced at 20/s like the Tencent siblings, a courtesy that keeps bulk
// applies well clear of the API gateway's flow control (APIGW.0308, which
// the reconcile layer retries).
func Vendor() Table {
	return Table{
		TeoCreateTask:           20,
		TeoModifyTask:           20,
		TeoDeleteTask:           20,
		TeoDescribeTasks:        20,
		TeoDownloadL7Logs:       100,
		TeoDownloadL4Logs:       100,
		TeoDownloadL7LogsLegacy: 20,

		CLSCreateExport:    20,
		CLSDescribeExports: 20,
		CLSDeleteExport:    20,

		LTSCreateTransfer:   20,
		LTSListTransfers:    20,
		LTSUpdateTransfer:   20,
		LTSDeleteTransfer:   20,
		LTSCreateLogDumpObs: 20,
	}
}

// Unlimited returns a table with the same actions and no limits, for
// benchmarks against an emulator started without rate limits.
func (t Table) Unlimited() Table {
	out := make(Table, len(t))
	for k := range t {
		out[k] = 0
	}
	return out
}
