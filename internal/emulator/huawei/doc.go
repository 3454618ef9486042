// Package huawei emulates the Huawei Cloud Log Tank Service (LTS) log
// transfer APIs for the logctl emulator: POST /v2/{project_id}/log-dump/obs
// (the old "create a log transfer task" API) and GET/POST/PUT/DELETE
// /v2/{project_id}/transfers. It implements the wire protocol from the
// vendor reference (huawei-lts-transfer.md) and never imports logctl's
// client code, so a client bug cannot hide behind shared code.
//
// The emulator core owns the server, persistence and faults; it builds a
// handler with NewHandler, passing the World, the State, its state mutex and
// a Commit function. Behaviour choices, where the vendor leaves room:
//
// Authentication (§2). X-Auth-Token, when present, must be a key of
// Config.Tokens; otherwise the request must carry an SDK-HMAC-SHA256
// Authorization header. The server rebuilds the canonical request from
// whatever SignedHeaders lists (the Go SDK signs neither host nor
// content-type; other signers sign host), appends the trailing slash to the
// canonical URI, hashes the exact body bytes (or uses X-Sdk-Content-Sha256
// when the client declared UNSIGNED-PAYLOAD), and requires x-sdk-date to be
// signed and within 15 minutes of the server clock. Every failure (no
// header, malformed header, unknown AK, unknown token, bad signature,
// expired date) is 401 APIGW.0301 with request_id in the body; the vendor
// leaves the code for an expired date unconfirmed and we use the same one.
// The five-failure AK lockout is not emulated, and X-Security-Token is not
// checked. A token scoped to another project, or an X-Project-Id header that
// differs from the URL, is 403 LTS.0011; a project that is not in the world
// is 403 LTS.0001 "Invalid projectId", the seed's example. An unknown path
// or method is 404 APIGW.0101. Every response carries X-Request-Id.
//
// Validation order: body not JSON (LTS.0007); wrong shape, missing field or
// length (LTS.0009); enum values, type/mode pairs and periods (LTS.1901;
// LTS.1902 for prefixes on the old API); then references: group (LTS.0201),
// stream in that group (LTS.0208), bucket (LTS.0416), stream already in any
// other transfer of the project, of any type (LTS.0207). Ids are 36
// characters and buckets 3 to 63. DIS and DMS targets are not part of the
// world: any dis_id/kafka_id is accepted. Business errors are 400.
//
// Old API. "switch_on" and "period" are accepted as JSON booleans/numbers
// and as strings, because the vendor's own example sends "switch_on":
// "true". An empty storage_format means RAW. The result is stored as an OBS
// transfer in cycle mode and lists exactly like one made through
// CreateTransfer.
//
// Update. Format, status, detail and streams change; type, mode, agency and
// group do not (a different log_group_id is LTS.0009). The detail is
// replaced as a whole, as Terraform sends it. A missing or mis-sized
// log_transfer_id is LTS.0009, an unknown one LTS.0405.
//
// List. One page: every transfer of the project in creation order. The
// log_transfer_type (invalid value: 400 LTS.0001), log_group_name and
// log_stream_name filters are honoured as exact matches; offset and limit
// are ignored, which is what the vendor's Terraform provider observes
// (§8). The response has no total count. Under the lts-page=N semantics
// switch the other reading holds: a call returns at most N transfers, from
// offset, and no more than limit.
//
// Update under modify-keeps-omitted: a detail member the request leaves
// out keeps its value; by default the detail is replaced as a whole.
//
// Region. The endpoint's region is read from the Host header
// (lts.<region>.myhuaweicloud.com; see endpointRegion); a call whose
// project belongs to another region is always refused, 403 LTS.0011, as the
// real service at that region's endpoint would not know the project. A Host
// that names no region (127.0.0.1:8787) is not checked.
//
// IAM. GET /v3/auth/projects (KeystoneListAuthProjects) lists the world's
// projects, each named after its region, signed like the LTS calls.
//
// Responses. obs_period is a number for OBS transfers and absent for DIS
// and DMS, never null (the SDK's enum decoder fails on null); unset OBS
// prefixes are "" and tags are [] as in the vendor examples;
// obs_transfer_path is synthesised as /<bucket>/[<dir>/]LogTanks/<region>/;
// log_create_time is in milliseconds. Group names not given by the world and
// all stream names are synthesised from the ids ("lts-group-d9dba9f3",
// "lts-stream-45e7f609").
//
// Determinism. Transfer ids are UUID-shaped hashes of the project and a
// counter kept in State, so a replay on the same state yields the same ids;
// request ids hash a per-handler counter. A mutation whose Commit fails is
// undone in memory and answered 500 LTS.0010.
package huawei
