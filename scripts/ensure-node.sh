# shellcheck shell=bash
# Source me: makes `node` on PATH at least Node 22.18 (pg-boss 12 needs >= 22.12;
# `node src/main.ts` needs 22.18's type stripping on by default), installing
# Node 22 from the npm registry into ~/.local/node22 when missing.
# Also defines ensure_node_modules, which runs `npm ci` when node_modules is
# missing or older than the lock file.

NODE22_PREFIX="${NODE22_PREFIX:-$HOME/.local/node22}"

# The version as major*1000+minor (22.18 → 22018), 0 when there is no node.
_node_version() {
  local v major rest
  v="$(node -v 2>/dev/null)" || { echo 0; return 0; }
  v="${v#v}"
  major="${v%%.*}"
  rest="${v#*.}"
  echo $((major * 1000 + ${rest%%.*}))
}

if [ "$(_node_version)" -lt 22018 ]; then
  if [ ! -x "$NODE22_PREFIX/bin/node" ]; then
    echo "ensure-node: Node $(node -v 2>/dev/null || echo 'not found') is too old (22.18+ needed); installing Node 22 into $NODE22_PREFIX" >&2
    # A plain `npm install -g node@22` fails here with EEXIST; a private prefix works.
    npm install -g --no-fund --no-audit --prefix "$NODE22_PREFIX" node@22 >&2 || {
      echo "ensure-node: could not install Node 22 (is npm on PATH?)" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$NODE22_PREFIX/bin:$PATH"
  hash -r
  if [ "$(_node_version)" -lt 22018 ]; then
    echo "ensure-node: still on Node $(node -v 2>/dev/null) after installing into $NODE22_PREFIX" >&2
    return 1 2>/dev/null || exit 1
  fi
fi

ensure_node_modules() {
  # A shared node_modules (a symlink, as in a git worktree) belongs to its
  # owner: `npm ci` would empty the directory it points to for every user.
  if [ -L node_modules ]; then
    if [ package-lock.json -nt node_modules/.package-lock.json ]; then
      echo "ensure-node: node_modules is a shared link and older than package-lock.json; not reinstalling it here" >&2
    fi
    return 0
  fi
  if [ ! -f node_modules/.package-lock.json ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ] \
    || [ package.json -nt node_modules/.package-lock.json ]; then
    echo "ensure-node: installing dependencies (npm ci)" >&2
    npm ci --no-fund --no-audit
  fi
}
