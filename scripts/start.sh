#!/usr/bin/env bash
# Start the bot with Node 22 and the locked dependencies. Settings come from
# the environment, or from ./.env when it exists (see .env.example).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
ensure_node_modules
if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  source .env
  set +a
fi
exec npm start
