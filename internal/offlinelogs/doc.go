// Package offlinelogs lists and downloads EdgeOne offline log packages: the
// hourly gzip files that DownloadL7Logs and DownloadL4Logs point at
// (edgeone-logs.md §11).
//
// Listing (Lister) walks the Offset/Limit pages of the 2022-09-01 actions at
// the documented cap of 300 per page, or the numbered pages of the legacy
// 2022-01-06 DownloadL7Logs form (whose page base, 0 or 1, is learnt from
// the first answer: UNCONFIRMED, both readings handled), pacing calls at the documented quota and
// retrying transient failures; every call is a read, so a call whose answer
// was lost is simply sent again.
//
// Downloading (Downloader) fetches every package with bounded concurrency.
// Each one is written to "<file>.part" in the target directory and renamed
// only after its size and gzip integrity were verified, so the directory
// never holds a final file that is incomplete. An interrupted ".part" file is
// resumed with an HTTP Range request. manifest.json records what was
// downloaded (name, URL host, subject, window, size, SHA-256), is rewritten
// atomically, and lets a re-run skip what is already complete without a
// single request. Package names come from the server and are checked by
// SafeName before they become file names: a name that could escape the
// directory is refused, never rewritten into something else.
//
// Sizes: the L7 Size is the uncompressed size (documented); the L4 Size is
// the .gz size or the uncompressed size (the reference and one vendor model
// disagree), and both are accepted once the gzip trailers (CRC-32 and
// ISIZE of every member, by full decompression) prove the file complete.
// A body longer than a bound derived from Size (bounds.go) is cut and
// refused, redirects may not leave the listed host, and a package that fails
// for good or is refused leaves no ".part" file behind.
package offlinelogs
