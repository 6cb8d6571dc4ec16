#!/usr/bin/env bash
# The Worker's container image, built and run the way an operator would, on this machine alone:
#
#   1. a base image like the SDK's standard ASP.NET one, built from Debian packages (debootstrap minbase + libicu72,
#      libssl3, ca-certificates, the installed .NET runtime, the non-root `app` user, UID 1654), cached between runs;
#   2. pushed to a throwaway registry on 127.0.0.1 (Debian's docker-registry);
#   3. `dotnet publish Connector.Worker -t:PublishContainer` on that base (the only override: ContainerBaseImage);
#   4. loaded into podman (runc, explicit ulimits, vfs storage: deploy/container/containers.conf) and run with its port
#      published on 127.0.0.1;
#   5. checked: /health answers 200, the process runs as a non-root user, the image's settings are the csproj's.
#
# Why not the public base image: it cannot be pulled here, and CI must not depend on a registry outside.
# Exit 0 when every check holds; non-zero (with what failed) otherwise. Run as root (debootstrap, podman).
#
#   deploy/container/test.sh            CONNECTOR_CONTAINER_CACHE=DIR to keep the base image elsewhere
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

fail() { echo "deploy/container/test.sh: FAILED: $*" >&2; exit 1; }
step() { echo "deploy/container/test.sh: $*"; }

[ "$(id -u)" -eq 0 ] || fail "run as root: debootstrap and podman's storage need it"

# --- what it needs from Debian ---------------------------------------------------------------------------------------
need=()
for tool in podman runc buildah skopeo debootstrap docker-registry; do
  command -v "$tool" >/dev/null || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

work=$(mktemp -d /tmp/connector-container.XXXXXX)
registry_pid=""
container=""
podman_flags=(--root "$work/storage" --runroot "$work/run" --storage-driver vfs)
export CONTAINERS_CONF="$repo/deploy/container/containers.conf"
# The registries podman and skopeo would otherwise consult: none; every name here is fully qualified.
printf 'unqualified-search-registries = []\n' >"$work/registries.conf"
export CONTAINERS_REGISTRIES_CONF="$work/registries.conf"

cleanup() {
  if [ -n "$container" ]; then
    podman "${podman_flags[@]}" rm -f "$container" >/dev/null 2>&1 || true
  fi
  if [ -n "$registry_pid" ]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  # vfs layers are plain folders owned by many users; podman removes what it made, rm the rest.
  podman "${podman_flags[@]}" system reset --force >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- 1. the base image, cached -----------------------------------------------------------------------------------------
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')
[ -n "$runtime" ] || fail "no Microsoft.AspNetCore.App runtime installed (dotnet --list-runtimes)"
[ -d "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" ] || fail "Microsoft.NETCore.App $runtime is not next to ASP.NET Core $runtime in $dotnet_root"
cache=${CONNECTOR_CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/connector-container}
# The key names what goes in: a change to the recipe below must change "v1".
base_archive="$cache/aspnet-bookworm-$runtime-v1.oci.tar"
mkdir -p "$cache"

if [ -f "$base_archive" ]; then
  step "base image from the cache: $base_archive"
else
  step "building the base image (Debian bookworm minbase, ASP.NET Core $runtime); cached afterwards"
  started=$SECONDS
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates bookworm "$rootfs" http://deb.debian.org/debian \
    >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
  # The SDK's ASP.NET images: .NET under /usr/share/dotnet, the `app` user (UID 1654) with a home of its own.
  mkdir -p "$rootfs/usr/share/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$rootfs/usr/share/dotnet/"
  for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$rootfs/usr/share/dotnet/shared/$framework"
    cp -a "$dotnet_root/shared/$framework/$runtime" "$rootfs/usr/share/dotnet/shared/$framework/"
  done
  ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  chroot "$rootfs" groupadd --gid 1654 app
  chroot "$rootfs" useradd --uid 1654 --gid app --create-home --home-dir /home/app --shell /bin/false app
  # What a base image does not need: package lists and caches.
  rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
  tar -C "$rootfs" -cf "$work/rootfs.tar" .
  rm -rf "$rootfs"

  builder=$(buildah "${podman_flags[@]}" from scratch)
  buildah "${podman_flags[@]}" add "$builder" "$work/rootfs.tar" / >/dev/null
  buildah "${podman_flags[@]}" config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env APP_UID=1654 --env DOTNET_RUNNING_IN_CONTAINER=true --env DOTNET_VERSION="$runtime" \
    --env ASPNET_VERSION="$runtime" --env ASPNETCORE_HTTP_PORTS=8080 \
    --workingdir / "$builder"
  buildah "${podman_flags[@]}" commit --quiet --format oci "$builder" "oci-archive:$work/base.oci.tar" >/dev/null
  buildah "${podman_flags[@]}" rm "$builder" >/dev/null
  rm -f "$work/rootfs.tar"
  mv "$work/base.oci.tar" "$base_archive"
  step "base image built in $((SECONDS - started)) s"
fi

# --- 2. a throwaway registry on loopback -------------------------------------------------------------------------------
registry_port=$(free_port)
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$registry_port
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$registry_port/v2/" >/dev/null 2>&1 && break
  kill -0 "$registry_pid" 2>/dev/null || { cat "$work/registry.log" >&2; fail "docker-registry exited"; }
  sleep 0.1
done
curl -fs "http://127.0.0.1:$registry_port/v2/" >/dev/null || { cat "$work/registry.log" >&2; fail "docker-registry did not answer"; }
base_image="localhost:$registry_port/connector/aspnet:$runtime"
skopeo copy --quiet --dest-tls-verify=false "oci-archive:$base_archive" "docker://$base_image" >/dev/null \
  || fail "skopeo could not push the base image to $base_image"
step "base image in the throwaway registry: $base_image"

# --- 3. the SDK's own container publish ----------------------------------------------------------------------------------
started=$SECONDS
image_archive="$work/connector-worker.tar.gz"
dotnet publish Connector.Worker -c Release -t:PublishContainer --nologo -v:quiet \
  -p:ContainerBaseImage="$base_image" -p:ContainerArchiveOutputPath="$image_archive" -p:ContainerImageTags=test \
  >"$work/publish.log" 2>&1 || { tail -40 "$work/publish.log" >&2; fail "dotnet publish -t:PublishContainer"; }
step "published the image in $((SECONDS - started)) s ($(du -h "$image_archive" | cut -f1))"

# --- 4. run it under podman ------------------------------------------------------------------------------------------
loaded=$(podman "${podman_flags[@]}" load --quiet -i "$image_archive") || fail "podman load"
image=${loaded##*: }
step "loaded $image"
port=$(free_port)
container="connector-worker-test-$$"
podman "${podman_flags[@]}" run -d --name "$container" -p "127.0.0.1:$port:8080" "$image" >/dev/null \
  || fail "podman run"

# --- 5. the checks ------------------------------------------------------------------------------------------------------
status=""
for _ in $(seq 600); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
  [ "$status" = "200" ] && break
  running=$(podman "${podman_flags[@]}" inspect -f '{{.State.Running}}' "$container" 2>/dev/null || echo false)
  if [ "$running" != "true" ]; then
    podman "${podman_flags[@]}" logs "$container" >&2 || true
    fail "the container stopped before /health answered"
  fi
  sleep 0.2
done
if [ "$status" != "200" ]; then
  podman "${podman_flags[@]}" logs "$container" >&2 || true
  fail "/health answered '$status', not 200, within 120 s"
fi
step "✓ /health answers 200 on 127.0.0.1:$port"

# The Worker's own process (PID 1 of the container), as the kernel sees it, not as the image claims.
uid=$(podman "${podman_flags[@]}" exec "$container" awk '/^Uid:/ { print $2 }' /proc/1/status)
user=$(podman "${podman_flags[@]}" exec "$container" awk -F: -v uid="$uid" '$3 == uid { print $1 }' /etc/passwd)
[ -n "$uid" ] && [ "$uid" != "0" ] || fail "the Worker runs as UID '$uid' (root), not as a non-root user"
[ "$user" = "app" ] || fail "the Worker runs as UID $uid ('$user'), not as app"
step "✓ the Worker runs as $user (UID $uid), not root"

config=$(podman "${podman_flags[@]}" image inspect -f '{{.Config.User}} {{json .Config.ExposedPorts}} {{json .Config.Env}}' "$image")
[[ "$config" == app\ * ]] || fail "the image's user is not app: $config"
[[ "$config" == *'"8080/tcp"'* ]] || fail "the image does not expose 8080/tcp: $config"
[[ "$config" == *'ASPNETCORE_HTTP_PORTS=8080'* ]] || fail "the image lacks ASPNETCORE_HTTP_PORTS=8080: $config"
step "✓ the image runs as app, exposes 8080/tcp and sets ASPNETCORE_HTTP_PORTS=8080"

# The embedded store and migrations, in the non-root user's home (Storage__DataDirectory): ready, not just alive.
ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
[ "$ready" = "200" ] || { podman "${podman_flags[@]}" logs "$container" >&2 || true; fail "/health/ready answered '$ready', not 200"; }
step "✓ /health/ready answers 200: the embedded store is writable by app and migrated"
step "all checks passed"
