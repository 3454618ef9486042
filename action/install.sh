#!/usr/bin/env bash
# Installs logctl for action.yml, one phase per step:
#
#   resolve   decide where logctl comes from: a prebuilt binary (input
#             binary or LOGCTL_BIN), a release (version vX.Y.Z or latest, or
#             the action's own vX.Y.Z / vX ref), or a build at the action's ref
#   download  fetch the release archive for RUNNER_OS/RUNNER_ARCH and its
#             checksums file, verify the SHA-256, unpack into LOGCTL_DIR
#   build     go build ./cmd/logctl in the action's directory
#   finish    check the binary runs, put it on PATH, output its version
set -euo pipefail

out() { echo "$1=$2" >> "$GITHUB_OUTPUT"; }
die() { echo "::error title=logctl install::$*"; exit 1; }

# The release archives are named as .goreleaser.yaml names them.
platform() {
  case "${RUNNER_OS:-Linux}" in
    Linux) os=linux ;; macOS) os=darwin ;; Windows) os=windows ;;
    *) die "no logctl release for RUNNER_OS=${RUNNER_OS}; use version: source" ;;
  esac
  case "${RUNNER_ARCH:-X64}" in
    X64) arch=amd64 ;; ARM64) arch=arm64 ;;
    *) die "no logctl release for RUNNER_ARCH=${RUNNER_ARCH}; use version: source" ;;
  esac
}

api() {
  curl -fsSL --retry 3 -H "Accept: application/vnd.github+json" \
    ${GITHUB_TOKEN:+-H "Authorization: Bearer $GITHUB_TOKEN"} \
    "${GITHUB_API_URL:-https://api.github.com}$1"
}

release_base() {
  echo "${GITHUB_SERVER_URL:-https://github.com}/$1/releases/download/$2"
}

# newest_of_major prints the newest release tag vN.* (vN.M.*) of repo, or
# nothing.
newest_of_major() {
  api "/repos/$1/releases?per_page=100" 2>/dev/null |
    jq -r --arg p "$2." '.[] | select(.draft == false and .prerelease == false) | .tag_name | select(startswith($p))' |
    sort -V | tail -n 1 || true
}

resolve() {
  local bin="${LOGCTL_BINARY:-${LOGCTL_BIN:-}}"
  local repo="${LOGCTL_ACTION_REPOSITORY:-logctl/logctl}"
  local version="${LOGCTL_VERSION:-}" ref="${LOGCTL_ACTION_REF:-}" tag="" from_ref=false
  [ -n "$repo" ] || repo=logctl/logctl
  out repository "$repo"
  if [ -n "$bin" ]; then
    [ -x "$bin" ] || die "binary $bin is not an executable file"
    local dir="$RUNNER_TEMP/logctl-bin"
    mkdir -p "$dir" && cp "$bin" "$dir/logctl"
    out mode binary; out dir "$dir"
    echo "Using the prebuilt logctl $bin"
    return
  fi
  platform
  case "$version" in
    source) ;;
    latest) tag=$(api "/repos/$repo/releases/latest" | jq -r '.tag_name // empty') ||
              die "could not look up the latest release of $repo"
            [ -n "$tag" ] || die "$repo has no release yet; use version: source" ;;
    v[0-9]*.[0-9]*.[0-9]*) tag=$version ;;
    "") from_ref=true
        case "$ref" in
          v[0-9]*.[0-9]*.[0-9]*) tag=$ref ;;
          v[0-9]*) tag=$(newest_of_major "$repo" "$ref") ;;
        esac ;;
    *) die "version '$version': want a release tag such as v1.2.3, latest, or source" ;;
  esac
  # The action's own ref names no published release (a branch, a SHA, a
  # tag without assets): build at that ref instead.
  if [ -n "$tag" ] && $from_ref &&
     ! curl -fsSLI --retry 2 -o /dev/null "$(release_base "$repo" "$tag")/logctl_${tag#v}_checksums.txt"; then
    echo "::notice title=logctl install::no release assets for $tag; building at the action's ref"
    tag=""
  fi
  if [ -z "$tag" ]; then
    out mode source; out dir "$RUNNER_TEMP/logctl-source"
    echo "Building logctl at ${ref:-the checkout of the action}"
    return
  fi
  local dir="${RUNNER_TOOL_CACHE:-$RUNNER_TEMP}/logctl/$tag/$os-$arch"
  out mode release; out tag "$tag"; out dir "$dir"
  out cache-key "logctl-$tag-$os-$arch"
  echo "Installing logctl $tag ($os/$arch)"
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

download() {
  platform
  # A second use of the action in the same job finds it installed (and
  # verified) by the first.
  if [ -x "$LOGCTL_DIR/logctl" ] || [ -x "$LOGCTL_DIR/logctl.exe" ]; then
    echo "logctl $LOGCTL_TAG is already installed in $LOGCTL_DIR"
    return
  fi
  local ver="${LOGCTL_TAG#v}" ext=tar.gz
  [ "$os" = windows ] && ext=zip
  local archive="logctl_${ver}_${os}_${arch}.${ext}" sums="logctl_${ver}_checksums.txt"
  local base tmp
  base=$(release_base "$LOGCTL_REPOSITORY" "$LOGCTL_TAG")
  tmp=$(mktemp -d "$RUNNER_TEMP/logctl-dl.XXXXXX")
  curl -fsSL --retry 3 -o "$tmp/$sums" "$base/$sums" || die "could not download $base/$sums"
  curl -fsSL --retry 3 -o "$tmp/$archive" "$base/$archive" || die "could not download $base/$archive"
  local want got
  want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/$sums")
  [ -n "$want" ] || die "$sums lists no checksum for $archive"
  got=$(sha256 "$tmp/$archive")
  [ "$got" = "$want" ] || die "checksum mismatch for $archive: $sums says $want, the download is $got"
  echo "$archive: SHA-256 $got matches $sums"
  mkdir -p "$LOGCTL_DIR"
  if [ "$ext" = zip ]; then unzip -q -o "$tmp/$archive" -d "$LOGCTL_DIR"
  else tar -xzf "$tmp/$archive" -C "$LOGCTL_DIR"; fi
  rm -rf "$tmp"
}

build() {
  mkdir -p "$LOGCTL_DIR"
  cd "$GITHUB_ACTION_PATH"
  local exe=logctl
  [ "${RUNNER_OS:-}" = Windows ] && exe=logctl.exe
  go build -trimpath -ldflags "-s -w" -o "$LOGCTL_DIR/$exe" ./cmd/logctl
}

finish() {
  local exe="$LOGCTL_DIR/logctl"
  [ -x "$exe" ] || exe="$LOGCTL_DIR/logctl.exe"
  [ -x "$exe" ] || die "no logctl binary in $LOGCTL_DIR"
  local v
  v=$("$exe" version | head -n 1)
  echo "$LOGCTL_DIR" >> "$GITHUB_PATH"
  out bin "$exe"; out version "$v"
  echo "$v"
}

case "${1:-}" in
  resolve|download|build|finish) "$1" ;;
  *) echo "usage: install.sh resolve|download|build|finish" >&2; exit 2 ;;
esac
