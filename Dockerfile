# syntax=docker/dockerfile:1
# logctl in a minimal image: a static binary on distroless, running as the
# non-root user 65532. Built for each platform by .github/workflows/release.yml
# (docker buildx, cross-compiled on the build machine, no emulation):
#
#   docker run --rm -v "$PWD:/work" ghcr.io/logctl/logctl:v1.2.3 lint logs/
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
ARG TARGETOS TARGETARCH VERSION=dev COMMIT=unknown
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/logctl ./cmd/logctl

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/logctl /usr/local/bin/logctl
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/logctl"]
CMD ["--help"]
